/**
 * Output encodings other than plain UTF-8, applied where bytes leave for a file or standard output
 * (sinks.ts): the row path builds UTF-8 and stays as fast as it is, and only a sink asked for
 * another encoding transcodes what passes through it.
 *
 * - `utf-8-bom`: the bytes as they are, behind EF BB BF (Excel on Windows then reads UTF-8).
 * - `utf-16le`: FF FE, then every character as UTF-16LE.
 * - `windows-1252`: ASCII passes through; other characters by the Windows-1252 table; a character
 *   the table lacks (an emoji, CJK, Cyrillic) is written as `?` and counted, with the first line it
 *   is on, so the run warns instead of failing a cron job over one lead's name.
 */
import { isAscii } from 'node:buffer';
import { CP1252_HIGH, type OutputEncoding } from '../../model/encodings.js';

export interface Unmappable {
  /** characters written as `?` */
  count: number;
  /** the output line the first one is on (1 = the header line) */
  firstLine: number;
  /** the first one, as it was */
  first: string;
}

export interface OutputEncoder {
  /** bytes that start the output (a byte-order mark), written once before anything else */
  readonly preamble: Uint8Array;
  text(text: string): Uint8Array;
  /** UTF-8 bytes; a character split across two calls is joined */
  bytes(bytes: Uint8Array): Uint8Array;
  /** windows-1252 only: characters it has no byte for */
  readonly unmappable: Unmappable | undefined;
}

/** The encoder for `encoding`, or undefined for plain UTF-8 (nothing to do). */
export function outputEncoder(encoding: OutputEncoding | undefined): OutputEncoder | undefined {
  switch (encoding) {
    case undefined:
    case 'utf-8': return undefined;
    case 'utf-8-bom': return new Utf8Bom();
    case 'utf-16le': return new Utf16le();
    case 'windows-1252': return new Windows1252();
  }
}

class Utf8Bom implements OutputEncoder {
  readonly preamble = Uint8Array.of(0xef, 0xbb, 0xbf);
  readonly unmappable = undefined;
  text(text: string): Uint8Array { return Buffer.from(text, 'utf8'); }
  bytes(bytes: Uint8Array): Uint8Array { return bytes; }
}

class Utf16le implements OutputEncoder {
  readonly preamble = Uint8Array.of(0xff, 0xfe);
  readonly unmappable = undefined;
  private readonly decoder = new TextDecoder('utf-8');
  text(text: string): Uint8Array { return Buffer.from(text, 'utf16le'); }
  bytes(bytes: Uint8Array): Uint8Array { return Buffer.from(this.decoder.decode(bytes, { stream: true }), 'utf16le'); }
}

/** Character → Windows-1252 byte, for the characters outside ASCII and Latin-1's A0–FF. */
const HIGH = new Map<number, number>([...CP1252_HIGH].map((c, i) => [c.charCodeAt(0), 0x80 + i]));

class Windows1252 implements OutputEncoder {
  readonly preamble = new Uint8Array(0);
  unmappable: Unmappable | undefined;
  private readonly decoder = new TextDecoder('utf-8');
  /** line breaks written so far, for the line of the first unmappable character */
  private lines = 0;

  text(text: string): Uint8Array {
    return this.encode(text);
  }

  bytes(bytes: Uint8Array): Uint8Array {
    // the usual case, ASCII only: nothing to map (line breaks are counted only until a first miss)
    if (isAscii(bytes)) {
      if (this.unmappable === undefined) this.lines += countLines(bytes);
      return bytes;
    }
    return this.encode(this.decoder.decode(bytes, { stream: true }));
  }

  private encode(text: string): Uint8Array {
    const out = Buffer.allocUnsafe(text.length);
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) {
        out[n++] = c;
        if (c === 10 && this.unmappable === undefined) this.lines++;
        continue;
      }
      const b = HIGH.get(c);
      if (b !== undefined) { out[n++] = b; continue; }
      // a character outside the table: one `?` per code point (a surrogate pair is one character)
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      const char = pair ? text.slice(i, i + 2) : text[i];
      if (pair) i++;
      out[n++] = 0x3f;
      if (this.unmappable === undefined) this.unmappable = { count: 0, firstLine: this.lines + 1, first: char };
      this.unmappable.count++;
    }
    return out.subarray(0, n);
  }
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) n++;
  return n;
}
