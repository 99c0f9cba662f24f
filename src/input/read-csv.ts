/**
 * Opens one CSV input (a file or `-` for stdin) and streams it as batches of parsed records:
 * bytes → text (decode.ts) → records (csv-parser.ts). The header is read first, so the ruleset can
 * be compiled against it before any row is scored. Memory is bounded by the chunk size.
 */
import { closeSync, createReadStream, fstatSync, openSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { LeadqError } from '../errors.js';
import { CsvParser, type ParsedRecord } from './csv-parser.js';
import { InputDecoder, InvalidText } from './decode.js';
import { locateIn } from './locate.js';
import { firstLine, sniffDelimiter } from './sniff.js';

export interface CsvInputOptions {
  encoding?: string;
  delimiter?: string;
  maxRecordSize?: number;
  /** bytes per read; large chunks keep per-chunk overhead negligible */
  chunkSize?: number;
}

export interface CsvInput {
  name: string;
  header: string[];
  delimiter: string;
  encoding: string;
  /** the data records in order, in batches; the header is not repeated */
  batches(): AsyncGenerator<ParsedRecord[]>;
}

export const DEFAULT_MAX_RECORD_SIZE = 1 << 20;

export async function openCsvInput(path: string, options: CsvInputOptions = {}): Promise<CsvInput> {
  const name = path === '-' ? 'stdin' : path;
  const stream = openStream(path, options.chunkSize ?? 1 << 20);
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const decoder = new InputDecoder(options.encoding, name);

  // Read until the header line is complete, to sniff the delimiter before parsing.
  let text = '';
  let done = false;
  let headerText: string | undefined;
  while (headerText === undefined && !done) {
    const next = await readChunk(chunks, name);
    done = next === undefined;
    text += decodeOrThrow(decoder, next ?? new Uint8Array(0), done, text, undefined);
    headerText = firstLine(text) ?? (done ? text : undefined);
  }
  if (text.trim() === '') throw new LeadqError('INPUT_EMPTY', 'the input is empty; expected a header line and rows', { file: name });
  const delimiter = options.delimiter ?? sniffDelimiter(headerText!);
  const parser = new CsvParser({ delimiter, maxRecordSize: options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE, file: name });
  let pending: ParsedRecord[] = [];
  parser.push(text, pending);
  if (done) parser.end(pending);
  // the header may end exactly where the first chunk does
  while (pending.length === 0 && !done) {
    const next = await readChunk(chunks, name);
    done = next === undefined;
    parser.push(decodeOrThrow(decoder, next ?? new Uint8Array(0), done, '', parser), pending);
    if (done) parser.end(pending);
  }
  const header = pending.shift()!.fields;
  if (header.length === 1 && header[0] === '') throw new LeadqError('INPUT_EMPTY', 'the header line is empty', { file: name });

  async function* batches(): AsyncGenerator<ParsedRecord[]> {
    if (pending.length > 0) yield pending;
    pending = [];
    while (!done) {
      const next = await readChunk(chunks, name);
      done = next === undefined;
      const out: ParsedRecord[] = [];
      parser.push(decodeOrThrow(decoder, next ?? new Uint8Array(0), done, '', parser), out);
      if (done) parser.end(out);
      if (out.length > 0) yield out;
    }
  }

  return { name, header, delimiter, encoding: decoder.encoding, batches };
}

function openStream(path: string, chunkSize: number): Readable {
  if (path === '-') return process.stdin;
  try {
    const fd = openSync(path, 'r');
    if (fstatSync(fd).isDirectory()) { closeSync(fd); throw Object.assign(new Error('is a directory'), { code: 'EISDIR' }); }
    return createReadStream('', { fd, highWaterMark: chunkSize, autoClose: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new LeadqError('INPUT_READ', `cannot read the input: ${reason}`, { file: path });
  }
}

async function readChunk(chunks: AsyncIterator<Buffer>, name: string): Promise<Buffer | undefined> {
  try {
    const next = await chunks.next();
    return next.done ? undefined : next.value;
  } catch (error) {
    throw new LeadqError('INPUT_READ', `cannot read the input: ${(error as Error).message}`, { file: name });
  }
}

/** Decodes, turning an encoding error into one that names the line and character. */
function decodeOrThrow(decoder: InputDecoder, bytes: Uint8Array, final: boolean, before: string, parser: CsvParser | undefined): string {
  try {
    return decoder.decode(bytes, final);
  } catch (error) {
    if (!(error instanceof InvalidText)) throw error;
    const prefix = new TextDecoder('utf-8').decode(error.validPrefix);
    const where = parser ? parser.locate(prefix) : locateIn(before + prefix, 1);
    throw decoder.errorAt(error, where.line, where.col);
  }
}
