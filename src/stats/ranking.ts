/**
 * The one sort every ranking statistic starts from. Scores of converted and unconverted leads are
 * copied into two typed arrays and sorted natively (no comparator, no row objects: 16 bytes a lead
 * at most, so a million leads stay in flat memory), then merged into the distinct score values in
 * ascending order with how many converted and unconverted leads share each one. Ties are therefore
 * units by construction: AUC gives each tie its midrank, bands and thresholds never split a tie.
 */

/** Distinct scores in ascending order, and per score the converted (`positives`) and unconverted leads at it. */
export interface ScoreGroups {
  readonly values: Float64Array;
  readonly positives: Uint32Array;
  readonly negatives: Uint32Array;
  readonly totalPositives: number;
  readonly totalNegatives: number;
}

/**
 * Throws a RangeError on inputs no statistic can read: arrays of different lengths, a NaN score,
 * an outcome other than 0 or 1. These are the caller's bugs (the reading code decides what an
 * empty or unparseable cell becomes), so they are not user-facing errors with codes.
 */
export function checkInputs(scores: Float64Array, outcomes: Uint8Array): void {
  if (scores.length !== outcomes.length) throw new RangeError(`scores and outcomes differ in length: ${scores.length} and ${outcomes.length}`);
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i])) throw new RangeError(`score of lead ${i} is NaN`);
    if (outcomes[i] > 1) throw new RangeError(`outcome of lead ${i} is ${outcomes[i]}; expected 0 or 1`);
  }
}

/** The number of converted leads. */
export function countPositives(outcomes: Uint8Array): number {
  let p = 0;
  for (let i = 0; i < outcomes.length; i++) p += outcomes[i];
  return p;
}

/** Scores split by outcome, each sorted ascending (−0 and 0 are the same score). */
export function sortedByClass(scores: Float64Array, outcomes: Uint8Array): { pos: Float64Array; neg: Float64Array } {
  checkInputs(scores, outcomes);
  const p = countPositives(outcomes);
  const pos = new Float64Array(p);
  const neg = new Float64Array(scores.length - p);
  for (let i = 0, a = 0, b = 0; i < scores.length; i++) {
    if (outcomes[i] === 1) pos[a++] = scores[i];
    else neg[b++] = scores[i];
  }
  return { pos: pos.sort(), neg: neg.sort() };
}

/** The distinct scores with their converted and unconverted counts, ascending. */
export function scoreGroups(scores: Float64Array, outcomes: Uint8Array): ScoreGroups {
  const { pos, neg } = sortedByClass(scores, outcomes);
  const cap = pos.length + neg.length;
  const values = new Float64Array(cap);
  const positives = new Uint32Array(cap);
  const negatives = new Uint32Array(cap);
  let i = 0;
  let j = 0;
  let g = 0;
  while (i < pos.length || j < neg.length) {
    const v = j >= neg.length || (i < pos.length && pos[i] < neg[j]) ? pos[i] : neg[j];
    let a = 0;
    let b = 0;
    while (i < pos.length && pos[i] === v) { i++; a++; }
    while (j < neg.length && neg[j] === v) { j++; b++; }
    values[g] = v === 0 ? 0 : v;
    positives[g] = a;
    negatives[g] = b;
    g++;
  }
  return {
    values: values.slice(0, g),
    positives: positives.slice(0, g),
    negatives: negatives.slice(0, g),
    totalPositives: pos.length,
    totalNegatives: neg.length,
  };
}

/** Index of `v` in ascending distinct `values` (v must be one of them). */
export function groupIndex(values: Float64Array, v: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The band (0 … count−1) of a tie group that starts at `position` (from the top or bottom) with
 * `size` leads out of `n`: the band its middle falls in, so a tie is never split (bands.ts, binning.ts).
 */
export function bandOfTie(position: number, size: number, n: number, count: number): number {
  return Math.min(count - 1, Math.floor(((position + size / 2) * count) / n));
}
