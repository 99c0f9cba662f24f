/**
 * How a file the ruleset names beside the export is read — `encoding:`, `delimiter:`,
 * `skip_lines:`, `placeholders:` of a related file or an account file — as one piece, so the two
 * kinds of file take the same keys the same way.
 */
import type { ShapeName } from './keys.js';
import type { MapNode } from './tree.js';
import type { FileReading } from './types.js';
import { readValue } from './validate-value.js';

/** The reading keys of `node` (an entry of shape `shape`); those absent are left out. */
export function readFileReading(node: MapNode, shape: ShapeName): FileReading {
  const out: FileReading = {};
  const encoding = readValue<string>(node, shape, 'encoding');
  if (encoding !== undefined) out.encoding = encoding.trim();
  const delimiter = readValue<string>(node, shape, 'delimiter');
  if (delimiter !== undefined) out.delimiter = delimiter === 'tab' ? '\t' : delimiter;
  const skip = readValue<number>(node, shape, 'skip_lines');
  if (skip !== undefined) out.skipLines = skip;
  const placeholders = readValue<string[]>(node, shape, 'placeholders');
  if (placeholders) out.placeholders = placeholders;
  return out;
}
