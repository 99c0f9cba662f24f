/**
 * The strings of one text column, made once per distinct cell. Columns such as industry, country
 * or lead source repeat a handful of values over millions of rows: a repeated cell is found by
 * its bytes instead of being decoded into a new string, and the string found is the same object
 * as before, whose hash the memoised rule tests and the summary's maps have already computed.
 * A column that shows more distinct values than the table holds (emails, names) stops looking
 * and decodes every cell.
 */

/** Distinct values remembered per column; beyond that the column is not worth interning. */
export const MAX_VALUES = 1024;
/** Longer cells are decoded as they come (free text rarely repeats). */
const MAX_BYTES = 64;
const SLOTS = MAX_VALUES * 2; // a power of two, at most half full

export class CellStrings {
  private readonly slots = new Int32Array(SLOTS).fill(-1);
  private readonly hashes: number[] = [];
  private readonly starts: number[] = [];
  private readonly lengths: number[] = [];
  /** the values by id (ids count up from 0, at most MAX_VALUES) */
  readonly strings: string[] = [];
  private arena = new Uint8Array(4096);
  private used = 0;
  /** false once the column has shown more distinct values than MAX_VALUES */
  active = true;

  /**
   * The id of the value remembered for bytes [start, end) of `b` (see `strings`), or -1 when the
   * caller must decode the cell itself (and may then `remember` it).
   */
  find(b: Uint8Array, start: number, end: number): number {
    this.pendingSlot = -1;
    if (end - start > MAX_BYTES) return -1;
    const hash = hashBytes(b, start, end);
    for (let slot = hash & (SLOTS - 1); ; slot = (slot + 1) & (SLOTS - 1)) {
      const entry = this.slots[slot];
      if (entry < 0) {
        this.pendingSlot = slot;
        this.pendingHash = hash;
        return -1;
      }
      if (this.hashes[entry] === hash && this.sameBytes(entry, b, start, end)) return entry;
    }
  }

  /** Remembers `value` for the bytes the last `find` did not know; returns its id, or -1 when it was not kept. */
  remember(b: Uint8Array, start: number, end: number, value: string): number {
    if (this.pendingSlot < 0) return -1;
    const entry = this.strings.length;
    if (entry >= MAX_VALUES) { this.active = false; return -1; }
    const length = end - start;
    if (this.used + length > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.used + length));
      bigger.set(this.arena.subarray(0, this.used));
      this.arena = bigger;
    }
    this.arena.set(b.subarray(start, end), this.used);
    this.slots[this.pendingSlot] = entry;
    this.hashes.push(this.pendingHash);
    this.starts.push(this.used);
    this.lengths.push(length);
    this.strings.push(value);
    this.used += length;
    this.pendingSlot = -1;
    return entry;
  }

  private pendingSlot = -1;
  private pendingHash = 0;

  private sameBytes(entry: number, b: Uint8Array, start: number, end: number): boolean {
    if (this.lengths[entry] !== end - start) return false;
    const arena = this.arena;
    for (let i = start, j = this.starts[entry]; i < end; i++, j++) if (b[i] !== arena[j]) return false;
    return true;
  }
}

/** FNV-1a over the bytes. */
function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h >>> 0;
}
