/**
 * The row files of `leadq score`, each opened with the header line: the scored rows, one file
 * per stage and the duplicates (both with --out-dir), and the rejects, opened at the first
 * rejected row (the input's name first when a run has several). They are committed, or
 * abandoned, together with the rest of the OutputSet.
 */
import type { OutputEncoding } from '../model/encodings.js';
import type { CsvFormatter } from './csv/csv-format.js';
import type { OutputPaths } from './output-paths.js';
import type { OutputSet, Sink } from './sinks.js';

/** A block's rows as written: the scored rows, per stage (in ladder order, then disqualified), the duplicates. */
export interface ScoredRows {
  scored: Uint8Array;
  stages: Uint8Array[];
  duplicates: Uint8Array;
}

export class ScoreFiles {
  private readonly scored: Sink;

  /** The scored output's sink (--previous reads it back once every row is written). */
  get scoredSink(): Sink {
    return this.scored;
  }
  private readonly stages: Sink[];
  private readonly duplicates: Sink | undefined;
  private rejects: Sink | undefined;

  /** `withFile`: several inputs (or related files), so a rejected row's line number alone is ambiguous; `encoding`: --out-encoding */
  constructor(private readonly out: OutputSet, private readonly paths: OutputPaths, private readonly fmt: CsvFormatter, header: string[], private withFile: boolean,
    private readonly encoding?: OutputEncoding) {
    const headerLine = `${fmt.row(header)}\n`;
    this.scored = out.open(paths.scored, encoding);
    this.scored.write(headerLine);
    this.stages = paths.stages.map((p) => out.open(p, encoding));
    for (const s of this.stages) s.write(headerLine);
    this.duplicates = paths.duplicates ? out.open(paths.duplicates, encoding) : undefined;
    this.duplicates?.write(headerLine);
  }

  /** Whether rows are split by stage too (--out-dir). */
  get byStage(): boolean {
    return this.stages.length > 0;
  }

  write(rows: ScoredRows): void {
    this.duplicates?.write(rows.duplicates);
    this.scored.write(rows.scored);
    rows.stages.forEach((bytes, s) => this.stages[s].write(bytes));
  }

  /**
   * Rows of another file are rejected too (a related file's, read before the export): each
   * rejected row then names its file. Called before the first is written, so the layout of the
   * rejects file never changes within a run.
   */
  nameFiles(): void {
    if (this.rejects === undefined) this.withFile = true;
  }

  /** A rejected row, with the record as it stood in the input (it shows what to fix). */
  reject(file: string, line: number, reason: string, text: string): void {
    if (!this.paths.rejects) return;
    this.rejects ??= this.openRejects(this.paths.rejects);
    this.rejects.write(`${this.fmt.row([...(this.withFile ? [file] : []), String(line), reason, text])}\n`);
  }

  /** Whether a rejected row was written (so the rejects file exists). */
  get rejectsWritten(): boolean {
    return this.rejects !== undefined;
  }

  private openRejects(path: string): Sink {
    const sink = this.out.open(path, this.encoding);
    sink.write(`${this.fmt.row([...(this.withFile ? ['file'] : []), 'line', 'reason', 'record'])}\n`);
    return sink;
  }
}
