/**
 * Proportions in closed form: the Wilson score interval of a conversion rate, what a selection of
 * leads ("at or above a stage or threshold") achieves — precision, recall, lift — and the 2×2
 * table of a rule fired or not against converted or not (odds ratio with Woolf's interval,
 * relative risk with Katz's). A measure with an empty denominator is null, never NaN or Infinity.
 */
import { checkInputs } from './ranking.js';
import { zForLevel } from './normal.js';

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/**
 * Wilson's score interval for `successes` of `trials` (null for no trials). Unlike the Wald
 * interval it stays inside [0, 1] and keeps its coverage near 0 and 1; at 0 successes the lower
 * end is exactly 0, at all successes the upper end exactly 1.
 */
export function wilson(successes: number, trials: number, level = 0.95): Interval | null {
  if (trials === 0) return null;
  const z = zForLevel(level);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials));
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === trials ? 1 : Math.min(1, centre + half),
  };
}

/** What a selection of leads achieves against all leads. */
export interface Selection {
  readonly leads: number;
  readonly converted: number;
  /** conversion of the selected leads */
  readonly precision: number | null;
  /** Wilson interval of the precision */
  readonly interval: Interval | null;
  /** share of all converted leads that are in the selection */
  readonly recall: number | null;
  /** precision over the overall conversion rate (2 = twice as likely) */
  readonly lift: number | null;
}

/** Precision, recall and lift of a selection from its counts and the totals. */
export function selection(leads: number, converted: number, totalLeads: number, totalConverted: number, level = 0.95): Selection {
  const precision = leads === 0 ? null : converted / leads;
  const base = totalLeads === 0 ? 0 : totalConverted / totalLeads;
  return {
    leads,
    converted,
    precision,
    interval: wilson(converted, leads, level),
    recall: totalConverted === 0 ? null : converted / totalConverted,
    lift: precision === null || base === 0 ? null : precision / base,
  };
}

/**
 * The selection "score at or above `threshold`". A stage is a threshold too: pass each lead's
 * stage rank as its score and the stage's rank as the threshold.
 */
export function atOrAbove(scores: Float64Array, outcomes: Uint8Array, threshold: number, level = 0.95): Selection {
  checkInputs(scores, outcomes);
  let leads = 0;
  let converted = 0;
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    total += outcomes[i];
    if (scores[i] >= threshold) {
      leads++;
      converted += outcomes[i];
    }
  }
  return selection(leads, converted, scores.length, total, level);
}

/**
 * A 2×2 table: `a` exposed and converted, `b` exposed and not, `c` unexposed and converted,
 * `d` unexposed and not ("exposed" = a rule fired, a value present).
 */
export interface TwoByTwo {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
}

/** A ratio with its interval; `corrected` when ½ was added to every cell because one was empty. */
export interface Ratio extends Interval {
  readonly estimate: number;
  readonly corrected: boolean;
}

/** The table with ½ added to every cell if any cell is 0 (Haldane–Anscombe), so logs stay finite. */
function corrected(t: TwoByTwo): { a: number; b: number; c: number; d: number; corrected: boolean } {
  const zero = t.a === 0 || t.b === 0 || t.c === 0 || t.d === 0;
  const h = zero ? 0.5 : 0;
  return { a: t.a + h, b: t.b + h, c: t.c + h, d: t.d + h, corrected: zero };
}

/** Either row or either column empty: no comparison to make. */
const degenerate = (t: TwoByTwo) => t.a + t.b === 0 || t.c + t.d === 0 || t.a + t.c === 0 || t.b + t.d === 0;

/** Odds ratio ad/bc with Woolf's log interval exp(ln OR ± z √(1/a + 1/b + 1/c + 1/d)). */
export function oddsRatio(t: TwoByTwo, level = 0.95): Ratio | null {
  if (degenerate(t)) return null;
  const { a, b, c, d, corrected: fixed } = corrected(t);
  const log = Math.log((a * d) / (b * c));
  const se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
  const z = zForLevel(level);
  return { estimate: Math.exp(log), lower: Math.exp(log - z * se), upper: Math.exp(log + z * se), corrected: fixed };
}

/** Relative risk (a/(a+b)) / (c/(c+d)) with Katz's log interval, se = √(1/a − 1/(a+b) + 1/c − 1/(c+d)). */
export function relativeRisk(t: TwoByTwo, level = 0.95): Ratio | null {
  if (degenerate(t)) return null;
  const { a, b, c, d, corrected: fixed } = corrected(t);
  const log = Math.log((a / (a + b)) / (c / (c + d)));
  const se = Math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d));
  const z = zForLevel(level);
  return { estimate: Math.exp(log), lower: Math.exp(log - z * se), upper: Math.exp(log + z * se), corrected: fixed };
}

/** The 2×2 table of a 0/1 indicator (a rule fired) against the outcome. */
export function table(exposed: Uint8Array, outcomes: Uint8Array): TwoByTwo {
  if (exposed.length !== outcomes.length) throw new RangeError(`indicator and outcomes differ in length: ${exposed.length} and ${outcomes.length}`);
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  for (let i = 0; i < exposed.length; i++) {
    if (exposed[i]) { if (outcomes[i]) a++; else b++; }
    else if (outcomes[i]) c++;
    else d++;
  }
  return { a, b, c, d };
}
