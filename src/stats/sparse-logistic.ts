/**
 * The L2 logistic regression of logistic.ts on a sparse design: each lead is a few indicator
 * features that are 1 (the bin or group of each column it falls in, none for a column's reference
 * level) and a few dense features (the ruleset's own rules). Newton's method accumulates the
 * gradient and Hessian over each lead's nonzero entries only, so a lead costs (columns)² rather
 * than (bins of all columns)²: a scorecard of 30 columns cut into 200 bins fits on 100k leads in
 * seconds. It maximises the same objective as `fitLogistic` (unpenalised intercept, λ/2 Σ w²), with
 * the same step halving and convergence rule, and a test holds the two to the same optimum.
 */
import { choleskySolve, sigmoid, softplus, type LogisticFit, type LogisticOptions } from './logistic.js';

export interface SparseDesign {
  readonly rows: number;
  /** indicator features (columns 0 … indicators−1 of the coefficients) */
  readonly indicators: number;
  /** row i's indicators that are 1, ascending: active[offsets[i] … offsets[i+1]) */
  readonly offsets: Uint32Array;
  readonly active: Uint32Array;
  /** dense features after the indicators, row-major rows × dense */
  readonly dense: Float64Array;
  readonly denseCount: number;
}

/** η = b + Σ active w + dense · w for every row. */
export function sparsePredictor(d: SparseDesign, intercept: number, w: ArrayLike<number>): Float64Array {
  const eta = new Float64Array(d.rows);
  const f = d.indicators;
  for (let i = 0; i < d.rows; i++) {
    let s = intercept;
    for (let p = d.offsets[i]; p < d.offsets[i + 1]; p++) s += w[d.active[p]];
    for (let j = 0, o = i * d.denseCount; j < d.denseCount; j++) s += d.dense[o + j] * w[f + j];
    eta[i] = s;
  }
  return eta;
}

const slack = (value: number) => 1e-11 * (1 + Math.abs(value));

function objective(eta: Float64Array, y: Uint8Array, beta: Float64Array, lambda: number): number {
  let ll = 0;
  for (let i = 0; i < eta.length; i++) ll += y[i] * eta[i] - softplus(eta[i]);
  let pen = 0;
  for (let j = 1; j < beta.length; j++) pen += beta[j] * beta[j];
  return ll - (lambda / 2) * pen;
}

/**
 * Gradient and negated Hessian over each row's nonzero entries (index 0: the intercept). The
 * Hessian is accumulated in its lower triangle only, and an indicator's value is 1, so the pairs
 * of a row's indicators add its weight alone: the hot loop of a scorecard fit.
 */
function newtonSystem(d: SparseDesign, y: Uint8Array, eta: Float64Array, beta: Float64Array, lambda: number) {
  const k = 1 + d.indicators + d.denseCount;
  const f = 1 + d.indicators;
  const grad = new Float64Array(k);
  const hess = new Float64Array(k * k);
  const idx = new Uint32Array(k);
  const dv = d.denseCount;
  for (let i = 0; i < d.rows; i++) {
    // the intercept and the row's indicators, ascending
    let m = 0;
    idx[m++] = 0;
    for (let p = d.offsets[i]; p < d.offsets[i + 1]; p++) idx[m++] = 1 + d.active[p];
    const p = sigmoid(eta[i]);
    const r = y[i] - p;
    const w = p * (1 - p);
    for (let a = 0; a < m; a++) {
      const ia = idx[a];
      grad[ia] += r;
      const row = ia * k;
      for (let b = 0; b <= a; b++) hess[row + idx[b]] += w;
    }
    // the dense features: against the indicators and each other
    for (let j = 0, o = i * dv; j < dv; j++) {
      const v = d.dense[o + j];
      if (v === 0) continue;
      const ij = f + j;
      grad[ij] += v * r;
      const wv = w * v;
      const row = ij * k;
      for (let a = 0; a < m; a++) hess[row + idx[a]] += wv;
      for (let q = 0; q <= j; q++) hess[row + f + q] += wv * d.dense[o + q];
    }
  }
  // indicators of one row come in ascending order, so every pair landed below the diagonal: mirror it
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) hess[b * k + a] = hess[a * k + b];
  for (let j = 1; j < k; j++) {
    grad[j] -= lambda * beta[j];
    hess[j * k + j] += lambda;
  }
  return { grad, hess, k };
}

function newtonStep(hess: Float64Array, grad: Float64Array, k: number): Float64Array | null {
  let scale = 0;
  for (let j = 0; j < k; j++) scale = Math.max(scale, hess[j * k + j]);
  for (let ridge = 0, tries = 0; tries < 8; tries++, ridge = (ridge || 1e-12 * Math.max(1, scale)) * 100) {
    const a = hess.slice();
    for (let j = 0; j < k; j++) a[j * k + j] += ridge;
    const step = grad.slice();
    if (choleskySolve(a, step, k)) return step;
  }
  return null;
}

/**
 * Fits y on the sparse design; coefficients: the indicators', then the dense features'. `start`:
 * the weights to start from (intercept first), e.g. the fit before a few bins were merged: the
 * optimum is the same, reached in fewer steps.
 */
export function fitSparseLogistic(d: SparseDesign, y: Uint8Array, options: LogisticOptions & { start?: Float64Array } = {}): LogisticFit {
  const { lambda = 1, maxIterations = 100, tolerance = 1e-10 } = options;
  if (y.length !== d.rows) throw new RangeError(`design has ${d.rows} rows; ${y.length} outcomes`);
  if (!(lambda >= 0)) throw new RangeError(`lambda must be ≥ 0, got ${lambda}`);
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  if (positives === 0 || positives === y.length) throw new RangeError('logistic regression needs both converted and unconverted leads');
  const k = 1 + d.indicators + d.denseCount;
  let beta = new Float64Array(k);
  beta[0] = Math.log(positives / (y.length - positives));
  if (options.start !== undefined && options.start.length === k && options.start.every(Number.isFinite)) beta = Float64Array.from(options.start);
  let eta = sparsePredictor(d, beta[0], beta.subarray(1));
  let value = objective(eta, y, beta, lambda);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    const { grad, hess } = newtonSystem(d, y, eta, beta, lambda);
    const step = newtonStep(hess, grad, k);
    if (step === null) break;
    let size = 0;
    let largest = 0;
    for (let j = 0; j < k; j++) {
      size = Math.max(size, Math.abs(step[j]));
      largest = Math.max(largest, Math.abs(beta[j]));
    }
    converged = size <= tolerance * (1 + largest);
    for (let t = 1, halvings = 0; halvings < 60; halvings++, t /= 2) {
      const next = beta.map((b, j) => b + t * step[j]);
      const nextEta = sparsePredictor(d, next[0], next.subarray(1));
      const nextValue = objective(nextEta, y, next, lambda);
      if (nextValue >= value - slack(value) || converged) {
        beta = next;
        eta = nextEta;
        value = nextValue;
        break;
      }
    }
  }
  return { intercept: beta[0], coefficients: beta.slice(1), iterations, converged, objective: value };
}
