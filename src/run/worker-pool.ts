/**
 * The worker threads of the pipeline. A pool can serve several runs one after the other (the
 * inputs of one export, dedupe's two passes): its threads start once, at the first run that
 * needs them, and each run hands them its job (`begin`). A block goes to the thread with the
 * fewest blocks waiting; its input, and memory lent for its result, move to the thread and back.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ownBuffer } from '../input/csv/buffer-pool.js';
import type { BlockJob, BlockOutcome, BlockTask, JobSpec } from './job.js';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './messages.js';
import type { BlockSource, FailedBlock } from './run-block.js';

/** A block's result with its input bytes (kept in case the block must be run again). */
export interface Ran<R> {
  result: R | FailedBlock;
  input: Buffer;
}

const WORKER_SCRIPT = fileURLToPath(new URL('./worker.js', import.meta.url));
const YOUNG_GENERATION_MB = 8;

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (r: Ran<BlockOutcome>) => void; reject: (e: Error) => void }>();
  /** blocks sent to each worker and not yet returned */
  private readonly pending: number[] = [];
  private nextId = 0;
  private failure: Error | undefined;
  /** the current run's job, which says how much memory to lend each block for its result */
  private lender: Pick<BlockJob, 'lend'> = {};

  /** `threads`: how many to start when a run first needs them */
  constructor(private readonly threads: number) {}

  /** Whether runs can use threads: more than one asked for, and the worker script built (not under ts-jest). */
  get usable(): boolean {
    return this.threads > 1 && existsSync(WORKER_SCRIPT);
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * Hands the threads a run's job (`lender`: the same job in this thread), starting them the
   * first time. Blocks of an earlier run still in a thread are run first and their results dropped.
   */
  begin(job: JobSpec, source: BlockSource, lender: Pick<BlockJob, 'lend'>): void {
    if (this.workers.length === 0) this.start();
    this.lender = lender;
    const init: WorkerInit = { type: 'init', job, name: source.name, encoding: source.encoding };
    for (const worker of this.workers) worker.postMessage(init);
  }

  private start(): void {
    for (let i = 0; i < this.threads; i++) {
      // a worker's garbage is short-lived (a block's strings and results): a young generation of
      // 8 MB collects it as well as V8's default, which a long run lets grow to several times that
      const worker = new Worker(WORKER_SCRIPT, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      const index = i;
      this.pending.push(0);
      worker.on('message', (m: WorkerResponse) => {
        this.pending[index]--;
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        w?.resolve({ result: m.result, input: Buffer.from(m.input.buffer, m.input.byteOffset, m.input.byteLength) });
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => { if (code !== 0) this.fail(new Error(`a worker thread stopped with code ${code}`)); });
      this.workers.push(worker);
    }
  }

  run(bytes: Buffer, final: boolean, task: BlockTask<unknown>): Promise<Ran<BlockOutcome>> {
    if (this.failure) {
      const failed = Promise.reject(this.failure);
      failed.catch(() => {}); // awaited later, in order; not an unhandled rejection meanwhile
      return failed;
    }
    const id = this.nextId++;
    const promise = new Promise<Ran<BlockOutcome>>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // to the worker with the fewest blocks waiting: a thread slowed down (by the writes on the
      // main thread sharing its core) gets fewer, so results in input order are not held up
      let w = id % this.workers.length;
      for (let k = 0; k < this.workers.length; k++) if (this.pending[k] < this.pending[w]) w = k;
      this.pending[w]++;
      // moved, not copied (each block owns its buffers); the worker hands both back with the result
      const lend = this.lender.lend?.(bytes.length) ?? 0;
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

  /**
   * Ends the threads between two runs; the next run that needs threads starts new ones. What a
   * run's jobs held for the whole run (the accounts pass: every key each thread met) goes with
   * them at once: V8 would keep it as old-generation garbage well into the next run, beside that
   * run's own memory.
   */
  async restart(): Promise<void> {
    const workers = this.workers.splice(0);
    this.pending.length = 0;
    // ended on purpose: not a failure
    for (const w of workers) w.removeAllListeners('exit');
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
