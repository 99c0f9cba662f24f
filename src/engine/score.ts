/**
 * Points of one group of rules (engagement or fit) for one row. Each fired rule adds its
 * contribution and one reason; the reasons list exactly the numbers that were summed.
 */
import type { CompiledRule, Evaluation, TypedRow } from './types.js';

export function scoreRules(rules: CompiledRule[], row: TypedRow, ev: Evaluation, reasons: string[]): number {
  let sum = 0;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    if (rule.when !== null && !rule.when(row, ev)) continue;
    if (rule.per < 0) {
      sum += rule.fixed;
      reasons.push(rule.fixedReason);
      continue;
    }
    const count = row.num[rule.per];
    if (!(count > 0)) continue; // empty, unparseable or zero: nothing happened
    const raw = round2(count * rule.points);
    const contribution = Math.abs(raw) > rule.max ? Math.sign(raw) * rule.max : raw;
    sum += contribution;
    reasons.push(perReason(rule, count, raw, contribution));
  }
  return round2(sum);
}

/** Reasons of `per` rules repeat with the same counts: small whole counts are built once. */
function perReason(rule: CompiledRule, count: number, raw: number, contribution: number): string {
  if (Number.isInteger(count) && count < 256) {
    return (rule.reasonCache[count] ??= describe(rule, count, raw, contribution));
  }
  return describe(rule, count, raw, contribution);
}

function describe(rule: CompiledRule, count: number, raw: number, contribution: number): string {
  const base = `${rule.name} ${formatNumber(count)}x${formatNumber(rule.points)}=${signed(raw)}`;
  return contribution === raw ? base : `${base} → ${signed(contribution)} (max ${formatNumber(rule.max)})`;
}

/** The contribution and reason of a rule without `per`, fixed at compile time. */
export function fixedPoints(name: string, points: number, max: number): { fixed: number; fixedReason: string } {
  const raw = round2(points);
  const contribution = Math.abs(raw) > max ? Math.sign(raw) * max : raw;
  const reason = contribution === raw ? `${name} ${signed(raw)}` : `${name} ${signed(raw)} → ${signed(contribution)} (max ${formatNumber(max)})`;
  return { fixed: contribution, fixedReason: reason };
}

/** Points are kept to two decimals so that the listed reasons add up exactly to the score. */
export function round2(x: number): number {
  const r = Math.round(x * 100) / 100;
  return r === 0 ? 0 : r;
}

export function formatNumber(x: number): string {
  return String(round2(x));
}

function signed(x: number): string {
  return x < 0 ? formatNumber(x) : `+${formatNumber(x)}`;
}
