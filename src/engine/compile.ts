/**
 * The JS back-end: a resolved ruleset (ruleset/resolved.ts) → `CompiledRuleset`, whose conditions
 * are closures over column indexes, built regexes and sets. Runs once per run and per worker
 * thread, never per row. The as-of day stays out of the closures: evaluation hands it in.
 */
import { MAX_VALUES } from '../input/values/cell-strings.js';
import { detach } from '../model/detach.js';
import { formatDay, parseDay } from '../model/days.js';
import { multiValueTest, OPERATORS, type BuildContext, type ValueTest } from '../model/operators.js';
import { BANT_KEYS } from '../model/bant.js';
import type { ResolvedCondition, ResolvedRuleset } from '../ruleset/resolved.js';
import { resolveRuleset } from '../ruleset/resolve.js';
import type { RelatedHeader } from '../ruleset/resolve-related.js';
import type { Ruleset, RulesetIssue } from '../ruleset/types.js';
import { compileScores } from './compile-scores.js';
import { compileAccounts, LeadFill } from './accounts.js';
import { coercionPlan } from './compile-plan.js';
import type { CompiledRuleset, Evaluation, Test } from './types.js';
import type { TypedRow } from '../input/rows/types.js';

export interface Compiled {
  compiled: CompiledRuleset;
  /**
   * Errors: missing or repeated columns a rule reads, output name collisions; the ruleset cannot
   * run while there are any. Warnings: repeated header names no rule reads.
   */
  issues: RulesetIssue[];
  /** the run's as-of date: --as-of, else the ruleset's as_of, else today (UTC) */
  asOf: string;
}

/**
 * Resolves a validated ruleset against a header (and its related files' headers, by related
 * name, when they were opened) and compiles it; the as-of date the run uses with it.
 */
export function compileRuleset(ruleset: Ruleset, header: string[], inputName: string, asOfOverride?: string, related?: ReadonlyMap<string, RelatedHeader>): Compiled {
  const { resolved, issues } = resolveRuleset(ruleset, header, inputName, related);
  return { compiled: compileResolved(resolved), issues, asOf: runDate(resolved, asOfOverride) };
}

/** --as-of, else the ruleset's as_of, else today (UTC). */
export function runDate(resolved: ResolvedRuleset, asOfOverride?: string): string {
  return asOfOverride ?? resolved.asOf ?? formatDay(Math.floor(Date.now() / 86_400_000));
}

/** The as-of date as the day number evaluation takes. */
export const asOfDay = (asOf: string): number => parseDay(asOf);

export function compileResolved(resolved: ResolvedRuleset): CompiledRuleset {
  const stageTests: (Test | null)[] = [];
  const compile = conditionCompiler(resolved, stageTests);
  const scores = compileScores(resolved.scores, compile);
  const bant = resolved.bant.map((c) => (c ? compile(c) : null));
  const disqualifiers = resolved.disqualifiers.map((d) => ({ reason: d.reason, when: compile(d.when) }));
  for (const stage of resolved.stages) stageTests.push(stage.when ? compile(stage.when) : null);
  const bands = resolved.priority.bands.map((b) => ({ name: b.name, min: b.min ?? -Infinity, when: b.when ? compile(b.when) : null }));
  const named = resolved.scores.slice(2).map((s) => s.name);
  const plan = coercionPlan(resolved);
  const accounts = compileAccounts(resolved, compile);
  const fill = accounts || resolved.completeness ? new LeadFill(resolved.completeness ?? null, resolved.accounts ?? null) : undefined;
  if (fill && plan.derived) plan.derived.fill = fill;
  return {
    header: resolved.header,
    plan,
    scores, engagement: scores[0].rules, fit: scores[1].rules, stats: resolved.stats,
    grades: resolved.grades,
    bant, bantKeys: BANT_KEYS, disqualifiers,
    stages: resolved.stages.map((s, i) => ({ name: s.name, when: stageTests[i] })),
    priority: { score: resolved.priority.score, read: scoreReader(resolved.priority.score, named), bands },
    sourceIndex: resolved.sourceColumn,
    dedupe: resolved.dedupe ?? undefined,
    idIndex: resolved.idColumn,
    resultHeader: resolved.resultHeader,
    resolved,
    ...(accounts ? { accounts } : {}),
    ...(fill ? { fill } : {}),
  };
}

