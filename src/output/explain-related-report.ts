/**
 * The related files' part of an explanation (engine/explain-related.ts) as text: per file the
 * lead's rows without a timestamp that parses and the file's rejected rows, then per derived
 * column its value, the rows that counted with what each gave, and why the others did not; and
 * the line standard error gets for rejected rows. Pure, as explain-report.ts.
 */
import type { DerivedTrace, RelatedRowTrace, RelatedTrace } from '../engine/explain-related.js';
import { signed } from '../model/cents.js';
import { quoteData } from '../model/errors.js';
import { cell, mark } from './explain-marks.js';
import { relatedDateHint } from './related-summary.js';

/** A related file's rows of the lead: per derived column its value, the rows that counted and why the others did not. */
export function relatedLines(r: RelatedTrace): string[] {
  const out = [`related ${r.name} (${r.file}): ${r.key === '' ? `the lead has no key in ${quoteData(r.column)}` : `${r.rows} row${r.rows === 1 ? '' : 's'} with ${r.column} ${quoteData(r.key)}`}`];
  out.push(...noTimestampLines(r), ...rejectedLines(r));
  for (const c of r.columns) {
    const unmet = c.unmet > 0 ? `; ${c.unmet} do${c.unmet === 1 ? 'es' : ''} not meet its condition` : '';
    out.push(`  ${c.name} = ${c.value === '' ? '(empty)' : c.value}   ${c.aggregate}${c.of === null ? '' : ` of ${c.of}`}, ${c.counted} of ${r.rows} row${r.rows === 1 ? '' : 's'} counted${unmet}`);
    for (const row of c.rows) {
      const when = row.date === null ? 'no date   ' : row.date;
      const age = row.age === null ? '' : row.age < 0 ? ` (${-row.age}d after)` : ` (${row.age}d)`;
      out.push(`    ${mark(row.counted)} line ${row.line}  ${when}${age}  ${row.counted ? countedText(c, row, r.at) : row.why}`);
    }
    if (c.more > 0) out.push(`    … ${c.more} more row${c.more === 1 ? '' : 's'}${moreText(c)}`);
    const note = roundingNote(c);
    if (note) out.push(`    ${note}`);
  }
  return out;
}

/** A sum's exact addition, `+25.5` (as the file writes it, to the millionth the sum adds). */
const exactSigned = (x: number) => (x < 0 ? String(x) : `+${x}`);

/**
 * A counted row: what it gave the column. A sum: what it added (with decay: its value times its
 * weight, to cents); min, max, first, last: its value, the one that gave the column's marked; a
 * count: its weight under decay.
 */
function countedText(c: DerivedTrace, row: RelatedRowTrace, at: string): string {
  const weight = row.weight !== undefined ? `, weight ${row.weight}` : '';
  if (row.added !== undefined) {
    return row.weight === undefined ? `counted  ${exactSigned(row.added)}` : `counted  ${row.value} × weight ${row.weight} = ${signed(row.added)}`;
  }
  const gives = row.gives_value ? `   ← ${c.aggregate}` : '';
  // first or last of the timestamp itself: the row's date is its value, shown already
  if (c.of !== null && c.of !== at && row.value !== undefined) return `counted  ${row.value}${gives}`;
  return `counted${weight}${gives}`;
}

/** Of the rows left out, the counted ones and what they add: the lines shown add up all the same. */
function moreText(c: DerivedTrace): string {
  if (c.more_counted === 0) return '';
  const added = c.more_added === undefined ? '' : c.aggregate === 'sum' ? `, adding ${exactSigned(c.more_added)}` : `, weighing ${c.more_added}`;
  return ` (${c.more_counted} counted${added})`;
}

/**
 * A decayed sum's additions are shown to cents; when those do not add up to the value, the exact
 * total says why rather than leave a cent unexplained.
 */
function roundingNote(c: DerivedTrace): string {
  const rounded = c.rows.filter((r) => r.added !== undefined && r.weight !== undefined);
  if (rounded.length === 0 || c.value === '') return '';
  const cents = (x: number) => Math.round(x * 100);
  const shown = rounded.reduce((a, r) => a + cents(r.added!), 0) + (c.more_added === undefined ? 0 : cents(c.more_added));
  if (shown === cents(Number(c.value))) return '';
  // in millionths, as the sum adds them
  const exact = (rounded.reduce((a, r) => a + Math.round(r.added! * 1e6), 0) + Math.round((c.more_added ?? 0) * 1e6)) / 1e6;
  return `(each addition is shown to cents; exactly they add up to ${exact}, which is ${c.value} to cents)`;
}

/** The lead's rows whose timestamp did not parse, each with the cell's text: why they count nowhere, and how to read them. */
function noTimestampLines(r: RelatedTrace): string[] {
  const t = r.no_timestamp;
  if (t.rows === 0) return [];
  const one = t.rows === 1;
  const cells = t.first.map((f) => `line ${f.line} ${cell(f.timestamp)}`).join(', ');
  const out = [`  ${one ? '1 of them has' : `${t.rows} of them have`} no timestamp that parses in ${quoteData(r.at)} and count${one ? 's' : ''} nowhere: ${cells}${t.rows > t.first.length ? ', …' : ''}`];
  const value = t.first.find((f) => f.timestamp.trim() !== '');
  if (value !== undefined) out.push(`    hint: ${relatedDateHint(r.name, r.file, r.at, value.timestamp)}`);
  return out;
}

/** The file's rejected rows: the lead's own may be among them, and its derived values short of them. */
function rejectedLines(r: RelatedTrace): string[] {
  const x = r.rejected;
  if (x.rows === 0) return [];
  const out = [`  ${x.rows} of ${x.read} row${x.read === 1 ? '' : 's'} of ${r.file} ${x.rows === 1 ? 'was' : 'were'} rejected and count${x.rows === 1 ? 's' : ''} for no lead:`];
  for (const f of x.first) out.push(`    line ${f.line}: ${f.reason}`);
  if (x.rows > x.first.length) out.push(`    … ${x.rows - x.first.length} more (leadq score --rejects FILE lists them all)`);
  const lines = x.with_key_lines;
  if (lines.length > 0) out.push(`    line${lines.length === 1 ? '' : 's'} ${lines.join(', ')} hold${lines.length === 1 ? 's' : ''} ${quoteData(r.key)} in a field: the lead's rows may be among them`);
  return out;
}

/** For standard error, as score says it: a related file's rows rejected (the reason explain exits 3). */
export function relatedRejectedLine(r: RelatedTrace): string {
  const x = r.rejected;
  const lines = x.first.map((f) => f.line);
  return `leadq: ${x.rows} of ${x.read} rows of ${r.file} rejected, at line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}${x.rows > lines.length ? ', …' : ''}`;
}
