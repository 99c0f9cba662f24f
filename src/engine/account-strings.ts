/**
 * The accounts pass's strings cross threads once each, not once per lead: a thread numbers every
 * key, spelling and name the first time it meets one (`StringNumbers`) and sends only its numbers
 * per lead, with the strings it numbered since its last result; the main thread learns them in
 * order (`StringTable`) and maps each thread's numbers to its own. The fold (account-fold.ts) then
 * works on numbers: no string is hashed or compared per lead on the main thread, and the garbage of
 * a block is a few typed arrays, not four strings per lead.
 *
 * The numbers a thread sends are its own, for as long as its job lives (one input): a block's
 * result always carries the strings numbered since the last result that reached the main thread,
 * whether that result was used or replaced by a rerun (the pipeline's `discarded`), so no number
 * arrives before its string. What the fold computes from the numbers does not depend on them: the
 * same leads in any order, threads or blocks fold to the same accounts.
 */
import { KeyTable } from '../input/keys/key-table.js';

/**
 * One thread's numbering (a job's, for one input). '' is -1: no value. The strings are kept as their
 * UTF-8 bytes in a KeyTable (its entries are the numbers), so a key read from a cell as bytes (an
 * email's domain) is numbered without a string made for it; only a string numbered for the first
 * time is made, once, for the main thread.
 */
export class StringNumbers {
  private readonly table = new KeyTable(1 << 12);
  private fresh: string[] = [];
  private scratch = Buffer.alloc(1024);

  id(value: string): number {
    if (value === '') return -1;
    if (this.scratch.length < 3 * value.length) this.scratch = Buffer.alloc(3 * value.length);
    return this.idBytes(this.scratch, 0, this.scratch.write(value, 0, 'utf8'));
  }

  /** The number of the string whose UTF-8 bytes are `b[start, end)` (not empty). */
  idBytes(b: Uint8Array, start: number, end: number): number {
    const table = this.table;
    const id = table.add(b, start, end);
    // decoded from the table's bytes: a string of its own, not a slice keeping a block alive
    if (table.added) this.fresh.push(table.keyOf(id));
    return id;
  }

  /** The strings numbered since the last call, in number order: for the next result. */
  take(): string[] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }
}

/** The main thread's numbering of every thread's strings. */
export class StringTable {
  /** by our number */
  readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();
  /** per thread (its threadId): its numbers → ours */
  private readonly sources = new Map<number, number[]>();

  /** A result of thread `source` numbered `fresh` next: learned; returns that thread's numbers → ours. */
  learn(source: number, fresh: readonly string[]): number[] {
    let local = this.sources.get(source);
    if (local === undefined) this.sources.set(source, (local = []));
    for (const value of fresh) {
      let id = this.ids.get(value);
      if (id === undefined) { id = this.strings.length; this.ids.set(value, id); this.strings.push(value); }
      local.push(id);
    }
    return local;
  }

  /** Our number of a string, undefined when no thread has sent it. */
  number(value: string): number | undefined {
    return this.ids.get(value);
  }

  /** A new input: each thread's job numbers its strings anew. */
  restart(): void {
    this.sources.clear();
  }
}
