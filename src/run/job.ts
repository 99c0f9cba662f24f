/**
 * What the block pipeline (pipeline.ts) runs: a job turns one block of an input — complete lines
 * of UTF-8 bytes, or the same lines as text behind a record carried from the block before — into
 * a result. The pipeline owns everything else: reading blocks, the threads, the buffers, running
 * a block again behind a carried record, handing results over in input order with the shift
 * that makes their lines absolute. It knows a result only by the fields of `BlockOutcome`.
 *
 * A job is named by plain data (`JobSpec`: a kind and its options), so a worker thread can build
 * its own from the registry (jobs/index.ts). A result crosses threads by structured clone; its
 * typed arrays and byte buffers are moved, not copied (`transfer`). Jobs: `score` (score and
 * write), `dedupe-keys` (each scored row's key and rank), `lead-keys` (each lead's key, for
 * related files), `aggregate-related` (a related file's rows as typed arrays per block, folded in
 * order by the result handler), `count-records` (the least a job does); the next fits the same
 * mould: capturing each row's score and stage for a backtest (a Float64Array and an Int8Array
 * per block).
 */
import type { LeadqError } from '../model/errors.js';

/** A job as plain, structured-clone-able data: what a worker builds its job from. */
export interface JobSpec<K extends string = string, O = unknown> {
  kind: K;
  options: O;
}

/** An error as it crosses threads; its line is relative to the block. */
export interface BlockError {
  code: string;
  message: string;
  line?: number;
  col?: number;
  hint?: string;
}

/** What every block result holds for the pipeline; each job adds its own fields. */
export interface BlockOutcome {
  /** lines the block spans (the next block starts this many lines later) */
  lines: number;
  /** text of a record the block ended inside (it was cut inside a quoted field): it goes in front of the next block */
  leftover: string;
  /** block-relative line where a report footer begins (reading stops there); 0 when none */
  footerLine: number;
  /** the block failed: the pipeline stops with this error, its line made absolute */
  error?: BlockError;
}

/** What a block is run with besides its bytes. */
export interface BlockTask<D> {
  /** the block's place in its input, from 0: the same for the same file and block size */
  index: number;
  /** what the caller hands the block when it is dispatched (dedupe: the rows that lose), if anything */
  data: D | undefined;
}

export interface BlockJob<R extends BlockOutcome = BlockOutcome, D = unknown> {
  /** A block of UTF-8 bytes (checked) that ends at a line break, or ends the input (`final`). */
  runBytes(bytes: Buffer, final: boolean, task: BlockTask<D>): R;
  /** The same, as text: a block run again with the record carried from the previous one in front. */
  runText(text: string, final: boolean, task: BlockTask<D>): R;
  /** The result's memory to move to the main thread, not copy (each buffer owned by this result alone). */
  transfer(result: R): ArrayBuffer[];
  /** Bytes of the main thread's pooled memory to send along with a block of `inputBytes`, for its result. */
  lend?(inputBytes: number): number;
  /** Memory of a result that later blocks may reuse once the result handler has returned. */
  reusable?(result: R): ArrayBuffer[];
}

/** An error for a block's result. */
export function blockError(e: LeadqError): BlockError {
  return { code: e.code, message: e.message, line: e.line, col: e.col, hint: e.hint };
}
