/**
 * Opens one CSV input (a file, or `-` for stdin) and streams it as blocks of UTF-8 bytes that end
 * at a line break, ready to be scored in parallel. The header is read first, so the ruleset can be
 * compiled before any row is scored. Memory is bounded by the block size.
 *
 * A block is cut after its last line break without looking at quotes: a cut inside a quoted
 * field is found by the block's parser (it ends with an unfinished record) and the pipeline then
 * rescores the next block with that text in front. Cheap for the main thread, exact for the data.
 */
import { ownBuffer } from './buffer-pool.js';
import { openSource, type ByteSource } from './byte-source.js';
import { readHeaderRecord } from './read-header.js';
import { Utf8Chunks } from './utf8-chunks.js';
import { InputDecoder } from './decode.js';
import { findTitleLines } from '../profile/title-lines.js';

export interface BlockInputOptions {
  encoding?: string;
  delimiter?: string;
  maxRecordSize: number;
  /** bytes per block (default 256 KiB) */
  blockSize?: number;
  /** lines above the header to skip (report titles) */
  skipLines?: number;
  /** the bytes, already opened (standard input whose first bytes were looked at); else `path` is opened */
  source?: ByteSource;
}

export interface BlockInput {
  name: string;
  header: string[];
  delimiter: string;
  encoding: string;
  /** line number of the first line after the header */
  firstDataLine: number;
  /**
   * When the header read is not the one `leadq inspect` finds (a report's title lines above the
   * real header, not or not all skipped): the `--skip-lines` that reaches the real one, for the
   * hints of a run that fails on it. Undefined when the header read is the one found, or none is.
   */
  realHeaderSkip(): number | undefined;
  /** the data as UTF-8 blocks in order; `final` marks the last */
  blocks(): AsyncGenerator<{ bytes: Buffer; final: boolean }>;
  /** bytes read from the source so far, as they were (before any transcoding): for progress */
  readonly bytesRead: number;
  close(): Promise<void>;
}

const LF = 10;
const CR = 13;

export async function openBlockInput(path: string, options: BlockInputOptions): Promise<BlockInput> {
  const name = path === '-' ? 'stdin' : path;
  // 256 KiB: large enough that per-block costs vanish, small enough that blocks in flight stay a few MB
  const blockSize = options.blockSize ?? 1 << 18;
  const opened = options.source ?? await openSource(path, name, readSizeFor(blockSize));
  // counted where the bytes come in: progress shows how far through the file a run is
  let bytesRead = 0;
  const source: ByteSource = {
    read: async () => { const b = await opened.read(); if (b) bytesRead += b.length; return b; },
    ...(opened.readInto ? { readInto: async (buf: Buffer, offset: number, length: number) => { const n = await opened.readInto!(buf, offset, length); bytesRead += n; return n; } } : {}),
    close: () => opened.close(),
  };
  try {
    const chunks = new Utf8Chunks(source, name, options.encoding);
    const head = await readHeaderRecord(() => chunks.next(), name, options);
    // a copy: the bytes read may go on to be a block, moved to a worker thread
    const start = Buffer.from(head.read.subarray(0, TITLE_HEAD));
    return {
      name, header: head.fields, delimiter: head.delimiter, encoding: chunks.encoding, firstDataLine: head.nextLine,
      realHeaderSkip: () => realHeaderSkip(start, head.line, options),
      blocks: () => cutBlocks(chunks, head.rest, head.ended, blockSize, options.maxRecordSize),
      get bytesRead() { return bytesRead; },
      close: () => source.close(),
    };
  } catch (error) {
    await source.close();
    throw error;
  }
}

/** The first bytes in which title lines are looked for: `leadq inspect` looks in as many. */
export const TITLE_HEAD = 1 << 16;

/** The lines to skip to the header the title-line search finds, when it is not the one at `headerLine`. */
function realHeaderSkip(start: Buffer, headerLine: number, options: BlockInputOptions): number | undefined {
  let text: string;
  try {
    text = new InputDecoder(undefined, 'head').decode(start, false);
  } catch {
    return undefined; // the block reader names the bytes that do not decode, with their line
  }
  const found = findTitleLines(text, options.delimiter, options.maxRecordSize);
  return found !== null && found.skip + 1 !== headerLine ? found.skip : undefined;
}

/** The least a read asks for, however much is carried over (a record larger than a block). */
const MIN_READ = 1 << 16;

/** Reads stay large even for tiny test block sizes; blocks are then cut from them. */
function readSizeFor(blockSize: number): number {
  return Math.max(blockSize, MIN_READ);
}

/**
 * The data after the header (`start`, then the rest of `chunks`) in blocks cut at line ends.
 * Each block owns its memory (it is moved to a worker thread, not copied): a file is read
 * straight into a fresh buffer behind the previous block's tail, and only the tail is copied.
 */
async function* cutBlocks(chunks: Utf8Chunks, start: Buffer, ended: boolean, blockSize: number, maxRecordSize: number): AsyncGenerator<{ bytes: Buffer; final: boolean }> {
  const readSize = readSizeFor(blockSize);
  let carry = start;
  while (!ended) {
    if (chunks.direct) {
      // read what fills the block: the block then ends near the read's end, and what is carried
      // to the next is less than a record (reading a whole block's worth behind the carried
      // part left more behind every time, which was copied, and allocated, for every block)
      const want = Math.max(readSize - carry.length, MIN_READ);
      const buf = ownBuffer(carry.length + want);
      carry.copy(buf, 0);
      const n = await chunks.readInto(buf, carry.length, want);
      if (n === 0) { carry = buf.subarray(0, carry.length); break; }
      carry = buf.subarray(0, carry.length + n);
    } else {
      const chunk = await chunks.next();
      if (chunk === null) break;
      carry = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    }
    // a read may hold several blocks' worth (small --block-size): cut each at a line end
    while (carry.length >= blockSize) {
      let cut = lineEndNear(carry, blockSize);
      // no line break in a whole record's worth: hand it over, the parser reports the record as too large
      if (cut < 0 && carry.length > maxRecordSize * 4) cut = carry.length;
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
