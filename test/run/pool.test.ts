/**
 * One set of worker threads for several runs (the inputs of one export, dedupe's two passes):
 * each run hands the threads its job, and blocks of a run that stopped early (a report footer)
 * still in a thread never reach the next run. Worker threads run the built code (npm test
 * builds first).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as Pipeline from '../../src/run/pipeline.js';
import type * as Pool from '../../src/run/worker-pool.js';
import type * as Blocks from '../../src/input/csv/read-blocks.js';
import type { CountRecordsResult } from '../../src/run/jobs/count-records.js';
import { REPO } from '../e2e/helpers.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadq-pool-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const dist = async <T>(file: string): Promise<T> => (await import(path.join(REPO, 'dist', file))) as T;

/** `records` rows, every third with a note over two lines; the first lines of the records. */
function exportFile(name: string, records: number): { file: string; firstLines: number[] } {
  const lines = ['id,note'];
  const firstLines: number[] = [];
  let line = 2;
  for (let i = 1; i <= records; i++) {
    lines.push(i % 3 === 0 ? `${i},"two\nlines ${'x'.repeat(i % 30)}"` : `${i},one line ${'y'.repeat(i % 40)}`);
    firstLines.push(line);
    line += i % 3 === 0 ? 2 : 1;
  }
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, firstLines };
}

describe('a worker pool shared by several runs', () => {
  test('runs with one pool, one after the other, each get their own records in order', async () => {
    const { runPipeline } = await dist<typeof Pipeline>('run/pipeline.js');
    const { WorkerPool } = await dist<typeof Pool>('run/worker-pool.js');
    const { openBlockInput } = await dist<typeof Blocks>('input/csv/read-blocks.js');
    const files = [exportFile('a.csv', 4000), exportFile('b.csv', 5000), exportFile('c.csv', 6000)];
    const pool = new WorkerPool(2);
    try {
      for (const [i, { file, firstLines }] of [...files, files[0]].entries()) {
        const input = await openBlockInput(file, { maxRecordSize: 1 << 20, blockSize: [300, 700, 2000, 512][i] });
        const seen: number[] = [];
        const job = { kind: 'count-records', options: { delimiter: ',', maxRecordSize: 1 << 20, file } };
        const stats = await runPipeline<CountRecordsResult>(input, { job, threads: 2, pool }, (r, shift) => { for (const l of r.firstLines) seen.push(l + shift); });
        expect([i, stats.threads, seen]).toEqual([i, 2, firstLines]);
      }
      expect(pool.size).toBe(2);
    } finally {
      await pool.close();
    }
  });

  test('a report footer early in the first of two inputs (its later blocks dropped in the threads): the same bytes as one thread, with dedupe', () => {
    const header = '"Lead ID","Email","Lead Source","Last Activity"';
    const row = (i: number) => `"${i}","lead${i % 300}@x.example","${['Web', 'Events'][i % 2]}","10/${1 + (i % 28)}/2026"`;
    const first = [header, ...Array.from({ length: 200 }, (_, i) => row(i)), '', '"Grand Totals (200 records)"',
      ...Array.from({ length: 20000 }, (_, i) => `"not data ${i}","x","y","z"`)];
    const second = [header, ...Array.from({ length: 3000 }, (_, i) => row(1000 + i))];
    const inputs = [path.join(dir, 'report-1.csv'), path.join(dir, 'report-2.csv')];
    fs.writeFileSync(inputs[0], `${first.join('\r\n')}\r\n`);
    fs.writeFileSync(inputs[1], `${second.join('\r\n')}\r\n`);
    const rules = path.join(dir, 'rules.yaml');
    fs.writeFileSync(rules, `columns: { preset: salesforce-report }
formats:
  last_activity: { date: 'M/d/yyyy' }
source_column: lead_source
engagement:
  - { name: recent, when: { column: last_activity, within_days: 30 }, points: 20 }
stages:
  - name: lead
  - name: mql
    when: { score: engagement, gte: 20 }
dedupe: { key: email, keep: latest, date: last_activity }
`);
    const outDir = (name: string, ...extra: string[]) => {
      const out = path.join(dir, name);
      const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'leadq.js'), 'score', ...inputs, '-r', rules, '--as-of', '2026-11-01', '--out-dir', out, ...extra], { encoding: 'utf8' });
      expect([r.status, r.stderr]).toEqual([0, `leadq: stopped at the report footer at ${inputs[0]}:203\n`]);
      return out;
    };
    const one = outDir('footer-one', '--threads', '1');
    const two = outDir('footer-two', '--threads', '2', '--block-size', '512');
    const files = fs.readdirSync(one).sort();
    expect(files).toEqual(['.leadq-outputs.json', 'disqualified.csv', 'duplicates.csv', 'lead.csv', 'mql.csv', 'scored.csv', 'summary.json', 'summary.svg']);
    for (const f of files) expect([f, fs.readFileSync(path.join(two, f)).equals(fs.readFileSync(path.join(one, f)))]).toEqual([f, true]);
    expect(fs.readFileSync(path.join(one, 'scored.csv'), 'utf8')).not.toContain('not data');
  }, 30_000);
});
