/**
 * What the bundle (scripts/bundle.mjs) exposes: the CLI, and the loop of the worker threads,
 * which start from the same bundle so that they, too, load its code already compiled.
 */
export { defaultIo, main } from './cli.js';
export { serveBlocks } from './run/worker-loop.js';
