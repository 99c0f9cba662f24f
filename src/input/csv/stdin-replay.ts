/**
 * Standard input read more than once. A run that reads its export twice (related files' keys
 * first, accounts, dedupe, backtest --compare, calibrate) cannot rewind a pipe, so once a command
 * asks for it (`replayStdin`), standard input is copied to a temporary file as it is read, and
 * every later opening of `-` reads that copy, then whatever of standard input is still unread
 * (copying it too). A run that reads its export once copies nothing.
 *
 * The copy lives in a folder of its own under the system's temporary folder and is removed when
 * the process exits, on an error or a signal too (the signal handlers exit through `process.exit`;
 * only SIGKILL leaves it behind). It takes
 * as much disk as the export; the error says so when the disk is full.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LeadqError } from '../../model/errors.js';
import type { ByteSource } from './byte-source.js';

class StdinCopy {
  private readonly dir: string;
  private readonly path: string;
  private fd: number;
  /** bytes of standard input read (and copied) so far */
  private written = 0;
  private ended = false;
  private readonly chunks = process.stdin[Symbol.asyncIterator]();

  constructor() {
    try {
      this.dir = mkdtempSync(join(tmpdir(), 'leadq-stdin-'));
      this.path = join(this.dir, 'stdin.csv');
      this.fd = openSync(this.path, 'w', 0o600);
    } catch (error) {
      throw copyError(error);
    }
    process.once('exit', () => this.remove());
  }

  /** A reader from the start of standard input: the copy so far, then standard input on. */
  async open(name: string, chunkSize: number): Promise<ByteSource> {
    const handle = await open(this.path, 'r');
    let offset = 0;
    let closed = false;
    return {
      read: async () => {
        if (closed) return null;
        if (offset < this.written) {
          const buf = Buffer.allocUnsafeSlow(Math.min(chunkSize, this.written - offset));
          try {
            const { bytesRead } = await handle.read(buf, 0, buf.length, offset);
            offset += bytesRead;
            return buf.subarray(0, bytesRead);
          } catch (error) {
            throw new LeadqError('INPUT_READ', `cannot read the copy of standard input: ${(error as Error).message}`, { file: name });
          }
        }
        const next = await this.next();
        if (next !== null) offset += next.length;
        return next;
      },
      close: async () => { if (!closed) { closed = true; await handle.close(); } },
    };
  }

  /** The next chunk of standard input, copied (null at its end). */
  private async next(): Promise<Buffer | null> {
    if (this.ended) return null;
    const next = await this.chunks.next();
    if (next.done) { this.ended = true; return null; }
    const chunk = next.value as Buffer;
    try {
      for (let at = 0; at < chunk.length;) at += writeSync(this.fd, chunk, at, chunk.length - at, this.written + at);
    } catch (error) {
      throw copyError(error);
    }
    this.written += chunk.length;
    return chunk;
  }

  private remove(): void {
    try { closeSync(this.fd); } catch { /* already closed */ }
    this.fd = -1;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function copyError(error: unknown): LeadqError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOSPC' ? 'the disk is full' : code === 'ENOENT' ? 'the folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
  return new LeadqError('INPUT_READ', `is read twice in this run, so leadq copies it to a temporary file in ${tmpdir()}, and that failed: ${reason}`, {
    file: 'stdin', hint: 'give the export as a file, or point TMPDIR at a folder with room for it',
  });
}

let copy: StdinCopy | undefined;

/** From now on standard input can be opened again (each opening reads it from the start). */
export function replayStdin(): void {
  copy ??= new StdinCopy();
}

/** A reader of standard input from its start when replay is on; undefined when it is off. */
export function openStdinCopy(name: string, chunkSize: number): Promise<ByteSource> | undefined {
  return copy?.open(name, chunkSize);
}
