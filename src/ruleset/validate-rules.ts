/**
 * Score rules as written → `ScoreRule`s: single rules and groups of rules (a shared cap and
 * shared recency), with `per` and its repeat control, `max`, and the recency keys `date`,
 * `window` and `decay`. A rule inside a group takes the group's date, window and decay unless
 * it sets its own, so the compiler sees every rule complete. Values were checked by the key table
 * (the first pass); what is here relates them: names unique, repeat needs per, window needs date.
 */
import { RULE_ITEM, type ShapeName } from './keys.js';
import { get, type Reader } from './reader.js';
import type { MapNode, Node, Pos } from './tree.js';
import type { ColumnRef, RuleGroup, ScoreRule } from './types.js';
import type { Decay } from '../model/recency.js';
import { readCondition } from './validate-condition.js';
import { pickBranch, readValue } from './validate-value.js';

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
export function readRuleList(r: Reader, node: Node | undefined, names: RuleNames): { rules: ScoreRule[]; groups: RuleGroup[] } {
  const rules: ScoreRule[] = [];
  const groups: RuleGroup[] = [];
  for (const item of node?.kind === 'seq' ? node.items : []) {
    if (item.kind !== 'map') continue;
    const branch = pickBranch(RULE_ITEM, item);
    if (branch.t === 'shape' && branch.shape === 'group') readGroup(r, item, names, rules, groups);
    else {
      const rule = readRule(r, item, names, { pos: {} });
      if (rule) rules.push(rule);
    }
  }
  return { rules, groups };
}

function readGroup(r: Reader, map: MapNode, names: RuleNames, rules: ScoreRule[], groups: RuleGroup[]): void {
  const nameNode = get(map, 'group');
  const name = readValue<string>(map, 'group', 'group');
  if (name !== undefined && names.groups.has(name)) r.error(nameNode!.pos, 'GROUP_NAME_DUPLICATE', `the group name "${name}" is used twice; group names must be unique`);
  if (name !== undefined && name.includes(';')) r.error(nameNode!.pos, 'NAME_SEPARATOR', 'a group name cannot contain ";": it separates the rules in the reasons column');
  if (name !== undefined) names.groups.add(name);
  const max = readValue<number>(map, 'group', 'max');
  const recency = readRecency(r, map, 'group');
  const rulesNode = get(map, 'rules');
  const before = rules.length;
  for (const item of rulesNode?.kind === 'seq' ? rulesNode.items : []) {
    // a group among the rules was refused by the key table (groups cannot be nested)
    if (item.kind !== 'map' || item.entries.has('group')) continue;
    const rule = readRule(r, item, names, recency);
    if (rule && name !== undefined) rules.push({ ...rule, group: name });
  }
  const members = rules.slice(before);
  if (recency.date && !recency.pos.window && !recency.pos.decay && !members.some((m) => m.window !== undefined || m.decay !== undefined)) {
    r.error(recency.pos.date!, 'DATE_UNUSED', `the group "${name ?? '?'}" sets "date", but neither it nor its rules use it: add "window" or "decay"`);
  }
  if (!get(map, 'max') && !recency.pos.date && !recency.pos.window && !recency.pos.decay && name !== undefined) {
    r.warning(map.pos, 'GROUP_SHARES_NOTHING', `the group "${name}" shares nothing with its rules; give it "max", "window" or "decay"`);
  }
  if (name !== undefined) groups.push({ name, max, pos: map.pos });
}

