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
import { threadId } from 'node:worker_threads';
import { StringNumbers } from '../../engine/account-strings.js';
import { LeadKeyNumbers } from '../../engine/account-lead-keys.js';
import { leadFacts } from '../../engine/accounts.js';
import { accountsPassRuleset } from '../../engine/accounts-pass.js';
import { LEAD_FLOATS, LEAD_INTS, NO_ACCOUNT, type AccountLeadsBlock } from '../../engine/account-fold.js';
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
  /** this job's numbers of the keys, spellings and names, for as long as it lives (one input) */
  private readonly numbers = new StringNumbers();
  private readonly keys: LeadKeyNumbers;
  /** the block's leads so far, packed (engine/account-fold.ts LEAD_INTS, LEAD_FLOATS); reused, copied out per block */
  private ints = new Int32Array(LEAD_INTS.width * 1024);
  private floats = new Float64Array(LEAD_FLOATS.width * 1024);
  private leads = 0;
  private losers: ArrayLike<number> | null = null;
  private loserAt = 0;
  private ordinal = 0;
  private readonly reasons: string[] = [];

  /** the ruleset as this pass runs it: only what a lead brings to its account is read (engine/accounts-pass.ts) */
  private readonly compiled: CompiledRuleset;

  constructor(compiled: CompiledRuleset, private readonly options: BlockOptions) {
    this.compiled = accountsPassRuleset(compiled);
    const accounts = compiled.accounts!;
    this.keys = new LeadKeyNumbers(accounts.resolved, accounts.freeMail, this.numbers);
    this.scorer = new BlockScorer(this.compiled, options, false, (row) => this.add(row));
  }

  runBytes(bytes: Buffer, final: boolean, task: BlockTask<Losers>): AccountLeadsResult {
    this.begin(task.data);
    return this.finish(this.scorer.scoreBytes(bytes, final));
  }

  runText(text: string, final: boolean, task: BlockTask<Losers>): AccountLeadsResult {
    this.begin(task.data);
    return this.finish(this.scorer.scoreText(text, final));
  }

  transfer(result: AccountLeadsResult): ArrayBuffer[] {
    return [result.ints.buffer as ArrayBuffer, result.floats.buffer as ArrayBuffer];
  }

  private begin(losers: Losers | undefined): void {
    this.leads = 0;
    this.losers = losers ?? null;
    this.loserAt = 0;
    this.ordinal = 0;
  }

  private add(row: TypedRow): void {
    // dedupe: a row that lost to another row of its key is no lead of the account
    const ordinal = this.ordinal++;
    if (this.losers !== null && this.loserAt < this.losers.length && this.losers[this.loserAt] === ordinal) { this.loserAt++; return; }
    // the lead's scores only: its stage may read account values, which this pass makes
    this.reasons.length = 0;
    const ev = evaluateScores(row, this.compiled, this.options.asOfDay, this.reasons);
    const facts = leadFacts(row, ev, this.compiled.accounts!, this.options.asOfDay);
    const keys = this.keys;
    keys.read(row);
    if ((this.leads + 1) * LEAD_INTS.width > this.ints.length) this.grow();
    const L = LEAD_INTS;
    const i = this.leads * L.width;
    const ints = this.ints;
    ints[i + L.type] = keys.type < 0 ? NO_ACCOUNT : keys.type;
    ints[i + L.key] = keys.key;
    ints[i + L.company] = keys.company;
    ints[i + L.linkDomain] = keys.linkDomain;
    ints[i + L.linkName] = keys.linkName;
    ints[i + L.engaged] = facts.engaged ? 1 : 0;
    ints[i + L.roles] = facts.roles;
    const f = this.leads * LEAD_FLOATS.width;
    this.floats[f + LEAD_FLOATS.cents] = Math.round(ev.total * 100);
    this.floats[f + LEAD_FLOATS.activity] = facts.activity;
    this.leads++;
  }

  private grow(): void {
    const ints = new Int32Array(this.ints.length * 2);
    ints.set(this.ints);
    this.ints = ints;
    const floats = new Float64Array(this.floats.length * 2);
    floats.set(this.floats);
    this.floats = floats;
  }

  private finish(r: BlockResult): AccountLeadsResult {
    return {
      lines: r.lines, leftover: r.leftover, footerLine: r.footerLine, error: r.error,
      // every string numbered since the last result: also those of a block that failed here and is run again elsewhere
      source: threadId, strings: this.numbers.take(),
      ints: this.ints.slice(0, this.leads * LEAD_INTS.width), floats: this.floats.slice(0, this.leads * LEAD_FLOATS.width),
    };
  }
}
