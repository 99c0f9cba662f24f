/**
 * Scores a block of complete CSV records: parse → coerce → evaluate → format. The same code runs
 * in-process and in worker threads, which is why the threaded output is byte-identical.
 *
 * Two ways in, one way out. `scoreBytes` is the row path: a single-line record (quoted fields
 * included) is split by line-scan.ts, typed and copied to the output straight from the block's
 * UTF-8 bytes, with strings made only for the columns the rules read as text. Records with quoted
 * line breaks, odd quoting, the wrong width or a repeated header go through the reference text
 * parser (`textRecord`), and so does a whole block that begins with a record cut across blocks
 * (`scoreText`). Both ways end in the same row handling.
 *
 * Both give the parser the header's width, so a record that swallowed lines behind a stray quote
 * is cut back to its first line (rejected) and the lines after it are read again; on the row
 * path they go back to the byte scanner.
 *
 * Line numbers in a block's result are relative to the block (its first line is 1); the
 * pipeline shifts them when it merges blocks in input order.
 *
 * Dedupe names a row by its ordinal among the block's scored rows (0, 1, …: rows that were
 * neither rejected nor a footer), the same in both of its passes: the first (`collect`) takes
 * each row's key and rank and writes nothing; the second is handed the block's losing
 * ordinals and writes those rows as duplicates (see dedupe.ts).
 */
import { footerTest } from '../../model/footer.js';
import { evaluateLead } from '../../engine/evaluate.js';
import type { TypedRow } from '../../input/rows/types.js';
import type { CompiledRuleset, LeadResult } from '../../engine/types.js';
import { LeadqError } from '../../model/errors.js';
import { CsvParser } from '../../input/csv/csv-parser.js';
import { RowCoercer } from '../../input/rows/typed-row.js';
import { CsvFormatter, SplitScan, splitRiskCells, splittingSeparators } from '../../output/csv/csv-format.js';
import { ResultFormatter } from '../../output/csv/result-cells.js';
import { SummaryBuilder, type SummaryCounts } from '../../output/summary.js';
import { emptyRecord, LineScanner } from '../../input/csv/line-scan.js';
import { OutputBuffer, outputCapacity } from '../../output/csv/output-buffer.js';
import { blockError, type BlockOutcome } from '../job.js';

export interface BlockOptions {
  /** "today" as a day number, for the date operators, windows and decay */
  asOfDay: number;
  delimiter: string;
  /** the output's delimiter when it differs from the input's (--out-delimiter) */
  outDelimiter?: string;
  /** the header fields: a line repeating them (concatenated exports) is rejected, not scored */
  header: string[];
  /** a pattern for the first cell of a report footer (e.g. Salesforce's "Grand Totals"): reading stops there */
  footer?: string;
  /**
   * The footer may be a line of the header's width too (`input.footer`, which the analyst wrote
   * for this export); a preset's footer only ends the input at a shorter line, since it is applied
   * to every export of that CRM unasked.
   */
  footerAnyWidth?: boolean;
  escapeFormulas: boolean;
  /** also split the rows by stage (for --out-dir) */
  byStage: boolean;
  maxRecordSize: number;
  file: string;
  /**
   * With accounts, scored before the accounts are known (run/deferred-accounts.ts): the account
   * cells are left out of each row, and `LeadHook` is told where they belong.
   */
  deferAccounts?: boolean;
}

export interface RejectedRow {
  line: number;
  reason: string;
  fields: string[];
  /** the record's text exactly as it stood in the input, without its line break */
  text: string;
}

export interface BlockResult extends BlockOutcome {
  scored: Uint8Array;
  /** per stage in ladder order, then disqualified; empty unless byStage */
  stages: Uint8Array[];
  rejects: RejectedRow[];
  counts: SummaryCounts;
  /** rows of keys already kept (dedupe, second pass), as they would have been written */
  duplicates: Uint8Array;
  /** dedupe, first pass: each scored row's key and rank, by its ordinal in the block */
  keys?: DedupeKeys;
}

export interface DedupeKeys {
  /** trimmed and lower-cased; '' for a row without a key */
  keys: string[];
  /** higher wins: the date for keep: latest, the total score for highest_score, 0 for first */
  ranks: number[];
}

/**
 * Takes each row that would be scored, typed, instead of scoring and writing it (a backtest's
 * capture: run/jobs/capture.ts). `line` is block-relative. The row is reused for the next one.
 * Rows the block's losers name (dedupe) are counted as duplicates and not handed over.
 */
