/**
 * Every record of a CSV file in order, strictly: for commands that must account for each row
 * (`leadq diff`: a row left out would show as a removed lead). Built on the block reader, so
 * encodings, byte-order marks, delimiter sniffing and line numbers work exactly as in `score`;
 * a record of another width, a malformed one (text after a closing quote, a quote never closed)
 * or a repeated header line is an error naming its line, never a skipped row.
 *
 * Fast like the score row path: a single-line record is split by the byte scanner (line-scan.ts)
 * and its fields are handed over as byte ranges, so a caller that reads three cells of thirty
 * makes no strings for the rest. Records with quoted line breaks or odd quoting go through the
 * reference text parser; inputs with a delimiter outside ASCII are read by it throughout.
 */
import { LeadqError } from '../../model/errors.js';
import { CsvParser } from './csv-parser.js';
import { recycle } from './buffer-pool.js';
import { assertUtf8 } from './decode-block.js';
import { DOUBLED, FieldScanner, PLAIN } from './field-scan.js';
import { LineScanner } from './line-scan.js';
import { openBlockInput } from './read-blocks.js';
import { DEFAULT_MAX_RECORD_SIZE } from './read-csv.js';

export interface RecordOptions {
  encoding?: string;
  delimiter?: string;
  skipLines?: number;
  maxRecordSize?: number;
  /** bytes per block (small values exercise block boundaries in tests) */
  blockSize?: number;
  /** the name in messages (default: the path; `stdin` for -) */
  name?: string;
  /** a hint added to the error for a record that cannot be read */
  recordHint?: string;
}

/** The current record. Valid only during the call it is passed to. */
export interface RecordView {
  /** line (1-based) where the record begins */
  readonly line: number;
  /** Sets `buf[from, to)` to field i's UTF-8 bytes (quotes removed, "" made one quote). */
  bytes(i: number): void;
  buf: Uint8Array;
  from: number;
  to: number;
  /** field i as text */
  text(i: number): string;
  /** every field as text */
  fields(): string[];
  /**
   * The first `count` fields as they stand in the input (quotes and delimiters included), when
   * the record was a single line split from the bytes and none of them starts with a byte that
   * may begin a formula (= + - @, tab, space, or the lead byte of a non-ASCII trigger; see
   * output/csv/csv-format.ts); else null (a record the text parser read is not kept as text).
   */
  plainText(count: number): string | null;
}

export interface RecordReader {
  name: string;
  header: string[];
  delimiter: string;
  encoding: string;
  /**
   * Calls `each` with every data record in order, until it returns false. `afterBlock` runs
   * between blocks (a writer to a pipe catches up there). Reads the input once, then closes it.
   */
  forEach(each: Each, afterBlock?: () => Promise<void>): Promise<void>;
  /** bytes read from the source so far (progress) */
  readonly bytesRead: number;
  close(): Promise<void>;
}

type Each = (row: RecordView) => boolean | void;

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Thrown through the parser when `each` returns false: reading stops there. */
const STOP = Symbol('stop');

