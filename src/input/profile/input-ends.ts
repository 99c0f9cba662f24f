/**
 * The ends of an input that `leadq inspect` reads apart from its records: a file's last bytes
 * (from a seek: the footer of a million-row export without reading the million rows) and
 * standard input's first bytes (for its encoding and title lines), and the records in a piece of
 * text that starts at a line's start.
 */
import { open } from 'node:fs/promises';
import type { ByteSource } from '../csv/byte-source.js';
import { CsvParser, type ParsedRecord } from '../csv/csv-parser.js';
import { InputDecoder } from '../csv/decode.js';
import { readError } from '../csv/encoding-scan.js';
import type { BlockInput } from '../csv/read-blocks.js';
import { TAIL_RECORDS, type TailRecord } from './footer.js';

/** The last TAIL_RECORDS records of `text`, which starts at a line's start. */
export function lastRecords(text: string, input: BlockInput, maxRecordSize: number): TailRecord[] {
  const out: ParsedRecord[] = [];
  const parser = new CsvParser({ delimiter: input.delimiter, maxRecordSize, file: input.name, width: input.header.length });
  try {
    parser.push(text, out);
    parser.end(out);
  } catch {
    // a quote left open in the tail: the records before it are what there is
  }
  return out.slice(-TAIL_RECORDS).map((r) => ({ fields: r.fields, line: null }));
}

/** The file's last `bytes`, decoded from the first line that starts in them; and UTF-8 bytes per byte of the file. */
export async function readTail(path: string, input: BlockInput, size: number, bytes: number, maxRecordSize: number): Promise<{ records: TailRecord[]; utf8PerByte: number }> {
  const wide = input.encoding.startsWith('utf-16');
  let start = Math.max(0, size - bytes);
  if (wide && start % 2 === 1) start++;
  const raw = await readFileRange(path, input.name, start, size - start);
  let text: string;
  let rawBytes: number;
  if (wide) {
    text = new TextDecoder(input.encoding).decode(raw);
    text = text.slice(afterLineBreak(text));
    rawBytes = text.length * 2;
  } else {
    // a line break byte is never inside a character, in UTF-8 or an 8-bit encoding
    const lf = raw.indexOf(10);
    const body = raw.subarray(lf >= 0 ? lf + 1 : 0);
    text = new InputDecoder(input.encoding === 'utf-8' ? undefined : input.encoding, input.name).decode(body, true);
    rawBytes = body.length;
  }
  const utf8PerByte = rawBytes === 0 ? 1 : Buffer.byteLength(text, 'utf8') / rawBytes;
  return { records: lastRecords(text, input, maxRecordSize), utf8PerByte };
}

function afterLineBreak(text: string): number {
  const at = text.search(/\r\n|\n|\r/);
  return at < 0 ? 0 : text[at] === '\r' && text[at + 1] === '\n' ? at + 2 : at + 1;
}

export async function readFileRange(path: string, name: string, start: number, length: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buf = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buf, 0, length, start);
    return buf.subarray(0, bytesRead);
  } catch (error) {
    throw readError(error, name);
  } finally {
    await handle?.close();
  }
}

export async function readHead(source: ByteSource, bytes: number): Promise<{ head: Buffer; ended: boolean }> {
  const parts: Buffer[] = [];
  let n = 0;
  while (n < bytes) {
    const chunk = await source.read();
    if (chunk === null) return { head: Buffer.concat(parts), ended: true };
    parts.push(chunk);
    n += chunk.length;
  }
  return { head: Buffer.concat(parts), ended: false };
}
