/**
 * Related files (activity logs, deals, form submissions): the aggregates a derived column can
 * take, what each gives a lead, which options each accepts, and the arithmetic of counting one
 * lead's events over the days — a daily cap, once every N days, decay by each event's own age.
 * One table and one function, read by validation, the aggregation, explain, the docs and the
 * tests' brute-force oracle alike. Pure: no I/O, no data structures beyond arrays.
 *
 * The order of the steps, per event: its `where` holds → it is dated on or before the as-of
 * date and within the window → the per-day cap → once every N days → its decay weight → the
 * aggregate.
 */
import { round2 } from './cents.js';
import type { ValueKind } from './operators.js';

export const AGGREGATES = ['count', 'exists', 'distinct_days', 'sum', 'min', 'max', 'first', 'last'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

/** The options besides the aggregate, in the order they are applied. */
export const DERIVED_OPTIONS = ['where', 'within', 'per_day_max', 'once_every', 'decay'] as const;
export type DerivedOption = (typeof DERIVED_OPTIONS)[number];

export interface AggregateSpec {
  /** how rules read the derived column */
  kind: Exclude<ValueKind, 'text'>;
  /** what the aggregate's own value is: a condition (or true), a number column, a date column */
  takes: 'condition' | 'number column' | 'date column';
  /** what a lead with no counted row gets, in words (docs, explain) */
  none: string;
  options: readonly DerivedOption[];
  summary: string;
}

/**
 * Which options combine with which aggregate. A daily cap or once-every on a sum would have to
 * pick which rows of a day count, and a file "in any order" gives no order to pick by; a cap,
 * spacing or decay on exists, min, max, first or last would change nothing (or, for min and max,
 * would pick by position again). Those combinations are refused rather than given a meaning.
 */
export const AGGREGATE_SPECS: Readonly<Record<Aggregate, AggregateSpec>> = {
  count: { kind: 'number', takes: 'condition', none: '0', options: DERIVED_OPTIONS, summary: 'the number of rows (each weighted by its decay, with decay)' },
  exists: { kind: 'boolean', takes: 'condition', none: 'false', options: ['where', 'within'], summary: 'whether any row counts' },
  distinct_days: { kind: 'number', takes: 'condition', none: '0', options: ['where', 'within', 'once_every', 'decay'], summary: 'the number of calendar days with a row' },
  sum: { kind: 'number', takes: 'number column', none: '0', options: ['where', 'within', 'decay'], summary: 'the sum of a number column (each value weighted by its decay, with decay)' },
  min: { kind: 'number', takes: 'number column', none: 'empty', options: ['where', 'within'], summary: 'the least value of a number column' },
  max: { kind: 'number', takes: 'number column', none: 'empty', options: ['where', 'within'], summary: 'the greatest value of a number column' },
  first: { kind: 'date', takes: 'date column', none: 'empty', options: ['where', 'within'], summary: 'the earliest date of a date column (true: the `at` column)' },
  last: { kind: 'date', takes: 'date column', none: 'empty', options: ['where', 'within'], summary: 'the latest date of a date column (true: the `at` column)' },
};

/** How one column counts its rows over the days: the options that need the rows' days side by side. */
export interface DayRule {
  /** at most this many rows per calendar day (Infinity: no cap) */
  perDayMax: number;
  /** a row counts only when no counted row is less than this many days before it (0: no spacing) */
  onceEvery: number;
  /** one per day with a row (distinct_days) */
  distinct: boolean;
}

/** Whether an aggregate with these options needs the rows' days side by side (sorted), not a running total. */
export function needsDays(aggregate: Aggregate, perDayMax: number | null, onceEvery: number | null): boolean {
  return aggregate === 'distinct_days' || (aggregate === 'count' && (perDayMax !== null || onceEvery !== null));
}

/**
 * One lead's rows of one column, grouped by day, oldest day first: `days[i]` (a day number) holds
 * `rows[i]` rows. Fills `counted[i]` with how many of that day's rows count, and returns them
 * weighted (`weight(day)`, 1 without decay) and summed as `weightUnits`, so the sum does not
 * depend on the order of the additions.
 */
export function countDays(days: ArrayLike<number>, rows: ArrayLike<number>, rule: DayRule, weight: ((day: number) => number) | null, counted: number[] | null): number {
  let units = 0;
  let last = -Infinity;
  for (let i = 0; i < days.length; i++) {
    const day = days[i];
    let n = rows[i];
    if (rule.distinct && n > 1) n = 1;
    if (n > rule.perDayMax) n = rule.perDayMax;
    if (rule.onceEvery > 0) {
      // once every N days: the day counts (one row) only N days or more after the last counted one
      if (day - last < rule.onceEvery) n = 0;
      else if (n > 1) n = 1;
      if (n > 0) last = day;
    }
    if (counted !== null) counted[i] = n;
    if (n > 0) units += n * (weight === null ? UNITS : weightUnits(weight(day)));
  }
  return units;
}

/**
 * Decayed counts and sums of weights are added as whole numbers of billionths, exactly, so the
 * total is the same in whatever order the rows come (one thread or several, any block size).
 * A count without decay is a whole number of UNITS, exact up to nine million rows per lead.
 */
export const UNITS = 1e9;

export function weightUnits(weight: number): number {
  return Math.round(weight * UNITS);
}

/** A total of weight units as the derived value: kept to two decimals, like scores. */
export function fromUnits(units: number): number {
  return Math.round(units / UNITS * 100) / 100;
}

/**
 * A sum's values (times their decay weight) are added as whole millionths, so the total does not
 * depend on the rows' order either (one thread or several; a warehouse adding in any order, as
 * `leadq sql` does): added as plain doubles, a total on a half cent (0.335 + 0.1 + 0.2) rounded
 * up or down by that order. Exact while a lead's total stays under nine billion.
 */
export const SUM_UNITS = 1e6;

export function sumUnits(value: number): number {
  return Math.round(value * SUM_UNITS);
}

/**
 * A total of sum units as the derived value: to two decimals, like scores, half a cent up. Divided
 * by the units of a cent, a total on a half cent is exactly .5 (0.335 + 0.1 + 0.6 = 1.035 → 1.04;
 * through units / SUM_UNITS * 100 it would be 103.49999999999999 → 1.03).
 */
export function fromSumUnits(units: number): number {
  const cents = units / (SUM_UNITS / 100);
  // past 2^53 cents there are none to round to, and dividing twice adds an error of its own (1e21
  // came out 1.0000000000000001e+21): one division, kept to 15 significant digits as round2 keeps
  // such values (the units of a value past 90 trillion were not exact either)
  if (!(Math.abs(cents) < 2 ** 53)) return round2(units / SUM_UNITS);
  return Math.round(cents) / 100 + 0;
}
