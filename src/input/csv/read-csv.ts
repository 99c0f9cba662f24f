/**
 * Records of one CSV input in order, for commands that read an export sequentially (validate,
 * and anything that needs rows without scoring them). Built on the block reader, so encodings,
 * byte-order marks, delimiter sniffing and error positions work exactly as in `score`.
 */
import { LeadqError } from '../../model/errors.js';
import { decodeBlock } from './decode-block.js';
import { CsvParser, type ParsedRecord } from './csv-parser.js';
import { openBlockInput } from './read-blocks.js';

export interface CsvInputOptions {
  encoding?: string;
  delimiter?: string;
  maxRecordSize?: number;
  /** bytes per read */
  chunkSize?: number;
  /** lines above the header to skip (report titles) */
  skipLines?: number;
  /** sees each block's UTF-8 bytes before they are parsed (`leadq inspect` counts line breaks) */
  onBlock?: (bytes: Buffer) => void;
}

export interface CsvInput {
  name: string;
  header: string[];
  delimiter: string;
  encoding: string;
  /** the lines to skip to the real header when the one read looks like a title (BlockInput's) */
  realHeaderSkip(): number | undefined;
  /** the data records in order, in batches; the header is not repeated */
  batches(): AsyncGenerator<ParsedRecord[]>;
  /** bytes read from the source so far (progress) */
  readonly bytesRead: number;
  close(): Promise<void>;
}

export const DEFAULT_MAX_RECORD_SIZE = 1 << 20;

export async function openCsvInput(path: string, options: CsvInputOptions = {}): Promise<CsvInput> {
  const maxRecordSize = options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE;
  const input = await openBlockInput(path, { encoding: options.encoding, delimiter: options.delimiter, maxRecordSize, blockSize: options.chunkSize, skipLines: options.skipLines });

  async function* batches(): AsyncGenerator<ParsedRecord[]> {
    // the header's width: a stray quote costs its own line only, as in `leadq score`
    const parser = new CsvParser({ delimiter: input.delimiter, maxRecordSize, file: input.name, firstLine: input.firstDataLine, width: input.header.length });
    try {
      for await (const block of input.blocks()) {
        const out: ParsedRecord[] = [];
        options.onBlock?.(block.bytes);
        let text: string;
        try {
          text = decodeBlock(block.bytes, input.name, input.encoding);
        } catch (error) {
          // block lines are relative: shift them past what the parser has seen
          if (error instanceof LeadqError && error.line !== undefined) {
            const at = parser.locate('');
            throw new LeadqError(error.code, error.message, { file: input.name, line: error.line + at.line - 1, col: error.col, hint: error.hint });
          }
          throw error;
        }
        parser.push(text, out);
        if (block.final) parser.end(out);
        if (out.length > 0) yield out;
      }
    } finally {
      await input.close();
    }
  }

  return {
    name: input.name, header: input.header, delimiter: input.delimiter, encoding: input.encoding, realHeaderSkip: () => input.realHeaderSkip(), batches,
    get bytesRead() { return input.bytesRead; }, close: () => input.close(),
  };
}
