/**
 * The `score` job: a block's rows scored and written (score-block.ts). Its result's byte buffers
 * move to the main thread; the main thread lends each block the memory its output is written
 * into and reuses both once they are written (input/csv/buffer-pool.ts). With dedupe, a block is
 * handed the ordinals of its rows that lose, which it writes as duplicates.
 */
import type { CompiledRuleset } from '../../engine/types.js';
import { outputCapacity } from '../../output/csv/output-buffer.js';
import type { BlockJob, BlockTask, JobSpec } from '../job.js';
import type { RulesJobOptions } from './compiled.js';
import { BlockScorer, type BlockOptions, type BlockResult } from './score-block.js';

export type ScoreJobSpec = JobSpec<'score', RulesJobOptions>;

/** Ordinals of a block's scored rows that lose to another row of their key, ascending (dedupe). */
export type Losers = Uint32Array;

export class ScoreJob implements BlockJob<BlockResult, Losers> {
  private readonly scorer: BlockScorer;

  constructor(compiled: CompiledRuleset, options: BlockOptions) {
    this.scorer = new BlockScorer(compiled, options);
  }

  runBytes(bytes: Buffer, final: boolean, task: BlockTask<Losers>): BlockResult {
    return this.scorer.scoreBytes(bytes, final, task.data);
  }

  runText(text: string, final: boolean, task: BlockTask<Losers>): BlockResult {
    return this.scorer.scoreText(text, final, task.data);
  }

  transfer(result: BlockResult): ArrayBuffer[] {
    // each buffer was allocated for this block alone (allocUnsafeSlow), so it can be transferred
    return [...new Set([result.scored, ...result.stages, result.duplicates].map((b) => b.buffer as ArrayBuffer))];
  }

  lend(inputBytes: number): number {
    return outputCapacity(inputBytes);
  }

  /** the scored output, once written (the per-stage outputs are allocated per block) */
  reusable(result: BlockResult): ArrayBuffer[] {
    return [result.scored.buffer as ArrayBuffer];
  }
}
