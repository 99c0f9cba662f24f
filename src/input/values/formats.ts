/**
 * Value formats of single columns (`formats:`) and placeholder values (`placeholders:`), compiled
 * once per run into plain functions for the row path.
 *
 * - A number format names its separators by example (`1.234,56`), and may allow a currency sign
 *   or code and K/M/B suffixes. It is strict: with thousands dots, `10.000` is ten thousand, and
 *   `1.5` is not a number at all (a warning), never silently one and a half.
 * - A date format is ISO (the default), Excel serial numbers, Unix timestamps (seconds or
 *   milliseconds, unix-time.ts), or a pattern such as `MM/dd/yyyy` or `d MMM, yyyy HH:mm:ss`. An impossible date (30 February) is empty plus a warning.
 * - Placeholders (`N/A`, `-`, `#VALUE!`, …) are cells that mean "no value": every reader sees them
 *   as empty, and they never count as unparseable.
 *
 * `valuePlan` decides per column which parser the row path uses. Columns without a format keep the
 * plain parsers (and the byte fast path); placeholders cost nothing on cells that parse.
 */
import { parseDay } from '../../model/days.js';
import { datePatternParser, NUMBER_PATTERNS, type ColumnFormat, type DateFormat, type NumberFormat } from '../../model/formats.js';
import { parseBoolean, parseNumber } from './coerce.js';
import { unixMillisecondsDay, unixSecondsDay } from './unix-time.js';

// ---------------------------------------------------------------- placeholders

/** Cells that mean "no value" in CRM and spreadsheet exports; compared ignoring case and surrounding spaces. */
export const DEFAULT_PLACEHOLDERS: readonly string[] = [
  'N/A', '#N/A', '-', '--', '—', 'null', 'Select', '--None--', '-None-', '[not provided]', '(blank)',
  '#VALUE!', '#REF!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!',
];

/**
 * A set of placeholders with a check that is cheap for the cells that cannot be one: it runs on
 * every text cell the rules read, so a cell is ruled out by its first two characters (no string
 * is made) before any trimming, lower-casing or lookup.
 */
export class Placeholders {
  private readonly set: Set<string>;
  /** ASCII first characters (both cases) of the placeholders, and the spaces trim() removes */
  private readonly first = new Uint8Array(128);
  private readonly wideFirst = new Set<number>();
  /** the first two characters of each placeholder, lower-cased, as c0 * 65536 + c1 (c1 = 0xffff for one character) */
  private readonly prefixes = new Set<number>();
  private readonly maxLength: number;

  constructor(readonly values: readonly string[]) {
    this.set = new Set(values.map((v) => v.trim().toLowerCase()).filter((v) => v !== ''));
    let max = 0;
    for (const v of this.set) {
      max = Math.max(max, v.length);
      for (const c of [v.charCodeAt(0), v[0].toUpperCase().charCodeAt(0)]) {
        if (c < 128) this.first[c] = 1;
        else this.wideFirst.add(c);
      }
      this.prefixes.add(pair(v));
    }
    for (const c of [9, 10, 11, 12, 13, 32]) this.first[c] = 1;
    this.maxLength = max;
  }

  /** Whether the cell, trimmed, is one of the placeholders (ignoring case). */
  has(text: string): boolean {
    const c0 = text.charCodeAt(0); // NaN for '': no
    if (c0 < 128 ? this.first[c0] !== 1 : !(this.wideFirst.has(c0) || isWideSpace(c0))) return false;
    const c1 = text.length > 1 ? text.charCodeAt(1) : 0xffff;
    // spaces around the text: trim first; otherwise the first two characters must open a placeholder
    const spaced = c0 <= 32 || isWideSpace(c0) || c1 <= 32 || isWideSpace(c1);
    if (!spaced && !this.prefixes.has(pair(text))) return false;
    const t = text.trim();
    return t.length > 0 && t.length <= this.maxLength && this.set.has(t.toLowerCase());
  }
}