/**
 * Compiles conditions of `resolved` into tests. `stageTests` holds the compiled stage conditions
 * in ladder order, filled as the stages are compiled; a stage condition reads a lower one. Explain
 * compiles each part of a condition with the same function, so what it shows is what scores.
 */
export function conditionCompiler(resolved: ResolvedRuleset, stageTests: readonly (Test | null)[]): (c: ResolvedCondition) => Test {
  const ctx: BuildContext = { freeMailDomains: new Set(resolved.freeMailDomains) };
  const named = resolved.scores.slice(2).map((s) => s.name);
  const compile = (c: ResolvedCondition): Test => {
    switch (c.kind) {
      case 'all': { const items = c.items.map(compile); return (row, ev) => items.every((t) => t(row, ev)); }
      case 'any': { const items = c.items.map(compile); return (row, ev) => items.some((t) => t(row, ev)); }
      case 'not': { const item = compile(c.item); return (row, ev) => !item(row, ev); }
      case 'ref': return compile(resolved.conditions[c.name]);
      case 'column': return columnTest(c, ctx);
      case 'score': return scoreTest(c, scoreReader(c.score, named));
      case 'grade': { const mask = c.mask; return (_row, ev) => ev.grade >= 0 && ((mask >> ev.grade) & 1) === 1; }
      case 'criteria': { const mask = c.mask; return (_row, ev) => (ev.bantMask & mask) === mask; }
      case 'stage': return stageTests[c.stage] ?? (() => true);
    }
  };
  return compile;
}

function columnTest(c: Extract<ResolvedCondition, { kind: 'column' }>, ctx: BuildContext): Test {
  const operator = OPERATORS[c.op];
  // a multi-value column (formats: multi) tests each value of the cell
  const test: ValueTest = (c.multi !== null ? multiValueTest(c.op, c.arg, ctx, c.multi) : null) ?? operator.build(c.arg, ctx);
  const index = c.column.index;
  if (index < 0) return () => false; // reported as an issue; the ruleset will not run
  switch (c.reads) {
    case 'text': return operator.unique ? (row: TypedRow) => test(row.fields[index], 0) : memoized(test, index);
    case 'number': return (row: TypedRow) => test(row.num[index], 0);
    case 'date': return (row: TypedRow, ev: Evaluation) => test(row.day[index], ev.asOfDay);
    case 'boolean': return (row: TypedRow) => test(row.bool[index], 0);
  }
}

/**
 * Text tests on columns such as industry, country or job title see the same few values again and
 * again; remembering the answer per distinct value skips the string work (and the regex engine).
 * A cell the row path knows by id (`TypedRow.ids`) is answered from an array, others from a map.
 * (Text operators never read the as-of day, so an answer holds for any day.)
 */
function memoized(test: ValueTest, index: number): Test {
  const seen = new Map<string, boolean>();
  const byId = new Int8Array(MAX_VALUES); // 0 not asked yet, 1 false, 2 true
  return (row: TypedRow) => {
    const id = row.ids[index];
    if (id >= 0) {
      const known = byId[id];
      if (known !== 0) return known === 2;
      const fresh = test(row.fields[index], 0);
      byId[id] = fresh ? 2 : 1;
      return fresh;
    }
    const value = row.fields[index];
    let answer = seen.get(value);
    if (answer === undefined) {
      answer = test(value, 0);
      if (seen.size < MEMO_LIMIT) seen.set(detach(value), answer);
    }
    return answer;
  };
}

const MEMO_LIMIT = 10_000;

function scoreTest(c: Extract<ResolvedCondition, { kind: 'score' }>, read: (ev: Evaluation) => number): Test {
  const test = OPERATORS[c.op].build(c.arg, { freeMailDomains: new Set() });
  return (_row, ev) => test(read(ev), ev.asOfDay);
}

/** Reads a built-in or named score from an evaluation. */
export function scoreReader(score: string, named: string[]): (ev: Evaluation) => number {
  switch (score) {
    case 'engagement': return (ev) => ev.engagement;
    case 'fit': return (ev) => ev.fit;
    case 'total': return (ev) => ev.total;
    case 'bant_count': return (ev) => ev.bantCount;
  }
  const i = named.indexOf(score);
  return (ev) => ev.named[i];
}
