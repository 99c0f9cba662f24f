/**
 * What each lead of a block adds to its account, packed as account-fold.ts folds it: its keys as
 * this thread's numbers (account-lead-keys.ts, account-strings.ts), engaged, roles, its total
 * score in cents and its activity day. The accounts pass (run/jobs/account-leads.ts) and the lead
 * pass that scores before the accounts are known (run/jobs/score-accounts.ts) pack the same way.
 */
import { threadId } from 'node:worker_threads';
import type { TypedRow } from '../input/rows/types.js';
import { LEAD_FLOATS, LEAD_INTS, NO_ACCOUNT, type AccountLeadsBlock } from './account-fold.js';
import { LeadKeyNumbers } from './account-lead-keys.js';
import { StringNumbers } from './account-strings.js';
import { leadFacts, type CompiledAccounts } from './accounts.js';
import type { Evaluation } from './types.js';

export class AccountLeadPack {
  /** this thread's numbers of the keys, spellings and names, for as long as the pack lives (one input) */
  private readonly numbers = new StringNumbers();
  private readonly keys: LeadKeyNumbers;
  /** the block's leads so far (LEAD_INTS, LEAD_FLOATS); reused, copied out per block */
  private ints = new Int32Array(LEAD_INTS.width * 1024);
  private floats = new Float64Array(LEAD_FLOATS.width * 1024);
  /** leads packed in the current block */
  leads = 0;

  constructor(private readonly accounts: CompiledAccounts, private readonly asOfDay: number) {
    this.keys = new LeadKeyNumbers(accounts.resolved, accounts.freeMail, this.numbers);
  }

  /** A new block. */
  begin(): void {
    this.leads = 0;
  }

  /** The lead of `row`, whose scores are `ev`. */
  add(row: TypedRow, ev: Evaluation): void {
    const facts = leadFacts(row, ev, this.accounts, this.asOfDay);
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

  /**
   * The block's leads, and every string numbered since the last call: also those of a block that
   * failed here and is run again elsewhere.
   */
  take(): AccountLeadsBlock {
    return {
      source: threadId, strings: this.numbers.take(),
      ints: this.ints.slice(0, this.leads * LEAD_INTS.width), floats: this.floats.slice(0, this.leads * LEAD_FLOATS.width),
    };
  }

  private grow(): void {
    const ints = new Int32Array(this.ints.length * 2);
    ints.set(this.ints);
    this.ints = ints;
    const floats = new Float64Array(this.floats.length * 2);
    floats.set(this.floats);
    this.floats = floats;
  }
}
