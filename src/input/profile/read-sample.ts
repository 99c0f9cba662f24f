/**
 * How `leadq inspect` reads an export, fast on a million rows and trustworthy on odd files:
 *
 * 1. The encoding: a file is checked for UTF-8 whole (natively, a fraction of a second), standard
 *    input in its first MiB; bytes that are not UTF-8 are judged Windows-1252 or Latin-1 and read
 *    so (csv/encoding-scan.ts), instead of stopping at the first accented letter.
 * 2. Title lines above the header, from the first lines (title-lines.ts), skipped.
 * 3. The records: by default those of the first blocks up to `limit` (10,000) records, else all;
 *    the last 20 records read wait in a ring before they are profiled, so that footer rows at the
 *    end of the input never count as leads (a `0.0016` as a lead source).
 * 4. The footer: when the sample is not the whole input, the end is read apart: a file from a
 *    seek to its last bytes, standard input from the last blocks kept while the rest streams by.
 */
import { stat } from 'node:fs/promises';
import { LeadqError } from '../../model/errors.js';
import { openSource, withHead, type ByteSource } from '../csv/byte-source.js';
import { CsvParser, type ParsedRecord } from '../csv/csv-parser.js';
import { decodeBlock } from '../csv/decode-block.js';
import { InputDecoder } from '../csv/decode.js';
import { EncodingScanner, scanFileEncoding, type EncodingScan } from '../csv/encoding-scan.js';
import { DEFAULT_MAX_RECORD_SIZE } from '../csv/read-csv.js';
import { openBlockInput, TITLE_HEAD, type BlockInput } from '../csv/read-blocks.js';
import { Profiler, type ColumnProfile } from '../profile.js';
import { FirstCells, footerOf, footerRows, TAIL_RECORDS, type Footer, type TailRecord } from './footer.js';
import { lastRecords, readFileRange, readHead, readTail } from './input-ends.js';
import { LineBreakCounter, type LineBreaks } from './line-breaks.js';
import type { SourceGroup, SourceValue } from './sources.js';
import { findTitleLines, type TitleLines } from './title-lines.js';

export interface SampleOptions {
  encoding?: string;
  delimiter?: string;
  skipLines?: number;
  maxRecordSize?: number;
  /** records to profile at least (whole blocks are read); Infinity reads everything */
  limit: number;
}

export interface EncodingFinding {
  /** the encoding the input is read with */
  encoding: string;
  /** how it was decided: --encoding, a byte-order mark, valid UTF-8, or judged from the bytes */
  decidedBy: 'option' | 'bom' | 'utf-8' | 'guess';
  scan: EncodingScan | null;
}

export interface SampleProfile {
  columns: ColumnProfile[];
  /** the lead source column's values and near-duplicate spellings */
  sources: { values: SourceValue[]; groups: SourceGroup[]; overflow: number } | null;
  /** records profiled: the leads read */
  rows: number;
  /** records of the wrong width or with a broken quote, footer rows aside */
  rejected: number;
  /** the whole input was read */
  complete: boolean;
  /** the records of the whole input, footer rows aside */
  totalRows: number;
  /** how `totalRows` was found: counted records, counted lines (standard input), or estimated from the file size */
  totalBy: 'records' | 'lines' | 'size';
  lineBreaks: LineBreaks;
  footer: Footer | null;
}

export interface ProfileOptions {
  placeholders: readonly string[];
  sourceColumn: number;
  /** told after each block: the records parsed and the input's bytes read so far (a progress line) */
  onProgress?: (records: number, bytes: number) => void;
}

export interface ExportSample {
  name: string;
  header: string[];
  delimiter: string;
  encoding: EncodingFinding;
  /** title lines found above the header (and skipped); null when none or --skip-lines was given */
  titleLines: TitleLines | null;
  /** the lines skipped above the header */
  skipLines: number;
  profile(options: ProfileOptions): Promise<SampleProfile>;
  close(): Promise<void>;
}

/** Bytes of standard input looked at for its encoding and title lines. */
const STDIN_HEAD = 1 << 20;

