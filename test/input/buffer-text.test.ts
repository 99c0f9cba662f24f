/**
 * The row path reads and writes text through Node's internal Buffer methods where they exist
 * (src/input/csv/buffer-text.ts); the public methods stand in elsewhere. Both must give the same
 * strings and bytes, for every kind of text a cell holds.
 */
import { describe, expect, test } from '@jest/globals';
import { hasNativeText, native, portableSlice, portableWrite, sliceText, writeText } from '../../src/input/csv/buffer-text.js';
import { mulberry32 } from '../support/random.js';

const PIECES = ['a', 'Z', '0', ' ', ',', '"', 'é', 'Ø', 'ß', '日本', '😀', '\u00a0', '\u2212', '\n', '\t', '\u0000', 'Ł'];

function randomText(rand: () => number): string {
  let text = '';
  for (let n = Math.floor(rand() * 12); n > 0; n--) text += PIECES[Math.floor(rand() * PIECES.length)];
  return text;
}

describe('buffer text', () => {
  test('this Node has the internal methods (the fast path is the one in use)', () => {
    expect(hasNativeText).toBe(true);
    expect(sliceText).toBe(native!.slice);
  });

  test.each([1, 2, 3])('seed %i: native and portable slices and writes agree', (seed) => {
    const rand = mulberry32(seed);
    for (let i = 0; i < 300; i++) {
      const text = randomText(rand);
      const bytes = Buffer.from(`xx${text}yy`, 'utf8');
      const end = bytes.length - 2;
      const ascii = /^[\x00-\x7f]*$/.test(text);
      expect(native!.slice(bytes, 2, end, ascii)).toBe(text);
      expect(portableSlice(bytes, 2, end, ascii)).toBe(text);
      const a = Buffer.alloc(64);
      const b = Buffer.alloc(64);
      const n = native!.write(a, text, 3);
      expect(portableWrite(b, text, 3)).toBe(n);
      expect(a.equals(b)).toBe(true);
      expect(writeText(Buffer.alloc(64), text, 0)).toBe(Buffer.byteLength(text));
    }
  });
});
