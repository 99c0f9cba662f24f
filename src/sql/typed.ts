/**
 * The first steps of the query: each column the rules read, parsed once per row as leadq's input
 * side parses it (input/values/coerce.ts, model/days.ts): placeholders are empty, numbers are
 * plain decimals matched by leadq's pattern before any cast (so `1,234`, `10 %` and `1_000` stay
 * empty wherever CAST would accept them), dates are strict ISO days with impossible days empty,
 * booleans are leadq's words. Helper columns are named `_lq_…` and left out of the result.
 */
import { parseDay } from '../model/days.js';
import { parseBoolean, parseNumber } from '../input/values/coerce.js';
import { DEFAULT_PLACEHOLDERS } from '../input/values/formats.js';
import type { ResolvedRuleset } from '../ruleset/resolved.js';
import { and, bin, col, fn, ifThen, NULL, num, or, str, TRUE, type Expr } from './ir.js';
import { fullMatch, NoFaithfulForm, type Dialect } from './dialect.js';

/** The helper columns' names. */
export const helper = {
  text: (i: number) => `_lq_t${i}`,
  cut: (i: number) => `_lq_c${i}`,
  cell: (i: number) => `_lq_v${i}`,
  trimmed: (i: number) => `_lq_s${i}`,
  number: (i: number) => `_lq_n${i}`,
  boolean: (i: number) => `_lq_b${i}`,
  isoText: (i: number) => `_lq_ds${i}`,
  year: (i: number) => `_lq_dy${i}`,
  month: (i: number) => `_lq_dm${i}`,
  day: (i: number) => `_lq_dd${i}`,
  timeOk: (i: number) => `_lq_dt${i}`,
  date: (i: number) => `_lq_d${i}`,
  asOf: '_lq_asof',
  score: (s: number) => `_lq_sc${s}`,
  total: '_lq_total',
  bant: (b: number) => `_lq_bant${b}`,
  bantCount: '_lq_bantn',
  grade: '_lq_grade',
};

/** A step of the query: the helper columns it adds, each an expression over the earlier steps' columns. */
export type Step = [string, Expr][];

const WS = '\\t\\n\\x0B\\f\\r \\xA0\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
/** model/email.ts isValidEmail on a trimmed cell: one @ after some text, a dot after the @ but not right after it, not last. */
export const EMAIL_PATTERN = `[^@${WS}]+@[^@.${WS}]+\\.[^@${WS}]*[^@.${WS}]`;
/**
 * coerce.ts's NUMBER, with bounds so that every text it matches is a finite double in every
 * engine (PostgreSQL refuses 1e400 instead of reading Infinity): such cells read as empty here.
 */
const PLAIN_NUMBER = '[+-]?(?:[0-9]{1,200}(?:\\.[0-9]{0,200})?|\\.[0-9]{1,200})';
const EXPONENT_NUMBER = '[+-]?(?:[0-9]{1,20}(?:\\.[0-9]{0,20})?|\\.[0-9]{1,20})[eE][+-]?[0-9]{1,2}';
/** model/days.ts ISO_DATE */
const ISO_DATE = '[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]+)?)?(?: ?(?:Z|UTC|GMT|[+-][0-9]{2}(?::?[0-9]{2})?))?| ?(?:Z|UTC|GMT|[+-][0-9]{2}:[0-9]{2}))?';

const TRUE_WORDS = ['yes', 'true', '1', 'y', 'x'];
const FALSE_WORDS = ['no', 'false', '0', 'n'];

