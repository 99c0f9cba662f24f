/**
 * What the input side hands the engine: one row with the typed values the ruleset reads, parsed
 * once at the boundary, and the plan that says which columns to parse and how.
 */
import type { CellStrings } from '../values/cell-strings.js';
import type { ValuePlan } from '../values/formats.js';

/** One input row with the typed values the ruleset needs, parsed once at the input boundary. */
export interface TypedRow {
  fields: string[];
  /** by column index: the number in the cell, NaN when empty or unparseable */
  num: Float64Array;
  /** by column index: the day number of the date in the cell, NaN when empty or unparseable */
  day: Float64Array;
  /** by column index: 1 true, 0 false, -1 empty or unparseable */
  bool: Int8Array;
  /**
   * by text column index: which of the column's distinct values the cell is (see `CoercionPlan.
   * cellStrings`), so tests can remember answers per value by number; -1 when not known
   */
  ids: Int32Array;
}

export interface CoercionPlan {
  numberColumns: number[];
  dateColumns: number[];
  booleanColumns: number[];
  /** columns read as text (and the lead source): the fast row path makes strings only of these */
  textColumns: number[];
  /**
   * per text column (by index), its distinct cells' strings, made once by the fast row path;
   * shared by every row reader of the compiled ruleset, so a value's id means one thing to its tests
   */
  cellStrings: CellStrings[];
  /**
   * columns with a format of their own (taken out of the three lists above) and the placeholders
   * every reader sees as empty; absent: plain parsing only (see input/formats.ts)
   */
  values?: ValuePlan;
  /**
   * Derived columns of related files: how many there are (a typed row holds them after the
   * header's columns), and what fills them once a row is read; without it they read as empty.
   */
  derived?: { count: number; fill: RowCompleter | null };
}

/** Fills a row's derived columns (after the header's) from what was aggregated for its lead. */
export interface RowCompleter {
  complete(row: TypedRow): void;
}

