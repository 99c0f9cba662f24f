/**
 * L2-regularised logistic regression with an unpenalised intercept, fitted by Newton's method
 * (iteratively reweighted least squares) on a dense row-major design matrix.
 *
 * It maximises  Σᵢ [yᵢ ηᵢ − log(1 + e^ηᵢ)] − (λ/2) Σⱼ wⱼ²,  ηᵢ = b + xᵢ·w.
 * Each step solves (XᵀWX + λI′) Δ = ∇ by Cholesky (I′ leaves the intercept out), with step
 * halving whenever a full step would lower the objective (beyond rounding), so every iteration
 * climbs. With λ > 0 the objective is strictly concave and bounded even on separable data, so the
 * weights stay finite (no NaN): that is the reason for the penalty as much as over-fitting.
 *
 * Converged: the Newton step would move no weight by more than `tolerance`·(1 + the largest
 * weight). Newton converges quadratically near the optimum, so the gradient there is zero to
 * rounding; `converged` false means `maxIterations` ran out (or the system could not be solved).
 *
 * Standardisation is the caller's choice: λ penalises each weight on its column's own scale, so
 * columns in different units are penalised unevenly unless standardised first (design.ts).
 */

export interface LogisticOptions {
  /** L2 penalty on the weights, not on the intercept (default 1) */
  readonly lambda?: number;
  /** Newton iterations at most (default 100) */
  readonly maxIterations?: number;
  /** convergence on the largest step, relative to 1 + the largest weight (default 1e-10) */
  readonly tolerance?: number;
}

export interface LogisticFit {
  readonly intercept: number;
  readonly coefficients: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** the penalised log-likelihood at the fit */
  readonly objective: number;
}

/** log(1 + e^η) without overflow. */
export function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

/** 1 / (1 + e^−η) without overflow. */
export function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

/** η = b + x·w for every row. */
export function linearPredictor(x: Float64Array, cols: number, intercept: number, w: ArrayLike<number>): Float64Array {
  const rows = x.length / cols;
  const eta = new Float64Array(rows);
  for (let i = 0, o = 0; i < rows; i++, o += cols) {
    let s = intercept;
    for (let j = 0; j < cols; j++) s += x[o + j] * w[j];
    eta[i] = s;
  }
  return eta;
}

/** Probabilities of conversion for each row of `x` under a fit. */
export function predictLogistic(fit: LogisticFit, x: Float64Array, cols: number): Float64Array {
  return linearPredictor(x, cols, fit.intercept, fit.coefficients).map(sigmoid);
}

/**
 * How far a sum of n log-likelihood terms can move by rounding alone. Near the optimum a correct
 * Newton step gains less than that, and must not be refused for it (it would stall forever).
 */
const slack = (value: number) => 1e-11 * (1 + Math.abs(value));

function objective(eta: Float64Array, y: Uint8Array, beta: Float64Array, lambda: number): number {
  let ll = 0;
  for (let i = 0; i < eta.length; i++) ll += y[i] * eta[i] - softplus(eta[i]);
  let pen = 0;
  for (let j = 1; j < beta.length; j++) pen += beta[j] * beta[j];
  return ll - (lambda / 2) * pen;
}

/**
 * Solves A z = g in place of g for a symmetric positive-definite A (k×k, row-major, overwritten
 * by its Cholesky factor). Returns false if A is not numerically positive definite.
 */
export function choleskySolve(a: Float64Array, g: Float64Array, k: number): boolean {
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j];
    for (let m = 0; m < j; m++) d -= a[j * k + m] * a[j * k + m];
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const l = Math.sqrt(d);
    a[j * k + j] = l;
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j];
      for (let m = 0; m < j; m++) s -= a[i * k + m] * a[j * k + m];
      a[i * k + j] = s / l;
    }
  }
  for (let i = 0; i < k; i++) {
    let s = g[i];
    for (let m = 0; m < i; m++) s -= a[i * k + m] * g[m];
    g[i] = s / a[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = g[i];
    for (let m = i + 1; m < k; m++) s -= a[m * k + i] * g[m];
    g[i] = s / a[i * k + i];
  }
  return true;
}

/** Gradient and Hessian (negated, so positive definite) of the objective at probabilities `p`. */
function newtonSystem(x: Float64Array, cols: number, y: Uint8Array, p: Float64Array, beta: Float64Array, lambda: number) {
  const k = cols + 1;
  const grad = new Float64Array(k);
  const hess = new Float64Array(k * k);
  const z = new Float64Array(k);
  z[0] = 1;
  for (let i = 0, o = 0; i < y.length; i++, o += cols) {
    for (let j = 0; j < cols; j++) z[j + 1] = x[o + j];
    const r = y[i] - p[i];
    const w = p[i] * (1 - p[i]);
    for (let a = 0; a < k; a++) {
      grad[a] += z[a] * r;
      const wa = w * z[a];
      for (let b = 0; b <= a; b++) hess[a * k + b] += wa * z[b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) hess[b * k + a] = hess[a * k + b];
  for (let j = 1; j < k; j++) {
    grad[j] -= lambda * beta[j];
    hess[j * k + j] += lambda;
  }
  return { grad, hess };
}

/** The Newton step H⁻¹∇, adding a tiny ridge if H is numerically singular; null if that fails too. */
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
 * Fits y (0/1, one per row) on the `cols` columns of the row-major `x`. Both outcomes must occur
 * (an intercept for all-0 or all-1 outcomes is infinite): otherwise RangeError.
 */
export function fitLogistic(x: Float64Array, cols: number, y: Uint8Array, options: LogisticOptions = {}): LogisticFit {
  const { lambda = 1, maxIterations = 100, tolerance = 1e-10 } = options;
  const rows = y.length;
  if (x.length !== rows * cols) throw new RangeError(`design matrix has ${x.length} cells; expected ${rows} rows × ${cols} columns`);
  if (!(lambda >= 0)) throw new RangeError(`lambda must be ≥ 0, got ${lambda}`);
  let positives = 0;
  for (let i = 0; i < rows; i++) positives += y[i];
  if (positives === 0 || positives === rows) throw new RangeError('logistic regression needs both converted and unconverted leads');
  const k = cols + 1;
  let beta = new Float64Array(k);
  beta[0] = Math.log(positives / (rows - positives));
  let eta = linearPredictor(x, cols, beta[0], beta.subarray(1));
  let value = objective(eta, y, beta, lambda);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    const { grad, hess } = newtonSystem(x, cols, y, eta.map(sigmoid), beta, lambda);
    const step = newtonStep(hess, grad, k);
    if (step === null) break;
    let size = 0;
    let largest = 0;
    for (let j = 0; j < k; j++) {
      size = Math.max(size, Math.abs(step[j]));
      largest = Math.max(largest, Math.abs(beta[j]));
    }
    // a step this small is at rounding level: take it and stop (the objective may not rise by it)
    converged = size <= tolerance * (1 + largest);
    for (let t = 1, halvings = 0; halvings < 60; halvings++, t /= 2) {
      const next = beta.map((b, j) => b + t * step[j]);
      const nextEta = linearPredictor(x, cols, next[0], next.subarray(1));
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
