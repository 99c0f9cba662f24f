/**
 * Accounts and completeness resolved (resolved.ts `ResolvedAccounts`, `ResolvedCompleteness`).
 *
 * Their values are virtual columns after the related files' derived columns: first a hidden
 * column with the lead's account number, then the account values (model/accounts.ts), the
 * account files' columns, one boolean per role and one per account stage, then `completeness`. Lead rules name them like any
 * column; account rules and stages name only the account values, and are evaluated on one row
 * per account holding exactly those.
 *
 * The order of evaluation is: lead scores (engagement, fit, named scores), BANT, grades → each
 * account's values from its leads → account score → account stage → lead disqualifiers, stages
 * and priority. So a lead's scores, BANT criteria, `engaged` and the roles cannot read account
 * values (ACCOUNT_CYCLE): they are what account values are made of.
 */
import { ACCOUNT_VALUES, accountStageColumn, COMPLETENESS_COLUMN, COMPLETENESS_PARTS, normalizeCompanyName, NOT_COMPANIES, roleColumn } from '../model/accounts.js';
import { quoteData } from '../model/errors.js';
import { didYouMean } from '../model/suggest.js';
import type { ResolvedAccounts, ResolvedCompleteness, ResolvedCondition } from './resolved.js';
import { OPERATORS } from '../model/operators.js';
import { derivedKindIssue, issue } from './resolve-related.js';
import type { AccountFile, ColumnRef, Condition, Ruleset, RulesetIssue } from './types.js';

export interface VirtualColumn {
  name: string;
  kind: 'number' | 'date' | 'boolean';
  index: number;
}

/** Where the account values and completeness stand, from `start` (after the related files' derived columns). */
export interface AccountLayout {
  /** the hidden account-number column, or -1 without accounts */
  index: number;
  values: VirtualColumn[];
  /** the completeness column, or -1 without completeness */
  completeness: number;
  /** the first index after them */
  end: number;
}

export function accountLayout(ruleset: Ruleset, start: number): AccountLayout {
  let next = start;
  const accounts = ruleset.accounts;
  const index = accounts ? next++ : -1;
  const values: VirtualColumn[] = [];
  if (accounts) {
    const add = (name: string, kind: VirtualColumn['kind']) => values.push({ name, kind, index: next++ });
    for (const v of ACCOUNT_VALUES) add(v.name, v.kind);
    for (const file of accounts.files) for (const c of file.columns) add(c.name, 'number');
    for (const role of accounts.roles) add(roleColumn(role.name), 'boolean');
    for (const stage of accounts.stages) add(accountStageColumn(stage.name), 'boolean');
  }
  const completeness = ruleset.completeness ? next++ : -1;
  return { index, values, completeness, end: next };
}

/** The virtual columns rules name: the account values and completeness. */
export function layoutColumns(layout: AccountLayout): VirtualColumn[] {
  return [...layout.values, ...(layout.completeness >= 0 ? [{ name: COMPLETENESS_COLUMN, kind: 'number' as const, index: layout.completeness }] : [])];
}

/** A virtual column named like a header of the export, a name of columns: or a related derived column: a rule naming it could mean either. */
export function clashes(ruleset: Ruleset, layout: AccountLayout, header: readonly string[], related: ReadonlySet<string>, issues: RulesetIssue[]): void {
  const headers = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  const pos = (name: string) => (name === COMPLETENESS_COLUMN ? ruleset.completeness!.pos : ruleset.accounts!.pos);
  for (const column of layoutColumns(layout)) {
    const at = headers.get(column.name);
    const why = at !== undefined ? `the export's column ${quoteData(header[at])} (column ${at + 1})`
      : ruleset.columns.has(column.name) ? `a name of columns: (line ${ruleset.columns.get(column.name)!.pos.line})`
        : related.has(column.name) ? 'a derived column of a related file' : '';
    if (why) issue(issues, pos(column.name), 'ACCOUNT_NAME_CLASH', `the ${column.name === COMPLETENESS_COLUMN ? 'completeness measure' : 'account value'} "${column.name}" is named like ${why}; a rule naming it could mean either: rename that one`);
  }
}

