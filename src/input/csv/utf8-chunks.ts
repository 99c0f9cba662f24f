/**
 * An input as chunks of UTF-8 bytes. UTF-8 passes through as it was read (a byte-order mark
 * dropped); anything else — a UTF-16 byte-order mark, or another --encoding — is decoded and
 * encoded again as UTF-8. What is decided from the first bytes: a file that is not text at all
 * is refused, and whether to transcode.
 */
import { LeadqError } from '../../model/errors.js';
import type { ByteSource } from './byte-source.js';
import { InputDecoder, InvalidText } from './decode.js';

const BOM_UTF8 = [0xef, 0xbb, 0xbf];

export class Utf8Chunks {
  private readonly decoder: InputDecoder;
  /** whether the bytes are decoded and encoded again; undefined until the first bytes are read */
  private transcode: boolean | undefined;

  constructor(private readonly source: ByteSource, private readonly name: string, private readonly requested: string | undefined) {
    this.decoder = new InputDecoder(requested, name);
  }

  /** The input's encoding, as far as it is known (settled by the first bytes). */
  get encoding(): string {
    return this.decoder.encoding;
  }

  /** Whether the bytes may be read straight into a block's buffer (`readInto`): UTF-8 from a file. */
  get direct(): boolean {
    return this.source.readInto !== undefined && !this.transcode;
  }

  /** Reads up to `length` bytes into `buf` at `offset` (only when `direct`); 0 at the end. */
  readInto(buf: Buffer, offset: number, length: number): Promise<number> {
    return this.source.readInto!(buf, offset, length);
  }

  /** The next chunk as UTF-8 bytes, or null at the end. */
  async next(): Promise<Buffer | null> {
    if (this.transcode === undefined) return this.first();
    const raw = await this.source.read();
    return this.transcode ? this.decode(raw) : raw;
  }

  private async first(): Promise<Buffer | null> {
    const raw = await firstBytes(this.source);
    if (raw === null) return null;
    refuseBinary(raw, this.name);
    this.transcode = detectTranscode(raw, this.requested);
    if (this.transcode) return this.decode(raw);
    this.decoder.encoding = 'utf-8';
    return startsWith(raw, BOM_UTF8) ? raw.subarray(3) : raw;
  }

  /** `raw` decoded and encoded as UTF-8; null (the end) flushes what the decoder holds. */
  private decode(raw: Buffer | null): Buffer | null {
    try {
      const text = this.decoder.decode(raw ?? new Uint8Array(0), raw === null);
      return raw === null && text === '' ? null : Buffer.from(text, 'utf8');
    } catch (error) {
      if (error instanceof InvalidText) throw new LeadqError('INPUT_ENCODING', `the input is not valid ${this.decoder.encoding}`, { file: this.name });
      throw error;
    }
  }
}

/** The first bytes, enough to recognise a byte-order mark even when reads are tiny. */
async function firstBytes(source: ByteSource): Promise<Buffer | null> {
  let head = await source.read();
  while (head !== null && head.length < 4) {
    const more = await source.read();
    if (more === null) break;
    head = Buffer.concat([head, more]);
  }
  return head;
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
 * Files that are not CSV text at all, recognised by their first bytes: a spreadsheet saved as
 * .xlsx (a ZIP archive), an old .xls, a compressed or PDF export. Without this they fail later
 * as "invalid UTF-8", which sends people looking for the wrong fix.
 */
const SAVE_AS_CSV = 'export or save the sheet as CSV (in Excel: File › Save As › CSV UTF-8)';
/** How the export is read from a pipe; a related file is not the export (run/related-errors.ts says its own form). */
export const UNPACK_PIPE = ', or zcat FILE | leadq score - …)';
/** CRM exports of many rows come zipped (Salesforce's weekly export, HubSpot's large exports), nightly copies gzipped */
const UNPACK = `unpack it first and give the CSV inside (unzip FILE; a .gz: gunzip FILE${UNPACK_PIPE}`;

const BINARY_FORMATS: [number[], string, string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (an Excel .xlsx or .ods workbook, or zipped CSV files?)', `a workbook: ${SAVE_AS_CSV}; a zipped export: ${UNPACK}`],
  [[0x50, 0x4b, 0x05, 0x06], 'an empty ZIP archive', SAVE_AS_CSV],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'an old Excel .xls workbook', SAVE_AS_CSV],
  [[0x1f, 0x8b], 'a gzip-compressed file', UNPACK],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document', SAVE_AS_CSV],
];

function refuseBinary(first: Buffer, name: string): void {
  const kind = BINARY_FORMATS.find(([magic]) => startsWith(first, magic));
  if (!kind) return;
  throw new LeadqError('INPUT_NOT_CSV', `the input is ${kind[1]}, not CSV text`, { file: name, hint: kind[2] });
}
