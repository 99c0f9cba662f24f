/**
 * The scores of a validated ruleset → `CompiledScore`s: engagement, fit, then the named scores.
 * Rules get their column indexes, their recency as numbers and a decay function, their group's
 * cap and a statistics index; everything a row needs is decided here, once.
 */
import { fixedPoints, formatNumber } from './score.js';
import type { ValueKind } from '../model/operators.js';
import type { CompiledGroup, CompiledRule, CompiledScore, RuleStat, Test } from './types.js';
import type { ColumnResolver } from '../ruleset/columns.js';
import type { Condition, Decay, RuleGroup, Ruleset, ScoreDef, ScoreRule } from '../ruleset/types.js';

export interface ScoreCompileContext {
  compile: (c: Condition) => Test;
  columns: ColumnResolver;
  kinds: Map<ValueKind, Set<number>>;
}

/** engagement, fit and the named scores, as one list of definitions. */
export function scoreDefs(ruleset: Ruleset): ScoreDef[] {
  const inList = (rules: ScoreRule[]) => ruleset.groups.filter((g) => rules.some((r) => r.group === g.name));
  return [
    { name: 'engagement', rules: ruleset.engagement, groups: inList(ruleset.engagement), ...ruleset.bounds.get('engagement') },
    { name: 'fit', rules: ruleset.fit, groups: inList(ruleset.fit), ...ruleset.bounds.get('fit') },
    ...ruleset.scores,
  ];
}

export function compileScores(ruleset: Ruleset, cx: ScoreCompileContext): { scores: CompiledScore[]; stats: RuleStat[] } {
  const stats: RuleStat[] = [];
  const scores = scoreDefs(ruleset).map((def, i) => compileScore(def, i >= 2 ? `${def.name}: ` : '', cx, stats));
  return { scores, stats };
}

function compileScore(def: ScoreDef, prefix: string, cx: ScoreCompileContext, stats: RuleStat[]): CompiledScore {
  const groups = new Map<string, CompiledGroup>();
  for (const g of def.groups) {
    const range = compiledGroup(g, def.rules);
    if (range) groups.set(g.name, range);
  }
  const rules = def.rules.map((r, i): CompiledRule => {
    const compiled = compileRule(r, prefix, cx, stats.length);
    stats.push({ name: r.name, score: def.name });
    const group = r.group === undefined ? undefined : groups.get(r.group);
    compiled.group = group ?? null;
    compiled.closes = group !== undefined && group.end === i + 1 ? group : null;
    return compiled;
  });
  const bounded = def.floor !== undefined || def.ceiling !== undefined;
  if (bounded) stats.push({ name: `${def.name} floor/ceiling`, score: def.name });
  const label = prefix === '' ? `${def.name} ` : prefix;
  return {
    name: def.name,
    rules,
    floor: def.floor ?? -Infinity,
    ceiling: def.ceiling ?? Infinity,
    floorReason: `${label}floor ${formatNumber(def.floor ?? 0)}`,
    ceilingReason: `${label}ceiling ${formatNumber(def.ceiling ?? 0)}`,
    boundStat: bounded ? stats.length - 1 : -1,
    slots: new Float64Array(rules.length),
    reasonAt: new Int32Array(rules.length),
  };
}

/** A group with a cap, as the range of its rules; a group without one only shared recency. */
function compiledGroup(g: RuleGroup, rules: ScoreRule[]): CompiledGroup | undefined {
  if (g.max === undefined) return undefined;
  const start = rules.findIndex((r) => r.group === g.name);
  let end = start;
  while (end < rules.length && rules[end].group === g.name) end++;
  return start < 0 ? undefined : { name: g.name, start, end, max: g.max, note: ` (group ${g.name} max ${formatNumber(g.max)})` };
}

function compileRule(r: ScoreRule, prefix: string, cx: ScoreCompileContext, stat: number): CompiledRule {
  const per = r.per ? cx.columns.resolve(r.per) : -1;
  if (per >= 0) cx.kinds.get('number')!.add(per);
  const date = r.date ? cx.columns.resolve(r.date) : -1;
  if (date >= 0) cx.kinds.get('date')!.add(date);
  const max = r.max ?? Infinity;
  const label = prefix + r.name;
  const repeat = r.repeat ?? Infinity;
  return {
    name: r.name, label, when: r.when ? cx.compile(r.when) : null, points: r.points, per, max,
    ...fixedPoints(label, r.points, max), reasonCache: [], stat,
    // a missing date column (-1 after an issue) must not make the rule plain: the run stops anyway
    plain: r.repeat === undefined && r.date === undefined,
    repeat, repeatNote: repeat === 1 ? 'once' : `at most ${repeat} times`,
    date, window: r.window ?? Infinity, decay: r.decay ? decayFunction(r.decay) : null,
    group: null, closes: null,
  };
}

/** What is left of the points at an age in whole days. */
export function decayFunction(decay: Decay): (age: number) => number {
  if (decay.kind === 'half_life') {
    const h = decay.days;
    return (age) => Math.pow(0.5, age / h);
  }
  const { days, factor } = decay;
  return (age) => Math.pow(factor, Math.floor(age / days));
}
