/**
 * Each lead's derived values, filled into its typed row as it is read: the lead's key (from the
 * column its related file matches) is normalised, looked up in the lead-key table, and the values
 * aggregated for that entry are copied to the row's derived columns. The tables are plain data
 * over SharedArrayBuffers (`RelatedTables`): handed to the worker threads once, viewed there,
 * never copied, so every thread fills rows from the same memory. The table numbers leads in the
 * export's order, so a lead's entry is usually the one after the previous lead's: tried first.
 */
import { KeyTable, type KeyTableParts } from '../input/keys/key-table.js';
import { keyScratch, normalizeKeyText, salesforceIdLength } from '../input/keys/normalize-key.js';
import type { RowCompleter, TypedRow } from '../input/rows/types.js';

/** The aggregated related files, as plain data a worker thread can be sent. */
export interface RelatedTables {
  /** one table per lead column and kind of key the related files match (usually one: the email) */
  keys: { column: number; email: boolean; salesforce: boolean; table: KeyTableParts }[];
  /** per derived column: which key table its values are by, where rules read it, and its values by entry */
  columns: { keys: number; index: number; kind: 'number' | 'date' | 'boolean'; values: Float64Array; empty: number }[];
}

export class DerivedLookup implements RowCompleter {
  private readonly tables: KeyTable[];
  private readonly scratch = keyScratch();
  /** per key table, the current row's entry (-1: no key, or not found) */
  private readonly found: Int32Array;
  /** per key table, the entry after the last one found: the next lead's, when the export is read in order (`findFrom`) */
  private readonly next: Int32Array;

  constructor(private readonly data: RelatedTables) {
    this.tables = data.keys.map((k) => KeyTable.view(k.table));
    this.found = new Int32Array(data.keys.length);
    this.next = new Int32Array(data.keys.length);
  }

  complete(row: TypedRow): void {
    this.locate(row);
    for (const c of this.data.columns) {
      const e = this.found[c.keys];
      const v = e >= 0 ? c.values[e] : c.empty;
      if (c.kind === 'number') row.num[c.index] = v;
      else if (c.kind === 'date') row.day[c.index] = v;
      else row.bool[c.index] = v;
    }
  }

  /**
   * The lead's value of the derived column `column` (its place in `columns`), leaving the row as
   * it is: for a value the rules must not see (a backtest's outcome counted past the as-of date).
   */
  valueOf(row: TypedRow, column: number): number {
    this.locate(row);
    const c = this.data.columns[column];
    const e = this.found[c.keys];
    return e >= 0 ? c.values[e] : c.empty;
  }

  /** Finds the row's entry in each key table (`found`). */
  private locate(row: TypedRow): void {
    const keys = this.data.keys;
    for (let k = 0; k < keys.length; k++) {
      let n = normalizeKeyText(row.fields[keys[k].column] ?? '', keys[k].email, this.scratch);
      if (n > 0 && keys[k].salesforce) n = salesforceIdLength(this.scratch, 0, n);
      const e = n > 0 ? this.tables[k].findFrom(this.next[k], this.scratch, 0, n) : -1;
      if (e >= 0) this.next[k] = e + 1;
      this.found[k] = e;
    }
  }
}
