#!/usr/bin/env node
// The row path alone, for comparing changes to it: scores the blocks of an export in this thread
// (as a worker does), pass after pass, and prints the first pass and the fastest. On a shared
// machine the fastest of several passes hides the neighbours that whole runs cannot.
//
//   node bench/row-path.mjs                                   # bench/data/leads-100000.csv, 7 passes
//   node bench/row-path.mjs bench/data/leads-1000000.csv 3
//   LEADQ_DIST=/path/to/other/dist node bench/row-path.mjs    # another build, e.g. before a change
//
// The ruleset is bench/reference.rules.yaml; `npm run bench` generates the exports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const dist = pathToFileURL(process.env.LEADQ_DIST ?? join(root, 'dist')).href;
const { rulesetFromText } = await import(`${dist}/ruleset/index.js`);
const { compileRuleset } = await import(`${dist}/engine/compile.js`);
const { BlockScorer } = await import(`${dist}/run/jobs/score-block.js`);
const { assertUtf8 } = await import(`${dist}/input/csv/decode-block.js`);
const { recycle } = await import(`${dist}/input/csv/buffer-pool.js`);
const { parseDay } = await import(`${dist}/model/days.js`);

const file = process.argv[2] ?? join(root, 'bench', 'data', 'leads-100000.csv');
const passes = Number(process.argv[3] ?? 7);
const BLOCK = 256 * 1024; // as src/input/csv/read-blocks.ts reads

const data = readFileSync(file);
const headerEnd = data.indexOf(10);
const header = data.toString('utf8', 0, headerEnd).replace(/\r$/, '').split(',');
const rulesFile = join(root, 'bench', 'reference.rules.yaml');
const { ruleset } = rulesetFromText(readFileSync(rulesFile, 'utf8'), rulesFile);
const { compiled } = compileRuleset(ruleset, header, file, '2026-11-01');
const scorer = new BlockScorer(compiled, { asOfDay: parseDay('2026-11-01'), delimiter: ',', header, escapeFormulas: true, byStage: false, maxRecordSize: 1 << 20, file });

// blocks cut at line breaks, each in a buffer of its own, as the reader hands them to the workers
const blocks = [];
for (let pos = headerEnd + 1; pos < data.length;) {
  let end = Math.min(pos + BLOCK, data.length);
  if (end < data.length) end = data.lastIndexOf(10, end - 1) + 1;
  const block = Buffer.allocUnsafeSlow(end - pos);
  data.copy(block, 0, pos, end);
  blocks.push(block);
  pos = end;
}

const times = [];
let written = 0;
for (let pass = 0; pass < passes; pass++) {
  const start = performance.now();
  written = 0;
  for (let i = 0; i < blocks.length; i++) {
    assertUtf8(blocks[i], file, 'utf-8');
    const result = scorer.scoreBytes(blocks[i], i === blocks.length - 1);
    written += result.scored.length;
    recycle(result.scored.buffer); // as the pipeline hands output buffers back
  }
  times.push(performance.now() - start);
}
let rows = -1; // the header's line break
for (let i = data.indexOf(10); i >= 0; i = data.indexOf(10, i + 1)) rows++;
console.log(`${file}: ${rows.toLocaleString('en-US')} rows, ${(written / 1e6).toFixed(1)} MB written; `
  + `first pass ${times[0].toFixed(0)} ms, fastest of ${passes} ${Math.min(...times).toFixed(0)} ms`);
