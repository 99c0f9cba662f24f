/**
 * The ruleset tree → a `Ruleset`, with every problem collected (errors apart from warnings) so
 * `leadq validate` reports them all in one run. Two passes: the key table checks every key and
 * value (validate-value.ts, the same rules the JSON Schema states), then the hand-written rules
 * that relate values to each other read the accepted values and build the Ruleset. Checks that
 * need the export's header (does a column exist?) are the compiler's.
 */
import { freeMailDomain } from '../model/email.js';
import { readFormats } from './validate-export.js';
import { readDedupe } from './validate-dedupe.js';
import { readInputSettings, readOutputSettings, readSources, readSpendFileRef } from './validate-exports.js';
import { readRelated } from './validate-related.js';
import { readAccounts, readCompleteness } from './validate-accounts.js';
import { accountLayout, checkCycles } from './resolve-accounts.js';
import { didYouMean } from '../model/suggest.js';
import { get, Reader } from './reader.js';
import type { MapNode, Node } from './tree.js';
import { SHAPES } from './keys.js';
import { type ColumnRef, type Condition, type CostMetric, type PriorityBand, type Ruleset, type RulesetIssue, type Stage } from './types.js';
import { ACCOUNT_COLUMN_NAMES, appendedColumnNames, COMPLETENESS_RESULT_COLUMN } from '../model/result-columns.js';
import { BANT_KEYS, type BantKey } from '../model/bant.js';
import { readCondition, type ConditionScope } from './validate-condition.js';
import { checkReferences, checkRisingThresholds } from './validate-references.js';
import { columnAt, readRuleList, type RuleNames } from './validate-rules.js';
import { readGrades, readScores } from './validate-scores.js';
import { resolveCostStages } from './validate-cost-stages.js';
import { checkShape, pickBranch, readAs, readValue } from './validate-value.js';

export interface Validated {
  ruleset: Ruleset;
  issues: RulesetIssue[];
}

export function validateRuleset(root: Node, file: string): Validated {
  const r = new Reader();
  const ruleset: Ruleset = {
    file, columns: new Map(), spend: new Map(), spendAt: new Map(), conditions: new Map(), engagement: [], fit: [], groups: [],
    bounds: new Map(), scores: [],
    bant: new Map(), disqualifiers: [], stages: [], costStages: { mql: null, sql: null, sqo: null }, priority: { score: 'total', bands: [] }, rename: new Map(),
    input: {}, sources: new Map(), outputSettings: {},
  };
  const top = checkShape(r, root);
  if (!top) return { ruleset, issues: r.issues };
  const at = (key: string) => mapAt(top, key);

  const asOf = readValue<string>(top, 'ruleset', 'as_of');
  if (asOf !== undefined) ruleset.asOf = asOf;
  ruleset.columns = readColumns(at('columns'), ruleset);
  const placeholders = readValue<string[]>(top, 'ruleset', 'placeholders');
  if (placeholders) ruleset.placeholders = placeholders;
  const formats = at('formats');
  if (formats) ruleset.formats = readFormats(r, formats);
  const source = columnAt(top, 'ruleset', 'source_column');
  if (source) ruleset.sourceColumn = source;
  const idColumn = columnAt(top, 'ruleset', 'id_column');
  if (idColumn) ruleset.idColumn = idColumn;
  readSpend(at('spend'), ruleset);
  // how the export is read and the outputs written back (validate-exports.ts)
  ruleset.input = readInputSettings(r, at('input'));
  ruleset.sources = readSources(r, at('sources'));
  ruleset.outputSettings = readOutputSettings(at('output'));
  const freeMail = readValue<string[]>(top, 'ruleset', 'free_mail_domains');
  if (freeMail) ruleset.freeMailDomains = freeMail.map(freeMailDomain);

  const conditions = at('conditions');
  for (const [name, entry] of conditions?.entries ?? []) {
    const c = readCondition(r, entry.node, { results: false });
    if (c) ruleset.conditions.set(name, c);
  }
  // one set for every list: all rules share the reasons column and the summary's rule table
  const names: RuleNames = { rules: new Set(), groups: new Set() };
  const engagement = readRuleList(r, get(top, 'engagement'), names);
  const fit = readRuleList(r, get(top, 'fit'), names);
  ruleset.engagement = engagement.rules;
  ruleset.fit = fit.rules;
  ruleset.groups = [...engagement.groups, ...fit.groups];
  const scores = readScores(r, at('scores'), names);
  ruleset.bounds = scores.bounds;
  ruleset.scores = scores.scores;
  ruleset.grades = readGrades(r, at('grades'));
  const results: ConditionScope = { results: true, scores: ruleset.scores.map((s) => s.name) };
  ruleset.bant = readBant(r, at('bant'));
  ruleset.disqualifiers = readDisqualifiers(r, get(top, 'disqualifiers'));
  ruleset.stages = readStages(r, get(top, 'stages'), results);
  ruleset.costStages = resolveCostStages(r, ruleset.stages);
  ruleset.priority = readPriority(r, at('priority'), results);
  ruleset.rename = readOutput(r, at('output'), ruleset, at('accounts') !== undefined, at('completeness') !== undefined);
  const dedupe = at('dedupe');
  if (dedupe) ruleset.dedupe = readDedupe(r, dedupe);
  const related = at('related');
  if (related) ruleset.related = readRelated(r, related, ruleset);
  const accounts = at('accounts');
  if (accounts) ruleset.accounts = readAccounts(r, accounts, ruleset);
  const completenessNode = at('completeness');
  if (completenessNode) ruleset.completeness = readCompleteness(completenessNode);
  // the order of evaluation, by the names of the account values (no header needed)
  if (ruleset.accounts) checkCycles(ruleset, accountLayout(ruleset, 0), r.issues);

  // a named condition with a mistake is still defined: its users should not get a second error
  checkReferences(r, ruleset, new Set(conditions?.entries.keys() ?? []));
  checkRisingThresholds(r, ruleset.stages);
  return { ruleset, issues: r.issues };
}

