/**
 * The ruleset tree → a `Ruleset`, with every problem collected (errors apart from warnings) so
 * `leadq validate` reports them all in one run. Checks that need the export's header (does a
 * column exist?) are the compiler's.
 */
import { parseDay } from '../input/coerce.js';
import { didYouMean } from '../suggest.js';
import { get, Reader } from './reader.js';
import type { MapNode, Node, Pos } from './tree.js';
import {
  BANT_KEYS, DISQUALIFIED, RESULT_COLUMNS,
  type BantKey, type ColumnRef, type Condition, type PriorityBand, type ResultColumn, type Ruleset,
  type RulesetIssue, type ScoreRule, type Stage,
} from './types.js';
import { readCondition } from './validate-condition.js';
import { checkReferences, checkRisingThresholds } from './validate-references.js';

export const TOP_KEYS = [
  'version', 'as_of', 'columns', 'source_column', 'spend', 'free_mail_domains', 'conditions',
  'engagement', 'fit', 'bant', 'disqualifiers', 'stages', 'priority', 'output',
] as const;

const RULE_KEYS = ['name', 'when', 'points', 'per', 'max'];

/** Files --out-dir writes besides the stage files; a stage of the same name would overwrite one. */
const RESERVED_FILE_NAMES = ['scored', 'rejects', 'summary', 'duplicates'];

export interface Validated {
  ruleset: Ruleset;
  issues: RulesetIssue[];
}

export function validateRuleset(root: Node, file: string): Validated {
  const r = new Reader();
  const top = r.map(root, 'the ruleset', TOP_KEYS);
  const ruleset: Ruleset = {
    file, columns: new Map(), spend: new Map(), conditions: new Map(), engagement: [], fit: [],
    bant: new Map(), disqualifiers: [], stages: [], priority: { score: 'total', bands: [] }, rename: new Map(),
  };
  if (!top) return { ruleset, issues: r.issues };
  const at = (key: string) => get(top, key);

  const version = at('version');
  if (version && r.number(version, '"version"') !== undefined && (version as { value: unknown }).value !== 1) {
    r.error(version.pos, 'unsupported ruleset version; this leadq reads version 1');
  }
  const asOf = at('as_of');
  if (asOf) ruleset.asOf = readDate(r, asOf, '"as_of"');
  ruleset.columns = readColumns(r, at('columns'));
  const source = at('source_column');
  if (source) ruleset.sourceColumn = columnRef(r, source, '"source_column"');
  ruleset.spend = readSpend(r, at('spend'));
  const freeMail = at('free_mail_domains');
  if (freeMail) ruleset.freeMailDomains = r.strings(freeMail, '"free_mail_domains"')?.map((d) => d.trim().toLowerCase());

  const conditions = at('conditions');
  const conditionsMap = conditions && r.map(conditions, '"conditions"');
  for (const [name, entry] of conditionsMap?.entries ?? []) {
    const c = readCondition(r, entry.node, { results: false });
    if (c) ruleset.conditions.set(name, c);
  }
  // one set for both groups: engagement and fit reasons share the reasons column
  const ruleNames = new Set<string>();
  ruleset.engagement = readScoreRules(r, at('engagement'), 'engagement', ruleNames);
  ruleset.fit = readScoreRules(r, at('fit'), 'fit', ruleNames);
  ruleset.bant = readBant(r, at('bant'));
  ruleset.disqualifiers = readDisqualifiers(r, at('disqualifiers'));
  ruleset.stages = readStages(r, at('stages'), top.pos);
  ruleset.priority = readPriority(r, at('priority'));
  ruleset.rename = readOutput(r, at('output'));

  // a named condition with a mistake is still defined: its users should not get a second error
  checkReferences(r, ruleset, new Set(conditionsMap?.entries.keys() ?? []));
  checkRisingThresholds(r, ruleset.stages);
  return { ruleset, issues: r.issues };
}

function readDate(r: Reader, node: Node, what: string): string | undefined {
  const text = node.kind === 'scalar' && node.value !== null ? String(node.value) : '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(parseDay(text))) return text;
  r.error(node.pos, `${what} must be a date written YYYY-MM-DD; got ${JSON.stringify(text)}`);
  return undefined;
}

function columnRef(r: Reader, node: Node, what: string): ColumnRef | undefined {
  const name = r.string(node, what);
  return name === undefined ? undefined : { name, pos: node.pos };
}

function readColumns(r: Reader, node: Node | undefined): Map<string, ColumnRef> {
  const out = new Map<string, ColumnRef>();
  const map = node && r.map(node, '"columns"');
  for (const [name, entry] of map?.entries ?? []) {
    const header = columnRef(r, entry.node, `the header for "${name}"`);
    if (header) out.set(name, header);
  }
  return out;
}

