/**
 * The ruleset tree → a `Ruleset`, with every problem collected (errors apart from warnings) so
 * `leadq validate` reports them all in one run. Checks that need the export's header (does a
 * column exist?) are the compiler's.
 */
import { parseDay } from '../model/days.js';
import { readDedupe } from './validate-dedupe.js';
import { readFormats, readPlaceholders, readPreset } from './validate-export.js';
import { didYouMean } from '../model/suggest.js';
import { get, Reader } from './reader.js';
import type { Node, Pos } from './tree.js';
import { keysOf } from './keys.js';
import { type ColumnRef, type Condition, type PriorityBand, type Ruleset, type RulesetIssue, type Stage } from './types.js';
import { GRADE_COLUMN, resultColumns } from '../model/result-columns.js';
import { DISQUALIFIED } from '../model/result-columns.js';
import { BANT_KEYS, type BantKey } from '../model/bant.js';
import { readCondition, type ConditionScope } from './validate-condition.js';
import { checkReferences, checkRisingThresholds } from './validate-references.js';
import { columnRef, readRuleList, type RuleNames } from './validate-rules.js';
import { readGrades, readScores } from './validate-scores.js';
import { readCountsAs, resolveCostStages } from './validate-cost-stages.js';

/** The top-level keys; the table in keys.ts is their one source (the JSON Schema reads it too). */
export const TOP_KEYS = keysOf('ruleset');

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
    file, columns: new Map(), spend: new Map(), spendAt: new Map(), conditions: new Map(), engagement: [], fit: [], groups: [],
    bounds: new Map(), scores: [],
    bant: new Map(), disqualifiers: [], stages: [], costStages: { mql: null, sql: null, sqo: null }, priority: { score: 'total', bands: [] }, rename: new Map(),
  };
  if (!top) return { ruleset, issues: r.issues };
  const at = (key: string) => get(top, key);

  const version = at('version');
  if (version && r.number(version, '"version"') !== undefined && (version as { value: unknown }).value !== 1) {
    r.error(version.pos, 'unsupported ruleset version; this leadq reads version 1');
  }
  const asOf = at('as_of');
  if (asOf) ruleset.asOf = readDate(r, asOf, '"as_of"');
  ruleset.columns = readColumns(r, at('columns'), ruleset);
  const placeholders = at('placeholders');
  if (placeholders) ruleset.placeholders = readPlaceholders(r, placeholders);
  const formats = at('formats');
  if (formats) ruleset.formats = readFormats(r, formats);
  const source = at('source_column');
  if (source) ruleset.sourceColumn = columnRef(r, source, '"source_column"');
  const idColumn = at('id_column');
  if (idColumn) ruleset.idColumn = columnRef(r, idColumn, '"id_column"');
  readSpend(r, at('spend'), ruleset);
  const freeMail = at('free_mail_domains');
  if (freeMail) ruleset.freeMailDomains = r.strings(freeMail, '"free_mail_domains"')?.map((d) => d.trim().toLowerCase());

  const conditions = at('conditions');
  const conditionsMap = conditions && r.map(conditions, '"conditions"');
  for (const [name, entry] of conditionsMap?.entries ?? []) {
    const c = readCondition(r, entry.node, { results: false });
    if (c) ruleset.conditions.set(name, c);
  }
  // one set for every list: all rules share the reasons column and the summary's rule table
  const names: RuleNames = { rules: new Set(), groups: new Set() };
  const engagement = readRuleList(r, at('engagement'), '"engagement"', names);
  const fit = readRuleList(r, at('fit'), '"fit"', names);
  ruleset.engagement = engagement.rules;
  ruleset.fit = fit.rules;
  ruleset.groups = [...engagement.groups, ...fit.groups];
  const scores = readScores(r, at('scores'), names);
  ruleset.bounds = scores.bounds;
  ruleset.scores = scores.scores;
  ruleset.grades = readGrades(r, at('grades'));
  const results: ConditionScope = { results: true, scores: ruleset.scores.map((s) => s.name) };
  ruleset.bant = readBant(r, at('bant'));
  ruleset.disqualifiers = readDisqualifiers(r, at('disqualifiers'));
  ruleset.stages = readStages(r, at('stages'), top.pos, results);
  ruleset.costStages = resolveCostStages(r, ruleset.stages);
  ruleset.priority = readPriority(r, at('priority'), results);
  ruleset.rename = readOutput(r, at('output'), ruleset);
  const dedupe = at('dedupe');
  if (dedupe) ruleset.dedupe = readDedupe(r, dedupe);

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

