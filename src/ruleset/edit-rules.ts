/**
 * The steps of ruleset/edit.ts that change the rules of engagement and fit: new points (and
 * `max`), rules removed, groups' caps removed. Rules are found by name in each step's own parse,
 * so a step never depends on the offsets of the text before the previous one.
 */
import type { Document, Node, YAMLMap, YAMLSeq } from 'yaml';
import type { PointsEdit } from './edit.js';
import { asMap, asSeq, blockItems, commentLines, edited, pairOf, rangeOf, removePair, setScalar, type Splices } from './edit-text.js';

export type RuleList = 'engagement' | 'fit';
export const RULE_LISTS: readonly RuleList[] = ['engagement', 'fit'];

/** Where a rule stands: its map, the list holding it, and the group map holding that list (or null). */
interface RulePlace { map: YAMLMap; list: YAMLSeq; group: YAMLMap | null; top: RuleList }

/** Each rule of engagement and fit (groups' rules included) by name, and each group by name. */
export function ruleMaps(doc: Document): { places: Map<string, RulePlace>; groups: Map<string, { map: YAMLMap; top: RuleList }> } {
  const places = new Map<string, RulePlace>();
  const groups = new Map<string, { map: YAMLMap; top: RuleList }>();
  for (const top of RULE_LISTS) {
    const topSeq = asSeq(doc.get(top, true));
    for (const item of topSeq?.items ?? []) {
      const map = asMap(item);
      if (!map) continue;
      const inner = asSeq(map.get('rules', true));
      if (inner) {
        groups.set(String(map.get('group')), { map, top });
        for (const r of inner.items) {
          const m = asMap(r);
          if (m) places.set(String(m.get('name')), { map: m, list: inner, group: map, top });
        }
      } else places.set(String(map.get('name')), { map, list: topSeq!, group: null, top });
    }
  }
  return { places, groups };
}

/** A group that shares nothing with its rules but its `max`: without it, it is no group (GROUP_SHARES_NOTHING). */
export const sharesOnlyMax = (group: YAMLMap): boolean => !['window', 'decay', 'date'].some((key) => group.has(key));

/**
 * Flow lists that a later step adds items to or removes items from, written as block lists
 * first: a flow list's items are entries between commas, where a removed rule could leave no
 * comment and a new rule no evidence. `lists`: engagement or fit, whole; `groups`: groups whose
 * own rules are removed or which are dissolved. Lists no step changes keep their style.
 */
export function blockLists(source: string, lists: Set<RuleList>, groups: Set<string>): string {
  return edited(source, (doc, sp) => {
    for (const top of RULE_LISTS) {
      const seq = asSeq(doc.get(top, true));
      if (!seq || seq.items.length === 0) continue;
      const rewrite = new Set<unknown>();
      for (const item of seq.items) {
        const map = asMap(item);
        const rules = asSeq(map?.get('rules', true));
        if (!map || !rules || !groups.has(String(map.get('group'))) || (!map.flow && !rules.flow)) continue;
        map.flow = false;
        rules.flow = false;
        rewrite.add(item);
      }
      if (seq.flow && (lists.has(top) || rewrite.size > 0)) {
        // the key's line keeps its comment; the items follow it, one a line
        const key = pairOf(doc.contents as YAMLMap, top)!.key as Node;
        const colon = sp.source.indexOf(':', rangeOf(key)[1]) + 1;
        const indent = `${sp.source.slice(sp.lineStart(rangeOf(key)[0]), rangeOf(key)[0])}  `;
        sp.replace(colon, rangeOf(seq)[1], '');
        sp.replace(sp.lineEnd(rangeOf(seq)[1]), sp.lineEnd(rangeOf(seq)[1]), `${sp.eol}${blockItems(sp, seq.items, indent, rewrite).slice(0, -sp.eol.length)}`);
      } else if (!seq.flow) {
        for (const item of rewrite) {
          const { start, end, indent } = sp.lines(item);
          sp.replace(start, end, blockItems(sp, [item], indent, rewrite));
        }
      }
    }
  });
}

