/**
 * The `count-records` job, the least a job does: each record's first line and field count, in
 * typed arrays. The pipeline's own test runs it (order, line shifts, records carried across
 * blocks, threads), and it is the shape of a new job in a screenful: read the block, put what
 * each row gives into typed arrays, hand them back.
 */
import { CsvParser, type RecordHandler } from '../../input/csv/csv-parser.js';
import type { BlockJob, BlockOutcome, JobSpec } from '../job.js';

export interface CountRecordsOptions {
  delimiter: string;
  maxRecordSize: number;
  file: string;
}

export type CountRecordsSpec = JobSpec<'count-records', CountRecordsOptions>;

export interface CountRecordsResult extends BlockOutcome {
  /** per record: the block-relative line it begins on */
  firstLines: Int32Array;
  /** per record: its field count */
  widths: Int32Array;
}

export class CountRecordsJob implements BlockJob<CountRecordsResult> {
  constructor(private readonly options: CountRecordsOptions) {}

  runBytes(bytes: Buffer, final: boolean): CountRecordsResult {
    return this.runText(bytes.toString('utf8'), final);
  }

  runText(text: string, final: boolean): CountRecordsResult {
    const parser = new CsvParser({ delimiter: this.options.delimiter, maxRecordSize: this.options.maxRecordSize, file: this.options.file });
    const lines: number[] = [];
    const widths: number[] = [];
    const emit: RecordHandler = (fields, line) => { lines.push(line); widths.push(fields.length); };
    parser.push(text, emit);
    let leftover = '';
    if (final) parser.end(emit);
    else leftover = parser.takeLeftover();
    return { lines: parser.nextLine - 1, leftover, footerLine: 0, firstLines: Int32Array.from(lines), widths: Int32Array.from(widths) };
  }

  transfer(result: CountRecordsResult): ArrayBuffer[] {
    return [result.firstLines.buffer as ArrayBuffer, result.widths.buffer as ArrayBuffer];
  }
}
