/**
 * One row of a related file, measured for each derived column: whether its condition holds, its
 * age against the as-of date and the window, and what it adds (model/related.ts says how the
 * additions become a value; events/accumulate.ts adds them up). Compiled once per related file
 * from the resolved ruleset, with the engine's own condition compiler, so a related file's
 * conditions mean what the same test means on the export.
 */
import type { CoercionPlan, TypedRow } from '../input/rows/types.js';
import { decayFunction } from '../model/recency.js';
import { needsDays, sumUnits, UNITS, weightUnits, type Aggregate } from '../model/related.js';
import type { ResolvedRelated, ResolvedRuleset } from '../ruleset/resolved.js';
import { coercionPlan } from './compile-plan.js';
import { conditionCompiler } from './compile.js';
import type { Evaluation, Test } from './types.js';

/** Why a row adds nothing to a column ('' when it does); the day rules come after (explain). */
export type RowVerdict = '' | 'where' | 'window' | 'no value';

interface ColumnRules {
  aggregate: Aggregate;
  where: Test | null;
  within: number;
  /** the column a sum, min, max, first or last reads (-1: none) */
  of: number;
  days: boolean;
  decay: ((age: number) => number) | null;
}

/** An evaluation for tests that read no scores: a related row has none. */
const NO_SCORES: Evaluation = { engagement: 0, fit: 0, total: 0, bantCount: 0, bantMask: 0, named: [], grade: -1, asOfDay: 0 };

export class RelatedRows {
  /** which of the related file's columns to parse, and how */
  readonly plan: CoercionPlan;
  private readonly columns: ColumnRules[];
  private readonly ev: Evaluation = { ...NO_SCORES };

  constructor(readonly file: ResolvedRelated, resolved: ResolvedRuleset) {
    this.plan = coercionPlan({ reads: file.reads, formats: file.formats, placeholders: file.placeholders });
    const compile = conditionCompiler(resolved, []);
    this.columns = file.columns.map((d) => ({
      aggregate: d.aggregate,
      where: d.where ? compile(d.where) : null,
      within: d.within ?? Infinity,
      of: d.of?.index ?? -1,
      days: needsDays(d.aggregate, d.perDayMax, d.onceEvery),
      decay: d.decay ? decayFunction(d.decay) : null,
    }));
  }

  get width(): number {
    return this.columns.length;
  }

  /**
   * What column `c` reads of the row, dated `day`, before any weight: a sum's, min's or max's
   * number, a first's or last's day; NaN when the cell is empty or does not parse, and for the
   * aggregates that read no cell (count, exists, distinct_days). Explain shows it per row.
   */
  reads(row: TypedRow, day: number, c: number): number {
    return cellValue(this.columns[c], row, day);
  }

  /**
   * What the row, dated `day` (on or before the as-of day), adds to each column: `out[c]`, NaN
   * where it adds nothing (`why[c]` says why, when given). Returns whether it adds to any.
   */
  measure(row: TypedRow, day: number, asOfDay: number, out: Float64Array, why?: RowVerdict[]): boolean {
    const age = asOfDay - day;
    this.ev.asOfDay = asOfDay;
    let any = false;
    for (let c = 0; c < this.columns.length; c++) {
      const col = this.columns[c];
      let verdict: RowVerdict = '';
      let v = NaN;
      if (col.where !== null && !col.where(row, this.ev)) verdict = 'where';
      else if (age > col.within) verdict = 'window';
      else {
        v = contribution(col, row, age, day);
        if (v !== v) verdict = 'no value';
      }
      out[c] = v;
      if (why) why[c] = verdict;
      if (v === v) any = true;
    }
    return any;
  }
}

function contribution(col: ColumnRules, row: TypedRow, age: number, day: number): number {
  switch (col.aggregate) {
    case 'count':
      if (col.days) return 1;
      return col.decay === null ? UNITS : weightUnits(col.decay(age));
    case 'exists': case 'distinct_days': return 1;
    case 'sum': {
      const v = row.num[col.of];
      return v !== v ? v : sumUnits(col.decay === null ? v : v * col.decay(age));
    }
    default: return cellValue(col, row, day);
  }
}

/** The cell a sum, min, max, first or last reads (first and last without a column: the row's day). */
function cellValue(col: ColumnRules, row: TypedRow, day: number): number {
  switch (col.aggregate) {
    case 'sum': case 'min': case 'max': return row.num[col.of];
    case 'first': case 'last': return col.of < 0 ? day : row.day[col.of];
    default: return NaN;
  }
}