export type RowSink = (row: TypedRow, line: number) => void;

/**
 * Each scored lead (not a duplicate) once its row is written, with where the row stands in the
 * block's scored output, whose rows stand one after another: its account cells left out at
 * `accountAt` (`deferAccounts`; else -1), its end at `end` (past its line break).
 */
export type LeadHook = (row: TypedRow, result: LeadResult, accountAt: number, end: number) => void;

const LF = 10;
const CR = 13;

/** Where the line from `start` ends: its first \n or \r (the caller knows there is one). */
function lineBreakAt(b: Buffer, start: number): number {
  const lf = b.indexOf(LF, start);
  const cr = b.indexOf(CR, start);
  return lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
}

/** The outputs and counts of one block while it is being scored. */
class BlockRun {
  readonly out: OutputBuffer;
  readonly stageOut: OutputBuffer[];
  readonly summary: SummaryBuilder;
  readonly rejects: RejectedRow[] = [];
  /** block-relative line of a report footer, where reading stops; 0 when none was seen */
  footerLine = 0;
  readonly dup: OutputBuffer;
  keys?: DedupeKeys;

  /**
   * `fmt` writes the block's input cells: what it escapes is counted for the summary. `size` 0
   * allocates no output (dedupe's first pass writes nothing).
   */
  constructor(stageCount: number, byStage: boolean, size: number, private readonly fmt?: CsvFormatter, ruleCount = 0, private readonly coercer?: RowCoercer) {
    this.out = new OutputBuffer(outputCapacity(size));
    this.stageOut = byStage ? Array.from({ length: stageCount + 1 }, () => new OutputBuffer(size >> 2, false)) : [];
    this.summary = new SummaryBuilder(stageCount, ruleCount);
    this.dup = new OutputBuffer(0);
    if (fmt) fmt.escaped = 0;
  }

  finish(lines: number, leftover: string, error?: LeadqError): BlockResult {
    if (this.fmt) this.summary.addEscaped(this.fmt.escaped);
    // the cells that parsed in this block: with the warnings, the share of a column that did not
    if (this.coercer) this.summary.addParsed(this.coercer.takeParsed());
    return {
      scored: this.out.take(), stages: this.stageOut.map((o) => o.take()), rejects: this.rejects, counts: this.summary.snapshot(),
      lines, leftover: this.footerLine > 0 ? '' : leftover, footerLine: this.footerLine, duplicates: this.dup.take(), keys: this.keys, error: error && blockError(error),
    };
  }
}

export class BlockScorer {
  private readonly fmt: CsvFormatter;
  private readonly results: ResultFormatter;
  private readonly coercer: RowCoercer;
  private readonly width: number;
  private readonly stageCount: number;
  /** the current fast-path line's fields */
  private readonly scan: LineScanner;
  private readonly delimByte: number;
  private readonly outDelimiter: string;
  private readonly sameDelimiter: boolean;
  private readonly footer: ((cell: string) => boolean) | null;
  /** whether full-width rows are checked for the footer too (input.footer) */
  private readonly footerAnyWidth: boolean;
  /** dedupe, second pass: the current block's losing rows (ordinals among its scored rows), ascending */
  private losers: ArrayLike<number> | null = null;
  /** the next of `losers` to come */
  private loserAt = 0;
  /** ordinal of the current block's next scored row */
  private ordinal = 0;
  // safety checks that cost nothing on rows without the characters they look for
  private readonly splitScan: SplitScan;
  private readonly splitSeps: string[];
  /** position of the next NUL byte in the current block, -1 when there is none */
  private nulAt = -1;
  private blockHasNul = false;

