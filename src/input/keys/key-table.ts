/**
 * A compact set of keys for a million leads and more: each distinct key (its UTF-8 bytes) gets an
 * entry number, 0, 1, 2, … in the order keys were first added, and callers keep what they know
 * of a key in typed arrays indexed by that number. A `Map<string, object>` costs some 140 bytes
 * per lead in V8 (a string, an object, the map's slot); this costs 16 per entry and 16 to 32
 * per slot pair, plus the key's bytes:
 *
 * - key bytes in 4 MiB pages, a key never split across two (no copying when they grow);
 * - per entry where its bytes start (a byte offset over the pages) and their length, side by
 *   side in 8 bytes (a table of a million keys keeps them in 8 MB, mostly in cache);
 * - an open-addressing slot table (linear probing, at most half full) of entry number + 1 and
 *   the key's hash side by side, so a probe costs one cache miss until a hash matches.
 *
 * Keys are compared byte for byte: `L001` and `l001` are two keys. Pure memory, no I/O.
 *
 * A table built `shared` keeps all of that in SharedArrayBuffers (keys no longer than a page):
 * once built, its `parts()` go to worker threads, which look keys up in the very same memory
 * (`KeyTable.view`), read-only, with nothing copied.
 */

/** 4 MiB: few pages for a million keys, and larger than any record (--max-record-size) in practice */
const PAGE = 1 << 22;

export class KeyTable {
  /** entries in use */
  size = 0;
  /** whether the last `add` added its key */
  added = false;
  /** pairs (entry + 1, hash) per slot: a probe reads the hash beside the entry, one cache line */
  private slots: Int32Array;
  private mask: number;
  /** pairs (where its bytes start over the pages, length) per entry; a start of -1: a large key */
  private where: Int32Array;
  private readonly pages: Uint8Array[] = [];
  /** bytes used on the last page */
  private used: number;
  /** keys longer than a page (a whole record's worth): kept on their own */
  private readonly large = new Map<number, Uint8Array>();

  /**
   * `expected` keys fit without growing; `page` is the size of a page of key bytes (small in
   * tests); `shared`: in SharedArrayBuffers, for `parts()`.
   */
  /** a page's size as a shift and a mask: a key's page and offset without a division per lookup */
  private readonly pageShift: number;
  private readonly pageMask: number;

  constructor(expected = 1 << 12, private readonly page = PAGE, private readonly shared = false) {
    this.pageShift = Math.log2(page);
    if (!Number.isInteger(this.pageShift)) throw new Error('KeyTable: the page size must be a power of two');
    this.pageMask = page - 1;
    this.used = page;
    let slots = 16;
    while (slots < expected * 2) slots *= 2;
    this.slots = this.ints(slots * 2);
    this.mask = slots - 1;
    this.where = this.ints(Math.max(16, expected) * 2);
  }

  /** The table's memory as plain data (shared tables only): a worker thread views it with `KeyTable.view`. */
  parts(): KeyTableParts {
    if (!this.shared) throw new Error('KeyTable.parts: only a shared table can be viewed from other threads');
    return { size: this.size, mask: this.mask, slots: this.slots, where: this.where, pages: [...this.pages], page: this.page, used: this.used };
  }

  /** A table over `parts()` of a shared table, for `find` (adding to it would write to memory other threads read). */
  static view(parts: KeyTableParts): KeyTable {
    const t = new KeyTable(1, parts.page);
    t.size = parts.size;
    t.mask = parts.mask;
    t.slots = parts.slots;
    t.where = parts.where;
    t.pages.push(...parts.pages);
    t.used = parts.used;
    return t;
  }

  private ints(n: number): Int32Array {
    return this.shared ? new Int32Array(new SharedArrayBuffer(n * 4)) : new Int32Array(n);
  }

  /** The entry of the key bytes `b[start, end)`, or -1 when the key was never added. */
  find(b: Uint8Array, start: number, end: number): number {
    const hash = hashBytes(b, start, end) | 0;
    const slots = this.slots;
    for (let s = hash & this.mask; ; s = (s + 1) & this.mask) {
      const e = slots[2 * s] - 1;
      if (e < 0) return -1;
      if (slots[2 * s + 1] === hash && this.equals(e, b, start, end)) return e;
    }
  }

