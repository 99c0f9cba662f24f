/**
 * Writing changes back into a ruleset's YAML with everything else kept: comments, key order,
 * flow or block style, the keys calibrate does not touch. `calibrate` uses it to re-set points,
 * add rules, move thresholds and say why beside each change. Works on the yaml package's Document
 * (parseDocument … toString), never on the validated Ruleset, so what is not edited is written as
 * the analyst wrote it. Pure: text in, text out.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';

/** A rule of engagement or fit (in a group or not) given new points. */
export interface PointsEdit {
  name: string;
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

const asMap = (n: unknown): YAMLMap | undefined => (isMap(n) ? n : undefined);
const asSeq = (n: unknown): YAMLSeq | undefined => (isSeq(n) ? n : undefined);

/** Appends a trailing comment to a node, keeping one that was there. */
function trail(node: Node, comment: string): void {
  node.comment = node.comment ? `${node.comment}; ${comment}` : ` ${comment}`;
}

/** Each rule map of engagement and fit (groups' rules included), by name; and each group map, by name. */
function ruleMaps(doc: Document): { rules: Map<string, YAMLMap>; groups: Map<string, YAMLMap> } {
  const rules = new Map<string, YAMLMap>();
  const groups = new Map<string, YAMLMap>();
  for (const list of ['engagement', 'fit']) {
    for (const item of asSeq(doc.get(list, true))?.items ?? []) {
      const map = asMap(item);
      if (!map) continue;
      const inner = asSeq(map.get('rules', true));
      if (inner) {
        groups.set(String(map.get('group')), map);
        for (const r of inner.items) { const m = asMap(r); if (m) rules.set(String(m.get('name')), m); }
      } else rules.set(String(map.get('name')), map);
    }
  }
  return { rules, groups };
}

/** The score thresholds a change of points moves: stage score tests, grade bands, priority bands. */
export function thresholdSites(source: string): ThresholdSite[] {
  const doc = parseDocument(source);
  const sites: ThresholdSite[] = [];
  const walk = (node: unknown, path: (string | number)[], where: string) => {
    const map = asMap(node);
    if (map) {
      const score = map.get('score');
      if (typeof score === 'string') {
        for (const op of ['gte', 'gt', 'lte', 'lt']) {
          const v = map.get(op);
          if (typeof v === 'number') sites.push({ path: [...path, op], score, op, value: v, where });
        }
      }
      for (const pair of map.items) if (isScalar(pair.key)) walk(pair.value, [...path, String(pair.key.value)], where);
      return;
    }
    asSeq(node)?.items.forEach((item, i) => walk(item, [...path, i], where));
  };
  asSeq(doc.get('stages', true))?.items.forEach((stage, i) => {
    const m = asMap(stage);
    if (m?.has('when')) walk(m.get('when', true), ['stages', i, 'when'], `stage ${String(m.get('name'))}`);
  });
  const priority = asMap(doc.get('priority', true));
  const pscore = priority && typeof priority.get('score') === 'string' ? String(priority.get('score')) : 'total';
  asSeq(priority?.get('bands', true))?.items.forEach((band, i) => {
    const m = asMap(band);
    const min = m?.get('min');
    if (typeof min === 'number') sites.push({ path: ['priority', 'bands', i, 'min'], score: pscore, op: 'gte', value: min, where: `priority ${String(m!.get('name'))}` });
  });
  for (const score of ['fit', 'engagement']) {
    const bands = asMap(doc.getIn(['grades', score], true));
    for (const pair of bands?.items ?? []) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      const v = isScalar(pair.value) ? pair.value.value : undefined;
      if (key !== undefined && typeof v === 'number') sites.push({ path: ['grades', score, key as string | number], score, op: 'gte', value: v, where: `grade ${score} ${String(key)}` });
    }
  }
  return sites;
}

/** The ruleset's text with the edits applied; everything else as it was. */
export function applyEdits(source: string, edits: Edits): string {
  const doc = parseDocument(source);
  const { rules, groups } = ruleMaps(doc);
  for (const e of edits.points) {
    const map = rules.get(e.name);
    if (!map) throw new Error(`no rule named "${e.name}" in the ruleset`);
    map.set('points', e.points);
    if (e.max === null) map.delete('max');
    else if (e.max !== undefined) map.set('max', e.max);
    // a comment inside a flow map would turn it into a block of braces: put it after the map
    const at = map.flow ? map : (map.get('points', true) as Node);
    trail(at, e.comment);
  }
  for (const name of edits.removeGroupMax) {
    const g = groups.get(name);
    if (g?.has('max')) {
      g.delete('max');
      trail(g.get('group', true) as Node, 'its max was removed by calibrate: it capped the old points');
    }
  }
  for (const score of edits.removeBounds) {
    const bounds = asMap(doc.getIn(['scores', score], true));
    if (!bounds) continue;
    bounds.delete('floor');
    bounds.delete('ceiling');
    if (bounds.items.length === 0) asMap(doc.get('scores', true))?.delete(score);
  }
  const scores = asMap(doc.get('scores', true));
  if (scores && scores.items.length === 0) doc.delete('scores');
  for (const list of ['engagement', 'fit'] as const) {
    const added = edits.added[list];
    if (added.length === 0) continue;
    let seq = asSeq(doc.get(list, true));
    if (!seq) { doc.set(list, doc.createNode([])); seq = asSeq(doc.get(list, true))!; }
    seq.flow = false;
    added.forEach((r, i) => {
      const node = doc.createNode({ name: r.name, when: r.when, points: r.points }) as YAMLMap;
      (node.get('when', true) as Node & { flow?: boolean }).flow = true;
      trail(node.get('points', true) as Node, r.comment);
      const before = [i === 0 ? edits.addedComment[list] : '', r.before ?? ''].filter((c) => c !== '');
      if (before.length > 0) node.commentBefore = before.map((c) => ` ${c}`).join('\n');
      seq!.items.push(node);
    });
  }
  for (const v of edits.values) {
    const parent = doc.getIn(v.path.slice(0, -1), true);
    const key = v.path[v.path.length - 1];
    if (isMap(parent)) {
      parent.set(key, v.value);
      const scalar = parent.get(key, true) as Node;
      trail(parent.flow ? parent : scalar, v.comment);
    }
  }
  const top = doc.contents as Node | null;
  if (top && edits.header.length > 0) {
    const mine = edits.header.map((l) => ` ${l}`).join('\n');
    top.commentBefore = top.commentBefore ? `${top.commentBefore}\n\n${mine}` : mine;
  }
  return doc.toString({ lineWidth: 0 });
}