  /**
   * `collect`: dedupe's first pass, which takes each scored row's key and rank and writes nothing;
   * `sink`: each row that would be scored goes there instead, and nothing is written;
   * `onLead`: told of each lead scored and written
   */
  constructor(private readonly compiled: CompiledRuleset, private readonly options: BlockOptions, private readonly collect = false, private readonly sink: RowSink | null = null,
    private readonly onLead: LeadHook | null = null) {
    this.outDelimiter = options.outDelimiter ?? options.delimiter;
    this.sameDelimiter = this.outDelimiter === options.delimiter;
    this.fmt = new CsvFormatter({ delimiter: this.outDelimiter, escapeFormulas: options.escapeFormulas });
    this.footer = options.footer ? footerTest(options.footer) : null;
    this.footerAnyWidth = this.footer !== null && options.footerAnyWidth === true;
    // its own formatter: `fmt.escaped` then counts input cells only
    this.results = new ResultFormatter(compiled, new CsvFormatter(this.fmt.format), options.deferAccounts === true);
    this.splitScan = new SplitScan(this.outDelimiter, options.escapeFormulas, options.delimiter);
    this.splitSeps = options.escapeFormulas ? splittingSeparators(this.outDelimiter) : [];
    this.coercer = new RowCoercer(compiled.plan, compiled.header.length);
    this.width = compiled.header.length;
    this.stageCount = compiled.stages.length;
    const code = options.delimiter.charCodeAt(0);
    // a delimiter outside ASCII is several bytes: such inputs take the text path
    this.delimByte = code < 0x80 ? code : -1;
    this.scan = new LineScanner(this.width, this.delimByte, options.delimiter, options.escapeFormulas, options.header);
  }

  /**
   * Scores a block of UTF-8 bytes. `final`: the block ends the input, so an unfinished record is
   * an error. `losers`: dedupe's second pass, the ordinals of the block's rows that lose.
   */
  scoreBytes(b: Buffer, final: boolean, losers?: ArrayLike<number>): BlockResult {
    if (this.delimByte < 0) return this.scoreText(b.toString('utf8'), final, losers);
    const run = this.begin(b.length, losers);
    this.splitScan.reset(b);
    this.nulAt = b.indexOf(0);
    this.blockHasNul = this.nulAt !== -1;
    const n = b.length;
    let pos = 0;
    let line = 1;
    let leftover = '';
    try {
      while (pos < n) {
        let i = this.scan.scan(b, pos);
        // rows to reject (wrong field count, a repeated header) are rare: the text parser gives their exact fields
        if (i > pos && (this.scan.fieldCount !== this.width || this.scan.mayBeHeader(b))) i = -1;
        // so are rows holding a NUL byte: the text path rejects them
        else if (this.nulAt !== -1 && i > pos && this.nulBefore(b, pos, i)) i = -1;
        if (i < 0) {
          const next = this.quotedRecord(b, pos, final, line, run);
          if (next.end < 0) { leftover = b.toString('utf8', pos, n); break; }
          if (run.footerLine > 0) break; // the rest of the input is a report footer
          pos = next.end;
          line = next.line;
        } else {
          if (i === n && !final) { leftover = b.toString('utf8', pos, n); break; } // a cut without a line break
          if (i > pos) {
            if (i - pos > this.options.maxRecordSize && b.toString('utf8', pos, i).length > this.options.maxRecordSize) this.tooLarge(line);
            // input.footer: a footer line may have the header's width (only then is the first cell looked at here)
            if (this.footerAnyWidth && this.footer!(b.toString('utf8', this.scan.starts[0], this.scan.ends[0]).trim())) { footerAt(line, run); break; }
            // a row of empty cells (a spreadsheet's padding below the data) is no lead, as a blank line is none
            if (!this.scan.emptyRecord(pos, i)) this.fastRow(b, pos, i, line, run);
          }
          line++;
          pos = i;
        }
        // past the line break: \r\n, \n or \r
        if (pos < n) pos += b[pos] === CR && b[pos + 1] === LF ? 2 : 1;
      }
    } catch (e) {
      if (!(e instanceof LeadqError)) throw e;
      return run.finish(line - 1, '', e);
    }
    return run.finish(line - 1, leftover, undefined);
  }


  /**
   * A record holding quotes, from `start`: found by quote parity, parsed by the text parser. Its
   * end is -1 when the block ends inside it (the record continues in the next block).
   */
  private quotedRecord(b: Buffer, start: number, final: boolean, line: number, run: BlockRun): { end: number; line: number } {
    const j = this.scan.recordEnd(b, start);
    if (j < 0 && !final) return { end: -1, line };
    return this.textRecord(b, start, j < 0 ? b.length : j, line, run);
  }


