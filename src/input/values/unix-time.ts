/**
 * Unix timestamps (`date: unix`, `date: unix_ms`): seconds or milliseconds since
 * 1970-01-01T00:00:00Z, as Marketo, Mixpanel and Segment logs and many API dumps write them
 * (`1730419200`, `1730419200000`, `1730419200.5`). A timestamp is an instant in UTC, so its day
 * is the UTC calendar day — as `2024-11-01T00:00:00Z` is the day written, zone ignored.
 */

const SECONDS_PER_DAY = 86_400;
const MS_PER_DAY = 86_400_000;
/** 10000-01-01T00:00:00Z in seconds: after 9999-12-31, as ISO dates and Excel serials end */
const SECONDS_END = 253_402_300_800;
/**
 * The least millisecond timestamp read (1973-03-03T09:46:40Z). Every timestamp in seconds up to
 * the year 5138 is below it: one in a `unix_ms` column is refused instead of being read as a day
 * of January 1970, where it would count as old without a word. No CRM logged anything earlier.
 */
export const UNIX_MS_MIN = 100_000_000_000;

/** Whole digits, an optional fraction; no sign, no exponent (Excel's 1.73042E+09 lost the digits that matter). 15 digits stay exact in a double. */
const TIMESTAMP = /^(\d{1,15})(?:\.\d+)?$/;

/** A Unix timestamp in seconds as a day number (days since 1970-01-01), NaN when it is none. */
export function unixSecondsDay(text: string): number {
  const whole = wholePart(text);
  return whole < SECONDS_END ? dayOf(whole, SECONDS_PER_DAY) : NaN;
}

/** A Unix timestamp in milliseconds as a day number, NaN when it is none (or looks like seconds: see UNIX_MS_MIN). */
export function unixMillisecondsDay(text: string): number {
  const whole = wholePart(text);
  return whole >= UNIX_MS_MIN && whole < SECONDS_END * 1000 ? dayOf(whole, MS_PER_DAY) : NaN;
}

/** The whole seconds (or milliseconds) written, NaN when the cell is not a timestamp: the fraction never changes the day. */
function wholePart(text: string): number {
  const m = TIMESTAMP.exec(text.trim());
  return m === null ? NaN : Number(m[1]);
}

/** Whole days, exactly: a remainder on whole doubles is exact, a quotient might round up to the next day. */
function dayOf(whole: number, perDay: number): number {
  return (whole - (whole % perDay)) / perDay;
}
