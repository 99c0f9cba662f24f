/**
 * The `aggregate-related` job: a block of a related file's rows (an activity log, say) read as
 * the export is read (input/csv/record-walk.ts), each row's key normalised and looked up among
 * the leads' keys (a shared, read-only table the lead-keys pass built), its timestamp placed
 * against the as-of date, and what it adds to each derived column measured
 * (engine/related-rows.ts). The keys of a block are looked up together, after its rows are read
 * (a table of a million leads answers a batch several times faster than one key after another).
 * A block's result is typed arrays — per row that adds anything: its
 * lead's entry, its day and what it adds per column — which the main thread folds in input order
 * (events/accumulate.ts), and its counts, warnings and rejected rows, with block-relative lines.
 */
import { RelatedRows } from '../../engine/related-rows.js';
import { KeyTable, type KeyTableParts } from '../../input/keys/key-table.js';
import { KeyPlaceholders, keyScratch, normalizeKeyBytes, normalizeKeyText } from '../../input/keys/normalize-key.js';
import { DEFAULT_PLACEHOLDERS } from '../../input/values/formats.js';
import { RecordWalker, type RecordVisitor, type Walked } from '../../input/csv/record-walk.js';
import type { LineScanner } from '../../input/csv/line-scan.js';
import { RowCoercer, type ValueWarning } from '../../input/rows/typed-row.js';
import type { EventBlock } from '../../events/accumulate.js';
import { RelatedTally, type RelatedCounts } from '../../output/related-summary.js';
import type { ResolvedRuleset } from '../../ruleset/resolved.js';
import type { BlockJob, BlockOutcome, JobSpec } from '../job.js';
import type { RejectedRow } from './score-block.js';

export interface AggregateRelatedOptions {
  /** the resolved ruleset (plain data); `related` says which of its related files this is */
  resolved: ResolvedRuleset;
  related: number;
  /** the leads' keys of the column this file matches (a shared table) */
  keys: KeyTableParts;
  asOfDay: number;
  delimiter: string;
  maxRecordSize: number;
  /** the file's name in messages */
  file: string;
}

export type AggregateRelatedSpec = JobSpec<'aggregate-related', AggregateRelatedOptions>;

export interface AggregateRelatedResult extends BlockOutcome {
  events: EventBlock;
  counts: RelatedCounts;
  rejects: RejectedRow[];
}

/** Grows as a block's rows come (a block holds a few thousand). */
class Column {
  data: Float64Array;
  n = 0;
  constructor(capacity: number) { this.data = new Float64Array(capacity); }
  push(v: number): void {
    if (this.n === this.data.length) { const d = new Float64Array(this.data.length * 2); d.set(this.data); this.data = d; }
    this.data[this.n++] = v;
  }
  take(): Float64Array { return this.data.slice(0, this.n); }
}

/** A block's keys, end to end, as the batch lookup takes them. */
class BlockKeys {
  bytes = new Uint8Array(1 << 16);
  ends = new Int32Array(1 << 10);
  count = 0;
  private used = 0;

  reset(): void { this.count = 0; this.used = 0; }

  add(key: Uint8Array, n: number): void {
    if (this.used + n > this.bytes.length) { const b = new Uint8Array(Math.max(this.bytes.length * 2, this.used + n)); b.set(this.bytes.subarray(0, this.used)); this.bytes = b; }
    if (this.count === this.ends.length) { const e = new Int32Array(this.ends.length * 2); e.set(this.ends); this.ends = e; }
    this.bytes.set(key.subarray(0, n), this.used);
    this.used += n;
    this.ends[this.count++] = this.used;
  }
}

export class AggregateRelatedJob implements BlockJob<AggregateRelatedResult> {
  private readonly rows: RelatedRows;
  private readonly coercer: RowCoercer;
  private readonly walker: RecordWalker;
  private readonly table: KeyTable;
  private readonly scratch = keyScratch();
  private readonly email: boolean;
  private readonly placeholders: KeyPlaceholders;
  private readonly keyIndex: number;
  private readonly atIndex: number;
  private readonly header: string[];
  private readonly out: Float64Array;
  private readonly visitor: RecordVisitor;
  // the current block: per row with a key and a timestamp, its key, line, day and what it adds (NaN: nothing)
  private tally = new RelatedTally();
  private rejects: RejectedRow[] = [];
  private readonly keys = new BlockKeys();
  private lines: number[] = [];
  private days: number[] = [];
  /** per row that adds anything (on or before the as-of date): which keyed row it is; its additions are in `values` */
  private adding: number[] = [];
  private values: Column[] = [];
  private found = new Int32Array(1024);
  /** the fast path's current line, for the text of a cell a warning quotes */
  private lineBytes: Buffer = Buffer.alloc(0);
  private lineScan: LineScanner | null = null;
  private readonly lineCell = (c: number): string => {
    const scan = this.lineScan!;
    const t = this.lineBytes.toString('utf8', scan.starts[c], scan.ends[c]);
    return scan.doubledQuotes[c] ? t.replace(/""/g, '"') : t;
  };

