/**
 * The block pipeline with the least job there is (`count-records`: each record's first line and
 * field count): whatever the block size and the threads, results come in input order with the
 * shift that makes their lines absolute, and a record cut across blocks (a quoted field with
 * line breaks) is counted once, where it begins. Worker threads run the built code, so the
 * threaded runs load the pipeline from dist/ (npm test builds first).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as source from '../../src/run/pipeline.js';
import * as sourceBlocks from '../../src/input/csv/read-blocks.js';
import type { CountRecordsResult, CountRecordsSpec } from '../../src/run/jobs/count-records.js';
import { REPO } from '../e2e/helpers.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadq-pipeline-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Pipeline = typeof source;
type Blocks = typeof sourceBlocks;
const built = async (): Promise<{ pipeline: Pipeline; blocks: Blocks }> => ({
  pipeline: (await import(path.join(REPO, 'dist', 'run', 'pipeline.js'))) as Pipeline,
  blocks: (await import(path.join(REPO, 'dist', 'input', 'csv', 'read-blocks.js'))) as Blocks,
});

/** An export whose every fourth record spans three lines, every seventh has a field more; some lines end in \r\n. */
function exportFile(records: number): { file: string; firstLines: number[]; widths: number[] } {
  const lines = ['id,name,note'];
  const firstLines: number[] = [];
  const widths: number[] = [];
  let line = 2;
  for (let i = 1; i <= records; i++) {
    const note = i % 4 === 0 ? `"first of ${i}\nsecond, with ""quotes""\nthird"` : `note ${i}`;
    const extra = i % 7 === 0 ? ',extra' : '';
    lines.push(`${i},Lead ${i} ${'x'.repeat(i % 50)},${note}${extra}${i % 5 === 0 ? '\r' : ''}`);
    firstLines.push(line);
    widths.push(i % 7 === 0 ? 4 : 3);
    line += i % 4 === 0 ? 3 : 1;
  }
  const file = path.join(dir, `export-${records}.csv`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, firstLines, widths };
}

async function countRecords(modules: { pipeline: Pipeline; blocks: Blocks }, file: string, blockSize: number | undefined, threads: number) {
  const input = await modules.blocks.openBlockInput(file, { maxRecordSize: 1 << 20, blockSize });
  const job: CountRecordsSpec = { kind: 'count-records', options: { delimiter: input.delimiter, maxRecordSize: 1 << 20, file: input.name } };
  const firstLines: number[] = [];
  const widths: number[] = [];
  const indexes: number[] = [];
  const stats = await modules.pipeline.runPipeline<CountRecordsResult>(input, { job, threads }, (result, lineShift, index) => {
    indexes.push(index);
    for (const l of result.firstLines) firstLines.push(l + lineShift);
    widths.push(...result.widths);
  });
  return { firstLines, widths, indexes, stats };
}

describe('the block pipeline', () => {
  const expected = exportFile(3000);

  test.each([[64], [512], [4096], [undefined]])('in this thread, blocks of %p bytes: every record once, in order, at its line', async (blockSize) => {
    const run = await countRecords({ pipeline: source, blocks: sourceBlocks }, expected.file, blockSize, 1);
    expect(run.firstLines).toEqual(expected.firstLines);
    expect(run.widths).toEqual(expected.widths);
    expect(run.indexes).toEqual(run.indexes.map((_, i) => i));
    expect(run.stats.threads).toBe(0);
    if (blockSize !== undefined && blockSize <= 512) expect(run.stats.reruns).toBeGreaterThan(10);
  });

  test.each([[64], [512], [4096]])('in two worker threads, blocks of %p bytes: the same, though results come back out of order', async (blockSize) => {
    const run = await countRecords(await built(), expected.file, blockSize, 2);
    expect(run.stats.threads).toBe(2);
    expect(run.stats.blocks).toBeGreaterThan(10);
    expect(run.firstLines).toEqual(expected.firstLines);
    expect(run.widths).toEqual(expected.widths);
    expect(run.indexes).toEqual(run.indexes.map((_, i) => i));
    if (blockSize <= 512) expect(run.stats.reruns).toBeGreaterThan(10);
  });

  test('an error in a later block names its line in the whole input', async () => {
    const text = fs.readFileSync(expected.file, 'utf8');
    const broken = path.join(dir, 'broken.csv');
    // an invalid UTF-8 byte at the start of the 2,001st record
    const at = expected.firstLines[2000];
    const lines = text.split('\n');
    fs.writeFileSync(broken, Buffer.concat([Buffer.from(lines.slice(0, at - 1).join('\n') + '\n'), Buffer.from([0xff]), Buffer.from(lines.slice(at - 1).join('\n'))]));
    for (const threads of [1, 2]) {
      await expect(countRecords(await built(), broken, 512, threads)).rejects.toMatchObject({ code: 'INPUT_ENCODING', file: broken, line: at });
    }
  });
});
