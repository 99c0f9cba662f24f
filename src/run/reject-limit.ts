/**
 * Rejected rows of a run: where they are (first lines), whether `--max-rejects` has been passed,
 * and — when nearly every row is rejected — the likely cause, guessed from the field counts
 * (input/csv/reject-diagnosis.ts).
 */
import { LeadqError, quoteData } from '../model/errors.js';
import { diagnose } from '../input/csv/reject-diagnosis.js';

/** `--max-rejects 100` (rows) or `--max-rejects 0.5%` (of the rows read). */
export interface MaxRejects {
  count?: number;
  percent?: number;
  /** as written, for messages */
  text: string;
}

/**
 * Without --max-rejects a run fails when more than half of its rows are rejected: such a file
 * is the wrong file or the wrong delimiter, and replacing yesterday's outputs with header-only
 * files would hand a cron consumer an empty sales queue.
 */
export const DEFAULT_MAX_REJECTS: MaxRejects = { percent: 50, text: '50%' };

/**
 * `--max-warnings 0` or `--max-warnings 1%` (of the rows read): a cron job's guard against an
 * export whose format changed. Judged at the end, before any output is replaced.
 */
export function checkWarnings(limit: MaxRejects | undefined, warnings: number, read: number, worst: { column: string; count: number } | undefined): void {
  if (limit === undefined) return;
  const over = limit.count !== undefined ? warnings > limit.count : read > 0 && (warnings / read) * 100 > limit.percent!;
  if (!over) return;
  throw new LeadqError('INPUT_WARNINGS', `${warnings} value warnings in ${read} rows, more than --max-warnings ${limit.text} allows; no output was replaced`, {
    hint: worst && `most are in column ${quoteData(worst.column)} (${worst.count}); the lines above say which values did not parse`,
  });
}

export function parseMaxRejects(value: string): MaxRejects | undefined {
  const text = value.trim();
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent) {
    const p = Number(percent[1]);
    return p <= 100 ? { percent: p, text } : undefined;
  }
  return /^\d+$/.test(text) ? { count: Number(text), text } : undefined;
}

/** Share of rows rejected from which a run's message guesses at the cause. */
const NEARLY_ALL = 0.9;
const SAMPLE = 50;
const LINES_KEPT = 10;

export class RejectTally {
  rejected = 0;
  private read = 0;
  readonly firstLines: number[] = [];
  private firstReason = '';
  /** the input the first rejected row is in (several inputs make one export) */
  private firstFile: string;
  /** the first rejected records' fields: enough to tell a pattern from noise */
  private readonly sample: string[][] = [];

  private readonly limit: MaxRejects;
  /** whether the limit is the default one (the message then says how to change it) */
  private readonly byDefault: boolean;

  constructor(
    limit: MaxRejects | undefined,
    file: string,
    private readonly header: readonly string[],
    private readonly delimiter: string,
    /** the input's BlockInput.realHeaderSkip: asked only when a run fails, for the hint */
    private readonly realHeaderSkip: () => number | undefined = () => undefined,
  ) {
    this.limit = limit ?? DEFAULT_MAX_REJECTS;
    this.byDefault = limit === undefined;
    this.firstFile = file;
  }

  /** Rows read so far (scored or rejected); call before adding a block's rejects. */
  addRead(rows: number): void {
    this.read += rows;
  }

  /** Throws INPUT_REJECTS as soon as a count limit is passed: no point reading on. */
  add(line: number, reason: string, fields: string[], file?: string): void {
    this.rejected++;
    if (this.firstLines.length < LINES_KEPT) this.firstLines.push(line);
    if (this.rejected === 1) { this.firstReason = reason; if (file !== undefined) this.firstFile = file; }
    if (this.sample.length < SAMPLE) this.sample.push(fields);
    if (this.limit.count !== undefined && this.rejected > this.limit.count) {
      throw this.failure(`more than ${this.limit.count} rows rejected (--max-rejects ${this.limit.text}); stopped at line ${line}`);
    }
  }

  /** At the end of the input: a percentage limit can only be judged against every row read. */
  checkEnd(): void {
    const p = this.limit.percent;
    if (p === undefined || this.read === 0 || (this.rejected / this.read) * 100 <= p) return;
    const share = Math.round((this.rejected / this.read) * 1000) / 10;
    const allowed = this.byDefault ? 'more than half of the rows, which leadq refuses unless --max-rejects allows it (e.g. --max-rejects 100%)' : `more than --max-rejects ${this.limit.text} allows`;
    throw this.failure(`${this.rejected.toLocaleString('en-US')} of ${this.read.toLocaleString('en-US')} rows rejected (${share}%), ${allowed}`);
  }

  private failure(what: string): LeadqError {
    // stopped early, the share of rows is not known yet: a clear pattern is still worth naming
    const found = diagnose(this.header, this.sample, this.delimiter, this.realHeaderSkip());
    return new LeadqError('INPUT_REJECTS', `${what}; no output was written. First rejected row: ${this.firstReason}`, {
      file: this.firstFile, line: this.firstLines[0], hint: found && (found.specific || this.nearlyAll()) ? found.hint : undefined,
    });
  }

  private nearlyAll(): boolean {
    return this.rejected > 0 && this.rejected >= this.read * NEARLY_ALL;
  }

  /** The likely cause when nearly every row read was rejected, else undefined. */
  diagnosis(): string | undefined {
    return this.nearlyAll() ? diagnose(this.header, this.sample, this.delimiter, this.realHeaderSkip())?.hint : undefined;
  }
}
