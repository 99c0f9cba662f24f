/**
 * Fills a `TypedRow` from a record's fields, parsing only the columns the ruleset reads as
 * numbers, dates or booleans, each once per row. A non-empty cell that does not parse becomes
 * empty and is reported back, so the summary can count warnings by column and line.
 *
 * Placeholders (`N/A`, `-`, …) read as empty everywhere: a typed cell that fails to parse is
 * looked up before it counts as a warning (the rare path; input/formats.ts moves columns whose
 * placeholders would parse to parsers that look first), and text columns see '' instead. Columns
 * with a format (`formats:`) have their own parsers in `plan.values`, in loops of their own, so
 * rows of rulesets without formats take exactly the plain loops.
 */
import type { CoercionPlan, TypedRow } from './types.js';
import type { ValueKind } from '../../model/operators.js';
import { booleanFromBytes, dayFromBytes, numberFromBytes, UNSURE, UNSURE_NUMBER } from '../values/byte-values.js';
import { BOOL_INVALID, parseBoolean, parseNumber } from '../values/coerce.js';
import { parseDay } from '../../model/days.js';
import type { ColumnParser, Placeholders } from '../values/formats.js';
import { sliceText } from '../csv/buffer-text.js';

export interface ValueWarning {
  column: number;
  kind: ValueKind;
  /** the cell as it stood, for the message (the first one per column is kept) */
  value: string;
}

/** A field's text (the block was checked to be UTF-8). */
const cut = sliceText;

export class RowCoercer {
  readonly row: TypedRow;
  /** the strings of the fast path's current row: only the text columns are filled in */
  private readonly byteFields: string[];
  /** null when the ruleset turns placeholders off (`placeholders: []`) */
  private readonly placeholders: Placeholders | null;
  /** the columns with parsers of their own; null when there are none */
  private readonly custom: { numbers: ColumnParser[]; dates: ColumnParser[]; booleans: ColumnParser[] } | null;
  /** the text path's fields with placeholders blanked: the record itself is written out unchanged */
  private readonly blanked: string[];

  /**
   * per column, the cells that parsed as the number, date or boolean the rules read since the last
   * `takeParsed`: with the warnings, the share of a column's values that did not parse
   */
  private parsed: Int32Array;

  /** `width`: the header's; a plan with derived columns makes the typed row longer by as many */
  constructor(private readonly plan: CoercionPlan, width: number) {
    this.parsed = new Int32Array(width);
    const derived = plan.derived?.count ?? 0;
    const all = width + derived;
    this.row = { fields: [], num: new Float64Array(all), day: new Float64Array(all), bool: new Int8Array(all), ids: new Int32Array(all).fill(-1) };
    // a derived column reads as empty until something fills it
    this.row.num.fill(NaN, width);
    this.row.day.fill(NaN, width);
    this.row.bool.fill(-1, width);
    this.byteFields = new Array<string>(all).fill('');
    this.blanked = new Array<string>(width).fill('');
    const values = plan.values;
    this.placeholders = values?.placeholders ?? null;
    this.custom = values && values.numbers.length + values.dates.length + values.booleans.length > 0 ? values : null;
  }

  /** the fast path's current line: 1 where a field holds "" (a quote written twice) */
  private escaped: Uint8Array | null = null;

  /** A fast-path cell as it reads (a doubled quote as one), for a warning: the rare path. */
  private shown(text: string, column: number): string {
    return this.escaped !== null && this.escaped[column] ? text.replace(/""/g, '"') : text;
  }

  /** The parsed-cell counts since the last call (see `parsed`), and a fresh count from zero. */
  takeParsed(): Int32Array {
    const counts = this.parsed;
    this.parsed = new Int32Array(counts.length);
    return counts;
  }

  /** A non-empty cell that is no placeholder: one that did not parse is worth a warning. */
  private filled(text: string): boolean {
    return text.trim() !== '' && (this.placeholders === null || !this.placeholders.has(text));
  }

