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
import { ACCOUNT_VALUES } from '../model/accounts.js';
import { AccountScorer, KEY_PREFIXES, splitKey, type AccountTable, type CompiledAccounts } from './accounts.js';
import { LinkVotes } from './account-links.js';
import { accountKeys } from './account-lookup.js';
import { SlotTallies } from './slot-tallies.js';
import { keyShape } from '../input/keys/key-shape.js';
import { StringTable } from './account-strings.js';

/**
 * One block's scored leads, in order: what each adds to its account, packed per lead into two
 * typed arrays (two buffers cross threads per block, whatever the leads). Strings are numbers of
 * the thread that ran the block (account-strings.ts), -1 for none.
 */
export interface AccountLeadsBlock {
  /** the thread that numbered the strings (its threadId) */
  source: number;
  /** the strings it numbered since its last result, in number order */
  strings: string[];
  /** per lead, `LEAD_INTS.width` numbers at the offsets of `LEAD_INTS` */
  ints: Int32Array;
  /** per lead, `LEAD_FLOATS.width` numbers at the offsets of `LEAD_FLOATS` */
  floats: Float64Array;
}

/** What a lead adds to its account, in `AccountLeadsBlock.ints`. */
export const LEAD_INTS = {
  /** how its account is recognised: 0 id, 1 domain, 2 name; NO_ACCOUNT for none */
  type: 0,
  /** its key without the type's prefix */
  key: 1,
  /** the company cell as written (trimmed), for the account's name */
  company: 2,
  /** a lead recognised by its id: its company domain, a vote to link the domain to the id */
  linkDomain: 3,
  /** a lead recognised by its id or domain: its normalised company name, a vote to link the name to it */
  linkName: 4,
  /** 1 engaged, 0 not */
  engaged: 5,
  /** bit i: it has role i */
  roles: 6,
  width: 7,
} as const;

/** In `AccountLeadsBlock.floats`. */
export const LEAD_FLOATS = {
  /** the lead's total score in cents */
  cents: 0,
  /** day of accounts.activity, NaN when empty */
  activity: 1,
  width: 2,
} as const;

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
  /** in key order, the table's */
  rows: AccountRows;
  /** scored leads without an account */
  leadsWithout: number;
  /** the account files' values that are not a number (read as empty), per file and column */
  fileWarnings?: AccountFileWarning[];
  /** accounts by an id a spreadsheet rewrote as a number (`1002.0`, `1.23E+05`): how many, their leads, the first */
  rewrittenIds?: { accounts: number; leads: number; first: string };
}

/** Values of an account file's column that are not a number: read as empty, said on standard error. */
export interface AccountFileWarning {
  /** the account file's name in the ruleset, and where it was read */
  name: string;
  file: string;
  column: string;
  count: number;
  firstLine: number;
  firstValue: string;
}

/** Where each aggregate of a slot stands in `AccountFold.agg`. */
const AGG = { leads: 0, engaged: 1, roles: 2, cents: 3, maxCents: 4, last: 5, width: 6 } as const;

/** A lead without an account, in `AccountLeadsBlock.types`. */
export const NO_ACCOUNT = 255;

export class AccountFold {
  /** every thread's strings, numbered (account-strings.ts) */
  private readonly strings = new StringTable();
  /** per key type (id, domain, name): the key's number → the account's slot, -1 for none */
  private readonly slotOf: Int32Array[] = [new Int32Array(0), new Int32Array(0), new Int32Array(0)];
  /** per slot: its key type and its key's number */
  private readonly slotType: number[] = [];
  private readonly slotString: number[] = [];
  /** slots in use */
  private slots = 0;
  /**
   * per slot, side by side (AGG): its leads, engaged leads, roles (bits), the sum and the highest of
   * its leads' scores in cents, and its latest activity day: a lead's fold touches one cache line
   */
  private agg = new Float64Array(AGG.width * 1024);
  /** per account: company spelling → leads */
  private readonly names = new SlotTallies();
  /** per slot: its key with its prefix */
  private readonly slotKeys: string[] = [];
  private readonly votes = new LinkVotes();
  /** once linked: per slot, the slot of the account it is linked into, or -1 */
  private into: Int32Array | null = null;
  /** once linked: per slot, the leads recognised by its own key */
  private ownLeads: number[] = [];
  private without = 0;
  /** once finished: per slot, the number of its account in the table (a linked key's: the account it is linked into) */
  private accountOf: Int32Array | null = null;

