/** CellStrings: a text column's strings made once per distinct cell, found again by the cell's bytes. */
import { describe, expect, test } from '@jest/globals';
import { CellStrings } from '../../src/input/cell-strings.js';
import { mulberry32 } from '../support/random.js';

/** Looks the cell up as the row path does: decode and remember it when it is new. */
function cellOf(known: CellStrings, b: Buffer, start: number, end: number): string {
  const found = known.find(b, start, end);
  if (found !== undefined) return found;
  const text = b.toString('utf8', start, end);
  known.remember(b, start, end, text);
  return text;
}

describe('CellStrings', () => {
  test('a repeated cell, anywhere in any block, gives back the string made for its first occurrence', () => {
    const known = new CellStrings();
    const first = Buffer.from('x,Software,y');
    expect(known.find(first, 2, 10)).toBeUndefined();
    known.remember(first, 2, 10, 'Software');
    const again = Buffer.from('Manufacturing,Software');
    expect(known.find(again, 14, 22)).toBe('Software');
    expect(known.find(again, 0, 13)).toBeUndefined();
  });

  test('gives the remembered value, not the text: a placeholder can stand for an empty cell', () => {
    const known = new CellStrings();
    const b = Buffer.from('N/A');
    known.find(b, 0, 3);
    known.remember(b, 0, 3, '');
    expect(known.find(Buffer.from('a,N/A'), 2, 5)).toBe('');
  });

  test('many values of similar bytes (UTF-8 too) are never mixed up', () => {
    const rand = mulberry32(7);
    const values = Array.from({ length: 600 }, (_, i) => ['DE', 'Ärztin', 'VP Sales', '', 'a'.repeat(i % 70)][i % 5] + String(i % 300));
    const known = new CellStrings();
    for (let n = 0; n < 5000; n++) {
      const value = values[Math.floor(rand() * values.length)];
      const pad = 'p'.repeat(Math.floor(rand() * 5));
      const b = Buffer.from(`${pad}${value};`);
      const start = Buffer.byteLength(pad);
      expect(cellOf(known, b, start, start + Buffer.byteLength(value))).toBe(value);
    }
    expect(known.active).toBe(true);
  });

  test('cells longer than 64 bytes are never remembered (free text rarely repeats)', () => {
    const known = new CellStrings();
    const long = Buffer.from('x'.repeat(65));
    expect(known.find(long, 0, 65)).toBeUndefined();
    known.remember(long, 0, 65, 'x'.repeat(65));
    expect(known.find(long, 0, 65)).toBeUndefined();
    known.remember(long, 0, 64, 'x'.repeat(64));
    expect(known.find(long, 0, 64)).toBeUndefined(); // remembered only right after the find that missed it
  });

  test('a column with more distinct values than the table holds stops interning', () => {
    const known = new CellStrings();
    for (let i = 0; i < 1024; i++) cellOf(known, Buffer.from(`lead${i}@example.com`), 0, Buffer.byteLength(`lead${i}@example.com`));
    expect(known.active).toBe(true);
    expect(known.find(Buffer.from('lead5@example.com'), 0, 17)).toBe('lead5@example.com');
    cellOf(known, Buffer.from('one more'), 0, 8);
    expect(known.active).toBe(false);
  });
});
