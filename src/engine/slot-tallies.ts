/**
 * Per account slot, how many leads brought each value (a company spelling, a domain, a name), the
 * values as numbers (account-strings.ts; -1 for none). Nearly every account sees one value only:
 * it is kept with its count beside it, so the fold (account-fold.ts) pays a comparison of two
 * numbers per lead and value. Further values of a slot are entries of one table for all slots
 * (found by slot and value through an open-addressing index, listed per slot through a chain), all
 * in typed arrays: a map per account with two spellings was some 20 MB of the fold's heap at 1M
 * leads, live at the switch between the passes.
 */
export class SlotTallies {
  /** slots in use */
  private slots = 0;
  /** per slot, side by side: its first value (-1: none yet) and that value's count */
  private first = new Int32Array(2 * 1024);
  /** per slot: its first further entry, -1 for none */
  private more = new Int32Array(1024);
  /** per further entry, side by side: its slot, value, count and the slot's next entry (-1: the last) */
  private entries = new Int32Array(4 * 1024);
  private used = 0;
  /** entry + 1 by hash of (slot, value), 0 free; at most half full */
  private index = new Int32Array(2048);

  /** A new slot, the next number. */
  push(): void {
    const s = this.slots++;
    if (s === this.more.length) {
      this.first = grow(this.first, 2 * this.more.length * 2);
      this.more = grow(this.more, this.more.length * 2);
    }
    this.first[2 * s] = -1;
    this.first[2 * s + 1] = 0;
    this.more[s] = -1;
  }

  /** `times` leads of `slot` brought `value` (-1 brings nothing). */
  add(slot: number, value: number, times = 1): void {
    if (value < 0) return;
    const first = this.first;
    const v = first[2 * slot];
    if (v === value) { first[2 * slot + 1] += times; return; }
    if (v < 0) { first[2 * slot] = value; first[2 * slot + 1] = times; return; }
    const e = this.entryOf(slot, value);
    this.entries[4 * e + 2] += times;
  }

  /** Each value of `slot` with its count (in no particular order); `fn` may add to other slots. */
  forEach(slot: number, fn: (value: number, count: number) => void): void {
    const v = this.first[2 * slot];
    if (v < 0) return;
    fn(v, this.first[2 * slot + 1]);
    // the arrays are read anew each step: `fn` may have grown them
    for (let e = this.more[slot]; e >= 0; e = this.entries[4 * e + 3]) fn(this.entries[4 * e + 1], this.entries[4 * e + 2]);
  }

  /** The value most leads of `slot` brought, as text; ties: the first text in code-unit order ('' for none). */
  most(slot: number, text: (value: number) => string): string {
    let best = '';
    let most = 0;
    this.forEach(slot, (value, count) => {
      const t = text(value);
      if (count > most || (count === most && t < best)) { best = t; most = count; }
    });
    return best;
  }

  /** The further entry of (slot, value), made (count 0, first in the slot's chain) when new. */
  private entryOf(slot: number, value: number): number {
    let mask = this.index.length - 1;
    let at = hash(slot, value) & mask;
    for (; ; at = (at + 1) & mask) {
      const e = this.index[at] - 1;
      if (e < 0) break;
      if (this.entries[4 * e] === slot && this.entries[4 * e + 1] === value) return e;
    }
    const e = this.used++;
    if (4 * e === this.entries.length) this.entries = grow(this.entries, this.entries.length * 2);
    const entries = this.entries;
    entries[4 * e] = slot;
    entries[4 * e + 1] = value;
    entries[4 * e + 2] = 0;
    entries[4 * e + 3] = this.more[slot];
    this.more[slot] = e;
    this.index[at] = e + 1;
    if (2 * this.used > this.index.length) {
      // twice the index, each entry placed again by its (slot, value)
      this.index = new Int32Array(this.index.length * 2);
      mask = this.index.length - 1;
      for (let x = 0; x < this.used; x++) {
        let s = hash(entries[4 * x], entries[4 * x + 1]) & mask;
        while (this.index[s] !== 0) s = (s + 1) & mask;
        this.index[s] = x + 1;
      }
    }
    return e;
  }
}

function hash(slot: number, value: number): number {
  let h = Math.imul(slot, 0x9e3779b1) ^ Math.imul(value, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}

function grow(from: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const to = new Int32Array(length);
  to.set(from);
  return to;
}
