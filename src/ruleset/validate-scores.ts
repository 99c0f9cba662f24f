/**
 * `scores:` (floors and ceilings of engagement and fit, and named scores with rules of their own)
 * and `grades:` (fit bands → letters A–D, engagement bands → digits 1–4).
 */
import { closest } from '../model/suggest.js';
import { keysOf } from './keys.js';
import { get, Reader } from './reader.js';
import type { MapNode, Node } from './tree.js';
import { SCORE_NAMES, type Grades, type Ruleset, type ScoreDef } from './types.js';
import { readRuleList, twoDecimals, type RuleNames } from './validate-rules.js';

/** Names a named score cannot take: they already mean something in conditions or the output. */
const RESERVED_SCORE_NAMES = [...SCORE_NAMES, 'grade', 'score'];

export function readScores(r: Reader, node: Node | undefined, names: RuleNames): Pick<Ruleset, 'bounds' | 'scores'> {
  const out: Pick<Ruleset, 'bounds' | 'scores'> = { bounds: new Map(), scores: [] };
  const map = node && r.map(node, '"scores"');
  for (const [key, entry] of map?.entries ?? []) {
    if (key === 'engagement' || key === 'fit') {
      const bounds = r.map(entry.node, `"scores.${key}"`, keysOf('bounds'));
      if (bounds) out.bounds.set(key, readBounds(r, bounds, key));
      continue;
    }
    const score = readNamedScore(r, key, entry.keyPos, entry.node, names);
    if (score) out.scores.push(score);
  }
  return out;
}

function readNamedScore(r: Reader, name: string, keyPos: ScoreDef['pos'], node: Node, names: RuleNames): ScoreDef | undefined {
  const near = closest(name, ['engagement', 'fit']);
  if (!/^[a-z][a-z0-9_]*$/.test(name)) {
    r.error(keyPos!, `the score name "${name}" becomes the column ${name}_score and a name in conditions: use lower-case letters, digits and _, starting with a letter${near ? `; did you mean "${near}"?` : ''}`);
  } else if (RESERVED_SCORE_NAMES.includes(name)) {
    r.error(keyPos!, `"${name}" is a built-in score name; choose another name for this score`);
  }
  const map = r.map(node, `the score "${name}"`, keysOf('namedScore'));
  if (!map) return undefined;
  const rulesNode = get(map, 'rules');
  if (!rulesNode) r.error(map.pos, `the named score "${name}" needs "rules"${near ? `; did you mean the built-in "${near}" (which takes only floor and ceiling)?` : ''}`);
  const { rules, groups } = readRuleList(r, rulesNode, `"scores.${name}.rules"`, names);
  return { name, rules, groups, ...readBounds(r, map, name), pos: keyPos };
}

function readBounds(r: Reader, map: MapNode, score: string): { floor?: number; ceiling?: number } {
  const read = (key: 'floor' | 'ceiling') => {
    const node = get(map, key);
    const value = node && r.number(node, `"${key}" of ${score}`);
    if (value !== undefined && !twoDecimals(value)) {
      r.error(node!.pos, `"${key}" may have at most two decimals (scores are kept to cents); got ${value}`);
      return undefined;
    }
    return value;
  };
  const floor = read('floor');
  const ceiling = read('ceiling');
  if (floor !== undefined && ceiling !== undefined && floor > ceiling) {
    r.error(get(map, 'floor')!.pos, `the floor of ${score} (${floor}) is above its ceiling (${ceiling})`);
    return {};
  }
  return { floor, ceiling };
}

export function readGrades(r: Reader, node: Node | undefined): Grades | undefined {
  const map = node && r.map(node, '"grades"', keysOf('grades'));
  if (!map) return undefined;
  const fit = readBands(r, map, 'fit', keysOf('fitGrades'), 'D');
  const engagement = readBands(r, map, 'engagement', keysOf('engagementGrades'), '4');
  return fit && engagement ? { fit, engagement } : undefined;
}

/** Three thresholds, highest first; the fourth grade takes every score below the third. */
function readBands(r: Reader, grades: MapNode, score: 'fit' | 'engagement', keys: string[], rest: string): Grades['fit'] | undefined {
  const node = get(grades, score);
  const example = score === 'fit' ? '{ A: 60, B: 40, C: 20 }' : '{ 1: 80, 2: 50, 3: 20 }';
  if (!node) {
    r.error(grades.pos, `"grades" needs "${score}": the lowest ${score} score of each grade, e.g. ${score}: ${example}`);
    return undefined;
  }
  const what = `"grades.${score}"`;
  const map = r.map(node, what, keys);
  if (!map) return undefined;
  const mins: number[] = [];
  for (const key of keys) {
    const value = get(map, key);
    if (!value) {
      r.error(map.pos, `${what} needs "${key}"; write ${example} (${rest} is every score below the last)`);
      return undefined;
    }
    const min = r.number(value, `the lowest ${score} score of grade ${key}`);
    if (min === undefined) return undefined;
    if (mins.length && min >= mins[mins.length - 1]) {
      r.error(value.pos, `grades go from the highest score down; ${key}'s ${min} is not below ${keys[mins.length - 1]}'s ${mins[mins.length - 1]}`);
      return undefined;
    }
    mins.push(min);
  }
  return mins as Grades['fit'];
}
