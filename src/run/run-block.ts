/**
 * One block through a job, in whichever thread: its bytes checked as strict UTF-8 first (or
 * decoded behind a record carried from the previous block), and a LeadqError turned into a
 * failed result, which the pipeline reports with its line made absolute.
 */
import { assertUtf8, decodeBlock } from '../input/csv/decode-block.js';
import { locateIn } from '../input/csv/locate.js';
import { LeadqError } from '../model/errors.js';
import { blockError, type BlockJob, type BlockOutcome, type BlockTask } from './job.js';

/** A block that failed: no result but the error (the pipeline stops with it). */
export type FailedBlock = BlockOutcome & { error: NonNullable<BlockOutcome['error']> };

export function failedBlock(error: LeadqError): FailedBlock {
  return { lines: 0, leftover: '', footerLine: 0, error: blockError(error) };
}

/** The input a block is from: its name and encoding, for the errors of its bytes. */
export interface BlockSource {
  name: string;
  encoding: string;
}

export function runBlock<R extends BlockOutcome, D>(
  job: BlockJob<R, D>, bytes: Buffer, final: boolean, task: BlockTask<D>, source: BlockSource, carried = '',
): R | FailedBlock {
  let text: string | undefined;
  try {
    if (carried === '') assertUtf8(bytes, source.name, source.encoding);
    else text = carried + decodeBlock(bytes, source.name, source.encoding);
  } catch (error) {
    if (!(error instanceof LeadqError)) throw error;
    // the bytes' lines follow the carried record's: count its line breaks in
    const shift = carried === '' || error.line === undefined ? 0 : locateIn(carried, 1).line - 1;
    return failedBlock(shift === 0 ? error : new LeadqError(error.code, error.message, { line: error.line! + shift, col: error.col, hint: error.hint }));
  }
  try {
    return text === undefined ? job.runBytes(bytes, final, task) : job.runText(text, final, task);
  } catch (error) {
    if (!(error instanceof LeadqError)) throw error;
    return failedBlock(error);
  }
}
