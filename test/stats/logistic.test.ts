/**
 * The logistic regression against its optimality conditions and slower methods: the gradient of
 * the penalised log-likelihood recomputed here from scratch vanishes at the fit, no coordinate
 * nudge raises the objective, plain gradient ascent reaches the same weights, a single binary
 * column gives the 2×2 table's log odds ratio exactly, known weights come back from a large
 * sample, and separable data give finite weights.
 */
import { describe, expect, test } from '@jest/globals';
import { applyStandardisation, standardise, unstandardise } from '../../src/stats/design.js';
import { fitLogistic, predictLogistic } from '../../src/stats/logistic.js';
import { mulberry32 } from '../support/random.js';

type Rand = () => number;
const gauss = (rand: Rand) => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

/** Rows as plain arrays: the oracles below never touch the library's matrix code. */
function sample(rand: Rand, n: number, b0: number, w: number[], spread = 1) {
  const rows: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = w.map(() => gauss(rand) * spread);
    const eta = b0 + row.reduce((s, v, j) => s + v * w[j], 0);
    rows.push(row);
    y.push(rand() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
  }
  return { rows, y, x: Float64Array.from(rows.flat()), outcomes: Uint8Array.from(y) };
}

/** penalised log-likelihood and its gradient, from the formulas, in the slowest obvious way */
function oracle(rows: number[][], y: number[], beta: number[], lambda: number) {
  const grad = beta.map(() => 0);
  let value = 0;
  rows.forEach((row, i) => {
    const eta = beta[0] + row.reduce((s, v, j) => s + v * beta[j + 1], 0);
    const p = 1 / (1 + Math.exp(-eta));
    value += y[i] * eta - Math.log(1 + Math.exp(eta));
    grad[0] += y[i] - p;
    row.forEach((v, j) => { grad[j + 1] += v * (y[i] - p); });
  });
  for (let j = 1; j < beta.length; j++) {
    value -= (lambda / 2) * beta[j] ** 2;
    grad[j] -= lambda * beta[j];
  }
  return { value, grad };
}

const betaOf = (fit: { intercept: number; coefficients: Float64Array }) => [fit.intercept, ...fit.coefficients];

