/**
 * `scores:` (floors and ceilings of engagement and fit, and named scores with rules of their own)
 * and `grades:` (fit bands → letters A–D, engagement bands → digits 1–4). Values, names and
 * required keys were checked by the key table; what is here relates them: a floor below its
 * ceiling, grade thresholds that fall.
 */
import { keysOf, type ShapeName } from './keys.js';
import { get, type Reader } from './reader.js';
import type { MapNode } from './tree.js';
import type { Grades, Ruleset, ScoreDef } from './types.js';
import { readRuleList, type RuleNames } from './validate-rules.js';
import { readValue } from './validate-value.js';

export function readScores(r: Reader, map: MapNode | undefined, names: RuleNames): Pick<Ruleset, 'bounds' | 'scores'> {
  const out: Pick<Ruleset, 'bounds' | 'scores'> = { bounds: new Map(), scores: [] };
  for (const [key, entry] of map?.entries ?? []) {
    if (entry.node.kind !== 'map') continue;
    if (key === 'engagement' || key === 'fit') {
      out.bounds.set(key, readBounds(r, entry.node, 'bounds', key));
      continue;
    }
    const { rules, groups } = readRuleList(r, get(entry.node, 'rules'), names);
    out.scores.push({ name: key, rules, groups, ...readBounds(r, entry.node, 'namedScore', key), pos: entry.keyPos } satisfies ScoreDef);
  }
  return out;
}

function readBounds(r: Reader, map: MapNode, shape: ShapeName, score: string): { floor?: number; ceiling?: number } {
  const floor = readValue<number>(map, shape, 'floor');
  const ceiling = readValue<number>(map, shape, 'ceiling');
  if (floor !== undefined && ceiling !== undefined && floor > ceiling) {
    r.error(get(map, 'floor')!.pos, 'SCORE_BOUNDS_ORDER', `the floor of ${score} (${floor}) is above its ceiling (${ceiling})`);
    return {};
  }
  return { floor, ceiling };
}

export function readGrades(r: Reader, map: MapNode | undefined): Grades | undefined {
  if (!map) return undefined;
  const fit = readBands(r, map, 'fit', 'fitGrades');
  const engagement = readBands(r, map, 'engagement', 'engagementGrades');
  return fit && engagement ? { fit, engagement } : undefined;
}

/** Three thresholds, highest first; the fourth grade takes every score below the third. */
function readBands(r: Reader, grades: MapNode, score: 'fit' | 'engagement', shape: 'fitGrades' | 'engagementGrades'): Grades['fit'] | undefined {
  const map = get(grades, score);
  if (map?.kind !== 'map') return undefined;
  const keys = keysOf(shape);
  const mins: number[] = [];
  for (const key of keys) {
    const min = readValue<number>(map, shape, key);
    if (min === undefined) return undefined;
    if (mins.length && min >= mins[mins.length - 1]) {
      r.error(get(map, key)!.pos, 'GRADE_THRESHOLD_ORDER', `grades go from the highest score down; ${key}'s ${min} is not below ${keys[mins.length - 1]}'s ${mins[mins.length - 1]}`);
      return undefined;
    }
    mins.push(min);
  }
  return mins as Grades['fit'];
}
