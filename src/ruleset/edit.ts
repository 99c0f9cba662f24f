/**
 * Writing changes back into a ruleset's YAML with everything else kept byte for byte: comments,
 * key order, quoting, spacing, flow or block style. `calibrate` uses it to re-set points, add
 * rules, move thresholds and say why beside each change, so the calibrated file diffs against the
 * original in exactly the lines that changed.
 *
 * The yaml package's Document API finds what to change: parseDocument keeps each node's source
 * range, so a new value replaces just its scalar's text, a comment goes at the end of its line, a
 * removed key takes its lines (or, in a flow map, its entry) with it, and new rules — written by
 * the Document API too (createNode, toString) — are indented into place after the list's last
 * item. Never the validated Ruleset: what is not edited stays as the analyst wrote it. Pure: text
 * in, text out.
 *
 * The edits are applied in steps, each on the text the one before wrote and parsed anew
 * (edit-text.ts `edited`): a removed `scores:` and the rules inserted where it began, or two
 * entries leaving one flow map, are changes of different texts and cannot splice into each other.
 * The result is parsed once more: text that is not YAML is a bug of these steps, thrown as one,
 * never handed on to be reported as the user's syntax error.
 */
import { parseDocument } from 'yaml';
import { addRules } from './edit-added.js';
import { blockLists, removeGroupCaps, removeRules, RULE_LISTS, ruleMaps, setPoints, sharesOnlyMax, type RuleList } from './edit-rules.js';
import { removeBounds } from './edit-scores.js';
import { setValues } from './edit-sites.js';
import { edited, rangeOf } from './edit-text.js';

export { thresholdSites } from './edit-sites.js';

/** A rule of engagement or fit (in a group or not) given new points. */
export interface PointsEdit {
  name: string;
  /** remove the rule instead, leaving this comment in its place (a new rule says the same) */
  remove?: string;
  points: number;
  /** a new `max` (per rules: the same number of occurrences at the new points), or null to remove it */
  max?: number | null;
  comment: string;
}

/** A rule to add at the end of engagement or fit. `when` is a condition as plain data. */
export interface NewRule {
  name: string;
  when: unknown;
  points: number;
  comment: string;
  /** a comment line above the rule (the first rule of a column says what the column's rules are) */
  before?: string;
}

/** A number somewhere in the ruleset (a stage's score test, a grade band, a priority band) set anew. */
export interface ValueEdit {
  path: (string | number)[];
  value: number;
  comment: string;
}

/** Where a score threshold stands, for the caller to decide its new value. */
export interface ThresholdSite {
  path: (string | number)[];
  /** engagement, fit, total or a named score */
  score: string;
  /** gte, gt, lte, lt, or a grade / priority band's minimum (gte) */
  op: string;
  value: number;
  /** e.g. 'stage sql', 'grade fit A', 'priority P1' */
  where: string;
}

export interface Edits {
  /** comment lines put above the first key */
  header: string[];
  points: PointsEdit[];
  /** engagement / fit: remove their floor and ceiling under `scores:` (they bounded the old points) */
  removeBounds: string[];
  /** groups whose `max` is removed */
  removeGroupMax: string[];
  added: { engagement: NewRule[]; fit: NewRule[] };
  /** a comment line above the first added rule of each list */
  addedComment: { engagement: string; fit: string };
  values: ValueEdit[];
}

/** The ruleset's text with the edits applied; everything else as it was. */
export function applyEdits(source: string, edits: Edits): string {
  const removals = edits.points.filter((e) => e.remove !== undefined);
  const refilled = new Set(RULE_LISTS.filter((list) => edits.added[list].length > 0));
  let text = blockLists(source, ...structuralTargets(source, edits));
  text = setPoints(text, edits.points.filter((e) => e.remove === undefined));
  text = removeRules(text, removals, refilled);
  text = removeGroupCaps(text, edits.removeGroupMax);
  text = removeBounds(text, edits.removeBounds);
  for (const list of RULE_LISTS) text = addRules(text, list, edits.added[list], edits.addedComment[list]);
  text = setValues(text, edits.values);
  text = addHeader(text, edits.header);
  const errors = parseDocument(text).errors;
  if (errors.length > 0) throw new Error(`ruleset edit: the edited ruleset is not valid YAML (a bug of ruleset/edit.ts): ${errors[0].message}\n${text}`);
  return text;
}

/**
 * The lists whose items a step adds, removes or replaces (new rules, removed rules, dissolved
 * groups), and the groups whose own rules are removed or which are dissolved: made block first.
 */
function structuralTargets(source: string, edits: Edits): [Set<RuleList>, Set<string>] {
  const { places, groups } = ruleMaps(parseDocument(source));
  const lists = new Set<RuleList>(RULE_LISTS.filter((list) => edits.added[list].length > 0));
  const touched = new Set<string>();
  for (const e of edits.points) {
    const place = e.remove === undefined ? undefined : places.get(e.name);
    if (!place) continue;
    lists.add(place.top);
    if (place.group) touched.add(String(place.group.get('group')));
  }
  for (const name of edits.removeGroupMax) {
    const group = groups.get(name);
    if (!group || !group.map.has('max') || !sharesOnlyMax(group.map)) continue;
    lists.add(group.top);
    touched.add(name);
  }
  return [lists, touched];
}

/** Comment lines above the first key, below the file's own opening comments, and a blank line. */
function addHeader(source: string, header: string[]): string {
  if (header.length === 0) return source;
  return edited(source, (doc, sp) => {
    const first = sp.lineStart(rangeOf(doc.contents)[0]);
    sp.replace(first, first, `${header.map((l) => `# ${l}${sp.eol}`).join('')}${sp.eol}`);
  });
}
