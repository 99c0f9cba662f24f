/**
 * The `dedupe-keys` job, dedupe's first pass: each scored row's key and rank, by its ordinal
 * among the block's scored rows. Rows are read, rejected and counted as the `score` job reads
 * them (the same BlockScorer), so the ordinals are the second pass's; nothing is written.
 */
import type { CompiledRuleset } from '../../engine/types.js';
import type { BlockJob, BlockOutcome, JobSpec } from '../job.js';
import type { RulesJobOptions } from './compiled.js';
import { BlockScorer, type BlockOptions, type BlockResult } from './score-block.js';

export type DedupeKeysSpec = JobSpec<'dedupe-keys', RulesJobOptions>;

export interface DedupeKeysResult extends BlockOutcome {
  /** per scored row in order: its key, trimmed and lower-cased; '' when it has none */
  keys: string[];
  /** per scored row: what ranks it among its key's rows (higher wins) */
  ranks: Float64Array;
}

export class DedupeKeysJob implements BlockJob<DedupeKeysResult> {
  private readonly scorer: BlockScorer;

  constructor(compiled: CompiledRuleset, options: BlockOptions) {
    this.scorer = new BlockScorer(compiled, options, true);
  }

  runBytes(bytes: Buffer, final: boolean): DedupeKeysResult {
    return keysOf(this.scorer.scoreBytes(bytes, final));
  }

  runText(text: string, final: boolean): DedupeKeysResult {
    return keysOf(this.scorer.scoreText(text, final));
  }

  transfer(result: DedupeKeysResult): ArrayBuffer[] {
    return [result.ranks.buffer as ArrayBuffer];
  }
}

function keysOf(r: BlockResult): DedupeKeysResult {
  return { lines: r.lines, leftover: r.leftover, footerLine: r.footerLine, error: r.error, keys: r.keys!.keys, ranks: Float64Array.from(r.keys!.ranks) };
}
