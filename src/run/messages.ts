/** The messages between the pipeline and its workers; blocks and results travel as moved (transferred) memory. */
import type { BlockOutcome, JobSpec } from './job.js';

export interface WorkerInit {
  type: 'init';
  /** what the worker builds its job from (jobs/index.ts) */
  job: JobSpec;
  /** the input's name and encoding, for the errors of its bytes */
  name: string;
  encoding: string;
}

export interface WorkerRequest {
  type: 'block';
  id: number;
  /** the block's place in the input (job.ts, BlockTask) */
  index: number;
  bytes: Uint8Array;
  final: boolean;
  /** what the caller hands the block (BlockTask.data): copied, so the pipeline keeps its own for a rerun */
  data: unknown;
  /**
   * Memory for the block's result, moved along with the input: the main thread owns every block
   * buffer and reuses them once written, so a long run allocates them once (see output-buffer.ts)
   */
  lent: ArrayBuffer[];
}

export interface WorkerResponse {
  id: number;
  result: BlockOutcome;
  /** the block's input, handed back: the pipeline may have to run it again */
  input: Uint8Array;
}