  /** A new input: each thread numbers its strings anew. */
  restart(): void {
    this.strings.restart();
  }

  /** A block's result replaced by a rerun: its strings are still the next its thread numbered. */
  learn(block: Pick<AccountLeadsBlock, 'source' | 'strings'>): void {
    this.strings.learn(block.source, block.strings);
  }

  /**
   * Folds a block's leads; `slots`: per lead, the slot of its key is written there (-1: no account),
   * which `accountOfSlot` turns into its account once all leads are in.
   */
  add(block: AccountLeadsBlock, slots?: Int32Array): void {
    const ours = this.strings.learn(block.source, block.strings);
    const { ints, floats } = block;
    const L = LEAD_INTS;
    for (let i = 0, f = 0, lead = 0; i < ints.length; i += L.width, f += LEAD_FLOATS.width, lead++) {
      const type = ints[i + L.type];
      if (type === NO_ACCOUNT) { this.without++; if (slots) slots[lead] = -1; continue; }
      const key = ours[ints[i + L.key]];
      let slotOf = this.slotOf[type];
      if (key >= slotOf.length) slotOf = this.grow(type, key);
      let a = slotOf[key];
      if (a < 0) a = slotOf[key] = this.newSlot(type, key);
      if (slots) slots[lead] = a;
      this.names.add(a, numberOf(ours, ints[i + L.company]));
      this.votes.add(a, type, numberOf(ours, ints[i + L.linkDomain]), numberOf(ours, ints[i + L.linkName]));
      const agg = this.agg;
      const o = a * AGG.width;
      agg[o + AGG.leads]++;
      agg[o + AGG.engaged] += ints[i + L.engaged];
      agg[o + AGG.roles] = agg[o + AGG.roles] | ints[i + L.roles];
      const cents = floats[f + LEAD_FLOATS.cents];
      agg[o + AGG.cents] += cents;
      if (cents > agg[o + AGG.maxCents]) agg[o + AGG.maxCents] = cents;
      const day = floats[f + LEAD_FLOATS.activity];
      if (day === day && !(day <= agg[o + AGG.last])) agg[o + AGG.last] = day;
    }
  }

  private grow(type: number, key: number): Int32Array {
    const old = this.slotOf[type];
    const grown = new Int32Array(Math.max(key + 1, old.length * 2, 1024)).fill(-1);
    grown.set(old);
    return (this.slotOf[type] = grown);
  }

  private newSlot(type: number, key: number): number {
    const a = this.slots++;
    this.slotKeys.push(KEY_PREFIXES[type] + this.strings.strings[key]);
    this.slotType.push(type);
    this.slotString.push(key);
    if (a * AGG.width === this.agg.length) {
      const grown = new Float64Array(this.agg.length * 2);
      grown.set(this.agg);
      this.agg = grown;
    }
    const o = a * AGG.width;
    this.agg.fill(0, o, o + AGG.width);
    this.agg[o + AGG.maxCents] = -Infinity;
    this.agg[o + AGG.last] = NaN;
    this.names.push();
    this.votes.push();
    return a;
  }

