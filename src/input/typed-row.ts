/**
 * Fills a `TypedRow` from a record's fields, parsing only the columns the ruleset reads as
 * numbers, dates or booleans, each once per row. A non-empty cell that does not parse becomes
 * empty and is reported back, so the summary can count warnings by column and line.
 */
import type { CoercionPlan, TypedRow } from '../engine/types.js';
import type { ValueKind } from '../engine/operators.js';
import { booleanFromBytes, dayFromBytes, numberFromBytes, UNSURE, UNSURE_NUMBER } from './byte-values.js';
import { BOOL_INVALID, parseBoolean, parseDay, parseNumber } from './coerce.js';

export interface ValueWarning {
  column: number;
  kind: ValueKind;
}

export class RowCoercer {
  readonly row: TypedRow;
  /** the strings of the fast path's current row: only the text columns are filled in */
  private readonly byteFields: string[];

  constructor(private readonly plan: CoercionPlan, width: number) {
    this.row = { fields: [], num: new Float64Array(width), day: new Float64Array(width), bool: new Int8Array(width) };
    this.byteFields = new Array<string>(width).fill('');
  }

  /**
   * The same from a quote-free line's UTF-8 bytes: field i is bytes [starts[i], ends[i]). Only the
   * columns the ruleset reads become strings; unusual shapes fall back to the text parsers.
   */
  loadBytes(b: Buffer, starts: Int32Array, ends: Int32Array, ascii: boolean, escaped: Uint8Array): ValueWarning[] | null {
    const row = this.row;
    const fields = this.byteFields;
    row.fields = fields;
    const encoding = ascii ? 'latin1' : 'utf8';
    for (const i of this.plan.textColumns) {
      const text = b.toString(encoding, starts[i], ends[i]);
      fields[i] = escaped[i] ? text.replace(/""/g, '"') : text;
    }
    let warnings: ValueWarning[] | null = null;
    for (const i of this.plan.numberColumns) {
      let v = numberFromBytes(b, starts[i], ends[i]);
      if (v === UNSURE_NUMBER) {
        const text = b.toString(encoding, starts[i], ends[i]);
        v = parseNumber(text);
        if (Number.isNaN(v) && text.trim() !== '') (warnings ??= []).push({ column: i, kind: 'number' });
      }
      row.num[i] = v;
    }
    for (const i of this.plan.dateColumns) {
      let v = dayFromBytes(b, starts[i], ends[i]);
      if (v === UNSURE_NUMBER) {
        const text = b.toString(encoding, starts[i], ends[i]);
        v = parseDay(text);
        if (Number.isNaN(v) && text.trim() !== '') (warnings ??= []).push({ column: i, kind: 'date' });
      }
      row.day[i] = v;
    }
    for (const i of this.plan.booleanColumns) {
      let v = booleanFromBytes(b, starts[i], ends[i]);
      if (v === UNSURE) v = parseBoolean(b.toString(encoding, starts[i], ends[i]));
      row.bool[i] = v === BOOL_INVALID ? -1 : v;
      if (v === BOOL_INVALID) (warnings ??= []).push({ column: i, kind: 'boolean' });
    }
    return warnings;
  }

  /** Loads `fields` into the shared typed row; returns the cells that did not parse, or null. */
  load(fields: string[]): ValueWarning[] | null {
    const row = this.row;
    row.fields = fields;
    let warnings: ValueWarning[] | null = null;
    for (const i of this.plan.numberColumns) {
      const v = parseNumber(fields[i]);
      row.num[i] = v;
      if (Number.isNaN(v) && fields[i].trim() !== '') (warnings ??= []).push({ column: i, kind: 'number' });
    }
    for (const i of this.plan.dateColumns) {
      const v = parseDay(fields[i]);
      row.day[i] = v;
      if (Number.isNaN(v) && fields[i].trim() !== '') (warnings ??= []).push({ column: i, kind: 'date' });
    }
    for (const i of this.plan.booleanColumns) {
      const v = parseBoolean(fields[i]);
      row.bool[i] = v === BOOL_INVALID ? -1 : v;
      if (v === BOOL_INVALID) (warnings ??= []).push({ column: i, kind: 'boolean' });
    }
    return warnings;
  }
}
