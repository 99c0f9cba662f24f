/**
 * Evidence into integer points.
 *
 * New points (calibrate) use the scorecard convention "PDO points double the odds": points =
 * log-odds × PDO / ln 2, with PDO = 20 by default, so +20 points mean twice the odds of converting
 * and one point is about 3.5% more odds — fine enough that rounding to integers costs little
 * ranking, coarse enough that the numbers read like a hand-written ruleset. A binned column's
 * points are relative to its least promising bin, so they are ≥ 0 and rounding (monotone) keeps
 * "more visits never earn fewer points".
 *
 * The points the evidence implies for an existing rule are on the ruleset's own scale instead:
 * a logistic regression of the outcome on the total score gives b, the log-odds one point of this
 * ruleset is worth; a logistic regression on every rule's firing (jointly, so two rules that fire
 * together do not both take the credit) gives β, the log-odds the rule's firing is worth; the rule
 * "should" give β / b points. If the total score were a perfect logistic scorecard, β = b × points
 * and the implied points equal the given ones; where they differ, the evidence disagrees with the
 * rule's weight relative to the others. The joint fit is dense (leads × rules doubles): on a
 * million leads fit it on a seeded sample (split.ts `holdOut` with a fraction is a stratified one).
 */
import { fitLogistic } from './logistic.js';
import { oddsRatio, selection, table, type Ratio } from './proportions.js';

export const DEFAULT_PDO = 20;

/** Rounds half away from zero (2.5 → 3, −2.5 → −3), never −0: the same integers on every machine. */
export function roundPoints(x: number): number {
  const r = Math.sign(x) * Math.floor(Math.abs(x) + 0.5);
  return r === 0 ? 0 : r;
}

/** Points for a change in log-odds on the PDO scale, unrounded. */
export function pointsForLogOdds(logOdds: number, pdo = DEFAULT_PDO): number {
  return (logOdds * pdo) / Math.LN2;
}

/**
 * Integer points for the bins or groups of one column from their log-odds (or WoE, or a fitted
 * weight times WoE), relative to the lowest, so the least promising bin gets 0. A negative fitted
 * weight on a WoE column reverses its bins' order (more visits, fewer points): such a column's
 * evidence is already carried by others, so drop it and refit rather than pass it here.
 */
export function binPoints(effects: ArrayLike<number>, pdo = DEFAULT_PDO): Int32Array {
  let low = Infinity;
  for (let i = 0; i < effects.length; i++) low = Math.min(low, effects[i]);
  return Int32Array.from({ length: effects.length }, (_, i) => roundPoints(pointsForLogOdds(effects[i] - low, pdo)));
}

/** The ruleset's own scale: log-odds per point of its total score (slope) and at 0 points. */
export interface RulesetScale {
  readonly slope: number;
  readonly intercept: number;
}

/**
 * The slope of a logistic regression of the outcome on the total score (lightly penalised, λ = 1,
 * so a perfectly separating score still has a finite slope). Null when the score does not rank
 * converted leads higher (slope ≤ 0) or when only one outcome occurs: points then mean nothing.
 */
export function rulesetScale(total: Float64Array, outcomes: Uint8Array): RulesetScale | null {
  let p = 0;
  for (let i = 0; i < outcomes.length; i++) p += outcomes[i];
  if (p === 0 || p === outcomes.length) return null;
  const fit = fitLogistic(total, 1, outcomes, { lambda: 1 });
  const slope = fit.coefficients[0];
  return slope > 0 ? { slope, intercept: fit.intercept } : null;
}

/** How one rule did: leads it fired for, conversion fired and not, lift, odds ratio. */
export interface RuleEvidence {
  readonly fired: number;
  readonly firedConverted: number;
  readonly conversionFired: number | null;
  readonly conversionNotFired: number | null;
  /** conversion when fired over the overall rate */
  readonly lift: number | null;
  readonly oddsRatio: Ratio | null;
}

/** The marginal evidence of a rule from its firing (0/1 per lead). */
export function ruleEvidence(fired: Uint8Array, outcomes: Uint8Array): RuleEvidence {
  const t = table(fired, outcomes);
  const s = selection(t.a + t.b, t.a, outcomes.length, t.a + t.c);
  return {
    fired: t.a + t.b,
    firedConverted: t.a,
    conversionFired: s.precision,
    conversionNotFired: t.c + t.d === 0 ? null : t.c / (t.c + t.d),
    lift: s.lift,
    oddsRatio: oddsRatio(t),
  };
}

export interface ImpliedPoints {
  /** log-odds one unit of the rule is worth, all rules fitted together */
  readonly effect: number;
  /** effect / slope of the ruleset, rounded */
  readonly points: number;
}

/**
 * The points the evidence implies for each rule. `firing[r]` holds how much rule r fired for each
 * lead: 0/1, or the count for a rule that scores per occurrence (its points are then per
 * occurrence, as the rule's are). λ = 1 keeps a rule that fired for nobody, or only for converted
 * leads, finite.
 */
export function impliedPoints(firing: readonly Float64Array[], outcomes: Uint8Array, scale: RulesetScale, lambda = 1): ImpliedPoints[] {
  const rules = firing.length;
  const n = outcomes.length;
  for (const f of firing) if (f.length !== n) throw new RangeError(`a rule's firing has ${f.length} leads; expected ${n}`);
  const x = new Float64Array(n * rules);
  for (let r = 0; r < rules; r++) for (let i = 0; i < n; i++) x[i * rules + r] = firing[r][i];
  const fit = fitLogistic(x, rules, outcomes, { lambda });
  return Array.from(fit.coefficients, (effect) => ({ effect, points: roundPoints(effect / scale.slope) }));
}
