/**
 * `leadq validate`: every problem of a ruleset in one run, as `rules.yaml:line:col message`;
 * with --input, also every column the rules name that the export's header lacks.
 */
import { EXIT } from '../errors.js';
import { openCsvInput } from '../input/read-csv.js';
import { compileRuleset } from '../ruleset/compile.js';
import { formatIssue } from '../ruleset/index.js';
import { parseRules, readRulesFile } from '../ruleset/load.js';
import type { RulesetIssue } from '../ruleset/types.js';
import { validateRuleset } from '../ruleset/validate.js';
import { costStageWarnings } from '../ruleset/validate-cost-stages.js';
import type { Io } from './io.js';

export interface ValidateOptions {
  input?: string;
  encoding?: string;
  skipLines?: number;
  delimiter?: string;
}

export async function validateCommand(file: string, options: ValidateOptions, io: Io): Promise<number> {
  const { ruleset, issues } = validateRuleset(parseRules(readRulesFile(file), file), file);
  const all: RulesetIssue[] = [...issues];
  // a ladder without an SQL stage works, but its CPSQL is never available: worth a word here
  if (!issues.some((i) => i.severity === 'error')) all.push(...costStageWarnings(ruleset));
  if (options.input && !issues.some((i) => i.severity === 'error')) {
    const csv = await openCsvInput(options.input, { encoding: options.encoding, delimiter: options.delimiter, skipLines: options.skipLines });
    await csv.close();
    all.push(...compileRuleset(ruleset, csv.header, csv.name).issues);
  }
  all.sort((a, b) => (a.pos?.line ?? 0) - (b.pos?.line ?? 0) || (a.pos?.col ?? 0) - (b.pos?.col ?? 0));
  for (const issue of all) io.out(`${formatIssue(file, issue)}\n`);
  const errors = all.filter((i) => i.severity === 'error').length;
  const warnings = all.length - errors;
  if (errors > 0) {
    io.out(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${file}\n`);
    return EXIT.usage;
  }
  const stages = ruleset.stages.map((s) => s.name).join(' → ');
  io.out(`${file}: ok — ${ruleset.engagement.length} engagement and ${ruleset.fit.length} fit rules, `
    + `${ruleset.bant.size} BANT criteria, ${ruleset.disqualifiers.length} disqualifiers; stages ${stages}`
    + `${warnings ? `; ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}${options.input ? `; every column found in ${options.input}` : ''}\n`);
  return EXIT.ok;
}
