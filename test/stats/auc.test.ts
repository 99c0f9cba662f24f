/**
 * The midrank AUC and DeLong against their definitions: an O(n²) pairwise count (ties ½), the
 * structural components computed pair by pair, a seeded bootstrap, and simulations whose true AUC
 * is known in closed form (normal scores shifted by δ: AUC = Φ(δ/√2)).
 */
import { describe, expect, test } from '@jest/globals';
import { auc, aucInterval, compareAucs, delong } from '../../src/stats/auc.js';
import { normalCdf } from '../../src/stats/normal.js';
import { mulberry32 } from '../support/random.js';
import { bruteDelong, pairwiseAuc } from './oracles.js';

type Rand = () => number;
const gauss = (rand: Rand) => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

/** n leads with few distinct scores (many ties), conversion rising with the score. */
function tied(rand: Rand, n: number, levels: number): { scores: Float64Array; outcomes: Uint8Array } {
  const scores = new Float64Array(n);
  const outcomes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    scores[i] = Math.floor(rand() * levels) - 2;
    outcomes[i] = rand() < 0.2 + 0.6 * ((scores[i] + 2) / levels) ? 1 : 0;
  }
  return { scores, outcomes };
}

/** n leads, positives' scores shifted by delta: the true AUC is Φ(δ/√2). */
function shifted(rand: Rand, n: number, delta: number, rate = 0.4): { scores: Float64Array; outcomes: Uint8Array } {
  const scores = new Float64Array(n);
  const outcomes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    outcomes[i] = rand() < rate ? 1 : 0;
    scores[i] = gauss(rand) + delta * outcomes[i];
  }
  return { scores, outcomes };
}

describe('midrank AUC', () => {
  test('equals the O(n²) pairwise count on 200 seeded data sets full of ties', () => {
    const rand = mulberry32(13);
    for (let t = 0; t < 200; t++) {
      const { scores, outcomes } = tied(rand, 1 + Math.floor(rand() * 150), 1 + Math.floor(rand() * 8));
      const want = pairwiseAuc(scores, outcomes);
      const got = auc(scores, outcomes);
      if (want === null) expect(got).toBeNull();
      else expect(got).toBeCloseTo(want, 12);
    }
  });

  test('equals the pairwise count on continuous scores, and −0 ties with 0', () => {
    const { scores, outcomes } = shifted(mulberry32(5), 300, 0.8);
    expect(auc(scores, outcomes)).toBeCloseTo(pairwiseAuc(scores, outcomes)!, 12);
    expect(auc(Float64Array.of(-0, 0), Uint8Array.of(1, 0))).toBe(0.5);
  });

  test('hand-worked: scores 1 2 2 3, outcomes 0 1 0 1 → pairs (2>1) (2=2) (3>1) (3>2) = 3.5 of 4', () => {
    expect(auc(Float64Array.of(1, 2, 2, 3), Uint8Array.of(0, 1, 0, 1))).toBe(0.875);
  });

  test('no converted or no unconverted leads: null, not NaN', () => {
    expect(auc(Float64Array.of(1, 2), Uint8Array.of(0, 0))).toBeNull();
    expect(auc(Float64Array.of(1, 2), Uint8Array.of(1, 1))).toBeNull();
    expect(auc(new Float64Array(0), new Uint8Array(0))).toBeNull();
    expect(aucInterval(Float64Array.of(1), Uint8Array.of(1))).toBeNull();
  });

  test('bad input is the caller\'s bug: RangeError', () => {
    expect(() => auc(Float64Array.of(NaN, 1), Uint8Array.of(0, 1))).toThrow(RangeError);
    expect(() => auc(Float64Array.of(1, 1), Uint8Array.of(0, 2))).toThrow(RangeError);
    expect(() => auc(Float64Array.of(1), Uint8Array.of(0, 1))).toThrow(RangeError);
  });
});

