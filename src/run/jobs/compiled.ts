/**
 * The ruleset a job in a worker thread scores with: compiled there from the resolved ruleset the
 * main thread made (plain data: it crosses threads by structured clone, while compiled rules hold
 * closures, which do not), so every thread scores from the very same data, and no worker parses
 * the YAML again. What was aggregated from related files comes along in shared memory.
 */
import { compileResolved } from '../../engine/compile.js';
import type { CompiledRuleset } from '../../engine/types.js';
import type { AccountTable } from '../../engine/accounts.js';
import { DerivedLookup, type RelatedTables } from '../../events/lookup.js';
import type { ResolvedRuleset } from '../../ruleset/resolved.js';
import type { BlockOptions } from './score-block.js';

/** What the scoring jobs are built from: plain data (see job.ts). */
export interface RulesJobOptions {
  /** the ruleset resolved against the export's header (the first input's) and its related files' */
  resolved: ResolvedRuleset;
  block: BlockOptions;
  /** with related files: what was aggregated from them (shared memory) */
  relatedTables?: RelatedTables;
  /** with accounts, once they are known: each account's values and stage */
  accountTable?: AccountTable;
}

export function compileForJob(options: RulesJobOptions): CompiledRuleset {
  const compiled = compileResolved(options.resolved);
  if (options.relatedTables) attachRelated(compiled, options.relatedTables);
  if (options.accountTable) attachAccounts(compiled, options.accountTable);
  return compiled;
}

/** Rows read with this compiled ruleset get their derived columns from `tables`. */
export function attachRelated(compiled: CompiledRuleset, tables: RelatedTables): void {
  const lookup = new DerivedLookup(tables);
  // with accounts or completeness one fill does all, the related files' columns first
  if (compiled.fill) compiled.fill.related = lookup;
  else if (compiled.plan.derived) compiled.plan.derived.fill = lookup;
}

/** Rows read with this compiled ruleset get their account's values from `table` (the lead pass, after the accounts pass). */
export function attachAccounts(compiled: CompiledRuleset, table: AccountTable): void {
  compiled.fill!.attach(table);
}