  /**
   * The same from a quote-free line's UTF-8 bytes: field i is bytes [starts[i], ends[i]). Only the
   * columns the ruleset reads become strings; unusual shapes fall back to the text parsers.
   */
  loadBytes(b: Buffer, starts: Int32Array, ends: Int32Array, ascii: boolean, escaped: Uint8Array): ValueWarning[] | null {
    this.escaped = escaped;
    const row = this.row;
    const fields = this.byteFields;
    row.fields = fields;
    const placeholders = this.placeholders;
    const ids = row.ids;
    for (const i of this.plan.textColumns) {
      const known = this.plan.cellStrings[i];
      const s = starts[i];
      const e = ends[i];
      if (escaped[i] === 0 && known.active) {
        let id = known.find(b, s, e);
        if (id < 0) {
          let text = cut(b, s, e, ascii);
          if (placeholders !== null && placeholders.has(text)) text = '';
          id = known.remember(b, s, e, text);
          if (id < 0) { fields[i] = text; ids[i] = -1; continue; }
        }
        fields[i] = known.strings[id];
        ids[i] = id;
        continue;
      }
      ids[i] = -1;
      let text = cut(b, s, e, ascii);
      if (escaped[i]) text = text.replace(/""/g, '"');
      fields[i] = placeholders !== null && placeholders.has(text) ? '' : text;
    }
    let warnings: ValueWarning[] | null = null;
    const parsed = this.parsed;
    for (const i of this.plan.numberColumns) {
      let v = numberFromBytes(b, starts[i], ends[i]);
      if (v === UNSURE_NUMBER) {
        const text = cut(b, starts[i], ends[i], ascii);
        v = parseNumber(text);
        if (Number.isNaN(v) && this.filled(text)) (warnings ??= []).push({ column: i, kind: 'number', value: this.shown(text, i) });
      }
      row.num[i] = v;
      if (v === v) parsed[i]++;
    }
    for (const i of this.plan.dateColumns) {
      let v = dayFromBytes(b, starts[i], ends[i]);
      if (v === UNSURE_NUMBER) {
        const text = cut(b, starts[i], ends[i], ascii);
        v = parseDay(text);
        if (Number.isNaN(v) && this.filled(text)) (warnings ??= []).push({ column: i, kind: 'date', value: this.shown(text, i) });
      }
      row.day[i] = v;
      if (v === v) parsed[i]++;
    }
    for (const i of this.plan.booleanColumns) {
      let v = booleanFromBytes(b, starts[i], ends[i]);
      let text = '';
      if (v === UNSURE) {
        text = cut(b, starts[i], ends[i], ascii);
        v = parseBoolean(text);
        if (v === BOOL_INVALID && !this.filled(text)) v = -1;
      }
      row.bool[i] = v === BOOL_INVALID ? -1 : v;
      if (v >= 0) parsed[i]++;
      else if (v === BOOL_INVALID) (warnings ??= []).push({ column: i, kind: 'boolean', value: this.shown(text, i) });
    }
    if (this.custom !== null) warnings = this.customBytes(b, starts, ends, ascii, warnings);
    this.plan.derived?.fill?.complete(row);
    return warnings;
  }

  /** The columns with parsers of their own, from the fast path's bytes. */
  private customBytes(b: Buffer, starts: Int32Array, ends: Int32Array, ascii: boolean, warnings: ValueWarning[] | null): ValueWarning[] | null {
    const { numbers, dates, booleans } = this.custom!;
    const row = this.row;
    const parsed = this.parsed;
    for (const p of numbers) {
      const i = p.column;
      let v = p.bytes ? numberFromBytes(b, starts[i], ends[i]) : UNSURE_NUMBER;
      if (v === UNSURE_NUMBER) {
        const text = cut(b, starts[i], ends[i], ascii);
        v = p.parse(text);
        if (Number.isNaN(v) && this.filled(text)) (warnings ??= []).push({ column: i, kind: 'number', value: this.shown(text, i) });
      }
      row.num[i] = v;
      if (v === v) parsed[i]++;
    }
    for (const p of dates) {
      const text = cut(b, starts[p.column], ends[p.column], ascii);
      const v = p.parse(text);
      row.day[p.column] = v;
      if (v === v) parsed[p.column]++;
      else if (this.filled(text)) (warnings ??= []).push({ column: p.column, kind: 'date', value: this.shown(text, p.column) });
    }
    for (const p of booleans) {
      const text = cut(b, starts[p.column], ends[p.column], ascii);
      const v = p.parse(text);
      row.bool[p.column] = v === BOOL_INVALID ? -1 : v;
      if (v >= 0) parsed[p.column]++;
      else if (v === BOOL_INVALID) (warnings ??= []).push({ column: p.column, kind: 'boolean', value: this.shown(text, p.column) });
    }
    return warnings;
  }

