/**
 * For `leadq explain`: one lead's rows of a related file, and per derived column which of them
 * counted and why each other did not — dated after the as-of date, no timestamp (its text
 * quoted), its condition does not hold, outside the window, no value to add, over the daily cap,
 * within once_every of a counted row, another row that day counted. The value itself is the
 * aggregation's own (the caller folds the same rows with the same code as `score`); this says
 * which rows made it, and what each gave (explain-related-values.ts). Rows per column are
 * listed up to a bound, the rest counted (with what the counted among them add).
 */
import { formatDay } from '../model/days.js';
import { quoteData } from '../model/errors.js';
import { countDays, SUM_UNITS, type DayRule } from '../model/related.js';
import { decayFunction } from '../model/recency.js';
import type { ResolvedDerived, ResolvedRelated } from '../ruleset/resolved.js';
import type { RowVerdict } from './related-rows.js';
import { noValueWhy, traceValues } from './explain-related-values.js';

/** A row of the lead in a related file, measured (engine/related-rows.ts). */
export interface LeadRow {
  line: number;
  /** its day number; NaN when its timestamp did not parse */
  day: number;
  /** the timestamp cell's text when it did not parse (empty, or not a date) */
  timestamp?: string;
  /** per derived column: why it adds nothing there ('' when it passes) */
  why: RowVerdict[];
  /** per derived column: what it reads of the row (engine/related-rows.ts `reads`; NaN: nothing) */
  reads: number[];
  /** per derived column: what the row adds, as measured (NaN: nothing, or not measured) */
  adds: number[];
  /** per derived column: the text of the cell it reads, where the row has no value to add ('' elsewhere) */
  cells: string[];
}

export interface RelatedRowTrace {
  line: number;
  date: string | null;
  /** days before the as-of date (negative: after it) */
  age: number | null;
  counted: boolean;
  /** why not, in words; '' when counted */
  why: string;
  /** the timestamp cell's text, when it did not parse */
  timestamp?: string;
  /** with decay: what the row weighs */
  weight?: number;
  /** sum, min, max: the row's number; first, last: its date (when its cell parses) */
  value?: number | string;
  /** sum, a counted row: what it adds (its value times its weight), exactly as the sum adds it */
  added?: number;
  /** min, max, first, last: the counted row whose value is the column's */
  gives_value?: boolean;
}

export interface DerivedTrace {
  name: string;
  aggregate: string;
  /** the related column a sum, min, max, first or last reads (first and last: true, the timestamp column; null for count, exists, distinct_days) */
  of: string | null;
  /** the value rules read, as text ('' when empty) */
  value: string;
  /** counted rows; rows whose condition did not hold (counted, not listed) */
  counted: number;
  unmet: number;
  /** the rows listed (at most ROWS_SHOWN): counted ones, then the others but those whose condition did not hold; `more` were left out */
  rows: RelatedRowTrace[];
  more: number;
  /** of the rows left out: how many counted, and (a sum; a count with decay) what they add, so the lines add up */
  more_counted: number;
  more_added?: number;
}

export interface RelatedTrace {
  name: string;
  file: string;
  /** the lead's key as matched: the export's column and its value ('' when the lead has none) */
  column: string;
  key: string;
  /** the lead's rows in the file */
  rows: number;
  /** the file's timestamp column (`at`) */
  at: string;
  /** the lead's rows whose timestamp did not parse, which count nowhere: how many, and the first (line and the cell's text) */
  no_timestamp: { rows: number; first: { line: number; timestamp: string }[] };
  /** the file's rejected rows, whoever's they are (a rejected row's key cannot be trusted): how many, the first with why, and the lines of those holding the lead's key in some field */
  rejected: RejectedRows;
  columns: DerivedTrace[];
}

export interface RejectedRows {
  rows: number;
  /** the file's rows read, rejected ones included (the summary's rows) */
  read: number;
  first: { line: number; reason: string }[];
  /** lines of rejected rows with a field that is the lead's key (at most ROWS_SHOWN) */
  with_key_lines: number[];
}

export const ROWS_SHOWN = 12;

const WHY: Record<Exclude<RowVerdict, ''>, string> = { where: 'its condition does not hold', window: 'outside the window', 'no value': 'no value to add' };