describe('DeLong', () => {
  test('covariance of three scores equals the structural components computed pair by pair', () => {
    const rand = mulberry32(21);
    for (let t = 0; t < 20; t++) {
      const n = 20 + Math.floor(rand() * 80);
      const { scores: a, outcomes } = tied(rand, n, 6);
      const b = Float64Array.from(a, (x) => x + Math.floor(rand() * 3));
      const c = Float64Array.from(a, () => gauss(rand));
      const got = delong([a, b, c], outcomes);
      const want = bruteDelong([a, b, c], outcomes);
      if (got === null) continue;
      for (let r = 0; r < 3; r++) for (let s = 0; s < 3; s++) expect(got.covariance[r * 3 + s]).toBeCloseTo(want[r][s], 12);
    }
  });

  test('variance agrees loosely with a seeded stratified bootstrap', () => {
    // 400 resamples estimate a variance to about ±7% (relative SE √(2/399)); DeLong and the
    // bootstrap also differ by O(1/n). A ratio inside [0.75, 1.33] is more than 3 SE of slack.
    const rand = mulberry32(99);
    const { scores, outcomes } = tied(rand, 300, 7);
    const pos = [...outcomes.keys()].filter((i) => outcomes[i] === 1);
    const neg = [...outcomes.keys()].filter((i) => outcomes[i] === 0);
    const aucs: number[] = [];
    for (let b = 0; b < 400; b++) {
      const idx = [...pos.map(() => pos[Math.floor(rand() * pos.length)]), ...neg.map(() => neg[Math.floor(rand() * neg.length)])];
      aucs.push(auc(Float64Array.from(idx, (i) => scores[i]), Uint8Array.from(idx, (i) => outcomes[i]))!);
    }
    const mean = aucs.reduce((x, y) => x + y, 0) / aucs.length;
    const boot = aucs.reduce((x, y) => x + (y - mean) ** 2, 0) / (aucs.length - 1);
    const ratio = delong([scores], outcomes)!.covariance[0] / boot;
    expect(ratio).toBeGreaterThan(0.75);
    expect(ratio).toBeLessThan(1.33);
  });

  test('95% intervals cover the true AUC Φ(δ/√2) about 95% of the time (400 seeded samples)', () => {
    const rand = mulberry32(7);
    const truth = normalCdf(1 / Math.SQRT2);
    let covered = 0;
    for (let t = 0; t < 400; t++) {
      const { scores, outcomes } = shifted(rand, 200, 1);
      const e = aucInterval(scores, outcomes)!;
      if (e.lower! <= truth && truth <= e.upper!) covered++;
    }
    // binomial SE of a 95% rate over 400 trials is 1.1%: ±3.5 SE
    expect(covered / 400).toBeGreaterThan(0.91);
    expect(covered / 400).toBeLessThan(0.99);
  });

  test('a perfect ranking has AUC 1 with no variance; the interval is [1, 1], clamped', () => {
    const e = aucInterval(Float64Array.of(1, 2, 3, 4), Uint8Array.of(0, 0, 1, 1))!;
    expect(e).toEqual({ auc: 1, se: 0, lower: 1, upper: 1, positives: 2, negatives: 2 });
    const high = aucInterval(Float64Array.of(1, 2, 3, 4, 5, 6), Uint8Array.of(0, 0, 1, 0, 1, 1))!;
    expect(high.upper).toBeLessThanOrEqual(1);
    expect(high.lower).toBeGreaterThanOrEqual(0);
  });

  test('one converted lead: the AUC stands, its variance cannot be estimated (null)', () => {
    expect(aucInterval(Float64Array.of(1, 2, 3), Uint8Array.of(0, 1, 0))).toEqual({ auc: 0.5, se: null, lower: null, upper: null, positives: 1, negatives: 2 });
    expect(delong([Float64Array.of(1, 2, 3)], Uint8Array.of(0, 1, 0))).toBeNull();
  });
});

describe('paired DeLong test', () => {
  test('identical rankings (even through a monotone map) differ by exactly 0 with p = 1', () => {
    const { scores, outcomes } = tied(mulberry32(3), 200, 5);
    expect(compareAucs(scores, scores, outcomes)).toMatchObject({ difference: 0, se: 0, z: 0, p: 1 });
    expect(compareAucs(scores, Float64Array.from(scores, (x) => 3 * x + 7), outcomes)).toMatchObject({ difference: 0, z: 0, p: 1 });
  });

  test('is symmetric: swapping the scores negates the difference and z and keeps p', () => {
    const rand = mulberry32(4);
    const { scores: a, outcomes } = shifted(rand, 300, 0.9);
    const b = Float64Array.from(a, (x) => x + gauss(rand));
    const ab = compareAucs(a, b, outcomes)!;
    const ba = compareAucs(b, a, outcomes)!;
    expect(ba.difference).toBe(-ab.difference);
    expect(ba.z).toBeCloseTo(-ab.z!, 12);
    expect(ba.p).toBeCloseTo(ab.p, 12);
    expect(ab.difference).toBeGreaterThan(0);
    expect(ab.p).toBeLessThan(0.05);
  });

  test('under the null (two equally good, correlated scores) it rejects at 5% about 5% of the time', () => {
    const rand = mulberry32(8);
    let rejected = 0;
    const trials = 400;
    for (let t = 0; t < trials; t++) {
      const { scores: base, outcomes } = shifted(rand, 150, 0.8);
      const a = Float64Array.from(base, (x) => x + gauss(rand));
      const b = Float64Array.from(base, (x) => x + gauss(rand));
      if (compareAucs(a, b, outcomes)!.p < 0.05) rejected++;
    }
    // binomial SE of 5% over 400 trials is 1.1%
    expect(rejected / trials).toBeGreaterThan(0.015);
    expect(rejected / trials).toBeLessThan(0.095);
  });

  test('a perfect and a useless score: no variance, the AUCs differ, z null and p 0', () => {
    const outcomes = Uint8Array.of(0, 0, 1, 1);
    expect(compareAucs(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 1, 1, 1), outcomes)).toEqual({ aucA: 1, aucB: 0.5, difference: 0.5, se: 0, z: null, p: 0 });
  });
});
