/**
 * Standard output without lost write errors. Node's own `process.stdout` drops them: on a file
 * (`> scored.csv`) it writes once and ignores a short write (a full disk, `ulimit -f`), on
 * `/dev/full` it reports ENOSPC only as an 'error' event nobody listens to, and on a pipe whose
 * reader went away the unheard EPIPE event crashes the process with a stack trace.
 *
 * So a file or device is written here with `writeSync` until every byte is out, and any error
 * throws at once; a pipe, socket or terminal goes through the stream, whose errors are kept and
 * thrown at the next `drain`. EPIPE alone is not an error: the reader went away (`| head`), and
 * the run stops quietly (`PipeClosed`, exit 0).
 */
import { fstatSync, writeSync } from 'node:fs';
import { LeadqError } from '../model/errors.js';

/** The reader of our standard output went away (`leadq … | head`): not an error, just stop. */
export class PipeClosed extends Error {
  constructor() { super('stdout closed'); }
}

export function stdoutWriteError(error: unknown): LeadqError {
  const e = error as NodeJS.ErrnoException;
  const why = e.code === 'ENOSPC' || e.code === 'EDQUOT' ? 'the disk is full'
    : e.code === 'EFBIG' ? 'the file is larger than the system allows' : e.message;
  return new LeadqError('OUTPUT_WRITE', `cannot write to standard output: ${why}${e.code && !why.includes(e.code) ? ` (${e.code})` : ''}`);
}

class Stdout {
  /** written with writeSync (a file or device); undefined until the first write decides */
  private direct: boolean | undefined;
  private closed = false;
  private failure: LeadqError | undefined;

  private isDirect(): boolean {
    if (this.direct !== undefined) return this.direct;
    let direct = false;
    try {
      const stat = fstatSync(1);
      direct = stat.isFile() || (stat.isCharacterDevice() && !process.stdout.isTTY);
    } catch { /* no standard output at all: the stream reports it */ }
    if (!direct) {
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') this.closed = true;
        else this.failure ??= stdoutWriteError(error);
      });
    }
    return (this.direct = direct);
  }

  /** Writes `data`; false when a pipe asks to wait (`drain`) before writing more. */
  write(data: string | Uint8Array): boolean {
    if (data.length === 0) return true;
    if (this.failure) throw this.failure;
    if (this.closed) throw new PipeClosed();
    if (!this.isDirect()) return process.stdout.write(data);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(1, bytes, off);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') { this.closed = true; throw new PipeClosed(); }
      throw (this.failure = stdoutWriteError(error));
    }
    return true;
  }

  /**
   * Waits until the pipe has taken what was written, then throws what went wrong meanwhile:
   * the write error, or `PipeClosed` when the reader went away.
   */
  async drain(): Promise<void> {
    if (this.direct === false) {
      if (process.stdout.writableNeedDrain && !this.closed && !this.failure) {
        await new Promise<void>((resolve) => {
          const done = () => { process.stdout.off('drain', done); process.stdout.off('error', done); resolve(); };
          process.stdout.once('drain', done);
          process.stdout.once('error', done);
        });
      }
      // a stream reports a failed write on the next tick
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (this.failure) throw this.failure;
    if (this.closed) throw new PipeClosed();
  }

  /** Whether the reader went away; a command that ended without writing more is not told. */
  get readerGone(): boolean {
    return this.closed;
  }
}

/** The process's one standard output. */
export const stdout = new Stdout();
