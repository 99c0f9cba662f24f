/**
 * The vocabulary of `formats:`: how a column writes its numbers (separators named by example,
 * `1.234,56`), its dates (ISO, Excel serials or a pattern such as `MM/dd/yyyy`) and multi-value
 * cells. The validator checks patterns with it, the input side builds its parsers from it
 * (input/values/formats.ts), and the SQL back-end will translate the same descriptions.
 */
import { dayNumber } from './days.js';

/** How one column's values are written (`formats:`); multi-value splitting is the compiler's. */
export interface ColumnFormat {
  number?: NumberFormat;
  date?: DateFormat;
  /** the separator of a multi-value cell (`;` for HubSpot) */
  multi?: string;
}

// ---------------------------------------------------------------- numbers

export interface NumberFormat {
  /** one of NUMBER_PATTERNS: the separators, written as an example */
  pattern: string;
  /** a currency sign or code before or after the number: `$5`, `5 €`, `USD 5`, `(5)` negative */
  currency: boolean;
  /** K, M, B (also Mn, Bn) multiply by a thousand, a million, a billion: `$342.09K` */
  suffixes: boolean;
}

/** The separators a number format may name: thousands (`group`, '' for none) and decimal. */
export const NUMBER_PATTERNS: Readonly<Record<string, { group: string; decimal: '.' | ',' }>> = {
  '1234.56': { group: '', decimal: '.' },
  '1234,56': { group: '', decimal: ',' },
  '1,234.56': { group: ',', decimal: '.' },
  '1.234,56': { group: '.', decimal: ',' },
  '1 234,56': { group: ' ', decimal: ',' },
  '1 234.56': { group: ' ', decimal: '.' },
  "1'234.56": { group: "'", decimal: '.' },
};

// ---------------------------------------------------------------- dates

/**
 * The date formats named by a word rather than a pattern: `iso` (the default), `excel` serial
 * numbers, and Unix timestamps in seconds (`unix`) or milliseconds (`unix_ms`), as Marketo,
 * Mixpanel, Segment and many APIs write them.
 */
export const DATE_FORMAT_NAMES = ['iso', 'excel', 'unix', 'unix_ms'] as const;
export type DateFormatName = typeof DATE_FORMAT_NAMES[number];

/** A named format, or a pattern such as `dd.MM.yyyy HH:mm`. */
export type DateFormat = { kind: DateFormatName } | { kind: 'pattern'; pattern: string };

