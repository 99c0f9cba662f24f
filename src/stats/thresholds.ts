/**
 * Suggesting a stage threshold from scores and outcomes: for a target volume (sales can call the
 * top N leads, or the top p%) or a target precision (leads at the stage should convert at least
 * this often). Thresholds are "score at or above t" and never split a tie, so the volume is met as
 * nearly as the ties allow, and each suggestion reports what it achieves (selection measures with
 * a Wilson interval) rather than only the number.
 */
import { selection, type Selection } from './proportions.js';
import { scoreGroups, type ScoreGroups } from './ranking.js';

export interface ThresholdChoice extends Selection {
  /** leads scoring at or above this are selected */
  readonly threshold: number;
}

function choice(g: ScoreGroups, j: number, leads: number, converted: number, level: number): ThresholdChoice {
  const n = g.totalPositives + g.totalNegatives;
  return { threshold: g.values[j], ...selection(leads, converted, n, g.totalPositives, level) };
}

/**
 * The lowest threshold selecting at most `volume` leads. When even the top score is shared by
 * more leads than that, the top score (its volume above the target: compare `leads`). Null
 * without leads.
 */
export function thresholdForVolume(scores: Float64Array, outcomes: Uint8Array, volume: number, level = 0.95): ThresholdChoice | null {
  const g = scoreGroups(scores, outcomes);
  let leads = 0;
  let converted = 0;
  let best: ThresholdChoice | null = null;
  for (let j = g.values.length - 1; j >= 0; j--) {
    leads += g.positives[j] + g.negatives[j];
    converted += g.positives[j];
    if (leads > volume && best !== null) break;
    best = choice(g, j, leads, converted, level);
    if (leads > volume) break;
  }
  return best;
}

/** The lowest threshold selecting at most `share` (0 … 1) of the leads: the top p%. */
export function thresholdForShare(scores: Float64Array, outcomes: Uint8Array, share: number, level = 0.95): ThresholdChoice | null {
  if (!(share >= 0 && share <= 1)) throw new RangeError(`share must be between 0 and 1, got ${share}`);
  return thresholdForVolume(scores, outcomes, Math.floor(share * scores.length + 1e-9), level);
}

/**
 * The lowest threshold (the most leads) at which the selected leads convert at least `precision`,
 * over at least `minLeads` selected leads (default 1; raise it so a handful of lucky top leads do
 * not decide). Null when no threshold reaches it.
 */
export function thresholdForPrecision(scores: Float64Array, outcomes: Uint8Array, precision: number, options: { minLeads?: number; level?: number } = {}): ThresholdChoice | null {
  const { minLeads = 1, level = 0.95 } = options;
  const g = scoreGroups(scores, outcomes);
  let leads = 0;
  let converted = 0;
  let best: ThresholdChoice | null = null;
  for (let j = g.values.length - 1; j >= 0; j--) {
    leads += g.positives[j] + g.negatives[j];
    converted += g.positives[j];
    if (leads >= minLeads && converted >= precision * leads) best = choice(g, j, leads, converted, level);
  }
  return best;
}
