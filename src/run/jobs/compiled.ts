/**
 * The ruleset a job in a worker thread scores with: compiled again there from the same source
 * text, header and date as in the main thread (compiled rules hold closures, which do not cross
 * threads), so both score alike.
 */
import { compileRuleset } from '../../engine/compile.js';
import type { CompiledRuleset } from '../../engine/types.js';
import { DerivedLookup, type RelatedTables } from '../../events/lookup.js';
import { rulesetFromText } from '../../ruleset/index.js';
import type { BlockOptions } from './score-block.js';

/** What the scoring jobs are built from: plain data (see job.ts). */
export interface RulesJobOptions {
  rulesSource: string;
  rulesFile: string;
  /** the date the run scores as of, as the main thread settled it */
  asOf: string;
  /** the header the ruleset was compiled against (the first input's) */
  header: string[];
  block: BlockOptions;
  /** with related files: their headers (by related name) and what was aggregated from them (shared memory) */
  related?: { headers: [string, { header: string[]; file: string }][]; tables: RelatedTables };
}

export function compileFromSource(options: RulesJobOptions): CompiledRuleset {
  const { ruleset } = rulesetFromText(options.rulesSource, options.rulesFile);
  const { compiled } = compileRuleset(ruleset, options.header, options.block.file, options.asOf, new Map(options.related?.headers ?? []));
  if (options.related) attachRelated(compiled, options.related.tables);
  return compiled;
}

/** Rows read with this compiled ruleset get their derived columns from `tables`. */
export function attachRelated(compiled: CompiledRuleset, tables: RelatedTables): void {
  if (compiled.plan.derived) compiled.plan.derived.fill = new DerivedLookup(tables);
}
