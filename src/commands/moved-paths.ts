/**
 * A ruleset's `file:` paths (its related files, its spend file) are relative to the ruleset's own
 * folder. A ruleset written somewhere else — `leadq init` copying the example, `leadq calibrate
 * --out` — names the same files by paths relative to where it is written, so it reads what the
 * original read until the user points it elsewhere.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** `text` (a ruleset read from folder `from`) with each block-style `file:` path made relative to `file`'s folder. */
export function withPathsMoved(text: string, from: string, file: string): string {
  return text.replace(/^([ \t]+file:[ \t]*)([^\s#'"]+)/gm, (_all, key: string, path: string) => {
    if (isAbsolute(path)) return `${key}${path}`;
    let moved = relative(dirname(resolve(file)), resolve(from, path)).split(sep).join('/');
    if (!moved.startsWith('.') && !moved.startsWith('/')) moved = `./${moved}`;
    return `${key}${moved}`;
  });
}
