/**
 * Resolves the names rules use to the export's header: through `columns:` first, then the CRM
 * preset's standard names (`columns: { preset: … }`), then the name itself; an exact header wins,
 * then a unique match ignoring case and surrounding spaces. A header name that appears twice is
 * refused where a rule reads it (which copy would it mean?) and passed through with a warning
 * where none does.
 */
import { quoteData } from '../model/errors.js';
import { closest } from '../model/suggest.js';
import { HeaderIndex, PRESETS, presetColumns } from './presets.js';
import type { RulesetCode } from './issue-codes.js';
import { pathAt } from './tree.js';
import type { ColumnRef, Ruleset, RulesetIssue } from './types.js';

export class ColumnResolver {
  private readonly exact = new Map<string, number>();
  private readonly loose = new Map<string, number | 'ambiguous'>();
  readonly issues: RulesetIssue[] = [];
  private readonly reported = new Set<string>();
  /** standard name → column, for the preset's names this header has */
  private readonly preset: Map<string, number>;
  /** header names written more than once → every column holding that name */
  private readonly repeated = new Map<string, number[]>();
  /** repeated names some rule reads (refused), so the others get a warning only */
  private readonly repeatedRead = new Set<string>();

  /**
   * `derived`: the derived columns of related files, by name, at their indexes after the header's
   * (virtual columns: rules read them like the export's, resolve-related.ts checks their names
   * clash with nothing). `ruleset` gives `columns:` and the preset; a related file's header is
   * resolved with neither.
   */
  constructor(
    private readonly ruleset: Pick<Ruleset, 'columns' | 'preset'>, readonly header: string[], private readonly inputName: string,
    private readonly derived: ReadonlyMap<string, number> = new Map(),
  ) {
    header.forEach((h, i) => {
      if (!this.exact.has(h)) this.exact.set(h, i);
      else this.repeated.set(h, [...(this.repeated.get(h) ?? [this.exact.get(h)!]), i]);
      const key = h.trim().toLowerCase();
      this.loose.set(key, this.loose.has(key) ? 'ambiguous' : i);
    });
    this.preset = ruleset.preset ? presetColumns(PRESETS[ruleset.preset], new HeaderIndex(header)) : new Map();
  }

  /** The column index, or -1 after recording an issue at the rule's position. */
  resolve(ref: ColumnRef): number {
    const index = this.find(ref);
    if (index < 0) return index;
    const copies = this.repeated.get(this.header[index]);
    if (copies === undefined) return index;
    this.repeatedRead.add(this.header[index]);
    this.report(ref, 'COLUMN_REPEATED', `column ${quoteData(this.header[index])} appears ${copies.length} times in the header of ${this.inputName}, as columns ${listed(copies.map((c) => String(c + 1)))}; a rule cannot tell which one to read: rename all but one in ${this.inputName}`);
    return -1;
  }

  /** Repeated header names no rule reads: passed through as they are, with a warning. */
  repeatedUnread(): RulesetIssue[] {
    return [...this.repeated].filter(([name]) => !this.repeatedRead.has(name)).map(([name, copies]) => ({
      severity: 'warning',
      code: 'COLUMN_REPEATED_UNREAD',
      message: `column ${quoteData(name)} appears ${copies.length} times in the header of ${this.inputName}, as columns ${listed(copies.map((c) => String(c + 1)))}; no rule reads it, so each copy is passed through as it is`,
    }));
  }

  /** One issue per place in the ruleset, at the rule's position and key path. */
  private report(ref: ColumnRef, code: RulesetCode, message: string, detail?: string): void {
    const key = `${ref.pos.line}:${ref.pos.col}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const path = pathAt(ref.pos);
    this.issues.push({ severity: 'error', code, pos: ref.pos, ...(path ? { path } : {}), message, ...(detail ? { detail } : {}) });
  }

  /** Whether the index is a derived column's (after the header's). */
  isDerived(index: number): boolean {
    return index >= this.header.length;
  }

  private find(ref: ColumnRef): number {
    const derived = this.derived.get(ref.name);
    if (derived !== undefined) return derived;
    const mapped = this.ruleset.columns.get(ref.name);
    const fromPreset = mapped ? undefined : this.preset.get(ref.name);
    if (fromPreset !== undefined) return fromPreset;
    const headerName = mapped?.name ?? ref.name;
    const exact = this.exact.get(headerName);
    if (exact !== undefined) return exact;
    const loose = this.loose.get(headerName.trim().toLowerCase());
    if (typeof loose === 'number') return loose;
    const presetNames: Readonly<Record<string, readonly string[] | undefined>> = this.ruleset.preset ? PRESETS[this.ruleset.preset].columns : {};
    const candidates = mapped || !Object.hasOwn(presetNames, ref.name) ? undefined : presetNames[ref.name];
    const via = mapped ? ` (mapped from ${quoteData(ref.name)} in columns: at line ${mapped.pos.line})`
      : candidates ? ` (nor any header the ${this.ruleset.preset} preset knows for it: ${candidates.map((c) => quoteData(c)).join(', ')})` : '';
    const nearest = closest(headerName, this.header);
    const matching = this.header.flatMap((h, i) => (h.trim().toLowerCase() === headerName.trim().toLowerCase() ? [String(i + 1)] : []));
    const ambiguous = loose === 'ambiguous' ? `; several headers match it ignoring case (columns ${listed(matching)}), so it cannot tell which one to read` : '';
    // header text comes from the export: quoted with control characters escaped
    // the header goes under the message, and is shown once however many columns are missing (issues.ts)
    this.report(ref, ambiguous ? 'COLUMN_AMBIGUOUS' : 'COLUMN_MISSING',
      `column ${quoteData(headerName)}${via} is not in ${this.inputName}${ambiguous}${nearest ? `; did you mean ${quoteData(nearest)}?` : ''}`,
      `  available: ${this.header.map((h) => quoteData(h)).join(', ')}`);
    return -1;
  }
}

/** `a`, `a and b`, `a, b and c` */
function listed(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
