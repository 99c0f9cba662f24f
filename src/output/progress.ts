/**
 * Progress of a long run on standard error: rows, megabytes per second, time elapsed and, when
 * the input's size is known, time left — one line, redrawn in place (`\r`, erase to the end of
 * the line), at most every `intervalMs`, and only after `delayMs` (a quick run shows nothing).
 * Commands create one only when standard error is a terminal and --quiet is not given
 * (`progressFor`); a cron mail or a pipe never sees it. `done()` erases the line, so the messages
 * after it start on a clean line. Pure apart from the clock and the writer it is handed.
 */

export interface ProgressOptions {
  /** what is being done: "scoring", "reading", "comparing" */
  label: string;
  /** the bytes the run will read, when known (files; not a pipe) */
  total?: number;
  /** terminal width: the line is cut to fit */
  columns?: number;
  delayMs?: number;
  intervalMs?: number;
  now?: () => number;
}

/** Before this, nothing is shown: most runs on a terminal are short. Tests set LEADQ_PROGRESS_DELAY_MS. */
const DEFAULT_DELAY_MS = 1000;
const DEFAULT_INTERVAL_MS = 250;

export class Progress {
  private readonly start: number;
  private last = -Infinity;
  private shown = false;
  private readonly now: () => number;
  private readonly delay: number;
  private readonly interval: number;
  private label: string;

  constructor(private readonly write: (text: string) => void, private readonly options: ProgressOptions) {
    this.now = options.now ?? Date.now;
    this.start = this.now();
    this.delay = options.delayMs ?? DEFAULT_DELAY_MS;
    this.interval = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.label = options.label;
  }

  /** What the run does now (dedupe's first pass, then scoring). */
  phase(label: string): void {
    this.label = label;
  }

  /** Rows and bytes done so far; drawn when the delay and the interval have passed. */
  update(rows: number, bytes: number): void {
    const t = this.now();
    if (t - this.start < this.delay || t - this.last < this.interval) return;
    this.last = t;
    this.shown = true;
    this.write(`\r${fit(progressLine(this.label, rows, bytes, t - this.start, this.options.total), this.options.columns)}\x1b[K`);
  }

  /** Erases the line, if one was drawn. */
  done(): void {
    if (this.shown) this.write('\r\x1b[K');
    this.shown = false;
  }
}

/** `leadq: scoring 1,204,000 rows · 95.3 of 187.0 MB · 31.2 MB/s · 0:03 elapsed · 0:03 left` */
export function progressLine(label: string, rows: number, bytes: number, elapsedMs: number, total?: number): string {
  const mb = (n: number) => (n / 1e6).toFixed(1);
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? bytes / seconds : 0;
  const parts = [`leadq: ${label} ${rows.toLocaleString('en-US')} rows`, total ? `${mb(Math.min(bytes, total))} of ${mb(total)} MB` : `${mb(bytes)} MB`, `${mb(rate)} MB/s`, `${clock(seconds)} elapsed`];
  if (total && rate > 0 && bytes < total) parts.push(`${clock((total - bytes) / rate)} left`);
  return parts.join(' · ');
}

/** m:ss, or h:mm:ss from an hour on. */
function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The line cut to the terminal's width (one column spare, so the cursor never wraps). */
function fit(line: string, columns: number | undefined): string {
  return columns && columns > 1 && line.length > columns - 1 ? `${line.slice(0, columns - 2)}…` : line;
}

/** A Progress when standard error is a terminal and --quiet is not given; else none. */
export function progressFor(io: { err: (text: string) => void; errIsTTY: boolean; columns?: number }, quiet: boolean | undefined, label: string, total?: number): Progress | undefined {
  if (!io.errIsTTY || quiet) return undefined;
  const delay = process.env.LEADQ_PROGRESS_DELAY_MS ? Number(process.env.LEADQ_PROGRESS_DELAY_MS) : NaN;
  return new Progress(io.err, { label, total, columns: io.columns, ...(Number.isFinite(delay) && delay >= 0 ? { delayMs: delay } : {}) });
}
