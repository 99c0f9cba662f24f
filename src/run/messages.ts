/** The messages between the pipeline and its workers; block outputs travel as transferred bytes. */
import type { BlockOptions, BlockResult } from './block-scorer.js';

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
}

export interface WorkerResponse {
  id: number;
  result: BlockResult;
}

/** The response, with the output bytes moved (not copied) to the main thread. */
export function resultMessage(id: number, result: BlockResult): { payload: WorkerResponse; transfer: ArrayBuffer[] } {
  // each output buffer was allocated for this block alone (allocUnsafeSlow), so it can be transferred
  const transfer = [...new Set([result.scored, ...result.stages].map((b) => b.buffer as ArrayBuffer))];
  return { payload: { id, result }, transfer };
}
