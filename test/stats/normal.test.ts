/**
 * The normal distribution against independent computations: erf by Simpson's rule on its integral
 * 2/√π ∫₀ˣ e^(−t²) dt (|x| ≤ 2.5), erfc by its Laplace continued fraction in the tail (x ≥ 2), each
 * to far better than the 1.2e-7 the fast form promises.
 */
import { describe, expect, test } from '@jest/globals';
import { erf, erfc, normalCdf, normalQuantile, twoSidedP, zForLevel } from '../../src/stats/normal.js';

/** erf(x) = 2/√π ∫₀ˣ e^(−t²) dt by Simpson's rule on 4,000 intervals (error below 1e-13 for |x| ≤ 2.5) */
function erfIntegral(x: number): number {
  const steps = 4000;
  const h = x / steps;
  let sum = 1 + Math.exp(-x * x);
  for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * Math.exp(-((i * h) ** 2));
  return (2 / Math.sqrt(Math.PI)) * (h / 3) * sum;
}

/** erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), for x > 0, evaluated from the tail up */
function erfcFraction(x: number): number {
  let t = x;
  for (let k = 400; k >= 1; k--) t = x + k / 2 / t;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / t;
}

const grid = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => from + i * step);

describe('erf and erfc', () => {
  test.each(grid(-2.5, 2.5, 0.05))('erf(%f) matches the integral to 1.2e-7', (x) => {
    expect(Math.abs(erf(x) - erfIntegral(x))).toBeLessThan(1.2e-7);
  });

  test.each(grid(2, 9, 0.1))('erfc(%f) matches the continued fraction to 1.2e-7 relative', (x) => {
    const want = erfcFraction(x);
    expect(Math.abs(erfc(x) - want) / want).toBeLessThan(1.2e-7);
    expect(Math.abs(erfc(-x) - (2 - want))).toBeLessThan(1e-12 + 2.4e-7 * want);
  });

  test('erf(0) is 0, erf is odd, and near 0 it is exact to 1e-15', () => {
    expect(erf(0)).toBe(0);
    for (const x of grid(0.1, 4, 0.3)) expect(erf(-x)).toBe(-erf(x));
    for (const x of grid(-0.45, 0.45, 0.05)) expect(Math.abs(erf(x) - erfIntegral(x))).toBeLessThan(1e-13);
  });
});

describe('normal distribution', () => {
  test('Φ(0) = ½, Φ(−z) = 1 − Φ(z), and the two-sided p of 0 is 1', () => {
    expect(normalCdf(0)).toBe(0.5);
    for (const z of grid(0.25, 5, 0.25)) expect(normalCdf(-z) + normalCdf(z)).toBeCloseTo(1, 12);
    expect(twoSidedP(0)).toBe(1);
    expect(twoSidedP(-1.5)).toBe(twoSidedP(1.5));
  });

  test.each([1e-12, 1e-6, 0.001, 0.01, 0.02425, 0.05, 0.2, 0.5, 0.7, 0.975, 0.99, 0.999999])('quantile(%p) inverts Φ', (p) => {
    const z = normalQuantile(p);
    const back = p < 0.5 ? normalCdf(z) : 1 - normalCdf(z);
    const want = p < 0.5 ? p : 1 - p;
    expect(Math.abs(back - want) / want).toBeLessThan(3e-7);
    // 1 − p itself is rounded: symmetry holds to that rounding
    if (p >= 1e-6) expect(normalQuantile(1 - p)).toBeCloseTo(-z, 6);
  });

  test('edges: quantile of 0 and 1 are infinite, outside is NaN; a level outside (0, 1) throws', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(() => zForLevel(1)).toThrow(RangeError);
    // the z of a 95% interval leaves 2.5% in each tail
    expect(2 * (1 - normalCdf(zForLevel(0.95)))).toBeCloseTo(0.05, 7);
  });
});
