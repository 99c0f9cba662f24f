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
 */
import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

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

const asMap = (n: unknown): YAMLMap | undefined => (isMap(n) ? n : undefined);
const asSeq = (n: unknown): YAMLSeq | undefined => (isSeq(n) ? n : undefined);
/** A node's source range: [start, end of value, end of node (with its trailing comment and line break)]. */
const rangeOf = (n: unknown): [number, number, number] => (n as Node).range!;

/** Where a rule stands: its map, the list holding it, and the group map holding that list (or null). */
interface RulePlace { map: YAMLMap; list: YAMLSeq; group: YAMLMap | null; top: 'engagement' | 'fit'; topSeq: YAMLSeq }

/** Each rule map of engagement and fit (groups' rules included), by name; and each group map, by name. */
function ruleMaps(doc: Document): { rules: Map<string, YAMLMap>; groups: Map<string, YAMLMap>; places: Map<string, RulePlace> } {
  const rules = new Map<string, YAMLMap>();
  const groups = new Map<string, YAMLMap>();
  const places = new Map<string, RulePlace>();
  for (const top of ['engagement', 'fit'] as const) {
    const topSeq = asSeq(doc.get(top, true));
    for (const item of topSeq?.items ?? []) {
      const map = asMap(item);
      if (!map) continue;
      const inner = asSeq(map.get('rules', true));
      if (inner) {
        groups.set(String(map.get('group')), map);
        for (const r of inner.items) {
          const m = asMap(r);
          if (m) { rules.set(String(m.get('name')), m); places.set(String(m.get('name')), { map: m, list: inner, group: map, top, topSeq: topSeq! }); }
        }
      } else { rules.set(String(map.get('name')), map); places.set(String(map.get('name')), { map, list: topSeq!, group: null, top, topSeq: topSeq! }); }
    }
  }
  return { rules, groups, places };
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

/** Text changes on the original source, applied from the end so earlier offsets stay valid. */
class Splices {
  private readonly edits: { start: number; end: number; text: string; order: number }[] = [];
  /** comments to add at a line's end, by the offset of that end */
  private readonly comments = new Map<number, string[]>();
  readonly eol: string;

  constructor(readonly source: string) {
    this.eol = source.includes('\r\n') ? '\r\n' : '\n';
  }

  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, order: this.edits.length });
  }

  lineStart(offset: number): number {
    return this.source.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Where the line holding `offset` ends (before its \r\n or \n). */
  lineEnd(offset: number): number {
    let end = this.source.indexOf('\n', offset);
    if (end < 0) end = this.source.length;
    return end > 0 && this.source[end - 1] === '\r' ? end - 1 : end;
  }

  /** A comment at the end of the line holding `offset`, after one already there. */
  comment(offset: number, text: string): void {
    const at = this.lineEnd(offset);
    const list = this.comments.get(at) ?? [];
    list.push(text);
    this.comments.set(at, list);
  }

  apply(): string {
    for (const [at, texts] of this.comments) {
      const line = this.source.slice(this.lineStart(at), at);
      // a comment is a # after white space (or at the start), outside quotes: near enough for a line of a ruleset
      const commented = /(^|\s)#/.test(line.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '""'));
      this.edits.push({ start: at, end: at, text: commented ? `; ${texts.join('; ')}` : ` # ${texts.join('; ')}`, order: this.edits.length });
    }
    const sorted = [...this.edits].sort((a, b) => b.start - a.start || b.order - a.order);
    let out = this.source;
    for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return out;
  }
}

/** Sets a scalar's value, keeping everything around it. */
function setScalar(sp: Splices, node: Node, value: number): void {
  const [start, end] = rangeOf(node);
  sp.replace(start, end, String(value));
}

/**
 * Removes one key of a map: in a block map its lines, in a flow map its entry. Returns false when
 * the map would be left empty (the caller removes the map instead).
 */
