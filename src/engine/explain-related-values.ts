/**
 * What each of the lead's rows gave a derived column, for `leadq explain`: a sum's rows the value
 * each read and what it added (times its decay weight), so the rows add up to the column's value;
 * min, max, first and last the value each row read, and which row gave the column its value.
 * A row without a value says what its cell held. Counts need none of this: a counted row adds 1,
 * or its weight under decay (explain-related.ts gives it).
 */
import { formatDay } from '../model/days.js';
import { quoteData } from '../model/errors.js';
import { SUM_UNITS } from '../model/related.js';
import type { ResolvedDerived } from '../ruleset/resolved.js';
import type { LeadRow, RelatedRowTrace } from './explain-related.js';

/** Whether the aggregate reads a cell of each row (sum, min, max, first, last). */
export function readsCells(d: ResolvedDerived): boolean {
  return d.aggregate === 'sum' || d.aggregate === 'min' || d.aggregate === 'max' || d.aggregate === 'first' || d.aggregate === 'last';
}

/** Sets `value`, `added` and `gives_value` on column `c`'s traces; `traces[i]` is `rows[i]`'s (file order, day rules applied). */
export function traceValues(d: ResolvedDerived, c: number, rows: readonly LeadRow[], traces: RelatedRowTrace[]): void {
  if (!readsCells(d)) return;
  const date = d.kind === 'date';
  traces.forEach((t, i) => {
    const v = rows[i].reads[c];
    if (v === v) t.value = date ? formatDay(v) : v;
    // exactly what the fold adds (millionths, events/accumulate.ts): the rows' additions are the sum
    if (d.aggregate === 'sum' && t.counted) t.added = rows[i].adds[c] / SUM_UNITS;
  });
  if (d.aggregate === 'sum') return;
  // min and max, first and last: the counted rows holding the extreme value gave it (ties: each of them)
  const counted = traces.map((t, i) => (t.counted ? rows[i].reads[c] : NaN)).filter((v) => v === v);
  if (counted.length === 0) return;
  const extreme = d.aggregate === 'min' || d.aggregate === 'first' ? Math.min(...counted) : Math.max(...counted);
  traces.forEach((t, i) => { if (t.counted && rows[i].reads[c] === extreme) t.gives_value = true; });
}

/** Why a row adds no value: the column it reads, and what that cell held. */
export function noValueWhy(d: ResolvedDerived, cell: string): string {
  const column = d.of?.name ?? '';
  if (cell.trim() === '') return `no value to add: ${column} is empty`;
  return `no value to add: ${column} holds ${quoteData(cell)}, not ${d.kind === 'date' ? 'a date' : 'a number'}`;
}
