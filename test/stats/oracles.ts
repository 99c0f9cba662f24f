/**
 * Slow, obviously-right versions of the statistics, written from their definitions, for the tests
 * to hold the fast ones to. Nothing here is shared with src/stats.
 */

/** ψ(x, y): 1 if a converted lead's score x beats an unconverted y, ½ on a tie. */
const psi = (x: number, y: number) => (x > y ? 1 : x === y ? 0.5 : 0);

/** O(n²) AUC: the share of (converted, unconverted) pairs ranked right, ties ½. */
export function pairwiseAuc(scores: ArrayLike<number>, outcomes: ArrayLike<number>): number | null {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (outcomes[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (outcomes[j] !== 0) continue;
      sum += psi(scores[i], scores[j]);
      pairs++;
    }
  }
  return pairs === 0 ? null : sum / pairs;
}

/**
 * DeLong's covariance straight from the definitions: V10(Xi) = mean over Y of ψ(Xi, Y),
 * V01(Yj) = mean over X of ψ(X, Yj), S10 and S01 their sample covariances (n − 1), and
 * cov = S10/m + S01/n. O(k² n²).
 */
export function bruteDelong(scores: ArrayLike<number>[], outcomes: ArrayLike<number>): number[][] {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < outcomes.length; i++) (outcomes[i] === 1 ? pos : neg).push(i);
  const m = pos.length;
  const n = neg.length;
  const v10 = scores.map((s) => pos.map((i) => neg.reduce((acc, j) => acc + psi(s[i], s[j]), 0) / n));
  const v01 = scores.map((s) => neg.map((j) => pos.reduce((acc, i) => acc + psi(s[i], s[j]), 0) / m));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const cov = (a: number[], b: number[]) => {
    const ma = mean(a);
    const mb = mean(b);
    return a.reduce((acc, x, i) => acc + (x - ma) * (b[i] - mb), 0) / (a.length - 1);
  };
  return scores.map((_, r) => scores.map((__, s) => cov(v10[r], v10[s]) / m + cov(v01[r], v01[s]) / n));
}
