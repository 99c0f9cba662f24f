/**
 * `leadq inspect <csv>`: the first thing to run on a new export. Reports how to read it (the
 * encoding, judged from the bytes when they are not UTF-8; delimiter, line breaks, title lines
 * and footer rows), the CRM preset that fits, the rows, per column the inferred type (with the
 * format `formats:` would need), empty share, placeholders, samples and what needs a look
 * (mojibake, Excel's mangling), the lead source spellings that are probably one, and the ruleset
 * lines to add. On large inputs it reads the first 10,000 rows or so and the end (`--all` reads
 * everything). Orchestration only: reading and profiling are input/profile/, the preset ranking
 * ruleset/presets.ts, rendering output/inspect-report.ts.
 */
import { EXIT } from '../model/errors.js';
import { DEFAULT_PLACEHOLDERS } from '../input/values/formats.js';
import { openSample } from '../input/profile/read-sample.js';
import { inspectJson, renderInspection, type Inspection } from '../output/inspect-report.js';
import { HeaderIndex, presetColumns, PRESETS, rankPresets, sourceColumnOf } from '../ruleset/presets.js';
import type { Io } from './io.js';
import { progressFor } from '../output/progress.js';
import { knownSize } from '../input/csv/byte-source.js';

export { LineBreakCounter } from '../input/profile/line-breaks.js';

export interface InspectOptions {
  json?: boolean;
  encoding?: string;
  delimiter?: string;
  skipLines?: number;
  maxRecordSize?: number;
  /** read every row, not the first 10,000 or so */
  all?: boolean;
  /** no progress line on standard error */
  quiet?: boolean;
}

/** Rows read by default: enough for types, formats and placeholders, fast on any file. */
export const SAMPLE_ROWS = 10_000;

export async function inspectExport(path: string, options: InspectOptions, io?: Io): Promise<Inspection> {
  const limit = options.all ? Infinity : SAMPLE_ROWS;
  const sample = await openSample(path, { encoding: options.encoding, delimiter: options.delimiter, skipLines: options.skipLines, maxRecordSize: options.maxRecordSize, limit });
  let profile;
  // the source column from the header alone: its values are counted while the rows are read
  const counted = sourceColumnOf(sample.header, rankPresets(sample.header).best?.name ?? null);
  // a progress line on a terminal, for a long read (--all on a big file)
  const progress = io && progressFor(io, options.quiet, 'reading', knownSize(path));
  try {
    profile = await sample.profile({ placeholders: DEFAULT_PLACEHOLDERS, sourceColumn: counted, onProgress: (rows, bytes) => progress?.update(rows, bytes) });
  } finally {
    progress?.done();
    await sample.close();
  }
  const ranking = rankPresets(sample.header, (i) => profile.columns[i].type);
  const standard = new Map<number, string>();
  if (ranking.best) {
    const mismatched = new Set(ranking.best.mismatched.map((m) => m.name));
    for (const [name, index] of presetColumns(PRESETS[ranking.best.name], new HeaderIndex(sample.header))) if (!mismatched.has(name)) standard.set(index, name);
  }
  const sourceIndex = sourceColumnOf(sample.header, ranking.best?.name ?? null);
  const presetFooter = presetStopsAt(ranking.best?.name, profile.footer?.rows[0]?.fields, sample.header.length);
  return {
    file: sample.name,
    encoding: sample.encoding,
    delimiter: sample.delimiter,
    delimiterGiven: options.delimiter !== undefined,
    lineBreaks: profile.lineBreaks,
    titleLines: sample.titleLines,
    skipLines: sample.skipLines,
    preset: ranking.best,
    presets: ranking.all,
    rows: profile.rows + profile.rejected,
    rejected: profile.rejected,
    complete: profile.complete,
    totalRows: profile.totalRows,
    totalBy: profile.totalBy,
    limit: SAMPLE_ROWS,
    footer: profile.footer,
    presetFooter,
    sourceColumn: sourceIndex >= 0 ? { index: sourceIndex, name: sample.header[sourceIndex] } : null,
    // counted for the column found from the header; the types may have ruled out its preset since
    sources: sourceIndex >= 0 && sourceIndex === counted ? profile.sources : null,
    columns: profile.columns.map((c, i) => ({ ...c, standardName: standard.get(i) ?? null })),
  };
}

/** The preset's own footer pattern stops at this first footer row (as `leadq score` applies it). */
function presetStopsAt(preset: string | undefined, fields: string[] | undefined, width: number): boolean {
  const pattern = preset === undefined ? undefined : PRESETS[preset].footer;
  if (pattern === undefined || fields === undefined) return false;
  return fields.length < width && new RegExp(pattern, 'i').test(fields[0].trim());
}

export async function inspectCommand(inputPath: string, options: InspectOptions, io: Io): Promise<number> {
  const inspection = await inspectExport(inputPath, options, io);
  io.out(options.json ? inspectJson(inspection) : renderInspection(inspection));
  return EXIT.ok;
}
