/**
 * A related file's rows folded into one value per lead and derived column. The rows arrive in
 * blocks (events.ts, `EventBlock`), in input order, each already matched to its lead's entry in
 * the lead-key table and measured against the as-of date, its window and its condition; here they
 * are added up. Memory is one Float64Array per derived column over the leads, plus, only for
 * columns that need a row's day beside the others of its lead (a daily cap, once every N days,
 * distinct days), a list of (lead, day) pairs: 8 bytes per row those columns count, in chunks,
 * each sorted once at the end and walked merged.
 *
 * The same value whatever the order of the rows' additions, except a sum's, which is added in
 * input order (the blocks come in input order, whatever the threads): counts and decay weights
 * add as whole units (model/related.ts), minimums, maximums and days do not depend on order.
 */
import { AGGREGATE_SPECS, countDays, fromSumUnits, fromUnits, needsDays, UNITS, type Aggregate, type DayRule } from '../model/related.js';
import { decayFunction } from '../model/recency.js';
import type { ResolvedDerived } from '../ruleset/resolved.js';

/** What a block of a related file's rows adds, in input order. */
export interface EventBlock {
  /** per row: its lead's entry in the lead-key table */
  entries: Int32Array;
  /** per row: its day number */
  days: Int32Array;
  /**
   * per derived column, the rows that add to it (`rows`: indexes into entries and days, ascending)
   * and what each adds (`values`): count and exists 1 (count: its decay weight in units), a sum
   * its value (times its weight), min and max the value, first and last the day, a day-rule
   * column 1. Most rows add to few columns, so only those are listed.
   */
  columns: { rows: Int32Array; values: Float64Array }[];
}

/** Builds an EventBlock from rows given one at a time, each with its value per column (NaN: adds nothing there). */
export class EventBlockBuilder {
  private entries: number[] = [];
  private days: number[] = [];
  private readonly rows: number[][];
  private readonly values: number[][];

  constructor(width: number) {
    this.rows = Array.from({ length: width }, () => []);
    this.values = Array.from({ length: width }, () => []);
  }

  add(entry: number, day: number, values: ArrayLike<number>): void {
    const i = this.entries.length;
    this.entries.push(entry);
    this.days.push(day);
    for (let c = 0; c < this.rows.length; c++) {
      const v = values[c];
      if (v === v) { this.rows[c].push(i); this.values[c].push(v); }
    }
  }

  take(): EventBlock {
    return {
      entries: Int32Array.from(this.entries), days: Int32Array.from(this.days),
      columns: this.rows.map((rows, c) => ({ rows: Int32Array.from(rows), values: Float64Array.from(this.values[c]) })),
    };
  }
}

/** Ages are packed beside the entry in one float: entry * AGE_SPAN + age (ages of calendar days 0000–9999 fit). */
const AGE_SPAN = 1 << 22;
const CHUNK = 1 << 20;

/** A derived column as the fold needs it. */
interface Column {
  aggregate: Aggregate;
  /** sorted (lead, day) pairs are kept for it */
  days: boolean;
  rule: DayRule;
  weight: ((day: number) => number) | null;
}

export class DerivedAccumulator {
  /** per derived column, per lead entry: the running value, then (after `finish`) what rules read */
  readonly values: Float64Array[];
  private readonly columns: Column[];
  private readonly pairs: PairList[];

  /** `entries`: leads in the lead-key table; `shared`: the values in SharedArrayBuffers (for worker threads) */
  constructor(derived: readonly ResolvedDerived[], private readonly entries: number, private readonly asOfDay: number, shared: boolean) {
    this.columns = derived.map((d) => ({
      aggregate: d.aggregate,
      days: needsDays(d.aggregate, d.perDayMax, d.onceEvery),
      rule: { perDayMax: d.perDayMax ?? Infinity, onceEvery: d.onceEvery ?? 0, distinct: d.aggregate === 'distinct_days' },
      weight: d.decay ? ((decay) => (day: number) => decay(asOfDay - day))(decayFunction(d.decay)) : null,
    }));
    this.values = this.columns.map((c) => {
      const a = shared ? new Float64Array(new SharedArrayBuffer(Math.max(1, entries) * 8)) : new Float64Array(Math.max(1, entries));
      a.fill(START[c.aggregate]);
      return a;
    });
    this.pairs = this.columns.map(() => new PairList());
  }

