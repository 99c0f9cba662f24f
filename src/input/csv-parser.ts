/**
 * A streaming RFC 4180 parser over decoded text, built for the row path: records come out as
 * arrays of strings with the line each began on, lines without quotes are split natively, and
 * no object is built per record. csv-parse stays the reference: a property test compares the two.
 *
 * Accepts \r\n, \n and \r (and a mix) as record ends; a quote inside an unquoted field is text;
 * text after a closing quote makes the record malformed (it is rejected, not guessed at).
 * Blank lines are skipped. One unclosed quote cannot buffer the whole file: a record longer
 * than `maxRecordSize` characters is an error naming the line where it began.
 */
import { LeadqError } from '../errors.js';
import { locateIn } from './locate.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;

export interface ParsedRecord {
  fields: string[];
  /** line (1-based) where the record begins */
  line: number;
  /** why the record cannot be trusted, e.g. text after a closing quote; undefined when fine */
  malformed?: string;
}

/**
 * Receives each record. `raw` is the record's text when it was a single line without quotes
 * (so writers can reuse it as is); `malformed` says why the record cannot be trusted.
 */
export type RecordHandler = (fields: string[], line: number, raw: string | undefined, malformed: string | undefined) => void;

export interface CsvParserOptions {
  delimiter: string;
  maxRecordSize: number;
  /** file name for error messages */
  file: string;
  /** line number of the first character fed, 1 unless the text starts mid-file */
  firstLine?: number;
}

export class CsvParser {
  private buf = '';
  private line: number;
  private readonly delim: string;
  private readonly delimCode: number;
  // cached next positions of a quote, \n and \r in buf (-1: none left)
  private nextQuote = -1;
  private nextLf = -1;
  private nextCr = -1;

  constructor(private readonly options: CsvParserOptions) {
    this.delim = options.delimiter;
    this.delimCode = options.delimiter.charCodeAt(0);
    this.line = options.firstLine ?? 1;
  }

  /** Parses as many complete records as `text` (after what was left over) holds. */
  push(text: string, out: ParsedRecord[] | RecordHandler): void {
    this.buf = this.buf.length === 0 ? text : this.buf + text;
    this.run(handler(out), false);
  }

  /** Line and character where `more` text would end, after what is buffered (for error messages). */
  locate(more: string): { line: number; col: number } {
    return locateIn(this.buf + more, this.line);
  }

  private tooLarge(line: number, unfinished?: string): never {
    const open = unfinished === undefined ? -1 : openQuoteAt(unfinished);
    if (open >= 0) {
      // the usual cause: a quote that never closes swallows the lines after it
      throw new LeadqError('INPUT_CSV', `a quoted field that begins on this line is never closed (the record from line ${line} passed --max-record-size, ${this.options.maxRecordSize} characters)`, {
        file: this.options.file, line: line + countBreaks(unfinished!.slice(0, open)),
        hint: 'a field that starts with " must end with " (write "" for a quote inside it)',
      });
    }
    throw new LeadqError('INPUT_CSV', `the record that begins on this line is larger than ${this.options.maxRecordSize} characters (--max-record-size)`, {
      file: this.options.file, line,
      hint: 'an unclosed quote makes the rest of the file one record; check the quotes on that line',
    });
  }

  /** Hands over the unfinished record at the end of what was pushed, and forgets it. */
  takeLeftover(): string {
    const rest = this.buf;
    this.buf = '';
    return rest;
  }

  /** Parses what is left at the end of the input. */
  end(out: ParsedRecord[] | RecordHandler): void {
    this.run(handler(out), true);
  }

  /** The line the next record will begin on (counting from `firstLine`). */
  get nextLine(): number {
    return this.line;
  }