  /**
   * Links each domain and name into the account its votes name (account-links.ts), merging the
   * slots; once, before the account files are matched and the accounts scored. A name's target
   * follows that target's own link (a name → a domain → an id), so no account is linked twice.
   */
  link(): void {
    if (this.into) return;
    const into = (this.into = new Int32Array(this.slots).fill(-1));
    this.ownLeads = Array.from({ length: this.slots }, (_, a) => this.agg[a * AGG.width + AGG.leads]);
    const text = (n: number) => this.strings.strings[n];
    this.votes.resolve(this.slots, (a) => ({ type: this.slotType[a], key: text(this.slotString[a]) }), text);
    // every domain first: a name's target may be a domain linked on
    for (let a = 0; a < into.length; a++) {
      if (this.slotType[a] !== 1) continue;
      const id = this.votes.domainTarget(text(this.slotString[a]));
      if (id !== undefined) into[a] = this.slotAt(0, id)!;
    }
    for (let a = 0; a < into.length; a++) {
      if (this.slotType[a] !== 2) continue;
      const target = this.votes.nameTarget(text(this.slotString[a]));
      if (target === undefined) continue;
      const t = this.slotAt(target.type, target.key)!;
      into[a] = into[t] >= 0 ? into[t] : t;
    }
    for (let a = 0; a < into.length; a++) if (into[a] >= 0) this.merge(into[a], a);
  }

  /** The slot of a key (without its prefix) of `type`, undefined when no lead is recognised by it. */
  private slotAt(type: number, key: string): number | undefined {
    const n = this.strings.number(key);
    const slotOf = this.slotOf[type];
    return n === undefined || n >= slotOf.length || slotOf[n] < 0 ? undefined : slotOf[n];
  }

  /** Slot `from`'s leads become slot `to`'s: every aggregate merges exactly, in any order. */
  private merge(to: number, from: number): void {
    const agg = this.agg;
    const t = to * AGG.width;
    const f = from * AGG.width;
    agg[t + AGG.leads] += agg[f + AGG.leads];
    agg[t + AGG.engaged] += agg[f + AGG.engaged];
    agg[t + AGG.roles] = agg[t + AGG.roles] | agg[f + AGG.roles];
    agg[t + AGG.cents] += agg[f + AGG.cents];
    if (agg[f + AGG.maxCents] > agg[t + AGG.maxCents]) agg[t + AGG.maxCents] = agg[f + AGG.maxCents];
    const day = agg[f + AGG.last];
    if (day === day && !(day <= agg[t + AGG.last])) agg[t + AGG.last] = day;
    this.names.forEach(from, (name, count) => this.names.add(to, name, count));
  }

