/** The messages between the pipeline and its workers; block outputs travel as transferred bytes. */
import type { BlockOptions, BlockResult } from './jobs/score-block.js';

export interface WorkerInit {
  type: 'init';
  rulesSource: string;
  rulesFile: string;
  asOf: string;
  header: string[];
  encoding: string;
  blockOptions: BlockOptions;
}

export interface WorkerRequest {
  type: 'block';
  id: number;
  bytes: Uint8Array;
  final: boolean;
  /**
   * Memory for the block's output, moved along with the input: the main thread owns every block
   * buffer and reuses them once written, so a long run allocates them once (see output-buffer.ts)
   */
  out: ArrayBuffer;
}

export interface WorkerResponse {
  id: number;
  result: BlockResult;
  /** the block's input, handed back: the pipeline may have to rescore it */
  input: Uint8Array;
}

/** The response, with the output bytes and the input moved (not copied) to the main thread. */
export function resultMessage(id: number, result: BlockResult, input: Uint8Array): { payload: WorkerResponse; transfer: ArrayBuffer[] } {
  // each buffer was allocated for this block alone (allocUnsafeSlow), so it can be transferred
  const transfer = [...new Set([result.scored, ...result.stages, result.duplicates, input].map((b) => b.buffer as ArrayBuffer))];
  return { payload: { id, result, input }, transfer };
}
