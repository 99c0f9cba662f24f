/**
 * Dedupe's first pass over every input of an export: each scored row's key and rank from the
 * `dedupe-keys` job (on the worker threads), folded in input order on this thread into the rows
 * that lose to another row of their key (jobs/dedupe.ts). `leadq score` runs it before writing,
 * `backtest` and `calibrate` before capturing: one pass, so all three keep the very same rows.
 */
import type { CompiledRuleset } from '../engine/types.js';
import type { InputSeries } from '../input/csv/input-series.js';
import type { BlockInput } from '../input/csv/read-blocks.js';
import type { RulesJobOptions } from './jobs/compiled.js';
import { DuplicateFinder } from './jobs/dedupe.js';
import { DedupeKeysJob, type DedupeKeysSpec } from './jobs/dedupe-keys.js';
import { runPipeline } from './pipeline.js';
import type { WorkerPool } from './worker-pool.js';

export interface DedupeRun {
  /** the ruleset whose `dedupe:` decides (with its related tables attached: keep: highest_score reads them) */
  compiled: CompiledRuleset;
  inputs: InputSeries;
  threads: number;
  pool: WorkerPool;
  /** what the jobs of one input are built from */
  jobOptions: (input: BlockInput) => RulesJobOptions;
  /** after each block: its scored rows (progress) */
  onBlock?: (input: BlockInput, rows: number) => void;
  /** after each input */
  onInputEnd?: (input: BlockInput) => void;
}

export async function findDuplicates(run: DedupeRun): Promise<DuplicateFinder> {
  const finder = new DuplicateFinder();
  for (let i = 0; i < run.inputs.paths.length; i++) {
    const input = await run.inputs.read(i, i > 0 ? run.compiled.header : undefined);
    const options = run.jobOptions(input);
    const job = { kind: 'dedupe-keys', options } satisfies DedupeKeysSpec;
    // nothing is written, nothing kept: every block's memory can be reused
    await runPipeline(input, { job, local: new DedupeKeysJob(run.compiled, options.block), threads: run.threads, pool: run.pool, recycle: true },
      (block, _lineShift, index) => { finder.add(i, index, block.keys, block.ranks); run.onBlock?.(input, block.keys.length); });
    run.onInputEnd?.(input);
  }
  return finder;
}
