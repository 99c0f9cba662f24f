/**
 * The JS back-end of accounts: a lead's account key and what it adds to its account (engaged,
 * roles, score, activity), each account's score and stage from its values, and the fill that
 * writes a lead's completeness and its account's values into its typed row.
 *
 * Order of evaluation (resolve-accounts.ts checks the ruleset keeps to it): lead scores, BANT and
 * grades → account values from the leads → account score (account rules) → account stage →
 * lead disqualifiers, stages and priority, which may read the account values.
 */
import type { RowCompleter, TypedRow } from '../input/rows/types.js';
import { accountDomain, companyKey, normalizeAccountId, type AccountKeyType } from '../model/accounts.js';
import { isValidEmail } from '../model/email.js';
import { websiteDomain } from '../model/website-domain.js';
import { formatNumber } from '../model/cents.js';
import { formatDay } from '../model/days.js';
import type { ResolvedAccounts, ResolvedCompleteness, ResolvedRuleset } from '../ruleset/resolved.js';
import { AccountLookup, type AccountKeys } from './account-lookup.js';
import { compileScores } from './compile-scores.js';
import { scoreRules } from './score.js';
import type { CompiledScore, Evaluation, LeadResult, Test } from './types.js';
import type { LeadValues } from '../model/result-columns.js';
import type { ResolvedCondition } from '../ruleset/resolved.js';

export interface CompiledAccounts {
  resolved: ResolvedAccounts;
  freeMail: ReadonlySet<string>;
  engaged: Test | null;
  roles: Test[];
  score: CompiledScore;
  /** lowest first; the first is null */
  stages: (Test | null)[];
}

/** One account per key: the prefix says how it was recognised (model/accounts.ts ACCOUNT_KEY_TYPES). */
const PREFIX: Record<AccountKeyType, string> = { id: 'i:', domain: 'd:', name: 'n:' };

/** The key type and the key as shown (without its prefix). */
export function splitKey(key: string): { type: AccountKeyType; key: string } {
  const type: AccountKeyType = key.startsWith('i:') ? 'id' : key.startsWith('d:') ? 'domain' : 'name';
  return { type, key: key.slice(2) };
}

const NAME_CACHE = 50_000;

/**
 * Reads a row's account key: the id, else the company domain of the first domain column that
 * gives one (an email's or a website's, not free-mail), else the normalised company name; '' for
 * none. With `links`, also the lead's lower-priority keys (account-fold.ts links a domain or a
 * name to the account its leads vote for). This is the reading as text (explain shows it); the
 * passes read the same keys faster: the accounts pass as numbers (account-lead-keys.ts), the lead
 * pass straight into the table of accounts (account-lookup.ts).
 */
export class AccountKeyer {
  /** company cell → its normalised name */
  private readonly names = new Map<string, string>();
  /** how the last key read was recognised: 0 id, 1 domain, 2 name; -1 none */
  type = -1;
  /** after `value(row, true)`: the domain of a lead recognised by its id ('' for none) */
  linkDomain = '';
  /** after `value(row, true)`: the name of a lead recognised by its id or its domain ('' for none) */
  linkName = '';
  /** after `value`: which of `accounts.domains` gave the lead's domain (its key or `linkDomain`), -1 for none */
  domainFrom = -1;

  /** company names that name no company (normalised) */
  private readonly notCompanies: ReadonlySet<string>;

  constructor(private readonly a: ResolvedAccounts, private readonly freeMail: ReadonlySet<string>) {
    this.notCompanies = new Set(a.notCompanies);
  }

  /** The key without its prefix (`type` says which), '' for none. */
  value(row: TypedRow, links = false): string {
    const a = this.a;
    this.linkDomain = '';
    this.linkName = '';
    this.domainFrom = -1;
    if (a.idColumn >= 0) {
      const id = normalizeAccountId(row.fields[a.idColumn] ?? '');
      if (id !== '') {
        this.type = 0;
        if (links) { this.linkDomain = this.domainOf(row); this.linkName = this.nameOf(row); }
        return id;
      }
    }
    const domain = this.domainOf(row);
    if (domain !== '') {
      this.type = 1;
      if (links) this.linkName = this.nameOf(row);
      return domain;
    }
    const name = this.nameOf(row);
    if (name !== '') { this.type = 2; return name; }
    this.type = -1;
    return '';
  }

