/**
 * The accounts pass: what each lead adds to its account (account-leads job, per block) folded into
 * one accumulator per account, then each account's values, score and stage. Memory grows with
 * accounts, not leads: a lead leaves a few numbers in its account's slot and nothing else.
 *
 * Everything folded is independent of the leads' order: counts, sums of scores in whole cents
 * (integers, exact in any order), maxima, the union of roles, and the account's name is its most
 * frequent company spelling (ties: the first in code-unit order). Accounts are sorted by key. So
 * the same leads in any order, in any number of threads and blocks, give the same accounts.
 *
 * Before the accounts are scored, a domain or a name whose leads' other keys vote for another
 * account is linked into it (account-links.ts): the slots merge exactly (counts and cents add up,
 * maxima, role unions, spelling counts), and the linked key stays an alias of the account.
 */
import { round2 } from '../model/cents.js';
import { detach } from '../model/detach.js';
import { ACCOUNT_VALUES } from '../model/accounts.js';
import { AccountScorer, KEY_PREFIXES, splitKey, type AccountTable, type CompiledAccounts } from './accounts.js';
import { LinkVotes } from './account-links.js';

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
  /** a lead recognised by its id: its company domain ('' for none), a vote to link the domain to the id */
  linkDomains: string[];
  /** a lead recognised by its id or domain: its normalised company name ('' for none), a vote to link the name to it */
  linkNames: string[];
}

/** A key linked into an account: how it was recognised, the key as shown, and its leads. */
export interface LinkedKey {
  keyType: 'domain' | 'name';
  key: string;
  leads: number;
}

