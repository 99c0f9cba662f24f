/**
 * The warning for spend that matches no lead source, pointing at where the entry is written:
 * `rules.yaml:47:3` for the ruleset's `spend:`, `spend.csv:4` for `--spend`. Like the ruleset's
 * warnings it goes to stderr unless --quiet; summary.json lists the same entries (`unmatched_spend`).
 */
import { formatLocated } from '../model/errors.js';
import { unmatchedSpendMessage } from './report.js';
import { sourceKey } from './sources.js';
import type { UnmatchedSpend } from './summary.js';
import type { Pos } from '../ruleset/types.js';

/** Where the spend came from: the spend file and each source's line, or the ruleset and each key's position. */
export type SpendOrigin = { file: string; lines: Map<string, number> } | { file: string; positions: Map<string, Pos> };

export function unmatchedSpendWarnings(unmatched: UnmatchedSpend[], origin: SpendOrigin): string {
  const where = (source: string): Partial<Pos> | undefined => {
    // the source shown is one spelling of the entries it stands for: point at the first written
    const written = 'lines' in origin ? [...origin.lines].map(([s, line]) => [s, { line }] as const) : [...origin.positions];
    return written.find(([s]) => sourceKey(s) === sourceKey(source))?.[1];
  };
  return unmatched.map((u) => {
    const at = where(u.source);
    return `${formatLocated(`warning: ${unmatchedSpendMessage(u)}`, origin.file, at?.line, at?.col)}\n`;
  }).join('');
}