  /**
   * The record in bytes [start, end) through the reference text parser. When the parser cuts it
   * back to its first line (a stray quote swallowed the lines after it), it ends at that line's
   * break, and the byte scanner reads on from the next line.
   */
  private textRecord(b: Buffer, start: number, j: number, line: number, run: BlockRun): { end: number; line: number } {
    const parser = new CsvParser({ delimiter: this.options.delimiter, maxRecordSize: this.options.maxRecordSize, file: this.options.file, firstLine: line, width: this.width });
    const emit = (fields: string[], at: number, raw: string | undefined, malformed: string | undefined, text: string) => this.emit(fields, at, raw, malformed, text, run);
    if (parser.parseRecord(b.toString('utf8', start, j), emit)) return { end: j, line: parser.nextLine };
    return { end: lineBreakAt(b, start), line: parser.nextLine };
  }

  /** The text path: a whole block through the reference parser (used after a record was cut across blocks). */
  scoreText(text: string, final: boolean, losers?: ArrayLike<number>): BlockResult {
    const run = this.begin(text.length, losers);
    this.blockHasNul = text.indexOf('\0') !== -1;
    const parser = new CsvParser({ delimiter: this.options.delimiter, maxRecordSize: this.options.maxRecordSize, file: this.options.file, width: this.width });
    const emit = (fields: string[], line: number, raw: string | undefined, malformed: string | undefined, source: string) => this.emit(fields, line, raw, malformed, source, run);
    let leftover = '';
    try {
      parser.push(text, emit);
      if (final) parser.end(emit);
      else leftover = parser.takeLeftover();
    } catch (e) {
      if (!(e instanceof LeadqError)) throw e;
      return run.finish(parser.nextLine - 1, '', e);
    }
    return run.finish(parser.nextLine - 1, leftover, undefined);
  }

  /** A block's outputs and counts, and its dedupe state. */
  private begin(size: number, losers: ArrayLike<number> | undefined): BlockRun {
    this.losers = losers ?? null;
    this.loserAt = 0;
    this.ordinal = 0;
    const run = new BlockRun(this.stageCount, this.options.byStage, this.collect || this.sink !== null ? 0 : size, this.fmt, this.compiled.stats.length, this.coercer);
    if (this.collect) run.keys = { keys: [], ranks: [] };
    return run;
  }

  /** A single-line record of the right width, typed and copied from the bytes. */
  private fastRow(b: Buffer, start: number, end: number, line: number, run: BlockRun): void {
    const scan = this.scan;
    const warnings = this.coercer.loadBytes(b, scan.starts, scan.ends, scan.ascii, scan.doubledQuotes);
    if (warnings !== null) run.summary.addWarnings(warnings, line);
    if (this.sink !== null) { this.toSink(line, run); return; }
    if (run.keys !== undefined) { this.collectKey(run.keys); return; }
    const dup = this.isDuplicate();
    const result = evaluateLead(this.coercer.row, this.compiled, this.options.asOfDay, dup ? null : run.summary.tally);
    const out = dup ? run.dup : run.out;
    const rowStart = out.length;
    if (scan.canonical && this.sameDelimiter && scan.plainBytes(b)) out.copy(b, start, end);
    else out.write(this.fmt.row(scan.allFields(b)));
    const risky = this.splitScan.cells(start, end, scan.starts, scan.ends, this.width);
    if (risky > 0) run.summary.addSplitRisk(risky, line);
    this.finishRow(result, rowStart, dup, run);
  }

  /** Whether the line [pos, end) holds a NUL byte (advances the cached position). */
  private nulBefore(b: Buffer, pos: number, end: number): boolean {
    if (this.nulAt < pos) this.nulAt = b.indexOf(0, pos);
    return this.nulAt !== -1 && this.nulAt < end;
  }




