/**
 * The step of ruleset/edit.ts that removes the floors and ceilings of engagement and fit under
 * `scores:` (they bounded the old points), each leaving a comment that says so. Every bound is
 * removed in one step, decided together: removing both entries of a `scores:` that holds nothing
 * else removes `scores:` itself, and a flow `scores:` is written once with what stays.
 */
import type { Node, Pair, YAMLMap } from 'yaml';
import { asMap, commentLines, edited, pairOf, rangeOf, removePair } from './edit-text.js';

const keyOf = (p: Pair): string => String((p.key as { value?: unknown }).value);

/** `the floor 0 and ceiling 100 of engagement were removed: …` */
function note(p: Pair): string {
  const bounds = asMap(p.value)?.items ?? [];
  const what = bounds.map((b) => `${keyOf(b)} ${String((b.value as { value?: unknown } | null)?.value)}`).join(' and ');
  return `calibrate: the ${what} of ${keyOf(p)} ${bounds.length === 1 ? 'was' : 'were'} removed: ${bounds.length === 1 ? 'it' : 'they'} bounded the old points`;
}

export function removeBounds(source: string, scores: string[]): string {
  return edited(source, (doc, sp) => {
    const root = doc.contents as YAMLMap;
    const scoresPair = pairOf(root, 'scores');
    const map = asMap(scoresPair?.value);
    if (!scoresPair || !map) return;
    const gone = map.items.filter((p) => scores.includes(keyOf(p)));
    if (gone.length === 0) return;
    if (gone.length === map.items.length) {
      // nothing else under scores: scores goes, its notes in its place
      if (root.flow) { removePair(sp, root, scoresPair); return; }
      const { start, end, indent } = sp.lines(scoresPair.value ?? scoresPair.key, scoresPair.key);
      sp.replace(start, end, commentLines(sp, indent, gone.map(note)));
    } else if (map.flow) {
      const kept = map.items.filter((p) => !gone.includes(p)).map((p) => sp.source.slice(rangeOf(p.key)[0], rangeOf(p.value ?? p.key)[1]));
      sp.replace(rangeOf(map)[0], rangeOf(map)[1], `{ ${kept.join(', ')} }`);
      sp.comment(rangeOf(map)[1] - 1, gone.map(note).join('; '));
    } else {
      for (const p of gone) {
        const { start, end, indent } = sp.lines(p.value ?? (p.key as Node), p.key);
        sp.replace(start, end, commentLines(sp, indent, [note(p)]));
      }
    }
  });
}