function readColumns(r: Reader, node: Node | undefined, ruleset: Ruleset): Map<string, ColumnRef> {
  const out = new Map<string, ColumnRef>();
  const map = node && r.map(node, '"columns"');
  for (const [name, entry] of map?.entries ?? []) {
    // `preset` is not a name: it brings a CRM's standard names (explicit names override them)
    if (name === 'preset') { ruleset.preset = readPreset(r, entry.node); continue; }
    const header = columnRef(r, entry.node, `the header for "${name}"`);
    if (header) out.set(name, header);
  }
  return out;
}

function readSpend(r: Reader, node: Node | undefined, ruleset: Ruleset): void {
  const map = node && r.map(node, '"spend"');
  for (const [source, entry] of map?.entries ?? []) {
    const amount = r.number(entry.node, `the spend of "${source}"`);
    if (amount !== undefined && amount < 0) r.error(entry.node.pos, `the spend of "${source}" must not be negative; got ${amount}`);
    else if (amount !== undefined) {
      ruleset.spend.set(source, amount);
      ruleset.spendAt.set(source, entry.keyPos);
    }
  }
}

function readBant(r: Reader, node: Node | undefined): Map<BantKey, Condition> {
  const out = new Map<BantKey, Condition>();
  const map = node && r.map(node, '"bant"', keysOf('bant'));
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
    const map = r.map(item, 'a disqualifier', keysOf('disqualifier'));
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

function readStages(r: Reader, node: Node | undefined, topPos: Pos, scope: ConditionScope): Stage[] {
  if (!node) {
    r.error(topPos, 'the ruleset needs "stages": the funnel from lowest to highest, e.g. lead, mql, sql');
    return [];
  }
  const seq = r.seq(node, '"stages"');
  const stages: Stage[] = [];
  for (const [i, item] of (seq?.items ?? []).entries()) {
    const map = r.map(item, 'a stage', keysOf('stage'));
    if (!map) continue;
    const nameNode = get(map, 'name');
    const name = nameNode ? r.string(nameNode, 'the stage name') : undefined;
    if (!nameNode) r.error(map.pos, 'a stage needs a "name"');
    const whenNode = get(map, 'when');
    const when = whenNode && readCondition(r, whenNode, scope);
    const countsAsNode = get(map, 'counts_as');
    const countsAs = countsAsNode && readCountsAs(r, countsAsNode, name);
    if (name === undefined) continue;
    if (!/^[A-Za-z0-9_-]+$/.test(name)) r.error(nameNode!.pos, `the stage name "${name}" names an output file; use letters, digits, _ and - only`);
    if (name.toLowerCase() === DISQUALIFIED) r.error(nameNode!.pos, `"${DISQUALIFIED}" is leadq's own stage for disqualified leads; choose another name`);
    else if (RESERVED_FILE_NAMES.includes(name.toLowerCase())) r.error(nameNode!.pos, `the stage name "${name}" would overwrite ${name.toLowerCase()}.${name.toLowerCase() === 'summary' ? 'json' : 'csv'} in --out-dir; choose another name`);
    if (stages.some((s) => s.name.toLowerCase() === name.toLowerCase())) r.error(nameNode!.pos, `the stage "${name}" is defined twice`);
    if (i === 0 && whenNode) r.warning(whenNode.pos, `the lowest stage "${name}" is every lead's default; its "when" is ignored`);
    if (i > 0 && !whenNode) r.error(map.pos, `the stage "${name}" needs "when": only the lowest stage is a default`);
    stages.push({ name, when: i === 0 ? undefined : when, ...(countsAs ? { countsAs } : {}), pos: map.pos });
  }
  if (seq && seq.items.length === 0) r.error(seq.pos, '"stages" must list at least one stage');
  return stages;
}

function readPriority(r: Reader, node: Node | undefined, scope: ConditionScope): Ruleset['priority'] {
  const fallback: Ruleset['priority'] = { score: 'total', bands: [] };
  const map = node && r.map(node, '"priority"', keysOf('priority'));
  if (!map) return fallback;
  const scoreNode = get(map, 'score');
  const score = scoreNode ? r.string(scoreNode, '"priority.score"') : 'total';
  const scores = ['engagement', 'fit', 'total', ...(scope.scores ?? [])];
  if (score !== undefined && !scores.includes(score)) {
    r.error(scoreNode!.pos, `"priority.score" must be ${scores.slice(0, -1).join(', ')} or ${scores.at(-1)}; got "${score}"${didYouMean(score, scores)}`);
  }
  const bandsNode = get(map, 'bands');
  const seq = bandsNode ? r.seq(bandsNode, '"priority.bands"') : undefined;
  if (!bandsNode) r.error(map.pos, '"priority" needs "bands", e.g. [{name: P1, min: 80}, {name: P2, min: 50}, {name: P3}]');
  else if (seq && seq.items.length === 0) r.error(seq.pos, '"priority.bands" must list at least one band');
  const bands: PriorityBand[] = [];
  for (const [i, item] of (seq?.items ?? []).entries()) {
    const band = r.map(item, 'a priority band', keysOf('band'));
    if (!band) continue;
    const nameNode = get(band, 'name');
    const minNode = get(band, 'min');
    const whenNode = get(band, 'when');
    const name = nameNode ? r.string(nameNode, 'the band name') : undefined;
    if (!nameNode) r.error(band.pos, 'a priority band needs a "name"');
    const min = minNode ? r.number(minNode, '"min"') : undefined;
    const when = whenNode && readCondition(r, whenNode, scope);
    const last = i === seq!.items.length - 1;
    if (!minNode && !whenNode && !last) r.error(band.pos, 'only the last priority band may leave out "min" (or "when")');
    // bands with a condition may share or skip minimums; plain score bands must fall
    const previous = bands.filter((b) => b.min !== undefined && !b.when).at(-1);
    if (min !== undefined && !whenNode && previous !== undefined && min >= previous.min!) {
      r.error(minNode!.pos, `priority bands go from the highest score down; ${min} is not below the previous band's ${previous.min}`);
    }
    if (name !== undefined && (!whenNode || when)) bands.push({ name, min, when });
  }
  return { score: score ?? 'total', bands };
}

function readOutput(r: Reader, node: Node | undefined, ruleset: Ruleset): Map<string, string> {
  const out = new Map<string, string>();
  const map = node && r.map(node, '"output"', keysOf('output'));
  const renameNode = map && get(map, 'rename');
  // every appended column may be renamed, grade too (a warning without grades: see below)
  const columns = resultColumns(ruleset.scores.map((s) => s.name), true).map((c) => c.name);
  const rename = renameNode && r.map(renameNode, '"output.rename"', columns);
  for (const [key, entry] of rename?.entries ?? []) {
    const to = r.string(entry.node, `the new name for "${key}"`);
    if (key === GRADE_COLUMN && !ruleset.grades) r.warning(entry.keyPos, 'there is no grade column: the ruleset defines no grades');
    if (to !== undefined && columns.includes(key)) out.set(key, to);
  }
  return out;
}
