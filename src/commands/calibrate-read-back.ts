/**
 * The calibrated ruleset read back before anything is written. calibrate made that text itself:
 * text that does not read is calibrate's bug, never the user's syntax error at a file that does
 * not exist yet, so it is thrown as an internal error (exit 1, nothing written). Warnings that the
 * original ruleset did not have are returned, to be said beside the file written.
 */
import { LeadqError } from '../model/errors.js';
import { rulesetFromText } from '../ruleset/index.js';
import type { Ruleset, RulesetIssue } from '../ruleset/types.js';

export function readBack(text: string, original: readonly RulesetIssue[]): { ruleset: Ruleset; newWarnings: RulesetIssue[] } {
  let read: ReturnType<typeof rulesetFromText>;
  try {
    read = rulesetFromText(text, 'calibrated ruleset');
  } catch (error) {
    if (!(error instanceof LeadqError)) throw error;
    throw new Error(`calibrate made a ruleset that does not read back, so nothing was written (a bug of leadq; please report it with the original ruleset):\n${error.format()}\n--- the calibrated ruleset ---\n${text}`, { cause: error });
  }
  // by code, as many times as the original had each: the same warning may move to another line
  const had = new Map<string, number>();
  for (const w of original) had.set(w.code, (had.get(w.code) ?? 0) + 1);
  const newWarnings = read.warnings.filter((w) => {
    const left = had.get(w.code) ?? 0;
    had.set(w.code, left - 1);
    return left <= 0;
  });
  return { ruleset: read.ruleset, newWarnings };
}