  /**
   * `find`, trying entry `hint` first: when its key is these bytes, it is the entry (a key has one
   * entry), found by reading where the entry's bytes are and the bytes themselves. Leads are
   * numbered in the order the export first shows their keys, so a pass over the export in its
   * order finds the next lead's key at the entry after the last one's: two reads close to the
   * last ones instead of a slot read anywhere in the table (a miss in a table of a million keys).
   * Any other hint costs a byte comparison, then the answer is `find`'s.
   */
  findFrom(hint: number, b: Uint8Array, start: number, end: number): number {
    if (hint >= 0 && hint < this.size && this.equals(hint, b, start, end)) return hint;
    return this.find(b, start, end);
  }

  /**
   * The entries of many keys at once: key i is `keys[ends[i - 1], ends[i])` (from 0 for the
   * first), its entry (or -1) goes to `out[i]`. The same answers as `find`, faster for a large
   * table: a lookup waits for three reads from memory (its slot, its entry, its bytes), and in
   * a batch the reads of the many keys are issued one step at a time, so the memory serves them
   * side by side instead of one after the other.
   */
  findBatch(keys: Uint8Array, ends: Int32Array, count: number, out: Int32Array): void {
    const slots = this.slots;
    const mask = this.mask;
    const hashes = batchScratch(count);
    // 1: each key's hash; then the entry of the first slot holding that hash (a probe reads on
    // through the few slots of its cache line; a longer run is left to `find`)
    let start = 0;
    for (let i = 0; i < count; i++) {
      const end = ends[i];
      hashes[i] = hashBytes(keys, start, end) | 0;
      start = end;
    }
    for (let i = 0; i < count; i++) {
      const hash = hashes[i];
      let e = -1;
      for (let s = hash & mask, k = 0; k < 8; s = (s + 1) & mask, k++) {
        const entry = slots[2 * s] - 1;
        if (entry < 0) { e = -1; break; }
        if (slots[2 * s + 1] === hash) { e = entry; break; }
        e = -2;
      }
      out[i] = e;
    }
    // 2: where each candidate's bytes are (and their length), read for all keys before any is compared
    const where = this.where;
    const at = batchWhere(count);
    for (let i = 0; i < count; i++) {
      const e = out[i];
      if (e >= 0) { at[2 * i] = where[2 * e]; at[2 * i + 1] = where[2 * e + 1]; }
    }
    // 3: the first byte of each candidate touched (its read overlapping the others'), then the bytes compared;
    // a probe cut short, or a hash shared by another key, takes the slow path
    const pages = this.pages;
    const shift = this.pageShift;
    const offMask = this.pageMask;
    let touched = 0;
    for (let i = 0; i < count; i++) {
      const a = at[2 * i];
      if (out[i] >= 0 && a >= 0) touched |= pages[a >>> shift][a & offMask];
    }
    this.touched = touched;
    start = 0;
    for (let i = 0; i < count; i++) {
      const end = ends[i];
      const e = out[i];
      if (e === -2 || (e >= 0 && !this.sameAt(at[2 * i], at[2 * i + 1], e, keys, start, end))) out[i] = this.find(keys, start, end);
      start = end;
    }
  }

  /**
   * Adds many keys at once (key i is `keys[ends[i - 1], ends[i])`), as `add` would one after the
   * other; `out[i]` gets key i's entry. The keys' slots are read for all of them first, so the
   * memory fetches them side by side, and the adds then find them in the cache.
   */
  addBatch(keys: Uint8Array, ends: Int32Array, count: number, out: Int32Array): void {
    const hashes = batchScratch(count);
    let start = 0;
    for (let i = 0; i < count; i++) {
      hashes[i] = hashBytes(keys, start, ends[i]) | 0;
      start = ends[i];
    }
    // touch each key's first slot: the reads overlap, the adds below then hit the cache
    const slots = this.slots;
    const mask = this.mask;
    let touched = 0;
    for (let i = 0; i < count; i++) touched |= slots[2 * (hashes[i] & mask)];
    this.touched = touched;
    start = 0;
    for (let i = 0; i < count; i++) {
      out[i] = this.add(keys, start, ends[i]);
      start = ends[i];
    }
  }

  /** what addBatch read while touching slots (kept so the reads are not optimised away) */
  private touched = 0;

  private sameAt(at: number, len: number, e: number, b: Uint8Array, start: number, end: number): boolean {
    if (len !== end - start) return false;
    if (at < 0) return this.equals(e, b, start, end);
    const page = this.pages[at >>> this.pageShift];
    const off = at & this.pageMask;
    for (let i = 0; i < len; i++) if (page[off + i] !== b[start + i]) return false;
    return true;
  }

