/**
 * The resolved scores → `CompiledScore`s: engagement, fit, then the named scores. Rules get their
 * condition's test, their recency as numbers and a decay function, their group's cap, and the
 * reasons that never change (a rule without `per`) written once, here.
 */
import { boundReason, groupNote, repeatNote, scoreLabelPrefix } from '../model/reasons.js';
import { decayFunction } from '../model/recency.js';
import type { ResolvedCondition, ResolvedScore } from '../ruleset/resolved.js';
import { fixedPoints } from './score.js';
import type { CompiledGroup, CompiledRule, CompiledScore, Test } from './types.js';

export function compileScores(scores: ResolvedScore[], compile: (c: ResolvedCondition) => Test): CompiledScore[] {
  return scores.map((score) => compileScore(score, compile));
}

function compileScore(def: ResolvedScore, compile: (c: ResolvedCondition) => Test): CompiledScore {
  const prefix = scoreLabelPrefix(def.name, def.named);
  const groups = new Map<string, CompiledGroup>(def.groups.map((g) => [g.name, { ...g, note: groupNote(g.name, g.max) }]));
  const rules = def.rules.map((r, i): CompiledRule => {
    const group = r.group === null ? undefined : groups.get(r.group);
    const max = r.max ?? Infinity;
    const label = prefix + r.name;
    const repeat = r.repeat ?? Infinity;
    return {
      name: r.name, label, when: r.when ? compile(r.when) : null, points: r.points, per: r.per?.index ?? -1, max,
      ...fixedPoints(label, r.points, max), reasonCache: [], stat: r.stat,
      // a missing date column (-1 after an issue) must not make the rule plain: the run stops anyway
      plain: r.repeat === null && r.date === null,
      repeat, repeatNote: repeatNote(repeat),
      date: r.date?.index ?? -1, window: r.window ?? Infinity, decay: r.decay ? decayFunction(r.decay) : null,
      group: group ?? null,
      closes: group !== undefined && group.end === i + 1 ? group : null,
    };
  });
  const label = prefix === '' ? `${def.name} ` : prefix;
  return {
    name: def.name,
    rules,
    floor: def.floor ?? -Infinity,
    ceiling: def.ceiling ?? Infinity,
    floorReason: boundReason(label, 'floor', def.floor ?? 0),
    ceilingReason: boundReason(label, 'ceiling', def.ceiling ?? 0),
    boundStat: def.boundStat,
    slots: new Float64Array(rules.length),
    reasonAt: new Int32Array(rules.length),
  };
}
