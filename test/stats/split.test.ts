/**
 * Splits: every lead in exactly one fold, each fold's classes within ±1 of the others, the same
 * seed the same split, another seed another; the generator is uniform enough for shuffling.
 */
import { describe, expect, test } from '@jest/globals';
import { shuffle, splitmix32 } from '../../src/stats/random.js';
import { cutForFraction, gatherRows, holdOut, indicesWhere, stratifiedFolds, TEST, timeSplit, TRAIN, UNDATED } from '../../src/stats/split.js';
import { mulberry32 } from '../support/random.js';

function outcomes(seed: number, n: number, rate: number): Uint8Array {
  const rand = mulberry32(seed);
  return Uint8Array.from({ length: n }, () => (rand() < rate ? 1 : 0));
}

const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);

describe('seeded generator', () => {
  test('floats in [0, 1), about uniform over 10 buckets (χ² with 9 df below 27.9, p = 0.001)', () => {
    const rand = splitmix32(1);
    const buckets = new Array(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100000; i++) {
      const u = rand();
      if (!(u >= 0 && u < 1)) outside++;
      else buckets[Math.floor(u * 10)]++;
    }
    expect(outside).toBe(0);
    expect(buckets.reduce((s, c) => s + (c - 10000) ** 2 / 10000, 0)).toBeLessThan(27.9);
  });

  test('a shuffle is a permutation, the same for the same seed', () => {
    const a = shuffle(Uint32Array.from({ length: 100 }, (_, i) => i), splitmix32(5));
    const b = shuffle(Uint32Array.from({ length: 100 }, (_, i) => i), splitmix32(5));
    expect([...a].sort((x, y) => x - y)).toEqual([...Array(100).keys()]);
    expect(a).toEqual(b);
  });
});

describe('stratified k-fold', () => {
  test.each([[1000, 0.385, 5], [97, 0.1, 10], [13, 0.5, 3], [5, 0.4, 7]])('%i leads, rate %f, %i folds: within ±1 per class and in total', (n, rate, k) => {
    const y = outcomes(n, n, rate);
    const fold = stratifiedFolds(y, k, 42);
    const pos = new Array(k).fill(0);
    const all = new Array(k).fill(0);
    fold.forEach((f, i) => { all[f]++; pos[f] += y[i]; });
    expect(Math.max(...fold)).toBeLessThan(k);
    expect(all.reduce((a, b) => a + b, 0)).toBe(n);
    expect(spread(pos)).toBeLessThanOrEqual(1);
    expect(spread(all.map((c, f) => c - pos[f]))).toBeLessThanOrEqual(1);
    expect(spread(all)).toBeLessThanOrEqual(1);
  });

  test('same seed same folds; another seed other folds', () => {
    const y = outcomes(3, 500, 0.3);
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    expect(same(stratifiedFolds(y, 5, 7), stratifiedFolds(y, 5, 7))).toBe(true);
    expect(same(stratifiedFolds(y, 5, 7), stratifiedFolds(y, 5, 8))).toBe(false);
  });

  test('fold counts outside 2…255 throw', () => {
    expect(() => stratifiedFolds(new Uint8Array(3), 1, 0)).toThrow(RangeError);
  });
});

describe('hold-out', () => {
  test('sets aside round(fraction × count) of each class, deterministically', () => {
    const y = outcomes(4, 9240, 0.385);
    const side = holdOut(y, 0.3, 1);
    const p = y.reduce((a, b) => a + b, 0);
    let heldPos = 0;
    let held = 0;
    side.forEach((s, i) => { held += s; heldPos += s & y[i]; });
    expect(heldPos).toBe(Math.round(0.3 * p));
    expect(held - heldPos).toBe(Math.round(0.3 * (9240 - p)));
    expect(Buffer.from(holdOut(y, 0.3, 1)).equals(Buffer.from(side))).toBe(true);
    expect(Buffer.from(holdOut(y, 0.3, 2)).equals(Buffer.from(side))).toBe(false);
  });

  test('indices of each side and gathered rows', () => {
    const side = Uint8Array.of(1, 0, 0, 1);
    expect([...indicesWhere(side, 1)]).toEqual([0, 3]);
    expect([...indicesWhere(side, 1, true)]).toEqual([1, 2]);
    expect([...gatherRows(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8), 2, Uint32Array.of(3, 0))]).toEqual([7, 8, 1, 2]);
  });
});

describe('time split', () => {
  test('before the cut trains, on or after tests, no date is left out', () => {
    expect([...timeSplit(Float64Array.of(10, 20, NaN, 30, 19), 20)]).toEqual([TRAIN, TEST, UNDATED, TEST, TRAIN]);
  });

  test('a cut for the latest 30%: the day whose test share is nearest, never splitting a day', () => {
    const days = Float64Array.from({ length: 100 }, (_, i) => 1000 + i);
    expect(cutForFraction(days, 0.3)).toBe(1070);
    // cut 5 tests 4 of 4, cut 6 tests 1 of 4: 25% is nearer to 30%
    expect(cutForFraction(Float64Array.of(5, 5, 5, 6, NaN), 0.3)).toBe(6);
    // cut 2 tests 3 of 4 (75%), cut 3 tests 1 of 4 (25%): both 25 points from 50%, the later wins
    expect(cutForFraction(Float64Array.of(1, 2, 2, 3), 0.5)).toBe(3);
    expect(cutForFraction(Float64Array.of(NaN), 0.3)).toBeNull();
  });
});
