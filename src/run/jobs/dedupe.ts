/**
 * Dedupe's first pass, on the main thread: the keys and ranks of every scored row (from the
 * `dedupe-keys` job) reduced to the rows that lose to another row of their key. The second pass
 * (the `score` job) hands each block its losers, which it writes to duplicates.csv instead of the
 * outputs. Two passes keep the outputs in input order and the choice exact for keep: latest and
 * highest_score, at the cost of reading the input twice; memory holds one entry per distinct
 * key, and a number per losing row.
 *
 * A row is named by its ordinal among the scored rows of its input (0, 1, …). Blocks go to the
 * threads before the lines above them are counted, so lines are not known there; ordinals are:
 * the blocks are cut alike in both passes (same file, same block size), a block run again behind
 * a carried record is run alike in both, and the first pass tells where each block's ordinals
 * begin. A block is handed its losers as ordinals within the block.
 */
import { LeadqError } from '../../model/errors.js';
import type { Losers } from './score.js';

interface InputRows {
  /** per block: the ordinal of its first scored row; then the input's count of scored rows */
  starts: number[];
  /** ordinals of the rows that lose, as found; sorted for the second pass */
  losers: number[];
  sorted?: Float64Array;
}

export class DuplicateFinder {
  /** per distinct key, its slot in the arrays below: the row kept so far (no object per key: a million keys stay cheap to collect) */
  private readonly slots = new Map<string, number>();
  private bestInput = new Int32Array(1024);
  /** ordinal among its input's scored rows */
  private bestRow = new Float64Array(1024);
  private bestRank = new Float64Array(1024);
  private readonly inputs: InputRows[] = [];

  /** Adds a block's keys and ranks (by ordinal within the block). Blocks come in input order. */
  add(input: number, block: number, keys: readonly string[], ranks: ArrayLike<number>): void {
    const rows = (this.inputs[input] ??= { starts: [0], losers: [] });
    if (block !== rows.starts.length - 1) throw new Error(`dedupe: block ${block} of input ${input} out of order`);
    const first = rows.starts[block];
    rows.starts.push(first + keys.length);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === '') continue; // a row without a key is nobody's duplicate
      const slot = this.slots.get(key);
      if (slot === undefined) { this.keep(this.newSlot(key), input, first + i, ranks[i]); continue; }
      // a strictly higher rank wins; on a tie the earlier row stays
      if (ranks[i] > this.bestRank[slot]) {
        this.inputs[this.bestInput[slot]].losers.push(this.bestRow[slot]);
        this.keep(slot, input, first + i, ranks[i]);
      } else {
        rows.losers.push(first + i);
      }
    }
  }

  private keep(slot: number, input: number, row: number, rank: number): void {
    this.bestInput[slot] = input;
    this.bestRow[slot] = row;
    this.bestRank[slot] = rank;
  }

  private newSlot(key: string): number {
    const slot = this.slots.size;
    if (slot === this.bestRow.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => { const b = new (a.constructor as new (n: number) => T)(a.length * 2); b.set(a); return b; };
      this.bestInput = grow(this.bestInput);
      this.bestRow = grow(this.bestRow);
      this.bestRank = grow(this.bestRank);
    }
    this.slots.set(key, slot);
    return slot;
  }

  /** The second pass: a block's losing rows as ordinals within the block, ascending; undefined when it has none. */
  losersIn(input: number, block: number): Losers | undefined {
    const rows = this.inputs[input];
    if (rows === undefined || block >= rows.starts.length - 1) return undefined;
    const sorted = (rows.sorted ??= sortedLosers(rows));
    const first = rows.starts[block];
    const end = rows.starts[block + 1];
    let from = lowerBound(sorted, first);
    if (from === sorted.length || sorted[from] >= end) return undefined;
    let to = from;
    while (to < sorted.length && sorted[to] < end) to++;
    const out = new Uint32Array(to - from);
    for (let k = 0; from < to; from++, k++) out[k] = sorted[from] - first;
    return out;
  }

  /**
   * The second pass: a block must score as many rows as in the first, or the ordinals would name
   * other rows; they differ only when the file changed between the passes.
   */
  checkBlock(input: number, block: number, scoredRows: number, file: string): void {
    const starts = this.inputs[input]?.starts ?? [0];
    const expected = block < starts.length - 1 ? starts[block + 1] - starts[block] : 0;
    if (scoredRows !== expected) {
      throw new LeadqError('INPUT_READ', 'the input changed while it was read; dedupe reads it twice, so it must stay the same until leadq is done', { file });
    }
  }
}

function sortedLosers(rows: InputRows): Float64Array {
  const sorted = Float64Array.from(rows.losers).sort();
  rows.losers = [];
  return sorted;
}

/** The first index whose value is at least `value` (the array is ascending). */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
