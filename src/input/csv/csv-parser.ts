/**
 * A streaming RFC 4180 parser over decoded text, built for the row path: records come out as
 * arrays of strings with the line each began on, lines without quotes are split natively, and
 * no object is built per record. csv-parse stays the reference: on well-formed input the two
 * give the same records (a property test compares them, with and without `width`).
 *
 * Accepts \r\n, \n and \r (and a mix) as record ends; a quote inside an unquoted field is text;
 * text after a closing quote makes the record malformed (it is rejected, not guessed at).
 * Blank lines are skipped. One unclosed quote cannot buffer the whole file: a record longer
 * than `maxRecordSize` characters is an error naming the line where it began.
 *
 * A stray quote at the start of a field opens a quoted field that runs on to the next quote,
 * often many lines later. Given the data's `width`, a record that crosses a line break inside
 * quotes and then turns out malformed (text after the closing quote, another field count, or the
 * input ends inside the quote) is cut back to its first line: that line alone is handed over,
 * malformed, and parsing resumes at the next line, so the lines the quote swallowed are read
 * again as records of their own. (They are single-line records: seen from the stray quote,
 * every quote up to the one that closed it came in pairs, and a pair at the start of a field
 * read afresh opens and closes a quoted field within its own line.)
 */
import { LeadqError } from '../../model/errors.js';
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
 * (so writers can reuse it as is); `malformed` says why the record cannot be trusted; `text` is
 * the record's text exactly as it stood in the input, without its line break (for rejects).
 */
export type RecordHandler = (fields: string[], line: number, raw: string | undefined, malformed: string | undefined, text: string) => void;

export interface CsvParserOptions {
  delimiter: string;
  maxRecordSize: number;
  /** file name for error messages */
  file: string;
  /** line number of the first character fed, 1 unless the text starts mid-file */
  firstLine?: number;
  /**
   * The data's field count (the header's). Given it, a record that crosses a line break inside
   * quotes and is then malformed, of another width, or unfinished at the end of the input is cut
   * back to its first line (see above). Without it (the header itself), such a record is handed
   * over whole and a quote still open at the end of the input is an error.
   */
  width?: number;
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
  // what readFields found out about the record it read (no object per record)
  /** line breaks inside its quoted fields */
  private breaks = 0;
  private malformed: string | undefined;
  /** the field (1-based) whose quotes hold its first line break; 0 when it has none */
  private breakField = 0;
  /** the input ended inside a quoted field */
  private unclosed = false;
  /** where its text ends, before the line break */
  private textEnd = 0;

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

  /**
   * Parses the one record that `text` holds from its start, as the end of the input: the byte
   * scanner found where it ends (or the input ends inside it). Returns false when the record
   * was cut back to its first line; the caller reads on from the next line.
   */
  parseRecord(text: string, out: ParsedRecord[] | RecordHandler): boolean {
    const emit = handler(out);
    if (text.indexOf('"') === -1) {
      // one line without quotes (the scanner stopped at its line break)
      if (text.length > this.options.maxRecordSize) this.tooLarge(this.line);
      emit(text.split(this.delim), this.line, text, undefined, text);
      this.line++;
      return true;
    }
    return this.slowRecord(text, 0, true, emit) >= text.length;
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
        if (stop > pos) { const raw = buf.slice(pos, stop); emit(raw.split(this.delim), this.line, raw, undefined, raw); }
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
   * Parses one record that contains quotes. Returns the position after it (after its first line
   * when it was cut back to it), or -1 when the text ends before the record does (and more input
   * may come).
   */
  private slowRecord(buf: string, start: number, final: boolean, emit: RecordHandler): number {
    const fields: string[] = [];
    const next = this.readFields(buf, start, final, fields);
    if (next < 0) return -1;
    const { breaks, malformed } = this;
    if (next - start > this.options.maxRecordSize) this.tooLarge(this.line, this.unclosed ? buf.slice(start) : undefined);
    const width = this.options.width;
    if (breaks > 0 && width !== undefined && (malformed !== undefined || fields.length !== width)) {
      // relative, not a line number: a block's lines are shifted later, its messages are not
      const why = this.unclosed ? 'the input ends inside it'
        : `read as one record with the next ${breaks === 1 ? 'line' : `${breaks} lines`}, it would have ${malformed ?? `${fields.length} fields, expected ${width}`}`;
      return this.cut(buf, start, `a quote opens field ${this.breakField} and is not closed on this line (${why})`, emit);
    }
    emit(fields, this.line, undefined, malformed, buf.slice(start, this.textEnd));
    this.line += 1 + breaks;
    return next;
  }

  /**
   * Hands over the first line of the record at `start` alone, malformed for `reason`, and
   * returns where the next line begins: the lines after it are read again.
   */
  private cut(buf: string, start: number, reason: string, emit: RecordHandler): number {
    const lf = buf.indexOf('\n', start);
    const cr = buf.indexOf('\r', start);
    const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    const text = buf.slice(start, end);
    // its fields as the line reads alone (the open quote runs to the line's end), for diagnoses
    const fields: string[] = [];
    this.readFields(text, 0, true, fields);
    emit(fields, this.line, undefined, reason, text);
    this.line++;
    return end + (end === cr && buf.charCodeAt(end + 1) === LF ? 2 : 1);
  }

  /**
   * Reads the fields of the record at `start` into `fields` and returns the position after its
   * line break, or -1 when the text ends before the record does (and more input may come). Sets
   * `breaks`, `malformed`, `breakField`, `unclosed` and `textEnd` for the record.
   */
  private readFields(buf: string, start: number, final: boolean, fields: string[]): number {
    const n = buf.length;
    let i = start;
    let breaks = 0; // line breaks inside quoted fields
    let malformed: string | undefined;
    let breakField = 0;
    let unclosed = false;
    let textEnd: number;
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
            if (this.options.width === undefined) {
              throw new LeadqError('INPUT_CSV', 'a quoted field that begins on this line is never closed', {
                file: this.options.file, line: this.line + breaks, hint: 'a field that starts with " must end with " (write "" for a quote inside it)',
              });
            }
            // the input ends inside the quote: the field runs to the end
            malformed ??= `a quote opens field ${fields.length + 1} and is never closed`;
            unclosed = true;
            value += buf.slice(j);
            i = n;
            break;
          }
          if (buf.charCodeAt(q + 1) === QUOTE) { value += buf.slice(j, q + 1); j = q + 2; continue; }
          value += buf.slice(j, q);
          i = q + 1;
          break;
        }
        const inside = countBreaks(value);
        if (inside > 0 && breaks === 0) breakField = fields.length + 1;
        breaks += inside;
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
        textEnd = n;
        break;
      }
      const c = buf.charCodeAt(i);
      if (c === this.delimCode) { i++; continue; }
      // record end: \n, \r or \r\n
      if (c === CR && i + 1 === n && !final) return -1;
      textEnd = i;
      i += c === CR && buf.charCodeAt(i + 1) === LF ? 2 : 1;
      break;
    }
    this.breaks = breaks;
    this.malformed = malformed;
    this.breakField = breakField;
    this.unclosed = unclosed;
    this.textEnd = textEnd;
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