/** The steps that parse the columns the rules read; `raw(i)` is the input column i. */
export function typedSteps(resolved: ResolvedRuleset, d: Dialect, raw: (i: number) => Expr, asOf: string | null): Step[] {
  for (const f of resolved.formats) {
    const reads = (kind: 'number' | 'date') => resolved.reads[kind].includes(f.column);
    if (f.format.number && reads('number')) throw new NoFaithfulForm(`formats: the number format "${f.format.number.pattern}" of "${resolved.header[f.column]}" is not translated to SQL`);
    if (f.format.date && f.format.date.kind !== 'iso' && reads('date')) throw new NoFaithfulForm(`formats: the date format of "${resolved.header[f.column]}" is not translated to SQL`);
  }
  const placeholders = [...new Set((resolved.placeholders ?? DEFAULT_PLACEHOLDERS).map((p) => p.trim().toLowerCase()).filter((p) => p !== ''))];
  const cell = (i: number) => fn('nullToEmpty', raw(i));
  const { number, date, boolean, text } = resolved.reads;
  const typed = [...new Set([...number, ...date, ...boolean])];

  // each cell read is trimmed once; a placeholder reads as '' everywhere
  const cut = (i: number) => col(helper.cut(i));
  const blank = (i: number, value: Expr): Expr => (placeholders.length === 0 ? value : ifThen([[{ k: 'in', item: fn('lower', cut(i)), list: placeholders.map(str) }, str('')]], value));
  const trimmedText = placeholders.length === 0 ? [] : text;
  // the input's own columns are read in this step only (PostgreSQL keeps them as one row value)
  const zeroth: Step = [
    ...text.map((i): [string, Expr] => [helper.cell(i), cell(i)]),
    ...[...new Set([...trimmedText, ...typed])].map((i): [string, Expr] => [helper.cut(i), fn('trim', cell(i))]),
  ];
  // as input/values/formats.ts valuePlan: a typed column looks placeholders up only when one of them
  // would parse as its kind (a placeholder `0`); any other placeholder fails to parse, so is empty anyway
  const list = resolved.placeholders ?? DEFAULT_PLACEHOLDERS;
  const parses = {
    number: list.some((p) => !Number.isNaN(parseNumber(p))),
    date: list.some((p) => !Number.isNaN(parseDay(p))),
    boolean: list.some((p) => parseBoolean(p) >= 0),
  };
  const looksUp = (i: number) => (number.includes(i) && parses.number) || (date.includes(i) && parses.date) || (boolean.includes(i) && parses.boolean);
  const first: Step = [
    ...text.map((i): [string, Expr] => [helper.text(i), blank(i, col(helper.cell(i)))]),
    ...typed.map((i): [string, Expr] => [helper.trimmed(i), looksUp(i) ? blank(i, cut(i)) : cut(i)]),
    [helper.asOf, asOf === null ? fn('today') : num(parseDay(asOf))],
  ];
  const s = (i: number) => col(helper.trimmed(i));
  const second: Step = [
    ...number.map((i): [string, Expr] => [helper.number(i), numberOf(d, s(i))]),
    ...boolean.map((i): [string, Expr] => [helper.boolean(i), booleanOf(s(i))]),
    ...date.map((i): [string, Expr] => [helper.isoText(i), isoText(d, s(i))]),
  ];
  const third: Step = date.flatMap((i): [string, Expr][] => {
    const parts = dateParts(col(helper.isoText(i)));
    return [[helper.year(i), parts.year], [helper.month(i), parts.month], [helper.day(i), parts.day], [helper.timeOk(i), parts.timeOk]];
  });
  const fourth: Step = date.map((i): [string, Expr] => [helper.date(i), dayOf(col(helper.year(i)), col(helper.month(i)), col(helper.day(i)), col(helper.timeOk(i)))]);
  return [zeroth, first, second, third, fourth].filter((step) => step.length > 0);
}

/** A trimmed cell as coerce.ts parseNumber reads it: the number, or NULL. */
export function numberOf(d: Dialect, s: Expr): Expr {
  return ifThen([[fullMatch(d, s, `${PLAIN_NUMBER}|${EXPONENT_NUMBER}`), fn('toDouble', s)]], NULL);
}

/**
 * A trimmed cell as parseBoolean reads it: 1, 0 or NULL. The words as exports write them are
 * compared first, as parseBoolean's switch does, so most cells are never lower-cased.
 */
