/**
 * The leakage screen's parts against brute force: quantile codes keep ties together and give
 * empty cells their own code; each lead's out-of-fold rate is recomputed from the leads of the
 * other folds only. (test/stats/pipeline.test.ts checks the screen on generated leads with
 * planted leaks.)
 */
import { describe, expect, test } from '@jest/globals';
import { leakageScreen, outOfFoldRates, quantileCodes } from '../../src/stats/leakage.js';
import { stratifiedFolds } from '../../src/stats/split.js';
import { mulberry32 } from '../support/random.js';

describe('leakage screen parts', () => {
  test('quantile codes: ordered, ties together, empty cells after the last bin', () => {
    const rand = mulberry32(61);
    const values = Float64Array.from({ length: 500 }, () => (rand() < 0.1 ? NaN : Math.floor(rand() * 40)));
    const codes = quantileCodes(values, 10);
    const wrong: string[] = [];
    values.forEach((v, i) => {
      if (Number.isNaN(v) ? codes[i] !== 10 : codes[i] >= 10) wrong.push(`lead ${i}: ${v} → ${codes[i]}`);
      values.forEach((w, j) => {
        if ((v === w && codes[j] !== codes[i]) || (v < w && codes[i] > codes[j])) wrong.push(`${v} → ${codes[i]}, ${w} → ${codes[j]}`);
      });
    });
    expect(wrong).toEqual([]);
  });

  test('each lead\'s rate comes from the other folds only', () => {
    const rand = mulberry32(62);
    const n = 300;
    const codes = Uint32Array.from({ length: n }, () => Math.floor(rand() * 6));
    const outcomes = Uint8Array.from(codes, (c) => (rand() < 0.15 * c ? 1 : 0));
    const fold = stratifiedFolds(outcomes, 5, 3);
    const rates = outOfFoldRates(codes, outcomes, fold, 5, 2);
    for (let i = 0; i < n; i++) {
      let l = 0; let v = 0; let all = 0; let allConv = 0;
      for (let j = 0; j < n; j++) {
        if (fold[j] === fold[i]) continue;
        all++; allConv += outcomes[j];
        if (codes[j] === codes[i]) { l++; v += outcomes[j]; }
      }
      expect(rates[i]).toBeCloseTo((v + (2 * allConv) / all) / (l + 2), 12);
    }
  });

  test('a column that is the outcome is flagged; one outcome only gives AUC null', () => {
    const outcomes = Uint8Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const [r] = leakageScreen([{ name: 'won', kind: 'categorical', codes: Uint32Array.from(outcomes) }], outcomes);
    expect(r).toEqual({ name: 'won', auc: 1, flagged: true });
    const [none] = leakageScreen([{ name: 'x', kind: 'numeric', values: new Float64Array(10) }], new Uint8Array(10));
    expect(none).toEqual({ name: 'x', auc: null, flagged: false });
  });
});
