/**
 * The ruleset a job in a worker thread scores with: compiled there from the resolved ruleset the
 * main thread made (plain data: it crosses threads by structured clone, while compiled rules hold
 * closures, which do not), so every thread scores from the very same data, and no worker parses
 * the YAML again.
 */
import { compileResolved } from '../../engine/compile.js';
import type { CompiledRuleset } from '../../engine/types.js';
import type { ResolvedRuleset } from '../../ruleset/resolved.js';
import type { BlockOptions } from './score-block.js';

/** What the scoring jobs are built from: plain data (see job.ts). */
export interface RulesJobOptions {
  /** the ruleset resolved against the export's header (the first input's) */
  resolved: ResolvedRuleset;
  block: BlockOptions;
}

export function compileForJob(options: RulesJobOptions): CompiledRuleset {
  return compileResolved(options.resolved);
}