  /** The first company domain of the domain columns, in their order; `domainFrom` says which column gave it. */
  private domainOf(row: TypedRow): string {
    const columns = this.a.domains;
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i];
      if (c.index < 0) continue;
      const cell = row.fields[c.index] ?? '';
      const domain = c.as === 'email' ? accountDomain(cell, this.freeMail) : websiteDomain(cell, this.freeMail);
      if (domain !== '') { this.domainFrom = i; return domain; }
    }
    this.domainFrom = -1;
    return '';
  }

  private nameOf(row: TypedRow): string {
    if (this.a.company < 0) return '';
    const text = row.fields[this.a.company] ?? '';
    let name = this.names.get(text);
    if (name === undefined) {
      name = companyKey(text, this.notCompanies);
      if (this.names.size < NAME_CACHE) this.names.set(text, name);
    }
    return name;
  }
}

/** The prefixes by key type number (AccountKeyer.type): id, domain, name. */
export const KEY_PREFIXES = [PREFIX.id, PREFIX.domain, PREFIX.name];

export function compileAccounts(resolved: ResolvedRuleset, compile: (c: ResolvedCondition) => Test): CompiledAccounts | undefined {
  const a = resolved.accounts;
  if (!a) return undefined;
  return {
    resolved: a,
    freeMail: new Set(a.freeMailDomains),
    engaged: a.engaged ? compile(a.engaged) : null,
    roles: a.roles.map((r) => compile(r.when)),
    score: compileScores([a.score], compile)[0],
    stages: a.stages.map((s) => (s.when ? compile(s.when) : null)),
  };
}

/** What one lead adds to its account. */
export interface LeadFacts {
  engaged: boolean;
  /** bit i: the lead has role i */
  roles: number;
  /** the day of accounts.activity, NaN when empty */
  activity: number;
}

/**
 * Whether the lead is engaged, its roles and its activity day; `ev`: its scores (engaged may test
 * them). An activity after the as-of day is none: scored as of a past day (a backtest), an account
 * must not look active by what its leads did later.
 */
export function leadFacts(row: TypedRow, ev: Evaluation, ca: CompiledAccounts, asOfDay: number): LeadFacts {
  let roles = 0;
  for (let i = 0; i < ca.roles.length; i++) if (ca.roles[i](row, ev)) roles |= 1 << i;
  return {
    engaged: ca.engaged !== null && ca.engaged(row, ev),
    roles,
    activity: ca.resolved.activity >= 0 && row.day[ca.resolved.activity] <= asOfDay ? row.day[ca.resolved.activity] : NaN,
  };
}

/** An account's result: its score, its stage (ladder index) and the reasons that add up to the score. */
export interface AccountResult {
  score: number;
  stage: number;
  reasons: string[];
}

/**
 * Scores accounts from their values. `row` is one reusable row as wide as the lead rows: the
 * account values stand at their indexes, so account rules are compiled like lead rules.
 */
export class AccountScorer {
  private readonly row: TypedRow;
  private readonly ev: Evaluation;

  constructor(private readonly ca: CompiledAccounts, width: number, asOfDay: number) {
    this.row = { fields: [], num: new Float64Array(width).fill(NaN), day: new Float64Array(width).fill(NaN), bool: new Int8Array(width).fill(-1), ids: new Int32Array(width).fill(-1) };
    this.ev = { engagement: 0, fit: 0, total: 0, bantCount: 0, bantMask: 0, named: [], grade: -1, asOfDay };
  }

  /**
   * `values`: the account's values in the order of `resolved.values` (numbers, days, booleans as
   * 1/0); the score and the stage columns are filled here, in `values` too.
   */
  score(values: Float64Array): AccountResult {
    const { ca, row } = this;
    const columns = ca.resolved.values;
    for (let i = 0; i < columns.length; i++) put(row, columns[i], values[i]);
    const reasons: string[] = [];
    const score = scoreRules(ca.score, row, this.ev, reasons, null);
    const scoreAt = columns.findIndex((c) => c.name === 'account_score');
    values[scoreAt] = score;
    put(row, columns[scoreAt], score);
    let stage = 0;
    for (let s = ca.stages.length - 1; s > 0; s--) if (ca.stages[s]!(row, this.ev)) { stage = s; break; }
    const first = columns.length - ca.stages.length;
    for (let s = 0; s < ca.stages.length; s++) values[first + s] = s <= stage ? 1 : 0;
    return { score, stage, reasons };
  }
}

function put(row: TypedRow, column: { kind: 'number' | 'date' | 'boolean'; index: number }, v: number): void {
  if (column.kind === 'number') row.num[column.index] = v;
  else if (column.kind === 'date') row.day[column.index] = v;
  else row.bool[column.index] = Number.isNaN(v) ? -1 : v;
}

/**
 * The accounts as the lead pass reads them: plain data over shared memory (it crosses threads, and
 * every thread reads the same). Accounts are numbered in key order; per account its values in the
 * order of `ResolvedAccounts.values`, and its stage.
 */
