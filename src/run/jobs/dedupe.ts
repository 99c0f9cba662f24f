/**
 * Dedupe's first pass: every scored row's key and rank, reduced to the rows that lose to another
 * row of their key. The second pass then writes those rows to duplicates.csv instead of the
 * outputs. Two passes keep the outputs in input order and the choice exact for keep: latest and
 * highest_score, at the cost of reading the input twice; memory holds one entry per distinct key.
 */
import type { DedupeKeys } from './score-block.js';

interface Best {
  input: number;
  line: number;
  rank: number;
}

export class DuplicateFinder {
  private readonly best = new Map<string, Best>();
  /** per input (by index): absolute lines of the rows that lose */
  private readonly losers: Set<number>[] = [];

  /** Adds a block's keys; lines are shifted to absolute ones. Rows come in input order. */
  add(input: number, keys: DedupeKeys | undefined, lineShift: number): void {
    if (!keys) return;
    const losers = (this.losers[input] ??= new Set());
    for (let i = 0; i < keys.keys.length; i++) {
      const key = keys.keys[i];
      if (key === '') continue; // a row without a key is nobody's duplicate
      const row: Best = { input, line: keys.lines[i] + lineShift, rank: keys.ranks[i] };
      const best = this.best.get(key);
      if (best === undefined) { this.best.set(key, row); continue; }
      // a strictly higher rank wins; on a tie the earlier row stays
      if (row.rank > best.rank) {
        (this.losers[best.input] ??= new Set()).add(best.line);
        this.best.set(key, row);
      } else {
        losers.add(row.line);
      }
    }
  }

  /** The losing lines of one input (empty when it has none). */
  losersOf(input: number): ReadonlySet<number> {
    return this.losers[input] ?? new Set();
  }
}
