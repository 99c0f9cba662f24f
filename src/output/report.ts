/**
 * Renders a `Summary`: JSON (stable, versioned, for machines), Markdown and CSV (for people and
 * spreadsheets) and a coloured table for the terminal. Pure: callers decide where text goes.
 */
import type { ChalkInstance } from 'chalk';
import { stringify } from 'csv-stringify/sync';
import type { Summary } from './summary.js';

export type SummaryFormat = 'json' | 'md' | 'csv';

export function summaryFormatFor(path: string): SummaryFormat | undefined {
  const ext = path.toLowerCase().split('.').pop();
  return ext === 'json' ? 'json' : ext === 'md' || ext === 'markdown' ? 'md' : ext === 'csv' ? 'csv' : undefined;
}

export function renderSummary(summary: Summary, format: SummaryFormat): string {
  if (format === 'json') return `${JSON.stringify(summary, null, 2)}\n`;
  if (format === 'csv') return summaryCsv(summary);
  return summaryMarkdown(summary);
}

const na = (x: number | null) => (x === null ? 'n/a' : money(x));
const pct = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)}%`);
function money(x: number): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: Number.isInteger(x) ? 0 : 2, maximumFractionDigits: 2 });
}

/** Rows of the per-source table, with a total row; shared by Markdown, CSV and the terminal. */
function sourceRows(s: Summary): string[][] {
  const stages = Object.keys(s.stages);
  const rows = s.by_source.map((b) => [b.source, String(b.leads), ...stages.map((st) => String(b.stages[st])), money(b.spend), na(b.cost_per_mql), na(b.cost_per_sql), na(b.cost_per_sqo)]);
  rows.push(['total', String(s.rows.scored), ...stages.map((st) => String(s.stages[st])), money(s.spend_total), na(s.cost_per_mql), na(s.cpsql), na(s.cost_per_sqo)]);
  return rows;
}

function sourceHeader(s: Summary): string[] {
  return ['source', 'leads', ...Object.keys(s.stages), 'spend', 'cost per MQL', 'cost per SQL', 'cost per SQO'];
}

function funnelRows(s: Summary): string[][] {
  return s.funnel.map((f) => [f.stage, String(f.reached), pct(f.from_previous), pct(f.from_first)]);
}

const FUNNEL_HEADER = ['stage', 'reached', 'from previous', 'from first'];

function headline(s: Summary): string[] {
  return [
    `rows: ${s.rows.read} read, ${s.rows.scored} scored, ${s.rows.rejected} rejected; ${s.warnings.total} value warnings`,
    `total spend ${money(s.spend_total)}; CPSQL ${s.cpsql === null ? 'not available (no SQLs)' : money(s.cpsql)}`,
  ];
}

function summaryMarkdown(s: Summary): string {
  const table = (header: string[], rows: string[][]) =>
    [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`)].join('\n');
  const parts = [
    `# leadq summary (as of ${s.as_of})`,
    headline(s).map((l) => `- ${l}`).join('\n'),
    '## Funnel', table(FUNNEL_HEADER, funnelRows(s)),
    '## By lead source', table(sourceHeader(s), sourceRows(s)),
  ];
  if (s.warnings.by_column.length) {
    parts.push('## Value warnings', table(['column', 'expected', 'count', 'first lines'],
      s.warnings.by_column.map((w) => [w.column, w.kind, String(w.count), w.first_lines.join(', ')])));
  }
  return `${parts.join('\n\n')}\n`;
}

/** Plain numbers (no thousands separators), empty where a cost is not available. */
function summaryCsv(s: Summary): string {
  const stages = Object.keys(s.stages);
  const raw = (x: number | null) => (x === null ? '' : String(x));
  const rows = s.by_source.map((b) => [b.source, b.leads, ...stages.map((st) => b.stages[st]), b.spend, raw(b.cost_per_mql), raw(b.cost_per_sql), raw(b.cost_per_sqo)]);
  rows.push(['total', s.rows.scored, ...stages.map((st) => s.stages[st]), s.spend_total, raw(s.cost_per_mql), raw(s.cpsql), raw(s.cost_per_sqo)]);
  return stringify([sourceHeader(s), ...rows]);
}

/** The human summary for stderr: aligned columns, colour only through the given chalk. */
export function renderTerminal(s: Summary, chalk: ChalkInstance): string {
  const lines = [chalk.bold(`leadq summary · as of ${s.as_of}`), ...headline(s).map((l) => chalk.dim(l)), ''];
  lines.push(...align(FUNNEL_HEADER, funnelRows(s), chalk));
  lines.push('', ...align(sourceHeader(s), sourceRows(s), chalk));
  if (s.warnings.by_column.length) {
    lines.push('', chalk.yellow(`value warnings (treated as empty):`));
    for (const w of s.warnings.by_column) lines.push(chalk.yellow(`  ${w.column}: ${w.count} not a ${w.kind} (first at line ${w.first_lines.join(', ')})`));
  }
  return `${lines.join('\n')}\n`;
}

function align(header: string[], rows: string[][], chalk: ChalkInstance): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [chalk.bold(fmt(header)), ...rows.map((r, i) => (i === rows.length - 1 && r[0] === 'total' ? chalk.cyan(fmt(r)) : fmt(r)))];
}