  private run(emit: RecordHandler, final: boolean): void {
    const buf = this.buf;
    const n = buf.length;
    this.nextQuote = buf.indexOf('"');
    this.nextLf = buf.indexOf('\n');
    this.nextCr = buf.indexOf('\r');
    let pos = 0;
    while (pos < n) {
      if (this.nextLf !== -1 && this.nextLf < pos) this.nextLf = buf.indexOf('\n', pos);
      if (this.nextCr !== -1 && this.nextCr < pos) this.nextCr = buf.indexOf('\r', pos);
      if (this.nextQuote !== -1 && this.nextQuote < pos) this.nextQuote = buf.indexOf('"', pos);
      const lf = this.nextLf;
      const cr = this.nextCr;
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (this.nextQuote === -1 || (end !== -1 && this.nextQuote > end)) {
        // fast path: the record is one line without quotes
        if (end === -1 && !final) break;
        const stop = end === -1 ? n : end;
        if (end !== -1 && end === cr && end + 1 === n && !final) break; // \r\n may be split across chunks
        if (stop - pos > this.options.maxRecordSize) this.tooLarge(this.line);
        if (stop > pos) { const raw = buf.slice(pos, stop); emit(raw.split(this.delim), this.line, raw, undefined); }
        this.line++;
        pos = stop === n ? n : stop + (stop === cr && buf.charCodeAt(stop + 1) === LF ? 2 : 1);
        continue;
      }
      const next = this.slowRecord(buf, pos, final, emit);
      if (next < 0) break;
      pos = next;
    }
    this.buf = pos >= n ? '' : buf.slice(pos);
    if (this.buf.length > this.options.maxRecordSize) this.tooLarge(this.line, this.buf);
    if (final && this.buf.length > 0) {
      throw new LeadqError('INPUT_CSV', 'unexpected end of input inside a record', { file: this.options.file, line: this.line });
    }
  }

  /**
   * Parses one record that contains quotes. Returns the position after it, or -1 when the text
   * ends before the record does (and more input may come).
   */
  private slowRecord(buf: string, start: number, final: boolean, emit: RecordHandler): number {
    const n = buf.length;
    const fields: string[] = [];
    let i = start;
    let breaks = 0; // line breaks inside quoted fields
    let malformed: string | undefined;
    for (;;) {
      let value: string;
      if (buf.charCodeAt(i) === QUOTE) {
        // quoted field
        let j = i + 1;
        value = '';
        for (;;) {
          const q = buf.indexOf('"', j);
          if (q === -1 || (q + 1 === n && !final)) {
            if (!final) return -1;
            throw new LeadqError('INPUT_CSV', 'a quoted field that begins on this line is never closed', {
              file: this.options.file, line: this.line + breaks, hint: 'a field that starts with " must end with " (write "" for a quote inside it)',
            });
          }
          if (buf.charCodeAt(q + 1) === QUOTE) { value += buf.slice(j, q + 1); j = q + 2; continue; }
          value += buf.slice(j, q);
          i = q + 1;
          break;
        }
        breaks += countBreaks(value);
        // after the closing quote: a delimiter, a record end or the end of input
        const c = buf.charCodeAt(i);
        if (i < n && c !== this.delimCode && c !== LF && c !== CR) {
          malformed ??= `text after the closing quote of field ${fields.length + 1}`;
          const stop = this.fieldEnd(buf, i);
          if (stop === -1 && !final) return -1;
          value += buf.slice(i, stop === -1 ? n : stop);
          i = stop === -1 ? n : stop;
        }
      } else {
        const stop = this.fieldEnd(buf, i);
        if (stop === -1 && !final) return -1;
        value = buf.slice(i, stop === -1 ? n : stop);
        i = stop === -1 ? n : stop;
      }
      fields.push(value);
      if (i >= n) {
        if (!final) return -1;
        break;
      }
      const c = buf.charCodeAt(i);
      if (c === this.delimCode) { i++; continue; }
      // record end: \n, \r or \r\n
      if (c === CR && i + 1 === n && !final) return -1;
      i += c === CR && buf.charCodeAt(i + 1) === LF ? 2 : 1;
      break;
    }
    if (i - start > this.options.maxRecordSize) this.tooLarge(this.line);
    emit(fields, this.line, undefined, malformed);
    this.line += 1 + breaks;
    return i;
  }

  /** The position of the delimiter or line break that ends an unquoted field, or -1. */
  private fieldEnd(buf: string, from: number): number {
    for (let k = from; k < buf.length; k++) {
      const c = buf.charCodeAt(k);
      if (c === this.delimCode || c === LF || c === CR) return k;
    }
    return -1;
  }
}

function handler(out: ParsedRecord[] | RecordHandler): RecordHandler {
  if (typeof out === 'function') return out;
  return (fields, line, _raw, malformed) => { out.push(malformed ? { fields, line, malformed } : { fields, line }); };
}

/** Where the quote that is still open at the end of `text` opened, or -1 (quotes balance). */
function openQuoteAt(text: string): number {
  let open = -1;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) open = open < 0 ? i : -1;
  return open;
}

/** Line breaks inside a value, counting \r\n once. */
function countBreaks(value: string): number {
  let count = 0;
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if (c === LF) count++;
    else if (c === CR) { count++; if (value.charCodeAt(k + 1) === LF) k++; }
  }
  return count;
}
