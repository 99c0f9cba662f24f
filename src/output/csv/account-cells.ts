/**
 * The `account` cell's bytes, kept by account number: the lead pass writes one of some 44k keys
 * per row (at 1M leads), too many for the formatter's cache of repeated cells (which stops
 * remembering at 10k and then escapes and encodes every cell again). Each account's cell is
 * escaped and encoded once per thread, its bytes side by side in one buffer, two ints per account
 * where they stand: about 1 MB at 44k accounts, not an object per key.
 */
import type { OutputBuffer } from './output-buffer.js';

export class AccountCells {
  /** per account number: where its bytes start in `bytes` plus 1 (0: not yet written), and their length */
  private at = new Int32Array(2048);
  private bytes = new Uint8Array(1 << 16);
  private used = 0;

  /** `cell`: a key as its cell reads (escaped and quoted as the output's format needs) */
  constructor(private readonly cell: (text: string) => string) {}

  /** Writes the cell of account `n`, whose key as shown is `key`, to `out`. */
  write(n: number, key: string, out: OutputBuffer): void {
    if (2 * n >= this.at.length) this.growAt(n);
    const start = this.at[2 * n] - 1;
    if (start < 0) { this.remember(n, key, out); return; }
    out.bytesOf(this.bytes, start, start + this.at[2 * n + 1]);
  }

  private remember(n: number, key: string, out: OutputBuffer): void {
    const encoded = Buffer.from(this.cell(key), 'utf8');
    if (this.used + encoded.length > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.used + encoded.length));
      bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
    }
    this.bytes.set(encoded, this.used);
    this.at[2 * n] = this.used + 1;
    this.at[2 * n + 1] = encoded.length;
    this.used += encoded.length;
    out.bytes(encoded);
  }

  private growAt(n: number): void {
    const bigger = new Int32Array(Math.max(2 * n + 2, this.at.length * 2));
    bigger.set(this.at);
    this.at = bigger;
  }
}