/** New points (and `max`) for rules, each with its comment at the end of the line. */
export function setPoints(source: string, edits: PointsEdit[]): string {
  return edited(source, (doc, sp) => {
    const { places } = ruleMaps(doc);
    for (const e of edits) {
      const map = places.get(e.name)?.map;
      if (!map) throw new Error(`no rule named "${e.name}" in the ruleset`);
      const points = map.get('points', true) as Node;
      setScalar(sp, points, e.points);
      const max = pairOf(map, 'max');
      if (max && e.max === null) removePair(sp, map, max);
      else if (max && typeof e.max === 'number') setScalar(sp, max.value as Node, e.max);
      // in a flow map, after its closing brace: its `max` may go, taking the points' line end with it
      sp.comment(map.flow ? rangeOf(map)[1] - 1 : rangeOf(points)[0], e.comment);
    }
  });
}

/**
 * Removes rules (and a group left without rules) as whole block items, each leaving a comment
 * line; a list left empty becomes [] unless `refilled` (new rules come to it).
 */
export function removeRules(source: string, edits: PointsEdit[], refilled: Set<RuleList>): string {
  return edited(source, (doc, sp) => {
    const { places } = ruleMaps(doc);
    const removed = new Set<unknown>();
    const notes = new Map<unknown, string[]>();
    for (const e of edits) {
      const place = places.get(e.name);
      if (!place) throw new Error(`no rule named "${e.name}" in the ruleset`);
      removed.add(place.map);
      const left = place.list.items.filter((i) => !removed.has(i));
      // a group without rules goes too, with the notes of its rules
      if (place.group !== null && left.length === 0) {
        removed.add(place.group);
        notes.set(place.group, [...(notes.get(place.group) ?? []), ...place.list.items.flatMap((i) => notes.get(i) ?? []), e.remove!]);
        for (const i of place.list.items) notes.delete(i);
      } else notes.set(place.map, [e.remove!]);
    }
    for (const [item, texts] of notes) {
      const { start, end, indent } = sp.lines(item);
      sp.replace(start, end, commentLines(sp, indent, texts));
    }
    for (const top of RULE_LISTS) {
      const seq = asSeq(doc.get(top, true));
      if (refilled.has(top) || !seq || seq.flow || seq.items.length === 0 || !seq.items.every((i) => removed.has(i))) continue;
      // every rule removed and none added: the list is empty, not absent
      const key = pairOf(doc.contents as YAMLMap, top)!.key as Node;
      const colon = sp.source.indexOf(':', rangeOf(key)[1]) + 1;
      sp.replace(colon, colon, ' []');
    }
  });
}

/**
 * Removes groups' `max` (it capped the old points). A group that shared nothing else with its
 * rules is dissolved instead: its rules stand in its place, as rules of the list, so that the
 * calibrated ruleset has no group that shares nothing (a warning the original did not have).
 */
export function removeGroupCaps(source: string, names: string[]): string {
  return edited(source, (doc, sp) => {
    const { groups } = ruleMaps(doc);
    for (const name of names) {
      const group = groups.get(name)?.map;
      const max = group && pairOf(group, 'max');
      // a group removed with its rules, or without a max: nothing to do
      if (!group || !max) continue;
      if (sharesOnlyMax(group) && !group.flow) dissolve(sp, group, name);
      else {
        removePair(sp, group, max);
        sp.comment(rangeOf(pairOf(group, 'group')!.value)[0], 'its max was removed by calibrate: it capped the old points');
      }
    }
  });
}

/** A block group's lines replaced by its rules, indented as the list's items, below a comment. */
function dissolve(sp: Splices, group: YAMLMap, name: string): void {
  const rules = asSeq(group.get('rules', true))!;
  const { start, end, indent } = sp.lines(group);
  const note = `calibrate: group "${name}" dissolved, its rules kept: its max capped the old points, and it shared nothing else with them`;
  if (rules.flow || rules.items.length === 0) throw new Error(`ruleset edit: the group "${name}" must be made block before it is dissolved`);
  const first = rangeOf(rules.items[0])[0];
  const from = sp.lineStart(first);
  const shift = sp.source.lastIndexOf('-', first) - from - indent.length;
  const body = sp.source.slice(from, sp.throughLine(rangeOf(rules)[2]));
  const dedented = body.split('\n').map((line) => line.slice(Math.min(shift, /^ */.exec(line)![0].length))).join('\n');
  sp.replace(start, Math.max(end, from + body.length), `${commentLines(sp, indent, [note])}${dedented}`);
}
