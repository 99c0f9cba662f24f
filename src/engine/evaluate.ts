/**
 * One lead, start to finish: scores, BANT, disqualifiers, stage, priority. Pure and synchronous:
 * the same row and compiled ruleset always give the same result.
 */
import { round2, scoreRules } from './score.js';
import type { CompiledRuleset, Evaluation, LeadResult, TypedRow } from './types.js';

export function evaluateLead(row: TypedRow, rs: CompiledRuleset): LeadResult {
  const ev: Evaluation = { engagement: 0, fit: 0, total: 0, bantCount: 0, bantMask: 0 };
  const reasons: string[] = [];
  ev.engagement = scoreRules(rs.engagement, row, ev, reasons);
  ev.fit = scoreRules(rs.fit, row, ev, reasons);
  ev.total = round2(ev.engagement + ev.fit);
  for (let i = 0; i < rs.bant.length; i++) {
    const test = rs.bant[i];
    if (test !== null && test(row, ev)) { ev.bantMask |= 1 << i; ev.bantCount++; }
  }
  let disqualifiedReason = '';
  for (const d of rs.disqualifiers) {
    if (d.when(row, ev)) { disqualifiedReason = d.reason; break; }
  }
  const stage = disqualifiedReason ? -1 : highestStage(rs, row, ev);
  return {
    engagement: ev.engagement,
    fit: ev.fit,
    total: ev.total,
    bantMask: ev.bantMask,
    stage,
    disqualifiedReason,
    priority: stage < 0 ? '' : priority(rs, ev),
    reasons,
  };
}

/** The highest stage whose condition holds; the lowest stage is the default. */
function highestStage(rs: CompiledRuleset, row: TypedRow, ev: Evaluation): number {
  for (let i = rs.stages.length - 1; i > 0; i--) {
    if (rs.stages[i].when!(row, ev)) return i;
  }
  return 0;
}

function priority(rs: CompiledRuleset, ev: Evaluation): string {
  const score = ev[rs.priority.score];
  for (const band of rs.priority.bands) if (score >= band.min) return band.name;
  return '';
}
