/**
 * Where output bytes go. Files are written to a temporary file beside the target and renamed
 * into place only when the whole run has succeeded (`OutputSet.commit`); on any failure or signal
 * `abort` removes the temporary files, so earlier outputs stay byte-identical. Writes are batched:
 * rows are appended to a string and written in large blocks.
 */
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LeadqError } from '../model/errors.js';
import { stdout } from './stdout.js';

const FLUSH_AT = 1 << 16;

export interface Sink {
  readonly name: string;
  write(data: string | Uint8Array): void;
  /** lets a slow consumer (a pipe) catch up; files never wait */
  drain(): Promise<void>;
}

class FileSink implements Sink {
  private pending = '';
  private fd: number;
  readonly tempPath: string;

  constructor(readonly name: string) {
    this.tempPath = join(dirname(name), `.${basename(name)}.leadq-${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`);
    try {
      this.fd = openSync(this.tempPath, 'wx', 0o644);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? `the directory ${dirname(name)} does not exist`
        : code === 'EACCES' || code === 'EPERM' ? `no permission to create files in ${dirname(name)}`
          : code === 'EROFS' ? 'the file system is read-only' : code === 'ENOSPC' ? 'the disk is full' : (error as Error).message;
      throw new LeadqError('OUTPUT_WRITE', `cannot write: ${why}`, { file: name });
    }
    // a file kept private (leads are personal data) stays private when a rerun replaces it
    try { fchmodSync(this.fd, statSync(name).mode & 0o777); } catch { /* no earlier file: the default mode */ }
  }

  write(data: string | Uint8Array): void {
    if (typeof data === 'string') {
      this.pending += data;
      if (this.pending.length >= FLUSH_AT) this.flush();
    } else if (data.length > 0) {
      this.flush();
      this.writeBytes(data);
    }
  }

  async drain(): Promise<void> {}

  flush(): void {
    if (this.pending.length === 0) return;
    const bytes = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    this.writeBytes(bytes);
  }

  private writeBytes(bytes: Uint8Array): void {
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(this.fd, bytes, off);
    } catch (error) {
      throw this.writeError(error);
    }
  }

  private writeError(error: unknown): LeadqError {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk is full' : code === 'EFBIG' ? 'the file is larger than the system allows' : (error as Error).message;
    return new LeadqError('OUTPUT_WRITE', `cannot write: ${why}; earlier outputs are unchanged`, { file: this.name });
  }

  /** Flushes, syncs and closes; the file is complete but not yet in place. */
  finish(): void {
    this.flush();
    try {
      fsyncSync(this.fd);
    } catch (error) {
      // a full disk or an I/O error can surface only here (delayed allocation, network disks);
      // a file system without fsync is no reason to fail
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EROFS') throw this.writeError(error);
    }
    const fd = this.fd;
    this.fd = -1;
    try { closeSync(fd); } catch (error) { throw this.writeError(error); }
  }

  discard(): void {
    if (this.fd >= 0) { try { closeSync(this.fd); } catch { /* already closed */ } this.fd = -1; }
    try { unlinkSync(this.tempPath); } catch { /* already gone */ }
  }
}

/** Standard output: written as it comes, waiting for a pipe when it is full; see stdout.ts. */
class StdoutSink implements Sink {
  readonly name = 'standard output';
  private full = false;

  write(data: string | Uint8Array): void {
    if (!stdout.write(data)) this.full = true;
  }

  async drain(): Promise<void> {
    if (!this.full) return;
    this.full = false;
    await stdout.drain();
  }

  /** Every byte handed over, and no error on the way: called before the files are moved into place. */
  async finish(): Promise<void> {
    await stdout.drain();
  }
}

export class OutputSet {
  private readonly files: FileSink[] = [];
  private stdout: StdoutSink | undefined;
  private readonly stale: string[] = [];

  /** Whether some output is standard output, whose writes complete later (the others write at once). */
  get writesToPipe(): boolean {
    return this.stdout !== undefined;
  }

  /** A file of an earlier run that this run did not produce; removed on commit (e.g. rejects.csv). */
  removeOnCommit(path: string): void {
    this.stale.push(path);
  }

  /** A sink for `path`; `-` is standard output. */
  open(path: string): Sink {
    if (path === '-') return (this.stdout ??= new StdoutSink());
    const sink = new FileSink(path);
    this.files.push(sink);
    return sink;
  }

  async drain(): Promise<void> {
    await this.stdout?.drain();
  }

  /**
   * Where the bytes of a file output are until the commit, everything written to it so far
   * flushed there, so that it can be read back (score --previous); undefined for standard output.
   */
  written(sink: Sink): string | undefined {
    if (!(sink instanceof FileSink)) return undefined;
    sink.flush();
    return sink.tempPath;
  }

  /**
   * Moves every file into place; called once the whole run has succeeded. Every file is complete
   * and synced before the first rename, so what can still fail here is a rename itself.
   */
  async commit(): Promise<void> {
    await this.stdout?.finish();
    for (const f of this.files) f.finish();
    for (const f of this.files) {
      try { renameSync(f.tempPath, f.name); }
      catch (error) { throw new LeadqError('OUTPUT_WRITE', `cannot move the output into place: ${(error as Error).message}`, { file: f.name }); }
    }
    this.files.length = 0;
    for (const path of this.stale) { try { unlinkSync(path); } catch { /* not there */ } }
  }

  /** Removes every temporary file; the targets keep their previous content. */
  abort(): void {
    for (const f of this.files) f.discard();
    this.files.length = 0;
  }
}
