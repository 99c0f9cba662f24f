/**
 * The byte-level reading of one line of a block, for the fast row path: where each field starts
 * and ends, whether the line is plain ASCII, whether its bytes are exactly what the CSV formatter
 * would write (so the output can copy them), and where a record with quoted line breaks ends. It
 * follows the text parser's rules (csv-parser.ts); test/run/block-scorer.test.ts checks
 * that both give the same rows.
 */
const LF = 10;
const CR = 13;
const QUOTE = 34;

export class LineScanner {
  /** field i of the current line is bytes [starts[i], ends[i]) (without its quotes) */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** 1 where field i holds "" (a quote written twice): its text needs unescaping */
  readonly doubledQuotes: Uint8Array;
  fieldCount = 0;
  ascii = true;
  /** the line's bytes are what the formatter would write (no needless quotes) */
  canonical = true;
  private readonly headerFirst: Buffer;
  /** a field of the current line has "" (so doubledQuotes must be cleared before the next) */
  private anyDoubled = false;

  constructor(
    private readonly width: number,
    /** the delimiter's byte (ASCII delimiters only) */
    private readonly delimByte: number,
    private readonly delimiter: string,
    private readonly escapeFormulas: boolean,
    header: string[],
  ) {
    this.starts = new Int32Array(width + 1);
    this.ends = new Int32Array(width + 1);
    this.doubledQuotes = new Uint8Array(width + 1);
    this.headerFirst = Buffer.from(header[0] ?? '', 'utf8');
  }


  /**
   * Scans the line at `pos` into field bounds (quoted fields without line breaks included) and
   * returns where it ends, or -1 when the text parser must take the record: a quoted line break,
   * a quote inside an unquoted field, or text after a closing quote. Sets `fieldCount`, `ascii`,
   * `canonical` (the bytes are exactly what the formatter would write) and `doubledQuotes`.
   */
  scan(b: Buffer, pos: number): number {
    const { starts, ends, width, delimByte } = this;
    const n = b.length;
    let k = 0;
    let ascii = true;
    let canonical = true;
    if (this.anyDoubled) { this.doubledQuotes.fill(0); this.anyDoubled = false; }
    let i = pos;
    for (;;) {
      if (b[i] === QUOTE) {
        // a quoted field: content is between the quotes; "" stands for one quote
        let needsQuotes = false;
        let j = i + 1;
        for (;; j++) {
          if (j >= n) return -1;
          const c = b[j];
          if (c === QUOTE) {
            if (b[j + 1] !== QUOTE) break;
            needsQuotes = true;
            if (k < width) { this.doubledQuotes[k] = 1; this.anyDoubled = true; }
            j++;
          } else if (c === delimByte) needsQuotes = true;
          else if (c === LF || c === CR) return -1;
          else if (c > 0x7f) ascii = false;
        }
        if (!needsQuotes) canonical = false; // quotes the formatter would not write
        if (k < width) { starts[k] = i + 1; ends[k] = j; }
        i = j + 1;
        const after = i < n ? b[i] : LF;
        if (after !== delimByte && after !== LF && after !== CR) return -1;
      } else {
        if (k < width) starts[k] = i;
        for (; i < n; i++) {
          const c = b[i];
          if (c === delimByte || c === LF || c === CR) break;
          if (c === QUOTE) return -1;
          if (c > 0x7f) ascii = false;
        }
        if (k < width) ends[k] = i;
      }
      k++;
      if (i < n && b[i] === delimByte) { i++; continue; }
      break;
    }
    this.fieldCount = k;
    this.ascii = ascii;
    this.canonical = canonical;
    return i;
  }

  /**
   * Where the record at `start` ends (its line break), or -1 when the bytes end first. Follows
   * the text parser's rules: a quote opens a quoted field only at the start of a field (elsewhere
   * it is text), "" inside one is a quote, and line breaks inside one belong to the field.
   */
  recordEnd(b: Buffer, start: number): number {
    const n = b.length;
    const delim = this.delimByte;
    let i = start;
    for (;;) {
      if (b[i] === QUOTE) {
        // a quoted field: to its closing quote, then on to the end of the field like the parser
        i++;
        for (;;) {
          const q = b.indexOf(QUOTE, i);
          if (q < 0) return -1;
          if (b[q + 1] === QUOTE) { i = q + 2; continue; }
          i = q + 1;
          break;
        }
      }
      while (i < n && b[i] !== delim && b[i] !== LF && b[i] !== CR) i++;
      if (i >= n) return -1;
      if (b[i] === delim) { i++; continue; }
      return i;
    }
  }

  /** Every field of the current fast-path line as text (for the rows the formatter must rewrite). */
  allFields(b: Buffer): string[] {
    const fields = new Array<string>(this.width);
    for (let f = 0; f < this.width; f++) {
      const text = b.toString('utf8', this.starts[f], this.ends[f]);
      fields[f] = this.doubledQuotes[f] ? text.replace(/""/g, '"') : text;
    }
    return fields;
  }

  /** Whether no field of the current fast-path line can start a formula (checked on its first byte). */
  plainBytes(b: Buffer): boolean {
    if (!this.escapeFormulas) return true;
    const { starts, ends } = this;
    for (let f = 0; f < this.width; f++) {
      if (starts[f] === ends[f]) continue;
      const c = b[starts[f]];
      // = + - @ tab space, or the first byte of a non-ASCII trigger or space (U+00A0, U+2212,
      // U+3000, the full-width forms): let the formatter decide. Letters such as É or Ø start with
      // other bytes, so names in any alphabet stay on the copy path.
      if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 32 || c === 0xc2 || c === 0xe2 || c === 0xe3 || c === 0xef) return false;
    }
    return true;
  }

  /**
   * Whether every field of the current line, bytes [start, end), is empty (`,,,`, or `"",""`):
   * only a line of at most three bytes a field can be (a quoted empty field and its delimiter).
   */
  emptyRecord(start: number, end: number): boolean {
    if (end - start > 3 * this.width) return false;
    for (let k = 0; k < this.fieldCount; k++) if (this.ends[k] !== this.starts[k]) return false;
    return true;
  }

  /**
   * Whether the current line may be the header again (its first cell is the header's first name,
   * quoted or not): such lines go to the text path, whose `emit` compares every cell.
   */
  mayBeHeader(b: Buffer): boolean {
    const first = this.headerFirst;
    const s = this.starts[0];
    return this.ends[0] - s === first.length && b.compare(first, 0, first.length, s, this.ends[0]) === 0;
  }
}

/**
 * Whether every field of a record is empty: `,,,` or `"",""`, what a spreadsheet saves below the
 * data for rows it once held. Such a record is no row, as a blank line is none.
 */
export function emptyRecord(fields: readonly string[]): boolean {
  for (let i = 0; i < fields.length; i++) if (fields[i] !== '') return false;
  return true;
}
