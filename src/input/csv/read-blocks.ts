/**
 * Opens one CSV input (a file, or `-` for stdin) and streams it as blocks of UTF-8 bytes that end
 * at a line break, ready to be scored in parallel. The header is read first, so the ruleset can be
 * compiled before any row is scored. Memory is bounded by the block size.
 *
 * A block is cut after its last line break without looking at quotes: a cut inside a quoted
 * field is found by the block's parser (it ends with an unfinished record) and the pipeline then
 * rescores the next block with that text in front. Cheap for the main thread, exact for the data.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { LeadqError } from '../../model/errors.js';
import { ownBuffer } from './buffer-pool.js';
import { CsvParser } from './csv-parser.js';
import { InputDecoder, InvalidText } from './decode.js';
import { locateIn } from './locate.js';
import { sniffDelimiter } from './sniff.js';

export interface BlockInputOptions {
  encoding?: string;
  delimiter?: string;
  maxRecordSize: number;
  /** bytes per block (default 256 KiB) */
  blockSize?: number;
  /** lines above the header to skip (report titles) */
  skipLines?: number;
}

export interface BlockInput {
  name: string;
  header: string[];
  delimiter: string;
  encoding: string;
  /** line number of the first line after the header */
  firstDataLine: number;
  /** the data as UTF-8 blocks in order; `final` marks the last */
  blocks(): AsyncGenerator<{ bytes: Buffer; final: boolean }>;
  close(): Promise<void>;
}

const LF = 10;
const CR = 13;
const BOM_UTF8 = [0xef, 0xbb, 0xbf];

export async function openBlockInput(path: string, options: BlockInputOptions): Promise<BlockInput> {
  const name = path === '-' ? 'stdin' : path;
  // 256 KiB: large enough that per-block costs vanish, small enough that blocks in flight stay a few MB
  const blockSize = options.blockSize ?? 1 << 18;
  const source = await openSource(path, name, readSizeFor(blockSize));
  try {
    return await readHead(source, name, blockSize, options);
  } catch (error) {
    await source.close();
    throw error;
  }
}

/** The least a read asks for, however much is carried over (a record larger than a block). */
const MIN_READ = 1 << 16;

/** Reads stay large even for tiny test block sizes; blocks are then cut from them. */
function readSizeFor(blockSize: number): number {
  return Math.max(blockSize, MIN_READ);
}

async function readHead(source: ByteSource, name: string, blockSize: number, options: BlockInputOptions): Promise<BlockInput> {
  const readSize = readSizeFor(blockSize);
  const decoder = new InputDecoder(options.encoding, name);
  let transcode: boolean | undefined;

  /** The first bytes, enough to recognise a byte-order mark even when reads are tiny. */
  const firstBytes = async (): Promise<Buffer | null> => {
    let head = await source.read();
    while (head !== null && head.length < 4) {
      const more = await source.read();
      if (more === null) break;
      head = Buffer.concat([head, more]);
    }
    return head;
  };

  /** The next chunk as UTF-8 bytes (transcoded when the input is in another encoding). */
  const nextChunk = async (): Promise<Buffer | null> => {
    const raw = transcode === undefined ? await firstBytes() : await source.read();
    if (transcode === undefined) {
      if (raw === null) return null;
      refuseBinary(raw, name);
      transcode = detectTranscode(raw, options.encoding);
      if (!transcode) { decoder.encoding = 'utf-8'; return startsWith(raw, BOM_UTF8) ? raw.subarray(3) : raw; }
    }
    if (!transcode) return raw;
    try {
      const text = decoder.decode(raw ?? new Uint8Array(0), raw === null);
      return raw === null && text === '' ? null : Buffer.from(text, 'utf8');
    } catch (error) {
      if (error instanceof InvalidText) throw new LeadqError('INPUT_ENCODING', `the input is not valid ${decoder.encoding}`, { file: name });
      throw error;
    }
  };

  // Read until the header record is complete.
  let pending: Buffer = Buffer.alloc(0);
  let ended = false;
  let header: { fields: string[]; end: number; nextLine: number; delimiter: string } | undefined;
  while (!header) {
    const chunk = ended ? null : await nextChunk();
    if (chunk === null) ended = true;
    else pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    header = readHeader(pending, ended, name, options);
    if (!header && ended) throw new LeadqError('INPUT_EMPTY', 'the input is empty; expected a header line and rows', { file: name });
    // no line break yet: bounded like any record (and each retry decodes all of it again)
    if (!header && pending.length > options.maxRecordSize * 4) {
      throw new LeadqError('INPUT_CSV', `the header line is larger than ${options.maxRecordSize} characters (--max-record-size)`, {
        file: name, line: 1, hint: 'a header line must end with a line break; an unclosed quote in it swallows the rest of the file',
      });
    }
  }
  const { fields, nextLine, delimiter } = header;
  pending = pending.subarray(header.end);

  /**
   * Each block owns its memory (it is moved to a worker thread, not copied): a file is read
   * straight into a fresh buffer behind the previous block's tail, and only the tail is copied.
   */
  async function* blocks(): AsyncGenerator<{ bytes: Buffer; final: boolean }> {
    let carry = pending;
    while (!ended) {
      let chunk: Buffer | null;
      if (source.readInto && !transcode) {
        // read what fills the block: the block then ends near the read's end, and what is carried
        // to the next is less than a record (reading a whole block's worth behind the carried
        // part left more behind every time, which was copied, and allocated, for every block)
        const want = Math.max(readSize - carry.length, MIN_READ);
        const buf = ownBuffer(carry.length + want);
        carry.copy(buf, 0);
        const n = await source.readInto(buf, carry.length, want);
        if (n === 0) { ended = true; carry = buf.subarray(0, carry.length); break; }
        carry = buf.subarray(0, carry.length + n);
        chunk = carry;
      } else {
        chunk = await nextChunk();
        if (chunk === null) { ended = true; break; }
        carry = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      }
      // a read may hold several blocks' worth (small --block-size): cut each at a line end
      while (carry.length >= blockSize) {
        let cut = lineEndNear(carry, blockSize);
        // no line break in a whole record's worth: hand it over, the parser reports the record as too large
        if (cut < 0 && carry.length > options.maxRecordSize * 4) cut = carry.length;
        if (cut <= 0) break;
        // the last block of a read takes the read's buffer; earlier ones (small blocks) get copies
        const rest = carry.length - cut;
        const whole = rest < blockSize || lineEndNear(carry.subarray(cut), blockSize) < 0;
        if (whole) {
          const tail = Buffer.from(carry.subarray(cut));
          yield { bytes: carry.subarray(0, cut), final: false };
          carry = tail;
          break;
        }
        yield { bytes: ownCopy(carry.subarray(0, cut)), final: false };
        carry = carry.subarray(cut);
      }
    }
    yield { bytes: ownCopy(carry), final: true };
  }

  return {
    name, header: fields, delimiter, encoding: decoder.encoding, firstDataLine: nextLine, blocks,
    close: () => source.close(),
  };
}