export interface AccountTable {
  /** every account's key and every key linked into one (account-fold.ts): a lead recognised by a linked key is that account's */
  keys: AccountKeys;
  /** accounts × values.length */
  values: Float64Array;
  stages: Int32Array;
}

/**
 * Fills what a row knows of itself and its account, after its own columns are read: the related
 * files' derived columns (`related`), completeness, and, once the accounts are known (`table`),
 * the lead's account number and its account's values.
 */
export class LeadFill implements RowCompleter {
  related: RowCompleter | null = null;
  private lookup: AccountLookup | null = null;
  private table: AccountTable | null = null;
  private stageNames: string[] = [];
  /** where the account score stands among the values (-1 without accounts) */
  private readonly scoreAt: number;
  /** the row's column of each value, by kind: 0 number, 1 date, 2 boolean */
  private readonly at: Int32Array;
  private readonly kinds: Uint8Array;

  constructor(private readonly completeness: ResolvedCompleteness | null, private readonly accounts: ResolvedAccounts | null) {
    this.scoreAt = accounts ? accounts.values.findIndex((v) => v.name === 'account_score') : -1;
    const values = accounts?.values ?? [];
    this.at = Int32Array.from(values, (v) => v.index);
    this.kinds = Uint8Array.from(values, (v) => (v.kind === 'number' ? 0 : v.kind === 'date' ? 1 : 2));
  }

  /** From now on rows get their account's values. */
  attach(table: AccountTable): void {
    const a = this.accounts!;
    this.table = table;
    this.lookup = new AccountLookup(a, new Set(a.freeMailDomains), table.keys);
    this.stageNames = a.stages.map((s) => s.name);
  }

  complete(row: TypedRow): void {
    this.related?.complete(row);
    if (this.completeness) row.num[this.completeness.index] = completenessOf(row, this.completeness);
    const a = this.accounts;
    if (!a || !this.lookup) return;
    const n = this.lookup.find(row);
    row.num[a.index] = n < 0 ? NaN : n;
    const { at, kinds } = this;
    const width = at.length;
    const values = this.table!.values;
    const base = n * width;
    for (let i = 0; i < width; i++) {
      const v = n < 0 ? NaN : values[base + i];
      const kind = kinds[i];
      if (kind === 0) row.num[at[i]] = v;
      else if (kind === 1) row.day[at[i]] = v;
      else row.bool[at[i]] = v === v ? v : -1;
    }
  }

  /** The lead result's account columns, from the row just completed. */
  describe(result: LeadResult, row: TypedRow): void {
    const a = this.accounts;
    if (!a || !this.table) return;
    const n = row.num[a.index];
    this.describeAccount(result, Number.isNaN(n) ? -1 : n);
  }

  /** The lead result's account columns for account `n` (-1: none), once the accounts are known. */
  describeAccount(result: LeadValues, n: number): void {
    const a = this.accounts!;
    const table = this.table!;
    if (n < 0) { result.account = ''; result.accountNumber = -1; result.accountScore = NaN; result.accountStage = ''; return; }
    result.account = this.lookup!.shown(n);
    result.accountNumber = n;
    result.accountScore = table.values[n * a.values.length + this.scoreAt];
    result.accountStage = this.stageNames[table.stages[n]];
  }
}

/**
 * The virtual columns of a completed row as text, in column order from the hidden account number
 * (what explain shows a condition saw): numbers to cents, dates as days, booleans as true/false.
 */
export function virtualTexts(row: TypedRow, resolved: ResolvedRuleset): string[] {
  const out: string[] = [];
  const a = resolved.accounts;
  if (a) {
    out.push(Number.isNaN(row.num[a.index]) ? '' : String(row.num[a.index]));
    for (const v of a.values) {
      const x = v.kind === 'number' ? row.num[v.index] : v.kind === 'date' ? row.day[v.index] : row.bool[v.index];
      out.push(v.kind === 'boolean' ? (x < 0 ? '' : x === 1 ? 'true' : 'false') : Number.isNaN(x) ? '' : v.kind === 'date' ? formatDay(x) : formatNumber(x));
    }
  }
  if (resolved.completeness) out.push(formatNumber(row.num[resolved.completeness.index]));
  return out;
}

/** 0 to 5: one per part with a filled-in column (email: a valid address). */
export function completenessOf(row: TypedRow, c: ResolvedCompleteness): number {
  let n = 0;
  for (const part of c.parts) {
    const email = part.part === 'email';
    if (part.columns.some((i) => i >= 0 && (email ? isValidEmail(row.fields[i] ?? '') : (row.fields[i] ?? '').trim() !== ''))) n++;
  }
  return n;
}
