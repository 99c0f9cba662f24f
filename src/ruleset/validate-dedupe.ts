/**
 * The `dedupe:` key: which column identifies a lead, and which of its rows is kept. The key table
 * checked each value; what is here is that keep: latest needs the date that decides.
 */
import { get, type Reader } from './reader.js';
import type { MapNode } from './tree.js';
import type { Dedupe } from './types.js';
import { columnAt } from './validate-rules.js';
import { readValue } from './validate-value.js';

export function readDedupe(r: Reader, map: MapNode): Dedupe | undefined {
  const key = columnAt(map, 'dedupe', 'key');
  const keep = get(map, 'keep') ? readValue<Dedupe['keep']>(map, 'dedupe', 'keep') : 'first';
  if (keep === undefined) return undefined;
  const dateNode = get(map, 'date');
  if (keep === 'latest' && !dateNode) r.error(map.pos, 'DEDUPE_DATE_MISSING', '"dedupe.keep: latest" needs "date": the date column that says which row is the latest');
  if (keep !== 'latest' && dateNode) r.warning(dateNode.pos, 'DEDUPE_DATE_IGNORED', `"dedupe.date" is used only with keep: latest; it is ignored with keep: ${keep}`);
  if (key === undefined || (keep === 'latest' && !dateNode)) return undefined;
  return { key, keep, date: columnAt(map, 'dedupe', 'date') };
}
