/**
 * Related files resolved (resolved.ts, `ResolvedRelated`): each file's key, timestamp, aggregated
 * columns and conditions against its own header, the lead column against the export's, and the
 * derived columns given their indexes after the export's header, where rules read them. A derived
 * column's name must not also be a header of the export: a rule naming it could mean either.
 */
import type { ColumnFormat } from '../model/formats.js';
import { quoteData } from '../model/errors.js';
import { OPERATORS, type ValueKind } from '../model/operators.js';
import { AGGREGATE_SPECS } from '../model/related.js';
import { ColumnResolver } from './columns.js';
import { Reads } from './reads.js';
import type { ResolvedColumn, ResolvedCondition, ResolvedDerived, ResolvedRelated } from './resolved.js';
import { pathAt } from './tree.js';
import type { ColumnRef, Condition, DerivedColumn, Ruleset, RulesetIssue } from './types.js';

/** A related file's header as read, and the name its messages give the file. */
export interface RelatedHeader {
  header: string[];
  file: string;
  /** the delimiter it was split on, when read from a file (a hint about a one-field header says it) */
  delimiter?: string;
  /** the lines to skip to its real header when the one read looks like a title (a hint says it) */
  realHeaderSkip?: () => number | undefined;
}

/** Derived column name → where rules read it: after the export's header, in the order written. */
export function derivedIndexes(ruleset: Ruleset, width: number): Map<string, { index: number; kind: ResolvedDerived['kind'] }> {
  const out = new Map<string, { index: number; kind: ResolvedDerived['kind'] }>();
  for (const file of ruleset.related ?? []) {
    for (const d of file.columns) if (!out.has(d.name)) out.set(d.name, { index: width + out.size, kind: AGGREGATE_SPECS[d.aggregate].kind });
  }
  return out;
}

/** Names like Email, E-mail, Associated Contact Email, email_address: keys compared ignoring case. */
export function namedLikeEmail(name: string): boolean {
  return /(^|[^a-z])e-?mail([^a-z]|$)/i.test(name);
}

const NO_COLUMNS: Pick<Ruleset, 'columns' | 'preset'> = { columns: new Map() };

/**
 * Every related file of the ruleset; `headers` by related name (a file not in it was not opened:
 * its own columns stay unresolved). `exportColumns` resolves the lead column; issues go to `issues`.
 */
