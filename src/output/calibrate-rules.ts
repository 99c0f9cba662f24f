/**
 * A fitted scorecard (stats/scorecard.ts) as rules a person reads: each bin of a numeric column a
 * range, each group of values a list, with integer points and a comment stating the evidence the
 * bin had in training (`# 1,234 leads, 62% converted, lift 1.6`). The conditions are exactly the
 * scorecard's own: a bin holds values ≥ its lower bound and < the next bin's; the first bin takes
 * everything below the second, the last everything from its lower bound on; an empty cell, a value
 * not seen in training and the reference level get no rule and so 0 points, as in the scorecard.
 */
import type { NewRule } from '../ruleset/edit.js';
import type { Evidence, NumericBin } from '../stats/binning.js';
import type { CategoricalPart, ColumnPart, NumericPart } from '../stats/scorecard.js';

/** `1,234 leads, 62% converted, lift 1.6` */
export function evidenceComment(e: { leads: number; converted: number }, base: number): string {
  const rate = e.leads === 0 ? 0 : e.converted / e.leads;
  const lift = base === 0 ? '' : `, lift ${(rate / base).toFixed(1)}`;
  return `${e.leads.toLocaleString('en-US')} leads, ${Math.round(rate * 100)}% converted${lift}`;
}

/** A number as a rule writes it: short, exact for the values seen (they come from the export). */
const n = (v: number) => Number(v.toPrecision(12));
/** Beyond any number an export holds: `between: [-ANY, ANY]` holds for every number and for no empty cell. */
const ANY = 1e300;

function binText(part: NumericPart, j: number): string {
  const bins = part.binning.bins;
  if (bins.length === 1) return 'any number';
  if (j === 0) return `under ${n(bins[1].lower)}`;
  if (j === bins.length - 1) return `${n(bins[j].lower)} or more`;
  return `${n(bins[j].lower)} to under ${n(bins[j + 1].lower)}`;
}

function numericRules(part: NumericPart, base: number, col: string): NewRule[] {
  const bins = part.binning.bins;
  const out: NewRule[] = [];
  bins.forEach((b: NumericBin, j) => {
    const points = part.points[j];
    if (points === 0) return;
    const next = j + 1 < bins.length ? bins[j + 1].lower : null;
    let when: unknown;
    let label: string;
    const name = part.name;
    if (bins.length === 1) { when = { column: col, between: [-ANY, ANY] }; label = `${name}: a number`; }
    else if (j === 0) { when = { column: col, lt: n(next!) }; label = `${name} under ${n(next!)}`; }
    else if (next === null) { when = { column: col, gte: n(b.lower) }; label = `${name} ${n(b.lower)} or more`; }
    else { when = { all: [{ column: col, gte: n(b.lower) }, { column: col, lt: n(next) }] }; label = `${name} ${n(b.lower)} to under ${n(next)}`; }
    out.push({ name: label, when, points, comment: evidenceComment(b, base) });
  });
  const empty = part.binning.empty;
  if (empty && part.emptyPoints !== 0) {
    // no number: empty, a placeholder, or text that is not a number (no comparison holds for it)
    out.push({ name: `${part.name}: no number`, when: { not: { column: col, between: [-ANY, ANY] } }, points: part.emptyPoints, comment: evidenceComment(empty, base) });
  }
  const order = part.binning.direction === 'increasing' ? 'more earns more' : 'more earns less';
  const ref = part.reference < 0 ? `no number: 0 points (${evidenceComment(empty!, base)})` : `${binText(part, part.reference)}: 0 points (${evidenceComment(bins[part.reference], base)})`;
  if (out.length > 0) out[0].before = `${part.name}: ${bins.length} bins${empty ? ' and no number' : ''}, ${order}; ${ref}`;
  return out;
}

/** Up to three values, then how many more. */
function shortList(values: string[]): string {
  const shown = values.slice(0, 3).map((v) => (v === '' ? '(empty)' : v)).join(', ');
  return values.length > 3 ? `${shown} +${values.length - 3} more` : shown;
}

function categoricalRules(part: CategoricalPart, labels: readonly string[], base: number, col: string): NewRule[] {
  const out: NewRule[] = [];
  const named = part.grouping.groups.filter((g) => !g.other).flatMap((g) => g.codes.map((c) => labels[c] ?? ''));
  part.grouping.groups.forEach((g, j) => {
    const points = part.points[j];
    if (points === 0 || j === part.reference) return;
    if (g.other) {
      // every value in no named group: the rare ones, and those never seen in training
      const filled = named.filter((v) => v !== '').sort((a, b) => a.localeCompare(b, 'en'));
      const inNamed = { column: col, in: filled };
      const hasEmpty = filled.length < named.length;
      out.push({ name: `${part.name}: any other value`, when: { not: hasEmpty ? { any: [inNamed, { column: col, empty: true }] } : inNamed }, points, comment: evidenceComment(g as Evidence, base) });
      return;
    }
    const values = g.codes.map((c) => labels[c] ?? '').sort((a, b) => a.localeCompare(b, 'en'));
    const filled = values.filter((v) => v !== '');
    const hasEmpty = filled.length < values.length;
    const inList = { column: col, in: filled };
    const isEmpty = { column: col, empty: true };
    const when = hasEmpty ? (filled.length === 0 ? isEmpty : { any: [inList, isEmpty] }) : inList;
    out.push({ name: `${part.name}: ${shortList(values)}`, when, points, comment: evidenceComment(g as Evidence, base) });
  });
  const ref = part.grouping.groups[part.reference];
  const refText = ref.other ? 'values seen fewer times than a group needs, and values not seen in training' : shortList(ref.codes.map((c) => labels[c] ?? '').sort((a, b) => a.localeCompare(b, 'en')));
  if (out.length > 0) out[0].before = `${part.name}: ${part.grouping.groups.length} groups of values; ${refText}: 0 points (${evidenceComment(ref, base)})`;
  return out;
}

/**
 * The rules of every column of the scorecard, with names made unique against `taken` (which
 * grows). Rules are named by the export's header; their conditions read the column by `columnRef`
 * (the ruleset's own name for it, when `columns:` gives one).
 */
export function discoveredRules(columns: readonly ColumnPart[], labels: ReadonlyMap<string, readonly string[]>, base: number, taken: Set<string>, columnRef: (header: string) => string = (h) => h): Map<string, NewRule[]> {
  const out = new Map<string, NewRule[]>();
  for (const part of columns) {
    const col = columnRef(part.name);
    const rules = part.kind === 'numeric' ? numericRules(part, base, col) : categoricalRules(part, labels.get(part.name) ?? [], base, col);
    for (const r of rules) {
      let name = r.name;
      for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${r.name} (${k})`;
      taken.add(name.toLowerCase());
      r.name = name;
    }
    out.set(part.name, rules);
  }
  return out;
}