  /**
   * The prefixed key of the account a key belongs to once linked (an account file's row names an
   * account by any of its keys), undefined when no lead has it. A domain no lead is recognised by
   * (its leads all have an id) still names the id its leads vote for, and a name likewise.
   */
  target(type: number, key: string): string | undefined {
    this.link();
    const a = this.slotAt(type, key);
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
   * Accounts recognised by an id a spreadsheet or a script rewrote as a number (`1002.0`,
   * `1.23E+05`): the same account under its id as text is another key, so their leads are said.
   */
  private rewrittenIds(): Pick<FoldedAccounts, 'rewrittenIds'> {
    let accounts = 0;
    let leads = 0;
    let first = '';
    for (let a = 0; a < this.slots; a++) {
      if (this.slotType[a] !== 0) continue;
      const id = this.strings.strings[this.slotString[a]];
      const bytes = Buffer.from(id, 'utf8');
      if (keyShape(bytes, 0, bytes.length, false) !== 'key_number') continue;
      accounts++;
      leads += this.agg[a * AGG.width + AGG.leads];
      if (first === '' || id < first) first = id;
    }
    return accounts > 0 ? { rewrittenIds: { accounts, leads, first } } : {};
  }

  /** After `finish`: the account number of a lead whose key's slot `add` gave (-1 for none). */
  accountOfSlot(slot: number): number {
    return slot < 0 ? -1 : this.accountOf![slot];
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
    this.accountOf = Int32Array.from(into, (to, a) => number.get(to >= 0 ? to : a)!);
    // the linked keys, sorted too: each an alias of its account's number, and listed in its row
    const aliasSlots = [...into.keys()].filter((a) => into[a] >= 0).sort((a, b) => compareKeys(this.slotKeys[a], this.slotKeys[b]));
    const aliases = aliasSlots.map((a) => this.slotKeys[a]);
    const aliasOf = Int32Array.from(aliasSlots, (a) => number.get(into[a])!);
    // most accounts have no linked key: one shared empty list, not an array each
    const linked: (LinkedKey[] | undefined)[] = new Array(keys.length);
    aliasSlots.forEach((a, i) => {
      const { type, key } = splitKey(this.slotKeys[a]);
      (linked[aliasOf[i]] ??= []).push({ keyType: type as LinkedKey['keyType'], key, leads: this.ownLeads[a] });
    });
    const columns = ca.resolved.values;
    const n = columns.length;
    // in shared memory: every thread of the lead pass reads the same values, none gets a copy
    const values = new Float64Array(new SharedArrayBuffer(keys.length * n * 8));
    const stages = new Int32Array(new SharedArrayBuffer(keys.length * 4));
    const scorer = new AccountScorer(ca, width, asOfDay);
    const roleNames = ca.resolved.roles.map((r) => r.name);
    const fileCount = ca.resolved.files.reduce((n, f) => n + f.columns.length, 0);
    const slotOf = Int32Array.from(keys, (key) => slots.get(key)!);
    /** account k's values into `own` (its score and stage too: `scorer.score`) */
    const own = new Float64Array(n);
    const score = (k: number) => {
      const a = slotOf[k];
      own.fill(NaN);
      const o = a * AGG.width;
      const agg = this.agg;
      const leads = agg[o + AGG.leads];
      const cents = agg[o + AGG.cents];
      own[0] = leads; own[1] = agg[o + AGG.engaged]; own[2] = popCount(agg[o + AGG.roles]); own[3] = cents / 100; own[4] = agg[o + AGG.maxCents] / 100;
      own[5] = round2(cents / leads / 100); own[6] = agg[o + AGG.last];
      const files = fileValues?.get(keys[k]);
      for (let j = 0; j < fileCount; j++) own[ACCOUNT_VALUES.length + j] = files ? files[j] : NaN;
      const roles = agg[o + AGG.roles];
      roleNames.forEach((_, i) => { own[ACCOUNT_VALUES.length + fileCount + i] = (roles >> i) & 1; });
      return scorer.score(own);
    };
    for (let k = 0; k < keys.length; k++) {
      stages[k] = score(k).stage;
      values.set(own, k * n);
    }
    // accounts.csv's rows are made one at a time as they are written, not all held at once
    const row = (k: number): AccountRow => {
      const a = slotOf[k];
      const result = score(k);
      const { type, key: shown } = splitKey(keys[k]);
      return {
        key: shown, keyType: type, name: this.names.most(a, (n) => this.strings.strings[n]), leads: own[0], linked: linked[k] ?? NO_LINKS, engagedLeads: own[1],
        roles: roleNames.filter((_, i) => (this.agg[a * AGG.width + AGG.roles] >> i) & 1), scoreSum: own[3], scoreMax: own[4], scoreAvg: own[5], lastActivity: own[6],
        files: Array.from(own.subarray(ACCOUNT_VALUES.length, ACCOUNT_VALUES.length + fileCount)), score: result.score, stage: result.stage, reasons: result.reasons,
      };
    };
    return { table: { keys: accountKeys(keys, aliases, aliasOf), values, stages }, rows: new AccountRows(keys.length, row), leadsWithout: this.without, ...this.rewrittenIds() };
  }
}

const NO_LINKS: LinkedKey[] = [];

/**
 * The accounts as accounts.csv shows them, each made when asked for (from the fold's numbers, its
 * score and reasons computed again): 50k rows with their reasons held at once were the largest
 * allocation between the two passes.
 */
export class AccountRows implements Iterable<AccountRow> {
  constructor(readonly length: number, private readonly make: (k: number) => AccountRow) {}

  at(k: number): AccountRow {
    return this.make(k);
  }

  *[Symbol.iterator](): Iterator<AccountRow> {
    for (let k = 0; k < this.length; k++) yield this.make(k);
  }
}

function popCount(bits: number): number {
  let n = 0;
  for (let b = bits; b !== 0; b &= b - 1) n++;
  return n;
}

/** A thread's string number as ours (-1: none). */
function numberOf(ours: readonly number[], n: number): number {
  return n < 0 ? -1 : ours[n];
}

/** Code-unit order: the same in every locale. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
