#!/usr/bin/env node
// Starts from the bundle with its code cache when the build made one (fast start-up, see
// docs/performance.md); otherwise from the modules tsc compiled.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/bundle/leadq.js', import.meta.url));
const { main } = existsSync(bundle)
  ? (await import('../dist/code-cache.js')).loadBundle(bundle).exports
  : await import('../dist/cli.js');

process.exitCode = await main(process.argv.slice(2));
