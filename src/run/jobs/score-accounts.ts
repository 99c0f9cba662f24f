/**
 * The `score-accounts` job: the lead pass of a run with accounts whose lead rules read no account
 * value (run/deferred-accounts.ts). A block's rows are scored and written as `score` writes them,
 * only without their account cells, which are not known yet; beside them go what each lead adds
 * to its account (packed as the accounts pass packs it: engine/account-lead-pack.ts) and where
 * its row stands, so the main thread folds the accounts as the rows come and puts each row's
 * account cells in once every lead is in. The export is then read once, not twice.
 */
import { AccountLeadPack } from '../../engine/account-lead-pack.js';
import type { AccountLeadsBlock } from '../../engine/account-fold.js';
import { scoresOf } from '../../engine/evaluate.js';
import type { CompiledRuleset, Evaluation, LeadResult } from '../../engine/types.js';
import type { TypedRow } from '../../input/rows/types.js';
import { outputCapacity } from '../../output/csv/output-buffer.js';
import type { BlockJob, BlockTask, JobSpec } from '../job.js';
import type { RulesJobOptions } from './compiled.js';
import { BlockScorer, type BlockOptions, type BlockResult } from './score-block.js';

export type ScoreAccountsSpec = JobSpec<'score-accounts', RulesJobOptions>;

/** Where a lead's row stands in its block's scored output (rows stand one after another), in `ScoreAccountsResult.places`. */
export const ROW_PLACE = {
  /** where its account cells belong (the offset of the first one's delimiter) */
  accountAt: 0,
  /** where the row ends, past its line break (the next row starts there) */
  end: 1,
  /** its stage in ladder order, -1 disqualified */
  stage: 2,
  width: 3,
} as const;

/**
 * A block's rows without their account cells (`scored`; `stages` empty: rows are split by stage
 * as the cells are put in) and, per lead in the same order, what it adds to its account and where
 * its row stands.
 */
export interface ScoreAccountsResult extends BlockResult, AccountLeadsBlock {
  /** per lead, ROW_PLACE.width ints */
  places: Int32Array;
}

export class ScoreAccountsJob implements BlockJob<ScoreAccountsResult, undefined> {
  private readonly scorer: BlockScorer;
  /** what each lead adds to its account, for as long as the job lives (one input) */
  private readonly pack: AccountLeadPack;
  private places = new Int32Array(ROW_PLACE.width * 1024);
  private leads = 0;
  /** the lead's scores, for engaged and the roles (reused) */
  private readonly ev: Evaluation = { engagement: 0, fit: 0, total: 0, bantCount: 0, bantMask: 0, named: [], grade: -1, asOfDay: 0 };

  constructor(compiled: CompiledRuleset, private readonly options: BlockOptions) {
    this.pack = new AccountLeadPack(compiled.accounts!, options.asOfDay);
    this.scorer = new BlockScorer(compiled, { ...options, byStage: false, deferAccounts: true }, false, null,
      (row, result, accountAt, end) => this.add(row, result, accountAt, end));
  }

  runBytes(bytes: Buffer, final: boolean, _task: BlockTask<undefined>): ScoreAccountsResult {
    this.begin();
    return this.finish(this.scorer.scoreBytes(bytes, final));
  }

  runText(text: string, final: boolean, _task: BlockTask<undefined>): ScoreAccountsResult {
    this.begin();
    return this.finish(this.scorer.scoreText(text, final));
  }

  transfer(result: ScoreAccountsResult): ArrayBuffer[] {
    return [...new Set([result.scored, result.duplicates, result.ints, result.floats, result.places].map((b) => b.buffer as ArrayBuffer))];
  }

  lend(inputBytes: number): number {
    return outputCapacity(inputBytes);
  }

  /** the scored output, once written to the spool */
  reusable(result: ScoreAccountsResult): ArrayBuffer[] {
    return [result.scored.buffer as ArrayBuffer];
  }

  private begin(): void {
    this.pack.begin();
    this.leads = 0;
  }

  private add(row: TypedRow, result: LeadResult, accountAt: number, end: number): void {
    this.pack.add(row, scoresOf(result, this.options.asOfDay, this.ev));
    if ((this.leads + 1) * ROW_PLACE.width > this.places.length) {
      const grown = new Int32Array(this.places.length * 2);
      grown.set(this.places);
      this.places = grown;
    }
    const p = this.leads++ * ROW_PLACE.width;
    this.places[p + ROW_PLACE.accountAt] = accountAt;
    this.places[p + ROW_PLACE.end] = end;
    this.places[p + ROW_PLACE.stage] = result.stage;
  }

  private finish(r: BlockResult): ScoreAccountsResult {
    return { ...r, ...this.pack.take(), places: this.places.slice(0, this.leads * ROW_PLACE.width) };
  }
}