  /** The entry of the key bytes `b[start, end)`, added when new (then `added` is true). */
  add(b: Uint8Array, start: number, end: number): number {
    const hash = hashBytes(b, start, end) | 0;
    const slots = this.slots;
    let s = hash & this.mask;
    for (; ; s = (s + 1) & this.mask) {
      const e = slots[2 * s] - 1;
      if (e < 0) break;
      if (slots[2 * s + 1] === hash && this.equals(e, b, start, end)) { this.added = false; return e; }
    }
    const e = this.size++;
    if (2 * e === this.where.length) this.where = grown(this.where, this.ints(this.where.length * 2));
    this.where[2 * e] = this.store(e, b, start, end);
    this.where[2 * e + 1] = end - start;
    slots[2 * s] = e + 1;
    slots[2 * s + 1] = hash;
    if (this.size * 4 > slots.length) this.growSlots();
    this.added = true;
    return e;
  }

  /** The key of entry `e`, as text; `skip`: from its byte `skip` on (a tag its owner put first). */
  keyOf(e: number, skip = 0): string {
    const at = this.where[2 * e];
    const len = this.where[2 * e + 1];
    if (at < 0) return Buffer.from(this.large.get(e)!).toString('utf8', skip);
    const page = this.pages[at >>> this.pageShift];
    return Buffer.from(page.buffer, page.byteOffset + (at & this.pageMask) + skip, len - skip).toString('utf8');
  }

  /** Bytes held, for memory figures: slots, per-entry array and key pages. */
  get bytes(): number {
    let keys = this.pages.length * this.page;
    for (const k of this.large.values()) keys += k.length;
    return this.slots.byteLength + this.where.byteLength + keys;
  }

  private store(e: number, b: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (len > this.page) {
      if (this.shared) throw new Error('KeyTable: a shared table holds keys of at most a page');
      this.large.set(e, b.slice(start, end));
      return -1;
    }
    if (this.used + len > this.page) {
      this.pages.push(this.shared ? new Uint8Array(new SharedArrayBuffer(this.page)) : new Uint8Array(this.page));
      this.used = 0;
    }
    const page = this.pages[this.pages.length - 1];
    page.set(b.subarray(start, end), this.used);
    const at = (this.pages.length - 1) * this.page + this.used;
    if (at + len > 0x7fffffff) throw new Error('KeyTable: more than 2 GiB of keys');
    this.used += len;
    return at;
  }

  private equals(e: number, b: Uint8Array, start: number, end: number): boolean {
    const len = end - start;
    if (this.where[2 * e + 1] !== len) return false;
    const at = this.where[2 * e];
    let page: Uint8Array;
    let off: number;
    if (at < 0) { page = this.large.get(e)!; off = 0; } else {
      page = this.pages[at >>> this.pageShift];
      off = at & this.pageMask;
    }
    for (let i = 0; i < len; i++) if (page[off + i] !== b[start + i]) return false;
    return true;
  }

  /** Twice the slots; each entry moves with the hash kept beside it (no key is hashed again). */
  private growSlots(): void {
    const old = this.slots;
    const slots = this.ints(old.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let o = 0; o < old.length; o += 2) {
      if (old[o] === 0) continue;
      let s = old[o + 1] & mask;
      while (slots[2 * s] !== 0) s = (s + 1) & mask;
      slots[2 * s] = old[o];
      slots[2 * s + 1] = old[o + 1];
    }
    this.slots = slots;
    this.mask = mask;
  }
}

let hashScratch = new Int32Array(1024);
let whereScratch = new Int32Array(2048);
function batchScratch(count: number): Int32Array {
  if (hashScratch.length < count) hashScratch = new Int32Array(Math.max(count, hashScratch.length * 2));
  return hashScratch;
}
function batchWhere(count: number): Int32Array {
  if (whereScratch.length < 2 * count) whereScratch = new Int32Array(Math.max(2 * count, whereScratch.length * 2));
  return whereScratch;
}

/** A shared table's memory: what `KeyTable.view` rebuilds it from in another thread. */
export interface KeyTableParts {
  size: number;
  mask: number;
  slots: Int32Array;
  where: Int32Array;
  pages: Uint8Array[];
  page: number;
  used: number;
}

/** A typed array of twice the length holding `from`'s values (for per-entry arrays that grow with a table). */
export function grown<T extends Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}

/** FNV-1a over the bytes, then a final mix so that linear probing sees well-spread low bits. */
export function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i], 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
