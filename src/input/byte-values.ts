/**
 * Typed values read straight from a field's UTF-8 bytes, for the common shapes only: a plain
 * whole number, an ISO date, a yes/no word. Anything else answers UNSURE and the caller parses
 * the field's text with coerce.ts, so both paths agree by construction.
 */
export const UNSURE = -3;

/** A whole number of at most 15 digits, NaN for an empty field, or UNSURE_NUMBER. */
export function numberFromBytes(b: Uint8Array, s: number, e: number): number {
  if (s === e) return NaN;
  if (e - s > 15) return UNSURE_NUMBER;
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) return UNSURE_NUMBER;
    v = v * 10 + d;
  }
  return v;
}

/** Not a value any export holds; compared with Object.is-free === (NaN is the empty answer). */
export const UNSURE_NUMBER = -0.5e-300;

/** 1 yes, 0 no, -1 empty, or UNSURE for anything that needs the full parser. */
export function booleanFromBytes(b: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n === 0) return -1;
  const c0 = b[s] | 0x20; // lower-case for ASCII letters
  if (n === 1) {
    if (b[s] === 49 || c0 === 121 || c0 === 120) return 1; // 1 y x
    if (b[s] === 48 || c0 === 110) return 0; // 0 n
    return UNSURE;
  }
  if (n === 2 && c0 === 110 && (b[s + 1] | 0x20) === 111) return 0; // no
  if (n === 3 && c0 === 121 && (b[s + 1] | 0x20) === 101 && (b[s + 2] | 0x20) === 115) return 1; // yes
  if (n === 4 && c0 === 116 && (b[s + 1] | 0x20) === 114 && (b[s + 2] | 0x20) === 117 && (b[s + 3] | 0x20) === 101) return 1; // true
  if (n === 5 && c0 === 102 && (b[s + 1] | 0x20) === 97 && (b[s + 2] | 0x20) === 108 && (b[s + 3] | 0x20) === 115 && (b[s + 4] | 0x20) === 101) return 0; // false
  return UNSURE;
}

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** YYYY-MM-DD (exactly ten bytes) as a day number, NaN for an empty field, or UNSURE_NUMBER. */
export function dayFromBytes(b: Uint8Array, s: number, e: number): number {
  if (s === e) return NaN;
  if (e - s !== 10 || b[s + 4] !== 45 || b[s + 7] !== 45) return UNSURE_NUMBER;
  const year = digits(b, s, 4);
  const month = digits(b, s + 5, 2);
  const day = digits(b, s + 8, 2);
  if (year < 1970 || month < 1 || month > 12 || day < 1) return UNSURE_NUMBER; // rare shapes: the full parser decides
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1] + (leap && month === 2 ? 1 : 0)) return UNSURE_NUMBER;
  const y = year - 1970;
  // days from 1970-01-01: whole years, leap days before this year, days before this month
  const leapDays = Math.floor((year - 1 - 1968) / 4) - Math.floor((year - 1 - 1900) / 100) + Math.floor((year - 1 - 1600) / 400);
  return y * 365 + leapDays + DAYS_BEFORE_MONTH[month - 1] + (leap && month > 2 ? 1 : 0) + day - 1;
}

function digits(b: Uint8Array, s: number, count: number): number {
  let v = 0;
  for (let i = s; i < s + count; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}
