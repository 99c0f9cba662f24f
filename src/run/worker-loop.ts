/**
 * What a worker thread does: builds its job from the plain data it is sent (jobs/index.ts), then
 * runs the blocks it is sent and returns their results, their memory moved, not copied.
 * Started by worker.ts (the compiled modules) or by the bundle's worker.js (scripts/bundle.mjs).
 */
import type { MessagePort } from 'node:worker_threads';
import { recycle } from '../input/csv/buffer-pool.js';
import type { BlockJob } from './job.js';
import { buildJob } from './jobs/index.js';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './messages.js';
import { runBlock } from './run-block.js';

export function serveBlocks(port: MessagePort): void {
  let job: BlockJob | undefined;
  let init: WorkerInit | undefined;
  port.on('message', (message: WorkerInit | WorkerRequest) => {
    if (message.type === 'init') {
      init = message;
      job = buildJob(message.job);
      return;
    }
    for (const memory of message.lent) recycle(memory); // the block's result is written into it (unless it is too small to keep)
    const bytes = Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength);
    const result = runBlock(job!, bytes, message.final, { index: message.index, data: message.data }, init!);
    const payload: WorkerResponse = { id: message.id, result, input: message.bytes };
    const memory = result.error ? [] : job!.transfer(result);
    port.postMessage(payload, [...new Set([...memory, message.bytes.buffer as ArrayBuffer])]);
  });
}
