/**
 * Runs a job (job.ts) over an input's blocks, in this thread or in worker threads, and hands the
 * results over in input order. Blocks are cut at line breaks without regard to quotes; when a
 * block ends inside a quoted field, its unfinished record is put in front of the next block,
 * which is then run again here. Line numbers are made absolute as results are handed over. What
 * a job does with its rows, the pipeline does not know.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LeadqError, type ErrorCode } from '../model/errors.js';
import type { BlockInput } from '../input/csv/read-blocks.js';
import { ownBuffer, recycle } from '../input/csv/buffer-pool.js';
import type { BlockJob, BlockOutcome, BlockTask, JobSpec } from './job.js';
import { buildJob } from './jobs/index.js';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './messages.js';
import { runBlock, type BlockSource, type FailedBlock } from './run-block.js';

export interface PipelineRun<R extends BlockOutcome, D = undefined> {
  /** the job as plain data: each worker thread builds its own from it (jobs/index.ts) */
  job: JobSpec;
  /** the same job built in this thread, when the caller has it at hand (rules already compiled); else built from `job` */
  local?: BlockJob<R, D>;
  /** worker threads to use; 1 runs everything in this thread */
  threads: number;
  /**
   * The result handler is done with a result when it returns (it writes files, not a pipe): the
   * block's buffers can then be reused, its input for reading, its result's for a later block's.
   */
  recycle?: boolean;
  /** what each block is handed when it is dispatched (job.ts, BlockTask.data); kept for a rerun */
  dataFor?: (index: number) => D | undefined;
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

/** A block's result with its input bytes (kept in case the block must be run again). */
interface Ran<R> {
  result: R | FailedBlock;
  input: Buffer;
}

const WORKER_SCRIPT = fileURLToPath(new URL('./worker.js', import.meta.url));
const YOUNG_GENERATION_MB = 8;

export function defaultThreads(): number {
  return Math.min(2, availableParallelism());
}

export async function runPipeline<R extends BlockOutcome, D = undefined>(input: BlockInput, run: PipelineRun<R, D>, onResult: ResultHandler<R>): Promise<PipelineStats> {
  const local = run.local ?? (buildJob(run.job) as unknown as BlockJob<R, D>);
  const runHere = (bytes: Buffer, final: boolean, task: BlockTask<D>, carried = '') => runBlock(local, bytes, final, task, input, carried);
  // workers only pay off beyond a block or two, and only when the script is built (not under ts-jest)
  const canUseWorkers = run.threads > 1 && existsSync(WORKER_SCRIPT);
  let pool: WorkerPool<R> | undefined;
  const queue: { result: Promise<Ran<R>>; final: boolean; task: BlockTask<D> }[] = [];
  let line = input.firstDataLine;
  let carry = '';
  /** a report footer was reached: what follows is not data */
  let footer = false;
  const stats: PipelineStats = { blocks: 0, reruns: 0, threads: 0 };

  const settle = async () => {
    const item = queue.shift()!;
    const { result: ran, input: bytes } = await item.result;
    let result = ran;
    // the previous block ended inside a quoted field: this one was parsed from the wrong state
    if (carry !== '') { result = runHere(bytes, item.final, item.task, carry); stats.reruns++; }
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
      // more than one block: the threads start now, and boot while this one runs the first block
      if (index === 0 && !block.final && canUseWorkers) pool = new WorkerPool(run.job, run.threads, input, local);
      const task: BlockTask<D> = { index, data: run.dataFor?.(index) };
      const result = pool !== undefined && index > 0
        ? pool.run(block.bytes, block.final, task)
        : Promise.resolve({ result: runHere(block.bytes, block.final, task), input: block.bytes });
      queue.push({ result, final: block.final, task });
      index++;
      while (queue.length > (pool ? pool.size * 3 : 0) && !footer) await settle();
      if (footer) break;
    }
    while (queue.length > 0 && !footer) await settle();
    stats.threads = pool?.size ?? 0;
    return stats;
  } finally {
    await pool?.close();
    await input.close();
  }
}

class WorkerPool<R extends BlockOutcome> {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (r: Ran<R>) => void; reject: (e: Error) => void }>();
  /** blocks sent to each worker and not yet returned */
  private readonly pending: number[] = [];
  private nextId = 0;
  private failure: Error | undefined;

  /** `local`: this thread's job, which says how much memory to lend each block for its result */
  constructor(job: JobSpec, threads: number, source: BlockSource, private readonly local: Pick<BlockJob, 'lend'>) {
    const init: WorkerInit = { type: 'init', job, name: source.name, encoding: source.encoding };
    for (let i = 0; i < threads; i++) {
      // a worker's garbage is short-lived (a block's strings and results): a young generation of
      // 8 MB collects it as well as V8's default, which a long run lets grow to several times that
      const worker = new Worker(WORKER_SCRIPT, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      const index = i;
      this.pending.push(0);
      worker.on('message', (m: WorkerResponse) => {
        this.pending[index]--;
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        w?.resolve({ result: m.result as R | FailedBlock, input: Buffer.from(m.input.buffer, m.input.byteOffset, m.input.byteLength) });
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => { if (code !== 0) this.fail(new Error(`a worker thread stopped with code ${code}`)); });
      worker.postMessage(init);
      this.workers.push(worker);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  run(bytes: Buffer, final: boolean, task: BlockTask<unknown>): Promise<Ran<R>> {
    if (this.failure) {
      const failed = Promise.reject(this.failure);
      failed.catch(() => {}); // awaited later, in order; not an unhandled rejection meanwhile
      return failed;
    }
    const id = this.nextId++;
    const promise = new Promise<Ran<R>>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // to the worker with the fewest blocks waiting: a thread slowed down (by the writes on the
      // main thread sharing its core) gets fewer, so results in input order are not held up
      let w = id % this.workers.length;
      for (let k = 0; k < this.workers.length; k++) if (this.pending[k] < this.pending[w]) w = k;
      this.pending[w]++;
      // moved, not copied (each block owns its buffers); the worker hands both back with the result
      const lend = this.local.lend?.(bytes.length) ?? 0;
      const lent = lend > 0 ? [ownBuffer(lend).buffer as ArrayBuffer] : [];
      const request: WorkerRequest = { type: 'block', id, index: task.index, bytes, final, data: task.data, lent };
      this.workers[w].postMessage(request, [bytes.buffer as ArrayBuffer, ...lent]);
    });
    // the pipeline awaits results in order; a failure must not surface earlier as an unhandled rejection
    promise.catch(() => {});
    return promise;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