export async function openSample(path: string, options: SampleOptions): Promise<ExportSample> {
  const name = path === '-' ? 'stdin' : path;
  const maxRecordSize = options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE;
  let source: ByteSource | undefined;
  let head: Buffer;
  let scan: EncodingScan | null = null;
  if (path === '-') {
    source = await openSource(path, name, 1 << 18);
    const read = await readHead(source, STDIN_HEAD);
    head = read.head;
    if (options.encoding === undefined) {
      const scanner = new EncodingScanner();
      scanner.push(head);
      scan = scanner.result(read.ended);
    }
    source = withHead(source, head);
  } else {
    if (options.encoding === undefined) scan = await scanFileEncoding(path, name);
    head = await readFileRange(path, name, 0, TITLE_HEAD);
  }
  const guessed = scan && !scan.utf8 && scan.bom === null ? scan.guess!.encoding : undefined;
  const encoding = options.encoding ?? guessed;
  const titleLines = options.skipLines === undefined ? titlesIn(head.subarray(0, TITLE_HEAD), encoding, options.delimiter, maxRecordSize) : null;
  const skipLines = options.skipLines ?? titleLines?.skip ?? 0;
  const input = await openBlockInput(path, { encoding, delimiter: options.delimiter, maxRecordSize, skipLines, source });
  const decidedBy = options.encoding !== undefined ? 'option' : scan?.bom ? 'bom' : guessed ? 'guess' : 'utf-8';
  return {
    name, header: input.header, delimiter: input.delimiter, titleLines, skipLines,
    encoding: { encoding: input.encoding, decidedBy, scan },
    profile: (o) => profileInput(path, input, options.limit, maxRecordSize, o),
    close: () => input.close(),
  };
}

/** A record read, with its place among the records (1-based). */
type Numbered = ParsedRecord & { n: number };

async function profileInput(path: string, input: BlockInput, limit: number, maxRecordSize: number, o: ProfileOptions): Promise<SampleProfile> {
  const width = input.header.length;
  const profiler = new Profiler(input.header, input.delimiter, { placeholders: o.placeholders, sourceColumn: o.sourceColumn });
  const firstCells = new FirstCells();
  let rejected = 0;
  /** a record within the limit is profiled, or counted as rejected */
  const consume = (r: Numbered) => {
    if (r.n > limit) return;
    if (r.malformed !== undefined || r.fields.length !== width) { rejected++; return; }
    profiler.add(r.fields);
    firstCells.add(r.fields[0]);
  };
  const read = await readRecords(path, input, limit, maxRecordSize, consume, o.onProgress);
  const { ring, records } = read;

  let tail: TailRecord[] = ring.map((r) => ({ fields: r.fields, line: r.line }));
  let totalRows = records;
  if (!read.complete) {
    ring.forEach(consume);
    if (path === '-') {
      tail = lastRecords(Buffer.concat(read.kept).toString('utf8'), input, maxRecordSize);
      totalRows = records + read.keptLines;
    } else {
      const size = (await stat(path)).size;
      const bytesPerRecord = read.parsedBytes / Math.max(1, records);
      const end = await readTail(path, input, size, Math.max(1 << 16, Math.ceil(bytesPerRecord * TAIL_RECORDS * 2)), maxRecordSize);
      tail = end.records;
      totalRows = Math.round((size * end.utf8PerByte) / Math.max(1, bytesPerRecord));
    }
  }
  const rows = footerRows(tail, width, wordyColumns(profiler, ring, input, o.placeholders));
  // the ring is the input's end: the records before the footer are leads
  if (read.complete) ring.slice(0, ring.length - rows.length).forEach(consume);
  const footer = footerOf(rows, firstCells);
  const sources = profiler.sources;
  return {
    columns: profiler.finish(),
    sources: sources ? { values: sources.values(), groups: sources.nearDuplicates(), overflow: sources.overflow } : null,
    rows: profiler.rows, rejected,
    complete: read.complete && records <= limit,
    totalRows: (read.complete ? records : totalRows) - rows.length,
    totalBy: read.complete ? 'records' : path === '-' ? 'lines' : 'size',
    lineBreaks: read.breaks, footer,
  };
}

