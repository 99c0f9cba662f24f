/**
 * Score rules as written → `ScoreRule`s: single rules and groups of rules (a shared cap and
 * shared recency), with `per` and its repeat control, `max`, and the recency keys `date`,
 * `window` and `decay`. A rule inside a group takes the group's date, window and decay unless
 * it sets its own, so the compiler sees every rule complete.
 */
import { didYouMean } from '../model/suggest.js';
import { keysOf } from './keys.js';
import { get, Reader } from './reader.js';
import { describeNode, type MapNode, type Node, type Pos } from './tree.js';
import type { ColumnRef, RuleGroup, ScoreRule } from './types.js';
import type { Decay } from '../model/recency.js';
import { readCondition } from './validate-condition.js';

/** Names that must be unique across every rule list of the ruleset. */
export interface RuleNames {
  rules: Set<string>;
  groups: Set<string>;
}

interface Recency {
  date?: ColumnRef;
  window?: number;
  decay?: Decay;
  /** where each key was written, for messages about a rule that inherits it */
  pos: Partial<Record<'date' | 'window' | 'decay', Pos>>;
}

/** A list of rules and groups (`engagement`, `fit`, or a named score's `rules`). */
export function readRuleList(r: Reader, node: Node | undefined, where: string, names: RuleNames): { rules: ScoreRule[]; groups: RuleGroup[] } {
  const seq = node && r.seq(node, where);
  const rules: ScoreRule[] = [];
  const groups: RuleGroup[] = [];
  for (const item of seq?.items ?? []) {
    if (item.kind === 'map' && (item.entries.has('group') || (item.entries.has('rules') && !item.entries.has('name')))) {
      readGroup(r, item, where, names, rules, groups);
      continue;
    }
    const map = r.map(item, `a rule in ${where}`, keysOf('rule'));
    const rule = map && readRule(r, map, where, names, { pos: {} });
    if (rule) rules.push(rule);
  }
  return { rules, groups };
}

function readGroup(r: Reader, map: MapNode, where: string, names: RuleNames, rules: ScoreRule[], groups: RuleGroup[]): void {
  r.map(map, `a group in ${where}`, keysOf('group'));
  const nameNode = get(map, 'group');
  if (!nameNode) r.error(map.pos, `a group of rules needs "group": its name, shown when its cap cuts points`);
  const name = nameNode && r.string(nameNode, '"group"');
  if (name !== undefined && names.groups.has(name)) r.error(nameNode!.pos, `the group name "${name}" is used twice; group names must be unique`);
  if (name !== undefined && name.includes(';')) r.error(nameNode!.pos, 'a group name cannot contain ";": it separates the rules in the reasons column');
  if (name !== undefined) names.groups.add(name);
  const maxNode = get(map, 'max');
  const max = maxNode && readCap(r, maxNode, '"max" of a group');
  const recency = readRecency(r, map);
  const rulesNode = get(map, 'rules');
  if (!rulesNode) r.error(map.pos, `the group "${name ?? '?'}" needs "rules": the rules it holds`);
  const seq = rulesNode && r.seq(rulesNode, `"rules" of the group "${name ?? '?'}"`);
  if (seq && seq.items.length === 0) r.error(seq.pos, `"rules" of the group "${name ?? '?'}" must list at least one rule`);
  const before = rules.length;
  for (const item of seq?.items ?? []) {
    if (item.kind === 'map' && item.entries.has('group')) {
      r.error(item.pos, 'groups cannot be nested; list the rules of the inner group here, or make it a group of its own');
      continue;
    }
    const ruleMap = r.map(item, `a rule in the group "${name ?? '?'}"`, keysOf('rule'));
    const rule = ruleMap && readRule(r, ruleMap, where, names, recency);
    if (rule && name !== undefined) rules.push({ ...rule, group: name });
  }
  const members = rules.slice(before);
  if (recency.date && !recency.pos.window && !recency.pos.decay && !members.some((m) => m.window !== undefined || m.decay !== undefined)) {
    r.error(recency.pos.date!, `the group "${name ?? '?'}" sets "date", but neither it nor its rules use it: add "window" or "decay"`);
  }
  if (!maxNode && !recency.pos.date && !recency.pos.window && !recency.pos.decay && name !== undefined) {
    r.warning(map.pos, `the group "${name}" shares nothing with its rules; give it "max", "window" or "decay"`);
  }
  if (name !== undefined) groups.push({ name, max, pos: map.pos });
}

