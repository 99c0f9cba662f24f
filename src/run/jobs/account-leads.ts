/**
 * The `account-leads` job, the accounts pass: each lead scored as `score` scores it (the same
 * BlockScorer, so the same rows are read, rejected and typed) and, instead of a written row, what
 * it adds to its account: the account key, the company spelling, the total score in cents,
 * engaged, roles and the activity day, and its other keys as votes to link them to its account
 * (engine/account-links.ts); engine/account-fold.ts folds them in input order. With
 * dedupe, a block is handed the ordinals of its rows that lose, which add nothing.
 */
import { AccountKeyer, leadFacts } from '../../engine/accounts.js';
import { NO_ACCOUNT, type AccountLeadsBlock } from '../../engine/account-fold.js';
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
  private readonly keyer: AccountKeyer;
  private types: number[] = [];
  private keys: string[] = [];
  private companies: string[] = [];
  private cents: number[] = [];
  private engaged: number[] = [];
  private roles: number[] = [];
  private activity: number[] = [];
  private linkDomains: string[] = [];
  private linkNames: string[] = [];
  private losers: ArrayLike<number> | null = null;
  private loserAt = 0;
  private ordinal = 0;
  private readonly reasons: string[] = [];

  constructor(private readonly compiled: CompiledRuleset, private readonly options: BlockOptions) {
    const accounts = compiled.accounts!;
    this.keyer = new AccountKeyer(accounts.resolved, accounts.freeMail);
    this.scorer = new BlockScorer(compiled, options, false, (row) => this.add(row));
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
    return [result.types, result.cents, result.engaged, result.roles, result.activity].map((a) => a.buffer as ArrayBuffer);
  }

  private begin(losers: Losers | undefined): void {
    this.types = []; this.keys = []; this.companies = []; this.cents = []; this.engaged = []; this.roles = []; this.activity = [];
    this.linkDomains = []; this.linkNames = [];
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
    const key = this.keyer.value(row, true);
    const type = this.keyer.type;
    this.types.push(type < 0 ? NO_ACCOUNT : type);
    this.keys.push(key);
    this.companies.push(type < 0 ? '' : this.keyer.company(row));
    this.cents.push(Math.round(ev.total * 100));
    this.engaged.push(facts.engaged ? 1 : 0);
    this.roles.push(facts.roles);
    this.activity.push(facts.activity);
    this.linkDomains.push(this.keyer.linkDomain);
    this.linkNames.push(this.keyer.linkName);
  }

  private finish(r: BlockResult): AccountLeadsResult {
    return {
      lines: r.lines, leftover: r.leftover, footerLine: r.footerLine, error: r.error,
      types: Uint8Array.from(this.types), keys: this.keys, companies: this.companies, cents: Float64Array.from(this.cents), engaged: Uint8Array.from(this.engaged),
      roles: Int32Array.from(this.roles), activity: Float64Array.from(this.activity), linkDomains: this.linkDomains, linkNames: this.linkNames,
    };
  }
}
