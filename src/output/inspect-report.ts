/**
 * `leadq inspect` on screen (a readable summary, a table of the columns, notes on what needs a
 * look, then the ruleset lines the export calls for) and as JSON for machines. Pure: text in,
 * text out. Values from the export are escaped, so control characters never reach the terminal.
 */
import { escapeControls, quoteData } from '../model/errors.js';
import type { ColumnProfile } from '../input/profile.js';
import type { Footer } from '../input/profile/footer.js';
import type { LineBreaks } from '../input/profile/line-breaks.js';
import type { EncodingFinding } from '../input/profile/read-sample.js';
import type { SourceGroup, SourceValue } from '../input/profile/sources.js';
import type { TitleLines } from '../input/profile/title-lines.js';
import { KEY_SHARE, type PresetMatch } from '../ruleset/presets.js';
import { columnNotes, encodingText, footerText, sourceLines } from './inspect-notes.js';
import { allLines, inlineFormat, rulesetLines } from './ruleset-lines.js';

export interface Inspection {
  file: string;
  encoding: EncodingFinding;
  delimiter: string;
  /** the delimiter came from --delimiter, not sniffed from the header */
  delimiterGiven: boolean;
  lineBreaks: LineBreaks;
  titleLines: TitleLines | null;
  /** lines skipped above the header (found or --skip-lines) */
  skipLines: number;
  preset: PresetMatch | null;
  presets: PresetMatch[];
  /** records read, the rejected ones included, footer rows aside */
  rows: number;
  /** records with the wrong number of fields or text after a closing quote */
  rejected: number;
  /** the whole input was read (else the first `limit` rows or so, and its end for the footer) */
  complete: boolean;
  /** the input's records, footer rows aside: counted, or estimated (see `totalBy`) */
  totalRows: number;
  totalBy: 'records' | 'lines' | 'size';
  /** rows read by default; --all reads everything */
  limit: number;
  footer: Footer | null;
  /** the preset's own footer pattern stops at the footer already (salesforce-report) */
  presetFooter: boolean;
  sourceColumn: { index: number; name: string } | null;
  sources: { values: SourceValue[]; groups: SourceGroup[]; overflow: number } | null;
  columns: (ColumnProfile & { standardName: string | null })[];
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** The name a column goes by in the suggested lines: its preset name, else its header. */
const ruleName = (x: Inspection) => (i: number) => x.columns[i].standardName ?? x.columns[i].name;

export function renderInspection(x: Inspection): string {
  const out: string[] = [];
  out.push(escapeControls(x.file));
  for (const [k, v] of facts(x)) out.push(`  ${k.padEnd(12)} ${v}`);
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

  const notes = [...x.columns.flatMap(columnNotes), ...presetNotes(x)];
  if (notes.length > 0) out.push('', ...notes.map((n) => `note: ${n}`));
  const sources = sourceLines(x);
  if (sources.length > 0) out.push('', ...sources);
  const lines = rulesetLines(x, ruleName(x));
  const yaml = allLines(lines);
  if (yaml.length > 0) {
    out.push('', 'ruleset lines this export calls for:', ...yaml.map((l) => `  ${l}`));
  }
  return `${out.join('\n')}\n`;
}

function facts(x: Inspection): [string, string][] {
  const breaks = x.lineBreaks;
  const breakText = breaks.style === 'mixed'
    ? `mixed: ${[['CRLF', breaks.crlf], ['LF', breaks.lf], ['CR', breaks.cr]].filter(([, n]) => n).map(([k, n]) => `${n} ${k}`).join(', ')}`
    : breaks.style === 'none' ? 'none after the header' : `${breaks.style} (${breaks.crlf + breaks.lf + breaks.cr}${x.complete ? '' : ' in the rows read'})`;
  const out: [string, string][] = [
    ['encoding', encodingText(x.encoding)],
    ['delimiter', `${x.delimiter === '\t' ? '\\t' : x.delimiter} (${DELIMITER_NAMES[x.delimiter] ?? 'other'})`],
    ['line breaks', breakText],
  ];
  if (x.titleLines) out.push(['title lines', `${x.skipLines} line${x.skipLines === 1 ? '' : 's'} above the header, skipped: ${x.titleLines.titles.map((t) => quoteData(t, 40)).join(', ')}`]);
  else if (x.skipLines > 0) out.push(['title lines', `${x.skipLines} skipped (--skip-lines)`]);
  out.push(['preset', presetText(x)]);
  out.push(['rows', rowsText(x)]);
  if (x.footer) out.push(['footer', footerText(x)]);
  out.push(['columns', String(x.columns.length)]);
  return out;
}

function presetText(x: Inspection): string {
  if (x.preset) {
    const p = x.preset;
    const runnerUp = x.presets.find((q) => q.name !== p.name && q.matched > 0);
    return `${p.name}: ${p.matched} of its ${p.of} standard names found, ${p.keys} of its ${p.keysOf} key columns${runnerUp ? ` (next: ${runnerUp.name}, ${runnerUp.matched})` : ''}`;
  }
  const closest = x.presets[0];
  const near = closest && closest.matched > 0 ? ` (closest: ${closest.name}, ${closest.keys} of its ${closest.keysOf} key columns, ${closest.matched} of ${closest.of} names)` : '';
  const need = closest ? `${Math.ceil(closest.keysOf * KEY_SHARE)} of its ${closest.keysOf}` : 'most of its';
  return `none fits${near}: a preset needs ${need} key columns, the id or email among them; map columns: by hand`;
}

function rowsText(x: Inspection): string {
  const rejected = x.rejected ? ` (${x.rejected} with the wrong number of fields or a broken quote: leadq score rejects them)` : '';
  if (x.complete) return `${x.rows}${rejected}`;
  const total = x.totalBy === 'records' ? count(x.totalRows) : `about ${approx(x.totalRows)} (${x.totalBy === 'size' ? 'estimated from the file size' : 'counted by lines'})`;
  return `${total}; read the first ${count(x.limit)}${rejected}; --all reads everything`;
}

/** Standard names a preset would map to a column of another kind: not used. */
function presetNotes(x: Inspection): string[] {
  if (!x.preset) return [];
  return x.preset.mismatched.map((m) => `${quoteData(x.columns[m.column].name)} is ${m.type}, not what the preset's ${m.name} holds: ${x.preset!.name} would map it, so name the right column in columns: (or drop ${m.name})`);
}

export function inspectJson(x: Inspection): string {
  const lines = rulesetLines(x, ruleName(x));
  return `${JSON.stringify({
    file: x.file,
    encoding: x.encoding.encoding,
    encoding_decided_by: x.encoding.decidedBy,
    encoding_guess: x.encoding.scan?.guess ? { ...x.encoding.scan.guess, first_invalid: x.encoding.scan.firstInvalid } : null,
    delimiter: x.delimiter,
    line_breaks: x.lineBreaks,
    title_lines: x.titleLines,
    skip_lines: x.skipLines,
    preset: x.preset,
    presets: x.presets,
    rows: x.rows,
    rejected: x.rejected,
    complete: x.complete,
    total_rows: x.totalRows,
    total_rows_by: x.totalBy,
    footer: x.footer ? { ...x.footer, covered_by_preset: x.presetFooter } : null,
    source_column: x.sourceColumn?.name ?? null,
    sources: x.sources,
    columns: x.columns.map((c) => ({
      name: c.name,
      standard_name: c.standardName,
      type: c.type,
      format: c.format,
      misfits: { count: c.misfits, samples: c.misfitSamples },
      dot_thousands: c.dotThousands,
      counts: c.counts,
      filled: c.filled,
      empty: c.empty,
      empty_share: c.empty + c.filled === 0 ? null : Math.round((c.empty / (c.empty + c.filled)) * 10_000) / 10_000,
      placeholders: c.placeholders,
      new_placeholders: c.newPlaceholders,
      flags: c.flags,
      samples: c.samples,
    })),
    ruleset: { ...lines, lines: allLines(lines) },
  }, null, 2)}\n`;
}

function percent(part: number, whole: number): string {
  if (whole === 0) return '';
  const p = (part / whole) * 100;
  return `${p === 0 || p === 100 || p >= 10 ? p.toFixed(0) : p.toFixed(1)}%`;
}

const count = (n: number) => n.toLocaleString('en-US');

/** 1.0M, 250K, 1,234 */
function approx(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}K`;
  return count(n);
}

/** Left-aligned columns, two spaces apart; the last column is not padded. */
function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}
