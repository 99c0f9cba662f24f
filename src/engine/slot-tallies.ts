/**
 * Per account slot, how many leads brought each value (a company spelling, a domain, a name), the
 * values as numbers (account-strings.ts; -1 for none). Nearly every account sees one value only:
 * it is kept with its count, and a map is made only when a second value turns up, so the fold
 * (account-fold.ts) pays a comparison of two numbers per lead and value.
 */
export class SlotTallies {
  /** per slot: its only value (-1 for none yet), or its values → counts */
  private readonly values: (number | Map<number, number>)[] = [];
  /** per slot with one value: its count */
  private readonly counts: number[] = [];

  /** A new slot, the next number. */
  push(): void {
    this.values.push(-1);
    this.counts.push(0);
  }

  /** `times` leads of `slot` brought `value` (-1 brings nothing). */
  add(slot: number, value: number, times = 1): void {
    if (value < 0) return;
    const values = this.values[slot];
    if (typeof values !== 'number') { values.set(value, (values.get(value) ?? 0) + times); return; }
    if (values === value) { this.counts[slot] += times; return; }
    if (values < 0) { this.values[slot] = value; this.counts[slot] = times; return; }
    this.values[slot] = new Map([[values, this.counts[slot]], [value, times]]);
  }

  /** Each value of `slot` with its count (in no particular order). */
  forEach(slot: number, fn: (value: number, count: number) => void): void {
    const values = this.values[slot];
    if (typeof values !== 'number') { for (const [value, count] of values) fn(value, count); return; }
    if (values >= 0) fn(values, this.counts[slot]);
  }

  /** The value most leads of `slot` brought, as text; ties: the first text in code-unit order ('' for none). */
  most(slot: number, text: (value: number) => string): string {
    let best = '';
    let most = 0;
    this.forEach(slot, (value, count) => {
      const t = text(value);
      if (count > most || (count === most && t < best)) { best = t; most = count; }
    });
    return best;
  }
}