  constructor(private readonly options: AggregateRelatedOptions) {
    const file = options.resolved.related![options.related];
    this.rows = new RelatedRows(file, options.resolved);
    this.header = file.header!;
    this.coercer = new RowCoercer(this.rows.plan, this.header.length);
    this.walker = new RecordWalker({ delimiter: options.delimiter, header: this.header, maxRecordSize: options.maxRecordSize, file: options.file });
    this.table = KeyTable.view(options.keys);
    this.email = file.keyType === 'email';
    this.placeholders = new KeyPlaceholders(file.placeholders ?? DEFAULT_PLACEHOLDERS);
    this.keyIndex = file.key.index;
    this.atIndex = file.at.index;
    this.out = new Float64Array(this.rows.width);
    this.visitor = {
      line: (b: Buffer, scan: LineScanner, line: number) => {
        this.tally.read();
        this.lineBytes = b;
        this.lineScan = scan;
        const k = this.keyIndex;
        const n = scan.doubledQuotes[k] ? normalizeKeyText(this.lineCell(k), this.email, this.scratch) : normalizeKeyBytes(b, scan.starts[k], scan.ends[k], this.email, this.scratch);
        this.row(this.coercer.loadBytes(b, scan.starts, scan.ends, scan.ascii, scan.doubledQuotes), line, n, this.lineCell);
      },
      record: (fields: string[], line: number) => {
        this.tally.read();
        const n = normalizeKeyText(fields[this.keyIndex], this.email, this.scratch);
        this.row(this.coercer.load(fields), line, n, (c) => fields[c]);
      },
      reject: (line: number, reason: string, fields: string[], text: string) => {
        this.tally.reject(line);
        this.rejects.push({ line, reason, fields, text });
      },
    };
  }

  runBytes(bytes: Buffer, final: boolean): AggregateRelatedResult {
    this.begin(bytes.length);
    return this.end(this.walker.walkBytes(bytes, final, this.visitor));
  }

  runText(text: string, final: boolean): AggregateRelatedResult {
    this.begin(text.length);
    return this.end(this.walker.walkText(text, final, this.visitor));
  }

  transfer(result: AggregateRelatedResult): ArrayBuffer[] {
    const e = result.events;
    return [e.entries.buffer as ArrayBuffer, e.days.buffer as ArrayBuffer, ...e.values.map((v) => v.buffer as ArrayBuffer)];
  }

  private begin(bytes: number): void {
    this.tally = new RelatedTally();
    this.rejects = [];
    this.keys.reset();
    this.lines = [];
    this.days = [];
    this.adding = [];
    // about one row per 80 bytes: room for most blocks without growing
    const capacity = Math.max(64, bytes >> 6);
    this.values = Array.from({ length: this.rows.width }, () => new Column(capacity));
  }

  /** The block's keys looked up together; the rows of a lead that add anything, in input order. */
  private end(walked: Walked): AggregateRelatedResult {
    this.coercer.takeParsed();
    const count = this.keys.count;
    if (this.found.length < count) this.found = new Int32Array(Math.max(count, this.found.length * 2));
    const found = this.found;
    this.table.findBatch(this.keys.bytes, this.keys.ends, count, found);
    const asOfDay = this.options.asOfDay;
    for (let i = 0; i < count; i++) {
      if (found[i] < 0) this.tally.miss(this.lines[i]);
      else this.tally.match(this.days[i] > asOfDay);
    }
    const entries: number[] = [];
    const days: number[] = [];
    const keep: number[] = [];
    for (let j = 0; j < this.adding.length; j++) {
      const i = this.adding[j];
      if (found[i] < 0) continue;
      entries.push(found[i]);
      days.push(this.days[i]);
      keep.push(j);
    }
    const values = this.values.map((c) => {
      const out = new Float64Array(keep.length);
      for (let j = 0; j < keep.length; j++) out[j] = c.data[keep[j]];
      return out;
    });
    return {
      lines: walked.lines, leftover: walked.leftover, footerLine: 0,
      events: { entries: Int32Array.from(entries), days: Int32Array.from(days), values },
      counts: this.tally.snapshot(), rejects: this.rejects,
    };
  }

  /**
   * A row read: its key (normalised into the scratch buffer, `n` bytes), its day, its lead, what
   * it adds. `cell`: a cell's text, for a warning.
   */
  private row(warnings: ValueWarning[] | null, line: number, n: number, cell: (column: number) => string): void {
    const row = this.coercer.row;
    if (warnings !== null) {
      // the timestamp's own warning is given below, for empty cells too
      for (const w of warnings) if (w.column !== this.atIndex) this.tally.warn(w.column, w.kind, w.value, line);
    }
    if (n <= 0 || this.placeholders.has(this.scratch, n)) { this.tally.warn(this.keyIndex, 'key', cell(this.keyIndex), line); return; }
    const day = row.day[this.atIndex];
    if (day !== day) { this.tally.warn(this.atIndex, 'timestamp', cell(this.atIndex), line); return; }
    // looked up with the block's other keys at its end
    this.keys.add(this.scratch, n);
    this.lines.push(line);
    this.days.push(day);
    const asOfDay = this.options.asOfDay;
    if (day > asOfDay || !this.rows.measure(row, day, asOfDay, this.out)) return;
    this.adding.push(this.keys.count - 1);
    for (let c = 0; c < this.out.length; c++) this.values[c].push(this.out[c]);
  }
}