  /** Loads `fields` into the shared typed row; returns the cells that did not parse, or null. */
  load(fields: string[]): ValueWarning[] | null {
    const row = this.row;
    row.fields = fields;
    for (const i of this.plan.textColumns) row.ids[i] = -1;
    let warnings: ValueWarning[] | null = null;
    const parsed = this.parsed;
    for (const i of this.plan.numberColumns) {
      const v = parseNumber(fields[i]);
      row.num[i] = v;
      if (v === v) parsed[i]++;
      else if (this.filled(fields[i])) (warnings ??= []).push({ column: i, kind: 'number', value: fields[i] });
    }
    for (const i of this.plan.dateColumns) {
      const v = parseDay(fields[i]);
      row.day[i] = v;
      if (v === v) parsed[i]++;
      else if (this.filled(fields[i])) (warnings ??= []).push({ column: i, kind: 'date', value: fields[i] });
    }
    for (const i of this.plan.booleanColumns) {
      let v = parseBoolean(fields[i]);
      if (v === BOOL_INVALID && !this.filled(fields[i])) v = -1;
      row.bool[i] = v === BOOL_INVALID ? -1 : v;
      if (v >= 0) parsed[i]++;
      else if (v === BOOL_INVALID) (warnings ??= []).push({ column: i, kind: 'boolean', value: fields[i] });
    }
    if (this.custom !== null) warnings = this.customText(fields, warnings);
    if (this.placeholders !== null) this.blankPlaceholders(fields);
    this.plan.derived?.fill?.complete(this.row);
    return warnings;
  }

  /** The columns with parsers of their own, from the text path's fields. */
  private customText(fields: string[], warnings: ValueWarning[] | null): ValueWarning[] | null {
    const { numbers, dates, booleans } = this.custom!;
    const row = this.row;
    const parsed = this.parsed;
    for (const p of numbers) {
      const v = p.parse(fields[p.column]);
      row.num[p.column] = v;
      if (v === v) parsed[p.column]++;
      else if (this.filled(fields[p.column])) (warnings ??= []).push({ column: p.column, kind: 'number', value: fields[p.column] });
    }
    for (const p of dates) {
      const v = p.parse(fields[p.column]);
      row.day[p.column] = v;
      if (v === v) parsed[p.column]++;
      else if (this.filled(fields[p.column])) (warnings ??= []).push({ column: p.column, kind: 'date', value: fields[p.column] });
    }
    for (const p of booleans) {
      const v = p.parse(fields[p.column]);
      row.bool[p.column] = v === BOOL_INVALID ? -1 : v;
      if (v >= 0) parsed[p.column]++;
      else if (v === BOOL_INVALID) (warnings ??= []).push({ column: p.column, kind: 'boolean', value: fields[p.column] });
    }
    return warnings;
  }

  /** Text columns holding a placeholder read '' (from a copy: the record is written out as it came). */
  private blankPlaceholders(fields: string[]): void {
    const placeholders = this.placeholders!;
    let copied = false;
    for (const i of this.plan.textColumns) {
      if (!placeholders.has(fields[i])) continue;
      if (!copied) {
        copied = true;
        const blanked = this.blanked;
        for (let k = 0; k < fields.length; k++) blanked[k] = fields[k];
        this.row.fields = blanked;
      }
      this.blanked[i] = '';
    }
  }
}
