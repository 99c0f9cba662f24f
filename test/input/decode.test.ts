import { describe, expect, test } from '@jest/globals';
import { LeadqError } from '../../src/model/errors.js';
import { firstInvalidUtf8, InputDecoder, InvalidText } from '../../src/input/csv/decode.js';

const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

/** Decodes `data` in pieces of `size` bytes, the last call final. */
function decodeInChunks(decoder: InputDecoder, data: Uint8Array, size: number): string {
  let text = '';
  for (let i = 0; i < data.length; i += size) text += decoder.decode(data.subarray(i, i + size), false);
  return text + decoder.decode(new Uint8Array(0), true);
}

function invalidText(fn: () => unknown): InvalidText {
  try { fn(); } catch (error) { if (error instanceof InvalidText) return error; throw error; }
  throw new Error('expected InvalidText');
}

const SAMPLE = 'id,name\n1,Zoë € 😀 e\u0301 中文\n';

describe('InputDecoder: byte-order marks and encodings', () => {
  test.each([
    ['UTF-8 without BOM', Buffer.from(SAMPLE, 'utf8'), 'utf-8'],
    ['UTF-8 BOM', bytes([0xef, 0xbb, 0xbf], SAMPLE), 'utf-8'],
    ['UTF-16LE BOM', Buffer.from(`\ufeff${SAMPLE}`, 'utf16le'), 'utf-16le'],
    ['UTF-16BE BOM', utf16be(`\ufeff${SAMPLE}`), 'utf-16be'],
  ])('%s: decoded, BOM stripped', (_name, data, encoding) => {
    const decoder = new InputDecoder(undefined, 'leads.csv');
    expect(decoder.decode(data, true)).toBe(SAMPLE);
    expect(decoder.encoding).toBe(encoding);
  });

  test.each([
    ['windows-1252', [0x52, 0x65, 0x6e, 0xe9], 'René'],
    // 0x80-0x9F are where windows-1252 differs from latin1: €, smart quotes (Excel exports are full of them)
    ['windows-1252', [0x80, 0x20, 0x93, 0x61, 0x94, 0x92], '€ \u201ca\u201d\u2019'],
    ['latin1', [0xe9, 0xfc], 'éü'],
    ['utf-16le', [0x41, 0x00, 0xe9, 0x00], 'Aé'],
  ])('--encoding %s: bytes %p', (encoding, data, expected) => {
    const decoder = new InputDecoder(encoding, 'leads.csv');
    expect(decoder.decode(Uint8Array.from(data), true)).toBe(expected);
    expect(decoder.encoding).toBe(encoding);
  });

  test('an unknown --encoding is a usage error', () => {
    let error: unknown;
    try { new InputDecoder('klingon-8', 'leads.csv'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(LeadqError);
    expect((error as LeadqError).code).toBe('USAGE');
  });
});

describe('InputDecoder: characters split across chunks', () => {
  test.each([
    ['UTF-8', Buffer.from(SAMPLE, 'utf8')],
    ['UTF-8 BOM', bytes([0xef, 0xbb, 0xbf], SAMPLE)],
    ['UTF-16LE BOM', Buffer.from(`\ufeff${SAMPLE}`, 'utf16le')],
    ['UTF-16BE BOM', utf16be(`\ufeff${SAMPLE}`)],
  ])('%s decodes the same in chunks of 1..7 bytes', (_name, data) => {
    for (let size = 1; size <= 7; size++) {
      expect({ size, text: decodeInChunks(new InputDecoder(undefined, 'leads.csv'), data, size) }).toEqual({ size, text: SAMPLE });
    }
  });
});

describe('InputDecoder: invalid UTF-8', () => {
  test.each([
    ['a stray 0xFF', bytes('a\n', [0xff], 'b'), 2, 0xff],
    ['a lead byte before ASCII', bytes('ab', [0xc3], '('), 2, 0xc3],
    ['a lone continuation byte first', bytes([0x80], 'ab'), 0, 0x80],
    ['a truncated 3-byte sequence', bytes('x', [0xe2, 0x82], 'y'), 1, 0xe2],
    ['an overlong encoding', bytes('x', [0xc0, 0xaf]), 1, 0xc0],
    ['a UTF-16 surrogate', bytes('x', [0xed, 0xa0, 0x80]), 1, 0xed],
    ['a code point above U+10FFFF', bytes('x', [0xf4, 0x90, 0x80, 0x80]), 1, 0xf4],
    ['a truncated sequence at the end of the input', bytes('ab', [0xc3]), 2, 0xc3],
  ])('%s: InvalidText with the offset and byte', (_name, data, offset, byte) => {
    const error = invalidText(() => new InputDecoder(undefined, 'leads.csv').decode(data, true));
    expect({ offset: error.offset, byte: error.byte }).toEqual({ offset, byte });
    expect(Buffer.from(error.validPrefix)).toEqual(data.subarray(0, offset));
  });

  test.each([
    [undefined, true],
    ['utf-8', false],
  ])('errorAt (encoding %p): INPUT_ENCODING at the line and column; windows-1252 hint %p', (encoding, hint) => {
    const decoder = new InputDecoder(encoding, 'leads.csv');
    const invalid = invalidText(() => decoder.decode(bytes('a', [0xff]), true));
    const error = decoder.errorAt(invalid, 7, 3);
    expect(error.code).toBe('INPUT_ENCODING');
    expect([error.file, error.line, error.col]).toEqual(['leads.csv', 7, 3]);
    expect(error.message).toMatch(/0xFF/);
    if (hint) expect(error.hint).toMatch(/windows-1252/);
    else expect(error.hint).toBeUndefined();
  });
});

describe('firstInvalidUtf8', () => {
  test.each([
    ['all valid', bytes('ab€😀'), -1],
    // blocks are whole: a character cut off at the end of one is invalid
    ['cut by the end of the bytes', bytes('a', [0xe2, 0x82]), 1],
    ['0xFF', bytes('ab', [0xff]), 2],
    ['0xF5', bytes([0xf5, 0x80, 0x80, 0x80]), 0],
    ['lead byte, then ASCII', bytes([0xc3, 0x28]), 0],
    ['overlong 3-byte', bytes([0xe0, 0x80, 0x80]), 0],
  ])('%s', (_name, data, expected) => {
    expect(firstInvalidUtf8(data)).toBe(expected);
  });
});
