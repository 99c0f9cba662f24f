/**
 * Calendar days: ISO dates as day numbers (days since 1970-01-01 of the calendar date as written)
 * and back. Strict, because JavaScript's Date is not: `new Date("2026-02-30")` is 2 March. The
 * as-of date, date cells, windows and decay all count in these whole days.
 */

// the zone as warehouses write it too: `Z`, `+02:00`, `+0200`, `+02` (PostgreSQL), ` UTC` (BigQuery), ` -0800` (Snowflake);
// after a date without a time (`2026-10-14 UTC`, `2026-10-14Z`, `2026-10-14+02:00`, as XML Schema
// and Java write a zoned date) only the forms that cannot pass for a fourth part of the date:
// `2026-10-14-05` or `2026-10-14-0500` stay refused
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?: ?(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?| ?(?:Z|UTC|GMT|[+-]\d{2}:\d{2}))?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * An ISO date (`2026-10-14`, `2026-10-14 09:31`, `2026-10-14T09:31:00Z`, `2026-10-14 09:31:00 UTC`,
 * `2026-10-14 UTC`) as a day number (days since 1970-01-01 of the calendar date as written), or
 * NaN. Time-based rules count whole days, so the time of day and zone are validated and then ignored.
 */
export function parseDay(text: string): number {
  // fast path: exactly YYYY-MM-DD, or YYYY-MM-DD HH:MM as activity logs write it
  const n = text.length;
  if ((n === 10 || (n === 16 && (text.charCodeAt(10) === 32 || text.charCodeAt(10) === 84) && text.charCodeAt(13) === 58))
    && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 2);
    const day = digits(text, 8, 2);
    if (n === 16) {
      const hour = digits(text, 11, 2);
      const minute = digits(text, 14, 2);
      if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN;
    }
    return year < 0 || month < 0 || day < 0 ? NaN : dayNumber(year, month, day);
  }
  const m = ISO_DATE.exec(text.trim());
  if (!m) return NaN;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return NaN;
  return dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
}

function digits(text: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Days since 1970-01-01 for a valid calendar date, NaN for an impossible one (2026-02-30) and for
 * the year 0: there is none in the calendar CRMs write (1 BC is followed by AD 1), and `0000-00-00`
 * or `0000-01-01` is how SQL dumps and MySQL write "no date" — read as a day, it would be the
 * oldest activity of all, counted without a warning.
 */
export function dayNumber(year: number, month: number, day: number): number {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  // days from the civil calendar (H. Hinnant); Date.UTC would read years 0–99 as 1900–1999
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719468;
}

export function daysInMonth(year: number, month: number): number {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return leap ? 29 : DAYS_IN_MONTH[month - 1];
}

/** A day number back to `YYYY-MM-DD`. */
export function formatDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
