/** CellStrings: a text column's strings made once per distinct cell, found again by the cell's bytes. */
import { describe, expect, test } from '@jest/globals';
import { CellStrings, MAX_VALUES } from '../../src/input/values/cell-strings.js';
import { mulberry32 } from '../support/random.js';

/** Looks the cell up as the row path does: decode and remember it when it is new. */
function cellOf(cells: CellStrings, b: Buffer, start: number, end: number): string {
  const found = cells.find(b, start, end);
  if (found >= 0) return cells.strings[found];
  const text = b.toString('utf8', start, end);
  cells.remember(b, start, end, text);
  return text;
}

/** The value `find` knows for the bytes, or undefined. */
function known(cells: CellStrings, b: Buffer, start: number, end: number): string | undefined {
  const id = cells.find(b, start, end);
  return id < 0 ? undefined : cells.strings[id];
}

describe('CellStrings', () => {
  test('a repeated cell, anywhere in any block, gives back the string made for its first occurrence', () => {
    const cells = new CellStrings();
    const first = Buffer.from('x,Software,y');
    expect(cells.find(first, 2, 10)).toBe(-1);
    expect(cells.remember(first, 2, 10, 'Software')).toBe(0);
    const again = Buffer.from('Manufacturing,Software');
    expect(cells.find(again, 14, 22)).toBe(0);
    expect(known(cells, again, 14, 22)).toBe('Software');
    expect(cells.find(again, 0, 13)).toBe(-1);
    expect(cells.remember(again, 0, 13, 'Manufacturing')).toBe(1); // ids count up
  });

  test('gives the remembered value, not the text: a placeholder can stand for an empty cell', () => {
    const cells = new CellStrings();
    const b = Buffer.from('N/A');
    cells.find(b, 0, 3);
    cells.remember(b, 0, 3, '');
    expect(known(cells, Buffer.from('a,N/A'), 2, 5)).toBe('');
  });

  test('many values of similar bytes (UTF-8 too) are never mixed up', () => {
    const rand = mulberry32(7);
    const values = Array.from({ length: 600 }, (_, i) => ['DE', 'Ärztin', 'VP Sales', '', 'a'.repeat(i % 70)][i % 5] + String(i % 300));
    const cells = new CellStrings();
    for (let n = 0; n < 5000; n++) {
      const value = values[Math.floor(rand() * values.length)];
      const pad = 'p'.repeat(Math.floor(rand() * 5));
      const b = Buffer.from(`${pad}${value};`);
      const start = Buffer.byteLength(pad);
      expect(cellOf(cells, b, start, start + Buffer.byteLength(value))).toBe(value);
    }
    expect(cells.active).toBe(true);
  });

  test('cells longer than 64 bytes are never remembered (free text rarely repeats)', () => {
    const cells = new CellStrings();
    const long = Buffer.from('x'.repeat(65));
    expect(cells.find(long, 0, 65)).toBe(-1);
    expect(cells.remember(long, 0, 65, 'x'.repeat(65))).toBe(-1);
    expect(cells.find(long, 0, 65)).toBe(-1);
    expect(cells.strings).toEqual([]);
  });

  test('a column with more distinct values than the table holds stops interning', () => {
    const cells = new CellStrings();
    for (let i = 0; i < MAX_VALUES; i++) cellOf(cells, Buffer.from(`lead${i}@example.com`), 0, Buffer.byteLength(`lead${i}@example.com`));
    expect(cells.active).toBe(true);
    expect(known(cells, Buffer.from('lead5@example.com'), 0, 17)).toBe('lead5@example.com');
    cellOf(cells, Buffer.from('one more'), 0, 8);
    expect(cells.active).toBe(false);
  });
});
