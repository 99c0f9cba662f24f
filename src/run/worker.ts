/** The worker thread's script (for the compiled modules; the bundle has its own, see scripts/bundle.mjs). */
import { parentPort } from 'node:worker_threads';
import { serveBlocks } from './worker-loop.js';

serveBlocks(parentPort!);
