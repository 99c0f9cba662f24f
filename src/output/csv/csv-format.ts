/**
 * CSV cells and rows as Excel and cron consumers need them: a cell is quoted when it holds the
 * delimiter, a quote or a line break (also a bare CR); with formula escaping on, a text cell whose
 * first visible character would start a formula gets a leading `'` (real numbers are left alone).
 *
 * What escaping cannot fix is counted instead: an Excel whose list separator is another character
 * (`;` in much of Europe) splits a comma-delimited line at every `;`, quotes or not, so `a;=cmd()`
 * becomes a cell `=cmd()`. Changing the data would lose it; the summary reports such cells.
 *
 * Which cells are escaped is model/formula-escape.ts (diff reads scored files back through it).
 */
import { mayTrigger, needsFormulaEscape, SPACES, TRIGGERS } from '../../model/formula-escape.js';

/** Whether the text from `i` starts, after spaces, with a formula trigger. */
function triggerAt(text: string, i: number): boolean {
  while (i < text.length && SPACES.has(text.charCodeAt(i))) i++;
  return i < text.length && TRIGGERS.has(text.charCodeAt(i));
}

/** Excel's list separators: the ones that are not the output delimiter can split a cell. */
const LIST_SEPARATORS = [',', ';'];

/** The separators to watch for an output delimiter, as characters (`;` for a comma-delimited file). */
export function splittingSeparators(delimiter: string): string[] {
  return LIST_SEPARATORS.filter((s) => s !== delimiter);
}

/**
 * Whether a cell holds one of `separators` followed (after spaces) by a formula trigger: the
 * start of a formula for an Excel that splits at that separator. Numbers are not exempt: Excel
 * would see the text up to its own next separator, not our cell's end.
 */
export function splitRisk(cell: string, separators: readonly string[]): boolean {
  for (const sep of separators) {
    for (let at = cell.indexOf(sep); at >= 0; at = cell.indexOf(sep, at + 1)) {
      if (triggerAt(cell, at + 1)) return true;
    }
  }
  return false;
}

/**
 * The same over UTF-8 bytes [start, end) of one cell, for the byte-level row path; `separators`
 * are ASCII bytes. A non-ASCII byte after a separator is decoded (full-width forms, U+00A0).
 */
export function splitRiskInBytes(b: Uint8Array, start: number, end: number, separators: readonly number[]): boolean {
  for (let k = start; k < end; k++) {
    const c = b[k];
    if (c !== 0x2c && c !== 0x3b) continue;
    if (!separators.includes(c)) continue;
    let j = k + 1;
    while (j < end && b[j] === 0x20) j++;
    if (j >= end) return false;
    const next = b[j];
    if (next < 0x80 ? TRIGGERS.has(next) : triggerAt(Buffer.from(b.buffer, b.byteOffset + j, Math.min(end - j, 64)).toString('utf8'), 0)) return true;
  }
  return false;
}

export interface CsvFormat {
  delimiter: string;
  escapeFormulas: boolean;
}

export class CsvFormatter {
  private readonly special: RegExp;
  /** cells this formatter has prefixed with `'` (the caller resets it and reports the count) */
  escaped = 0;

  constructor(readonly format: CsvFormat) {
    const d = format.delimiter.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');
    this.special = new RegExp(`[${d}"\\r\\n]`);
  }

  /**
   * True when the fields of a single-line, quote-free record can be written exactly as they were
   * read (its raw text reused): nothing to escape. Precondition: the output delimiter is the input's.
   */
  isPlain(fields: readonly string[]): boolean {
    if (!this.format.escapeFormulas) return true;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (f.length > 0 && mayTrigger(f.charCodeAt(0)) && needsFormulaEscape(f)) return false;
    }
    return true;
  }

  cell(value: string): string {
    let v = value;
    if (this.format.escapeFormulas && needsFormulaEscape(value)) { v = `'${value}`; this.escaped++; }
    return this.special.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }

  /** One row without its line ending. */
  row(cells: readonly string[]): string {
    let out = '';
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) out += this.format.delimiter;
      out += this.cell(cells[i]);
    }
    return out;
  }
}

/**
 * The split-risk check for the byte-level row path, block by block: the next position of each
 * watched separator is cached, so a block without any costs one native search per separator and
 * a comparison per row; only rows that hold a separator are looked at cell by cell.
 */
export class SplitScan {
  private readonly seps: number[];
  /** per separator, the byte whose presence in a line means a cell may hold it */
  private readonly gates: number[];
  private readonly next: Int32Array;
  private block: Uint8Array = new Uint8Array(0);

  /**
   * `delimiter` is the output's, `inputDelimiter` the input's: a cell holds the input's delimiter
   * only inside quotes, so for that separator a line is looked at only when it has a quote.
   * `watch` false (formula escaping off): nothing is counted.
   */
  constructor(delimiter: string, watch: boolean, inputDelimiter = delimiter) {
    this.seps = watch ? splittingSeparators(delimiter).map((s) => s.charCodeAt(0)) : [];
    this.gates = this.seps.map((s) => (s === inputDelimiter.charCodeAt(0) ? 0x22 : s));
    this.next = new Int32Array(this.seps.length).fill(-1);
  }

  /** Starts a block. */
  reset(b: Uint8Array): void {
    this.block = b;
    for (let s = 0; s < this.seps.length; s++) this.next[s] = b.indexOf(this.gates[s]);
  }

  /** Cells at risk in the line [start, end) of the current block, its fields at [starts[f], ends[f]). */
  cells(start: number, end: number, starts: Int32Array, ends: Int32Array, width: number): number {
    const b = this.block;
    let hit = false;
    for (let s = 0; s < this.seps.length; s++) {
      let at = this.next[s];
      if (at !== -1 && at < start) at = this.next[s] = b.indexOf(this.gates[s], start);
      if (at !== -1 && at < end) hit = true;
    }
    if (!hit) return 0;
    let count = 0;
    for (let f = 0; f < width; f++) if (splitRiskInBytes(b, starts[f], ends[f], this.seps)) count++;
    return count;
  }
}

/** Cells of a record (as text) at risk; `separators` from `splittingSeparators`. */
export function splitRiskCells(fields: readonly string[], separators: readonly string[]): number {
  let count = 0;
  for (let f = 0; f < fields.length; f++) if (splitRisk(fields[f], separators)) count++;
  return count;
}
