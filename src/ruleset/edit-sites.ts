/**
 * The score thresholds of a ruleset (stage score tests, grade bands, priority bands), for
 * calibrate to decide their new values, and the step of ruleset/edit.ts that writes them.
 */
import { isScalar, parseDocument } from 'yaml';
import type { ThresholdSite, ValueEdit } from './edit.js';
import { asMap, asSeq, edited, setScalar, rangeOf } from './edit-text.js';

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

/** Numbers set anew at their paths, each with its comment at the end of the line. */
export function setValues(source: string, values: ValueEdit[]): string {
  return edited(source, (doc, sp) => {
    for (const v of values) {
      const node = doc.getIn(v.path, true);
      if (!isScalar(node)) continue;
      setScalar(sp, node, v.value);
      sp.comment(rangeOf(node)[0], v.comment);
    }
  });
}