/** The mapping at `key`, when it is one (the first pass reported anything else). */
function mapAt(map: MapNode, key: string): MapNode | undefined {
  const node = get(map, key);
  return node?.kind === 'map' ? node : undefined;
}

/** The items of a list that are mappings (the first pass reported any other). */
function mapsIn(node: Node | undefined): MapNode[] {
  return node?.kind === 'seq' ? node.items.filter((item): item is MapNode => item.kind === 'map') : [];
}

function readColumns(map: MapNode | undefined, ruleset: Ruleset): Map<string, ColumnRef> {
  const out = new Map<string, ColumnRef>();
  const type = SHAPES.ruleset.columns.type;
  if (type.t !== 'map') throw new Error('columns: the key table says a map');
  for (const [name, entry] of map?.entries ?? []) {
    // `preset` is not a name: it brings a CRM's standard names (explicit names override them)
    if (name === 'preset') {
      const preset = readAs<string>(entry.node, type.fixed!.preset);
      if (preset !== undefined) ruleset.preset = preset;
      continue;
    }
    const header = readAs<string>(entry.node, type.of);
    if (header !== undefined) out.set(name, { name: header, pos: entry.node.pos });
  }
  return out;
}

function readSpend(map: MapNode | undefined, ruleset: Ruleset): void {
  if (!map) return;
  const branch = pickBranch(SHAPES.ruleset.spend.type, map);
  if (branch.t === 'shape') {
    ruleset.spendFile = readSpendFileRef(map);
    return;
  }
  const type = branch;
  if (type.t !== 'map') throw new Error('spend: the key table says a map');
  for (const [source, entry] of map?.entries ?? []) {
    const amount = readAs<number>(entry.node, type.of);
    if (amount === undefined) continue;
    ruleset.spend.set(source, amount);
    ruleset.spendAt.set(source, entry.keyPos);
  }
}

function readBant(r: Reader, map: MapNode | undefined): Map<BantKey, Condition> {
  const out = new Map<BantKey, Condition>();
  for (const [key, entry] of map?.entries ?? []) {
    if (!(BANT_KEYS as readonly string[]).includes(key)) continue;
    const c = readCondition(r, entry.node, { results: false });
    if (c) out.set(key as BantKey, c);
  }
  return out;
}

function readDisqualifiers(r: Reader, node: Node | undefined): Ruleset['disqualifiers'] {
  const out: Ruleset['disqualifiers'] = [];
  for (const map of mapsIn(node)) {
    const reason = readValue<string>(map, 'disqualifier', 'reason');
    const whenNode = get(map, 'when');
    const when = whenNode && readCondition(r, whenNode, { results: false });
    if (reason !== undefined && when) out.push({ reason, when, pos: map.pos });
  }
  return out;
}