export function traceRelated(file: ResolvedRelated, rows: readonly LeadRow[], asOfDay: number, values: readonly string[]): DerivedTrace[] {
  return file.columns.map((d, c) => {
    const traces = rows.map((r): RelatedRowTrace => {
      const placed = r.day === r.day;
      const base = { line: r.line, date: placed ? formatDay(r.day) : null, age: placed ? asOfDay - r.day : null };
      if (!placed) return { ...base, counted: false, why: noTimestamp(r.timestamp ?? ''), timestamp: r.timestamp ?? '' };
      if (r.day > asOfDay) return { ...base, counted: false, why: 'after the as-of date' };
      const verdict = r.why[c];
      if (verdict === 'window') return { ...base, counted: false, why: `${WHY.window} (${asOfDay - r.day} days old; within ${d.within}d)` };
      if (verdict === 'no value') return { ...base, counted: false, why: noValueWhy(d, r.cells[c]) };
      if (verdict !== '') return { ...base, counted: false, why: WHY[verdict] };
      return { ...base, counted: true, why: '' };
    });
    if (d.aggregate === 'distinct_days' || d.perDayMax !== null || d.onceEvery !== null) applyDayRules(d, traces, asOfDay);
    const weight = d.decay ? decayFunction(d.decay) : null;
    if (weight) for (const t of traces) if (t.counted) t.weight = Number(weight(t.age!).toPrecision(3));
    traceValues(d, c, rows, traces);
    // the counted rows first — a min, max, first or last the row that gave the value before
    // them — newest first; then why the others did not count, newest first; rows its condition
    // does not take are only counted (an activity log holds many of them)
    const shown = traces.filter((t) => t.why !== WHY.where);
    const order = shown.sort((a, b) => Number(b.counted) - Number(a.counted) || Number(b.gives_value ?? false) - Number(a.gives_value ?? false)
      || (a.age ?? Infinity) - (b.age ?? Infinity) || a.line - b.line);
    const hidden = order.slice(ROWS_SHOWN).filter((t) => t.counted);
    return {
      name: d.name, aggregate: d.aggregate, of: d.of?.name ?? null, value: values[c], counted: traces.filter((t) => t.counted).length, unmet: traces.length - shown.length,
      rows: order.slice(0, ROWS_SHOWN), more: Math.max(0, order.length - ROWS_SHOWN), more_counted: hidden.length,
      ...(hidden.length === 0 ? {} : d.aggregate === 'sum' ? { more_added: sumAdded(hidden) } : weight ? { more_added: Number(hidden.reduce((a, t) => a + weight(t.age!), 0).toPrecision(3)) } : {}),
    };
  });
}

/** What counted rows of a sum add together, added in whole millionths as the fold adds them. */
function sumAdded(traces: readonly RelatedRowTrace[]): number {
  return traces.reduce((units, t) => units + Math.round(t.added! * SUM_UNITS), 0) / SUM_UNITS;
}

/** Why a row that cannot be placed in time counts nowhere: its timestamp cell, quoted as messages quote data. */
function noTimestamp(text: string): string {
  return text.trim() === '' ? 'no timestamp (the cell is empty)' : `no timestamp that parses: ${quoteData(text)}`;
}

/** The lead's rows whose timestamp did not parse: how many, and the first ROWS_SHOWN in file order. */
export function rowsWithoutTimestamp(rows: readonly LeadRow[]): RelatedTrace['no_timestamp'] {
  const unplaced = rows.filter((r) => r.day !== r.day);
  return { rows: unplaced.length, first: unplaced.slice(0, ROWS_SHOWN).map((r) => ({ line: r.line, timestamp: r.timestamp ?? '' })) };
}

/** A daily cap, once every N days, one per day: which of the passing rows count, the earliest rows of a day first (in file order). */
function applyDayRules(d: ResolvedDerived, traces: RelatedRowTrace[], asOfDay: number): void {
  const passing = traces.filter((t) => t.counted).sort((a, b) => b.age! - a.age! || a.line - b.line);
  const days: number[] = [];
  const rows: number[] = [];
  for (const t of passing) {
    const day = asOfDay - t.age!;
    if (days.length > 0 && days[days.length - 1] === day) rows[rows.length - 1]++;
    else { days.push(day); rows.push(1); }
  }
  const rule: DayRule = { perDayMax: d.perDayMax ?? Infinity, onceEvery: d.onceEvery ?? 0, distinct: d.aggregate === 'distinct_days' };
  const counted: number[] = [];
  countDays(days, rows, rule, null, counted);
  let k = 0;
  days.forEach((_day, i) => {
    for (let j = 0; j < rows[i]; j++, k++) {
      if (j < counted[i]) continue;
      const t = passing[k];
      t.counted = false;
      t.why = counted[i] === 0 && rule.onceEvery > 0 ? `within ${rule.onceEvery} days of a counted row (once_every ${rule.onceEvery}d)`
        : rule.distinct || rule.onceEvery > 0 ? 'another row that day counted' : `over the daily cap (per_day_max ${rule.perDayMax})`;
    }
  });
}