function readSpend(r: Reader, node: Node | undefined): Map<string, number> {
  const out = new Map<string, number>();
  const map = node && r.map(node, '"spend"');
  for (const [source, entry] of map?.entries ?? []) {
    const amount = r.number(entry.node, `the spend of "${source}"`);
    if (amount !== undefined && amount < 0) r.error(entry.node.pos, `the spend of "${source}" must not be negative; got ${amount}`);
    else if (amount !== undefined) out.set(source, amount);
  }
  return out;
}

function readScoreRules(r: Reader, node: Node | undefined, group: string, names: Set<string>): ScoreRule[] {
  const seq = node && r.seq(node, `"${group}"`);
  const rules: ScoreRule[] = [];
  for (const item of seq?.items ?? []) {
    const map = r.map(item, `a rule in "${group}"`, RULE_KEYS);
    if (!map) continue;
    const rule = readScoreRule(r, map, group);
    if (!rule) continue;
    if (names.has(rule.name)) r.error(map.pos, `the rule name "${rule.name}" is used twice; names must be unique (across engagement and fit) so reasons can be told apart`);
    names.add(rule.name);
    rules.push(rule);
  }
  return rules;
}

function readScoreRule(r: Reader, map: MapNode, group: string): ScoreRule | undefined {
  const nameNode = get(map, 'name');
  const pointsNode = get(map, 'points');
  if (!nameNode) r.error(map.pos, `a rule in "${group}" needs a "name" (it is what the reasons column shows)`);
  if (!pointsNode) r.error(map.pos, `a rule in "${group}" needs "points"`);
  const name = nameNode && r.string(nameNode, '"name"');
  const points = pointsNode && r.number(pointsNode, '"points"');
  if (points !== undefined && Math.round(points * 100) / 100 !== points) {
    r.error(pointsNode!.pos, `"points" may have at most two decimals (scores are kept to cents so the reasons add up); got ${points}`);
  }
  if (name !== undefined && name.includes(';')) r.error(nameNode!.pos, `a rule name cannot contain ";": it separates the rules in the reasons column`);
  const whenNode = get(map, 'when');
  const perNode = get(map, 'per');
  const maxNode = get(map, 'max');
  const when = whenNode && readCondition(r, whenNode, { results: false });
  const per = perNode && columnRef(r, perNode, '"per"');
  const max = maxNode && r.number(maxNode, '"max"');
  if (max !== undefined && max < 0) r.error(maxNode!.pos, `"max" caps the size of the points and must not be negative; got ${max}`);
  if (!whenNode && !perNode && name !== undefined) r.error(map.pos, `the rule "${name}" needs "when", "per" or both; otherwise it would fire for every lead`);
  if (name === undefined || points === undefined || (whenNode && !when) || (perNode && !per)) return undefined;
  return { name, points, when, per, max: max ?? undefined, pos: map.pos };
}

function readBant(r: Reader, node: Node | undefined): Map<BantKey, Condition> {
  const out = new Map<BantKey, Condition>();
  const map = node && r.map(node, '"bant"', BANT_KEYS);
  for (const [key, entry] of map?.entries ?? []) {
    if (!(BANT_KEYS as readonly string[]).includes(key)) continue;
    const c = readCondition(r, entry.node, { results: false });
    if (c) out.set(key as BantKey, c);
  }
  return out;
}

function readDisqualifiers(r: Reader, node: Node | undefined) {
  const seq = node && r.seq(node, '"disqualifiers"');
  const out: Ruleset['disqualifiers'] = [];
  for (const item of seq?.items ?? []) {
    const map = r.map(item, 'a disqualifier', ['reason', 'when']);
    if (!map) continue;
    const reasonNode = get(map, 'reason');
    const whenNode = get(map, 'when');
    if (!reasonNode) r.error(map.pos, 'a disqualifier needs a "reason" (a code such as do_not_contact)');
    if (!whenNode) r.error(map.pos, 'a disqualifier needs "when"');
    const reason = reasonNode && r.string(reasonNode, '"reason"');
    const when = whenNode && readCondition(r, whenNode, { results: false });
    if (reason !== undefined && when) out.push({ reason, when, pos: map.pos });
  }
  return out;
}

