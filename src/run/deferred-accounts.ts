/**
 * Accounts in one read of the export, for a ruleset whose lead disqualifiers, stages and priority
 * read no account value (ruleset/resolve-accounts.ts `leadRulesReadAccounts`) and that does not
 * dedupe: then no lead's stage waits for the accounts, only its account cells do. Each block is
 * scored and written without them (jobs/score-accounts.ts), its leads folded into their accounts
 * as the blocks come (engine/account-fold.ts) and its rows put aside on disk (output/row-spool.ts);
 * once every lead is in, the accounts are scored as run/accounts.ts scores them, and each row is
 * written with its account's cells (output/spooled-rows.ts). The outputs are byte for byte those
 * of the accounts pass followed by the lead pass, which the other rulesets still take.
 *
 * The cost is disk, not memory: the rows wait in a scratch file about the size of the scored
 * output, beside it. Memory grows with the accounts, as in the two passes.
 */
import { AccountFold, type FoldedAccounts } from '../engine/account-fold.js';
import type { CompiledRuleset } from '../engine/types.js';
import type { BlockInput } from '../input/csv/read-blocks.js';
import type { CsvFormatter } from '../output/csv/csv-format.js';
import type { RowSpool } from '../output/row-spool.js';
import type { ScoreFiles } from '../output/score-files.js';
import { AccountRowCells, writeSpooledRows } from '../output/spooled-rows.js';
import { finishAccounts, openAccountFiles, type AccountsRun } from './accounts.js';
import { ROW_PLACE, ScoreAccountsJob, type ScoreAccountsResult, type ScoreAccountsSpec } from './jobs/score-accounts.js';
import { runPipeline } from './pipeline.js';

export interface DeferredAccountsRun extends Omit<AccountsRun, 'losers' | 'onBlock'> {
  /** where the rows wait for their account cells: made before any output (it can fail), closed by the caller */
  spool: RowSpool;
  /** after each block, in input order, `lineShift` making its lines absolute: its counts, rejects and footer (its rows are spooled) */
  onBlock: (input: BlockInput, block: ScoreAccountsResult, lineShift: number) => void;
}

/** The accounts, and the scored rows waiting for their cells. */
export interface DeferredAccounts {
  folded: FoldedAccounts;
  /**
   * Writes every row with its account's cells (`compiled` with the accounts attached first:
   * jobs/compiled.ts attachAccounts), formatted by `fmt` (the scored output's); `drain` lets a
   * pipe catch up; `toPipe`: some output is a pipe (its writes complete later).
   */
  write(compiled: CompiledRuleset, files: ScoreFiles, fmt: CsvFormatter, drain: () => Promise<void>, toPipe: boolean): Promise<void>;
}

export async function scoreBeforeAccounts(run: DeferredAccountsRun): Promise<DeferredAccounts> {
  // opened (their headers checked) before the export is read: a missing file or column stops the run at once
  const files = await openAccountFiles(run.compiled.accounts!.resolved.files, run.files ?? []);
  const rows = run.spool;
  try {
    const fold = new AccountFold();
    let slots = new Int32Array(1024);
    for (let i = 0; i < run.inputs.paths.length; i++) {
      const input = await run.inputs.read(i, i > 0 ? run.compiled.header : undefined);
      // every thread's job for this input numbers its strings anew
      fold.restart();
      const options = run.jobOptions(input);
      const job = { kind: 'score-accounts', options } satisfies ScoreAccountsSpec;
      await runPipeline(input, {
        job, local: new ScoreAccountsJob(run.compiled, options.block), threads: run.threads, pool: run.pool, recycle: true,
        discarded: (result) => { if ('strings' in result) fold.learn(result); },
      }, (block, lineShift) => {
        const leads = block.places.length / ROW_PLACE.width;
        if (slots.length < leads) slots = new Int32Array(leads * 2);
        const own = slots.subarray(0, leads);
        fold.add(block, own);
        rows.add(block.scored, block.places, own);
        run.onBlock(input, block, lineShift);
      });
      run.onInputEnd?.(input);
    }
    // the threads' scoring and numbering of every key they met are of no further use: gone with
    // them before the accounts are scored and the rows written (restarted when next needed)
    await run.pool.restart();
    const folded = await finishAccounts(run, files, fold);
    return {
      folded,
      write: async (compiled, scoreFiles, fmt, drain, toPipe) => {
        const cells = new AccountRowCells(compiled, fmt, folded.rows.length);
        await writeSpooledRows(rows, ROW_PLACE, (slot) => fold.accountOfSlot(slot), cells, scoreFiles, compiled.stages.length, drain, !toPipe);
      },
    };
  } finally {
    for (const f of files) await f.input.close();
  }
}
