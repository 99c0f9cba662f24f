/**
 * The export side of compiling: `formats:` resolved to column indexes, and the coercion plan that
 * tells the row path which columns to parse and how (input/formats.ts decides the parsers).
 */
import type { ValueKind } from '../model/operators.js';
import type { CoercionPlan } from '../input/rows/types.js';
import { CellStrings } from '../input/values/cell-strings.js';
import { DEFAULT_PLACEHOLDERS, valuePlan } from '../input/values/formats.js';
import { type ColumnFormat } from '../model/formats.js';
import type { ColumnResolver } from '../ruleset/columns.js';
import type { Ruleset } from '../ruleset/types.js';

/** Column index → its format; a column named twice (by two names) takes the later entry's keys over the earlier's. */
export function compileFormats(ruleset: Ruleset, columns: ColumnResolver): Map<number, ColumnFormat> {
  const out = new Map<number, ColumnFormat>();
  for (const entry of ruleset.formats?.values() ?? []) {
    const index = columns.resolve(entry.column);
    if (index < 0) continue; // reported as a missing column
    const { column: _name, ...format } = entry;
    out.set(index, { ...out.get(index), ...format });
  }
  return out;
}

export function coercionPlan(kinds: Map<ValueKind, Set<number>>, sourceIndex: number, formats: Map<number, ColumnFormat>, ruleset: Ruleset): CoercionPlan {
  const split = valuePlan(
    { number: kinds.get('number')!, date: kinds.get('date')!, boolean: kinds.get('boolean')! },
    formats,
    ruleset.placeholders ?? DEFAULT_PLACEHOLDERS,
  );
  const textColumns = [...kinds.get('text')!, ...(sourceIndex >= 0 ? [sourceIndex] : [])].filter((c, i, all) => all.indexOf(c) === i);
  const { numbers, dates, booleans, placeholders } = split.values;
  const values = placeholders !== null || numbers.length + dates.length + booleans.length > 0 ? split.values : undefined;
  const cellStrings: CellStrings[] = [];
  for (const c of textColumns) cellStrings[c] = new CellStrings();
  return { numberColumns: split.numberColumns, dateColumns: split.dateColumns, booleanColumns: split.booleanColumns, textColumns, cellStrings, values };
}
