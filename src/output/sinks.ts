/**
 * Where output bytes go. Files are written to a temporary file beside the target and renamed
 * into place only when the whole run has succeeded, all of them or none (`OutputSet.commit`); on
 * any failure or signal `abort` removes the temporary files, so earlier outputs stay byte-identical. Writes are batched:
 * rows are appended to a string and written in large blocks.
 */
import { closeSync, fchmodSync, fsyncSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { LeadqError } from '../model/errors.js';
import type { OutputEncoding } from '../model/encodings.js';
import { outputEncoder, type OutputEncoder, type Unmappable } from './csv/encode.js';
import { OutDirManifest, type ManifestOutcome } from './manifest.js';
import { Replacement } from './replace-files.js';
import { stdout } from './stdout.js';

const FLUSH_AT = 1 << 16;

export interface Sink {
  readonly name: string;
  write(data: string | Uint8Array): void;
  /** lets a slow consumer (a pipe) catch up; files never wait */
  drain(): Promise<void>;
}

/** A sink's characters that its encoding (windows-1252) has no byte for. */
export interface SinkUnmappable extends Unmappable {
  name: string;
}

class FileSink implements Sink {
  private pending = '';
  private fd: number;
  readonly tempPath: string;
  /** bytes written to the file (the manifest records them) */
  size = 0;

  constructor(readonly name: string, readonly encoder?: OutputEncoder) {
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
    if (encoder && encoder.preamble.length > 0) this.writeBytes(encoder.preamble);
  }

  write(data: string | Uint8Array): void {
    if (typeof data === 'string') {
      this.pending += data;
      if (this.pending.length >= FLUSH_AT) this.flush();
    } else if (data.length > 0) {
      this.flush();
      // another encoding than UTF-8: transcoded here, the row path never knows
      this.writeBytes(this.encoder ? this.encoder.bytes(data) : data);
    }
  }

  async drain(): Promise<void> {}

  flush(): void {
    if (this.pending.length === 0) return;
    const bytes = this.encoder ? this.encoder.text(this.pending) : Buffer.from(this.pending, 'utf8');
    this.pending = '';
    this.writeBytes(bytes);
  }

  private writeBytes(bytes: Uint8Array): void {
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(this.fd, bytes, off);
      this.size += bytes.length;
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

  constructor(readonly encoder?: OutputEncoder) {
    // the byte-order mark as it is (not through the encoder, which takes UTF-8)
    if (encoder && encoder.preamble.length > 0 && !stdout.write(encoder.preamble)) this.full = true;
  }

  write(data: string | Uint8Array): void {
    const bytes = this.encoder === undefined ? data : typeof data === 'string' ? this.encoder.text(data) : this.encoder.bytes(data);
    if (!stdout.write(bytes)) this.full = true;
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
  private manifest: OutDirManifest | undefined;
  /** what the manifest did at the commit: files removed, files kept (changed since) */
  manifestOutcome: ManifestOutcome | undefined;
  private readonly unmappableFrom: { name: string; encoder: OutputEncoder }[] = [];

  /** Whether some output is standard output, whose writes complete later (the others write at once). */
  get writesToPipe(): boolean {
    return this.stdout !== undefined;
  }

  /** A file of an earlier run that this run did not produce; removed on commit (e.g. rejects.csv). */
  removeOnCommit(path: string): void {
    this.stale.push(path);
  }

  /**
   * `dir` is an --out-dir: at the commit, files an earlier run wrote there (its manifest says
   * which) that this run did not write are removed, and the manifest lists this run's files.
   */
  keepManifest(dir: string): void {
    this.manifest = new OutDirManifest(dir);
  }

  /**
   * A sink for `path`; `-` is standard output. `encoding`: the CSV outputs' (--out-encoding);
   * JSON, Markdown and SVG stay UTF-8.
   */
  open(path: string, encoding?: OutputEncoding): Sink {
    const encoder = outputEncoder(encoding);
    if (path === '-') {
      if (this.stdout === undefined) {
        this.stdout = new StdoutSink(encoder);
        if (encoder) this.unmappableFrom.push({ name: this.stdout.name, encoder });
      }
      return this.stdout;
    }
    const sink = new FileSink(path, encoder);
    this.files.push(sink);
    if (encoder) this.unmappableFrom.push({ name: path, encoder });
    return sink;
  }

  /** Characters written as `?` because the output encoding lacks them, per output. */
  unmappable(): SinkUnmappable[] {
    return this.unmappableFrom.flatMap(({ name, encoder }) => (encoder.unmappable ? [{ name, ...encoder.unmappable }] : []));
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
   * Moves every file into place, all or none (replace-files.ts); called once the whole run has
   * succeeded. Every file is complete and synced before the first rename, so what can still fail
   * here is a rename itself: then every file already moved is put back as it was, the temporary
   * files are removed, and the error says so.
   */
  async commit(): Promise<void> {
    await this.stdout?.finish();
    for (const f of this.files) f.finish();
    // the manifest of this run's files, complete before anything is moved
    const manifest = this.manifest?.prepare(this.files.map((f) => ({ path: f.name, size: f.size })));
    const replacement = new Replacement();
    const outcome: ManifestOutcome = { removed: [], kept: [...(manifest?.changed ?? [])] };
    try {
      for (const f of this.files) replacement.place(f.tempPath, f.name);
      const removed = new Set(this.stale.filter((path) => replacement.remove(path)).map((path) => resolve(path)));
      if (manifest) {
        // stale files go before the new manifest replaces the old one, which names them
        for (const { file, shown } of manifest.stale) {
          if (!removed.has(file)) (replacement.remove(file) ? outcome.removed : outcome.kept).push(shown);
        }
        replacement.place(manifest.temp, manifest.path);
      }
    } catch (error) {
      const stranded = replacement.undo();
      manifest?.discard();
      this.abort();
      if (!(error instanceof LeadqError)) throw error;
      const after = stranded.length === 0 ? 'earlier outputs are unchanged'
        : `earlier outputs are unchanged but for the previous content of some, which could not be put back: it is in ${stranded.join(', ')}`;
      throw new LeadqError(error.code, `${error.message}; ${after}`, { file: error.file });
    }
    replacement.finish();
    this.files.length = 0;
    if (manifest) this.manifestOutcome = outcome;
  }

  /** Removes every temporary file; the targets keep their previous content. */
  abort(): void {
    for (const f of this.files) f.discard();
    this.files.length = 0;
  }
}
