/**
 * CSV cells and rows as Excel and cron consumers need them: a cell is quoted when it holds the
 * delimiter, a quote or a line break (also a bare CR); with formula escaping on, a text cell whose
 * first visible character would start a formula gets a leading `'` (real numbers are left alone).
 */

// = + - @ tab CR, and their full-width forms (Excel normalises them)
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\uff1d', '\uff0b', '\uff0d', '\uff20', '\ufe62', '\ufe63', '\ufe66', '\u2212']);
const NUMBER = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

export function needsFormulaEscape(cell: string): boolean {
  if (cell.length === 0) return false;
  let i = 0;
  while (i < cell.length && (cell[i] === ' ' || cell[i] === '\u3000' || cell[i] === '\u00a0')) i++;
  if (i >= cell.length || !TRIGGERS.has(cell[i])) return false;
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
