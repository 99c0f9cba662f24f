/**
 * The keyed comparison of two scored files, one row at a time: the older file's rows are added
 * first and kept compactly (per lead: its key, stage rank, score, priority and lines, in typed
 * arrays beside a KeyTable), then the newer file's rows are compared as they stream past and each
 * change is handed to `emit` with the newer row's cells. What is left unseen at the end was
 * removed; `removedLines` names those rows so a second pass over the older file can hand them
 * over too. Pure: rows come in as RecordViews, changes go out through a callback.
 *
 * A key that repeats within one file: the first row wins, the repeat is counted and reported
 * with both lines. A row with an empty key cannot be matched: it is counted and left out of both
 * files alike, so it never shows as new or removed.
 *
 * Keys are matched, and handed on, without the `'` formula escaping put before an id such as
 * `@3` or `=4` (model/formula-escape.ts): a night scored with escaping and one scored without
 * name the same leads.
 */
import { LeadqError, quoteData } from '../model/errors.js';
import { formulaEscapeLength, unescapeFormula } from '../model/formula-escape.js';
import { grown, KeyTable } from '../input/keys/key-table.js';
import type { RecordView } from '../input/csv/read-records.js';
import { classify, passes, type ChangeKind, type Filter } from './filter.js';
import { ABSENT, type Ladder } from './ladder.js';
import type { ScoredLayout } from './layout.js';
import { Tally } from './tally.js';

export interface Change {
  kind: ChangeKind;
  key: string;
  /** null on the side the lead is not in */
  before: { stage: string; score: number; priority: string } | null;
  after: { stage: string; score: number; priority: string; reasons: string; disqualifiedReason: string } | null;
  /** the lead's own columns as the newer file names them (a removed lead's from the older file) */
  lead: LeadCells;
}

/** A change's lead cells; read them during the `emit` call only (they may point into a block being read). */
export interface LeadCells {
  cells(): string[];
  /**
   * The cells as one line of CSV in `delimiter`, copied as they stand in the file when a CSV
   * writer may (the file's delimiter, no cell that may start a formula); null when they must be
   * formatted.
   */
  csv(delimiter: string): string | null;
}

export interface Side {
  name: string;
  header: string[];
  layout: ScoredLayout;
  /** the file's delimiter (sniffed or given) */
  delimiter?: string;
}

/** A key seen twice in one file: both lines. */
export interface Repeat {
  key: string;
  first: number;
  line: number;
}

/** Repeats and empty keys of one file: counted, the first few kept for the message. */
export class Oddities {
  repeats = 0;
  readonly examples: Repeat[] = [];
  emptyKeys = 0;
  firstEmpty = 0;

  repeat(key: string, first: number, line: number): void {
    if (this.repeats++ < 5) this.examples.push({ key, first, line });
  }

  empty(line: number): void {
    if (this.emptyKeys++ === 0) this.firstEmpty = line;
  }
}

const NO_LINE = 0;

export class Differ {
  readonly tally: Tally;
  readonly beforeOdd = new Oddities();
  readonly afterOdd = new Oddities();
  private readonly keys = new KeyTable(1 << 16);
  private rank = new Int16Array(1 << 16);
  private score = new Float64Array(1 << 16);
  private priority = new Uint16Array(1 << 16);
  private lineBefore = new Uint32Array(1 << 16);
  private lineAfter = new Uint32Array(1 << 16);
  private readonly priorities = new Interner();
  /** per lead column of the newer file, the older file's column of that name (-1: none) */
  private readonly beforeColumnOf: number[];

  constructor(
    private readonly ladder: Ladder,
    private readonly filter: Filter | null,
    private readonly before: Side,
    private readonly after: Side,
  ) {
    this.tally = new Tally(ladder, filter);
    const beforeLead = before.header.slice(0, before.layout.lead);
    this.beforeColumnOf = after.header.slice(0, after.layout.lead).map((h) => beforeLead.indexOf(h));
  }

  /** Bytes held by the compact side, for memory figures. */
  get bytes(): number {
    return this.keys.bytes + this.rank.byteLength + this.score.byteLength + this.priority.byteLength + this.lineBefore.byteLength + this.lineAfter.byteLength;
  }