function readStages(r: Reader, node: Node | undefined, topPos: Pos): Stage[] {
  if (!node) {
    r.error(topPos, 'the ruleset needs "stages": the funnel from lowest to highest, e.g. lead, mql, sql');
    return [];
  }
  const seq = r.seq(node, '"stages"');
  const stages: Stage[] = [];
  for (const [i, item] of (seq?.items ?? []).entries()) {
    const map = r.map(item, 'a stage', ['name', 'when']);
    if (!map) continue;
    const nameNode = get(map, 'name');
    const name = nameNode ? r.string(nameNode, 'the stage name') : undefined;
    if (!nameNode) r.error(map.pos, 'a stage needs a "name"');
    const whenNode = get(map, 'when');
    const when = whenNode && readCondition(r, whenNode, { results: true });
    if (name === undefined) continue;
    if (!/^[A-Za-z0-9_-]+$/.test(name)) r.error(nameNode!.pos, `the stage name "${name}" names an output file; use letters, digits, _ and - only`);
    if (name.toLowerCase() === DISQUALIFIED) r.error(nameNode!.pos, `"${DISQUALIFIED}" is leadq's own stage for disqualified leads; choose another name`);
    else if (RESERVED_FILE_NAMES.includes(name.toLowerCase())) r.error(nameNode!.pos, `the stage name "${name}" would overwrite ${name.toLowerCase()}.${name.toLowerCase() === 'summary' ? 'json' : 'csv'} in --out-dir; choose another name`);
    if (stages.some((s) => s.name.toLowerCase() === name.toLowerCase())) r.error(nameNode!.pos, `the stage "${name}" is defined twice`);
    if (i === 0 && whenNode) r.warning(whenNode.pos, `the lowest stage "${name}" is every lead's default; its "when" is ignored`);
    if (i > 0 && !whenNode) r.error(map.pos, `the stage "${name}" needs "when": only the lowest stage is a default`);
    stages.push({ name, when: i === 0 ? undefined : when, pos: map.pos });
  }
  if (seq && seq.items.length === 0) r.error(seq.pos, '"stages" must list at least one stage');
  return stages;
}

function readPriority(r: Reader, node: Node | undefined): Ruleset['priority'] {
  const fallback: Ruleset['priority'] = { score: 'total', bands: [] };
  const map = node && r.map(node, '"priority"', ['score', 'bands']);
  if (!map) return fallback;
  const scoreNode = get(map, 'score');
  const score = scoreNode ? r.string(scoreNode, '"priority.score"') : 'total';
  if (score !== undefined && !['engagement', 'fit', 'total'].includes(score)) {
    r.error(scoreNode!.pos, `"priority.score" must be engagement, fit or total; got "${score}"${didYouMean(score, ['engagement', 'fit', 'total'])}`);
  }
  const bandsNode = get(map, 'bands');
  const seq = bandsNode ? r.seq(bandsNode, '"priority.bands"') : undefined;
  if (!bandsNode) r.error(map.pos, '"priority" needs "bands", e.g. [{name: P1, min: 80}, {name: P2, min: 50}, {name: P3}]');
  else if (seq && seq.items.length === 0) r.error(seq.pos, '"priority.bands" must list at least one band');
  const bands: PriorityBand[] = [];
  for (const [i, item] of (seq?.items ?? []).entries()) {
    const band = r.map(item, 'a priority band', ['name', 'min']);
    if (!band) continue;
    const nameNode = get(band, 'name');
    const minNode = get(band, 'min');
    const name = nameNode ? r.string(nameNode, 'the band name') : undefined;
    if (!nameNode) r.error(band.pos, 'a priority band needs a "name"');
    const min = minNode ? r.number(minNode, '"min"') : undefined;
    const last = i === seq!.items.length - 1;
    if (!minNode && !last) r.error(band.pos, 'only the last priority band may leave out "min"');
    const previous = bands.at(-1)?.min;
    if (min !== undefined && previous !== undefined && min >= previous) {
      r.error(minNode!.pos, `priority bands go from the highest score down; ${min} is not below the previous band's ${previous}`);
    }
    if (name !== undefined) bands.push({ name, min });
  }
  return { score: (score ?? 'total') as Ruleset['priority']['score'], bands };
}

function readOutput(r: Reader, node: Node | undefined): Map<ResultColumn, string> {
  const out = new Map<ResultColumn, string>();
  const map = node && r.map(node, '"output"', ['rename']);
  const renameNode = map && get(map, 'rename');
  const rename = renameNode && r.map(renameNode, '"output.rename"', RESULT_COLUMNS);
  for (const [key, entry] of rename?.entries ?? []) {
    const to = r.string(entry.node, `the new name for "${key}"`);
    if (to !== undefined && (RESULT_COLUMNS as readonly string[]).includes(key)) out.set(key as ResultColumn, to);
  }
  return out;
}
