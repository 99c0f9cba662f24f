// Loaded with `node --import` by bench/run.mjs: reports the process's peak resident memory
// (all threads) when it exits, on stderr, for the benchmark to read.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\n__peak_rss_kb=${process.resourceUsage().maxRSS}\n`);
});
