/**
 * A ruleset's `file:` paths (its related files, its spend file) are relative to the ruleset's own
 * folder. A ruleset written somewhere else — `leadq init` copying the example, `leadq calibrate
 * --out` — names the same files by paths relative to where it is written, so it reads what the
 * original read until the user points it elsewhere.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, parseDocument, type Scalar } from 'yaml';

/**
 * `text` (a ruleset read from folder `from`) with each `file:` path — `related.<name>.file` and
 * `spend.file`, block or flow style, plain or quoted — and the editor's `$schema` comment made
 * relative to `file`'s folder. Only the paths' own characters change: comments, layout and
 * everything else stay as written.
 */
export function withPathsMoved(text: string, from: string, file: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return text;
  const paths: Scalar[] = [];
  const fileOf = (node: unknown) => {
    const value = isMap(node) ? node.get('file', true) : undefined;
    if (isScalar(value) && typeof value.value === 'string' && value.range) paths.push(value);
  };
  fileOf(doc.contents.get('spend', true));
  const related = doc.contents.get('related', true);
  if (isMap(related)) for (const pair of related.items) fileOf(pair.value);
  const move = (path: string): string => {
    const moved = relative(dirname(resolve(file)), resolve(from, path)).split(sep).join('/');
    return moved.startsWith('.') || moved.startsWith('/') ? moved : `./${moved}`;
  };
  // spliced from the end, so the earlier ranges stay where they are
  let out = text;
  for (const scalar of paths.sort((a, b) => b.range![0] - a.range![0])) {
    const path = scalar.value as string;
    if (isAbsolute(path)) continue;
    const moved = move(path);
    // plain where YAML reads it back as written (in a flow mapping too), else double-quoted (JSON's quoting is YAML's)
    const plain = !/[#:,{}[\]'"\s\\]/.test(moved);
    out = out.slice(0, scalar.range![0]) + (plain ? moved : JSON.stringify(moved)) + out.slice(scalar.range![1]);
  }
  // the editor's schema, when named by a path (not a URL)
  return out.replace(/^(# yaml-language-server: \$schema=)(\S+)[ \t]*$/m, (line, key: string, path: string) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(path) || isAbsolute(path) ? line : key + move(path)));
}