function removePair(sp: Splices, map: YAMLMap, pair: Pair): boolean {
  const rest = map.items.filter((p) => p !== pair);
  if (rest.length === 0) return false;
  if (map.flow) {
    // just the entry and one comma, so that edits of the other entries stand
    const i = map.items.indexOf(pair);
    if (i > 0) sp.replace(rangeOf(map.items[i - 1].value)[1], rangeOf(pair.value)[1], '');
    else sp.replace(rangeOf(pair.key)[0], rangeOf(map.items[1].key)[0], '');
    return true;
  }
  const start = sp.lineStart(rangeOf(pair.key)[0]);
  const end = rangeOf(pair.value)[2];
  sp.replace(start, end < sp.source.length && sp.source[end - 1] !== '\n' ? sp.lineEnd(end) + sp.eol.length : end, '');
  return true;
}

/** The key `key` of a map and its pair. */
const pairOf = (map: YAMLMap, key: string) => map.items.find((p) => isScalar(p.key) && p.key.value === key);

/** New rules as block YAML, each line indented by `indent`. */
function rulesText(rules: NewRule[], lead: string, indent: string, eol: string): string {
  const lines: string[] = [];
  rules.forEach((r, i) => {
    for (const c of [i === 0 ? lead : '', r.before ?? ''].filter((x) => x !== '')) lines.push(`${indent}# ${c}`);
    const doc = new Document({ name: r.name, when: r.when, points: r.points });
    const map = doc.contents as YAMLMap;
    (map.get('when', true) as Node & { flow?: boolean }).flow = true;
    (map.get('points', true) as Node).comment = ` ${r.comment}`;
    doc.toString({ lineWidth: 0 }).replace(/\n$/, '').split('\n').forEach((line, j) => lines.push(`${indent}${j === 0 ? '- ' : '  '}${line}`));
  });
  return lines.map((l) => `${l}${eol}`).join('');
}

/**
 * Removes rules (and a group left without rules) as whole list items, each leaving a comment
 * line; a list left empty becomes []. Returns the maps removed.
 */
function removeRules(sp: Splices, edits: PointsEdit[], places: Map<string, RulePlace>): Set<YAMLMap> {
  const removed = new Set<YAMLMap>();
  const itemLines = (item: YAMLMap) => {
    const start = sp.lineStart(rangeOf(item)[0]);
    const end = rangeOf(item)[2];
    return { start, end: end > 0 && sp.source[end - 1] !== '\n' ? sp.lineEnd(end) + sp.eol.length : end, indent: sp.source.slice(start, sp.source.indexOf('-', start)) };
  };
  const notes = new Map<YAMLMap, string[]>();
  for (const e of edits) {
    const place = places.get(e.name);
    if (!place) throw new Error(`no rule named "${e.name}" in the ruleset`);
    removed.add(place.map);
    const left = place.list.items.filter((i) => !removed.has(i as YAMLMap));
    // a group without rules goes too, its notes with it
    const item = place.group !== null && left.length === 0 ? place.group : place.map;
    if (item === place.group) { removed.add(item); notes.set(item, [...(notes.get(item) ?? []), ...place.list.items.map((i) => notes.get(i as YAMLMap) ?? []).flat(), e.remove!]); for (const i of place.list.items) notes.delete(i as YAMLMap); }
    else notes.set(item, [e.remove!]);
  }
  for (const [item, texts] of notes) {
    const { start, end, indent } = itemLines(item);
    sp.replace(start, end, texts.map((t) => `${indent}# ${t}${sp.eol}`).join(''));
  }
  return removed;
}

