/**
 * The files a ruleset brings into a run beside the exports: its related files (as --related
 * overrides them), its account files and its spend file (as --spend overrides it). One place, so
 * that every command reads them alike and guards them alike: a new kind of file a ruleset names
 * is added here, and no command can then write an output over it.
 */
import type { SpendColumns } from '../input/spend.js';
import type { Ruleset } from '../ruleset/types.js';
import { accountFilePaths } from '../run/accounts.js';
import { relatedOverrides, relatedPaths, type RelatedPath } from '../run/related.js';
import { spendSettings, type SpendFlags } from './settings.js';

export interface RulesetFileFlags extends SpendFlags {
  /** NAME=FILE (--related) */
  related?: readonly string[];
}

export interface RulesetFiles {
  /** where each related file is read from: --related, else the ruleset's `file:` */
  related: RelatedPath[];
  accounts: string[];
  spend: { path?: string; columns: SpendColumns };
  /**
   * The ruleset itself and every file above, and the ruleset's own paths of the files given
   * another with --related or --spend: files no output may be written over (guard.ts), read by this
   * command or not — `calibrate -o` over the spend file its ruleset names would leave the new
   * ruleset naming a ruleset as its spend.
   */
  guarded: string[];
}

/**
 * `strict`: an unknown --related name is an error; not so for --compare's ruleset, which may have
 * other related files than the main one (it takes the names it has).
 */
export function rulesetFiles(ruleset: Ruleset, rulesFile: string, flags: RulesetFileFlags, strict = true): RulesetFiles {
  const names = new Set((ruleset.related ?? []).map((r) => r.name));
  const given = strict ? flags.related : flags.related?.filter((g) => names.has(g.slice(0, Math.max(0, g.indexOf('='))).trim()));
  const related = relatedPaths(ruleset, rulesFile, relatedOverrides(ruleset, given));
  const declared = relatedPaths(ruleset, rulesFile, new Map());
  const accounts = accountFilePaths(ruleset, rulesFile);
  const spend = spendSettings(flags, ruleset, rulesFile);
  const declaredSpend = spendSettings({}, ruleset, rulesFile).path;
  const guarded = [rulesFile, ...related.map((r) => r.path), ...declared.map((r) => r.path), ...accounts,
    ...[spend.path, declaredSpend].filter((p): p is string => p !== undefined)];
  return { related, accounts, spend, guarded: [...new Set(guarded)] };
}