/** UTF-8 input is passed through as bytes; anything else is decoded and re-encoded as UTF-8. */
function detectTranscode(first: Buffer, requested: string | undefined): boolean {
  if ((first[0] === 0xff && first[1] === 0xfe) || (first[0] === 0xfe && first[1] === 0xff)) return true;
  if (startsWith(first, BOM_UTF8)) return false;
  return requested !== undefined && !/^utf-?8$/i.test(requested);
}

function startsWith(b: Uint8Array, prefix: number[]): boolean {
  return prefix.every((p, i) => b[i] === p);
}

/**
 * Position just after the last \n within the first `size` bytes, else the first one after them;
 * in a file without \n the same with \r (never the final byte: a \n may follow it). -1 if none.
 */
function lineEndNear(b: Buffer, size: number): number {
  const within = Math.min(size, b.length) - 1;
  let at = b.lastIndexOf(LF, within);
  if (at < 0) at = b.indexOf(LF, within + 1);
  if (at >= 0) return at + 1;
  at = b.lastIndexOf(CR, Math.min(within, b.length - 2));
  if (at < 0) { at = b.indexOf(CR, within + 1); if (at === b.length - 1) at = -1; }
  return at >= 0 ? at + 1 : -1;
}

/** A block goes to a worker by transfer, so it must own its memory (not a slice of a pooled buffer). */
function ownCopy(b: Buffer): Buffer {
  const out = Buffer.allocUnsafeSlow(b.length);
  b.copy(out);
  return out;
}

/** Parses the header record from the start of the input, or undefined when it is not complete yet. */
function readHeader(bytes: Buffer, ended: boolean, name: string, options: BlockInputOptions) {
  let text: string;
  const decoder = new InputDecoder(undefined, name);
  try {
    text = decoder.decode(bytes, ended);
  } catch (error) {
    if (!(error instanceof InvalidText)) throw error;
    const where = locateIn(new TextDecoder().decode(error.validPrefix), 1);
    throw decoder.errorAt(error, where.line, where.col);
  }
  // title rows above the header (--skip-lines): plain lines, skipped whole
  const skip = options.skipLines ?? 0;
  let offset = 0;
  for (let skipped = 0; skipped < skip; skipped++) {
    const next = afterLineBreak(text, offset);
    if (next < 0) {
      if (!ended) return undefined;
      throw new LeadqError('INPUT_EMPTY', `the input has fewer than ${skip} lines to skip (--skip-lines) and no header after them`, { file: name });
    }
    offset = next;
  }
  const skippedBytes = Buffer.byteLength(text.slice(0, offset), 'utf8');
  text = text.slice(offset);
  const end = headerEnd(text);
  if (end < 0 && !ended) return undefined;
  const headerText = end < 0 ? text : text.slice(0, end);
  if (headerText.trim() === '') return undefined;
  refuseNul(headerText, name);
  const firstLineText = headerText.replace(/^[\r\n]+/, '');
  const delimiter = options.delimiter ?? sniffDelimiter(firstLineText);
  const parser = new CsvParser({ delimiter, maxRecordSize: options.maxRecordSize, file: name, firstLine: skip + 1 });
  const records: string[][] = [];
  parser.push(headerText, (f) => records.push(f));
  parser.end((f) => records.push(f));
  const fields = records[0];
  if (!fields || (fields.length === 1 && fields[0].trim() === '')) throw new LeadqError('INPUT_EMPTY', 'the header line is empty', { file: name });
  return { fields, end: skippedBytes + Buffer.byteLength(headerText, 'utf8'), nextLine: parser.nextLine, delimiter };
}