export async function openRecords(path: string, options: RecordOptions = {}): Promise<RecordReader> {
  const maxRecordSize = options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE;
  const input = await openBlockInput(path, {
    encoding: options.encoding, delimiter: options.delimiter, skipLines: options.skipLines, maxRecordSize, blockSize: options.blockSize,
  });
  const name = options.name ?? input.name;
  const width = input.header.length;
  const fail = (message: string, line: number): never => {
    throw new LeadqError('INPUT_CSV', message, { file: name, line, hint: options.recordHint });
  };
  const view = new View();
  /** a record from the text parser: checked, then handed over */
  const textRecord = (each: Each) => (fields: string[], line: number, _raw: string | undefined, malformed: string | undefined) => {
    if (malformed !== undefined) fail(malformed, line);
    if (fields.length !== width) fail(`expected ${width} fields, got ${fields.length}`, line);
    if (fields.every((f, i) => f === input.header[i])) fail('a repeated header line (files joined together?)', line);
    view.setFields(fields, line);
    if (each(view) === false) throw STOP;
  };

  async function forEach(each: Each, afterBlock?: () => Promise<void>): Promise<void> {
    const code = input.delimiter.charCodeAt(0);
    const scanner = code < 0x80 ? new FieldScanner(width, code) : null;
    // a delimiter outside ASCII: the text parser throughout
    const parser = scanner ? null : new CsvParser({ delimiter: input.delimiter, maxRecordSize, file: name, firstLine: input.firstDataLine, width });
    const handler = textRecord(each);
    let carry: Buffer | null = null;
    let line = input.firstDataLine;
    // the next block is read while this one is scanned: reading and scanning overlap
    const blocks = input.blocks();
    type Next = IteratorResult<{ bytes: Buffer; final: boolean }>;
    let ahead: Promise<Next> | null = blocks.next();
    try {
      while (ahead !== null) {
        const next: Next = await ahead;
        if (next.done) break;
        const block: { bytes: Buffer; final: boolean } = next.value;
        ahead = block.final ? null : blocks.next();
        // a read that fails after this block failed is not news
        ahead?.catch(() => {});
        const b: Buffer = carry ? Buffer.concat([carry, block.bytes]) : block.bytes;
        try {
          assertUtf8(b, name, input.encoding);
        } catch (error) {
          // the block's lines are relative: shift them to the file's
          if (error instanceof LeadqError && error.line !== undefined) {
            throw new LeadqError(error.code, error.message, { file: name, line: error.line + (parser ? parser.locate('').line : line) - 1, col: error.col, hint: error.hint });
          }
          throw error;
        }
        if (parser) {
          parser.push(b.toString('utf8'), handler);
          if (block.final) parser.end(handler);
        } else {
          const done = scanBlock(b, block.final, line, scanner!, handler, each);
          line = done.line;
          carry = done.end < b.length ? Buffer.from(b.subarray(done.end)) : null;
        }
        // nothing refers to the block's memory any more (the carried part is a copy): reuse it
        recycle(block.bytes.buffer as ArrayBuffer);
        await afterBlock?.();
      }
    } catch (error) {
      if (error !== STOP) throw error;
    } finally {
      await input.close();
    }
  }

  /** Reads the records of `b` from its start; returns where an unfinished record begins (or b.length) and its line. */
  // where a record with quoted line breaks ends: the score row path's rule (line-scan.ts)
  const records = new LineScanner(width, input.delimiter.charCodeAt(0), input.delimiter, false, input.header);
  const headerFirst = Buffer.from(input.header[0], 'utf8');

  function scanBlock(b: Buffer, final: boolean, firstLine: number, scan: FieldScanner, handler: ReturnType<typeof textRecord>, each: Each): { end: number; line: number } {
    const n = b.length;
    let pos = 0;
    let line = firstLine;
    scan.reset(b);
    while (pos < n) {
      let i = scan.scan(pos);
      if (i > pos && (scan.fieldCount !== width || mayBeHeader(b, scan))) i = -1;
      if (i < 0) {
        // quotes over line breaks, odd quoting, another width or the header again: the text parser decides
        const j = records.recordEnd(b, pos);
        if (j < 0 && !final) return { end: pos, line };
        const parser = new CsvParser({ delimiter: input.delimiter, maxRecordSize, file: name, firstLine: line, width });
        parser.parseRecord(b.toString('utf8', pos, j < 0 ? n : j), handler);
        line = parser.nextLine;
        pos = j < 0 ? n : j;
      } else {
        if (i === n && !final) return { end: pos, line }; // the line's break is in the next block
        if (i > pos) {
          if (i - pos > maxRecordSize && b.toString('utf8', pos, i).length > maxRecordSize) {
            fail(`the record that begins on this line is larger than ${maxRecordSize} characters (--max-record-size)`, line);
          }
          view.setScan(b, scan, line);
          if (each(view) === false) throw STOP;
        }
        line++;
        pos = i;
      }
      // past the line break: \r\n, \n or \r
      if (pos < n) pos += b[pos] === CR && b[pos + 1] === LF ? 2 : 1;
    }
    return { end: n, line };
  }

  /** Whether the line may be the header again (its first cell is the header's first): the text path compares every cell. */
  function mayBeHeader(b: Buffer, scan: FieldScanner): boolean {
    const s = scan.starts[0];
    return scan.ends[0] - s === headerFirst.length && b.compare(headerFirst, 0, headerFirst.length, s, scan.ends[0]) === 0;
  }

  return { name, header: input.header, delimiter: input.delimiter, encoding: input.encoding, forEach, get bytesRead() { return input.bytesRead; }, close: () => input.close() };
}

/** The record handed to callers: byte ranges of a scanned line, or the text parser's fields. */
class View implements RecordView {
  line = 0;
  buf: Uint8Array = new Uint8Array(0);
  from = 0;
  to = 0;
  private block: Buffer = Buffer.alloc(0);
  private scan: FieldScanner | null = null;
  private parsed: string[] | null = null;
  private scratch = Buffer.alloc(256);

  setScan(block: Buffer, scan: FieldScanner, line: number): void {
    this.block = block;
    this.scan = scan;
    this.parsed = null;
    this.line = line;
  }

  setFields(fields: string[], line: number): void {
    this.parsed = fields;
    this.scan = null;
    this.line = line;
  }

  bytes(i: number): void {
    const scan = this.scan;
    if (scan !== null && scan.flags[i] !== DOUBLED) {
      this.buf = this.block;
      this.from = scan.starts[i];
      this.to = scan.ends[i];
      return;
    }
    const text = this.text(i);
    if (text.length * 3 > this.scratch.length) this.scratch = Buffer.alloc(text.length * 3);
    this.buf = this.scratch;
    this.from = 0;
    this.to = this.scratch.write(text, 0, 'utf8');
  }

  text(i: number): string {
    const scan = this.scan;
    if (scan === null) return this.parsed![i];
    const text = this.block.toString('utf8', scan.starts[i], scan.ends[i]);
    return scan.flags[i] === DOUBLED ? text.replace(/""/g, '"') : text;
  }

  plainText(count: number): string | null {
    const scan = this.scan;
    if (scan === null || count === 0) return null;
    const b = this.block;
    for (let f = 0; f < count; f++) {
      const s = scan.starts[f];
      if (s === scan.ends[f]) continue;
      const c = b[s];
      if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 32 || c === 0xc2 || c === 0xe2 || c === 0xe3 || c === 0xef) return null;
    }
    // from the first field's first byte (its quote, if quoted) to the last one's end (and quote)
    const from = scan.starts[0] - (scan.flags[0] === PLAIN ? 0 : 1);
    const to = scan.ends[count - 1] + (scan.flags[count - 1] === PLAIN ? 0 : 1);
    // a quote inside an unquoted field (O"Brien) is text to the reader, but a writer quotes it
    const quote = b.indexOf(QUOTE, from);
    if (quote !== -1 && quote < to) {
      for (let f = 0; f < count; f++) {
        if (scan.flags[f] !== PLAIN) continue;
        const q = b.indexOf(QUOTE, scan.starts[f]);
        if (q !== -1 && q < scan.ends[f]) return null;
      }
    }
    return b.toString('utf8', from, to);
  }

  fields(): string[] {
    if (this.scan === null) return this.parsed!.slice();
    const out = new Array<string>(this.scan.fieldCount);
    for (let i = 0; i < out.length; i++) out[i] = this.text(i);
    return out;
  }
}