function readRule(r: Reader, map: MapNode, where: string, names: RuleNames, group: Recency): ScoreRule | undefined {
  const nameNode = get(map, 'name');
  const pointsNode = get(map, 'points');
  if (!nameNode) r.error(map.pos, `a rule in ${where} needs a "name" (it is what the reasons column shows)`);
  if (!pointsNode) r.error(map.pos, `a rule in ${where} needs "points"`);
  const name = nameNode && r.string(nameNode, '"name"');
  const points = pointsNode && r.number(pointsNode, '"points"');
  if (points !== undefined && !twoDecimals(points)) {
    r.error(pointsNode!.pos, `"points" may have at most two decimals (scores are kept to cents so the reasons add up); got ${points}`);
  }
  if (name !== undefined && name.includes(';')) r.error(nameNode!.pos, `a rule name cannot contain ";": it separates the rules in the reasons column`);
  const whenNode = get(map, 'when');
  const perNode = get(map, 'per');
  const maxNode = get(map, 'max');
  const repeatNode = get(map, 'repeat');
  const when = whenNode && readCondition(r, whenNode, { results: false });
  const per = perNode && columnRef(r, perNode, '"per"');
  const max = maxNode && readCap(r, maxNode, '"max"');
  const repeat = repeatNode && readRepeat(r, repeatNode);
  if (repeatNode && !perNode) r.error(repeatNode.pos, '"repeat" counts occurrences of a "per" column; this rule has no "per"');
  if (!whenNode && !perNode && name !== undefined) r.error(map.pos, `the rule "${name}" needs "when", "per" or both; otherwise it would fire for every lead`);
  const own = readRecency(r, map);
  const date = own.date ?? group.date;
  const window = own.window ?? group.window;
  const decay = own.decay ?? group.decay;
  if ((window !== undefined || decay !== undefined) && !date) {
    const at = own.pos.window ?? own.pos.decay ?? group.pos.window ?? group.pos.decay!;
    r.error(at, `"${own.pos.window || group.pos.window ? 'window' : 'decay'}" measures the age of an activity: add "date", the column that says when it happened`);
  }
  // a window or decay written wrongly is reported where it stands: no second error about the date
  if (own.date && !own.pos.window && !own.pos.decay && !group.pos.window && !group.pos.decay) {
    r.error(own.pos.date!, '"date" is read only by "window" and "decay"; add one of them, or remove "date"');
  }
  if (name !== undefined) {
    if (names.rules.has(name)) r.error(map.pos, `the rule name "${name}" is used twice; names must be unique (across all rules) so reasons can be told apart`);
    names.rules.add(name);
  }
  if (name === undefined || points === undefined || (whenNode && !when) || (perNode && !per)) return undefined;
  return { name, points, when, per, max: max ?? undefined, repeat: repeat ?? undefined, date, window, decay, pos: map.pos };
}

function readRecency(r: Reader, map: MapNode): Recency {
  const out: Recency = { pos: {} };
  const dateNode = get(map, 'date');
  const windowNode = get(map, 'window');
  const decayNode = get(map, 'decay');
  if (dateNode) { out.date = columnRef(r, dateNode, '"date"'); out.pos.date = dateNode.pos; }
  if (windowNode) { out.window = readDuration(r, windowNode, '"window"', 0); out.pos.window = windowNode.pos; }
  if (decayNode) { out.decay = readDecay(r, decayNode); out.pos.decay = decayNode.pos; }
  return out;
}

