/**
 * Fills a `TypedRow` from a record's fields, parsing only the columns the ruleset reads as
 * numbers, dates or booleans, each once per row. A non-empty cell that does not parse becomes
 * empty and is reported back, so the summary can count warnings by column and line.
 */
import type { CoercionPlan, TypedRow } from '../engine/types.js';
import type { ValueKind } from '../engine/operators.js';
import { BOOL_INVALID, parseBoolean, parseDay, parseNumber } from './coerce.js';

export interface ValueWarning {
  column: number;
  kind: ValueKind;
}

export class RowCoercer {
  readonly row: TypedRow;

  constructor(private readonly plan: CoercionPlan, width: number) {
    this.row = { fields: [], num: new Float64Array(width), day: new Float64Array(width), bool: new Int8Array(width) };
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
