/**
 * Formula escaping, the rule every CSV leadq writes follows and the readers of its own files
 * (diff) undo: a text cell whose first visible character would start a formula in a spreadsheet
 * is written with a leading `'`; real numbers such as `-5` are left alone. The writer is
 * output/csv/csv-format.ts; here is what it means, so that reading a scored file back can take
 * exactly that `'` off again. Pure.
 */

// = + - @ tab CR, and the full-width and compatibility forms Excel normalises to them
export const TRIGGERS: ReadonlySet<number> = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d, 0xff1d, 0xff0b, 0xff0d, 0xff20, 0xfe62, 0xfe63, 0xfe66, 0x2212]);
/** spaces a spreadsheet skips before the trigger: a formula still starts after them */
export const SPACES: ReadonlySet<number> = new Set([0x20, 0xa0, 0x3000]);
const NUMBER = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const APOSTROPHE = 0x27;

/** Cheap first check on the row path: can a cell starting with this code unit be a formula at all? */
export function mayTrigger(code: number): boolean {
  return code < 0x41 ? code === 0x3d || code === 0x2b || code === 0x2d || code === 0x40 || code === 0x09 || code === 0x0d || code === 0x20 : code > 0x9f && (TRIGGERS.has(code) || SPACES.has(code));
}

/** Whether the writer prefixes `'` to this cell (when escaping is on). */
export function needsFormulaEscape(cell: string): boolean {
  if (cell.length === 0 || !mayTrigger(cell.charCodeAt(0))) return false;
  let i = 0;
  while (i < cell.length && SPACES.has(cell.charCodeAt(i))) i++;
  if (i >= cell.length || !TRIGGERS.has(cell.charCodeAt(i))) return false;
  return !NUMBER.test(cell);
}

/**
 * A cell as it was before formula escaping: `'+49 170 …` → `+49 170 …` (the `'` that
 * needsFormulaEscape added), for outputs no spreadsheet opens (JSON) and for keys matched across
 * files escaped or not. A cell that began with `'` itself is read the same way: the escape cannot
 * be told from it.
 */
export function unescapeFormula(cell: string): string {
  return cell.charCodeAt(0) === APOSTROPHE && needsFormulaEscape(cell.slice(1)) ? cell.slice(1) : cell;
}

/**
 * The same over UTF-8 bytes [from, to): how many bytes the escape takes at `from` (1 or 0). Text
 * is made only for a cell that starts with `'`, so keys read as bytes stay bytes.
 */
export function formulaEscapeLength(b: Uint8Array, from: number, to: number): 0 | 1 {
  if (to - from < 2 || b[from] !== APOSTROPHE) return 0;
  return needsFormulaEscape(Buffer.from(b.buffer, b.byteOffset + from + 1, to - from - 1).toString('utf8')) ? 1 : 0;
}