describe('logistic regression', () => {
  test.each([0.01, 1, 25])('at the fit the gradient vanishes and no nudge climbs (λ = %f)', (lambda) => {
    const { rows, y, x, outcomes } = sample(mulberry32(11), 600, -0.5, [1.2, -0.7, 0.3, 0, 2]);
    const fit = fitLogistic(x, 5, outcomes, { lambda });
    expect(fit.converged).toBe(true);
    const beta = betaOf(fit);
    const { value, grad } = oracle(rows, y, beta, lambda);
    for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-8 * rows.length);
    expect(fit.objective).toBeCloseTo(value, 8);
    for (let j = 0; j < beta.length; j++) {
      for (const h of [1e-3, -1e-3]) {
        const nudged = beta.map((b, m) => (m === j ? b + h : b));
        expect(oracle(rows, y, nudged, lambda).value).toBeLessThan(value);
      }
    }
  });

  test('agrees with slow gradient ascent on a small sample', () => {
    const { rows, y, x, outcomes } = sample(mulberry32(12), 150, 0.3, [0.8, -1.1, 0.4]);
    const lambda = 2;
    // step 1/L with L ≥ the largest curvature: ¼ Σ‖(1, x)‖² + λ
    const L = rows.reduce((s, r) => s + 1 + r.reduce((a, v) => a + v * v, 0), 0) / 4 + lambda;
    let beta = [0, 0, 0, 0];
    for (let it = 0; it < 4000; it++) {
      const { grad } = oracle(rows, y, beta, lambda);
      beta = beta.map((b, j) => b + grad[j] / L);
    }
    const fit = fitLogistic(x, 3, outcomes, { lambda });
    betaOf(fit).forEach((b, j) => expect(b).toBeCloseTo(beta[j], 6));
  });

  test('one binary column, no penalty: the weight is ln(ad/bc) and the intercept ln(c/d)', () => {
    // a = 30 fired & converted, b = 20 fired & not, c = 10 not fired & converted, d = 40 not & not
    // weight = ln(30·40 / (20·10)) = ln 6; intercept = ln(10/40) = ln ¼
    const x = Float64Array.from({ length: 100 }, (_, i) => (i < 50 ? 1 : 0));
    const y = Uint8Array.from({ length: 100 }, (_, i) => (i < 30 || (i >= 50 && i < 60) ? 1 : 0));
    const fit = fitLogistic(x, 1, y, { lambda: 0 });
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(6), 9);
    expect(fit.intercept).toBeCloseTo(Math.log(0.25), 9);
  });

  test('recovers known weights from a large seeded sample (within 5 standard errors)', () => {
    const truth = [-1, 1, -0.5, 0.25, 0];
    const { x, outcomes } = sample(mulberry32(13), 40000, truth[0], truth.slice(1));
    const fit = fitLogistic(x, 4, outcomes, { lambda: 1e-3 });
    // SE of each weight ≈ 1/√(n · E[p(1−p)]) ≈ 1/√(40000 · 0.15) ≈ 0.013
    betaOf(fit).forEach((b, j) => expect(Math.abs(b - truth[j])).toBeLessThan(0.065));
  });

  test('separable data: finite weights with the penalty, still no NaN without it', () => {
    const x = Float64Array.of(-2, -1, -0.5, 0.5, 1, 2);
    const y = Uint8Array.of(0, 0, 0, 1, 1, 1);
    const fit = fitLogistic(x, 1, y, { lambda: 1 });
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.coefficients[0]) && fit.coefficients[0] > 0).toBe(true);
    for (const g of oracle([...x].map((v) => [v]), [...y], betaOf(fit), 1).grad) expect(Math.abs(g)).toBeLessThan(1e-9);
    const free = fitLogistic(x, 1, y, { lambda: 0, maxIterations: 200 });
    expect([free.intercept, ...free.coefficients, free.objective].every(Number.isFinite)).toBe(true);
    expect([...predictLogistic(free, x, 1)].every((p) => p >= 0 && p <= 1)).toBe(true);
  });

  test('a duplicated column (singular XᵀWX without the penalty) still fits', () => {
    const { x, outcomes } = sample(mulberry32(14), 300, 0, [1]);
    const twice = Float64Array.from([...x].flatMap((v) => [v, v]));
    const fit = fitLogistic(twice, 2, outcomes, { lambda: 0.5 });
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(fit.coefficients[1], 8);
  });

  test('predictions are the logistic of the linear predictor', () => {
    const { x, outcomes } = sample(mulberry32(15), 200, 0.2, [0.5, -0.5]);
    const fit = fitLogistic(x, 2, outcomes);
    const p = predictLogistic(fit, x, 2);
    for (let i = 0; i < 200; i++) {
      const eta = fit.intercept + x[2 * i] * fit.coefficients[0] + x[2 * i + 1] * fit.coefficients[1];
      expect(p[i]).toBeCloseTo(1 / (1 + Math.exp(-eta)), 14);
    }
  });

  test('bad shapes and one-class outcomes are the caller\'s bug: RangeError', () => {
    expect(() => fitLogistic(new Float64Array(5), 2, new Uint8Array(3))).toThrow(RangeError);
    expect(() => fitLogistic(new Float64Array(3), 1, new Uint8Array(3))).toThrow(RangeError);
  });
});

describe('standardisation', () => {
  test('columns get mean 0 and sd 1, and weights map back to the same predictions', () => {
    const rand = mulberry32(16);
    const n = 500;
    const x = Float64Array.from({ length: n * 3 }, (_, i) => (i % 3 === 0 ? 100 + 40 * gauss(rand) : i % 3 === 1 ? gauss(rand) / 100 : 7));
    const y = Uint8Array.from({ length: n }, (_, i) => (rand() < 1 / (1 + Math.exp(-(x[3 * i] - 100) / 40)) ? 1 : 0));
    const s = standardise(x, 3);
    for (let j = 0; j < 2; j++) {
      let m = 0;
      let v = 0;
      for (let i = 0; i < n; i++) m += s.x[3 * i + j] / n;
      for (let i = 0; i < n; i++) v += (s.x[3 * i + j] - m) ** 2 / n;
      expect(m).toBeCloseTo(0, 10);
      expect(v).toBeCloseTo(1, 10);
    }
    expect(s.scales[2]).toBe(1);
    const fit = fitLogistic(s.x, 3, y);
    const back = unstandardise(fit.intercept, fit.coefficients, s.means, s.scales);
    const p1 = predictLogistic(fit, applyStandardisation(x, s.means, s.scales), 3);
    const p2 = predictLogistic({ ...fit, ...back }, x, 3);
    for (let i = 0; i < n; i++) expect(p2[i]).toBeCloseTo(p1[i], 10);
  });
});
