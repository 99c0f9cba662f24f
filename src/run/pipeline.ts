/**
 * Scores an input's blocks, in this thread or in worker threads, and hands the results over in
 * input order. Blocks are cut at line breaks without regard to quotes; when a block ends inside
 * a quoted field, its unfinished record is put in front of the next block, which is then scored
 * again here. Line numbers are made absolute as results are handed over.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CompiledRuleset } from '../engine/types.js';
import { LeadqError, type ErrorCode } from '../model/errors.js';
import type { BlockInput } from '../input/csv/read-blocks.js';
import { BlockScorer, type BlockOptions, type BlockResult } from './jobs/score-block.js';
import { locateIn } from '../input/csv/locate.js';
import { assertUtf8, decodeBlock } from '../input/csv/decode-block.js';
import type { WorkerInit, WorkerResponse } from './messages.js';
import { outputCapacity } from '../output/csv/output-buffer.js';
import { ownBuffer, recycle } from '../input/csv/buffer-pool.js';


export interface PipelineSetup {
  compiled: CompiledRuleset;
  rulesSource: string;
  rulesFile: string;
  asOf: string;
  blockOptions: BlockOptions;
  /** worker threads to use; 1 scores everything in this thread */
  threads: number;
  /** sets up the in-thread scorer (dedupe passes, which need absolute lines and so run in this thread) */
  configure?: (scorer: BlockScorer) => void;
  /**
   * The result handler writes every output synchronously (files, not a pipe), so once it returns
   * a block's buffers can be reused: its input for reading, its output for a later block's.
   */
  recycle?: boolean;
}

/** A block's result with its input bytes (kept in case the block must be scored again). */
interface Scored {
  result: BlockResult;
  input: Buffer;
}

/** Called per block in input order; `lineShift` turns the block's relative lines into absolute ones. */
export type ResultHandler = (result: BlockResult, lineShift: number) => Promise<void> | void;

const WORKER_SCRIPT = fileURLToPath(new URL('./worker.js', import.meta.url));
const YOUNG_GENERATION_MB = 8;

export function defaultThreads(): number {
  return Math.min(2, availableParallelism());
}

export async function runPipeline(input: BlockInput, setup: PipelineSetup, onResult: ResultHandler): Promise<void> {
  const local = new BlockScorer(setup.compiled, setup.blockOptions);
  setup.configure?.(local);
  const scoreHere = (bytes: Buffer, final: boolean, prefix = ''): BlockResult => {
    local.lineBase = line;
    try {
      if (prefix !== '') return local.scoreText(prefix + decodeBlock(bytes, input.name, input.encoding), final);
      assertUtf8(bytes, input.name, input.encoding);
      return local.scoreBytes(bytes, final);
    } catch (error) {
      if (!(error instanceof LeadqError)) throw error;
      // the bytes' lines follow the carried record's: count its line breaks in
      const shift = prefix === '' || error.line === undefined ? 0 : locateIn(prefix, 1).line - 1;
      return local.failed(shift === 0 ? error : new LeadqError(error.code, error.message, { line: error.line! + shift, col: error.col, hint: error.hint }));
    }
  };
  // workers only pay off beyond a block or two, and only when the script is built (not under ts-jest)
  const canUseWorkers = setup.threads > 1 && !setup.configure && existsSync(WORKER_SCRIPT);
  let pool: WorkerPool | undefined;
  const queue: { result: Promise<Scored>; final: boolean }[] = [];
  let line = input.firstDataLine;
  let carry = '';
  /** a report footer was reached: what follows is not data */
  let footer = false;

  const settle = async () => {
    const item = queue.shift()!;
    const { result: scored, input: bytes } = await item.result;
    let result = scored;
    // the previous block ended inside a quoted field: this one was parsed from the wrong state
    if (carry !== '') result = scoreHere(bytes, item.final, carry);
    if (result.error) {
      const e = result.error;
      throw new LeadqError(e.code as ErrorCode, e.message, { file: input.name, line: e.line === undefined ? undefined : e.line + line - 1, col: e.col, hint: e.hint });
    }
    await onResult(result, line - 1);
    if (setup.recycle) {
      // the block's buffers, written: for the next blocks (the per-stage outputs are allocated per block)
      recycle(result.scored.buffer as ArrayBuffer);
      if (carry === '') recycle(bytes.buffer as ArrayBuffer);
    }
    line += result.lines;
    carry = result.leftover;
    if (result.footerLine > 0) footer = true;
  };

  try {
    let index = 0;
    for await (const block of input.blocks()) {
      // more than one block: the threads start now, and boot while this one scores the first block
      if (index === 0 && !block.final && canUseWorkers) pool = new WorkerPool(setup, input.encoding);
      const result = pool !== undefined && index > 0
        ? pool.score(block.bytes, block.final)
        : Promise.resolve({ result: scoreHere(block.bytes, block.final), input: block.bytes });
      queue.push({ result, final: block.final });
      index++;
      while (queue.length > (pool ? pool.size * 3 : 0) && !footer) await settle();
      if (footer) break;
    }
    while (queue.length > 0 && !footer) await settle();
  } finally {
    await pool?.close();
    await input.close();
  }
}

class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (r: Scored) => void; reject: (e: Error) => void }>();
  /** blocks sent to each worker and not yet returned */
  private readonly pending: number[] = [];
  private nextId = 0;
  private failure: Error | undefined;

  constructor(setup: PipelineSetup, encoding: string) {
    const init: WorkerInit = {
      type: 'init', rulesSource: setup.rulesSource, rulesFile: setup.rulesFile, asOf: setup.asOf,
      header: setup.compiled.header, encoding, blockOptions: setup.blockOptions,
    };
    for (let i = 0; i < setup.threads; i++) {
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
      worker.on('exit', (code) => { if (code !== 0) this.fail(new Error(`a scoring worker stopped with code ${code}`)); });
      worker.postMessage(init);
      this.workers.push(worker);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  score(bytes: Buffer, final: boolean): Promise<Scored> {
    if (this.failure) {
      const failed = Promise.reject(this.failure);
      failed.catch(() => {}); // awaited later, in order; not an unhandled rejection meanwhile
      return failed;
    }
    const id = this.nextId++;
    const promise = new Promise<Scored>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // to the worker with the fewest blocks waiting: a thread slowed down (by the writes on the
      // main thread sharing its core) gets fewer, so results in input order are not held up
      let w = id % this.workers.length;
      for (let k = 0; k < this.workers.length; k++) if (this.pending[k] < this.pending[w]) w = k;
      this.pending[w]++;
      // moved, not copied (each block owns its buffers); the worker hands both back with the result
      const out = ownBuffer(outputCapacity(bytes.length)).buffer as ArrayBuffer;
      this.workers[w].postMessage({ type: 'block', id, bytes, final, out }, [bytes.buffer as ArrayBuffer, out]);
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