/**
 * Lead conditions that must not read account values, each with what it is: the rules of every
 * score (their when, per and date), BANT, engaged and the roles. Named conditions are followed.
 */
export function checkCycles(ruleset: Ruleset, layout: AccountLayout, issues: RulesetIssue[]): void {
  if (layout.values.length === 0) return;
  const names = new Set(layout.values.map((v) => v.name));
  const check = (ref: ColumnRef, what: string) => {
    if (names.has(ref.name)) {
      issue(issues, ref.pos, 'ACCOUNT_CYCLE', `${what} reads the account value "${ref.name}", which is made from the leads' scores, BANT criteria, engaged and roles: read account values in stages, priority or disqualifiers (order: lead scores → accounts → account score and stage → lead stages)`);
    }
  };
  const walk = (c: Condition, what: string) => walkColumns(ruleset, c, what, check);
  const scores = [
    { name: 'engagement', rules: ruleset.engagement }, { name: 'fit', rules: ruleset.fit }, ...ruleset.scores,
  ];
  for (const score of scores) {
    for (const rule of score.rules) {
      const what = `the ${score.name} rule "${rule.name}"`;
      if (rule.when) walk(rule.when, what);
      if (rule.per) check(rule.per, what);
      if (rule.date) check(rule.date, what);
    }
  }
  for (const [key, c] of ruleset.bant) walk(c, `the BANT criterion ${key}`);
  const accounts = ruleset.accounts!;
  if (accounts.engaged) walk(accounts.engaged, 'accounts.engaged');
  for (const role of accounts.roles) walk(role.when, `the role "${role.name}"`);
}

/**
 * Whether a lead disqualifier, stage or priority band reads an account value (itself or through a
 * named condition). Only then must the accounts be known before any lead is scored; otherwise the
 * lead pass scores first and puts the account cells in after (run/deferred-accounts.ts).
 */
export function leadRulesReadAccounts(ruleset: Ruleset): boolean {
  if (!ruleset.accounts) return false;
  const names = new Set(accountLayout(ruleset, 0).values.map((v) => v.name));
  let reads = false;
  const check = (ref: ColumnRef) => { if (names.has(ref.name)) reads = true; };
  const conditions = [...ruleset.disqualifiers.map((d) => d.when), ...ruleset.stages.map((s) => s.when), ...ruleset.priority.bands.map((b) => b.when)];
  for (const c of conditions) if (c) walkColumns(ruleset, c, '', check);
  return reads;
}

/** Each column a condition tests, with `what` (followed into named conditions, each once: `seen`). */
function walkColumns(ruleset: Ruleset, c: Condition, what: string, visit: (ref: ColumnRef, what: string) => void, seen = new Set<string>()): void {
  switch (c.kind) {
    case 'all': case 'any': c.items.forEach((i) => walkColumns(ruleset, i, what, visit, seen)); return;
    case 'not': walkColumns(ruleset, c.item, what, visit, seen); return;
    case 'column': visit(c.column, what); return;
    case 'ref': {
      const named = ruleset.conditions.get(c.name);
      if (named && !seen.has(c.name)) { seen.add(c.name); walkColumns(ruleset, named, `${what} (through the condition "${c.name}")`, visit, seen); }
      return;
    }
    default:
  }
}

export interface AccountContext {
  layout: AccountLayout;
  /** a lead condition resolved as resolve.ts does (columns of the export, derived columns) */
  condition: (c: Condition) => ResolvedCondition;
  /** a column that must be the export's own, -1 (with an issue) otherwise */
  exportColumn: (ref: ColumnRef, what: string) => number;
  freeMailDomains: string[];
  issues: RulesetIssue[];
}

