/**
 * Which 8-bit encoding bytes that are not UTF-8 fit, and how sure: Windows-1252 when bytes
 * 0x80–0x9F read as its letters and quotes, ISO-8859-1 when there are none; the share of
 * non-ASCII bytes that make sense where they stand, lowered by UTF-8 mixed in and by other
 * encodings' letters (Mac Roman, DOS). And the scan that finds the first invalid UTF-8 byte of a
 * file, chunk edges included.
 */
import { describe, expect, test } from '@jest/globals';
import { guessEightBit } from '../../src/input/csv/guess-encoding.js';
import { EncodingScanner } from '../../src/input/csv/encoding-scan.js';

const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Windows-1252 bytes of text. */
function cp1252(text: string): Buffer {
  return Buffer.from([...text].map((c) => {
    const code = c.charCodeAt(0);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
    const at = CP1252_HIGH.indexOf(c);
    if (at < 0) throw new Error(`no Windows-1252 byte for ${c}`);
    return 0x80 + at;
  }));
}

const latin1 = (text: string) => Buffer.from(text, 'latin1');

const NAMES = 'Müller,Zürich,Weiß,Núñez,Øresund,Björn,Françoise,São Paulo,Åsa,Gómez,Ærø';

describe('guessEightBit', () => {
  // 20 non-ASCII bytes at least: a handful fit too many encodings to be sure
  test.each<[string, Buffer, { encoding: string; certainty: string }]>([
    ['Latin-1 letters only', latin1('Müller,Zürich,Weiß,Núñez,Ørsted,Björn,Françoise,São,Åsa,Gómez,Ærø,Ñandú,Ibáñez,Jürgen,'.repeat(2)), { encoding: 'iso-8859-1', certainty: 'sure' }],
    ['Windows-1252 quotes and dashes', cp1252('O’Neil said “yes” – for €5… Müller, Zürich, Weiß, Núñez, Gómez, Ibáñez, Jürgen, Björn '.repeat(2)), { encoding: 'windows-1252', certainty: 'sure' }],
    ['Windows-1252 letters of the C1 range', cp1252('Šimon Œuvre Žofia šnúra œil žena Ÿvonne Müller Zürich Weiß Núñez Gómez Ibáñez Jürgen '.repeat(2)), { encoding: 'windows-1252', certainty: 'sure' }],
    ['a single accented letter: too little to be sure', latin1('Café'), { encoding: 'iso-8859-1', certainty: 'likely' }],
  ])('%s', (_name, bytes, expected) => {
    expect(guessEightBit(bytes)).toMatchObject(expected);
  });

  test('a file that is mostly UTF-8 with a stray 8-bit byte: unsure, the UTF-8 characters counted', () => {
    const bytes = Buffer.concat([Buffer.from(NAMES, 'utf8'), latin1(',Café')]);
    const guess = guessEightBit(bytes);
    expect(guess.certainty).toBe('unsure');
    expect(guess.utf8Sequences).toBeGreaterThan(guess.nonAscii / 2);
  });

  test('UTF-8 cut inside a character (a € without its last byte): unsure, counted as UTF-8', () => {
    const guess = guessEightBit(Buffer.from([0x61, 0x2c, 0xe2, 0x82]));
    expect(guess).toMatchObject({ certainty: 'unsure', utf8Sequences: 2, share: 0 });
  });

  test('Mac Roman (ü is 0x9F, Ÿ in Windows-1252, a capital inside a word): not sure', () => {
    // Müller, Zürich, Jürgen, Björn in Mac Roman: ü 0x9F, ö 0x9A
    const mac = Buffer.from('M\x9fller,Z\x9frich,J\x9frgen,Bj\x9arn,K\x9fhn,Sch\x9fler,M\x9fnchen,W\x9frzburg', 'latin1');
    const guess = guessEightBit(mac);
    expect(guess.certainty).not.toBe('sure');
    expect(guess.share).toBeLessThan(0.7);
  });

  test('DOS code page 850 (é is 0x82, a low quote glued to a word; ü 0x81, unassigned): unsure', () => {
    const dos = Buffer.from('Caf\x82,M\x81ller,Z\x81rich,J\x81rgen,K\x81hn,Ren\x82e,Andr\x82,Cl\x82ment', 'latin1');
    expect(guessEightBit(dos).certainty).toBe('unsure');
  });

  test('the share is of the non-ASCII bytes only', () => {
    expect(guessEightBit(latin1(`${'x'.repeat(10_000)}é`)).nonAscii).toBe(1);
  });
});

describe('EncodingScanner', () => {
  const scan = (chunks: Buffer[]) => {
    const s = new EncodingScanner();
    for (const c of chunks) if (!s.push(c)) break;
    return s.result(true);
  };

  test('valid UTF-8 split anywhere, even inside a character: UTF-8', () => {
    const bytes = Buffer.from(`id,name\n1,${NAMES}\n2,日本語 🎉\n`, 'utf8');
    for (let at = 1; at < bytes.length; at++) {
      expect([at, scan([bytes.subarray(0, at), bytes.subarray(at)]).utf8]).toEqual([at, true]);
    }
  });

  test('the first invalid byte and its line; then the verdict', () => {
    const bytes = Buffer.concat([Buffer.from('id,name\n1,Ann\n2,Bo\n', 'utf8'), cp1252('3,O’Neil\n4,Müller\n')]);
    const result = scan([bytes.subarray(0, 25), bytes.subarray(25)]);
    expect(result).toMatchObject({ utf8: false, bom: null, firstInvalid: { line: 4, byte: 0x92 }, guess: { encoding: 'windows-1252' } });
  });

  test('a character cut off by the end of the input is invalid', () => {
    expect(scan([Buffer.from([0x61, 0x0a, 0xc3])])).toMatchObject({ utf8: false, firstInvalid: { line: 2, byte: 0xc3 } });
  });

  test.each<[string, number[], string]>([
    ['UTF-8', [0xef, 0xbb, 0xbf, 0x61], 'utf-8'],
    ['UTF-16LE', [0xff, 0xfe, 0x61, 0x00], 'utf-16le'],
    ['UTF-16BE', [0xfe, 0xff, 0x00, 0x61], 'utf-16be'],
  ])('a %s byte-order mark decides, nothing more is read', (_name, bytes, bom) => {
    const s = new EncodingScanner();
    expect(s.push(Buffer.from(bytes))).toBe(false);
    expect(s.result(false)).toMatchObject({ bom, utf8: true });
  });
});
