/**
 * CSV cells and rows as Excel and cron consumers need them: a cell is quoted when it holds the
 * delimiter, a quote or a line break (also a bare CR); with formula escaping on, a text cell whose
 * first visible character would start a formula gets a leading `'` (real numbers are left alone).
 */

// = + - @ tab CR, and the full-width and compatibility forms Excel normalises to them
const TRIGGERS = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d, 0xff1d, 0xff0b, 0xff0d, 0xff20, 0xfe62, 0xfe63, 0xfe66, 0x2212]);
const SPACES = new Set([0x20, 0xa0, 0x3000]);
const NUMBER = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** Cheap first check on the row path: can this cell be a formula at all? */
function mayTrigger(code: number): boolean {
  return code < 0x41 ? code === 0x3d || code === 0x2b || code === 0x2d || code === 0x40 || code === 0x09 || code === 0x0d || code === 0x20 : code > 0x9f && (TRIGGERS.has(code) || SPACES.has(code));
}

export function needsFormulaEscape(cell: string): boolean {
  if (cell.length === 0 || !mayTrigger(cell.charCodeAt(0))) return false;
  let i = 0;
  while (i < cell.length && SPACES.has(cell.charCodeAt(i))) i++;
  if (i >= cell.length || !TRIGGERS.has(cell.charCodeAt(i))) return false;
  return !NUMBER.test(cell);
}

export interface CsvFormat {
  delimiter: string;
  escapeFormulas: boolean;
}

export class CsvFormatter {
  private readonly special: RegExp;

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
    const v = this.format.escapeFormulas && needsFormulaEscape(value) ? `'${value}` : value;
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
