/**
 * Typed values read straight from a field's UTF-8 bytes, for the common shapes only: a plain
 * whole number, an ISO date, a yes/no word. Anything else answers UNSURE and the caller parses
 * the field's text with coerce.ts, so both paths agree by construction.
 */
import { dayNumber } from '../../model/days.js';

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

/** "Ask the text parser": a value no export holds, compared with === (NaN already means empty). */
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

/** YYYY-MM-DD (exactly ten bytes) as a day number, NaN for an empty field, or UNSURE_NUMBER. */
export function dayFromBytes(b: Uint8Array, s: number, e: number): number {
  if (s === e) return NaN;
  const n = e - s;
  if (n < 10 || b[s + 4] !== 45 || b[s + 7] !== 45) return UNSURE_NUMBER;
  // `YYYY-MM-DD HH:MM` and `YYYY-MM-DD HH:MM:SS` (CRM exports, activity logs): the time is checked, then ignored
  if (n !== 10 && n !== 16 && n !== 19) return UNSURE_NUMBER;
  if (n > 10 && !timeOfDay(b, s + 10, n === 19)) return UNSURE_NUMBER;
  const year = digits(b, s, 4);
  const month = digits(b, s + 5, 2);
  const day = digits(b, s + 8, 2);
  if (year < 0 || month < 0 || day < 0) return UNSURE_NUMBER;
  // the calendar arithmetic is coerce.ts's; an impossible date is NaN there and gets its warning on the text path
  const days = dayNumber(year, month, day);
  return Number.isNaN(days) ? UNSURE_NUMBER : days;
}

/** ` HH:MM` or `THH:MM` (and `:SS`) at `s`, a real time of day (as model/days.ts's parseDay checks it). */
function timeOfDay(b: Uint8Array, s: number, seconds: boolean): boolean {
  if ((b[s] !== 32 && b[s] !== 84) || b[s + 3] !== 58 || (seconds && b[s + 6] !== 58)) return false;
  const hour = digits(b, s + 1, 2);
  const minute = digits(b, s + 4, 2);
  const second = seconds ? digits(b, s + 7, 2) : 0;
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
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
