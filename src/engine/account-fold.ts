/**
 * The accounts pass: what each lead adds to its account (account-leads job, per block) folded into
 * one accumulator per account, then each account's values, score and stage. Memory grows with
 * accounts, not leads: a lead leaves a few numbers in its account's slot and nothing else.
 *
 * Everything folded is independent of the leads' order: counts, sums of scores in whole cents
 * (integers, exact in any order), maxima, the union of roles, and the account's name is its most
 * frequent company spelling (ties: the first in code-unit order). Accounts are sorted by key. So
 * the same leads in any order, in any number of threads and blocks, give the same accounts.
 */
import { round2 } from '../model/cents.js';
import { detach } from '../model/detach.js';
import { ACCOUNT_VALUES } from '../model/accounts.js';
import { AccountScorer, KEY_PREFIXES, splitKey, type AccountTable, type CompiledAccounts } from './accounts.js';

/** One block's scored leads, in order: what each adds to its account ('' key: none). */
export interface AccountLeadsBlock {
  /** how each lead's account is recognised: 0 id, 1 domain, 2 name; NO_ACCOUNT for none */
  types: Uint8Array;
  /** its key without the type's prefix ('' for none) */
  keys: string[];
  /** the company cell as written (trimmed), for the account's name */
  companies: string[];
  /** the lead's total score in cents */
  cents: Float64Array;
  engaged: Uint8Array;
  roles: Int32Array;
  /** day of accounts.activity, NaN when empty */
  activity: Float64Array;
}

/** One account as accounts.csv shows it. */
export interface AccountRow {
  key: string;
  keyType: 'id' | 'domain' | 'name';
  name: string;
  leads: number;
  engagedLeads: number;
  /** the roles covered, in ruleset order */
  roles: string[];
  scoreSum: number;
  scoreMax: number;
  scoreAvg: number;
  /** day number, NaN when none */
  lastActivity: number;
  /** the account files' columns, in order (NaN: the files do not name the account) */
  files: number[];
  score: number;
  stage: number;
  reasons: string[];
}

export interface FoldedAccounts {
  table: AccountTable;
  rows: AccountRow[];
  /** scored leads without an account */
  leadsWithout: number;
}

/** A lead without an account, in `AccountLeadsBlock.types`. */
export const NO_ACCOUNT = 255;

export class AccountFold {
  /** per key type (id, domain, name): the key without its prefix → the account's slot */
  private readonly index = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  private readonly leads: number[] = [];
  private readonly engaged: number[] = [];
  private readonly roles: number[] = [];
  private readonly cents: number[] = [];
  private readonly maxCents: number[] = [];
  private readonly last: number[] = [];
  /** per account: company spelling → leads (a single spelling is kept without a map, with its count apart) */
  private readonly names: (Map<string, number> | string)[] = [];
  private readonly nameCount: number[] = [];
  private without = 0;

  add(block: AccountLeadsBlock): void {
    for (let i = 0; i < block.keys.length; i++) {
      const type = block.types[i];
      if (type === NO_ACCOUNT) { this.without++; continue; }
      const index = this.index[type];
      let a = index.get(block.keys[i]);
      if (a === undefined) {
        a = this.leads.length;
        // a cell sliced from a block would keep the whole block alive
        index.set(detach(block.keys[i]), a);
        this.leads.push(0); this.engaged.push(0); this.roles.push(0); this.cents.push(0); this.maxCents.push(-Infinity); this.last.push(NaN);
        this.names.push('');
        this.nameCount.push(0);
      }
      this.addName(a, block.companies[i]);
      this.leads[a]++;
      this.engaged[a] += block.engaged[i];
      this.roles[a] |= block.roles[i];
      this.cents[a] += block.cents[i];
      if (block.cents[i] > this.maxCents[a]) this.maxCents[a] = block.cents[i];
      const day = block.activity[i];
      if (day === day && !(day <= this.last[a])) this.last[a] = day;
    }
  }

  private addName(a: number, company: string): void {
    if (company === '') return;
    const names = this.names[a];
    if (typeof names !== 'string') {
      const count = names.get(company);
      names.set(count === undefined ? detach(company) : company, (count ?? 0) + 1);
      return;
    }
    if (names === company) { this.nameCount[a]++; return; }
    if (names === '') { this.names[a] = detach(company); this.nameCount[a] = 1; return; }
    this.names[a] = new Map([[names, this.nameCount[a]], [detach(company), 1]]);
  }

  /** Whether the fold has an account of this prefixed key (engine/accounts.ts KEY_PREFIXES). */
  has(type: number, key: string): boolean {
    return this.index[type].has(key);
  }

  /**
   * Each account's values, score and stage; `width`: the lead rows' width (header and derived
   * columns); `fileValues`: the account files' columns of an account (by prefixed key), in order.
   */
  finish(ca: CompiledAccounts, width: number, asOfDay: number, fileValues?: ReadonlyMap<string, Float64Array>): FoldedAccounts {
    // the prefixed keys, sorted: the table's order (engine/accounts.ts splitKey reads them back)
    const slots = new Map<string, number>();
    this.index.forEach((index, type) => { for (const [key, a] of index) slots.set(KEY_PREFIXES[type] + key, a); });
    const keys = [...slots.keys()].sort(compareKeys);
    const columns = ca.resolved.values;
    const n = columns.length;
    const values = new Float64Array(keys.length * n);
    const stages = new Int32Array(keys.length);
    const scorer = new AccountScorer(ca, width, asOfDay);
    const roleNames = ca.resolved.roles.map((r) => r.name);
    const fileCount = ca.resolved.files.reduce((n, f) => n + f.columns.length, 0);
    const rows: AccountRow[] = [];
    const own = new Float64Array(n);
    keys.forEach((key, k) => {
      const a = slots.get(key)!;
      const leads = this.leads[a];
      const roles = roleNames.filter((_, i) => (this.roles[a] >> i) & 1);
      const base = [
        leads, this.engaged[a], roles.length, this.cents[a] / 100, this.maxCents[a] / 100,
        round2(this.cents[a] / leads / 100), this.last[a], NaN,
      ];
      own.fill(NaN);
      base.forEach((v, i) => { own[i] = v; });
      const files = fileValues?.get(key);
      for (let j = 0; j < fileCount; j++) own[ACCOUNT_VALUES.length + j] = files ? files[j] : NaN;
      roleNames.forEach((_, i) => { own[ACCOUNT_VALUES.length + fileCount + i] = (this.roles[a] >> i) & 1; });
      const result = scorer.score(own);
      values.set(own, k * n);
      stages[k] = result.stage;
      const { type, key: shown } = splitKey(key);
      rows.push({
        key: shown, keyType: type, name: this.nameOf(a), leads, engagedLeads: this.engaged[a], roles,
        scoreSum: base[3], scoreMax: base[4], scoreAvg: base[5], lastActivity: base[6], files: Array.from(own.subarray(ACCOUNT_VALUES.length, ACCOUNT_VALUES.length + fileCount)),
        score: result.score, stage: result.stage, reasons: result.reasons,
      });
    });
    return { table: { keys, values, stages }, rows, leadsWithout: this.without };
  }

  /** The most frequent company spelling; ties: the first in code-unit order. */
  private nameOf(a: number): string {
    const names = this.names[a];
    if (typeof names === 'string') return names;
    let best = '';
    let most = 0;
    for (const [name, count] of names) {
      if (count > most || (count === most && name < best)) { best = name; most = count; }
    }
    return best;
  }
}

/** Code-unit order: the same in every locale. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
