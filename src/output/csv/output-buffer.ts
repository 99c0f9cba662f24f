/**
 * A block's output as bytes: rows are copied and written into a growable buffer, never joined as
 * strings. Its memory comes from the block buffer pool (input/csv/buffer-pool.ts).
 */
import { ownBuffer } from '../../input/csv/buffer-pool.js';
import { writeText } from '../../input/csv/buffer-text.js';

/** The room a block's scored output starts with: its input with the appended cells, without growing. */
export function outputCapacity(inputBytes: number): number {
  return inputBytes * 2;
}

const NOTHING = Buffer.alloc(0);

/** A growable byte buffer for a block's output: rows are copied and written into it, never joined as strings. */
export class OutputBuffer {
  buf: Buffer;
  length = 0;

  /**
   * `capacity` 0: nothing is allocated until something is written (most blocks write no
   * duplicates). `reuse` false: a buffer of its own, never a spare one (the per-stage outputs,
   * which are small and not handed back, must not take the block buffers' memory with them).
   */
  constructor(capacity: number, reuse = true) {
    const size = Math.max(capacity, 1024);
    this.buf = capacity === 0 ? NOTHING : reuse ? ownBuffer(size) : Buffer.allocUnsafeSlow(size);
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.length + extra, 1024));
    this.buf.copy(bigger, 0, 0, this.length);
    this.buf = bigger;
  }

  /** Appends bytes [start, end) of `source`. */
  copy(source: Uint8Array, start: number, end: number): void {
    this.ensure(end - start);
    this.buf.set(source.subarray(start, end), this.length);
    this.length += end - start;
  }

  /** Short ASCII text (numbers, names the ruleset gave), copied in JavaScript: no native call. */
  ascii(text: string): void {
    this.ensure(text.length);
    const buf = this.buf;
    let at = this.length;
    for (let i = 0; i < text.length; i++) buf[at++] = text.charCodeAt(i);
    this.length = at;
  }

  /** Short pre-encoded bytes, copied in JavaScript: for a handful of bytes a native copy costs more. */
  bytes(data: Uint8Array): void {
    const n = data.length;
    if (n > 32) { this.copy(data, 0, n); return; }
    this.ensure(n);
    const buf = this.buf;
    let at = this.length;
    for (let i = 0; i < n; i++) buf[at++] = data[i];
    this.length = at;
  }

  /** Short bytes [start, end) of a larger `source`, copied in JavaScript (as `bytes`, without a view made per call). */
  bytesOf(source: Uint8Array, start: number, end: number): void {
    if (end - start > 32) { this.copy(source, start, end); return; }
    this.ensure(end - start);
    const buf = this.buf;
    let at = this.length;
    for (let i = start; i < end; i++) buf[at++] = source[i];
    this.length = at;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.length++] = b;
  }

  write(text: string): void {
    this.ensure(text.length * 3);
    this.length += writeText(this.buf, text, this.length);
  }

  /** The bytes written, as a view that owns its memory (transferable to another thread). */
  take(): Uint8Array {
    // an empty result of its own: the shared NOTHING must never be transferred (and detached)
    return this.buf === NOTHING ? new Uint8Array(0) : this.buf.subarray(0, this.length);
  }
}
