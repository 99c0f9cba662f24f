/**
 * Renders a `Summary`: JSON (stable, versioned, for machines), Markdown and CSV (for people and
 * spreadsheets) and a coloured table for the terminal. Pure: callers decide where text goes.
 */
import { escapeControls, quoteData } from '../model/errors.js';
import { createRequire } from 'node:module';
import { needsFormulaEscape } from '../model/formula-escape.js';
import type { Summary, UnmatchedSpend } from './summary.js';
import type { AccountsSummary } from './accounts.js';

export type SummaryFormat = 'json' | 'md' | 'csv';

export function summaryFormatFor(path: string): SummaryFormat | undefined {
  const ext = path.toLowerCase().split('.').pop();
  return ext === 'json' ? 'json' : ext === 'md' || ext === 'markdown' ? 'md' : ext === 'csv' ? 'csv' : undefined;
}

/**
 * Lead sources and column names come from the export: in CSV they are formula-escaped like any
 * cell (`escapeFormulas`, default on); in Markdown and on the terminal control characters are
 * shown escaped, so a crafted source name cannot send escape sequences to whoever reads it.
 */
export function renderSummary(summary: Summary, format: SummaryFormat, escapeFormulas = true): string {
  if (format === 'json') return `${JSON.stringify(summary, null, 2)}\n`;
  if (format === 'csv') return summaryCsv(summary, escapeFormulas);
  return summaryMarkdown(summary);
}

const na = (x: number | null) => (x === null ? 'n/a' : money(x));
const pct = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)}%`);
function money(x: number): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: Number.isInteger(x) ? 0 : 2, maximumFractionDigits: 2 });
}

/** Rows of the per-source table, with a total row; shared by Markdown, CSV and the terminal. */
export function sourceRows(s: Summary): string[][] {
  const stages = Object.keys(s.stages);
  const rows = s.by_source.map((b) => [escapeControls(b.source), String(b.leads), ...stages.map((st) => String(b.stages[st])), money(b.spend), na(b.cost_per_mql), na(b.cost_per_sql), na(b.cost_per_sqo)]);
  rows.push(['total', String(s.rows.scored), ...stages.map((st) => String(s.stages[st])), money(s.spend_total), na(s.cost_per_mql), na(s.cpsql), na(s.cost_per_sqo)]);
  return rows;
}

export function sourceHeader(s: Summary): string[] {
  return ['source', 'leads', ...Object.keys(s.stages), 'spend', 'cost per MQL', 'cost per SQL', 'cost per SQO'];
}

export function funnelRows(s: Summary): string[][] {
  return s.funnel.map((f) => [f.stage, String(f.reached), pct(f.from_previous), pct(f.from_first)]);
}

export const FUNNEL_HEADER = ['stage', 'reached', 'from previous', 'from first'];

export const ACCOUNT_FUNNEL_HEADER = ['account stage', 'accounts', 'from previous', 'from first'];

/** The account funnel: accounts at each account stage or above, with the rates between stages. */
export function accountFunnelRows(a: AccountsSummary): string[][] {
  return a.funnel.map((f, i) => [f.stage, String(f.reached), i === 0 ? '' : pct(rate(f.reached, a.funnel[i - 1].reached)), i === 0 ? '' : pct(rate(f.reached, a.funnel[0].reached))]);
}

export function accountsLine(a: AccountsSummary): string {
  const t = a.by_key_type;
  return `accounts: ${a.accounts} (by id ${t.id}, by domain ${t.domain}, by name ${t.name}); ${a.leads_with_account} leads in accounts${a.leads_linked > 0 ? ` (${a.leads_linked} by a linked name or domain)` : ''}, ${a.leads_without_account} without`;
}

const rate = (n: number, of: number) => (of === 0 ? null : n / of);

export function headline(s: Summary): string[] {
  const f = s.formulas;
  const risk = f.split_risk_cells > 0 ? `; ${f.split_risk_cells} cells hold ; or , before a formula character (first at line ${f.split_risk_first_lines.join(', ')}): check them before opening in Excel` : '';
  return [
    `rows: ${s.rows.read} read, ${s.rows.scored} scored, ${s.rows.rejected} rejected; ${s.warnings.total} value warnings`,
    ...(f.escaped_cells > 0 || risk ? [`formula escaping: ${f.escaped_cells} cells prefixed with '${risk}`] : []),
    `total spend ${money(s.spend_total)}; CPSQL ${s.cpsql === null ? `not available (${noCpsqlReason(s)})` : money(s.cpsql)}`,
  ];
}

