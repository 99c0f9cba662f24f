/**
 * The header record at the start of an input: read chunk by chunk until it is complete, after
 * any title lines to skip (--skip-lines) and blank lines; its delimiter sniffed from it unless
 * given. What follows it is where the data begins.
 */
import { LeadqError } from '../../model/errors.js';
import { CsvParser } from './csv-parser.js';
import { InputDecoder, InvalidText } from './decode.js';
import { locateIn } from './locate.js';
import { sniffDelimiter } from './sniff.js';

const LF = 10;
const CR = 13;

export interface HeaderOptions {
  delimiter?: string;
  maxRecordSize: number;
  /** lines above the header to skip (report titles) */
  skipLines?: number;
}

export interface Header {
  fields: string[];
  delimiter: string;
  /** line number of the header's first line (after the lines skipped and Excel's `sep=` line) */
  line: number;
  /** line number of the first line after the header */
  nextLine: number;
}

/** The header, and the bytes read past it (`ended`: they are all there is). */
export interface Head extends Header {
  rest: Buffer;
  ended: boolean;
  /** every byte read so far, from the input's first (`rest` is its end) */
  read: Buffer;
}

/** Reads UTF-8 chunks until the header record is complete. */
export async function readHeaderRecord(next: () => Promise<Buffer | null>, name: string, options: HeaderOptions): Promise<Head> {
  let pending: Buffer = Buffer.alloc(0);
  let ended = false;
  for (;;) {
    const chunk = ended ? null : await next();
    if (chunk === null) ended = true;
    else pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    const header = readHeader(pending, ended, name, options);
    if (header) return { fields: header.fields, delimiter: header.delimiter, line: header.line, nextLine: header.nextLine, rest: pending.subarray(header.end), ended, read: pending };
    if (ended) throw new LeadqError('INPUT_EMPTY', 'the input is empty; expected a header line and rows', { file: name });
    // no line break yet: bounded like any record (and each retry decodes all of it again)
    if (pending.length > options.maxRecordSize * 4) {
      throw new LeadqError('INPUT_CSV', `the header line is larger than ${options.maxRecordSize} characters (--max-record-size)`, {
        file: name, line: 1, hint: 'a header line must end with a line break; an unclosed quote in it swallows the rest of the file',
      });
    }
  }
}

/** Parses the header record from the start of the input (`end`: its byte length), or undefined when it is not complete yet. */
function readHeader(bytes: Buffer, ended: boolean, name: string, options: HeaderOptions): (Header & { end: number }) | undefined {
  const all = decodeHead(bytes, ended, name);
  const skip = options.skipLines ?? 0;
  const offset = skipTitleLines(all, skip, ended, name);
  if (offset === undefined) return undefined;
  const sep = skip === 0 ? excelSeparator(all, ended) : null;
  if (sep === undefined) return undefined;
  const start = offset + (sep?.length ?? 0);
  const text = all.slice(start);
  const end = headerEnd(text);
  if (end < 0 && !ended) return undefined;
  const headerText = end < 0 ? text : text.slice(0, end);
  if (headerText.trim() === '') return undefined;
  refuseNul(headerText, name);
  const delimiter = options.delimiter ?? sep?.delimiter ?? sniffDelimiter(headerText.replace(/^[\r\n]+/, ''));
  const { fields, line, nextLine } = parseHeader(headerText, delimiter, name, options.maxRecordSize, skip + 1 + (sep ? 1 : 0));
  return { fields, delimiter, line, nextLine, end: Buffer.byteLength(all.slice(0, start), 'utf8') + Buffer.byteLength(headerText, 'utf8') };
}

/** The input's first bytes as text; invalid UTF-8 is an error with its line and column. */
function decodeHead(bytes: Buffer, ended: boolean, name: string): string {
  const decoder = new InputDecoder(undefined, name);
  try {
    return decoder.decode(bytes, ended);
  } catch (error) {
    if (!(error instanceof InvalidText)) throw error;
    const where = locateIn(new TextDecoder().decode(error.validPrefix), 1);
    throw decoder.errorAt(error, where.line, where.col);
  }
}

/**
 * Excel's delimiter line, `sep=;`, as the first line: Excel writes it (and reads it) so that a
 * semicolon file opens in columns in every locale. It names the delimiter (unless one is given)
 * and is not the header: read as one, the header was `sep=` and the real header a row of data.
 * Null when there is none; undefined when more must be read to tell.
 */
function excelSeparator(text: string, ended: boolean): { delimiter: string; length: number } | null | undefined {
  const m = /^sep=([^\r\n])[ \t]*(?=[\r\n])/i.exec(text);
  if (m === null) return !ended && /^(s(e(p(=[^\r\n]?[ \t]*)?)?)?)?$/i.test(text) ? undefined : null;
  const next = afterLineBreak(text, m[0].length);
  if (next < 0) return ended ? null : undefined;
  return { delimiter: m[1], length: next };
}

/** Title rows above the header (--skip-lines): plain lines, skipped whole. Where the rest begins, or undefined when more must be read. */
function skipTitleLines(text: string, skip: number, ended: boolean, name: string): number | undefined {
  let offset = 0;
  for (let skipped = 0; skipped < skip; skipped++) {
    const next = afterLineBreak(text, offset);
    if (next < 0) {
      if (!ended) return undefined;
      throw new LeadqError('INPUT_EMPTY', `the input has fewer than ${skip} lines to skip (--skip-lines) and no header after them`, { file: name });
    }
    offset = next;
  }
  return offset;
}

/** The header's fields through the text parser; an empty header is an error. */
function parseHeader(headerText: string, delimiter: string, name: string, maxRecordSize: number, firstLine: number): { fields: string[]; line: number; nextLine: number } {
  const parser = new CsvParser({ delimiter, maxRecordSize, file: name, firstLine });
  const records: { fields: string[]; line: number }[] = [];
  parser.push(headerText, (fields, line) => records.push({ fields, line }));
  parser.end((fields, line) => records.push({ fields, line }));
  const fields = records[0]?.fields;
  if (!fields || (fields.length === 1 && fields[0].trim() === '')) throw new LeadqError('INPUT_EMPTY', 'the header line is empty', { file: name });
  return { fields, line: records[0].line, nextLine: parser.nextLine };
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
 * A NUL character in the header: text in UTF-16 without a byte-order mark (every other byte is
 * 0 for Latin letters), or not text at all. Either way nothing after it can be trusted.
 * (NUL bytes in data rows reject those rows; see run/jobs/score-block.ts.)
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
