/**
 * The standard normal distribution, written out here so the statistics need no package:
 * `erfc` for p-values, `normalCdf` for intervals and tests, `normalQuantile` for the z of a
 * confidence level. Accuracy is about 1e-7 relative (enough for p-values and 95% intervals);
 * the tails keep relative accuracy, so a z of 8 still gives a meaningful p-value.
 */

/** Below this |x|, erf by its Taylor series (30 terms leave less than 1e-17); above, the Chebyshev fit. */
const SERIES_BELOW = 0.5;

/** erf(x) = 2/√π Σ (−1)^k x^(2k+1) / (k! (2k+1)), for small |x|: exact odd symmetry, erf(0) = 0. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let k = 1; k < 30; k++) {
    term *= (-x * x) / k;
    sum += term / (2 * k + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/**
 * Complementary error function, erfc(x) = 1 − erf(x), with fractional error below 1.2e-7 for
 * every x: the Chebyshev fit of Numerical Recipes (`erfcc`, 2nd ed., §6.2), whose relative
 * accuracy in the tail is why this form rather than 1 − erf; near 0 the series above.
 */
export function erfc(x: number): number {
  if (Math.abs(x) < SERIES_BELOW) return 1 - erfSeries(x);
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
    + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
    + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** Error function: odd, exact to 1e-16 near 0, absolute error about 1e-7 elsewhere. */
export function erf(x: number): number {
  if (Math.abs(x) < SERIES_BELOW) return erfSeries(x);
  return x >= 0 ? 1 - erfc(x) : erfc(-x) - 1;
}

/** P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Two-sided p-value of a z statistic: P(|Z| ≥ |z|). */
export function twoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

const A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
const B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
const C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
const D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
const P_LOW = 0.02425;

/** The lower tail's rational form (p < 0.02425); the upper tail is its mirror. */
function tail(p: number): number {
  const q = Math.sqrt(-2 * Math.log(p));
  return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
}

/**
 * The z with P(Z ≤ z) = p, for 0 < p < 1 (±Infinity at 0 and 1, NaN outside): Acklam's rational
 * approximation, relative error below 1.2e-9.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p < P_LOW) return tail(p);
  if (p > 1 - P_LOW) return -tail(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
    / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/** The z of a two-sided confidence level: 1.95996… for 0.95. */
export function zForLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be between 0 and 1, got ${level}`);
  return normalQuantile(0.5 + level / 2);
}
