// Loaded with `node --import` by bench/run.mjs: reports the process's peak resident memory
// and CPU time (all threads) when it exits, on stderr, for the benchmark to read.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const usage = process.resourceUsage();
  writeSync(2, `\n__peak_rss_kb=${usage.maxRSS}\n__cpu_ms=${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`);
});