  /** Leads held (both files' distinct keys once the newer file has been read). */
  get leads(): number {
    return this.keys.size;
  }

  /** A row of the older file. */
  addBefore(row: RecordView): void {
    const { layout, name } = this.before;
    const from = keyStart(row, layout);
    if (row.to === row.from) { this.beforeOdd.empty(row.line); return; }
    const e = this.keys.add(row.buf, from, row.to);
    if (!this.keys.added) { this.beforeOdd.repeat(this.keys.keyOf(e), this.lineBefore[e], row.line); return; }
    if (e === this.rank.length) this.grow();
    this.rank[e] = this.rankOf(row, layout, name);
    this.score[e] = scoreOf(row, layout, name);
    this.priority[e] = this.priorityOf(row, layout);
    this.lineBefore[e] = row.line;
    this.lineAfter[e] = NO_LINE;
  }

  /** A row of the newer file: compared, and handed to `emit` when it changed and passes the filter. */
  addAfter(row: RecordView, emit: (change: Change) => void): void {
    const { layout, name } = this.after;
    const from = keyStart(row, layout);
    if (row.to === row.from) { this.afterOdd.empty(row.line); return; }
    const e = this.keys.add(row.buf, from, row.to);
    if (this.keys.added) {
      // a lead only the newer file has: held too, so that a repeat of its key is found
      if (e === this.rank.length) this.grow();
      this.rank[e] = ABSENT;
      this.lineBefore[e] = NO_LINE;
    } else if (this.lineAfter[e] !== NO_LINE) {
      this.afterOdd.repeat(this.keys.keyOf(e), this.lineAfter[e], row.line);
      return;
    }
    this.lineAfter[e] = row.line;
    const rank = this.rankOf(row, layout, name);
    const score = scoreOf(row, layout, name);
    const priority = this.priorityOf(row, layout);
    const before = this.rank[e];
    const kind = classify(before, rank, this.score[e], score, this.priority[e], priority);
    if (kind === null) return;
    const pass = passes(this.filter, kind, before, rank);
    this.tally.add(kind, before, rank, pass);
    if (!pass) return;
    const count = layout.lead;
    const delimiter = this.after.delimiter;
    emit({
      kind,
      key: unescapeFormula(row.text(layout.key)),
      before: before === ABSENT ? null : { stage: this.ladder.names[before], score: this.score[e], priority: this.priorities.name(this.priority[e]) },
      after: {
        stage: this.ladder.names[rank], score, priority: this.priorities.name(priority),
        reasons: row.text(layout.reasons), disqualifiedReason: row.text(layout.disqualifiedReason),
      },
      lead: {
        cells: () => row.fields().slice(0, count),
        // the row's bytes copied: no string per cell, no formatting (most changed rows)
        csv: (d) => (d === delimiter ? row.plainText(count) : null),
      },
    });
  }

  /**
   * Once the newer file is read: counts the removed leads and returns the lines (in the older
   * file, ascending) of those that pass the filter, for a second pass that hands them over.
   */
  removedLines(): number[] {
    const lines: number[] = [];
    for (let e = 0; e < this.keys.size; e++) {
      if (this.lineBefore[e] === NO_LINE || this.lineAfter[e] !== NO_LINE) continue;
      const pass = passes(this.filter, 'removed', this.rank[e], ABSENT);
      this.tally.add('removed', this.rank[e], ABSENT, pass);
      if (pass) lines.push(this.lineBefore[e]);
    }
    // entries are in the order of first sight, and the older file's rows came first, in order
    return lines;
  }

