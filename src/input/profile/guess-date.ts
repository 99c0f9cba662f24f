/**
 * A date pattern that reads one cell, for a hint: when a column's dates do not parse, the first
 * one that did not, read by the formats `leadq inspect` tries (US order first on a tie:
 * `03/11/2026` is read as March 11th — one cell cannot say, which is why the hint says "e.g." and
 * points at inspect, which looks at the whole column).
 */
import { dateCandidates } from './candidates.js';

let candidates: ReturnType<typeof dateCandidates> | null = null;

/**
 * The first `formats:` date pattern that reads `text`; `excel` for a serial day number of the
 * years 1954 to 2119 (Excel's own dates, written as numbers by a CSV save); `unix` for ten digits
 * and `unix_ms` for thirteen (Unix timestamps in seconds or milliseconds of the years 2001 to
 * 2286, as event logs and APIs write them); undefined when none does, or ISO already does.
 */
export function guessDatePattern(text: string): string | undefined {
  candidates ??= dateCandidates(false);
  const t = text.trim();
  if (t === '') return undefined;
  if (/^\d{5}(\.\d+)?$/.test(t) && Number(t) >= 20000 && Number(t) < 80000) return 'excel';
  if (/^\d{10}(\.\d+)?$/.test(t)) return 'unix';
  if (/^\d{13}(\.\d+)?$/.test(t)) return 'unix_ms';
  for (const c of candidates) if (c.format?.date && !Number.isNaN(c.parse(t))) return c.format.date;
  return undefined;
}

/**
 * `0000-00-00`, `0000-01-01 00:00:00`: no date, as SQL dumps and MySQL write it (days.ts reads no
 * year 0). A hint should say so rather than offer a date format, which would not read it either.
 */
export function isZeroDate(text: string): boolean {
  return /^0000-\d{2}-\d{2}(?:$|[T ])/.test(text.trim());
}
