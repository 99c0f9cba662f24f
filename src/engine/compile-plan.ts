/**
 * The input side of compiling: which columns the row path parses, and how (input/values/formats.ts
 * decides the parsers). The rules read each column as a number, a date, a boolean or text; only
 * those columns are parsed, and text columns get their table of distinct values.
 */
import type { CoercionPlan } from '../input/rows/types.js';
import { CellStrings } from '../input/values/cell-strings.js';
import { DEFAULT_PLACEHOLDERS, valuePlan } from '../input/values/formats.js';
import type { ResolvedRuleset } from '../ruleset/resolved.js';

/** The plan of an export (its derived columns after the header's), or of a related file (`reads`, `formats`, `placeholders` of its own). */
export function coercionPlan(resolved: Pick<ResolvedRuleset, 'reads' | 'formats' | 'placeholders' | 'related' | 'accounts' | 'completeness'>): CoercionPlan {
  const { reads } = resolved;
  const split = valuePlan(
    { number: reads.number, date: reads.date, boolean: reads.boolean },
    new Map(resolved.formats.map((f) => [f.column, f.format])),
    resolved.placeholders ?? DEFAULT_PLACEHOLDERS,
  );
  const { numbers, dates, booleans, placeholders } = split.values;
  const values = placeholders !== null || numbers.length + dates.length + booleans.length > 0 ? split.values : undefined;
  const cellStrings: CellStrings[] = [];
  for (const c of reads.text) cellStrings[c] = new CellStrings();
  // related files' derived columns, then the account number and values, then completeness (resolve-accounts.ts)
  const derived = (resolved.related ?? []).reduce((n, file) => n + file.columns.length, 0)
    + (resolved.accounts ? 1 + resolved.accounts.values.length : 0) + (resolved.completeness ? 1 : 0);
  return {
    numberColumns: split.numberColumns, dateColumns: split.dateColumns, booleanColumns: split.booleanColumns, textColumns: [...reads.text], cellStrings, values,
    ...(derived > 0 ? { derived: { count: derived, fill: null } } : {}),
  };
}
