#!/usr/bin/env node
// Starts from the bundle with its code cache when the build made one (fast start-up, see
// docs/performance.md); otherwise, or when tsc has compiled dist/ again since, from dist/.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Past `ulimit -f`, the kernel kills a writer with SIGXFSZ, leaving a temporary file behind;
// ignored, the write fails with EFBIG instead, and leadq reports it and cleans up (exit 1).
process.on('SIGXFSZ', () => {});

const dist = (file) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));
const bundle = dist('bundle/leadq.js');
const fresh = existsSync(bundle) && statSync(bundle).mtimeMs >= statSync(dist('cli.js')).mtimeMs;
const { main } = fresh
  ? (await import('../dist/code-cache.js')).loadBundle(bundle).exports
  : await import('../dist/cli.js');

process.exitCode = await main(process.argv.slice(2));
