/**
 * Honest evaluation needs leads the rules were not tuned on. Seeded, deterministic splits:
 * stratified k-fold and a stratified random hold-out (each class shuffled on its own with
 * splitmix32, so every fold or side keeps the overall conversion rate), and a time split by day
 * number. Splits are arrays of small codes per lead (Uint8Array), not row objects.
 */
import { shuffle, splitmix32 } from './random.js';

/** Indices of the leads with outcome 1 and with outcome 0, each shuffled by the same stream. */
function shuffledClasses(outcomes: Uint8Array, seed: number): [Uint32Array, Uint32Array] {
  let p = 0;
  for (let i = 0; i < outcomes.length; i++) p += outcomes[i];
  const pos = new Uint32Array(p);
  const neg = new Uint32Array(outcomes.length - p);
  for (let i = 0, a = 0, b = 0; i < outcomes.length; i++) {
    if (outcomes[i] === 1) pos[a++] = i;
    else neg[b++] = i;
  }
  const rand = splitmix32(seed);
  return [shuffle(pos, rand), shuffle(neg, rand)];
}

/**
 * The fold (0 … k−1) of each lead. Converted leads are dealt round the folds in shuffled order,
 * then unconverted leads carry on from the next fold: each fold's count of either class, and its
 * total, is within 1 of every other fold's.
 */
export function stratifiedFolds(outcomes: Uint8Array, k: number, seed: number): Uint8Array {
  if (!Number.isInteger(k) || k < 2 || k > 255) throw new RangeError(`folds must be an integer from 2 to 255, got ${k}`);
  const [pos, neg] = shuffledClasses(outcomes, seed);
  const fold = new Uint8Array(outcomes.length);
  for (let r = 0; r < pos.length; r++) fold[pos[r]] = r % k;
  for (let r = 0; r < neg.length; r++) fold[neg[r]] = (pos.length + r) % k;
  return fold;
}

/**
 * A stratified random hold-out: 1 for the round(fraction × count) leads of each class set aside,
 * 0 for the rest (training).
 */
export function holdOut(outcomes: Uint8Array, fraction: number, seed: number): Uint8Array {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`hold-out fraction must be between 0 and 1, got ${fraction}`);
  const side = new Uint8Array(outcomes.length);
  for (const cls of shuffledClasses(outcomes, seed)) {
    const take = Math.round(fraction * cls.length);
    for (let r = 0; r < take; r++) side[cls[r]] = 1;
  }
  return side;
}

/** Time split codes: trained on, tested on, or without a date (left out of both). */
export const TRAIN = 0;
export const TEST = 1;
export const UNDATED = 2;

/** By day number: before `cut` trains, on or after it tests, NaN (no date) is UNDATED. */
export function timeSplit(days: Float64Array, cut: number): Uint8Array {
  return Uint8Array.from(days, (d) => (Number.isNaN(d) ? UNDATED : d >= cut ? TEST : TRAIN));
}

/**
 * The day from which about `fraction` of the dated leads are the latest. A day is never split, so
 * of the possible cuts (each distinct day) this is the one whose test share is nearest to
 * `fraction`, the later day on a tie. Null when no lead has a date.
 */
export function cutForFraction(days: Float64Array, fraction: number): number | null {
  const dated = days.filter((d) => !Number.isNaN(d)).sort();
  const m = dated.length;
  if (m === 0) return null;
  let best = dated[0];
  let bestGap = Infinity;
  for (let f = 0; f < m; f++) {
    if (f > 0 && dated[f] === dated[f - 1]) continue;
    const gap = Math.abs((m - f) / m - fraction);
    if (gap <= bestGap) { best = dated[f]; bestGap = gap; }
  }
  return best;
}

/** The indices of the leads whose code is `value` (e.g. a fold, or the hold-out side). */
export function indicesWhere(codes: Uint8Array, value: number, not = false): Uint32Array {
  let n = 0;
  for (let i = 0; i < codes.length; i++) if ((codes[i] === value) !== not) n++;
  const out = new Uint32Array(n);
  for (let i = 0, r = 0; i < codes.length; i++) if ((codes[i] === value) !== not) out[r++] = i;
  return out;
}

/** The rows `rows` of a row-major matrix with `cols` columns (cols 1 for a plain array). */
export function gatherRows<T extends Float64Array | Uint8Array | Uint32Array>(source: T, cols: number, rows: Uint32Array): T {
  const out = new (source.constructor as new (n: number) => T)(rows.length * cols);
  for (let r = 0; r < rows.length; r++) {
    const from = rows[r] * cols;
    for (let j = 0; j < cols; j++) out[r * cols + j] = source[from + j];
  }
  return out;
}
