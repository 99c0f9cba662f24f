/** Loading a ruleset end to end: read, parse with positions, validate. */
import { LeadqError, formatLocated } from '../model/errors.js';
import { parseRules, readRulesFile } from './load.js';
import type { Ruleset, RulesetIssue } from './types.js';
import { validateRuleset } from './validate.js';

export interface LoadedRuleset {
  ruleset: Ruleset;
  warnings: RulesetIssue[];
}

/** Throws RULES_INVALID listing every error; warnings are returned for the caller to show. */
export function loadRuleset(file: string): LoadedRuleset & { source: string } {
  const source = readRulesFile(file);
  return { ...rulesetFromText(source, file), source };
}

/** The same from the file's text (worker threads compile from the text the main thread read). */
export function rulesetFromText(source: string, file: string): LoadedRuleset {
  const root = parseRules(source, file);
  const { ruleset, issues } = validateRuleset(root, file);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw issuesError('RULES_INVALID', file, errors);
  return { ruleset, warnings: issues.filter((i) => i.severity === 'warning') };
}

export function formatIssue(file: string, issue: RulesetIssue): string {
  const label = issue.severity === 'warning' ? 'warning: ' : '';
  return formatLocated(`${label}${issue.message}`, issue.pos ? file : undefined, issue.pos?.line, issue.pos?.col);
}

export function issuesError(code: 'RULES_INVALID' | 'RULES_COLUMN_MISSING', file: string, issues: RulesetIssue[]): LeadqError {
  const sorted = [...issues].sort((a, b) => (a.pos?.line ?? 0) - (b.pos?.line ?? 0) || (a.pos?.col ?? 0) - (b.pos?.col ?? 0));
  const lines = sorted.map((i) => formatIssue(file, i));
  const count = `${issues.length} problem${issues.length === 1 ? '' : 's'} in ${file}`;
  return new LeadqError(code, `${lines.join('\n')}\n${count}`);
}
