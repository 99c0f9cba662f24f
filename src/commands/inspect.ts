/**
 * `leadq inspect <csv>`: the first thing to run on a new export. Streams it once and reports
 * the encoding, delimiter and line breaks, the CRM preset whose headers it matches best, the row
 * count, and per column the inferred type (with the format `formats:` would need), the share of
 * empty cells, the placeholders found and a few samples. Orchestration only: profiling is
 * input/profile.ts, rendering output/inspect-report.ts. Memory stays flat: per column only
 * counters, candidate formats and three samples are kept.
 */
import { EXIT } from '../model/errors.js';
import { DEFAULT_PLACEHOLDERS } from '../input/values/formats.js';
import { Profiler } from '../input/profile.js';
import { openCsvInput } from '../input/csv/read-csv.js';
import { inspectJson, renderInspection, type Inspection, type LineBreaks } from '../output/inspect-report.js';
import { HeaderIndex, PRESETS, presetColumns, rankPresets } from '../ruleset/presets.js';
import type { Io } from './io.js';
import { progressFor } from '../output/progress.js';
import { knownSize } from '../input/csv/byte-source.js';

export interface InspectOptions {
  json?: boolean;
  encoding?: string;
  delimiter?: string;
  skipLines?: number;
  maxRecordSize?: number;
  /** no progress line on standard error */
  quiet?: boolean;
}

export async function inspectCommand(inputPath: string, options: InspectOptions, io: Io): Promise<number> {
  const breaks = new LineBreakCounter();
  const input = await openCsvInput(inputPath, {
    encoding: options.encoding, delimiter: options.delimiter, skipLines: options.skipLines, maxRecordSize: options.maxRecordSize, onBlock: (b) => breaks.add(b),
  });
  const profiler = new Profiler(input.header, input.delimiter, DEFAULT_PLACEHOLDERS);
  let rejected = 0;
  const progress = progressFor(io, options.quiet, 'reading', knownSize(inputPath));
  try {
    for await (const batch of input.batches()) {
      progress?.update(profiler.rows + rejected, input.bytesRead);
      for (const record of batch) {
        if (record.malformed !== undefined || record.fields.length !== input.header.length) rejected++;
        else profiler.add(record.fields);
      }
    }
  } finally {
    progress?.done();
    await input.close();
  }

  const ranking = rankPresets(input.header);
  const standard = new Map<number, string>();
  if (ranking.best) for (const [name, index] of presetColumns(PRESETS[ranking.best.name], new HeaderIndex(input.header))) standard.set(index, name);
  const inspection: Inspection = {
    file: input.name,
    encoding: input.encoding,
    delimiter: input.delimiter,
    lineBreaks: breaks.result(),
    preset: ranking.best,
    presets: ranking.all,
    rows: profiler.rows + rejected,
    rejected,
    columns: profiler.finish().map((c, i) => ({ ...c, standardName: standard.get(i) ?? null })),
  };
  io.out(options.json ? inspectJson(inspection) : renderInspection(inspection));
  return EXIT.ok;
}

/** Counts \r\n, \n and \r across blocks (a \r at the end of a block may pair with the next block's \n). */
export class LineBreakCounter {
  private crlf = 0;
  private lf = 0;
  private cr = 0;
  private pendingCr = false;

  add(b: Buffer): void {
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (b.length > 0 && b[0] === 10) { this.crlf++; i = 1; } else this.cr++;
    }
    for (; i < b.length; i++) {
      const c = b[i];
      if (c === 10) this.lf++;
      else if (c === 13) {
        if (i + 1 === b.length) this.pendingCr = true;
        else if (b[i + 1] === 10) { this.crlf++; i++; } else this.cr++;
      }
    }
  }

  result(): LineBreaks {
    if (this.pendingCr) { this.cr++; this.pendingCr = false; }
    const { crlf, lf, cr } = this;
    const kinds = [crlf > 0, lf > 0, cr > 0].filter(Boolean).length;
    const style = kinds === 0 ? 'none' : kinds > 1 ? 'mixed' : crlf > 0 ? 'CRLF' : lf > 0 ? 'LF' : 'CR';
    return { style, crlf, lf, cr };
  }
}
