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
import { keyShape } from '../../input/keys/key-shape.js';
import { KeyPlaceholders, MAX_KEY_BYTES, normalizeKeyBytes, normalizeKeyText, salesforceIdLength } from '../../input/keys/normalize-key.js';
import { DEFAULT_PLACEHOLDERS } from '../../input/values/formats.js';
import { RecordWalker, type RecordVisitor, type Walked } from '../../input/csv/record-walk.js';
import type { LineScanner } from '../../input/csv/line-scan.js';
import { RowCoercer, type ValueWarning } from '../../input/rows/typed-row.js';
import type { EventBlock } from '../../events/accumulate.js';
import { RelatedTally, type RelatedCounts } from '../../output/related-summary.js';
import type { ResolvedRuleset } from '../../ruleset/resolved.js';
import type { BlockJob, BlockOutcome, JobSpec } from '../job.js';
import { RelatedFooter, type HeldReject } from './related-footer.js';
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

/**
 * A block's keyed rows (a key and a timestamp) as typed arrays that grow as rows come (a block
 * holds a few thousand): each key's bytes end to end (what the batch lookup takes), its line and
 * day; and for the rows that add anything, which keyed row each is and what it adds per column.
 */
class BlockRows {
  keys = new Uint8Array(1 << 16);
  ends = new Int32Array(1 << 10);
  lines = new Int32Array(1 << 10);
  days = new Int32Array(1 << 10);
  count = 0;
  used = 0;
  /** per adding row: its keyed row, and `width` values */
  adding = new Int32Array(1 << 10);
  values: Float64Array;
  added = 0;

  constructor(private readonly width: number) {
    this.values = new Float64Array(Math.max(1, width) << 10);
  }

  reset(): void { this.count = 0; this.used = 0; this.added = 0; }

  /** Room for one more key of up to `n` bytes, written at `used` by the caller. */
  room(n: number): Uint8Array {
    if (this.used + n > this.keys.length) this.keys = grown(this.keys, Math.max(this.keys.length * 2, this.used + n));
    return this.keys;
  }

  /** The key just written at `used` (`n` bytes), with its line and day. */
  keyed(n: number, line: number, day: number): void {
    if (this.count === this.ends.length) {
      const size = this.ends.length * 2;
      this.ends = grown(this.ends, size);
      this.lines = grown(this.lines, size);
      this.days = grown(this.days, size);
    }
    this.used += n;
    this.ends[this.count] = this.used;
    this.lines[this.count] = line;
    this.days[this.count++] = day;
  }

  /** The last keyed row adds `out` (one value per column). */
  adds(out: Float64Array): void {
    if (this.added === this.adding.length) { this.adding = grown(this.adding, this.adding.length * 2); this.values = grown(this.values, this.values.length * 2); }
    this.adding[this.added] = this.count - 1;
    const at = this.added++ * this.width;
    for (let c = 0; c < this.width; c++) this.values[at + c] = out[c];
  }
}

function grown<T extends Uint8Array | Int32Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a as never);
  return b;
}

