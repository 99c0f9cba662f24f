/**
 * Standardising a design matrix for the logistic regression (logistic.ts), and mapping the fitted
 * weights back to the columns' own units. With every column at mean 0 and standard deviation 1 the
 * L2 penalty treats columns alike whatever their units (visits, euros, days), and Newton's method
 * is better conditioned. Constant columns are centred but not scaled (their scale is 1).
 */

export interface Standardised {
  readonly x: Float64Array;
  readonly means: Float64Array;
  readonly scales: Float64Array;
}

/** A standardised copy of the row-major `x` with `cols` columns (population standard deviation). */
export function standardise(x: Float64Array, cols: number): Standardised {
  const rows = cols === 0 ? 0 : x.length / cols;
  const means = new Float64Array(cols);
  const scales = new Float64Array(cols);
  for (let i = 0, o = 0; i < rows; i++, o += cols) for (let j = 0; j < cols; j++) means[j] += x[o + j];
  for (let j = 0; j < cols; j++) means[j] = rows === 0 ? 0 : means[j] / rows;
  for (let i = 0, o = 0; i < rows; i++, o += cols) for (let j = 0; j < cols; j++) scales[j] += (x[o + j] - means[j]) ** 2;
  for (let j = 0; j < cols; j++) {
    const sd = rows === 0 ? 0 : Math.sqrt(scales[j] / rows);
    scales[j] = sd > 1e-12 * (1 + Math.abs(means[j])) ? sd : 1;
  }
  return { x: applyStandardisation(x, means, scales), means, scales };
}

/** The same standardisation applied to other rows (a hold-out), with the training means and scales. */
export function applyStandardisation(x: Float64Array, means: Float64Array, scales: Float64Array): Float64Array {
  const cols = means.length;
  const out = new Float64Array(x.length);
  for (let o = 0; o < x.length; o += cols) for (let j = 0; j < cols; j++) out[o + j] = (x[o + j] - means[j]) / scales[j];
  return out;
}

/** Weights fitted on standardised columns, expressed per unit of the original columns. */
export function unstandardise(intercept: number, coefficients: Float64Array, means: Float64Array, scales: Float64Array): { intercept: number; coefficients: Float64Array } {
  const w = coefficients.map((c, j) => c / scales[j]);
  let b = intercept;
  for (let j = 0; j < w.length; j++) b -= w[j] * means[j];
  return { intercept: b, coefficients: w };
}