  /** A record from the text parser (fields as strings): rejected (with its `text`), or scored and written. */
  private emit(fields: string[], line: number, raw: string | undefined, malformed: string | undefined, text: string, run: BlockRun): void {
    if (run.footerLine > 0) return;
    if (this.footer !== null && (fields.length < this.width || this.footerAnyWidth) && this.footer(fields[0].trim())) {
      footerAt(line, run);
      return;
    }
    if (fields.length === this.width && fields[0] === this.options.header[0] && fields.every((f, i) => f === this.options.header[i])) {
      run.summary.addRejected();
      run.rejects.push({ line, reason: 'a repeated header line (exports joined together?)', fields, text });
      return;
    }
    const nul = this.blockHasNul ? fields.findIndex((f) => f.includes('\0')) : -1;
    if (malformed !== undefined || fields.length !== this.width || nul >= 0) {
      run.summary.addRejected();
      const reason = malformed ?? (fields.length !== this.width ? `expected ${this.width} fields, got ${fields.length}` : `a NUL character in field ${nul + 1} (binary data in the export?)`);
      run.rejects.push({ line, reason, fields, text });
      return;
    }
    if (emptyRecord(fields)) return; // a row of empty cells is no lead (as on the row path)
    const warnings = this.coercer.load(fields);
    if (warnings !== null) run.summary.addWarnings(warnings, line);
    if (this.sink !== null) { this.toSink(line, run); return; }
    if (run.keys !== undefined) { this.collectKey(run.keys); return; }
    const dup = this.isDuplicate();
    const result = evaluateLead(this.coercer.row, this.compiled, this.options.asOfDay, dup ? null : run.summary.tally);
    const out = dup ? run.dup : run.out;
    const rowStart = out.length;
    out.write(raw !== undefined && this.sameDelimiter && this.fmt.isPlain(fields) ? raw : this.fmt.row(fields));
    if (this.splitSeps.length > 0) {
      const risky = splitRiskCells(fields, this.splitSeps);
      if (risky > 0) run.summary.addSplitRisk(risky, line);
    }
    this.finishRow(result, rowStart, dup, run);
  }

  /** Appends the result cells and the line break, copies the row to its stage, counts it. */
  private finishRow(result: LeadResult, rowStart: number, dup: boolean, run: BlockRun): void {
    const out = dup ? run.dup : run.out;
    this.results.writeTo(result, out);
    out.byte(LF);
    if (dup) { run.summary.addDuplicate(); return; }
    if (this.onLead !== null) this.onLead(this.coercer.row, result, this.options.deferAccounts ? this.results.accountAt : -1, out.length);
    if (this.options.byStage) run.stageOut[result.stage < 0 ? this.stageCount : result.stage].copy(out.buf, rowStart, out.length);
    const source = this.compiled.sourceIndex;
    run.summary.addScored(result, source >= 0 ? this.coercer.row.fields[source] : '');
  }

  /** A row for the sink, unless it lost to another row of its key (dedupe, second pass): counted as a duplicate then, as `score` counts it. */
  private toSink(line: number, run: BlockRun): void {
    if (this.isDuplicate()) run.summary.addDuplicate();
    else this.sink!(this.coercer.row, line);
  }

  /** Dedupe, second pass: whether the block's next scored row lost to another row of its key in the first pass. */
  private isDuplicate(): boolean {
    const ordinal = this.ordinal++;
    const losers = this.losers;
    if (losers === null || this.loserAt >= losers.length || losers[this.loserAt] !== ordinal) return false;
    this.loserAt++;
    return true;
  }

  /**
   * Dedupe, first pass: the row's key (trimmed, lower-cased) and what ranks it among its key's
   * rows; the row is not written, and only keep: highest_score needs it scored.
   */
  private collectKey(keys: DedupeKeys): void {
    const dedupe = this.compiled.dedupe!;
    const row = this.coercer.row;
    keys.keys.push(row.fields[dedupe.key].trim().toLowerCase());
    const date = dedupe.date >= 0 ? row.day[dedupe.date] : NaN;
    keys.ranks.push(dedupe.keep === 'highest_score' ? evaluateLead(row, this.compiled, this.options.asOfDay, null).total : dedupe.keep === 'latest' ? (Number.isNaN(date) ? -Infinity : date) : 0);
  }

  private tooLarge(line: number): never {
    throw new LeadqError('INPUT_CSV', `the record that begins on this line is larger than ${this.options.maxRecordSize} characters (--max-record-size)`, {
      file: this.options.file, line,
    });
  }
}

/**
 * A report footer begins at `line`: reading stops there. The blank lines right before it (a lone
 * empty cell, `""`, as Salesforce writes them above "Confidential Information") are the footer's,
 * not rejected rows: in a small report they were more than half the rows, which stopped the run, and
 * in any other they made a cron job exit 3. (Blank lines in an earlier block than the footer stay
 * rejected: blocks are 256 KiB, such a cut is rare.)
 */
function footerAt(line: number, run: BlockRun): void {
  run.footerLine = line;
  for (let at = line - 1; run.rejects.length > 0; at--) {
    const last = run.rejects[run.rejects.length - 1];
    if (last.line !== at || last.fields.length !== 1 || last.fields[0].trim() !== '') break;
    run.rejects.pop();
    run.summary.removeRejected();
  }
}