function readRule(r: Reader, map: MapNode, names: RuleNames, group: Recency): ScoreRule | undefined {
  const nameNode = get(map, 'name');
  const name = readValue<string>(map, 'rule', 'name');
  const points = readValue<number>(map, 'rule', 'points');
  if (name !== undefined && name.includes(';')) r.error(nameNode!.pos, 'NAME_SEPARATOR', 'a rule name cannot contain ";": it separates the rules in the reasons column');
  const whenNode = get(map, 'when');
  const perNode = get(map, 'per');
  const repeatNode = get(map, 'repeat');
  const when = whenNode && readCondition(r, whenNode, { results: false });
  const per = columnAt(map, 'rule', 'per');
  const max = readValue<number>(map, 'rule', 'max');
  const repeat = readValue<string | number>(map, 'rule', 'repeat');
  if (repeatNode && !perNode) r.error(repeatNode.pos, 'REPEAT_WITHOUT_PER', '"repeat" counts occurrences of a "per" column; this rule has no "per"');
  if (!whenNode && !perNode && name !== undefined) r.error(map.pos, 'RULE_ALWAYS_FIRES', `the rule "${name}" needs "when", "per" or both; otherwise it would fire for every lead`);
  const own = readRecency(r, map, 'rule');
  const date = own.date ?? group.date;
  const window = own.window ?? group.window;
  const decay = own.decay ?? group.decay;
  if ((window !== undefined || decay !== undefined) && !date) {
    const at = own.pos.window ?? own.pos.decay ?? group.pos.window ?? group.pos.decay!;
    r.error(at, 'RECENCY_WITHOUT_DATE', `"${own.pos.window || group.pos.window ? 'window' : 'decay'}" measures the age of an activity: add "date", the column that says when it happened`);
  }
  // a window or decay written wrongly is reported where it stands: no second error about the date
  if (own.date && !own.pos.window && !own.pos.decay && !group.pos.window && !group.pos.decay) {
    r.error(own.pos.date!, 'DATE_UNUSED', '"date" is read only by "window" and "decay"; add one of them, or remove "date"');
  }
  if (name !== undefined) {
    if (names.rules.has(name)) r.error(map.pos, 'RULE_NAME_DUPLICATE', `the rule name "${name}" is used twice; names must be unique (across all rules) so reasons can be told apart`);
    names.rules.add(name);
  }
  if (name === undefined || points === undefined || (whenNode && !when) || (perNode && !per)) return undefined;
  // repeat: once is 1 occurrence, every is no limit, N is at most N
  const most = repeat === 'once' ? 1 : typeof repeat === 'number' ? repeat : undefined;
  return { name, points, when, per, max, repeat: most, date, window, decay, pos: map.pos };
}

function readRecency(r: Reader, map: MapNode, shape: 'rule' | 'group'): Recency {
  const out: Recency = { pos: {} };
  const dateNode = get(map, 'date');
  const windowNode = get(map, 'window');
  const decayNode = get(map, 'decay');
  if (dateNode) { out.date = columnAt(map, shape, 'date'); out.pos.date = dateNode.pos; }
  if (windowNode) { out.window = readValue<number>(map, shape, 'window'); out.pos.window = windowNode.pos; }
  if (decayNode) { out.decay = readDecay(r, decayNode); out.pos.decay = decayNode.pos; }
  return out;
}

/** `{ half_life }` or `{ step, factor }`: which keys belong together is the rule here; each value was checked. */
export function readDecay(r: Reader, node: Node): Decay | undefined {
  if (node.kind !== 'map') return undefined;
  const halfNode = get(node, 'half_life');
  const stepNode = get(node, 'step');
  const factorNode = get(node, 'factor');
  if (halfNode && (stepNode || factorNode)) {
    r.error(node.pos, 'DECAY_FORM', '"decay" is either { half_life: 30d } or { step: 30d, factor: 0.75 }, not both');
    return undefined;
  }
  if (halfNode) {
    const days = readValue<number>(node, 'decay', 'half_life');
    return days === undefined ? undefined : { kind: 'half_life', days };
  }
  if (!stepNode || !factorNode) {
    r.error(node.pos, 'DECAY_FORM', stepNode ? '"decay" with "step" needs "factor": what is left after each step, e.g. 0.75'
      : factorNode ? '"decay" with "factor" needs "step": how often the factor applies, e.g. 30d'
        : '"decay" needs "half_life" (e.g. { half_life: 30d }) or "step" and "factor" (e.g. { step: 30d, factor: 0.75 })');
    return undefined;
  }
  const days = readValue<number>(node, 'decay', 'step');
  const factor = readValue<number>(node, 'decay', 'factor');
  return days === undefined || factor === undefined ? undefined : { kind: 'step', days, factor };
}

/** The column a key names, where it is written; undefined when absent or not text. */
export function columnAt(map: MapNode, shape: ShapeName, key: string): ColumnRef | undefined {
  const name = readValue<string>(map, shape, key);
  return name === undefined ? undefined : { name, pos: get(map, key)!.pos };
}