export function isDateFormatName(text: string): text is DateFormatName {
  return (DATE_FORMAT_NAMES as readonly string[]).includes(text);
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** English month names and their abbreviations (`Sep` and `Sept`, with or without a dot) → 1–12. */
const MONTH_NUMBERS = new Map<string, number>(MONTHS.flatMap((name, i) => [[name, i + 1], [name.slice(0, 3), i + 1]] as [string, number][]));
MONTH_NUMBERS.set('sept', 9);

type Field = 'year' | 'year2' | 'month' | 'monthName' | 'day' | 'hour' | 'hour12' | 'minute' | 'second' | 'ampm' | 'skip';

/** Pattern letters: a run of one letter is one field; its regex and what it holds. */
const LETTERS: Readonly<Record<string, (count: number) => { re: string; field: Field } | undefined>> = {
  y: (n) => (n === 4 ? { re: '(\\d{4})', field: 'year' } : n === 2 ? { re: '(\\d{2})', field: 'year2' } : undefined),
  M: (n) => (n >= 3 ? { re: '([A-Za-z]{3,9}\\.?)', field: 'monthName' } : { re: n === 2 ? '(\\d{2})' : '(\\d{1,2})', field: 'month' }),
  d: (n) => (n <= 2 ? { re: n === 2 ? '(\\d{2})' : '(\\d{1,2})', field: 'day' } : undefined),
  H: (n) => (n <= 2 ? { re: n === 2 ? '(\\d{2})' : '(\\d{1,2})', field: 'hour' } : undefined),
  h: (n) => (n <= 2 ? { re: n === 2 ? '(\\d{2})' : '(\\d{1,2})', field: 'hour12' } : undefined),
  m: (n) => (n <= 2 ? { re: n === 2 ? '(\\d{2})' : '(\\d{1,2})', field: 'minute' } : undefined),
  s: (n) => (n <= 2 ? { re: n === 2 ? '(\\d{2})' : '(\\d{1,2})', field: 'second' } : undefined),
  S: () => ({ re: '(\\d+)', field: 'skip' }),
  a: (n) => (n === 1 ? { re: '([AaPp]\\.?[Mm]\\.?)', field: 'ampm' } : undefined),
  E: (n) => (n >= 3 ? { re: '([A-Za-z]{3,9}\\.?)', field: 'skip' } : undefined),
  X: (n) => (n <= 3 ? { re: '(Z|[+-]\\d{2}(?::?\\d{2})?)', field: 'skip' } : undefined),
};

/** The letters a pattern may use, for messages. */
export const DATE_PATTERN_HELP = 'yyyy, yy, MM, M, MMM, dd, d, HH, H, hh, h (with a), mm, ss, SSS, a, EEE, XXX; text in single quotes';

/**
 * Compiles a date pattern into a parser (cell → day number, NaN when empty or not a real date),
 * or returns what is wrong with the pattern.
 */
export function datePatternParser(pattern: string): { parse: (text: string) => number } | { error: string } {
  let re = '';
  const fields: Field[] = [];
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "'") {
      const close = pattern.indexOf("'", i + 1);
      if (close < 0) return { error: `an unclosed quote at character ${i + 1}` };
      re += close === i + 1 ? "'" : escapeRegex(pattern.slice(i + 1, close));
      i = close + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let n = 1;
      while (pattern[i + n] === c) n++;
      const token = LETTERS[c]?.(n);
      if (!token) return { error: `"${c.repeat(n)}" is not a pattern field; use ${DATE_PATTERN_HELP}` };
      if (token.field !== 'skip' && fields.includes(token.field)) return { error: `"${c.repeat(n)}" appears twice` };
      re += token.re;
      fields.push(token.field);
      i += n;
      continue;
    }
    re += /\s/.test(c) ? '\\s+' : escapeRegex(c);
    i++;
  }
  const has = (...f: Field[]) => f.some((x) => fields.includes(x));
  if (!has('year', 'year2') || !has('month', 'monthName') || !has('day')) return { error: 'a date pattern needs a year (yyyy or yy), a month (MM, M or MMM) and a day (dd or d)' };
  if (has('hour12') !== has('ampm')) return { error: 'a 12-hour clock (hh or h) goes with AM/PM (a), and a with hh or h; use HH for a 24-hour clock' };
  if (has('hour', 'hour12') && !has('minute')) return { error: 'an hour needs minutes (mm)' };
  const regex = new RegExp(`^${re}$`);
  const at = (f: Field) => fields.indexOf(f) + 1;
  const [iYear, iYear2, iMonth, iName, iDay, iHour, iHour12, iMinute, iSecond] =
    (['year', 'year2', 'month', 'monthName', 'day', 'hour', 'hour12', 'minute', 'second'] as Field[]).map(at);

  return {
    parse: (text: string): number => {
      const m = regex.exec(text.trim());
      if (m === null) return NaN;
      const year = iYear ? Number(m[iYear]) : 2000 + Number(m[iYear2]);
      const month = iMonth ? Number(m[iMonth]) : MONTH_NUMBERS.get(m[iName].replace('.', '').toLowerCase()) ?? 0;
      if (iHour && Number(m[iHour]) > 23) return NaN;
      if (iHour12 && (Number(m[iHour12]) < 1 || Number(m[iHour12]) > 12)) return NaN;
      if (iMinute && Number(m[iMinute]) > 59) return NaN;
      if (iSecond && Number(m[iSecond]) > 59) return NaN;
      return dayNumber(year, month, Number(m[iDay]));
    },
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

