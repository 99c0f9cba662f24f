/**
 * Runs a job (job.ts) over an input's blocks, in this thread or in worker threads, and hands the
 * results over in input order. Blocks are cut at line breaks without regard to quotes; when a
 * block ends inside a quoted field, its unfinished record is put in front of the next block,
 * which is then run again here. Line numbers are made absolute as results are handed over. What
 * a job does with its rows, the pipeline does not know.
 */
import { availableParallelism } from 'node:os';
import { LeadqError, type ErrorCode } from '../model/errors.js';
import type { BlockInput } from '../input/csv/read-blocks.js';
import { recycle } from '../input/csv/buffer-pool.js';
import type { BlockJob, BlockOutcome, BlockTask, JobSpec } from './job.js';
import { buildJob } from './jobs/index.js';
import { runBlock, type FailedBlock } from './run-block.js';
import { WorkerPool, type Ran } from './worker-pool.js';

export interface PipelineRun<R extends BlockOutcome, D = undefined> {
  /** the job as plain data: each worker thread builds its own from it (jobs/index.ts) */
  job: JobSpec;
  /** the same job built in this thread, when the caller has it at hand (rules already compiled); else built from `job` */
  local?: BlockJob<R, D>;
  /** worker threads to use; 1 runs everything in this thread */
  threads: number;
  /**
   * Threads that outlive this run (several inputs, dedupe's two passes): started once, their
   * code optimised once; the caller closes them. Without, the run starts and closes its own.
   */
  pool?: WorkerPool;
  /**
   * The result handler is done with a result when it returns (it writes files, not a pipe): the
   * block's buffers can then be reused, its input for reading, its result's for a later block's.
   */
  recycle?: boolean;
  /** what each block is handed when it is dispatched (job.ts, BlockTask.data); kept for a rerun */
  dataFor?: (index: number) => D | undefined;
  /**
   * A thread's result replaced by a rerun of its block here, in input order: for a job whose
   * results carry what the thread's later results build on (account-leads: strings numbered once)
   */
  discarded?: (result: R | FailedBlock) => void;
}

/** Called per block in input order; `lineShift` turns the block's relative lines into absolute ones. */
export type ResultHandler<R> = (result: R, lineShift: number, index: number) => Promise<void> | void;

/** How a run went: for tests and for the curious, not for results. */
export interface PipelineStats {
  /** blocks handed to the result handler */
  blocks: number;
  /** of those, blocks run again behind a record carried from the block before */
  reruns: number;
  /** worker threads started (0: every block ran in this thread) */
  threads: number;
}

export function defaultThreads(): number {
  return Math.min(2, availableParallelism());
}

export async function runPipeline<R extends BlockOutcome, D = undefined>(input: BlockInput, run: PipelineRun<R, D>, onResult: ResultHandler<R>): Promise<PipelineStats> {
  const local = run.local ?? (buildJob(run.job) as unknown as BlockJob<R, D>);
  const runHere = (bytes: Buffer, final: boolean, task: BlockTask<D>, carried = '') => runBlock(local, bytes, final, task, input, carried);
  const pool = run.pool ?? new WorkerPool(run.threads);
  /** whether this run's blocks go to the threads (workers only pay off beyond a block or two) */
  let threaded = false;
  const queue: { result: Promise<Ran<BlockOutcome>>; final: boolean; task: BlockTask<D> }[] = [];
  let line = input.firstDataLine;
  let carry = '';
  /** a report footer was reached: what follows is not data */
  let footer = false;
  const stats: PipelineStats = { blocks: 0, reruns: 0, threads: 0 };

  const settle = async () => {
    const item = queue.shift()!;
    const { result: ran, input: bytes } = (await item.result) as Ran<R>;
    let result = ran;
    // the previous block ended inside a quoted field: this one was parsed from the wrong state
    if (carry !== '') { run.discarded?.(result); result = runHere(bytes, item.final, item.task, carry); stats.reruns++; }
    if (result.error) {
      const e = result.error;
      throw new LeadqError(e.code as ErrorCode, e.message, { file: input.name, line: e.line === undefined ? undefined : e.line + line - 1, col: e.col, hint: e.hint });
    }
    await onResult(result as R, line - 1, item.task.index);
    stats.blocks++;
    if (run.recycle) {
      // the block's buffers, handled: for the next blocks
      for (const memory of local.reusable?.(result as R) ?? []) recycle(memory);
      if (carry === '') recycle(bytes.buffer as ArrayBuffer);
    }
    line += result.lines;
    carry = result.leftover;
    if (result.footerLine > 0) footer = true;
  };

  try {
    let index = 0;
    for await (const block of input.blocks()) {
      // more than one block: the threads take the job now (booting, the first time, while this
      // thread runs the first block)
      if (index === 0 && !block.final && pool.usable) { pool.begin(run.job, input, local); threaded = true; }
      const task: BlockTask<D> = { index, data: run.dataFor?.(index) };
      const result = threaded && index > 0
        ? pool.run(block.bytes, block.final, task)
        : Promise.resolve({ result: runHere(block.bytes, block.final, task), input: block.bytes });
      queue.push({ result, final: block.final, task });
      index++;
      while (queue.length > (threaded ? pool.size * 3 : 0) && !footer) await settle();
      if (footer) break;
    }
    while (queue.length > 0 && !footer) await settle();
    stats.threads = threaded ? pool.size : 0;
    return stats;
  } finally {
    if (run.pool === undefined) await pool.close();
    await input.close();
  }
}