/** The ruleset's text with the edits applied; everything else as it was. */
export function applyEdits(source: string, edits: Edits): string {
  const doc = parseDocument(source);
  const sp = new Splices(source);
  const { rules, groups, places } = ruleMaps(doc);
  const removed = removeRules(sp, edits.points.filter((e) => e.remove !== undefined), places);
  for (const e of edits.points) {
    if (e.remove !== undefined) continue;
    const map = rules.get(e.name);
    if (!map) throw new Error(`no rule named "${e.name}" in the ruleset`);
    const points = map.get('points', true) as Node;
    setScalar(sp, points, e.points);
    const max = pairOf(map, 'max');
    if (max && e.max === null) removePair(sp, map, max);
    else if (max && typeof e.max === 'number') setScalar(sp, max.value as Node, e.max);
    sp.comment(rangeOf(points)[0], e.comment);
  }
  for (const name of edits.removeGroupMax) {
    const g = groups.get(name);
    if (g && removed.has(g)) continue;
    const max = g && pairOf(g, 'max');
    if (g && max) {
      removePair(sp, g, max);
      sp.comment(rangeOf(pairOf(g, 'group')!.value)[0], 'its max was removed by calibrate: it capped the old points');
    }
  }
  const scores = asMap(doc.get('scores', true));
  for (const score of edits.removeBounds) {
    const bounds = asMap(scores?.get(score, true));
    if (!scores || !bounds) continue;
    const keep = bounds.items.filter((p) => !(isScalar(p.key) && (p.key.value === 'floor' || p.key.value === 'ceiling')));
    if (keep.length === bounds.items.length) continue;
    if (keep.length > 0) {
      // one key at a time would overlap in a flow map: write what stays
      if (bounds.flow) sp.replace(rangeOf(bounds)[0], rangeOf(bounds)[1], `{ ${keep.map((p) => source.slice(rangeOf(p.key)[0], rangeOf(p.value)[1])).join(', ')} }`);
      else for (const p of bounds.items) if (!keep.includes(p)) removePair(sp, bounds, p);
    } else if (!removePair(sp, scores, pairOf(scores, score)!)) {
      removePair(sp, doc.contents as YAMLMap, pairOf(doc.contents as YAMLMap, 'scores')!);
    }
  }
  for (const list of ['engagement', 'fit'] as const) {
    const added = edits.added[list];
    const seq0 = asSeq(doc.get(list, true));
    if (added.length === 0 && seq0 && !seq0.flow && seq0.items.length > 0 && seq0.items.every((item) => removed.has(item as YAMLMap))) {
      // every rule removed and none added: the list is empty, not absent
      const key = pairOf(doc.contents as YAMLMap, list)!.key as Node;
      const colon = source.indexOf(':', rangeOf(key)[1]) + 1;
      sp.replace(colon, colon, ' []');
    }
    if (added.length === 0) continue;
    const seq = asSeq(doc.get(list, true));
    const lead = edits.addedComment[list];
    if (seq && !seq.flow && seq.items.length > 0) {
      const first = rangeOf(seq.items[0])[0];
      const indent = ' '.repeat(source.lastIndexOf('-', first) - sp.lineStart(first));
      const at = rangeOf(seq.items[seq.items.length - 1])[2];
      const text = rulesText(added, lead, indent, sp.eol);
      sp.replace(at, at, at > 0 && source[at - 1] !== '\n' ? `${sp.eol}${text}` : text);
    } else {
      const top = doc.contents as YAMLMap;
      const pair = pairOf(top, list);
      const text = `${list}:${sp.eol}${rulesText(added, lead, '  ', sp.eol)}`;
      if (pair) {
        const start = sp.lineStart(rangeOf(pair.key)[0]);
        sp.replace(start, sp.lineEnd(rangeOf(pair.value)[1]) + sp.eol.length, text);
      } else {
        sp.replace(source.length, source.length, `${source.endsWith('\n') ? '' : sp.eol}${text}`);
      }
    }
  }
  for (const v of edits.values) {
    const node = doc.getIn(v.path, true);
    if (!isScalar(node)) continue;
    setScalar(sp, node, v.value);
    sp.comment(rangeOf(node)[0], v.comment);
  }
  if (edits.header.length > 0) {
    const first = sp.lineStart(rangeOf(doc.contents)[0]);
    sp.replace(first, first, `${edits.header.map((l) => `# ${l}${sp.eol}`).join('')}${sp.eol}`);
  }
  return sp.apply();
}
