/**
 * A run's accounts pass, between the related files (and dedupe's first pass) and scoring: every
 * input's leads scored as the lead pass will score them, each adding what it brings to its
 * account (jobs/account-leads.ts, in the worker threads), folded in input order on this thread
 * (engine/account-fold.ts). Memory grows with the accounts, not the leads. The accounts' values,
 * scores and stages are then plain data the lead pass's threads are handed (jobs/compiled.ts).
 */
import { AccountFold, type FoldedAccounts } from '../engine/account-fold.js';
import type { CompiledRuleset } from '../engine/types.js';
import type { BlockInput } from '../input/csv/read-blocks.js';
import type { InputSeries } from '../input/csv/input-series.js';
import type { RulesJobOptions } from './jobs/compiled.js';
import { AccountLeadsJob, type AccountLeadsSpec } from './jobs/account-leads.js';
import type { Losers } from './jobs/score.js';
import { runPipeline } from './pipeline.js';
import type { WorkerPool } from './worker-pool.js';

export interface AccountsRun {
  compiled: CompiledRuleset;
  inputs: InputSeries;
  asOfDay: number;
  threads: number;
  pool: WorkerPool;
  /** what the jobs of one input are built from */
  jobOptions: (input: BlockInput) => RulesJobOptions;
  /** dedupe: the losing rows of input `i`'s block `index`, which belong to no account */
  losers?: (i: number, index: number) => Losers | undefined;
  /** after each block: its scored leads (progress) */
  onBlock?: (input: BlockInput, leads: number) => void;
  /** after each input */
  onInputEnd?: (input: BlockInput) => void;
}

export async function aggregateAccounts(run: AccountsRun): Promise<FoldedAccounts> {
  const fold = new AccountFold();
  for (let i = 0; i < run.inputs.paths.length; i++) {
    const input = await run.inputs.read(i, i > 0 ? run.compiled.header : undefined);
    const options = run.jobOptions(input);
    const job = { kind: 'account-leads', options } satisfies AccountLeadsSpec;
    const losers = run.losers;
    await runPipeline(input, {
      job, local: new AccountLeadsJob(run.compiled, options.block), threads: run.threads, pool: run.pool, recycle: true,
      dataFor: losers && ((index: number) => losers(i, index)),
    }, (block) => { fold.add(block); run.onBlock?.(input, block.keys.length); });
    run.onInputEnd?.(input);
  }
  return fold.finish(run.compiled.accounts!, run.compiled.header.length + (run.compiled.plan.derived?.count ?? 0), run.asOfDay);
}
