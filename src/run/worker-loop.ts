/**
 * What a scoring worker thread does: compiles the ruleset from the same source text as the main
 * thread, then scores the blocks it is sent and returns their results, the output already encoded.
 * Started by worker.ts (the compiled modules) or by the bundle's worker.js (scripts/bundle.mjs).
 */
import type { MessagePort } from 'node:worker_threads';
import { LeadqError } from '../model/errors.js';
import { compileRuleset } from '../engine/compile.js';
import { rulesetFromText } from '../ruleset/index.js';
import { BlockScorer } from './jobs/score-block.js';
import { assertUtf8 } from '../input/csv/decode-block.js';
import { resultMessage, type WorkerInit, type WorkerRequest } from './messages.js';
import { recycle } from '../input/csv/buffer-pool.js';

export function serveBlocks(port: MessagePort): void {
  let scorer: BlockScorer | undefined;
  let init: WorkerInit | undefined;
  port.on('message', (message: WorkerInit | WorkerRequest) => {
    if (message.type === 'init') {
      init = message;
      const { ruleset } = rulesetFromText(message.rulesSource, message.rulesFile);
      const { compiled } = compileRuleset(ruleset, message.header, message.blockOptions.file, message.asOf);
      scorer = new BlockScorer(compiled, message.blockOptions);
      return;
    }
    recycle(message.out); // the block's output is written into it (unless it is too small to keep)
    let result;
    try {
      const bytes = Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength);
      assertUtf8(bytes, init!.blockOptions.file, init!.encoding);
      result = scorer!.scoreBytes(bytes, message.final);
    } catch (error) {
      if (!(error instanceof LeadqError)) throw error;
      result = scorer!.failed(error);
    }
    const { payload, transfer } = resultMessage(message.id, result, message.bytes);
    port.postMessage(payload, transfer);
  });
}