  /** A removed lead's row of the older file (second pass), handed to `emit`. */
  emitRemoved(row: RecordView, emit: (change: Change) => void): void {
    const { layout } = this.before;
    const from = keyStart(row, layout);
    const e = this.keys.find(row.buf, from, row.to);
    if (e < 0 || this.lineBefore[e] !== row.line) {
      throw new LeadqError('INPUT_READ', `line ${row.line} is not the row read there before: the file changed while leadq read it`, { file: this.before.name });
    }
    const fields = row.fields();
    const lead = this.beforeColumnOf.map((i) => (i < 0 ? '' : fields[i]));
    emit({
      kind: 'removed',
      key: unescapeFormula(fields[layout.key]),
      before: { stage: this.ladder.names[this.rank[e]], score: this.score[e], priority: this.priorities.name(this.priority[e]) },
      after: null,
      lead: { cells: () => lead, csv: () => null },
    });
  }

  private rankOf(row: RecordView, layout: ScoredLayout, file: string): number {
    row.bytes(layout.stage);
    const rank = this.ladder.rankOfBytes(row.buf, row.from, row.to);
    if (rank < 0) throw this.ladder.unknownStage(row.text(layout.stage), file, row.line);
    return rank;
  }

  private priorityOf(row: RecordView, layout: ScoredLayout): number {
    row.bytes(layout.priority);
    return this.priorities.index(row.buf, row.from, row.to);
  }

  private grow(): void {
    const n = this.rank.length * 2;
    this.rank = grown(this.rank, new Int16Array(n));
    this.score = grown(this.score, new Float64Array(n));
    this.priority = grown(this.priority, new Uint16Array(n));
    this.lineBefore = grown(this.lineBefore, new Uint32Array(n));
    this.lineAfter = grown(this.lineAfter, new Uint32Array(n));
  }
}

/** Points `row` at the key cell's bytes; where the key begins, past a formula escape's `'`. */
function keyStart(row: RecordView, layout: ScoredLayout): number {
  row.bytes(layout.key);
  return row.from + formulaEscapeLength(row.buf, row.from, row.to);
}

/** The score cell as a number; anything else is not a file leadq score wrote. */
function scoreOf(row: RecordView, layout: ScoredLayout, file: string): number {
  row.bytes(layout.score);
  const fast = decimalOf(row.buf, row.from, row.to);
  if (!Number.isNaN(fast)) return fast;
  const text = row.text(layout.score).trim();
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return Number(text);
  throw new LeadqError('DIFF_VALUE', `the score ${quoteData(text)} is not a number; leadq score writes one on every row`, { file, line: row.line });
}

/** `-?digits(.digits)?` read from bytes without making a string; NaN for anything else. */
export function decimalOf(b: Uint8Array, from: number, to: number): number {
  let i = from;
  const negative = b[i] === 45;
  if (negative) i++;
  let digits = 0;
  let mantissa = 0;
  let scale = 1;
  let point = false;
  for (; i < to; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (point) scale *= 10;
    } else if (c === 46 && !point && digits > 0) {
      point = true;
    } else return NaN;
  }
  // up to 15 digits the mantissa is exact, and dividing two exact numbers rounds once: the
  // nearest double to the decimal text, as Number() gives
  if (digits === 0 || digits > 15 || (point && scale === 1)) return NaN;
  const value = mantissa / scale;
  return negative ? -value : value;
}

/** Priority names (a handful of bands) as small numbers, looked up by their bytes. */
class Interner {
  private readonly names: string[] = [];
  private readonly encoded: Uint8Array[] = [];
  private readonly byName = new Map<string, number>();

  index(b: Uint8Array, from: number, to: number): number {
    const len = to - from;
    const { encoded } = this;
    next: for (let k = 0; k < encoded.length && k < 16; k++) {
      const name = encoded[k];
      if (name.length !== len) continue;
      for (let i = 0; i < len; i++) if (name[i] !== b[from + i]) continue next;
      return k;
    }
    const text = Buffer.from(b.buffer, b.byteOffset + from, len).toString('utf8');
    let k = this.byName.get(text);
    if (k === undefined) {
      k = this.names.length;
      if (k > 0xffff) throw new LeadqError('DIFF_VALUE', `more than ${0xffff} different priorities; leadq score writes the names of the ruleset's priority bands`);
      this.names.push(text);
      this.encoded.push(Buffer.from(text, 'utf8'));
      this.byName.set(text, k);
    }
    return k;
  }

  name(k: number): string {
    return this.names[k];
  }
}
