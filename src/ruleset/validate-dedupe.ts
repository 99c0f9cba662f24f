/** The `dedupe:` key: which column identifies a lead, and which of its rows is kept. */
import { keysOf } from './keys.js';
import { get, type Reader } from './reader.js';
import type { Node } from './tree.js';
import type { Dedupe } from './types.js';

const KEEP = ['first', 'latest', 'highest_score'] as const;

export function readDedupe(r: Reader, node: Node): Dedupe | undefined {
  const map = r.map(node, '"dedupe"', keysOf('dedupe'));
  if (!map) return undefined;
  const keyNode = get(map, 'key');
  if (!keyNode) { r.error(map.pos, '"dedupe" needs "key": the column that identifies a lead, e.g. email'); return undefined; }
  const key = r.string(keyNode, '"dedupe.key"');
  const keepNode = get(map, 'keep');
  const keep = keepNode ? r.string(keepNode, '"dedupe.keep"') : 'first';
  if (keep !== undefined && !(KEEP as readonly string[]).includes(keep)) {
    r.error(keepNode!.pos, `"dedupe.keep" must be one of ${KEEP.join(', ')}; got "${keep}"`);
    return undefined;
  }
  const dateNode = get(map, 'date');
  const date = dateNode ? r.string(dateNode, '"dedupe.date"') : undefined;
  if (keep === 'latest' && !dateNode) r.error(map.pos, '"dedupe.keep: latest" needs "date": the date column that says which row is the latest');
  if (keep !== 'latest' && dateNode) r.warning(dateNode.pos, `"dedupe.date" is used only with keep: latest; it is ignored with keep: ${keep}`);
  if (key === undefined || keep === undefined || (keep === 'latest' && !dateNode)) return undefined;
  return {
    key: { name: key, pos: keyNode.pos },
    keep: keep as Dedupe['keep'],
    date: date !== undefined && dateNode ? { name: date, pos: dateNode.pos } : undefined,
  };
}