/** Index just after the line break at or after `from` (\r\n counts once), or -1. */
function afterLineBreak(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) return i + 1;
    if (c === CR) return i + 1 === text.length ? -1 : text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
  }
  return -1;
}

/**
 * Files that are not CSV text at all, recognised by their first bytes: a spreadsheet saved as
 * .xlsx (a ZIP archive), an old .xls, a compressed or PDF export. Without this they fail later
 * as "invalid UTF-8", which sends people looking for the wrong fix.
 */
const BINARY_FORMATS: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (an Excel .xlsx or .ods workbook?)'],
  [[0x50, 0x4b, 0x05, 0x06], 'an empty ZIP archive'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'an old Excel .xls workbook'],
  [[0x1f, 0x8b], 'a gzip-compressed file'],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
];

function refuseBinary(first: Buffer, name: string): void {
  const kind = BINARY_FORMATS.find(([magic]) => startsWith(first, magic));
  if (!kind) return;
  throw new LeadqError('INPUT_NOT_CSV', `the input is ${kind[1]}, not CSV text`, {
    file: name, hint: 'export or save the sheet as CSV (in Excel: File › Save As › CSV UTF-8)',
  });
}

/**
 * A NUL character in the header: text in UTF-16 without a byte-order mark (every other byte is
 * 0 for Latin letters), or not text at all. Either way nothing after it can be trusted.
 * (NUL bytes in data rows reject those rows; see run/block-scorer.ts.)
 */
function refuseNul(headerText: string, name: string): void {
  const at = headerText.indexOf('\0');
  if (at < 0) return;
  const { line, col } = locateIn(headerText.slice(0, at), 1);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < headerText.length; i++) if (headerText.charCodeAt(i) === 0) { if (i % 2 === 0) even++; else odd++; }
  if (even + odd >= headerText.length / 3) {
    const endian = odd > even ? 'utf-16le' : 'utf-16be';
    throw new LeadqError('INPUT_ENCODING', 'the header holds NUL characters: the file looks like UTF-16 without a byte-order mark', {
      file: name, line, col, hint: `pass --encoding ${endian}, or save the file as CSV UTF-8`,
    });
  }
  throw new LeadqError('INPUT_NOT_CSV', 'the header holds a NUL character: the file is binary, not CSV text', { file: name, line, col });
}

/** Index just after the header record's line break (leading blank lines skipped), or -1. */
function headerEnd(text: string): number {
  let quoted = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) { quoted = !quoted; started = true; }
    else if (!quoted && (c === LF || c === CR)) {
      if (!started) continue;
      if (c === CR) return i + 1 === text.length ? -1 : text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      return i + 1;
    } else started = true;
  }
  return -1;
}

interface ByteSource {
  read(): Promise<Buffer | null>;
  /** files only: reads up to `length` bytes into `buf` at `offset`; 0 at the end */
  readInto?(buf: Buffer, offset: number, length: number): Promise<number>;
  close(): Promise<void>;
}

async function openSource(path: string, name: string, chunkSize: number): Promise<ByteSource> {
  if (path === '-') {
    const chunks = process.stdin[Symbol.asyncIterator]();
    return {
      read: async () => { const next = await chunks.next(); return next.done ? null : (next.value as Buffer); },
      close: async () => {},
    };
  }
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
    if ((await handle.stat()).isDirectory()) { await handle.close(); throw Object.assign(new Error('it is a directory'), { code: 'EISDIR' }); }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new LeadqError('INPUT_READ', `cannot read the input: ${reason}`, { file: name });
  }
  let closed = false;
  return {
    read: async () => {
      if (closed) return null;
      const buf = Buffer.allocUnsafeSlow(chunkSize);
      try {
        const { bytesRead } = await handle.read(buf, 0, chunkSize, null);
        return bytesRead === 0 ? null : buf.subarray(0, bytesRead);
      } catch (error) {
        throw new LeadqError('INPUT_READ', `cannot read the input: ${(error as Error).message}`, { file: name });
      }
    },
    readInto: async (buf: Buffer, offset: number, length: number) => {
      if (closed) return 0;
      try {
        return (await handle.read(buf, offset, length, null)).bytesRead;
      } catch (error) {
        throw new LeadqError('INPUT_READ', `cannot read the input: ${(error as Error).message}`, { file: name });
      }
    },
    close: async () => { if (!closed) { closed = true; await handle.close(); } },
  };
}
