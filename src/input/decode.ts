/**
 * Bytes → text for one input. A byte-order mark decides UTF-8 / UTF-16LE / UTF-16BE; otherwise
 * `--encoding` or strict UTF-8. Invalid UTF-8 is an error that names where it is, never a
 * silent U+FFFD. Characters split across read chunks decode correctly (streaming TextDecoder).
 */
import { LeadqError } from '../errors.js';

export interface DecodeError {
  /** byte offset of the first invalid byte within the chunk */
  offset: number;
  byte: number;
}

export class InputDecoder {
  private decoder: TextDecoder | undefined;
  encoding: string;

  constructor(private readonly requested: string | undefined, private readonly file: string) {
    this.encoding = requested ?? 'utf-8';
    if (requested) {
      try { this.decoder = new TextDecoder(requested, { fatal: true }); }
      catch { throw new LeadqError('USAGE', `unknown encoding "${requested}"; try utf-8, utf-16le, utf-16be, windows-1252 or latin1`); }
    }
  }

  /** Decodes a chunk. Throws `InvalidText` with the position when the bytes are not valid. */
  decode(bytes: Uint8Array, final: boolean): string {
    if (!this.decoder) this.decoder = this.detect(bytes);
    try {
      return this.decoder.decode(bytes, { stream: !final });
    } catch {
      const offset = firstInvalidUtf8(bytes);
      throw new InvalidText(offset, bytes[Math.max(0, offset)] ?? 0, bytes.subarray(0, Math.max(0, offset)));
    }
  }

  private detect(bytes: Uint8Array): TextDecoder {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) this.encoding = 'utf-16le';
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) this.encoding = 'utf-16be';
    else this.encoding = 'utf-8';
    return new TextDecoder(this.encoding, { fatal: true });
  }

  /** The error to report, once the caller knows the line the bad bytes are on. */
  errorAt(err: InvalidText, line: number, col: number): LeadqError {
    const hex = err.byte.toString(16).toUpperCase().padStart(2, '0');
    return new LeadqError('INPUT_ENCODING', `invalid ${this.encoding.toUpperCase()}: byte 0x${hex} at line ${line}, character ${col}`, {
      file: this.file, line, col,
      hint: this.requested ? undefined : 'if the file comes from Excel or an older CRM, pass --encoding windows-1252',
    });
  }
}

export class InvalidText extends Error {
  constructor(readonly offset: number, readonly byte: number, readonly validPrefix: Uint8Array) {
    super('invalid text');
  }
}

/** Offset of the first byte that does not belong to a valid UTF-8 sequence; -1 if all valid. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  // continuation bytes at the very start finish a character begun in the previous chunk
  while (i < 3 && i < b.length && (b[i] & 0xc0) === 0x80) i++;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= b.length) return -1; // cut by the chunk end: the decoder waits for more
      if ((b[i + k] & 0xc0) !== 0x80) return i;
    }
    const cp = need === 2 ? ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) : need === 3 ? ((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) : 0x80;
    if ((need === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (need === 3 && (cp < 0x10000 || cp > 0x10ffff))) return i;
    i += need + 1;
  }
  return b.length > 0 ? b.length - 1 : 0;
}