/** The first two characters, ASCII letters lower-cased, as one number. */
function pair(text: string): number {
  const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c < 128 ? c : String.fromCharCode(c).toLowerCase().charCodeAt(0));
  return lower(text.charCodeAt(0)) * 65536 + (text.length > 1 ? lower(text.charCodeAt(1)) : 0xffff);
}

/** Non-ASCII characters String.prototype.trim() removes (so a placeholder may follow them). */
function isWideSpace(c: number): boolean {
  return c === 0xa0 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

// ---------------------------------------------------------------- numbers

/** What a group separator in a pattern matches in a cell: a space also as the no-break spaces Excel writes. */
const GROUP_CLASS: Readonly<Record<string, string>> = { ',': ',', '.': '\\.', ' ': '[ \\u00a0\\u202f]', "'": "['\\u2019]" };
const SIGN = '[-+\\u2212]';
const CURRENCY = '(?:[A-Z]{0,3}\\p{Sc}|[A-Z]{3})';
const SUFFIX = '(?:[kKmMbB]|[mMbB][nN])';
const SUFFIX_POWER: Readonly<Record<string, number>> = { k: 3, m: 6, mn: 6, b: 9, bn: 9 };

/**
 * A parser for one number format: the number, or NaN when the cell is empty or not in the format.
 * Digits only (`1234`) read the same in every format, which is what lets the byte fast path keep
 * its whole-number shortcut for formatted columns.
 */
export function numberParser(format: NumberFormat): (text: string) => number {
  const { group, decimal } = NUMBER_PATTERNS[format.pattern];
  const d = decimal === '.' ? '\\.' : ',';
  const ungrouped = `\\d+(?:${d}\\d*)?|${d}\\d+`;
  const core = group === '' ? `(${ungrouped})` : `(\\d{1,3}(?:${GROUP_CLASS[group]}\\d{3})+(?:${d}\\d*)?|${ungrouped})`;
  const cur = format.currency ? `(${CURRENCY})?` : '()';
  const suf = format.suffixes ? `(${SUFFIX})?` : '()';
  // groups: 1 sign, 2 currency, 3 sign, 4 number, 5 suffix, 6 currency
  const plain = new RegExp(`^(${SIGN})?\\s*${cur}\\s*(${SIGN})?\\s*${core}\\s*${suf}\\s*${cur}$`, 'u');
  // accounting negatives: ($1,234.00)
  const parens = format.currency ? new RegExp(`^\\(\\s*()${cur}\\s*()${core}\\s*${suf}\\s*${cur}\\s*\\)$`, 'u') : null;
  const groups = group === '' ? null : new RegExp(GROUP_CLASS[group], 'gu');

  return (text: string): number => {
    const t = text.trim();
    if (t === '') return NaN;
    let negative = false;
    let m = plain.exec(t);
    if (m === null && parens !== null) { m = parens.exec(t); negative = m !== null; }
    if (m === null) return NaN;
    const [, sign1, cur1, sign2, num, suffix, cur2] = m;
    if ((sign1 && sign2) || (cur1 && cur2)) return NaN;
    const sign = sign1 || sign2;
    if (sign === '-' || sign === '\u2212') negative = !negative;
    let digits = groups === null ? num : num.replace(groups, '');
    if (decimal === ',') digits = digits.replace(',', '.');
    // a canonical decimal string: Number() rounds it correctly, suffix included (342.09e3 is 342090 exactly)
    const power = suffix ? SUFFIX_POWER[suffix.toLowerCase()] : 0;
    const value = Number(power ? `${digits}e${power}` : digits);
    return negative ? -value : value;
  };
}

// ---------------------------------------------------------------- dates

/** Excel's last serial day: 9999-12-31. */
const EXCEL_MAX = 2_958_465;

/**
 * An Excel serial date (days since 1899-12-31; `46309` or `46309.5`, decimal comma too) as a day
 * number. Excel counts a 29 February 1900 that never was: serial 60 is refused, and serials
 * before it are one day off from those after it.
 */
export function excelDay(text: string): number {
  const t = text.trim();
  const serial = parseNumber(t.includes(',') && !t.includes('.') ? t.replace(',', '.') : t);
  if (!(serial >= 1 && serial < EXCEL_MAX + 1)) return NaN;
  const whole = Math.floor(serial);
  if (whole === 60) return NaN;
  return whole - (whole > 60 ? 25_569 : 25_568);
}

/** The parser for a date format; ISO is coerce.ts's `parseDay`. Throws on an invalid pattern (validation reports those first). */
export function dateParser(format: DateFormat): (text: string) => number {
  switch (format.kind) {
    case 'iso': return parseDay;
    case 'excel': return excelDay;
    case 'unix': return unixSecondsDay;
    case 'unix_ms': return unixMillisecondsDay;
  }
  const compiled = datePatternParser(format.pattern);
  if ('error' in compiled) throw new Error(compiled.error);
  return compiled.parse;
}

// ---------------------------------------------------------------- the plan

/** A column parsed with its own function: number/day (NaN when empty), or boolean codes (1, 0, -1, BOOL_INVALID). */
export interface ColumnParser {
  column: number;
  parse: (text: string) => number;
  /** the byte fast path's whole-number shortcut gives the same answer */
  bytes: boolean;
}

export interface ValuePlan {
  numbers: ColumnParser[];
  dates: ColumnParser[];
  booleans: ColumnParser[];
  /** null when `placeholders: []` turns them off */
  placeholders: Placeholders | null;
}

/**
 * Splits the columns read as numbers, dates and booleans into those the plain parsers take (the
 * returned lists) and those with a parser of their own (`values`): a format, or placeholders that
 * would parse as a value (say `0`, or `1900-01-01`), which must then be checked before parsing.
 * Every other placeholder fails to parse, so it is only looked up on that rare path.
 */
export function valuePlan(
  kinds: { number: Iterable<number>; date: Iterable<number>; boolean: Iterable<number> },
  formats: ReadonlyMap<number, ColumnFormat>,
  placeholderList: readonly string[],
): { numberColumns: number[]; dateColumns: number[]; booleanColumns: number[]; values: ValuePlan } {
  const ph = placeholderList.length > 0 ? new Placeholders(placeholderList) : null;
  const values: ValuePlan = { numbers: [], dates: [], booleans: [], placeholders: ph };
  /** a parser that sees placeholders first, when one of them would parse */
  const guarded = (parse: (t: string) => number, parsesPlaceholder: boolean, empty: number) =>
    ph !== null && parsesPlaceholder ? (t: string) => (ph.has(t) ? empty : parse(t)) : parse;
  const parsesAny = (parse: (t: string) => number, valid: (v: number) => boolean) => placeholderList.some((p) => valid(parse(p)));
  const isNumber = (v: number) => !Number.isNaN(v);

  const numberColumns: number[] = [];
  const plainNumberHit = parsesAny(parseNumber, isNumber);
  for (const column of kinds.number) {
    const format = formats.get(column)?.number;
    const parse = format ? numberParser(format) : parseNumber;
    const hit = format ? parsesAny(parse, isNumber) : plainNumberHit;
    if (!format && !hit) numberColumns.push(column);
    else values.numbers.push({ column, parse: guarded(parse, hit, NaN), bytes: !hit });
  }
  const dateColumns: number[] = [];
  const plainDateHit = parsesAny(parseDay, isNumber);
  for (const column of kinds.date) {
    const format = formats.get(column)?.date;
    const custom = format !== undefined && format.kind !== 'iso';
    const parse = custom ? dateParser(format) : parseDay;
    const hit = custom ? parsesAny(parse, isNumber) : plainDateHit;
    if (!custom && !hit) dateColumns.push(column);
    else values.dates.push({ column, parse: guarded(parse, hit, NaN), bytes: false });
  }
  const booleanColumns: number[] = [];
  const booleanHit = parsesAny(parseBoolean, (v) => v >= 0);
  for (const column of kinds.boolean) {
    if (!booleanHit) booleanColumns.push(column);
    else values.booleans.push({ column, parse: guarded(parseBoolean, true, -1), bytes: false });
  }
  return { numberColumns, dateColumns, booleanColumns, values };
}
