/**
 * The `account-leads` job, the accounts pass: each lead scored as `score` scores it (the same
 * BlockScorer, so the same rows are read and rejected, typed with only the columns this pass reads:
 * engine/accounts-pass.ts) and, instead of a written row, what it adds to its account: the account
 * key, the company spelling, the total score in cents, engaged, roles and the activity day, and its
 * other keys as votes to link them to its account (engine/account-links.ts);
 * engine/account-fold.ts folds them in input order. Strings go as this thread's numbers for them,
 * each string once (engine/account-strings.ts). With dedupe, a block is handed the ordinals of its
 * rows that lose, which add nothing.
 */
import { AccountLeadPack } from '../../engine/account-lead-pack.js';
import { accountsPassRuleset } from '../../engine/accounts-pass.js';
import type { AccountLeadsBlock } from '../../engine/account-fold.js';
import { evaluateScores } from '../../engine/evaluate.js';
import type { CompiledRuleset } from '../../engine/types.js';
import type { TypedRow } from '../../input/rows/types.js';
import type { BlockJob, BlockOutcome, BlockTask, JobSpec } from '../job.js';
import type { RulesJobOptions } from './compiled.js';
import { BlockScorer, type BlockOptions, type BlockResult } from './score-block.js';
import type { Losers } from './score.js';

export type AccountLeadsSpec = JobSpec<'account-leads', RulesJobOptions>;

export type AccountLeadsResult = BlockOutcome & AccountLeadsBlock;

export class AccountLeadsJob implements BlockJob<AccountLeadsResult, Losers> {
  private readonly scorer: BlockScorer;
  /** what each lead adds to its account, for as long as the job lives (one input) */
  private readonly pack: AccountLeadPack;
  private readonly reasons: string[] = [];

  /** the ruleset as this pass runs it: only what a lead brings to its account is read (engine/accounts-pass.ts) */
  private readonly compiled: CompiledRuleset;

  constructor(compiled: CompiledRuleset, private readonly options: BlockOptions) {
    this.compiled = accountsPassRuleset(compiled);
    this.pack = new AccountLeadPack(compiled.accounts!, options.asOfDay);
    this.scorer = new BlockScorer(this.compiled, options, false, (row) => this.add(row));
  }

  /** `task.data`: dedupe's losing rows of the block, which the scorer does not hand to `add` (a duplicate is no lead of the account) */
  runBytes(bytes: Buffer, final: boolean, task: BlockTask<Losers>): AccountLeadsResult {
    this.pack.begin();
    return this.finish(this.scorer.scoreBytes(bytes, final, task.data));
  }

  runText(text: string, final: boolean, task: BlockTask<Losers>): AccountLeadsResult {
    this.pack.begin();
    return this.finish(this.scorer.scoreText(text, final, task.data));
  }

  transfer(result: AccountLeadsResult): ArrayBuffer[] {
    return [result.ints.buffer as ArrayBuffer, result.floats.buffer as ArrayBuffer];
  }

  private add(row: TypedRow): void {
    // the lead's scores only: its stage may read account values, which this pass makes
    this.reasons.length = 0;
    const ev = evaluateScores(row, this.compiled, this.options.asOfDay, this.reasons);
    this.pack.add(row, ev);
  }

  private finish(r: BlockResult): AccountLeadsResult {
    return { lines: r.lines, leftover: r.leftover, footerLine: r.footerLine, error: r.error, ...this.pack.take() };
  }
}
