/**
 * The grammar of the `reasons` column: one entry per fired rule, the raw amount first and then
 * each step that changed it, so the listed numbers add up to the score.
 *
 *     whitepaper 3x10=+30 → +20 (max 20)
 *     meetings 5x20=+100 → +60 (at most 3 times) → +42.87 (decay 15d) → +25 (group touch max 25)
 *     engagement floor 0 +5
 *
 * The JS engine writes these (engine/score.ts), explain shows them, and the SQL back-end must
 * produce the same text.
 */
import { formatNumber, signed } from './cents.js';

/** Between the entries of one lead's reasons cell. */
export const REASON_SEPARATOR = '; ';

/** What one counted rule did, step by step (amounts in cents-rounded points). */
export interface ReasonSteps {
  label: string;
  /** the count of a `per` rule (NaN without per) and the points per occurrence */
  count: number;
  points: number;
  raw: number;
  afterRepeat: number;
  /** how the repeat limit reads: `once`, `at most 3 times` */
  repeatNote: string;
  afterDecay: number;
  /** whole days, for the decay step */
  age: number;
  amount: number;
  /** the rule's cap (Infinity: none) */
  max: number;
}

/** The entry of a counted rule: the raw amount, then each step that changed it. */
export function ruleReason(s: ReasonSteps): string {
  let text = s.count === s.count ? `${s.label} ${formatNumber(s.count)}x${formatNumber(s.points)}=${signed(s.raw)}` : `${s.label} ${signed(s.raw)}`;
  if (s.afterRepeat !== s.raw) text += ` → ${signed(s.afterRepeat)} (${s.repeatNote})`;
  if (s.afterDecay !== s.afterRepeat) text += ` → ${signed(s.afterDecay)} (decay ${s.age}d)`;
  if (s.amount !== s.afterDecay) text += ` → ${signed(s.amount)} (max ${formatNumber(s.max)})`;
  return text;
}

/** How a repeat limit reads in a reason. */
export function repeatNote(repeat: number): string {
  return repeat === 1 ? 'once' : `at most ${repeat} times`;
}

/** Appended to the entry of a rule whose points a group cap cut: ` (group NAME max 20)`. */
export function groupNote(group: string, max: number): string {
  return ` (group ${group} max ${formatNumber(max)})`;
}

/** The text a score's floor or ceiling entry starts with; the change follows (`engagement floor 0 +5`). */
export function boundReason(label: string, bound: 'floor' | 'ceiling', value: number): string {
  return `${label}${bound} ${formatNumber(value)}`;
}

/** How a score's rules are labelled: engagement and fit rules by their name, a named score's as `NAME: rule`. */
export function scoreLabelPrefix(score: string, named: boolean): string {
  return named ? `${score}: ` : '';
}
