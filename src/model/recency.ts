/**
 * Recency in whole days: how old an activity is on the as-of date, whether it falls in a rule's
 * window, and what decay leaves of its points. The as-of date is an argument, never a constant,
 * so the same ruleset scores "as of" any day (a backtest replays history this way).
 */

/** How points shrink with the age of an activity, in whole days. */
export type Decay =
  | { kind: 'half_life'; days: number }
  | { kind: 'step'; days: number; factor: number };

/** Whole days between a date and the as-of date; a date after the as-of date is 0 days old. */
export function ageInDays(asOfDay: number, day: number): number {
  const age = asOfDay - day;
  return age > 0 ? age : 0;
}

/** What is left of the points at an age in whole days: halving every `days`, or `factor` per full step. */
export function decayFunction(decay: Decay): (age: number) => number {
  if (decay.kind === 'half_life') {
    const h = decay.days;
    return (age) => Math.pow(0.5, age / h);
  }
  const { days, factor } = decay;
  return (age) => Math.pow(factor, Math.floor(age / days));
}
