/**
 * Strict parsing of cell text into numbers, days and booleans. JavaScript's own coercions are
 * traps (`Number("")` is 0, `new Date("2026-02-30")` is 2 March), so each parser accepts only
 * what it documents and answers "empty" (NaN / -1) for anything else; callers count the warning.
 * These run per cell on the row path, so the common shapes are parsed by hand, without regexes.
 * Dates are the calendar arithmetic of model/days.ts.
 */

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A plain decimal number, or NaN. Whitespace around it is ignored; `1,234` and `10 %` are NaN. */
export function parseNumber(text: string): number {
  const n = text.length;
  if (n === 0) return NaN;
  // fast path: a small unsigned integer
  if (n < 10) {
    let v = 0;
    let i = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    if (i === n) return v;
  }
  const t = text.trim();
  return NUMBER.test(t) ? Number(t) : NaN;
}


/** 1 for yes/true/1/y/x, 0 for no/false/0/n (any case, spaces around ignored), -1 for empty, -2 for anything else. */
export function parseBoolean(text: string): number {
  switch (text) {
    case 'yes': case 'Yes': case 'YES': case 'true': case 'TRUE': case 'True': case '1': case 'y': case 'Y': case 'x': case 'X': return 1;
    case 'no': case 'No': case 'NO': case 'false': case 'FALSE': case 'False': case '0': case 'n': case 'N': return 0;
    case '': return -1;
  }
  const t = text.trim().toLowerCase();
  if (t === '') return -1;
  if (TRUE_WORDS.has(t)) return 1;
  if (FALSE_WORDS.has(t)) return 0;
  return -2;
}

const TRUE_WORDS = new Set(['yes', 'true', '1', 'y', 'x']);
const FALSE_WORDS = new Set(['no', 'false', '0', 'n']);

export const BOOL_EMPTY = -1;
export const BOOL_INVALID = -2;
