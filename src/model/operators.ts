/**
 * The operator table. Validation, the JS engine, explain, the JSON Schema, the docs and `did you
 * mean` all read this one table, so a new operator is one entry here (plus its test).
 *
 * Each operator says what it means (`summary`, the contract a second back-end implements), how
 * the cell is read (`reads`), what argument it takes (`arg`), and builds its JS test once per
 * ruleset; the test then runs per row on an already coerced value — text → the raw cell, number →
 * number or NaN, date → day number or NaN, boolean → 1/0/-1 — and the as-of day, which only the
 * date operators read: it is an argument of evaluation, never built into the test.
 */
import { RE2JS } from 're2js';
import { emailDomain, isValidEmail } from './email.js';

export type ValueKind = 'text' | 'number' | 'date' | 'boolean';

/** The argument shapes the validator checks before an operator is built. */
export type ArgKind =
  | 'scalar' // string, number or boolean
  | 'string'
  | 'strings' // a non-empty list of strings (numbers are read as text)
  | 'number'
  | 'range' // [low, high], low <= high
  | 'days' // a non-negative whole number of days
  | 'flag' // true or false
  | 'regex'; // a pattern; `/pattern/i` for case-insensitive

export interface BuildContext {
  freeMailDomains: ReadonlySet<string>;
}

/** A built test: the coerced cell, and the as-of day as a day number. */
export type ValueTest = (value: any, asOfDay: number) => boolean;

export interface Operator {
  summary: string;
  arg: ArgKind;
  reads: (arg: unknown) => ValueKind;
  /** text results are memoised per distinct cell value unless the column is nearly unique (emails) */
  unique?: boolean;
  build: (arg: unknown, ctx: BuildContext) => ValueTest;
}

const norm = (s: string) => s.trim().toLowerCase();
const text = () => 'text' as const;
const num = () => 'number' as const;
const date = () => 'date' as const;

/** `equals` compares like with like: a number argument numerically, true/false as a boolean. */
function scalarKind(arg: unknown): ValueKind {
  if (typeof arg === 'number') return 'number';
  if (typeof arg === 'boolean') return 'boolean';
  return 'text';
}

function buildEquals(arg: unknown): (value: any) => boolean {
  if (typeof arg === 'number') return (v: number) => v === arg;
  if (typeof arg === 'boolean') { const want = arg ? 1 : 0; return (v: number) => v === want; }
  const want = norm(String(arg));
  return (v: string) => norm(v) === want;
}

function buildIn(arg: unknown): (value: string) => boolean {
  const set = new Set((arg as unknown[]).map((a) => norm(String(a))));
  return (v) => set.has(norm(v));
}

/** Parses `/pattern/flags` (only `i` is allowed) or a bare pattern; throws RE2's syntax error. */
export function compileRegex(source: string): RE2JS {
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(source);
  if (!literal) return RE2JS.compile(source);
  if (literal[2] !== '' && literal[2] !== 'i') throw new Error(`unsupported flags "${literal[2]}"; only "i" is allowed`);
  return RE2JS.compile(literal[1], literal[2] === 'i' ? RE2JS.CASE_INSENSITIVE : 0);
}