  /** Adds a block's rows; blocks must come in input order. */
  add(block: EventBlock): void {
    const { entries, days } = block;
    for (let c = 0; c < this.columns.length; c++) {
      const col = this.columns[c];
      const { rows, values } = block.columns[c];
      const n = rows.length;
      const acc = this.values[c];
      if (col.days) {
        const pairs = this.pairs[c];
        for (let i = 0; i < n; i++) pairs.push(entries[rows[i]] * AGE_SPAN + (this.asOfDay - days[rows[i]]));
        continue;
      }
      switch (col.aggregate) {
        case 'count': case 'sum':
          for (let i = 0; i < n; i++) acc[entries[rows[i]]] += values[i];
          break;
        case 'exists':
          for (let i = 0; i < n; i++) acc[entries[rows[i]]] = 1;
          break;
        case 'min': case 'first':
          for (let i = 0; i < n; i++) { const v = values[i]; const e = entries[rows[i]]; if (v < acc[e]) acc[e] = v; }
          break;
        case 'max': case 'last':
          for (let i = 0; i < n; i++) { const v = values[i]; const e = entries[rows[i]]; if (v > acc[e]) acc[e] = v; }
          break;
        case 'distinct_days':
          throw new Error('distinct_days keeps its days');
      }
    }
  }

  /** The values rules read, per derived column and lead entry: a lead without counted rows gets its aggregate's empty value. */
  finish(): Float64Array[] {
    this.columns.forEach((col, c) => {
      const acc = this.values[c];
      if (col.days) {
        this.finishDays(col, this.pairs[c], acc);
        this.pairs[c] = new PairList();
        return;
      }
      switch (col.aggregate) {
        case 'count': for (let e = 0; e < this.entries; e++) acc[e] = fromUnits(acc[e]); break;
        case 'sum': for (let e = 0; e < this.entries; e++) acc[e] = fromSumUnits(acc[e]); break;
        case 'min': case 'first': for (let e = 0; e < this.entries; e++) if (acc[e] === Infinity) acc[e] = NaN; break;
        case 'max': case 'last': for (let e = 0; e < this.entries; e++) if (acc[e] === -Infinity) acc[e] = NaN; break;
        default: break;
      }
    });
    return this.values;
  }

  /** A day-rule column: each lead's days, oldest first, through countDays. */
  private finishDays(col: Column, pairs: PairList, acc: Float64Array): void {
    const days: number[] = [];
    const rows: number[] = [];
    let entry = -1;
    const flush = () => { if (entry >= 0) acc[entry] = fromUnits(countDays(days, rows, col.rule, col.weight, null)); };
    // pairs ascend by entry, then by age: a lead's ages from youngest to oldest, so its days are walked backwards
    const ages: number[] = [];
    for (const pair of pairs.sorted()) {
      const e = Math.floor(pair / AGE_SPAN);
      if (e !== entry) {
        groupDays(ages, this.asOfDay, days, rows);
        flush();
        entry = e;
        ages.length = 0;
      }
      ages.push(pair - e * AGE_SPAN);
    }
    groupDays(ages, this.asOfDay, days, rows);
    flush();
    // leads without a counted day: 0 (set at the start)
  }
}

/** Ages from youngest to oldest → days oldest first, with the rows of each. */
function groupDays(ages: number[], asOfDay: number, days: number[], rows: number[]): void {
  days.length = 0;
  rows.length = 0;
  for (let i = ages.length - 1; i >= 0; i--) {
    const day = asOfDay - ages[i];
    if (days.length > 0 && days[days.length - 1] === day) rows[rows.length - 1]++;
    else { days.push(day); rows.push(1); }
  }
}

/** Where each aggregate starts: nothing counted yet. */
const START: Readonly<Record<Aggregate, number>> = {
  count: 0, sum: 0, exists: 0, distinct_days: 0, min: Infinity, first: Infinity, max: -Infinity, last: -Infinity,
};

/** What a lead that has no entry (an empty key) reads, per aggregate: what a lead without counted rows gets. */
export function emptyValue(aggregate: Aggregate): number {
  return AGGREGATE_SPECS[aggregate].none === '0' ? 0 : AGGREGATE_SPECS[aggregate].none === 'false' ? 0 : NaN;
}

/** Pairs in chunks of a million (no copy as they grow), each sorted at the end and walked merged. */
class PairList {
  private readonly chunks: Float64Array[] = [];
  private used = CHUNK;

  push(pair: number): void {
    if (this.used === CHUNK) { this.chunks.push(new Float64Array(CHUNK)); this.used = 0; }
    this.chunks[this.chunks.length - 1][this.used++] = pair;
  }

  /** Every pair in ascending order (the chunks sorted in place, then merged). */
  *sorted(): Generator<number> {
    const parts = this.chunks.map((c, i) => (i === this.chunks.length - 1 ? c.subarray(0, this.used) : c).sort());
    const at = new Array<number>(parts.length).fill(0);
    for (;;) {
      let best = -1;
      for (let k = 0; k < parts.length; k++) if (at[k] < parts[k].length && (best < 0 || parts[k][at[k]] < parts[best][at[best]])) best = k;
      if (best < 0) return;
      yield parts[best][at[best]++];
    }
  }
}

export { UNITS };
