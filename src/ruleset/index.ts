/** Loading a ruleset end to end: read, parse with positions, validate. */
import { issuesError } from './issues.js';
import { parseRules, readRulesFile, rulesName } from './load.js';
import type { Ruleset, RulesetIssue } from './types.js';
import { validateRuleset } from './validate.js';

export interface LoadedRuleset {
  ruleset: Ruleset;
  warnings: RulesetIssue[];
}

/** Throws RULES_INVALID listing every error; warnings are returned for the caller to show. */
export function loadRuleset(file: string): LoadedRuleset & { source: string } {
  const source = readRulesFile(file);
  return { ...rulesetFromText(source, rulesName(file)), source };
}

/** The same from the file's text (worker threads compile from the text the main thread read). */
export function rulesetFromText(source: string, file: string): LoadedRuleset {
  const root = parseRules(source, file);
  const { ruleset, issues } = validateRuleset(root, file);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw issuesError('RULES_INVALID', file, errors);
  return { ruleset, warnings: issues.filter((i) => i.severity === 'warning') };
}

export { detailsOnce, formatIssue, headerIssuesError, issuesError, sortIssues } from './issues.js';
export { rulesName } from './load.js';
