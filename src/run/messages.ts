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

/** A block result whose outputs are UTF-8 bytes (encoded in the worker, in parallel). */
export interface EncodedResult extends Omit<BlockResult, 'scored' | 'stages'> {
  scored: Uint8Array;
  stages: Uint8Array[];
}

export interface WorkerResponse {
  id: number;
  result: EncodedResult;
}

export function encodeResult(id: number, result: BlockResult): { payload: WorkerResponse; transfer: ArrayBuffer[] } {
  const scored = Buffer.from(result.scored, 'utf8');
  const stages = result.stages.map((s) => Buffer.from(s, 'utf8'));
  const payload: WorkerResponse = { id, result: { ...result, scored, stages } };
  // Buffer.from(string) may share a pooled ArrayBuffer for small strings: transfer only owned ones
  const transfer = [scored, ...stages].filter((b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength).map((b) => b.buffer as ArrayBuffer);
  return { payload, transfer };
}
