/** The appended output cells for one lead, in the order of RESULT_COLUMNS. */
import { formatNumber } from '../engine/score.js';
import type { CompiledRuleset, LeadResult } from '../engine/types.js';
import { BANT_LETTERS, DISQUALIFIED } from '../ruleset/types.js';

export function resultCells(result: LeadResult, rs: CompiledRuleset): string[] {
  let bant = '';
  for (let i = 0; i < rs.bantKeys.length; i++) {
    if (result.bantMask & (1 << i)) bant += (bant ? ',' : '') + BANT_LETTERS[rs.bantKeys[i]];
  }
  return [
    formatNumber(result.engagement),
    formatNumber(result.fit),
    formatNumber(result.total),
    bant,
    result.stage < 0 ? DISQUALIFIED : rs.stages[result.stage].name,
    result.priority,
    result.reasons.join('; '),
    result.disqualifiedReason,
  ];
}
