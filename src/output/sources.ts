/**
 * Lead sources as the summary shows them. Exports spell one channel several ways (`Google`,
 * `google`, ` google `); spellings that differ only in case or surrounding spaces are one source,
 * shown by its most frequent spelling, and spend entries are matched to sources the same way.
 *
 * Blocks count leads by spelling (cheap per row, and merging counts is order-free); grouping
 * happens once, here, from the merged counts, so neither row order nor the way rows were cut
 * into blocks can change which spelling is shown or where spend lands.
 */
import { closest } from '../model/suggest.js';

/** the source of leads whose source cell is empty (or of every lead, without source_column) */
export const NO_SOURCE = '(none)';

export interface SourceGroup {
  /** the spelling shown */
  source: string;
  /** leads by stage index, the last slot disqualified */
  counts: number[];
  /** the sum of the spend entries naming this source; null when none does */
  spend: number | null;
}

/** A spend entry (or entries spelt alike) naming no source that has leads. */
export interface UnmatchedSpend {
  source: string;
  spend: number;
  /** the lead source it most likely means, if one is close enough */
  nearest: string | null;
}

interface Group {
  counts: number[];
  /** each spelling of the leads' source cells and its number of leads */
  spellings: [string, number][];
  spend: number | null;
  /** spellings of the spend entries */
  spendSpellings: string[];
}

/** The same source whatever its case or surrounding spaces. */
export function sourceKey(source: string): string {
  return source.trim().toLowerCase();
}

/**
 * `bySpelling`: leads by stage per source as spelt (trimmed); `spend`: amounts as the spend list
 * spells its sources; `aliases`: `sources:` of the ruleset, each spelling's key → its canonical
 * source, which is then shown as the ruleset writes it. Returns the sources sorted by the spelling shown, and the spend entries
 * that match no lead source (sorted the same way).
 */
export function groupSources(bySpelling: Map<string, number[]>, spend: Map<string, number>, width: number, aliases: ReadonlyMap<string, string> = new Map()): { groups: SourceGroup[]; unmatched: UnmatchedSpend[] } {
  const byKey = new Map<string, Group>();
  // `sources:` in the ruleset: a spelling it lists belongs to its canonical source (`Advertisment` → `Advertisement`)
  const keyOf = (spelling: string) => {
    const canonical = aliases.get(sourceKey(spelling));
    return canonical === undefined ? sourceKey(spelling) : sourceKey(canonical);
  };
  const group = (key: string): Group => {
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { counts: new Array(width).fill(0), spellings: [], spend: null, spendSpellings: [] }));
    return g;
  };
  for (const [spelling, counts] of bySpelling) {
    const g = group(keyOf(spelling));
    counts.forEach((n, i) => { g.counts[i] += n; });
    g.spellings.push([spelling, counts.reduce((a, b) => a + b, 0)]);
  }
  for (const [source, amount] of spend) {
    const g = group(keyOf(source));
    g.spend = (g.spend ?? 0) + amount;
    g.spendSpellings.push(source.trim());
  }

  const groups = [...byKey].map(([key, g]) => ({ key, g, source: aliases.get(key) ?? shownSpelling(g) }));
  groups.sort((a, b) => compareText(a.source, b.source));
  // leads without a source are no source a spend entry could mean
  const leadSources = groups.filter(({ key, g }) => g.spellings.length > 0 && key !== sourceKey(NO_SOURCE)).map(({ source }) => source);
  const unmatched = groups
    .filter(({ g }) => g.spellings.length === 0)
    .map(({ g, source }) => ({ source, spend: g.spend ?? 0, nearest: closest(source, leadSources) ?? null }));
  return { groups: groups.map(({ g, source }) => ({ source, counts: g.counts, spend: g.spend })), unmatched };
}

/**
 * The spelling with the most leads; a tie goes to the first in character-code order (so `Google`
 * before `google`), never to whichever was seen first. A source with spend and no leads is shown
 * as the spend list spells it.
 */
function shownSpelling(g: Group): string {
  if (g.spellings.length === 0) return [...g.spendSpellings].sort(compareText)[0];
  return [...g.spellings].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0][0];
}

/** Code-unit order: the same in every locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