/** `accounts:` resolved; the account score is resolved by the caller (it shares resolve.ts's rule resolution). */
export function resolveAccounts(ruleset: Ruleset, cx: AccountContext): Omit<ResolvedAccounts, 'score' | 'stats'> {
  const a = ruleset.accounts!;
  const column = (ref: ColumnRef | undefined, what: string) => (ref ? cx.exportColumn(ref, what) : -1);
  return {
    idColumn: column(a.idColumn, 'accounts.id_column'),
    domains: (a.domain ?? []).map((d) => ({ index: column(d.column, 'accounts.domain'), as: d.as, name: d.column.name })),
    company: column(a.company, 'accounts.company'),
    freeMailDomains: [...(a.freeMailDomains ?? cx.freeMailDomains)],
    notCompanies: (a.notCompanies ?? NOT_COMPANIES).map(normalizeCompanyName).filter((n) => n !== ''),
    engaged: a.engaged ? cx.condition(a.engaged) : null,
    activity: column(a.activity, 'accounts.activity'),
    roles: a.roles.map((r) => ({ name: r.name, when: cx.condition(r.when) })),
    stages: a.stages.map((s) => ({ name: s.name, when: s.when ? accountCondition(s.when, cx.layout, cx.issues, 'stage') : null })),
    index: cx.layout.index,
    values: cx.layout.values.map((v) => ({ ...v })),
    files: resolvedAccountFiles(a.files),
  };
}

/** The account files as the run reads them: path as written, key and value columns by header. */
export function resolvedAccountFiles(files: readonly AccountFile[]): ResolvedAccounts['files'] {
  return files.map((f) => ({
    name: f.name, file: f.file.path, key: f.key.name, columns: f.columns.map((c) => ({ name: c.name, header: c.column.name })),
    encoding: f.encoding ?? null, delimiter: f.delimiter ?? null, skipLines: f.skipLines ?? 0, placeholders: f.placeholders ?? null,
  }));
}

/**
 * An account value by name: its index, or -1 after an issue (account rules and stages read nothing
 * else). Account rules make the account score, so they cannot read it nor the stages it leads to;
 * stages cannot read the stages (account_at_*), which they decide.
 */
export function accountColumn(ref: ColumnRef, layout: AccountLayout, issues: RulesetIssue[], where: 'rule' | 'stage'): number {
  const found = layout.values.find((v) => v.name === ref.name);
  const stage = found !== undefined && found.name.startsWith('account_at_');
  if (found && (stage || (where === 'rule' && found.name === 'account_score'))) {
    issue(issues, ref.pos, 'ACCOUNT_CYCLE', `an account ${where} cannot read "${ref.name}": ${where === 'rule' ? 'account rules make the account score, which decides the account stage' : 'account stages decide it'} (order: account values → account score → account stage)`);
    return -1;
  }
  if (found) return found.index;
  const names = layout.values.map((v) => v.name);
  issue(issues, ref.pos, 'ACCOUNT_COLUMN', `account rules and stages read account values, and "${ref.name}" is none; they are ${names.join(', ')}${didYouMean(ref.name, names)}`);
  return -1;
}

/** A condition of an account rule or stage: column tests on account values (validation let no other form through but all/any/not). */
export function accountCondition(c: Condition, layout: AccountLayout, issues: RulesetIssue[], where: 'rule' | 'stage'): ResolvedCondition {
  switch (c.kind) {
    case 'all': case 'any': return { kind: c.kind, items: c.items.map((i) => accountCondition(i, layout, issues, where)) };
    case 'not': return { kind: 'not', item: accountCondition(c.item, layout, issues, where) };
    case 'column': {
      const index = accountColumn(c.column, layout, issues, where);
      const value = layout.values.find((v) => v.index === index);
      const reads = OPERATORS[c.op].reads(c.arg);
      const problem = value && derivedKindIssue(value, reads, `"${c.op}"`);
      if (problem) issue(issues, c.column.pos, 'RELATED_KIND', problem);
      return { kind: 'column', column: { index, name: c.column.name }, op: c.op, arg: c.arg, reads, multi: null };
    }
    // a named condition was reported (ACCOUNT_CONDITION); the ruleset will not run
    default: return { kind: 'all', items: [] };
  }
}

/** `completeness:` resolved: each part's columns (the export's own), read as text. */
export function resolveCompleteness(ruleset: Ruleset, layout: AccountLayout, exportColumn: (ref: ColumnRef, what: string) => number): ResolvedCompleteness {
  const c = ruleset.completeness!;
  return {
    parts: COMPLETENESS_PARTS.filter((p) => c[p]).map((part) => ({ part, columns: c[part]!.map((ref) => exportColumn(ref, `completeness.${part}`)) })),
    index: layout.completeness,
  };
}