export function resolveRelated(
  ruleset: Ruleset, exportColumns: ColumnResolver, headers: ReadonlyMap<string, RelatedHeader>, issues: RulesetIssue[],
): ResolvedRelated[] {
  const indexes = derivedIndexes(ruleset, exportColumns.header.length);
  const clashes = new Map(exportColumns.header.map((h, i) => [h.trim().toLowerCase(), i]));
  return (ruleset.related ?? []).map((file) => {
    for (const d of file.columns) {
      const at = clashes.get(d.name);
      if (at !== undefined) issue(issues, d.pos, 'RELATED_NAME_CLASH', `the derived column "${d.name}" is named like the export's column ${quoteData(exportColumns.header[at])} (column ${at + 1}); a rule naming it could mean either: rename the derived column`);
    }
    const matches = exportColumns.resolve(file.matches);
    if (exportColumns.isDerived(matches)) issue(issues, file.matches.pos, 'RELATED_KIND', `"matches" names the derived column "${file.matches.name}"; it must name a column of the export`);
    const lead = matches >= 0 && !exportColumns.isDerived(matches) ? matches : -1;
    const keyType = file.keyType ?? (namedLikeEmail(file.key.name) || namedLikeEmail(file.matches.name) || (lead >= 0 && namedLikeEmail(exportColumns.header[lead])) ? 'email' : 'id');
    const opened = headers.get(file.name);
    const own = opened ? new ColumnResolver(NO_COLUMNS, opened.header, opened.file) : undefined;
    const reads = new Reads();
    const formats = new Map<number, ColumnFormat>();
    for (const entry of file.formats?.values() ?? []) {
      const index = own ? own.resolve(entry.column) : -1;
      if (index < 0) continue;
      const { column: _name, ...format } = entry;
      formats.set(index, { ...formats.get(index), ...format });
    }
    const column = (ref: ColumnRef): ResolvedColumn => ({ index: own ? own.resolve(ref) : -1, name: ref.name });
    const key = column(file.key);
    const at = column(file.at);
    reads.add('date', at.index);
    const condition = (c: Condition): ResolvedCondition => {
      switch (c.kind) {
        case 'all': case 'any': return { kind: c.kind, items: c.items.map(condition) };
        case 'not': return { kind: 'not', item: condition(c.item) };
        case 'column': {
          const col = column(c.column);
          const kind = OPERATORS[c.op].reads(c.arg);
          reads.add(kind, col.index);
          return { kind: 'column', column: col, op: c.op, arg: c.arg, reads: kind, multi: formats.get(col.index)?.multi ?? null };
        }
        // validation lets only the forms above through
        default: throw new Error(`a related file's condition of kind ${c.kind}`);
      }
    };
    const columns = file.columns.map((d): ResolvedDerived => {
      const spec = AGGREGATE_SPECS[d.aggregate];
      const of = d.of ? column(d.of) : spec.takes === 'date column' ? at : null;
      if (of) reads.add(spec.takes === 'number column' ? 'number' : 'date', of.index);
      // the timestamp is read as a date: as a number every cell would be empty, the sum 0, silently
      if (d.of && spec.takes === 'number column' && (own ? of!.index >= 0 && of!.index === at.index : sameName(d.of.name, file.at.name))) {
        issue(issues, d.pos, 'RELATED_KIND', `the derived column "${d.name}" takes the ${d.aggregate} of "${d.of.name}", the related file's timestamp (at:), which is a date, not a number; for its earliest or latest use first: true or last: true`);
      }
      return {
        name: d.name, index: indexes.get(d.name)!.index, aggregate: d.aggregate, kind: spec.kind, of,
        where: d.where ? condition(d.where) : null, within: d.within ?? null, perDayMax: d.perDayMax ?? null,
        onceEvery: d.onceEvery ?? null, decay: d.decay ?? null,
      };
    });
    if (own) issues.push(...own.issues, ...own.repeatedUnread());
    return {
      name: file.name, header: opened ? [...opened.header] : null, key, at, matches: { index: lead, name: file.matches.name }, keyType,
      encoding: file.encoding ?? null, delimiter: file.delimiter ?? null, skipLines: file.skipLines ?? 0,
      reads: reads.lists(), formats: [...formats].map(([index, format]) => ({ column: index, format })),
      placeholders: file.placeholders ? [...file.placeholders] : null, columns,
    };
  });
}

/** The issue of a derived column read as what it is not; undefined when the use fits its kind. */
export function derivedKindIssue(d: { name: string; kind: ResolvedDerived['kind'] }, reads: ValueKind, what: string): string | undefined {
  if (reads === d.kind) return undefined;
  const is = d.kind === 'number' ? 'a number' : d.kind === 'date' ? 'a date' : 'true or false';
  const wants = reads === 'text' ? 'text' : reads === 'number' ? 'a number' : reads === 'date' ? 'a date' : 'true or false';
  const hint = reads === 'text' ? ': compare it with a number or date operator (gte, within_days) or equals: true/false' : '';
  return `the derived column "${d.name}" is ${is}; ${what} reads ${wants}${hint}`;
}

export function issue(issues: RulesetIssue[], pos: DerivedColumn['pos'], code: RulesetIssue['code'], message: string): void {
  const path = pathAt(pos);
  issues.push({ severity: 'error', code, pos, ...(path ? { path } : {}), message });
}

/** Two column names that name one header (case and surrounding spaces aside). */
function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