/** One account as accounts.csv shows it. */
export interface AccountRow {
  key: string;
  keyType: 'id' | 'domain' | 'name';
  name: string;
  /** its leads, those recognised by linked keys included */
  leads: number;
  /** the keys linked into the account, in key order (engine/account-links.ts) */
  linked: LinkedKey[];
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
  /** per slot: its key with its prefix */
  private readonly slotKeys: string[] = [];
  private readonly votes = new LinkVotes();
  /** once linked: per slot, the slot of the account it is linked into, or -1 */
  private into: Int32Array | null = null;
  /** once linked: per slot, the leads recognised by its own key */
  private ownLeads: number[] = [];
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
        const key = detach(block.keys[i]);
        index.set(key, a);
        this.slotKeys.push(KEY_PREFIXES[type] + key);
        this.leads.push(0); this.engaged.push(0); this.roles.push(0); this.cents.push(0); this.maxCents.push(-Infinity); this.last.push(NaN);
        this.names.push('');
        this.nameCount.push(0);
      }
      this.addName(a, block.companies[i], 1);
      this.votes.add(type, block.keys[i], block.linkDomains[i], block.linkNames[i]);
      this.leads[a]++;
      this.engaged[a] += block.engaged[i];
      this.roles[a] |= block.roles[i];
      this.cents[a] += block.cents[i];
      if (block.cents[i] > this.maxCents[a]) this.maxCents[a] = block.cents[i];
      const day = block.activity[i];
      if (day === day && !(day <= this.last[a])) this.last[a] = day;
    }
  }

  /** `times` leads spelled the company `company` */
  private addName(a: number, company: string, times: number): void {
    if (company === '') return;
    const names = this.names[a];
    if (typeof names !== 'string') {
      const count = names.get(company);
      names.set(count === undefined ? detach(company) : company, (count ?? 0) + times);
      return;
    }
    if (names === company) { this.nameCount[a] += times; return; }
    if (names === '') { this.names[a] = detach(company); this.nameCount[a] = times; return; }
    this.names[a] = new Map([[names, this.nameCount[a]], [detach(company), times]]);
  }

  /**
   * Links each domain and name into the account its votes name (account-links.ts), merging the
   * slots; once, before the account files are matched and the accounts scored. A name's target
   * follows that target's own link (a name → a domain → an id), so no account is linked twice.
   */
  link(): void {
    if (this.into) return;
    const into = (this.into = new Int32Array(this.leads.length).fill(-1));
    this.ownLeads = this.leads.slice();
    const ids = this.index[0];
    for (const [domain, a] of this.index[1]) {
      const id = this.votes.domainTarget(domain);
      if (id !== undefined) into[a] = ids.get(id)!;
    }
    for (const [name, a] of this.index[2]) {
      const target = this.votes.nameTarget(name);
      if (target === undefined) continue;
      const t = this.index[target.type].get(target.key)!;
      into[a] = into[t] >= 0 ? into[t] : t;
    }
    for (let a = 0; a < into.length; a++) if (into[a] >= 0) this.merge(into[a], a);
  }

  /** Slot `from`'s leads become slot `to`'s: every aggregate merges exactly, in any order. */
  private merge(to: number, from: number): void {
    this.leads[to] += this.leads[from];
    this.engaged[to] += this.engaged[from];
    this.roles[to] |= this.roles[from];
    this.cents[to] += this.cents[from];
    if (this.maxCents[from] > this.maxCents[to]) this.maxCents[to] = this.maxCents[from];
    const day = this.last[from];
    if (day === day && !(day <= this.last[to])) this.last[to] = day;
    const names = this.names[from];
    if (typeof names === 'string') this.addName(to, names, this.nameCount[from]);
    else for (const [name, count] of names) this.addName(to, name, count);
  }

  /**
   * The prefixed key of the account a key belongs to once linked (an account file's row names an
   * account by any of its keys), undefined when no lead has it. A domain no lead is recognised by
   * (its leads all have an id) still names the id its leads vote for, and a name likewise.
   */
  target(type: number, key: string): string | undefined {
    this.link();
    const a = this.index[type].get(key);
    if (a !== undefined) return this.slotKeys[this.into![a] >= 0 ? this.into![a] : a];
    if (type === 1) {
      const id = this.votes.domainTarget(key);
      return id === undefined ? undefined : KEY_PREFIXES[0] + id;
    }
    if (type === 2) {
      const t = this.votes.nameTarget(key);
      return t === undefined ? undefined : this.target(t.type, t.key);
    }
    return undefined;
  }

  /**
   * Each account's values, score and stage; `width`: the lead rows' width (header and derived
   * columns); `fileValues`: the account files' columns of an account (by prefixed key), in order.
   */
  finish(ca: CompiledAccounts, width: number, asOfDay: number, fileValues?: ReadonlyMap<string, Float64Array>): FoldedAccounts {
    // linked first (if the account files have not yet), so every value is the whole account's
    this.link();
    const into = this.into!;
    // the prefixed keys of the accounts, sorted: the table's order (engine/accounts.ts splitKey reads them back)
    const slots = new Map<string, number>();
    for (let a = 0; a < this.slotKeys.length; a++) if (into[a] < 0) slots.set(this.slotKeys[a], a);
    const keys = [...slots.keys()].sort(compareKeys);
    const number = new Map(keys.map((key, k) => [slots.get(key)!, k]));
    // the linked keys, sorted too: each an alias of its account's number, and listed in its row
    const aliasSlots = [...into.keys()].filter((a) => into[a] >= 0).sort((a, b) => compareKeys(this.slotKeys[a], this.slotKeys[b]));
    const aliases = aliasSlots.map((a) => this.slotKeys[a]);
    const aliasOf = Int32Array.from(aliasSlots, (a) => number.get(into[a])!);
    const linked = keys.map((): LinkedKey[] => []);
    aliasSlots.forEach((a, i) => {
      const { type, key } = splitKey(this.slotKeys[a]);
      linked[aliasOf[i]].push({ keyType: type as LinkedKey['keyType'], key, leads: this.ownLeads[a] });
    });
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
        key: shown, keyType: type, name: this.nameOf(a), leads, linked: linked[k], engagedLeads: this.engaged[a], roles,
        scoreSum: base[3], scoreMax: base[4], scoreAvg: base[5], lastActivity: base[6], files: Array.from(own.subarray(ACCOUNT_VALUES.length, ACCOUNT_VALUES.length + fileCount)),
        score: result.score, stage: result.stage, reasons: result.reasons,
      });
    });
    return { table: { keys, values, stages, aliases, aliasOf }, rows, leadsWithout: this.without };
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
