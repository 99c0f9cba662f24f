/**
 * Proportions against closed forms worked by hand (z = 1.959964, z² = 3.841459), and the Wilson
 * interval's coverage on seeded binomial draws.
 */
import { describe, expect, test } from '@jest/globals';
import { atOrAbove, oddsRatio, relativeRisk, selection, table, wilson } from '../../src/stats/proportions.js';
import { mulberry32 } from '../support/random.js';

describe('Wilson interval', () => {
  test.each([
    // 0/10: centre = half = (z²/2n)/(1+z²/n); upper = (z²/n)/(1+z²/n) = 0.3841459/1.3841459 = 0.277533
    [0, 10, 0, 0.277533],
    // 10/10: the mirror image
    [10, 10, 0.722467, 1],
    // 5/10: centre ½, half = (z/(1+z²/n))·√(0.025 + z²/400) = 1.416008 · 0.186020 = 0.263405
    [5, 10, 0.236595, 0.763405],
    // 1/4: p̂ = .25, z²/n = 0.960365; centre = (.25 + .480182)/1.960365 = 0.372471;
    // half = (1.959964/1.960365)·√(.046875 + .060023) = 0.999795 · 0.326953 = 0.326886
    [1, 4, 0.045585, 0.699357],
  ])('%i of %i → [%f, %f]', (x, n, lower, upper) => {
    const w = wilson(x, n)!;
    expect(w.lower).toBeCloseTo(lower, 5);
    expect(w.upper).toBeCloseTo(upper, 5);
  });

  test('no trials: null', () => {
    expect(wilson(0, 0)).toBeNull();
  });

  test('covers the true rate about 95% of the time on seeded binomials', () => {
    const rand = mulberry32(17);
    for (const [p, n] of [[0.05, 60], [0.2, 30], [0.385, 100], [0.5, 15], [0.9, 40]]) {
      let covered = 0;
      const trials = 2000;
      for (let t = 0; t < trials; t++) {
        let x = 0;
        for (let i = 0; i < n; i++) if (rand() < p) x++;
        const w = wilson(x, n)!;
        if (w.lower <= p && p <= w.upper) covered++;
      }
      // Wilson's coverage oscillates around 95% with n (a discrete binomial); SE over 2,000 draws is 0.5%
      expect(covered / trials).toBeGreaterThan(0.91);
      expect(covered / trials).toBeLessThan(0.99);
    }
  });
});

describe('selections', () => {
  test('at or above a threshold: counts, precision, recall, lift', () => {
    // scores 1..6, converted: 2, 5, 6. At or above 4: leads 4,5,6 (3 leads, 2 converted).
    // precision 2/3, recall 2/3, base 3/6 = ½ → lift 4/3
    const s = atOrAbove(Float64Array.of(1, 2, 3, 4, 5, 6), Uint8Array.of(0, 1, 0, 0, 1, 1), 4);
    expect(s).toMatchObject({ leads: 3, converted: 2 });
    expect(s.precision).toBeCloseTo(2 / 3, 12);
    expect(s.recall).toBeCloseTo(2 / 3, 12);
    expect(s.lift).toBeCloseTo(4 / 3, 12);
    expect(s.interval).toEqual(wilson(2, 3));
  });

  test('empty denominators are null', () => {
    expect(selection(0, 0, 10, 0)).toEqual({ leads: 0, converted: 0, precision: null, interval: null, recall: null, lift: null });
    expect(atOrAbove(Float64Array.of(1, 2), Uint8Array.of(0, 0), 2).lift).toBeNull();
  });
});

describe('2×2 tables', () => {
  test('odds ratio and relative risk of a = 20, b = 80, c = 10, d = 90', () => {
    // OR = 20·90 / (80·10) = 2.25; se(ln OR) = √(1/20 + 1/80 + 1/10 + 1/90) = √0.1736111 = 0.4166667
    // ln 2.25 = 0.8109302; ± 1.959964 · 0.4166667 = ± 0.8166517 → [e^−0.0057215, e^1.6275819] = [0.994295, 5.091548]
    const or = oddsRatio({ a: 20, b: 80, c: 10, d: 90 })!;
    expect(or.estimate).toBeCloseTo(2.25, 12);
    expect(or.lower).toBeCloseTo(0.994295, 5);
    expect(or.upper).toBeCloseTo(5.091548, 5);
    expect(or.corrected).toBe(false);
    // RR = 0.2 / 0.1 = 2; se(ln RR) = √(1/20 − 1/100 + 1/10 − 1/100) = √0.13 = 0.3605551
    // ln 2 = 0.6931472 ± 0.7066751 → [e^−0.0135279, e^1.3998223] = [0.986563, 4.054479]
    const rr = relativeRisk({ a: 20, b: 80, c: 10, d: 90 })!;
    expect(rr.estimate).toBeCloseTo(2, 12);
    expect(rr.lower).toBeCloseTo(0.986563, 5);
    expect(rr.upper).toBeCloseTo(4.054479, 5);
  });

  test('an empty cell adds ½ to every cell (Haldane–Anscombe): a = 0, b = 10, c = 5, d = 5', () => {
    // OR = (0.5 · 5.5) / (10.5 · 5.5) = 1/21
    const or = oddsRatio({ a: 0, b: 10, c: 5, d: 5 })!;
    expect(or.estimate).toBeCloseTo(1 / 21, 12);
    expect(or.corrected).toBe(true);
    expect(Number.isFinite(or.lower) && Number.isFinite(or.upper)).toBe(true);
    // RR = (0.5/11) / (5.5/11) = 1/11
    expect(relativeRisk({ a: 0, b: 10, c: 5, d: 5 })!.estimate).toBeCloseTo(1 / 11, 12);
  });

  test('an empty row or column has no ratio: null', () => {
    expect(oddsRatio({ a: 0, b: 0, c: 5, d: 5 })).toBeNull();
    expect(relativeRisk({ a: 0, b: 4, c: 0, d: 5 })).toBeNull();
  });

  test('the table of an indicator counts each lead once', () => {
    expect(table(Uint8Array.of(1, 1, 0, 0, 1), Uint8Array.of(1, 0, 1, 0, 1))).toEqual({ a: 2, b: 1, c: 1, d: 1 });
  });
});
