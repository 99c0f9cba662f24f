/**
 * Scored rows put aside until their account cells are known (run/deferred-accounts.ts): each
 * block's rows as written without those cells, where each row stands, and each lead's account
 * slot, appended to a scratch file beside the outputs and read back block by block, in order.
 * Memory: three numbers per block; the rows themselves are on disk (about the size of the scored
 * output). The file is unlinked as soon as it is open where the system allows it, so not even a
 * killed run leaves it behind; elsewhere (Windows) when it is closed.
 */
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LeadqError } from '../model/errors.js';

/** One block as spooled: its rows' bytes, and per lead its place (jobs/score-accounts.ts ROW_PLACE) and account slot. */
export interface SpooledBlock {
  rows: Buffer;
  places: Int32Array;
  slots: Int32Array;
}

export class RowSpool {
  private readonly fd: number;
  private readonly path: string;
  private unlinked = false;
  private closed = false;
  /** bytes written so far: where the next block goes */
  private size = 0;
  /** per block: where it starts, its leads and its rows' bytes */
  private blocks: number[] = [];

  /**
   * `dir`: where the scratch file goes (the outputs' folder, whose disk takes files that size);
   * `hint`: what to do when it cannot be written there
   */
  constructor(dir: string, private readonly hint?: string) {
    this.path = join(dir, `.leadq-rows-${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`);
    try {
      this.fd = openSync(this.path, 'wx+', 0o600);
    } catch (error) {
      throw spoolError(error, dir, hint);
    }
    try { unlinkSync(this.path); this.unlinked = true; } catch { /* open files cannot be unlinked here: at close */ }
  }

  /** A block: its rows, and per lead `placeWidth` ints of `places` and one of `slots`. */
  add(rows: Uint8Array, places: Int32Array, slots: Int32Array): void {
    const at = this.size;
    this.write(new Uint8Array(places.buffer, places.byteOffset, places.byteLength));
    this.write(new Uint8Array(slots.buffer, slots.byteOffset, slots.byteLength));
    this.write(rows);
    this.blocks.push(at, slots.length, rows.length);
  }

  /** The blocks in the order they were added; `placeWidth`: ints of `places` per lead. Each block's memory is reused for the next. */
  *read(placeWidth: number): Generator<SpooledBlock> {
    let buffer = Buffer.allocUnsafeSlow(0);
    for (let b = 0; b < this.blocks.length; b += 3) {
      const [at, leads, bytes] = this.blocks.slice(b, b + 3);
      const ints = leads * (placeWidth + 1);
      const size = ints * 4 + bytes;
      // a fresh buffer at offset 0: its ints are aligned
      if (buffer.length < size) buffer = Buffer.allocUnsafeSlow(Math.max(size, buffer.length * 2));
      for (let done = 0; done < size;) {
        const n = readSync(this.fd, buffer, done, size - done, at + done);
        if (n === 0) throw new LeadqError('OUTPUT_WRITE', 'the scratch file of the scored rows ended early (removed or truncated while the run was writing?)', { file: this.path });
        done += n;
      }
      const ints32 = new Int32Array(buffer.buffer, buffer.byteOffset, ints);
      yield { places: ints32.subarray(0, leads * placeWidth), slots: ints32.subarray(leads * placeWidth), rows: buffer.subarray(ints * 4, size) };
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    if (!this.unlinked) { try { unlinkSync(this.path); } catch { /* already gone */ } }
    this.blocks = [];
  }

  private write(bytes: Uint8Array): void {
    try {
      for (let done = 0; done < bytes.length;) done += writeSync(this.fd, bytes, done, bytes.length - done, this.size + done);
    } catch (error) {
      throw spoolError(error, this.path, this.hint);
    }
    this.size += bytes.length;
  }
}

function spoolError(error: unknown, file: string, hint?: string): LeadqError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'no permission to create files there'
    : code === 'EROFS' ? 'the file system is read-only' : code === 'ENOENT' ? 'the directory does not exist' : (error as Error).message;
  return new LeadqError('OUTPUT_WRITE', `cannot write the scratch file of the scored rows (their account cells go in once every lead is read): ${why}`, { file, hint });
}
