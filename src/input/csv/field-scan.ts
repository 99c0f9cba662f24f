/**
 * Field bounds of one line of a block, for readers that need a few cells of every row and the
 * width of each (`leadq diff`). The line's end and each quote are found with the runtime's native
 * byte search (the next line break and quote are kept between calls), so the loop over the
 * bytes looks for the delimiter alone, and a quoted field is skipped to its closing quote in one
 * call. The byte loop of line-scan.ts also works out what the score row path needs to copy a row
 * and costs more.
 *
 * It follows the text parser's grammar (csv-parser.ts): a quote opens a quoted field only at
 * the start of a field (elsewhere it is text), "" inside one is a quote. It leaves the parser
 * every record it cannot split alone: a quoted field that holds a line break or is never
 * closed, text after a closing quote, more fields than the header.
 * test/input/read-records.test.ts holds the two to the same records.
 */
const LF = 10;
const CR = 13;
const QUOTE = 34;

/** What a field's flag says: written as it is, quoted, or quoted holding "" (its text needs unescaping). */
export const PLAIN = 0;
export const QUOTED = 1;
export const DOUBLED = 2;

export class FieldScanner {
  /** field i of the current line is bytes [starts[i], ends[i]) of the block (without its quotes) */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** PLAIN, QUOTED or DOUBLED per field */
  readonly flags: Uint8Array;
  fieldCount = 0;
  private b: Uint8Array = new Uint8Array(0);
  private nextLf = -1;
  private nextCr = -1;
  private nextQuote = -1;

  constructor(private readonly width: number, private readonly delim: number) {
    this.starts = new Int32Array(width + 1);
    this.ends = new Int32Array(width + 1);
    this.flags = new Uint8Array(width + 1);
  }

  /** Starts a block. */
  reset(b: Uint8Array): void {
    this.b = b;
    this.nextLf = b.indexOf(LF);
    this.nextCr = b.indexOf(CR);
    this.nextQuote = b.indexOf(QUOTE);
  }

  /**
   * Scans the line at `pos` into field bounds and returns where it ends (its line break, or the
   * block's end), or -1 when the text parser must take the record. Sets `fieldCount`.
   */
  scan(pos: number): number {
    const { b, delim, starts, ends, flags } = this;
    const n = b.length;
    if (this.nextLf !== -1 && this.nextLf < pos) this.nextLf = b.indexOf(LF, pos);
    if (this.nextCr !== -1 && this.nextCr < pos) this.nextCr = b.indexOf(CR, pos);
    const lf = this.nextLf;
    const cr = this.nextCr;
    const lineEnd = lf === -1 ? (cr === -1 ? n : cr) : cr === -1 || lf < cr ? lf : cr;
    if (this.nextQuote !== -1 && this.nextQuote < pos) this.nextQuote = b.indexOf(QUOTE, pos);
    const quote = this.nextQuote;
    if (quote === -1 || quote >= lineEnd) return this.plainLine(pos, lineEnd);
    let i = pos;
    let k = 0;
    for (;;) {
      if (k >= this.width) return -1; // more fields than the header: the parser words the reject
      if (i < lineEnd && b[i] === QUOTE) {
        let j = i + 1;
        let flag = QUOTED;
        for (;;) {
          const q = b.indexOf(QUOTE, j);
          // unclosed on this line: a quoted line break (or a quote never closed)
          if (q === -1 || q >= lineEnd) return -1;
          if (q + 1 < lineEnd && b[q + 1] === QUOTE) { flag = DOUBLED; j = q + 2; continue; }
          starts[k] = i + 1;
          ends[k] = q;
          flags[k] = flag;
          i = q + 1;
          break;
        }
        if (i < lineEnd && b[i] !== delim) return -1; // text after the closing quote
      } else {
        // a quote inside an unquoted field is text, as in the parser
        let d = i;
        while (d < lineEnd && b[d] !== delim) d++;
        starts[k] = i;
        ends[k] = d;
        flags[k] = PLAIN;
        i = d;
      }
      k++;
      if (i >= lineEnd) break;
      i++; // past the delimiter
    }
    this.fieldCount = k;
    return lineEnd;
  }

  /**
   * A line without quotes: a loop over its bytes for the delimiter alone (fields are short:
   * a call to the native search costs more than the bytes it skips).
   */
  private plainLine(pos: number, lineEnd: number): number {
    const { b, delim, starts, ends, flags } = this;
    const last = this.width - 1;
    let start = pos;
    let k = 0;
    for (let i = pos; i < lineEnd; i++) {
      if (b[i] !== delim) continue;
      if (k === last) return -1;
      starts[k] = start;
      ends[k] = i;
      flags[k] = PLAIN;
      k++;
      start = i + 1;
    }
    starts[k] = start;
    ends[k] = lineEnd;
    flags[k] = PLAIN;
    this.fieldCount = k + 1;
    return lineEnd;
  }
}