function readDecay(r: Reader, node: Node): Decay | undefined {
  const map = r.map(node, '"decay"', keysOf('decay'));
  if (!map) return undefined;
  const halfNode = get(map, 'half_life');
  const stepNode = get(map, 'step');
  const factorNode = get(map, 'factor');
  if (halfNode && (stepNode || factorNode)) {
    r.error(map.pos, '"decay" is either { half_life: 30d } or { step: 30d, factor: 0.75 }, not both');
    return undefined;
  }
  if (halfNode) {
    const days = readDuration(r, halfNode, '"half_life"', 1);
    return days === undefined ? undefined : { kind: 'half_life', days };
  }
  if (!stepNode || !factorNode) {
    r.error(map.pos, stepNode ? '"decay" with "step" needs "factor": what is left after each step, e.g. 0.75'
      : factorNode ? '"decay" with "factor" needs "step": how often the factor applies, e.g. 30d'
        : '"decay" needs "half_life" (e.g. { half_life: 30d }) or "step" and "factor" (e.g. { step: 30d, factor: 0.75 })');
    return undefined;
  }
  const days = readDuration(r, stepNode, '"step"', 1);
  const factor = r.number(factorNode, '"factor"');
  if (factor !== undefined && !(factor >= 0 && factor < 1)) {
    r.error(factorNode.pos, `"factor" is what is left of the points after each step: 0 or more and below 1 (0.75 = −25%); got ${factor}`);
    return undefined;
  }
  return days === undefined || factor === undefined ? undefined : { kind: 'step', days, factor };
}

const DURATION = /^\s*(\d+)\s*(d|days?|w|weeks?)\s*$/i;

/** `90d`, `90 days`, `12w`, `12 weeks` → whole days. Months and years vary in length, so they are refused. */
export function readDuration(r: Reader, node: Node, what: string, least: number): number | undefined {
  const text = node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
  const m = text === undefined ? null : DURATION.exec(text);
  if (!m) {
    const hint = node.kind === 'scalar' && typeof node.value === 'number' ? `; write ${node.value}d for ${node.value} days`
      : text !== undefined && /^\s*\d+\s*(m|mo|months?|y|years?)\s*$/i.test(text) ? '; months and years differ in length: write days or weeks, e.g. 90d' : '';
    r.error(node.pos, `${what} must be a number of days or weeks such as 90d or 12w; got ${describeNode(node)}${hint}`);
    return undefined;
  }
  const days = Number(m[1]) * (m[2].toLowerCase().startsWith('w') ? 7 : 1);
  if (days < least) {
    r.error(node.pos, `${what} must be at least ${least} day${least === 1 ? '' : 's'}; got ${text}`);
    return undefined;
  }
  return days;
}

function readRepeat(r: Reader, node: Node): number | undefined | null {
  if (node.kind === 'scalar' && typeof node.value === 'number') {
    if (Number.isInteger(node.value) && node.value >= 1) return node.value;
    r.error(node.pos, `"repeat" as a number is the most occurrences counted: a whole number, 1 or more; got ${node.value}`);
    return null;
  }
  const text = node.kind === 'scalar' && typeof node.value === 'string' ? node.value.trim().toLowerCase() : undefined;
  if (text === 'once') return 1;
  if (text === 'every') return undefined;
  const hint = text === undefined ? '' : didYouMean(text, ['once', 'every']);
  r.error(node.pos, `"repeat" must be once, every, or a whole number N (at most N occurrences); got ${describeNode(node)}${hint}`);
  return null;
}

/** A cap (`max`): not negative, cents at most, so capped points still add up. */
export function readCap(r: Reader, node: Node, what: string): number | undefined {
  const max = r.number(node, what);
  if (max === undefined) return undefined;
  if (max < 0) {
    r.error(node.pos, `${what} caps the size of the points and must not be negative; got ${max}`);
    return undefined;
  }
  if (!twoDecimals(max)) {
    r.error(node.pos, `${what} may have at most two decimals (scores are kept to cents so the reasons add up); got ${max}`);
    return undefined;
  }
  return max;
}

export function twoDecimals(x: number): boolean {
  return Math.round(x * 100) / 100 === x;
}

export function columnRef(r: Reader, node: Node, what: string): ColumnRef | undefined {
  const name = r.string(node, what);
  return name === undefined ? undefined : { name, pos: node.pos };
}
