/**
 * The output encoders (output/csv/encode.ts) against decoders of their own: TextDecoder for
 * UTF-16LE, and for Windows-1252 Latin-1 with 0x80–0x9F from the WHATWG index written out here
 * (Node 20.18.3+'s TextDecoder reads those bytes as C1 controls, nodejs/node#60888), with
 * characters split across writes.
 */
import { describe, expect, test } from '@jest/globals';
import { outputEncoder } from '../../src/output/csv/encode.js';

/** Windows-1252 bytes → text: Latin-1, and 0x80–0x9F by the WHATWG index. */
function cp1252(bytes: Uint8Array): string {
  const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
  return [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? high[b - 0x80] : String.fromCharCode(b))).join('');
}
const decode = (encoding: 'utf-16le' | 'windows-1252', bytes: Uint8Array) => (encoding === 'utf-16le' ? new TextDecoder('utf-16le').decode(bytes) : cp1252(bytes));

const TEXT = 'id,name\n1,Müller €5 “quoted” Œuvre\n2,naïve café\n';

function through(encoding: 'utf-8-bom' | 'utf-16le' | 'windows-1252', chunks: Uint8Array[]): Buffer {
  const e = outputEncoder(encoding)!;
  return Buffer.concat([Buffer.from(e.preamble), ...chunks.map((c) => Buffer.from(e.bytes(c)))]);
}

/** UTF-8 bytes cut at every position: a character split across two writes must survive. */
const cuts = (text: string) => {
  const b = Buffer.from(text, 'utf8');
  return Array.from({ length: b.length - 1 }, (_, i) => [b.subarray(0, i + 1), b.subarray(i + 1)]);
};

describe('output encoders', () => {
  test('utf-8 is no encoder at all: the bytes go out as the row path made them', () => {
    expect(outputEncoder('utf-8')).toBeUndefined();
    expect(outputEncoder(undefined)).toBeUndefined();
  });

  test.each(['utf-16le', 'windows-1252'] as const)('%s: decodes back to the text, however the bytes are cut', (encoding) => {
    for (const chunks of cuts(TEXT)) {
      const out = through(encoding, chunks);
      const body = encoding === 'utf-16le' ? out.subarray(2) : out;
      expect(decode(encoding, body)).toBe(TEXT);
    }
  });

  test('utf-8-bom: EF BB BF, then the bytes unchanged', () => {
    const out = through('utf-8-bom', [Buffer.from(TEXT)]);
    expect(out.equals(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]))).toBe(true);
  });

  test('windows-1252: every character of its table round-trips; others are ? and counted with their line', () => {
    const all = cp1252(Uint8Array.from({ length: 256 }, (_, b) => b));
    const e = outputEncoder('windows-1252')!;
    expect(Buffer.from(e.text(all)).equals(Buffer.from(Uint8Array.from({ length: 256 }, (_, b) => b)))).toBe(true);
    expect(e.unmappable).toBeUndefined();
    const f = outputEncoder('windows-1252')!;
    const out = Buffer.concat([f.bytes(Buffer.from('a\nb\n')), f.bytes(Buffer.from('Łódź 😀 x\n→\n'))]);
    expect(out.toString('latin1')).toBe('a\nb\n?\xf3d? ? x\n?\n');
    expect(f.unmappable).toEqual({ count: 4, firstLine: 3, first: 'Ł' });
  });
});
