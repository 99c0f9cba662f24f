/**
 * Points of one group of rules (engagement or fit) for one row. Each fired rule adds its
 * contribution and one reason; the reasons list exactly the numbers that were summed.
 */
import type { CompiledRule, Evaluation, TypedRow } from './types.js';

export function scoreRules(rules: CompiledRule[], row: TypedRow, ev: Evaluation, reasons: string[]): number {
  let sum = 0;
  for (const rule of rules) {
    if (rule.when !== null && !rule.when(row, ev)) continue;
    let raw = rule.points;
    let count = 1;
    if (rule.per >= 0) {
      count = row.num[rule.per];
      if (!(count > 0)) continue; // empty, unparseable or zero: nothing happened
      raw = round2(count * rule.points);
    }
    const contribution = Math.abs(raw) > rule.max ? Math.sign(raw) * rule.max : raw;
    sum += contribution;
    reasons.push(reason(rule, count, raw, contribution));
  }
  return round2(sum);
}

function reason(rule: CompiledRule, count: number, raw: number, contribution: number): string {
  const base = rule.per >= 0 ? `${rule.name} ${formatNumber(count)}x${formatNumber(rule.points)}=${signed(raw)}` : `${rule.name} ${signed(raw)}`;
  return contribution === raw ? base : `${base} → ${signed(contribution)} (max ${formatNumber(rule.max)})`;
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
