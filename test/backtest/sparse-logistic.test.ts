/**
 * The sparse Newton fit against the dense one (stats/logistic.ts, itself held to the optimality
 * conditions): on the same leads, the indicators written out as 0/1 columns, both must reach the
 * same optimum; and a warm start must change the path, not the answer.
 */
import { describe, expect, test } from '@jest/globals';
import { fitLogistic } from '../../src/stats/logistic.js';
import { fitSparseLogistic, sparsePredictor, type SparseDesign } from '../../src/stats/sparse-logistic.js';
import { mulberry32 } from '../support/random.js';

/** n leads over `columns` columns of `levels` levels each (level 0 the reference) and `dense` dense features. */
function design(n: number, columns: number, levels: number, dense: number, seed: number): { sparse: SparseDesign; x: Float64Array; cols: number; y: Uint8Array } {
  const rand = mulberry32(seed);
  const indicators = columns * (levels - 1);
  const cols = indicators + dense;
  const x = new Float64Array(n * cols);
  const offsets = new Uint32Array(n + 1);
  const active: number[] = [];
  const values = new Float64Array(n * dense);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    offsets[i] = active.length;
    let eta = -0.5;
    for (let c = 0; c < columns; c++) {
      const level = Math.floor(rand() * levels);
      if (level > 0) {
        const f = c * (levels - 1) + level - 1;
        active.push(f);
        x[i * cols + f] = 1;
        eta += ((c + level) % 3) - 1;
      }
    }
    for (let j = 0; j < dense; j++) {
      const v = rand() < 0.3 ? 0 : Math.floor(rand() * 5);
      values[i * dense + j] = v;
      x[i * cols + indicators + j] = v;
      eta += 0.3 * v * (j % 2 ? 1 : -1);
    }
    y[i] = rand() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  offsets[n] = active.length;
  return { sparse: { rows: n, indicators, offsets, active: Uint32Array.from(active), dense: values, denseCount: dense }, x, cols, y };
}

describe('fitSparseLogistic', () => {
  test.each([
    [2000, 3, 4, 0, 1, 1],
    [3000, 5, 3, 2, 2, 0.5],
    [1500, 4, 6, 3, 3, 5],
  ])('%i leads, %i columns of %i levels, %i dense features (seed %i, λ %f): the dense fit\'s optimum', (n, columns, levels, dense, seed, lambda) => {
    const d = design(n, columns, levels, dense, seed);
    const sparse = fitSparseLogistic(d.sparse, d.y, { lambda });
    const full = fitLogistic(d.x, d.cols, d.y, { lambda });
    expect(sparse.converged).toBe(true);
    expect(sparse.intercept).toBeCloseTo(full.intercept, 7);
    sparse.coefficients.forEach((c, j) => expect(c).toBeCloseTo(full.coefficients[j], 7));
    expect(sparse.objective).toBeCloseTo(full.objective, 6);
    // the linear predictor is the dense one
    const eta = sparsePredictor(d.sparse, sparse.intercept, sparse.coefficients);
    for (let i = 0; i < 20; i++) {
      let s = full.intercept;
      for (let j = 0; j < d.cols; j++) s += d.x[i * d.cols + j] * full.coefficients[j];
      expect(eta[i]).toBeCloseTo(s, 6);
    }
  });

  test('a warm start reaches the same optimum in fewer steps', () => {
    const d = design(3000, 5, 4, 1, 9);
    const cold = fitSparseLogistic(d.sparse, d.y);
    const start = Float64Array.from([cold.intercept, ...cold.coefficients].map((v) => v * 0.9));
    const warm = fitSparseLogistic(d.sparse, d.y, { start });
    expect(warm.iterations).toBeLessThan(cold.iterations);
    warm.coefficients.forEach((c, j) => expect(c).toBeCloseTo(cold.coefficients[j], 7));
  });

  test('both outcomes are needed', () => {
    const d = design(100, 2, 3, 0, 4);
    expect(() => fitSparseLogistic(d.sparse, new Uint8Array(100))).toThrow(RangeError);
  });
});
