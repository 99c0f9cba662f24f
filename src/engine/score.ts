/**
 * Points of one score (engagement, fit or a named score) for one row. Each fired rule adds its
 * contribution and one reason; the reasons list exactly the numbers that were summed, so a cap
 * that cuts points says so in the reason of the rule it cut, and a floor or ceiling that moves
 * the score adds an entry of its own.
 *
 * A rule's amount goes through these steps, each rounded to cents, each shown in its reason only
 * when it changed the amount: count × points (per) → repeat limit → decay → the rule's max →
 * the group's max → (for the whole score) floor and ceiling. Plain rules, which use none of
 * them but `max`, take a fast path whose reasons are fixed or cached at compile time.
 */
import type { TypedRow } from '../input/rows/types.js';
import { round2, signed } from '../model/cents.js';
import { ruleReason } from '../model/reasons.js';
import { ageInDays } from '../model/recency.js';
import type { CompiledGroup, CompiledRule, CompiledScore, Evaluation, RuleTally } from './types.js';

/** The steps of one rule for one row; filled by `measureRule` (explain reads them too). */
export interface RuleSteps {
  /** why the rule did not count although its condition held: '' when it counted */
  skipped: '' | 'no count' | 'no date' | 'outside window';
  /** the count in the `per` column (NaN without per), and how many occurrences counted */
  count: number;
  counted: number;
  /** whole days between the date and the as-of date (0 for a date after it); NaN without a date */
  age: number;
  raw: number;
  afterRepeat: number;
  afterDecay: number;
  /** after the rule's max: the rule's points before any group cap */
  amount: number;
}

export function newSteps(): RuleSteps {
  return { skipped: '', count: NaN, counted: NaN, age: NaN, raw: 0, afterRepeat: 0, afterDecay: 0, amount: 0 };
}

const scratch = newSteps();

export function scoreRules(sc: CompiledScore, row: TypedRow, ev: Evaluation, reasons: string[], tally: RuleTally | null): number {
  const rules = sc.rules;
  let sum = 0;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    let amount = NaN;
    if (rule.when === null || rule.when(row, ev)) {
      amount = rule.plain ? plainRule(rule, row, reasons) : fullRule(rule, row, reasons, ev.asOfDay);
    }
    if (rule.group !== null) {
      sc.slots[r] = amount;
      sc.reasonAt[r] = reasons.length - 1;
    }
    if (amount === amount) {
      sum += amount;
      if (tally !== null) { tally.fired[rule.stat]++; tally.cents[rule.stat] += Math.round(amount * 100); }
    }
    if (rule.closes !== null) sum += capGroup(sc, rule.closes, reasons, tally);
  }
  sum = round2(sum);
  if (sum > sc.ceiling) return bound(sc, sum, sc.ceiling, sc.ceilingReason, reasons, tally);
  if (sum < sc.floor) return bound(sc, sum, sc.floor, sc.floorReason, reasons, tally);
  return sum;
}

/** A rule with at most `max`: the contribution, or NaN when a `per` rule saw no occurrence. */
function plainRule(rule: CompiledRule, row: TypedRow, reasons: string[]): number {
  if (rule.per < 0) {
    reasons.push(rule.fixedReason);
    return rule.fixed;
  }
  const count = row.num[rule.per];
  if (!(count > 0)) return NaN; // empty, unparseable or zero: nothing happened
  const raw = round2(count * rule.points);
  const contribution = Math.abs(raw) > rule.max ? Math.sign(raw) * rule.max : raw;
  reasons.push(perReason(rule, count, raw, contribution));
  return contribution;
}

function fullRule(rule: CompiledRule, row: TypedRow, reasons: string[], asOfDay: number): number {
  const s = scratch;
  if (!measureRule(rule, row, asOfDay, s)) return NaN;
  reasons.push(describeSteps(rule, s));
  return s.amount;
}

/**
 * Fills `s` with the rule's steps for this row, its condition having held. False when the rule
 * does not count: no occurrence in its `per` column, no date (an activity that cannot be placed in
 * time neither counts nor decays), or a date outside its window.
 */