export class AggregateRelatedJob implements BlockJob<AggregateRelatedResult> {
  private readonly rows: RelatedRows;
  private readonly coercer: RowCoercer;
  private readonly walker: RecordWalker;
  private readonly table: KeyTable;
  private readonly email: boolean;
  private readonly salesforce: boolean;
  private readonly placeholders: KeyPlaceholders;
  private readonly keyIndex: number;
  private readonly atIndex: number;
  private readonly header: string[];
  private readonly out: Float64Array;
  private readonly visitor: RecordVisitor;
  // the current block
  private tally = new RelatedTally();
  private rejects: RejectedRow[] = [];
  private readonly block: BlockRows;
  private readonly footer: RelatedFooter;
  private readonly rejectRow = (r: HeldReject): void => {
    this.tally.reject(r.line);
    this.rejects.push(r);
  };
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
    this.salesforce = file.keyType === 'salesforce_id';
    this.placeholders = new KeyPlaceholders(file.placeholders ?? DEFAULT_PLACEHOLDERS);
    this.keyIndex = file.key.index;
    this.atIndex = file.at.index;
    this.out = new Float64Array(this.rows.width);
    this.block = new BlockRows(this.rows.width);
    this.footer = new RelatedFooter(this.header.length);
    this.visitor = {
      line: (b: Buffer, scan: LineScanner, line: number) => {
        if (this.footer.busy && this.pastFooter()) return;
        this.tally.read();
        this.lineBytes = b;
        this.lineScan = scan;
        const k = this.keyIndex;
        // the key is normalised straight into the block's keys
        const keys = this.block.room(MAX_KEY_BYTES + 8);
        const at = this.block.used;
        let n = scan.doubledQuotes[k] ? normalizeKeyText(this.lineCell(k), this.email, keys, at) : normalizeKeyBytes(b, scan.starts[k], scan.ends[k], this.email, keys, at);
        if (this.salesforce && n > 0) n = salesforceIdLength(keys, at, n);
        this.row(this.coercer.loadBytes(b, scan.starts, scan.ends, scan.ascii, scan.doubledQuotes), line, n, this.lineCell);
      },
      record: (fields: string[], line: number) => {
        if (this.footer.busy && this.pastFooter()) return;
        this.tally.read();
        const keys = this.block.room(MAX_KEY_BYTES + 8);
        let n = normalizeKeyText(fields[this.keyIndex], this.email, keys, this.block.used);
        if (this.salesforce && n > 0) n = salesforceIdLength(keys, this.block.used, n);
        this.row(this.coercer.load(fields), line, n, (c) => fields[c]);
      },
      reject: (line: number, reason: string, fields: string[], text: string) => this.footer.rejected({ line, reason, fields, text }, this.rejectRow),
    };
  }

  runBytes(bytes: Buffer, final: boolean): AggregateRelatedResult {
    this.begin();
    return this.end(this.walker.walkBytes(bytes, final, this.visitor));
  }

  runText(text: string, final: boolean): AggregateRelatedResult {
    this.begin();
    return this.end(this.walker.walkText(text, final, this.visitor));
  }

  transfer(result: AggregateRelatedResult): ArrayBuffer[] {
    const e = result.events;
    return [e.entries.buffer as ArrayBuffer, e.days.buffer as ArrayBuffer, ...e.columns.flatMap((c) => [c.rows.buffer as ArrayBuffer, c.values.buffer as ArrayBuffer])];
  }

  private begin(): void {
    this.tally = new RelatedTally();
    this.rejects = [];
    this.block.reset();
    this.footer.reset();
  }

  /** Before a row of data: whether it is past a report footer (not read); else blank lines held before it are rejects. */
  private pastFooter(): boolean {
    if (this.footer.line > 0) return true;
    this.footer.flush(this.rejectRow);
    return false;
  }

  /** The block's keys looked up together; the rows of a lead that add anything, in input order. */
  private end(walked: Walked): AggregateRelatedResult {
    this.coercer.takeParsed();
    this.footer.flush(this.rejectRow);
    if (this.footer.line > 0) this.tally.footer(this.footer.line);
    const b = this.block;
    const count = b.count;
    if (this.found.length < count) this.found = new Int32Array(Math.max(count, this.found.length * 2));
    const found = this.found;
    this.table.findBatch(b.keys, b.ends, count, found);
    const asOfDay = this.options.asOfDay;
    for (let i = 0; i < count; i++) {
      if (found[i] >= 0) { this.tally.match(b.days[i] > asOfDay); continue; }
      const start = i === 0 ? 0 : b.ends[i - 1];
      const shape = keyShape(b.keys, start, b.ends[i], this.email);
      if (shape === null) this.tally.miss(b.lines[i]);
      else this.tally.warn(this.keyIndex, shape, Buffer.from(b.keys.buffer, b.keys.byteOffset + start, b.ends[i] - start).toString('utf8'), b.lines[i]);
    }
    // the rows of a lead that add anything; per column only the rows that add to it
    const width = this.rows.width;
    let kept = 0;
    const per = new Int32Array(width);
    for (let j = 0; j < b.added; j++) {
      if (found[b.adding[j]] < 0) continue;
      kept++;
      for (let c = 0; c < width; c++) { const v = b.values[j * width + c]; if (v === v) per[c]++; }
    }
    const entries = new Int32Array(kept);
    const days = new Int32Array(kept);
    const columns = Array.from(per, (n) => ({ rows: new Int32Array(n), values: new Float64Array(n) }));
    const filled = new Int32Array(width);
    for (let j = 0, k = 0; j < b.added; j++) {
      const i = b.adding[j];
      if (found[i] < 0) continue;
      entries[k] = found[i];
      days[k] = b.days[i];
      for (let c = 0; c < width; c++) {
        const v = b.values[j * width + c];
        if (v !== v) continue;
        const col = columns[c];
        col.rows[filled[c]] = k;
        col.values[filled[c]++] = v;
      }
      k++;
    }
    return {
      lines: walked.lines, leftover: this.footer.line > 0 ? '' : walked.leftover, footerLine: this.footer.line,
      events: { entries, days, columns }, counts: this.tally.snapshot(), rejects: this.rejects,
    };
  }

  /**
   * A row read: its key (normalised into the block's keys, `n` bytes), its day, what it adds.
   * `cell`: a cell's text, for a warning.
   */
  private row(warnings: ValueWarning[] | null, line: number, n: number, cell: (column: number) => string): void {
    const row = this.coercer.row;
    if (warnings !== null) {
      // the timestamp's own warning is given below, for empty cells too
      for (const w of warnings) if (w.column !== this.atIndex) this.tally.warn(w.column, w.kind, w.value, line);
    }
    const b = this.block;
    if (n <= 0 || this.placeholders.has(b.keys, n, b.used)) { this.tally.warn(this.keyIndex, 'key', cell(this.keyIndex), line); return; }
    const day = row.day[this.atIndex];
    if (day !== day) { this.tally.warn(this.atIndex, 'timestamp', cell(this.atIndex), line); return; }
    // looked up with the block's other keys at its end
    b.keyed(n, line, day);
    const asOfDay = this.options.asOfDay;
    if (day <= asOfDay && this.rows.measure(row, day, asOfDay, this.out)) b.adds(this.out);
  }
}
