/**
 * The ruleset a job in a worker thread scores with: compiled there from the resolved ruleset the
 * main thread made (plain data: it crosses threads by structured clone, while compiled rules hold
 * closures, which do not), so every thread scores from the very same data, and no worker parses
 * the YAML again. What was aggregated from related files comes along in shared memory.
 */
import { compileResolved } from '../../engine/compile.js';
import type { CompiledRuleset } from '../../engine/types.js';
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
}

export function compileForJob(options: RulesJobOptions): CompiledRuleset {
  const compiled = compileResolved(options.resolved);
  if (options.relatedTables) attachRelated(compiled, options.relatedTables);
  return compiled;
}

/** Rows read with this compiled ruleset get their derived columns from `tables`. */
export function attachRelated(compiled: CompiledRuleset, tables: RelatedTables): void {
  if (compiled.plan.derived) compiled.plan.derived.fill = new DerivedLookup(tables);
}
