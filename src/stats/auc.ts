/**
 * ROC AUC with DeLong's variance: the chance that a random converted lead scores above a random
 * unconverted one, ties counting ½ (a tie gets the midrank of the positions it spans).
 *
 * From the sorted score groups (ranking.ts, one native sort per class, O(n log n)):
 *  - a converted lead's placement V10 = (unconverted leads below it + ½ those tied with it) / N,
 *    which is exactly its midrank among all leads minus its midrank among the converted, over N;
 *  - an unconverted lead's placement V01 = (converted leads above it + ½ those tied) / P;
 *  - AUC is the mean of either, and DeLong, DeLong & Clarke-Pearson (1988) estimate the covariance
 *    of several AUCs on the same leads as S10/P + S01/N, the sample covariances of the placements.
 * Degenerate cases are reported, never NaN: no converted or no unconverted leads → null; exactly one
 * of either → the AUC stands but its variance cannot be estimated (se and interval null).
 */
import { twoSidedP, zForLevel } from './normal.js';
import { groupIndex, scoreGroups } from './ranking.js';

/**
 * Midrank AUC in O(n log n), or null without converted or without unconverted leads. Summed in
 * doubled integers, so it is exact up to the final division (and identical on every machine).
 */
export function auc(scores: Float64Array, outcomes: Uint8Array): number | null {
  const g = scoreGroups(scores, outcomes);
  const { totalPositives: p, totalNegatives: n } = g;
  if (p === 0 || n === 0) return null;
  let below = 0;
  let twice = 0;
  for (let k = 0; k < g.values.length; k++) {
    twice += g.positives[k] * (2 * below + g.negatives[k]);
    below += g.negatives[k];
  }
  return twice / (2 * p * n);
}

/** Per lead, its DeLong placement: V10 for a converted lead, V01 for an unconverted one. */
export function placements(scores: Float64Array, outcomes: Uint8Array): { auc: number; placement: Float64Array } | null {
  const g = scoreGroups(scores, outcomes);
  const { totalPositives: p, totalNegatives: n } = g;
  if (p === 0 || n === 0) return null;
  const k = g.values.length;
  const v10 = new Float64Array(k);
  const v01 = new Float64Array(k);
  let negBelow = 0;
  let posBelow = 0;
  let twice = 0;
  for (let j = 0; j < k; j++) {
    const a = g.positives[j];
    const b = g.negatives[j];
    v10[j] = (negBelow + b / 2) / n;
    v01[j] = (p - posBelow - a + a / 2) / p;
    twice += a * (2 * negBelow + b);
    negBelow += b;
    posBelow += a;
  }
  const placement = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const j = groupIndex(g.values, scores[i]);
    placement[i] = outcomes[i] === 1 ? v10[j] : v01[j];
  }
  return { auc: twice / (2 * p * n), placement };
}

/** AUCs of several scores on the same leads and their DeLong covariance (k×k, row-major). */
export interface DeLong {
  readonly aucs: Float64Array;
  readonly covariance: Float64Array;
  readonly positives: number;
  readonly negatives: number;
}

/**
 * DeLong's covariance of the AUCs of `scores` (each as long as `outcomes`), or null when the
 * variance cannot be estimated: fewer than two converted or two unconverted leads.
 */
export function delong(scores: readonly Float64Array[], outcomes: Uint8Array): DeLong | null {
  const k = scores.length;
  const places = scores.map((s) => placements(s, outcomes));
  let p = 0;
  for (let i = 0; i < outcomes.length; i++) p += outcomes[i];
  const n = outcomes.length - p;
  if (p < 2 || n < 2 || places.some((x) => x === null)) return null;
  const aucs = Float64Array.from(places, (x) => x!.auc);
  const covariance = new Float64Array(k * k);
  for (let r = 0; r < k; r++) {
    for (let s = r; s < k; s++) {
      const a = places[r]!.placement;
      const b = places[s]!.placement;
      let pos = 0;
      let neg = 0;
      for (let i = 0; i < outcomes.length; i++) {
        if (outcomes[i] === 1) pos += (a[i] - aucs[r]) * (b[i] - aucs[s]);
        else neg += (a[i] - aucs[r]) * (b[i] - aucs[s]);
      }
      covariance[r * k + s] = covariance[s * k + r] = pos / (p - 1) / p + neg / (n - 1) / n;
    }
  }
  return { aucs, covariance, positives: p, negatives: n };
}

/** An AUC with its standard error and interval (null when there is only one lead of a class). */
export interface AucEstimate {
  readonly auc: number;
  readonly se: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly positives: number;
  readonly negatives: number;
}

/** AUC with a DeLong interval at `level` (0.95), clamped to [0, 1]; null without both classes. */
export function aucInterval(scores: Float64Array, outcomes: Uint8Array, level = 0.95): AucEstimate | null {
  const value = auc(scores, outcomes);
  if (value === null) return null;
  let p = 0;
  for (let i = 0; i < outcomes.length; i++) p += outcomes[i];
  const d = delong([scores], outcomes);
  if (d === null) return { auc: value, se: null, lower: null, upper: null, positives: p, negatives: outcomes.length - p };
  const se = Math.sqrt(Math.max(0, d.covariance[0]));
  const z = zForLevel(level);
  return { auc: value, se, lower: Math.max(0, value - z * se), upper: Math.min(1, value + z * se), positives: p, negatives: outcomes.length - p };
}

/**
 * The paired DeLong test of two scores on the same leads: difference A−B, its standard error,
 * z and the two-sided p. When the difference has no sampling variance (identical rankings, or
 * both perfect) z is 0 and p 1 if the AUCs agree, z null and p 0 if they differ.
 */
export interface PairedTest {
  readonly aucA: number;
  readonly aucB: number;
  readonly difference: number;
  readonly se: number;
  readonly z: number | null;
  readonly p: number;
}

/** DeLong's paired test of AUC(a) against AUC(b); null when the covariance cannot be estimated. */
export function compareAucs(a: Float64Array, b: Float64Array, outcomes: Uint8Array): PairedTest | null {
  const d = delong([a, b], outcomes);
  if (d === null) return null;
  const [aucA, aucB] = d.aucs;
  const difference = aucA - aucB;
  const se = Math.sqrt(Math.max(0, d.covariance[0] + d.covariance[3] - 2 * d.covariance[1]));
  if (se === 0) return { aucA, aucB, difference, se, z: difference === 0 ? 0 : null, p: difference === 0 ? 1 : 0 };
  const z = difference / se;
  return { aucA, aucB, difference, se, z, p: twoSidedP(z) };
}