function readStages(r: Reader, node: Node | undefined, scope: ConditionScope): Stage[] {
  const stages: Stage[] = [];
  for (const [i, map] of mapsIn(node).entries()) {
    const nameNode = get(map, 'name');
    // any text: a name of the wrong form is reported once (first pass), and other stages may still refer to it
    const name = nameNode && readAs<string>(nameNode, { t: 'string' });
    const whenNode = get(map, 'when');
    const when = whenNode && readCondition(r, whenNode, scope);
    const metric = readValue<CostMetric>(map, 'stage', 'counts_as');
    if (name === undefined) continue;
    if (stages.some((s) => s.name.toLowerCase() === name.toLowerCase())) r.error(nameNode!.pos, 'STAGE_NAME_DUPLICATE', `the stage "${name}" is defined twice`);
    if (i === 0 && whenNode) r.warning(whenNode.pos, 'STAGE_WHEN_IGNORED', `the lowest stage "${name}" is every lead's default; its "when" is ignored`);
    if (i > 0 && !whenNode) r.error(map.pos, 'STAGE_WHEN_MISSING', `the stage "${name}" needs "when": only the lowest stage is a default`);
    const countsAs = metric === undefined ? undefined : { metric, pos: get(map, 'counts_as')!.pos };
    stages.push({ name, when: i === 0 ? undefined : when, ...(countsAs ? { countsAs } : {}), pos: map.pos });
  }
  return stages;
}

function readPriority(r: Reader, map: MapNode | undefined, scope: ConditionScope): Ruleset['priority'] {
  const fallback: Ruleset['priority'] = { score: 'total', bands: [] };
  if (!map) return fallback;
  const scoreNode = get(map, 'score');
  const score = readValue<string>(map, 'priority', 'score');
  const scores = ['engagement', 'fit', 'total', ...(scope.scores ?? [])];
  if (score !== undefined && !scores.includes(score)) {
    r.error(scoreNode!.pos, 'SCORE_UNKNOWN', `"priority.score" must be ${scores.slice(0, -1).join(', ')} or ${scores.at(-1)}; got "${score}"${didYouMean(score, scores)}`);
  }
  const bandsNode = get(map, 'bands');
  const items = mapsIn(bandsNode);
  const bands: PriorityBand[] = [];
  for (const band of items) {
    const name = readValue<string>(band, 'band', 'name');
    const minNode = get(band, 'min');
    const whenNode = get(band, 'when');
    const min = readValue<number>(band, 'band', 'min');
    const when = whenNode && readCondition(r, whenNode, scope);
    const last = bandsNode?.kind === 'seq' && band === bandsNode.items.at(-1);
    if (!minNode && !whenNode && !last) r.error(band.pos, 'PRIORITY_MIN_MISSING', 'only the last priority band may leave out "min" (or "when")');
    // bands with a condition may share or skip minimums; plain score bands must fall
    const previous = bands.filter((b) => b.min !== undefined && !b.when).at(-1);
    if (min !== undefined && !whenNode && previous !== undefined && min >= previous.min!) {
      r.error(minNode!.pos, 'PRIORITY_BAND_ORDER', `priority bands go from the highest score down; ${min} is not below the previous band's ${previous.min}`);
    }
    if (name !== undefined && (!whenNode || when)) bands.push({ name, min, when });
  }
  return { score: score ?? 'total', bands };
}

/**
 * `accounts`, `completeness`: the ruleset has that section (read after this), which makes the
 * account columns, the completeness column.
 */
function readOutput(r: Reader, map: MapNode | undefined, ruleset: Ruleset, accounts: boolean, completeness: boolean): Map<string, string> {
  const out = new Map<string, string>();
  const rename = map && mapAt(map, 'rename');
  const type = SHAPES.output.rename.type;
  if (type.t !== 'map') throw new Error('output.rename: the key table says a map');
  const columns = appendedColumnNames(ruleset.scores.map((s) => s.name));
  const pattern = new RegExp(type.extraKeys!);
  for (const [key, entry] of rename?.entries ?? []) {
    // the table allows any <name>_score; which names there are, only the ruleset says
    if (!columns.includes(key)) {
      if (pattern.test(key)) r.error(entry.keyPos, 'KEY_UNKNOWN', `unknown key "${key}" in "rename"; expected one of ${columns.join(', ')}${didYouMean(key, columns)}`);
      continue;
    }
    const to = readAs<string>(entry.node, type.fixed?.[key] ?? type.of);
    if (key === 'grade' && !ruleset.grades) r.warning(entry.keyPos, 'RENAME_WITHOUT_GRADES', 'there is no grade column: the ruleset defines no grades');
    if (ACCOUNT_COLUMN_NAMES.includes(key) && !accounts) r.warning(entry.keyPos, 'RENAME_WITHOUT_ACCOUNTS', `there is no ${key} column: the ruleset defines no accounts`);
    if (key === COMPLETENESS_RESULT_COLUMN && !completeness) r.warning(entry.keyPos, 'RENAME_WITHOUT_COMPLETENESS', 'there is no completeness column: the ruleset defines no completeness');
    if (to !== undefined) out.set(key, to);
  }
  return out;
}
