/**
 * Strict parsing of cell text into numbers, days and booleans. JavaScript's own coercions are
 * traps (`Number("")` is 0, `new Date("2026-02-30")` is 2 March), so each parser accepts only
 * what it documents and answers "empty" (NaN / -1) for anything else; callers count the warning.
 */

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A plain decimal number, or NaN. Whitespace around it is ignored; `1,234` and `10 %` are NaN. */
export function parseNumber(text: string): number {
  const t = text.trim();
  return NUMBER.test(t) ? Number(t) : NaN;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO date (`2026-10-14`, `2026-10-14 09:31`, `2026-10-14T09:31:00Z`) as a day number (days
 * since 1970-01-01 of the calendar date as written), or NaN. Time-based rules count whole days,
 * so the time of day and zone are validated and then ignored.
 */
export function parseDay(text: string): number {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return NaN;
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A day number back to `YYYY-MM-DD`. */
export function formatDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

const TRUE_WORDS = new Set(['yes', 'true', '1', 'y', 'x']);
const FALSE_WORDS = new Set(['no', 'false', '0', 'n']);

/** 1 for yes/true/1/y/x, 0 for no/false/0/n (any case), -1 for empty; NaN-like -2 for anything else. */
export function parseBoolean(text: string): number {
  const t = text.trim().toLowerCase();
  if (t === '') return -1;
  if (TRUE_WORDS.has(t)) return 1;
  if (FALSE_WORDS.has(t)) return 0;
  return -2;
}

export const BOOL_EMPTY = -1;
export const BOOL_INVALID = -2;
