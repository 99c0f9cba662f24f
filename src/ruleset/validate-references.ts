/**
 * Checks that span the whole ruleset: named conditions exist and do not refer to themselves,
 * stages refer only to lower stages, and score thresholds rise up the ladder.
 */
import { didYouMean } from '../model/suggest.js';
import type { Reader } from './reader.js';
import type { Condition, Ruleset, Stage } from './types.js';

export function forEachCondition(c: Condition, visit: (c: Condition) => void): void {
  visit(c);
  if (c.kind === 'all' || c.kind === 'any') c.items.forEach((item) => forEachCondition(item, visit));
  else if (c.kind === 'not') forEachCondition(c.item, visit);
}

/** Every condition the ruleset holds, wherever it stands. */
function allConditions(ruleset: Ruleset): Condition[] {
  const out: Condition[] = [...ruleset.conditions.values(), ...ruleset.bant.values()];
  for (const rule of [...ruleset.engagement, ...ruleset.fit, ...ruleset.scores.flatMap((s) => s.rules)]) if (rule.when) out.push(rule.when);
  for (const d of ruleset.disqualifiers) out.push(d.when);
  for (const s of ruleset.stages) if (s.when) out.push(s.when);
  for (const b of ruleset.priority.bands) if (b.when) out.push(b.when);
  // accounts: engaged and the roles are lead conditions (account rules and stages cannot name one)
  if (ruleset.accounts?.engaged) out.push(ruleset.accounts.engaged);
  for (const role of ruleset.accounts?.roles ?? []) out.push(role.when);
  return out;
}

export function checkReferences(r: Reader, ruleset: Ruleset, definedConditions: Set<string>): void {
  const used = new Set<string>();
  for (const root of allConditions(ruleset)) {
    forEachCondition(root, (c) => {
      if (c.kind === 'grade' && !ruleset.grades) r.error(c.pos, 'GRADES_MISSING', 'a grade test needs "grades": the fit and engagement bands that make the grade');
      if (c.kind !== 'ref') return;
      used.add(c.name);
      if (!definedConditions.has(c.name)) {
        r.error(c.pos, 'CONDITION_UNKNOWN_NAME', `unknown condition "${c.name}"; defined: ${[...definedConditions].join(', ') || 'none'}${didYouMean(c.name, definedConditions)}`);
      }
    });
  }
  for (const name of ruleset.conditions.keys()) {
    if (refersTo(ruleset, name, name, new Set())) r.error(ruleset.conditions.get(name)!.pos, 'CONDITION_CYCLE', `the condition "${name}" refers to itself`);
    if (!used.has(name)) r.warning(ruleset.conditions.get(name)!.pos, 'CONDITION_UNUSED', `the condition "${name}" is defined but never used`);
  }
  ruleset.stages.forEach((stage, i) => {
    if (!stage.when) return;
    forEachCondition(stage.when, (c) => {
      if (c.kind === 'criteria') {
        for (const [i, name] of c.names.entries()) {
          if (!ruleset.bant.has(name)) r.error(c.positions[i], 'BANT_UNDEFINED', `the stage "${stage.name}" needs BANT criterion "${name}", which bant: does not define, so the stage could never be reached`);
        }
        return;
      }
      if (c.kind !== 'stage') return;
      const target = ruleset.stages.findIndex((s) => s.name.toLowerCase() === c.name.toLowerCase());
      if (target < 0) r.error(c.pos, 'STAGE_UNKNOWN', `unknown stage "${c.name}"${didYouMean(c.name, ruleset.stages.map((s) => s.name))}`);
      else if (target >= i) r.error(c.pos, 'STAGE_ORDER', `the stage "${stage.name}" can only refer to a lower stage; "${c.name}" is not below it`);
    });
  });
  // priority comes after the ladder: a band may refer to any stage
  for (const band of ruleset.priority.bands) {
    if (!band.when) continue;
    forEachCondition(band.when, (c) => {
      if (c.kind === 'criteria') {
        for (const [i, name] of c.names.entries()) {
          if (!ruleset.bant.has(name)) r.error(c.positions[i], 'BANT_UNDEFINED', `the priority band "${band.name}" needs BANT criterion "${name}", which bant: does not define`);
        }
      } else if (c.kind === 'stage' && !ruleset.stages.some((s) => s.name.toLowerCase() === c.name.toLowerCase())) {
        r.error(c.pos, 'STAGE_UNKNOWN', `unknown stage "${c.name}"${didYouMean(c.name, ruleset.stages.map((s) => s.name))}`);
      }
    });
  }
}

function refersTo(ruleset: Ruleset, target: string, name: string, seen: Set<string>): boolean {
  const c = ruleset.conditions.get(name);
  if (!c || seen.has(name)) return false;
  seen.add(name);
  let found = false;
  forEachCondition(c, (sub) => {
    if (sub.kind === 'ref' && (sub.name === target || refersTo(ruleset, target, sub.name, seen))) found = true;
  });
  return found;
}

/**
 * The lowest score a stage demands, per score, read from tests that must hold (the condition
 * itself or items of a top-level `all`). A higher stage demanding less is almost always a typo.
 */
function minimums(stage: Stage, scoreColumns: readonly string[]): Map<string, { value: number; c: Condition }> {
  const out = new Map<string, { value: number; c: Condition }>();
  const required = !stage.when ? [] : stage.when.kind === 'all' ? stage.when.items : [stage.when];
  for (const c of required) {
    const score = c.kind === 'score' ? c.score : c.kind === 'column' && scoreColumns.includes(c.column.name) ? c.column.name : undefined;
    if (score === undefined || (c.kind !== 'score' && c.kind !== 'column')) continue;
    const value = c.op === 'gte' || c.op === 'gt' || c.op === 'equals' ? (c.arg as number) : c.op === 'between' ? (c.arg as number[])[0] : undefined;
    if (value !== undefined) out.set(score, { value, c });
  }
  return out;
}

/**
 * `scoreColumns`: columns a ladder tests as its score (the account ladder's `account_score`);
 * `what`: how the message names the ladder's stages.
 */
export function checkRisingThresholds(r: Reader, stages: Stage[], scoreColumns: readonly string[] = [], what = 'stage'): void {
  const highest = new Map<string, { value: number; stage: string }>();
  for (const stage of stages) {
    for (const [score, { value, c }] of minimums(stage, scoreColumns)) {
      const before = highest.get(score);
      if (before && value < before.value) {
        r.error(c.pos, 'STAGE_THRESHOLD_ORDER', `${what} thresholds must rise: "${stage.name}" needs ${score} ≥ ${value}, below "${before.stage}" (${score} ≥ ${before.value})`);
      }
      if (!before || value > before.value) highest.set(score, { value, stage: stage.name });
    }
  }
}
