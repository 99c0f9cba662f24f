/**
 * How ruleset issues are shown: `rules.yaml:14:9 message at engagement[3].pionts [KEY_UNKNOWN]`.
 * The position comes first so editors and terminals jump to it; the key path and the code come
 * last, so the message reads as it is and scripts can match the code at the end of the line.
 */
import { LeadqError, formatLocated } from '../model/errors.js';
import type { RulesetIssue } from './types.js';

export function formatIssue(file: string, issue: RulesetIssue): string {
  const label = issue.severity === 'warning' ? 'warning: ' : '';
  const where = issue.path ? ` at ${issue.path}` : '';
  const line = formatLocated(`${label}${issue.message}${where} [${issue.code}]`, issue.pos ? file : undefined, issue.pos?.line, issue.pos?.col);
  return issue.detail ? `${line}\n${issue.detail}` : line;
}

/** Issues by position; the sort is stable, so issues at one position keep their order. */
export function sortIssues(issues: readonly RulesetIssue[]): RulesetIssue[] {
  return [...issues].sort((a, b) => (a.pos?.line ?? 0) - (b.pos?.line ?? 0) || (a.pos?.col ?? 0) - (b.pos?.col ?? 0));
}

/**
 * Issues in order with a detail shown only where it first appears: three missing columns list
 * the export's header once, under the first, not three times.
 */
export function detailsOnce(issues: readonly RulesetIssue[]): RulesetIssue[] {
  const seen = new Set<string>();
  return issues.map((i) => {
    if (i.detail === undefined) return i;
    if (!seen.has(i.detail)) { seen.add(i.detail); return i; }
    const { detail: _shown, ...rest } = i;
    return rest;
  });
}

/** The error that stops a run: every issue on its own line, then the count; the code decides the exit status. */
export function issuesError(code: 'RULES_YAML' | 'RULES_INVALID' | 'RULES_COLUMN_MISSING', file: string, issues: RulesetIssue[]): LeadqError {
  const lines = detailsOnce(sortIssues(issues)).map((i) => formatIssue(file, i));
  const count = `${issues.length} problem${issues.length === 1 ? '' : 's'} in ${file}`;
  return new LeadqError(code, `${lines.join('\n')}\n${count}`);
}

/**
 * The error of issues found against an export's (and related files') header: RULES_COLUMN_MISSING
 * when a column is missing or cannot be told apart (ambiguous, repeated), else RULES_INVALID (a derived column read as what it is
 * not, a name clash): a cron log's code then says what to look for. Both exit 2.
 */
export function headerIssuesError(file: string, issues: RulesetIssue[]): LeadqError {
  const missing = issues.some((i) => i.code === 'COLUMN_MISSING' || i.code === 'COLUMN_AMBIGUOUS' || i.code === 'COLUMN_REPEATED');
  return issuesError(missing ? 'RULES_COLUMN_MISSING' : 'RULES_INVALID', file, issues);
}
