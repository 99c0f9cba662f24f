/**
 * The records of one block of a CSV input, for jobs that read rows without writing them (a
 * related file's rows, the export's lead keys). It reads as the scoring path does
 * (run/jobs/score-block.ts): single-line records are split on their bytes by the line scanner;
 * records with quoted line breaks or odd quoting, of the wrong width or repeating the header go
 * through the reference text parser, which is given the header's width so a stray quote costs
 * its own line only; a block behind a record carried from the previous one is parsed as text.
 * Rows of the wrong width, broken quotes, a repeated header line and rows holding a NUL byte are
 * rejected with their line; a record larger than --max-record-size stops the run.
 *
 * Lines are relative to the block (its first line is 1); the pipeline makes them absolute.
 */
import { LeadqError } from '../../model/errors.js';
import { CsvParser } from './csv-parser.js';
import { emptyRecord, LineScanner } from './line-scan.js';
import { recordProblem } from './record-problem.js';

export interface RecordVisitor {
  /** A single-line record of the header's width: its fields' bounds are in `scan` (bytes of `b`). */
  line(b: Buffer, scan: LineScanner, line: number): void;
  /** A record of the header's width from the text parser. */
  record(fields: string[], line: number): void;
  /** A record that cannot be read, with why and its text as it stood. */
  reject(line: number, reason: string, fields: string[], text: string): void;
}

export interface WalkOptions {
  delimiter: string;
  header: string[];
  maxRecordSize: number;
  file: string;
}

/** How far a block went: the lines it spans, and a record it ended inside (for the next block). */
export interface Walked {
  lines: number;
  leftover: string;
}

const LF = 10;
const CR = 13;

export class RecordWalker {
  private readonly scan: LineScanner;
  private readonly width: number;
  private readonly delimByte: number;
  private hasNul = false;

  constructor(private readonly options: WalkOptions) {
    this.width = options.header.length;
    const code = options.delimiter.charCodeAt(0);
    // a delimiter outside ASCII is several bytes: such inputs take the text path
    this.delimByte = code < 0x80 ? code : -1;
    this.scan = new LineScanner(this.width, this.delimByte, options.delimiter, false, options.header);
  }

  /** A block of UTF-8 bytes; `final`: it ends the input, so an unfinished record is an error. */
  walkBytes(b: Buffer, final: boolean, v: RecordVisitor): Walked {
    if (this.delimByte < 0) return this.walkText(b.toString('utf8'), final, v);
    let nulAt = b.indexOf(0);
    this.hasNul = nulAt !== -1;
    const n = b.length;
    const scan = this.scan;
    let pos = 0;
    let line = 1;
    while (pos < n) {
      let i = scan.scan(b, pos);
      if (i > pos && (scan.fieldCount !== this.width || scan.mayBeHeader(b))) i = -1;
      else if (nulAt !== -1 && i > pos) {
        if (nulAt < pos) nulAt = b.indexOf(0, pos);
        if (nulAt !== -1 && nulAt < i) i = -1;
      }
      if (i < 0) {
        const j = scan.recordEnd(b, pos);
        if (j < 0 && !final) return { lines: line - 1, leftover: b.toString('utf8', pos, n) };
        const next = this.textRecord(b, pos, j < 0 ? n : j, line, v);
        pos = next.end;
        line = next.line;
      } else {
        if (i === n && !final) return { lines: line - 1, leftover: b.toString('utf8', pos, n) };
        if (i > pos) {
          if (i - pos > this.options.maxRecordSize && b.toString('utf8', pos, i).length > this.options.maxRecordSize) this.tooLarge(line);
          // a row of empty cells is no row, as a blank line is none
          if (!scan.emptyRecord(pos, i)) v.line(b, scan, line);
        }
        line++;
        pos = i;
      }
      if (pos < n) pos += b[pos] === CR && b[pos + 1] === LF ? 2 : 1;
    }
    return { lines: line - 1, leftover: '' };
  }

  /** A block as text (behind a record carried from the block before). */
  walkText(text: string, final: boolean, v: RecordVisitor): Walked {
    this.hasNul = text.indexOf('\0') !== -1;
    const parser = new CsvParser({ delimiter: this.options.delimiter, maxRecordSize: this.options.maxRecordSize, file: this.options.file, width: this.width });
    const emit = (fields: string[], line: number, _raw: string | undefined, malformed: string | undefined, source: string) => this.emit(fields, line, malformed, source, v);
    parser.push(text, emit);
    let leftover = '';
    if (final) parser.end(emit);
    else leftover = parser.takeLeftover();
    return { lines: parser.nextLine - 1, leftover };
  }

  /**
   * The record in bytes [start, j) through the text parser. When the parser cuts it back to its
   * first line (a stray quote swallowed the lines after it), it ends at that line's break.
   */
  private textRecord(b: Buffer, start: number, j: number, line: number, v: RecordVisitor): { end: number; line: number } {
    const parser = new CsvParser({ delimiter: this.options.delimiter, maxRecordSize: this.options.maxRecordSize, file: this.options.file, firstLine: line, width: this.width });
    const emit = (fields: string[], at: number, _raw: string | undefined, malformed: string | undefined, text: string) => this.emit(fields, at, malformed, text, v);
    if (parser.parseRecord(b.toString('utf8', start, j), emit)) return { end: j, line: parser.nextLine };
    return { end: lineBreakAt(b, start), line: parser.nextLine };
  }

  private emit(fields: string[], line: number, malformed: string | undefined, text: string, v: RecordVisitor): void {
    const problem = recordProblem(fields, malformed, this.options.header, this.hasNul);
    if (problem !== undefined) v.reject(line, problem, fields, text);
    else if (!emptyRecord(fields)) v.record(fields, line);
  }

  private tooLarge(line: number): never {
    throw new LeadqError('INPUT_CSV', `the record that begins on this line is larger than ${this.options.maxRecordSize} characters (--max-record-size)`, { file: this.options.file, line });
  }
}

/** Where the line from `start` ends: its first \n or \r. */
function lineBreakAt(b: Buffer, start: number): number {
  const lf = b.indexOf(LF, start);
  const cr = b.indexOf(CR, start);
  return lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
}