interface RecordsRead {
  /** the last records read, not handed to `consume` yet */
  ring: Numbered[];
  /** records parsed */
  records: number;
  parsedBytes: number;
  /** the input's end was parsed: the ring holds its last records */
  complete: boolean;
  /** standard input past the sample: its last blocks, and the lines of those before them */
  kept: Buffer[];
  keptLines: number;
  breaks: LineBreaks;
}

/**
 * Parses blocks until `limit` records are read (a file then stops; standard input streams on,
 * keeping its last two blocks), handing each record to `consume` once it leaves the ring of the
 * last TAIL_RECORDS: footer rows must not be profiled as leads.
 */
async function readRecords(path: string, input: BlockInput, limit: number, maxRecordSize: number, consume: (r: Numbered) => void, onProgress?: (records: number, bytes: number) => void): Promise<RecordsRead> {
  const parser = new CsvParser({ delimiter: input.delimiter, maxRecordSize, file: input.name, firstLine: input.firstDataLine, width: input.header.length });
  const breaks = new LineBreakCounter();
  const ring: Numbered[] = [];
  const kept: Buffer[] = [];
  let records = 0;
  let parsedBytes = 0;
  let keptLines = 0;
  let complete = false;
  try {
    for await (const block of input.blocks()) {
      if (records >= limit) {
        if (path !== '-') break;
        kept.push(block.bytes);
        keptLines += lineCount(block.bytes);
        if (kept.length > 2) kept.shift();
        continue;
      }
      breaks.add(block.bytes);
      parsedBytes += block.bytes.length;
      const out: ParsedRecord[] = [];
      parser.push(decodeAt(block.bytes, input, parser), out);
      if (block.final) { parser.end(out); complete = true; }
      for (const r of out) {
        const numbered = r as Numbered;
        numbered.n = ++records;
        ring.push(numbered);
        if (ring.length > TAIL_RECORDS) consume(ring.shift()!);
      }
      onProgress?.(records, input.bytesRead);
    }
  } finally {
    await input.close();
  }
  return { ring, records, parsedBytes, complete: complete && kept.length === 0, kept, keptLines, breaks: breaks.result() };
}

/**
 * The columns where leads have words (text or emails that are no codes), from the rows profiled
 * so far; when they are few (a small file is all in the ring), from the ring's records, the
 * footer rows among them, which only make a column look more like text.
 */
function wordyColumns(profiler: Profiler, ring: readonly ParsedRecord[], input: BlockInput, placeholders: readonly string[]): boolean[] {
  let types = profiler;
  if (profiler.rows < TAIL_RECORDS) {
    types = new Profiler(input.header, input.delimiter, { placeholders });
    for (const r of ring) if (r.malformed === undefined && r.fields.length === input.header.length) types.add(r.fields);
  }
  return types.finish().map((c) => (c.type === 'text' || c.type === 'email') && !c.flags.some((f) => f.kind !== 'mojibake'));
}

/** A block's text; an encoding error names its line in the input, not in the block. */
function decodeAt(bytes: Buffer, input: BlockInput, parser: CsvParser): string {
  try {
    return decodeBlock(bytes, input.name, input.encoding);
  } catch (error) {
    if (error instanceof LeadqError && error.line !== undefined) {
      const at = parser.locate('');
      throw new LeadqError(error.code, error.message, { file: input.name, line: error.line + at.line - 1, col: error.col, hint: error.hint });
    }
    throw error;
  }
}

function titlesIn(head: Buffer, encoding: string | undefined, delimiter: string | undefined, maxRecordSize: number): TitleLines | null {
  try {
    return findTitleLines(new InputDecoder(encoding, 'head').decode(head, false), delimiter, maxRecordSize);
  } catch {
    return null; // bytes that do not decode: the reader says so with their line
  }
}

function lineCount(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
  return n;
}
