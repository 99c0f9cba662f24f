/**
 * One lead, start to finish: scores, grade, BANT, disqualifiers, stage, priority. Pure and
 * synchronous: the same row, compiled ruleset and as-of day always give the same result.
 */
import type { TypedRow } from '../input/rows/types.js';
import { round2 } from '../model/cents.js';
import { scoreRules } from './score.js';
import type { CompiledRuleset, Evaluation, LeadResult, RuleTally } from './types.js';

const NO_NAMED: number[] = [];

/**
 * `asOfDay`: "today" as a day number (model/days.ts), for the date operators, windows and decay.
 * `tally`: when given, each fired rule's lead count and points are added to it (the summary's rule table).
 */
export function evaluateLead(row: TypedRow, rs: CompiledRuleset, asOfDay: number, tally: RuleTally | null = null): LeadResult {
  const reasons: string[] = [];
  const ev = evaluateScores(row, rs, asOfDay, reasons, tally);
  let disqualifiedReason = '';
  for (const d of rs.disqualifiers) {
    if (d.when(row, ev)) { disqualifiedReason = d.reason; break; }
  }
  const stage = disqualifiedReason ? -1 : highestStage(rs, row, ev);
  const result: LeadResult = {
    engagement: ev.engagement,
    fit: ev.fit,
    total: ev.total,
    bantMask: ev.bantMask,
    stage,
    named: ev.named,
    grade: ev.grade,
    disqualifiedReason,
    priority: stage < 0 ? '' : priority(rs, row, ev),
    reasons,
  };
  // with accounts: the lead's account, its score and stage (filled into the row before scoring)
  if (rs.accounts) rs.fill!.describe(result, row);
  const completeness = rs.resolved.completeness;
  if (completeness) result.completeness = row.num[completeness.index];
  return result;
}

/**
 * The part of a lead's evaluation that comes before accounts: its scores, grade and BANT criteria
 * (the accounts pass needs no more; disqualifiers, stages and priority may read account values).
 */
export function evaluateScores(row: TypedRow, rs: CompiledRuleset, asOfDay: number, reasons: string[], tally: RuleTally | null = null): Evaluation {
  const scores = rs.scores;
  const ev: Evaluation = {
    engagement: 0, fit: 0, total: 0, bantCount: 0, bantMask: 0,
    named: scores.length > 2 ? new Array<number>(scores.length - 2) : NO_NAMED, grade: -1, asOfDay,
  };
  ev.engagement = scoreRules(scores[0], row, ev, reasons, tally);
  ev.fit = scoreRules(scores[1], row, ev, reasons, tally);
  ev.total = round2(ev.engagement + ev.fit);
  for (let i = 2; i < scores.length; i++) ev.named[i - 2] = scoreRules(scores[i], row, ev, reasons, tally);
  if (rs.grades !== null) ev.grade = gradeOf(rs.grades.fit, ev.fit) * 4 + gradeOf(rs.grades.engagement, ev.engagement);
  for (let i = 0; i < rs.bant.length; i++) {
    const test = rs.bant[i];
    if (test !== null && test(row, ev)) { ev.bantMask |= 1 << i; ev.bantCount++; }
  }
  return ev;
}

/**
 * The scores a lead's result was evaluated from (`evaluateScores` made them), into `ev`: for
 * tests run on a lead after it was evaluated (an account's `engaged` and roles, in the lead pass
 * that scores before the accounts are known).
 */
export function scoresOf(result: LeadResult, asOfDay: number, ev: Evaluation): Evaluation {
  ev.engagement = result.engagement;
  ev.fit = result.fit;
  ev.total = result.total;
  ev.bantMask = result.bantMask;
  let count = 0;
  for (let bits = result.bantMask; bits !== 0; bits &= bits - 1) count++;
  ev.bantCount = count;
  ev.named = result.named;
  ev.grade = result.grade;
  ev.asOfDay = asOfDay;
  return ev;
}

/** The first band whose lowest score the score reaches: 0 = A or 1; below every band, the last (D or 4). */
export function gradeOf(mins: number[], score: number): number {
  let i = 0;
  while (i < mins.length && score < mins[i]) i++;
  return i;
}


/** The highest stage whose condition holds; the lowest stage is the default. */
function highestStage(rs: CompiledRuleset, row: TypedRow, ev: Evaluation): number {
  for (let i = rs.stages.length - 1; i > 0; i--) {
    if (rs.stages[i].when!(row, ev)) return i;
  }
  return 0;
}

function priority(rs: CompiledRuleset, row: TypedRow, ev: Evaluation): string {
  const score = rs.priority.read(ev);
  for (const band of rs.priority.bands) {
    if (score >= band.min && (band.when === null || band.when(row, ev))) return band.name;
  }
  return '';
}
