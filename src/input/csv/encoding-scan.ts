/**
 * Is an input UTF-8, and if not, which 8-bit encoding does it fit? `leadq inspect` asks before it
 * reads a record, so that a Windows-1252 export is described rather than stopped at its first
 * accented letter. A file is checked whole (natively, chunk by chunk: a fraction of a second for
 * a million rows), because one accented name on row 500,000 is what fails a nightly run;
 * standard input only as far as its first bytes.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { LeadqError } from '../../model/errors.js';
import { firstInvalidUtf8 } from './decode.js';
import { EightBitStats, type EncodingGuess } from './guess-encoding.js';

export interface EncodingScan {
  /** the byte-order mark the input starts with; then nothing else was checked */
  bom: 'utf-8' | 'utf-16le' | 'utf-16be' | null;
  /** the bytes checked are valid UTF-8 */
  utf8: boolean;
  /** where UTF-8 first fails: the byte and its line */
  firstInvalid?: { line: number; byte: number };
  /** the 8-bit encoding the bytes fit, when they are not UTF-8 */
  guess?: EncodingGuess;
  /** all of the input was checked (a file), or only its first bytes (standard input) */
  complete: boolean;
}

/** After the first invalid byte, this much more is looked at for the 8-bit verdict. */
const STATS_BYTES = 4 << 20;
const CHUNK = 1 << 20;

/** Checks chunks in order; `push` says whether more are wanted. */
export class EncodingScanner {
  private carry: Buffer = Buffer.alloc(0);
  private first = true;
  private bom: EncodingScan['bom'] = null;
  private lines = 1;
  private invalid: { line: number; byte: number } | undefined;
  private readonly stats = new EightBitStats();
  private statsBytes = 0;

  push(chunk: Buffer): boolean {
    if (this.first) {
      this.first = false;
      this.bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 'utf-8'
        : chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : null;
      if (this.bom !== null) return false;
    }
    if (this.invalid) return this.collect(chunk);
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    // a character cut by the chunk's end is checked with the next chunk
    const whole = completeLength(bytes);
    const body = bytes.subarray(0, whole);
    this.carry = Buffer.from(bytes.subarray(whole));
    if (isUtf8(body)) {
      this.lines += countLines(body, body.length);
      return true;
    }
    const at = Math.max(0, firstInvalidUtf8(body));
    this.invalid = { line: this.lines + countLines(body, at), byte: body[at] };
    return this.collect(body);
  }

  /** The input ended: bytes of a character it cut off are invalid too. */
  result(complete: boolean): EncodingScan {
    if (!this.invalid && this.carry.length > 0 && complete) {
      this.invalid = { line: this.lines, byte: this.carry[0] };
      this.collect(this.carry);
    }
    if (!this.invalid) return { bom: this.bom, utf8: true, complete };
    return { bom: this.bom, utf8: false, firstInvalid: this.invalid, guess: this.stats.result(), complete };
  }

  private collect(chunk: Buffer): boolean {
    if (!isAscii(chunk)) this.stats.add(chunk);
    this.statsBytes += chunk.length;
    return this.statsBytes < STATS_BYTES;
  }
}

/** Scans a file from its start until the verdict is certain (all of it when it is UTF-8). */
export async function scanFileEncoding(path: string, name: string): Promise<EncodingScan> {
  const scanner = new EncodingScanner();
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw readError(error, name);
  }
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) return scanner.result(true);
      if (!scanner.push(buf.subarray(0, bytesRead))) return scanner.result(false);
    }
  } catch (error) {
    throw error instanceof LeadqError ? error : readError(error, name);
  } finally {
    await handle.close();
  }
}

/** An error opening or reading the input, worded as the CSV reader words it. */
export function readError(error: unknown, name: string): LeadqError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
  return new LeadqError('INPUT_READ', `cannot read the input: ${reason}`, { file: name });
}

/** Bytes up to the start of a multi-byte character the buffer's end cuts off. */
function completeLength(b: Buffer): number {
  for (let back = 1; back <= 3 && back <= b.length; back++) {
    const c = b[b.length - back];
    if (c < 0x80) return b.length;
    if (c >= 0xc0) {
      const len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return len > back ? b.length - back : b.length;
    }
  }
  return b.length;
}

/** Line breaks in b[0, end): \n, or \r in text that has no \n. */
function countLines(b: Buffer, end: number): number {
  let n = 0;
  for (let i = b.indexOf(10); i >= 0 && i < end; i = b.indexOf(10, i + 1)) n++;
  if (n > 0) return n;
  for (let i = b.indexOf(13); i >= 0 && i < end; i = b.indexOf(13, i + 1)) n++;
  return n;
}
