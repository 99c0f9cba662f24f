/**
 * The summary for the terminal (standard error, a person reading): the headline and the funnel,
 * by-source and rule tables of report.ts, aligned by display width and fitted to the terminal.
 * A module of its own, loaded only when standard error is a terminal: measuring display width
 * (string-width, Intl.Segmenter) costs start-up time a cron run does not need.
 */
import type { ChalkInstance } from 'chalk';
import { escapeControls } from '../model/errors.js';
import { ACCOUNT_FUNNEL_HEADER, accountFunnelRows, accountsLine, FUNNEL_HEADER, funnelRows, headline, RULE_HEADER, ruleRows, sourceHeader, sourceRows } from './report.js';
import { relatedLine } from './related-summary.js';
import type { Summary } from './summary.js';
import { alignTable } from './terminal-table.js';

/**
 * The human summary for stderr: aligned columns, colour only through the given chalk. `columns`:
 * the terminal's width; tables wider than it are fitted (terminal-table.ts).
 */
export function renderTerminal(s: Summary, chalk: ChalkInstance, columns?: number): string {
  const lines = [chalk.bold(`leadq summary · as of ${s.as_of}`), ...headline(s).map((l) => chalk.dim(l)), ''];
  const table = (header: string[], rows: string[][]) => alignTable(header, rows, {
    columns, header: (t) => chalk.bold(t), row: (t, r) => (r === rows.length - 1 && rows[r][0] === 'total' ? chalk.cyan(t) : t),
  });
  lines.push(...table(FUNNEL_HEADER, funnelRows(s)));
  lines.push('', ...table(sourceHeader(s), sourceRows(s)));
  if (s.by_rule.length) lines.push('', ...table(RULE_HEADER, ruleRows(s)));
  if (s.accounts) lines.push('', chalk.dim(accountsLine(s.accounts)), ...table(ACCOUNT_FUNNEL_HEADER, accountFunnelRows(s.accounts)));
  if (s.related?.length) lines.push('', ...s.related.map((r) => chalk.dim(`related ${escapeControls(relatedLine(r))}`)));
  // value warnings are printed on every run, terminal or not (value-warnings.ts)
  return `${lines.join('\n')}\n`;
}
