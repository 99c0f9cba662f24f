/**
 * `leadq inspect` on screen (a readable summary and a table of the columns, then the ruleset lines
 * the export calls for) and as JSON for machines. Pure: text in, text out. Values from the export
 * are escaped, so control characters never reach the terminal.
 */
import { escapeControls, quoteData } from '../model/errors.js';
import type { ColumnProfile, SuggestedFormat } from '../input/profile.js';
import type { PresetMatch } from '../ruleset/presets.js';

export interface LineBreaks {
  style: 'CRLF' | 'LF' | 'CR' | 'mixed' | 'none';
  crlf: number;
  lf: number;
  cr: number;
}

export interface Inspection {
  file: string;
  encoding: string;
  delimiter: string;
  lineBreaks: LineBreaks;
  preset: PresetMatch | null;
  presets: PresetMatch[];
  /** records read, the rejected ones included */
  rows: number;
  /** records with the wrong number of fields or text after a closing quote */
  rejected: number;
  columns: (ColumnProfile & { standardName: string | null })[];
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

export function renderInspection(x: Inspection): string {
  const out: string[] = [];
  const breaks = x.lineBreaks;
  const breakText = breaks.style === 'mixed'
    ? `mixed: ${[['CRLF', breaks.crlf], ['LF', breaks.lf], ['CR', breaks.cr]].filter(([, n]) => n).map(([k, n]) => `${n} ${k}`).join(', ')}`
    : breaks.style === 'none' ? 'none after the header' : `${breaks.style} (${breaks.crlf + breaks.lf + breaks.cr})`;
  const runnerUp = x.preset ? x.presets.find((p) => p.name !== x.preset!.name && p.matched > 0) : undefined;
  const presetText = x.preset
    ? `${x.preset.name}: ${x.preset.matched} of its ${x.preset.of} standard names found${runnerUp ? ` (next: ${runnerUp.name}, ${runnerUp.matched})` : ''}`
    : 'none fits (fewer than 3 standard names found); map columns: by hand';
  const facts: [string, string][] = [
    ['encoding', x.encoding],
    ['delimiter', `${x.delimiter === '\t' ? '\\t' : x.delimiter} (${DELIMITER_NAMES[x.delimiter] ?? 'other'})`],
    ['line breaks', breakText],
    ['preset', presetText],
    ['rows', `${x.rows}${x.rejected ? ` (${x.rejected} with the wrong number of fields or a broken quote: leadq score rejects them)` : ''}`],
    ['columns', String(x.columns.length)],
  ];
  out.push(escapeControls(x.file));
  for (const [k, v] of facts) out.push(`  ${k.padEnd(12)} ${v}`);
  out.push('');

  const rows = x.columns.map((c) => [
    escapeControls(c.name),
    c.standardName ?? '',
    c.type,
    c.format ? inlineFormat(c.format) : '',
    c.misfits ? `${c.misfits}: ${c.misfitSamples.map((s) => quoteData(s, 16)).join(', ')}${c.misfitSamples.length === 3 && c.misfits > 3 ? ', …' : ''}` : '',
    percent(c.empty, c.empty + c.filled),
    Object.entries(c.placeholders).map(([p, n]) => `${escapeControls(p)} ×${n}`).join(', '),
    c.samples.map((s) => quoteData(s, 24)).join(', '),
  ]);
  out.push(...table(['column', 'preset name', 'type', 'format', 'not of the type', 'empty', 'placeholders', 'samples'], rows));

  const ambiguous = x.columns.filter((c) => c.dotThousands.length > 0);
  if (ambiguous.length > 0) out.push('');
  for (const c of ambiguous) {
    out.push(`note: ${quoteData(c.name)} holds ${c.dotThousands.map((v) => quoteData(v)).join(', ')}: read as decimals (10.000 is ten) unless formats: gives it { number: '1.234,56' }`);
  }
  const lines = suggestedLines(x);
  if (lines.length > 0) out.push('', 'ruleset lines this export calls for:', ...lines.map((l) => `  ${l}`));
  return `${out.join('\n')}\n`;
}

export function inspectJson(x: Inspection): string {
  return `${JSON.stringify({
    file: x.file,
    encoding: x.encoding,
    delimiter: x.delimiter,
    line_breaks: x.lineBreaks,
    preset: x.preset,
    presets: x.presets,
    rows: x.rows,
    rejected: x.rejected,
    columns: x.columns.map((c) => ({
      name: c.name,
      standard_name: c.standardName,
      type: c.type,
      format: c.format,
      misfits: { count: c.misfits, samples: c.misfitSamples },
      dot_thousands: c.dotThousands,
      filled: c.filled,
      empty: c.empty,
      empty_share: c.empty + c.filled === 0 ? null : Math.round((c.empty / (c.empty + c.filled)) * 10_000) / 10_000,
      placeholders: c.placeholders,
      samples: c.samples,
    })),
  }, null, 2)}\n`;
}

/** `columns: { preset: … }` and a `formats:` entry per column that needs one (by its preset name when it has one). */
function suggestedLines(x: Inspection): string[] {
  const out: string[] = [];
  if (x.preset) out.push(`columns: { preset: ${x.preset.name} }`);
  const formatted = x.columns.filter((c) => c.format);
  if (formatted.length > 0) {
    out.push('formats:');
    for (const c of formatted) out.push(`  ${yamlKey(c.standardName ?? c.name)}: ${inlineFormat(c.format!)}`);
  }
  return out;
}

function inlineFormat(f: SuggestedFormat): string {
  const parts: string[] = [];
  if (f.number !== undefined) parts.push(`number: ${yamlText(f.number)}`);
  if (f.currency) parts.push('currency: true');
  if (f.suffixes) parts.push('suffixes: true');
  if (f.date !== undefined) parts.push(`date: ${yamlText(f.date)}`);
  if (f.multi !== undefined) parts.push(`multi: ${yamlText(f.multi)}`);
  return `{ ${parts.join(', ')} }`;
}

const yamlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const yamlKey = (s: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? s : yamlText(escapeControls(s)));

function percent(part: number, whole: number): string {
  if (whole === 0) return '';
  const p = (part / whole) * 100;
  return `${p === 0 || p === 100 || p >= 10 ? p.toFixed(0) : p.toFixed(1)}%`;
}

/** Left-aligned columns, two spaces apart; the last column is not padded. */
function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}
