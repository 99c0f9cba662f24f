/**
 * The explaining evaluation: one lead, every step shown. It runs beside the fast path and reuses
 * it rather than re-implementing it: the result, each rule's final points (after group caps) and
 * the floor/ceiling moves come from `evaluateLead` itself, through a tally of this one row; the
 * steps before the group cap come from `measureRule`, the function the engine uses; conditions are
 * walked along the resolved ruleset, each part compiled by the engine's own condition compiler,
 * so each says whether it held and what it saw.
 */
import type { TypedRow } from '../input/rows/types.js';
import { BANT_KEYS, BANT_LETTERS } from '../model/bant.js';
import { fromCents, signed } from '../model/cents.js';
import { DISQUALIFIED, gradeLabel } from '../model/result-columns.js';
import type { ResolvedCondition, ResolvedRuleset } from '../ruleset/resolved.js';
import { conditionCompiler } from './compile.js';
import { evaluateLead } from './evaluate.js';
import { describeSteps, measureRule, newSteps, type RuleSteps } from './score.js';
import type { CompiledRule, CompiledRuleset, Evaluation, LeadResult, Test } from './types.js';
import type { RelatedTrace } from './explain-related.js';

export interface ConditionTrace {
  /** the test as written, e.g. `industry in [Software, Healthcare]`, `all of` */
  text: string;
  held: boolean;
  /** what the test looked at: a cell (as text, empty string for an empty cell) or a score */
  saw?: string;
  items?: ConditionTrace[];
}

export interface RuleTrace {
  score: string;
  name: string;
  group?: string;
  when: ConditionTrace | null;
  /** the condition held (or there is none) */
  held: boolean;
  /** held and counted: why not when it held but did not count ('' when it counted) */
  skipped: RuleSteps['skipped'];
  count?: { column: string; cell: string; counted: number | null };
  date?: { column: string; cell: string; age: number | null; window: number | null };
  /** the amount after each step; null when the rule did not count */
  points: { raw: number; after_repeat: number; after_decay: number; after_max: number; final: number } | null;
  /** as the reasons column shows it; null when the rule did not count */
  reason: string | null;
}

export interface ScoreTrace {
  name: string;
  value: number;
  floor: number | null;
  ceiling: number | null;
  /** what the floor or ceiling changed (0 when nothing) */
  bounded: number;
}

export interface Explanation {
  result: LeadResult;
  scores: ScoreTrace[];
  grade: string | null;
  rules: RuleTrace[];
  bant: { key: string; letter: string; defined: boolean; held: boolean; when: ConditionTrace | null }[];
  disqualifiers: { reason: string; held: boolean; when: ConditionTrace }[];
  stages: { name: string; held: boolean; when: ConditionTrace | null }[];
  stage: string;
  priority: { score: string; value: number; band: string; bands: { name: string; min: number | null; held: boolean; when: ConditionTrace | null }[] } | null;
  /** per related file: the lead's rows, and per derived column which counted and why the others did not */
  related?: RelatedTrace[];
  /** with accounts: the lead's account (null: it has none) */
  account?: AccountTrace | null;
}

/** The lead's account in explain: how it was recognised, its values, score and reasons, and its ladder. */
export interface AccountTrace {
  key: string;
  key_type: string;
  name: string;
  /**
   * how the lead itself is recognised: the account's key, or a name or domain linked into it;
   * `column`: the accounts.domain column its domain is from, when the ruleset lists several
   */
  lead_key: { key: string; key_type: string; column?: string };
  /** the keys linked into the account and their leads (engine/account-links.ts), in key order */
  linked: { key: string; key_type: string; leads: number }[];
  score: number;
  reasons: string[];
  stage: string;
  values: { name: string; value: string }[];
  stages: { name: string; held: boolean; when: ConditionTrace | null }[];
}

