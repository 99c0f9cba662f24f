/**
 * The lead source column's values, counted, and the spellings that are probably one source:
 * `Advertisment` / `Advertisement`, `Trades Show` / `Trade Show`, `Eblasts` / `Eblast`,
 * `trade_show` / `Trade Show`. The summary already takes `Google` and ` google ` for one source
 * (case and surrounding spaces); everything else splits a channel's leads and spend in two
 * unless `sources:` maps the spellings onto one. Pure.
 */
import { detach } from '../../model/detach.js';
import { distance } from '../../model/suggest.js';
import type { Placeholders } from '../values/formats.js';

/** distinct values counted; a column with more is no lead source (or its tail is noise) */
const MAX_DISTINCT = 2000;
/** values compared pairwise, the most frequent first */
const MAX_COMPARED = 500;

export interface SourceValue {
  value: string;
  count: number;
}

export interface SourceGroup {
  /** the spelling most leads have (the first in character-code order on a tie) */
  canonical: SourceValue;
  /** the other spellings; `sameSource`: they differ only in case or surrounding spaces, which leadq already ignores */
  variants: (SourceValue & { sameSource: boolean })[];
}

export class SourceCounter {
  private readonly counts = new Map<string, number>();
  /** cells not counted because MAX_DISTINCT values were already seen */
  overflow = 0;

  add(text: string, placeholders: Placeholders | null): void {
    const t = text.trim();
    if (t === '' || placeholders?.has(text)) return;
    const n = this.counts.get(t);
    if (n !== undefined) this.counts.set(t, n + 1);
    else if (this.counts.size < MAX_DISTINCT) this.counts.set(detach(t), 1);
    else this.overflow++;
  }

  /** Values by count, most first. */
  values(): SourceValue[] {
    return [...this.counts].map(([value, count]) => ({ value, count })).sort(byCount);
  }

  nearDuplicates(): SourceGroup[] {
    return nearDuplicates(this.values());
  }
}

function byCount(a: SourceValue, b: SourceValue): number {
  return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

/** Groups of spellings that are probably one source, the biggest group first. */
export function nearDuplicates(values: readonly SourceValue[]): SourceGroup[] {
  const list = [...values].sort(byCount).slice(0, MAX_COMPARED);
  const keys = list.map((v) => spellingKey(v.value));
  const parent = list.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      if (alike(keys[i], keys[j])) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, SourceValue[]>();
  list.forEach((v, i) => { const r = root(i); groups.set(r, [...(groups.get(r) ?? []), v]); });
  return [...groups.values()].filter((g) => g.length > 1).map((g) => {
    const [canonical, ...rest] = g.sort(byCount);
    const same = canonical.value.toLowerCase();
    return { canonical, variants: rest.map((v) => ({ ...v, sameSource: v.value.toLowerCase() === same })) };
  }).sort((a, b) => total(b) - total(a) || byCount(a.canonical, b.canonical));
}

const total = (g: SourceGroup) => g.canonical.count + g.variants.reduce((n, v) => n + v.count, 0);

/** Lower case, `_` `-` and runs of spaces as one space: `Trade_Show ` → `trade show`. */
function spellingKey(value: string): string {
  return value.toLowerCase().replace(/[\s_-]+/g, ' ').trim();
}

/**
 * Whether two spelling keys name one source: equal; one the other's plural (`eblast`, `eblasts`);
 * or one or two letters apart in a long word (`advertisment`, `advertisement`). Values that differ
 * in their numbers are other campaigns (`Webinar 2025`, `Webinar 2026`), and short words one
 * letter apart are other words (`print`, `paint`).
 */
function alike(a: string, b: string): boolean {
  if (a === b) return true;
  if (digits(a) !== digits(b)) return false;
  const squeezed = (s: string) => s.replace(/ /g, '');
  if (squeezed(a) === squeezed(b)) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && (long === `${short}s` || long === `${short}es`)) return true;
  if (long.length - short.length > 2 || short.length < 6) return false;
  const d = distance(a, b);
  return d === 1 || (d === 2 && short.length >= 10);
}

function digits(s: string): string {
  return s.replace(/\D+/g, ' ').trim();
}