export function measureRule(rule: CompiledRule, row: TypedRow, asOfDay: number, s: RuleSteps): boolean {
  s.skipped = '';
  s.age = NaN;
  s.count = NaN;
  s.counted = NaN;
  if (rule.date >= 0) {
    const day = row.day[rule.date];
    if (day !== day) { s.skipped = 'no date'; return false; }
    s.age = ageInDays(asOfDay, day);
    if (s.age > rule.window) { s.skipped = 'outside window'; return false; }
  }
  if (rule.per >= 0) {
    const count = row.num[rule.per];
    s.count = count;
    if (!(count > 0)) { s.skipped = 'no count'; return false; }
    s.counted = count > rule.repeat ? rule.repeat : count;
    s.raw = round2(count * rule.points);
    s.afterRepeat = s.counted === count ? s.raw : round2(s.counted * rule.points);
  } else {
    s.raw = s.afterRepeat = round2(rule.points);
  }
  s.afterDecay = rule.decay === null ? s.afterRepeat : round2(s.afterRepeat * rule.decay(s.age));
  s.amount = Math.abs(s.afterDecay) > rule.max ? Math.sign(s.afterDecay) * rule.max : s.afterDecay;
  return true;
}

/** The reason of a counted rule: the raw amount, then each step that changed it (model/reasons.ts). */
export function describeSteps(rule: CompiledRule, s: RuleSteps): string {
  return ruleReason({
    label: rule.label, count: rule.per >= 0 ? s.count : NaN, points: rule.points, raw: s.raw, afterRepeat: s.afterRepeat,
    repeatNote: rule.repeatNote, afterDecay: s.afterDecay, age: s.age, amount: s.amount, max: rule.max,
  });
}

/**
 * After the last rule of a capped group: when the group's points together exceed its max in size,
 * the excess is taken back from the group's last rules first (those of the excess's sign), so the
 * earliest rules keep their points and every reason still shows what was added. Returns the
 * change to the sum.
 */
function capGroup(sc: CompiledScore, g: CompiledGroup, reasons: string[], tally: RuleTally | null): number {
  let total = 0;
  for (let j = g.start; j < g.end; j++) if (sc.slots[j] === sc.slots[j]) total += sc.slots[j];
  total = round2(total);
  if (Math.abs(total) <= g.max) return 0;
  let excess = round2(total - Math.sign(total) * g.max);
  const taken = excess;
  for (let j = g.end - 1; j >= g.start && excess !== 0; j--) {
    const points = sc.slots[j];
    if (!(points === points) || points === 0 || Math.sign(points) !== Math.sign(excess)) continue;
    const cut = Math.abs(points) >= Math.abs(excess) ? excess : points;
    const left = round2(points - cut);
    excess = round2(excess - cut);
    sc.slots[j] = left;
    reasons[sc.reasonAt[j]] += ` → ${signed(left)}${g.note}`;
    if (tally !== null) tally.cents[sc.rules[j].stat] -= Math.round(cut * 100);
  }
  return -taken;
}

/** A floor or ceiling moved the score: one entry with the amount, so the reasons still add up. */
function bound(sc: CompiledScore, sum: number, to: number, reason: string, reasons: string[], tally: RuleTally | null): number {
  const change = round2(to - sum);
  reasons.push(`${reason} ${signed(change)}`);
  if (tally !== null) { tally.fired[sc.boundStat]++; tally.cents[sc.boundStat] += Math.round(change * 100); }
  return to;
}

/** Reasons of `per` rules repeat with the same counts: small whole counts are built once. */
function perReason(rule: CompiledRule, count: number, raw: number, contribution: number): string {
  if (Number.isInteger(count) && count < 256) {
    return (rule.reasonCache[count] ??= describePer(rule, count, raw, contribution));
  }
  return describePer(rule, count, raw, contribution);
}

function describePer(rule: CompiledRule, count: number, raw: number, contribution: number): string {
  return ruleReason({
    label: rule.label, count, points: rule.points, raw, afterRepeat: raw, repeatNote: rule.repeatNote, afterDecay: raw, age: NaN, amount: contribution, max: rule.max,
  });
}

/** The contribution and reason of a rule without `per`, fixed at compile time. */
export function fixedPoints(label: string, points: number, max: number): { fixed: number; fixedReason: string } {
  const raw = round2(points);
  const contribution = Math.abs(raw) > max ? Math.sign(raw) * max : raw;
  const reason = ruleReason({ label, count: NaN, points, raw, afterRepeat: raw, repeatNote: '', afterDecay: raw, age: NaN, amount: contribution, max });
  return { fixed: contribution, fixedReason: reason };
}