export function explainLead(row: TypedRow, rs: CompiledRuleset, asOfDay: number): Explanation {
  const resolved = rs.resolved;
  const tally = { fired: new Int32Array(rs.stats.length), cents: new Float64Array(rs.stats.length) };
  const result = evaluateLead(row, rs, asOfDay, tally);
  const ev: Evaluation = {
    engagement: result.engagement, fit: result.fit, total: result.total, bantMask: result.bantMask,
    bantCount: popcount(result.bantMask), named: result.named, grade: result.grade, asOfDay,
  };
  const compile = conditionCompiler(resolved, rs.stages.map((s) => s.when));
  const trace = (c: ResolvedCondition) => traceCondition(c, row, ev, compile, resolved);

  const rules: RuleTrace[] = [];
  rs.scores.forEach((sc, i) => sc.rules.forEach((rule, r) => {
    const def = resolved.scores[i].rules[r];
    const when = def.when ? trace(def.when) : null;
    const held = rule.when === null || rule.when(row, ev);
    const steps = newSteps();
    const counts = held && measureRule(rule, row, asOfDay, steps);
    const cell = (index: number) => (index >= 0 ? row.fields[index] : '');
    // the tally's cents are the amount unless a group cap took some back: then they say what was left
    const cents = tally.cents[rule.stat];
    const final = cents === Math.round(steps.amount * 100) ? steps.amount : fromCents(cents);
    rules.push({
      score: sc.name, name: rule.name, group: def.group ?? undefined, when, held,
      skipped: held ? steps.skipped : '',
      count: def.per ? { column: def.per.name, cell: cell(rule.per), counted: steps.counted === steps.counted ? steps.counted : null } : undefined,
      date: def.date ? { column: def.date.name, cell: cell(rule.date), age: steps.age === steps.age ? steps.age : null, window: def.window } : undefined,
      points: counts ? {
        raw: steps.raw, after_repeat: steps.afterRepeat, after_decay: steps.afterDecay, after_max: steps.amount, final,
      } : null,
      reason: counts ? describeSteps(rule, steps) + groupCut(rule, steps.amount, final) : null,
    });
  }));

  const values = [result.engagement, result.fit, ...result.named];
  const scores = rs.scores.map((sc, i): ScoreTrace => ({
    name: sc.name, value: values[i], floor: finite(sc.floor), ceiling: finite(sc.ceiling),
    bounded: sc.boundStat >= 0 ? fromCents(tally.cents[sc.boundStat]) : 0,
  }));

  const bant = BANT_KEYS.map((key, i) => {
    const c = resolved.bant[i];
    return { key, letter: BANT_LETTERS[key], defined: c !== null, held: (result.bantMask & (1 << i)) !== 0, when: c ? trace(c) : null };
  });
  const disqualifiers = resolved.disqualifiers.map((d) => ({ reason: d.reason, held: compile(d.when)(row, ev), when: trace(d.when) }));
  const stages = resolved.stages.map((s, i) => ({ name: s.name, held: i === 0 || rs.stages[i].when!(row, ev), when: s.when ? trace(s.when) : null }));
  const bands = resolved.priority.bands.map((b, i) => {
    const compiled = rs.priority.bands[i];
    const value = rs.priority.read(ev);
    return { name: b.name, min: b.min, held: value >= compiled.min && (compiled.when === null || compiled.when(row, ev)), when: b.when ? trace(b.when) : null };
  });
  return {
    result, scores, rules, bant, disqualifiers, stages,
    grade: rs.grades ? gradeLabel(result.grade) : null,
    stage: result.stage < 0 ? DISQUALIFIED : rs.stages[result.stage].name,
    priority: bands.length ? { score: resolved.priority.score, value: rs.priority.read(ev), band: result.priority, bands } : null,
  };
}

/** Why the lead's account is at its stage: the account ladder's conditions on the account values the lead's row holds. */
export function accountStageTraces(row: TypedRow, rs: CompiledRuleset, asOfDay: number): { name: string; held: boolean; when: ConditionTrace | null }[] {
  const a = rs.resolved.accounts;
  if (!a || !rs.accounts) return [];
  const ev: Evaluation = { engagement: 0, fit: 0, total: 0, bantMask: 0, bantCount: 0, named: [], grade: -1, asOfDay };
  const compile = conditionCompiler(rs.resolved, []);
  return a.stages.map((s, i) => ({
    name: s.name, held: i === 0 || rs.accounts!.stages[i]!(row, ev), when: s.when ? traceCondition(s.when, row, ev, compile, rs.resolved) : null,
  }));
}

function traceCondition(c: ResolvedCondition, row: TypedRow, ev: Evaluation, compile: (c: ResolvedCondition) => Test, resolved: ResolvedRuleset): ConditionTrace {
  const held = compile(c)(row, ev);
  const sub = (x: ResolvedCondition) => traceCondition(x, row, ev, compile, resolved);
  switch (c.kind) {
    case 'all': return { text: 'all of', held, items: c.items.map(sub) };
    case 'any': return { text: 'any of', held, items: c.items.map(sub) };
    case 'not': return { text: 'not', held, items: [sub(c.item)] };
    case 'ref': return { text: `condition ${c.name}`, held, items: [sub(resolved.conditions[c.name])] };
    case 'column': {
      const index = c.column.index;
      return { text: `${c.column.name} ${opText(c.op)} ${argText(c.arg)}`, held, saw: index >= 0 ? row.fields[index] : '' };
    }
    case 'score': return { text: `${c.score} ${opText(c.op)} ${argText(c.arg)}`, held, saw: String(scoreValue(c.score, ev, resolved)) };
    case 'criteria': return { text: `criteria ${c.names.join(', ')}`, held, saw: bantText(ev.bantMask) };
    case 'stage': {
      const target = resolved.stages[c.stage];
      return { text: `stage ${c.name}`, held, items: target?.when ? [sub(target.when)] : [] };
    }
    case 'grade': return { text: `grade ${gradesIn(c.mask).join(', ')}`, held, saw: gradeLabel(ev.grade) };
  }
}

/** What a group cap appended to the reason, as the engine writes it. */
function groupCut(rule: CompiledRule, before: number, after: number): string {
  return after === before || rule.group === null ? '' : ` → ${signed(after)}${rule.group.note}`;
}

const OP_TEXT: Record<string, string> = { gte: '≥', gt: '>', lte: '≤', lt: '<', equals: '=', not_equals: '≠' };
const opText = (op: string) => OP_TEXT[op] ?? op;
const argText = (arg: unknown) => (Array.isArray(arg) ? `[${arg.join(', ')}]` : String(arg));

function scoreValue(score: string, ev: Evaluation, resolved: ResolvedRuleset): number {
  if (score === 'engagement' || score === 'fit' || score === 'total') return ev[score];
  if (score === 'bant_count') return ev.bantCount;
  return ev.named[resolved.scores.slice(2).findIndex((s) => s.name === score)];
}

function bantText(mask: number): string {
  return BANT_KEYS.filter((_, i) => mask & (1 << i)).map((k) => BANT_LETTERS[k]).join(',');
}


function gradesIn(mask: number): string[] {
  const out: string[] = [];
  for (let g = 0; g < 16; g++) if (mask & (1 << g)) out.push(gradeLabel(g));
  return out;
}

function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);