export function booleanOf(s: Expr): Expr {
  const spelt = (words: string[]) => [...new Set(words.flatMap((w) => [w, w.toUpperCase(), w[0].toUpperCase() + w.slice(1)]))].map(str);
  return ifThen([
    [{ k: 'in', item: s, list: spelt(TRUE_WORDS) }, num(1)],
    [{ k: 'in', item: s, list: spelt(FALSE_WORDS) }, num(0)],
    [{ k: 'in', item: fn('lower', s), list: TRUE_WORDS.map(str) }, num(1)],
    [{ k: 'in', item: fn('lower', s), list: FALSE_WORDS.map(str) }, num(0)],
  ], NULL);
}

/** The trimmed cell when it has the shape of an ISO date (days.ts ISO_DATE), else NULL. */
export const isoText = (d: Dialect, s: Expr): Expr => ifThen([[fullMatch(d, s, ISO_DATE), s]], NULL);

/** Year, month and day of an ISO text, and whether its time of day (if any) is a real one. */
export function dateParts(iso: Expr): { year: Expr; month: Expr; day: Expr; timeOk: Expr } {
  const part = (from: number, length: number) => fn('substr', iso, num(from), num(length));
  // a time follows a T or a space and has its colon 14th; a zone after a bare date (` UTC`, `Z`,
  // `+02:00`) has neither: `2026-10-14+02:00` has a colon 14th, after a sign
  const hasTime = and(bin('=', part(14, 1), str(':')), { k: 'in', item: part(11, 1), list: [str('T'), str(' ')] });
  return {
    year: fn('toDouble', part(1, 4)),
    month: fn('toDouble', part(6, 2)),
    day: fn('toDouble', part(9, 2)),
    // hours, minutes and seconds are two digits each (the pattern matched): compared as text
    timeOk: ifThen([[hasTime, and(
      bin('<=', part(12, 2), str('23')), bin('<=', part(15, 2), str('59')),
      ifThen([[bin('=', part(17, 1), str(':')), bin('<=', part(18, 2), str('59'))]], TRUE),
    )]], TRUE),
  };
}

/** The day number of a real calendar day (and time), else NULL: days.ts dayNumber (no year 0). */
export function dayOf(y: Expr, m: Expr, dd: Expr, timeOk: Expr): Expr {
  const valid = and(bin('>=', y, num(1)), bin('>=', m, num(1)), bin('<=', m, num(12)), bin('>=', dd, num(1)), bin('<=', dd, daysInMonth(y, m)), timeOk);
  return ifThen([[valid, dayNumber(y, m, dd)]], NULL);
}

/** x mod k for whole doubles, with floor: no integer division anywhere. */
const mod = (x: Expr, k: number): Expr => bin('-', x, bin('*', num(k), fn('floor', bin('/', x, num(k)))));

function daysInMonth(y: Expr, m: Expr): Expr {
  const leap = and(bin('=', mod(y, 4), num(0)), or(bin('<>', mod(y, 100), num(0)), bin('=', mod(y, 400), num(0))));
  return ifThen([
    [bin('=', m, num(2)), ifThen([[leap, num(29)]], num(28))],
    [{ k: 'in', item: m, list: [4, 6, 9, 11].map(num) }, num(30)],
  ], num(31));
}

/** model/days.ts dayNumber (H. Hinnant's days from civil), on whole doubles. */
function dayNumber(year: Expr, m: Expr, d: Expr): Expr {
  const early = bin('<=', m, num(2));
  const y = ifThen([[early, bin('-', year, num(1))]], year);
  const era = fn('floor', bin('/', y, num(400)));
  const yoe = bin('-', y, bin('*', era, num(400)));
  const shifted = ifThen([[early, bin('+', m, num(9))]], bin('-', m, num(3)));
  const doy = bin('-', bin('+', fn('floor', bin('/', bin('+', bin('*', num(153), shifted), num(2)), num(5))), d), num(1));
  const doe = bin('+', bin('-', bin('+', bin('*', yoe, num(365)), fn('floor', bin('/', yoe, num(4)))), fn('floor', bin('/', yoe, num(100)))), doy);
  return bin('-', bin('+', bin('*', era, num(146097)), doe), num(719468));
}
