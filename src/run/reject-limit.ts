/**
 * Rejected rows of a run: where they are (first lines), whether `--max-rejects` has been passed,
 * and — when nearly every row is rejected — the likely cause, guessed from the field counts: a
 * wrong delimiter, a trailing delimiter on every row, or a title line above the header.
 */
import { LeadqError, quoteData } from '../model/errors.js';
import { DELIMITER_CANDIDATES } from '../input/csv/sniff.js';

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
    throw this.failure(`${this.rejected} of ${this.read} rows rejected (${share}%), ${allowed}`);
  }

  private failure(what: string): LeadqError {
    // stopped early, the share of rows is not known yet: a clear pattern is still worth naming
    const found = diagnose(this.header, this.sample, this.delimiter);
    return new LeadqError('INPUT_REJECTS', `${what}; no output was written. First rejected row: ${this.firstReason}`, {
      file: this.firstFile, line: this.firstLines[0], hint: found && (found.specific || this.nearlyAll()) ? found.hint : undefined,
    });
  }

  private nearlyAll(): boolean {
    return this.rejected > 0 && this.rejected >= this.read * NEARLY_ALL;
  }

  /** The likely cause when nearly every row read was rejected, else undefined. */
  diagnosis(): string | undefined {
    return this.nearlyAll() ? diagnose(this.header, this.sample, this.delimiter)?.hint : undefined;
  }
}

const shown = (d: string) => (d === '\t' ? 'tab' : `"${d}"`);

/**
 * Compares the header's field count with the rejected rows' counts; `specific` when a pattern
 * was recognised (not just "the counts differ"). Exported for tests.
 */
export function diagnose(header: readonly string[], rows: readonly string[][], delimiter: string): { hint: string; specific: boolean } | undefined {
  const hint = guess(header, rows, delimiter);
  return hint === undefined ? undefined : { hint: hint.replace(/^\?/, ''), specific: !hint.startsWith('?') };
}

/** The first line as the header, when rules name columns it lacks: a title line, or the wrong delimiter. */
export function headerHint(header: readonly string[], delimiter: string): string | undefined {
  if (header.length !== 1) return undefined;
  const other = DELIMITER_CANDIDATES.find((d) => d !== delimiter && header[0].includes(d));
  if (other) return `the header is one field split on ${shown(delimiter)}, but it holds ${shown(other)}: pass --delimiter ${other === '\t' ? 'tab' : other}`;
  return `the first line has a single field, ${quoteData(header[0])}: if it is a title above the real header, skip it with --skip-lines 1 (leadq reads the first line as the header)`;
}

/** A hint, prefixed with `?` when it is only the generic one. */
function guess(header: readonly string[], rows: readonly string[][], delimiter: string): string | undefined {
  if (rows.length === 0) return undefined;
  const width = header.length;
  const { value: usual, share } = mode(rows.map((r) => r.length));
  const mostly = share >= 0.8;

  // each row split on another delimiter gives the header's width (or its own width, the same for all)
  for (const d of DELIMITER_CANDIDATES) {
    if (d === delimiter) continue;
    const widths = rows.map((r) => r.join(delimiter).split(d).length);
    const byD = mode(widths);
    const headerByD = header.join(delimiter).split(d).length;
    if (byD.share >= 0.8 && byD.value > 1 && (byD.value === width || byD.value === headerByD)) {
      return byD.value === width
        ? `the header was split on ${shown(delimiter)} into ${width} field${width === 1 ? '' : 's'}, but the rows look delimited by ${shown(d)}: the header and the rows must use the same delimiter`
        : `the rows look delimited by ${shown(d)} (${byD.value} fields each, as the header would be), not ${shown(delimiter)}: pass --delimiter ${d === '\t' ? 'tab' : d}`;
    }
  }
  if (mostly && usual === width + 1) {
    const emptyLast = rows.filter((r) => r.length === usual && r[r.length - 1] === '').length;
    if (emptyLast >= rows.length * 0.8) {
      return `the header has ${width} fields and the rows ${usual}, the last one empty: every row ends with a trailing ${shown(delimiter)}. Remove it, or give the last column a name in the header`;
    }
    return `the rows have one field more than the header (${usual} against ${width}): is a column name missing from the header?`;
  }
  if (mostly && usual > width) {
    return `the first line has ${width} field${width === 1 ? '' : 's'} but the rows have ${usual}: if the first line is a title above the real header, skip it with --skip-lines 1 (leadq reads the first line as the header)`;
  }
  return `?the header has ${width} field${width === 1 ? '' : 's'}; ${mostly ? `the rows have ${usual}` : 'the rows have varying counts'}: check the delimiter (${shown(delimiter)}; --delimiter sets it) and the quotes`;
}

function mode(values: number[]): { value: number; share: number } {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let value = values[0];
  for (const [v, n] of counts) if (n > counts.get(value)!) value = v;
  return { value, share: counts.get(value)! / values.length };
}