/** Why the CPSQL is null: the cost needs a stage counting as SQL, leads at it, and spend. */
function noCpsqlReason(s: Summary): string {
  const sql = s.funnel.find((f) => f.stage === s.cost_stages.sql);
  if (!sql) return 'no stage counts as SQL';
  return sql.reached === 0 ? 'no SQLs' : 'no spend given';
}

/** The warning for spend that names no lead source; on stderr (score) and in the Markdown summary. */
export function unmatchedSpendMessage(u: UnmatchedSpend): string {
  return `spend for ${quoteData(u.source)} matches no lead source${u.nearest === null ? '' : `; nearest: ${quoteData(u.nearest)}`}`;
}

function summaryMarkdown(s: Summary): string {
  const table = (header: string[], rows: string[][]) =>
    [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`)].join('\n');
  const parts = [
    `# leadq summary (as of ${s.as_of})`,
    [...headline(s), ...s.unmatched_spend.map((u) => `warning: ${unmatchedSpendMessage(u)}`)].map((l) => `- ${l}`).join('\n'),
    '## Funnel', table(FUNNEL_HEADER, funnelRows(s)),
    '## By lead source', table(sourceHeader(s), sourceRows(s)),
  ];
  if (s.by_rule.length) parts.push('## Rules', table(RULE_HEADER, ruleRows(s)));
  if (s.completeness) {
    parts.push('## Completeness by stage', table(['stage', 'leads', 'average completeness (0–5)', 'leads with 0 / 1 / 2 / 3 / 4 / 5'],
      s.completeness.map((c) => [c.stage, String(c.leads), c.average === null ? '' : c.average.toFixed(2), c.leads_by_value.join(' / ')])));
  }
  if (s.accounts) parts.push('## Accounts', `- ${accountsLine(s.accounts)}`, table(ACCOUNT_FUNNEL_HEADER, accountFunnelRows(s.accounts)));
  if (s.related?.length) {
    parts.push('## Related files', table(['related', 'file', 'rows', 'matched', 'unmatched', 'rejected', 'after as-of', 'warnings'],
      s.related.map((r) => [r.name, escapeControls(r.file), String(r.rows), String(r.matched), String(r.unmatched), String(r.rejected), String(r.after_as_of),
        String(r.warnings.reduce((a, w) => a + w.count, 0))])));
  }
  if (s.warnings.by_column.length) {
    parts.push('## Value warnings', table(['column', 'expected', 'count', 'first lines'],
      s.warnings.by_column.map((w) => [escapeControls(w.column), w.kind, String(w.count), w.first_lines.join(', ')])));
  }
  return `${parts.join('\n\n')}\n`;
}

/** Plain numbers (no thousands separators), empty where a cost is not available. */
function summaryCsv(s: Summary, escapeFormulas: boolean): string {
  const stages = Object.keys(s.stages);
  const raw = (x: number | null) => (x === null ? '' : String(x));
  const rows = s.by_source.map((b) => [b.source, b.leads, ...stages.map((st) => b.stages[st]), b.spend, raw(b.cost_per_mql), raw(b.cost_per_sql), raw(b.cost_per_sqo)]);
  rows.push(['total', s.rows.scored, ...stages.map((st) => s.stages[st]), s.spend_total, raw(s.cost_per_mql), raw(s.cpsql), raw(s.cost_per_sqo)]);
  // a small table, written with csv-stringify; cells are escaped first like every CSV leadq writes
  const escape = (cell: string | number) => (escapeFormulas && typeof cell === 'string' && needsFormulaEscape(cell) ? `'${cell}` : String(cell));
  const stringify = createRequire(import.meta.url)('csv-stringify/sync').stringify as typeof import('csv-stringify/sync').stringify;
  return stringify([sourceHeader(s), ...rows].map((r) => r.map(escape)), { record_delimiter: 'unix', quoted_match: /\r/ });
}

export const RULE_HEADER = ['rule', 'score', 'leads', 'points'];

/** Per rule: the leads it fired for and the points it added (what drives the scores), in ruleset order. */
export function ruleRows(s: Summary): string[][] {
  return s.by_rule.map((r) => [escapeControls(r.rule), r.score, String(r.leads), money(r.points)]);
}