export const OPERATORS: Readonly<Record<string, Operator>> = {
  equals: { summary: 'equal, ignoring case and surrounding spaces; a number or true/false compares as such', arg: 'scalar', reads: scalarKind, build: buildEquals },
  not_equals: { summary: 'the opposite of equals (an empty cell is not equal)', arg: 'scalar', reads: scalarKind,
    build: (a) => { const eq = buildEquals(a); const kind = scalarKind(a); return (v: any) => !isEmptyValue(kind, v) && !eq(v); } },
  in: { summary: 'one of the listed values, ignoring case and surrounding spaces', arg: 'strings', reads: text, build: buildIn },
  not_in: { summary: 'none of the listed values (an empty cell is not in the list)', arg: 'strings', reads: text,
    build: (a) => { const inList = buildIn(a); return (v: string) => v.trim() !== '' && !inList(v); } },
  contains: { summary: 'contains the text, ignoring case', arg: 'string', reads: text,
    build: (a) => { const s = norm(String(a)); return (v: string) => v.toLowerCase().includes(s); } },
  starts_with: { summary: 'starts with the text, ignoring case and leading spaces', arg: 'string', reads: text,
    build: (a) => { const s = norm(String(a)); return (v: string) => v.trimStart().toLowerCase().startsWith(s); } },
  ends_with: { summary: 'ends with the text, ignoring case and trailing spaces', arg: 'string', reads: text,
    build: (a) => { const s = norm(String(a)); return (v: string) => v.trimEnd().toLowerCase().endsWith(s); } },
  matches: { summary: 'matches a regular expression (RE2 syntax, linear time); `/…/i` ignores case', arg: 'regex', reads: text,
    build: (a) => { const re = compileRegex(String(a)); return (v: string) => re.test(v); } },
  gt: { summary: 'a number greater than the argument', arg: 'number', reads: num, build: (a) => (v: number) => v > (a as number) },
  gte: { summary: 'a number greater than or equal to the argument', arg: 'number', reads: num, build: (a) => (v: number) => v >= (a as number) },
  lt: { summary: 'a number less than the argument', arg: 'number', reads: num, build: (a) => (v: number) => v < (a as number) },
  lte: { summary: 'a number less than or equal to the argument', arg: 'number', reads: num, build: (a) => (v: number) => v <= (a as number) },
  between: { summary: 'a number within [low, high], both included', arg: 'range', reads: num,
    build: (a) => { const [lo, hi] = a as [number, number]; return (v: number) => v >= lo && v <= hi; } },
  present: { summary: 'true: the cell has text; false: it is empty', arg: 'flag', reads: text,
    build: (a) => (v: string) => (v.trim() !== '') === a },
  empty: { summary: 'true: the cell is empty; false: it has text', arg: 'flag', reads: text,
    build: (a) => (v: string) => (v.trim() === '') === a },
  older_than_days: { summary: 'a date more than N whole days before the as-of date', arg: 'days', reads: date,
    build: (a) => { const days = a as number; return (v: number, asOfDay: number) => v < asOfDay - days; } },
  within_days: { summary: 'a date at most N whole days before the as-of date (or after it)', arg: 'days', reads: date,
    build: (a) => { const days = a as number; return (v: number, asOfDay: number) => v >= asOfDay - days; } },
  valid_email: { unique: true, summary: 'true: one @, a dotted domain, no spaces; false: the opposite', arg: 'flag', reads: text,
    build: (a) => (v: string) => isValidEmail(v) === a },
  email_domain_in: { unique: true, summary: 'the domain after the last @ is one of the listed domains', arg: 'strings', reads: text,
    build: (a) => { const set = new Set((a as unknown[]).map((d) => norm(String(d)))); return (v: string) => set.has(emailDomain(v)); } },
  free_mail: { unique: true, summary: 'true: the email domain is a free-mail domain (see free_mail_domains)', arg: 'flag', reads: text,
    build: (a, ctx) => (v: string) => ctx.freeMailDomains.has(emailDomain(v)) === a },
};

/** An empty value of its kind: blank text, NaN for numbers and dates, a negative boolean code. */
export function isEmptyValue(kind: ValueKind, v: any): boolean {
  if (kind === 'text') return (v as string).trim() === '';
  if (kind === 'boolean') return (v as number) < 0;
  return Number.isNaN(v);
}

/**
 * Multi-value cells (`formats: { x: { multi: ';' } }`, HubSpot's `A;B;C`): the text operators that
 * compare values test each value; the rest (present, empty, the email operators, numbers, dates,
 * booleans) read the whole cell. `any`: holds when one value does. `none`: holds when the cell has
 * a value and no value holds the operator named (so `not_in` means "none of them", not "one is not").
 */
export const MULTI_VALUE: Readonly<Record<string, { any: true } | { none: string }>> = {
  equals: { any: true }, in: { any: true }, contains: { any: true }, starts_with: { any: true }, ends_with: { any: true },
  matches: { any: true }, not_equals: { none: 'equals' }, not_in: { none: 'in' },
};

/** The test of `op` on a cell holding values separated by `separator`, or null when `op` reads the whole cell. */
export function multiValueTest(op: string, arg: unknown, ctx: BuildContext, separator: string): ((cell: string) => boolean) | null {
  const mode = MULTI_VALUE[op];
  if (!mode || OPERATORS[op].reads(arg) !== 'text') return null;
  const test = OPERATORS['none' in mode ? mode.none : op].build(arg, ctx);
  const some = (cell: string): boolean => {
    for (const value of cell.split(separator)) if (value.trim() !== '' && test(value.trim(), 0)) return true;
    return false;
  };
  return 'none' in mode ? (cell) => cell.split(separator).some((v) => v.trim() !== '') && !some(cell) : some;
}

/** The operators that compare a score; a score is always a number. */
export const SCORE_OPERATORS = ['equals', 'not_equals', 'gt', 'gte', 'lt', 'lte', 'between'] as const;

export const OPERATOR_NAMES = Object.keys(OPERATORS);

/** Names other tools use for our operators, for "did you mean" only. */
export const OPERATOR_SYNONYMS: Readonly<Record<string, string>> = {
  greater_than: 'gt', greaterthan: 'gt', greater_than_or_equal: 'gte', greaterthaninclusive: 'gte', at_least: 'gte', min: 'gte',
  less_than: 'lt', lessthan: 'lt', less_than_or_equal: 'lte', lessthaninclusive: 'lte', at_most: 'lte', max: 'lte',
  eq: 'equals', equal: 'equals', is: 'equals', '==': 'equals', ne: 'not_equals', not_equal: 'not_equals', '!=': 'not_equals',
  one_of: 'in', any_of: 'in', none_of: 'not_in', nin: 'not_in', regex: 'matches', match: 'matches', like: 'contains',
  includes: 'contains', startswith: 'starts_with', endswith: 'ends_with', range: 'between', exists: 'present', is_empty: 'empty',
  older_than: 'older_than_days', within: 'within_days', newer_than: 'within_days', domain_in: 'email_domain_in', freemail: 'free_mail',
};
