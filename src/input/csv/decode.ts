/**
 * Bytes → text for inputs that are not UTF-8 (UTF-8 blocks are checked and decoded whole, see
 * decode-block.ts). A byte-order mark decides UTF-16LE / UTF-16BE; otherwise `--encoding`.
 * Characters split across read chunks decode correctly (streaming), and invalid bytes are an
 * error, never a silent U+FFFD.
 */
import { LeadqError } from '../../model/errors.js';

const WINDOWS_1252_LABELS = new Set(['windows-1252', 'cp1252', 'win1252', 'latin1', 'latin-1', 'iso-8859-1', 'iso8859-1', 'l1', 'ascii', 'us-ascii']);

/**
 * Windows-1252's 0x80–0x9F, which Node 20.18.3+ decodes as C1 controls (nodejs/node#60888): the
 * bytes are read as Latin-1 and these 32 mapped here. Unassigned bytes stay as they are.
 */
export const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export class InputDecoder {
  private decoder: TextDecoder | undefined;
  private readonly windows1252: boolean;
  private held: Buffer | undefined;
  encoding: string;

  constructor(private readonly requested: string | undefined, private readonly file: string) {
    this.encoding = requested?.toLowerCase() ?? 'utf-8';
    this.windows1252 = WINDOWS_1252_LABELS.has(this.encoding);
    if (requested && !this.windows1252) {
      try { this.decoder = new TextDecoder(requested, { fatal: true }); }
      catch { throw new LeadqError('USAGE', `unknown encoding "${requested}"; try utf-8, utf-16le, utf-16be or windows-1252`); }
    }
  }

  /** Decodes a chunk; throws `InvalidText` when the bytes are not valid in the encoding. */
  decode(bytes: Uint8Array, final: boolean): string {
    if (this.windows1252) {
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
        .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
    }
    if (!this.decoder) {
      // a byte-order mark needs two bytes; a first read of one byte waits for the next
      if (this.held) { bytes = Buffer.concat([this.held, bytes]); this.held = undefined; }
      if (bytes.length < 2 && !final) { this.held = Buffer.from(bytes); return ''; }
      this.decoder = this.detect(bytes);
    }
    try {
      return this.decoder.decode(bytes, { stream: !final });
    } catch {
      const offset = firstInvalidUtf8(bytes);
      throw new InvalidText(Math.max(0, offset), bytes[Math.max(0, offset)] ?? 0, bytes.subarray(0, Math.max(0, offset)));
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
    return new LeadqError('INPUT_ENCODING', `invalid ${this.encoding.toUpperCase()}: byte 0x${hex}`, {
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

/**
 * Offset of the first byte that does not belong to a valid UTF-8 sequence, or -1 when all are
 * valid. A sequence cut off by the end of `b` counts as invalid (callers pass whole blocks).
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    }
    const cp = need === 2 ? ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) : need === 3 ? ((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) : 0x80;
    if ((need === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (need === 3 && (cp < 0x10000 || cp > 0x10ffff))) return i;
    i += need + 1;
  }
  return -1;
}
