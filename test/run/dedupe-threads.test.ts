/**
 * Dedupe on worker threads: both passes run on the pool, each block handed its losing rows by
 * ordinal. Whatever the threads and the block size, every output is the same bytes as one thread
 * with the default blocks, and the rows kept are the ones the rules of `keep` choose, also when a
 * record carried across a block cut (a quoted field with line breaks) is among a key's rows and
 * when a key's rows are spread over several inputs. Worker threads run the built code, so this
 * runs the built CLI (npm test builds first).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBlockInput } from '../../src/input/csv/read-blocks.js';
import type { CountRecordsResult } from '../../src/run/jobs/count-records.js';
import { runPipeline } from '../../src/run/pipeline.js';
import { readCsv, REPO } from '../e2e/helpers.js';
import { mulberry32 } from '../support/random.js';

const BIN = path.join(REPO, 'bin', 'leadq.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadq-dedupe-threads-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const rules = (dedupe: string) => `
columns: { email: Email, last: Last Activity }
engagement:
  - { name: visits, per: Visits, points: 10, max: 50 }
  - { name: recent, when: { column: last, within_days: 30 }, points: 5 }
stages:
  - name: lead
  - name: mql
    when: { score: engagement, gte: 30 }
dedupe: ${dedupe}
`;

const HEADER = 'ID,Email,Visits,Last Activity,Note';
const ROWS = 4000;

/** Rows of 400 keys (spelt with other case and spaces), every third with a note over three lines, every 97th (single-line) a field too many. */
function exportRows(): string[] {
  const rand = mulberry32(11);
  const rows: string[] = [];
  for (let i = 1; i <= ROWS; i++) {
    const k = Math.floor(rand() * 400);
    const email = k % 50 === 0 ? '' : rand() < 0.2 ? ` Lead${k}@X.example ` : `lead${k}@x.example`;
    const day = rand() < 0.1 ? '' : `2026-${String(9 + Math.floor(rand() * 2)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    // long quoted lines: many block cuts land inside them
    const note = i % 3 === 0 ? `"call ${i} back ${'x'.repeat((i * 7) % 40)},\nthen ""mail"" ${'y'.repeat((i * 13) % 41)}\nagain"` : `note ${i}`;
    rows.push(`${i},${email},${Math.floor(rand() * 7)},${day},${note}${i % 97 === 0 && i % 3 !== 0 ? ',extra' : ''}`);
  }
  return rows;
}

const rows = exportRows();
const whole = path.join(dir, 'leads.csv');
fs.writeFileSync(whole, `${HEADER}\n${rows.join('\n')}\n`);
const parts = [path.join(dir, 'part-1.csv'), path.join(dir, 'part-2.csv')];
fs.writeFileSync(parts[0], `${HEADER}\n${rows.slice(0, 1700).join('\n')}\n`);
fs.writeFileSync(parts[1], `${HEADER}\n${rows.slice(1700).join('\r\n')}\r\n`);

/** Scores `inputs` into the directory `name`, with the rules file of `keep` (summary.json names it). */
function scoreTo(name: string, inputs: string[], dedupe: string, ...extra: string[]): Map<string, Buffer> {
  const rulesFile = path.join(dir, `rules-${name.split('-')[0]}.yaml`);
  fs.writeFileSync(rulesFile, rules(dedupe));
  const out = path.join(dir, name);
  const r = spawnSync(process.execPath, [BIN, 'score', ...inputs, '-r', rulesFile, '--as-of', '2026-11-01', '--out-dir', out, '-q', ...extra], { encoding: 'utf8' });
  expect([r.status, r.stderr]).toEqual([3, expect.stringMatching(/^leadq: [\d,]+ of 4,000 rows rejected/)]);
  return new Map(fs.readdirSync(out).sort().map((f) => [f, fs.readFileSync(path.join(out, f))]));
}

/** The ids `keep` chooses, by the rules of docs/rules.md: ties and keyless rows as they say. */
function chosen(keep: string, scores: Map<string, number>): Set<string> {
  const best = new Map<string, { id: string; rank: number }>();
  const kept = new Set<string>();
  for (const row of rows) {
    const [id, email, , day] = row.split(',');
    if (row.endsWith(',extra')) continue;
    const key = email.trim().toLowerCase();
    if (key === '') { kept.add(id); continue; }
    const rank = keep === 'first' ? 0 : keep === 'latest' ? (day === '' ? -Infinity : Date.parse(day)) : scores.get(id)!;
    const b = best.get(key);
    if (b === undefined || rank > b.rank) best.set(key, { id, rank });
  }
  for (const { id } of best.values()) kept.add(id);
  return kept;
}

/** The ids of the records that the block cuts of `blockSize` carry from one block to the next. */
async function carriedIds(blockSize: number): Promise<string[]> {
  const input = await openBlockInput(whole, { maxRecordSize: 1 << 20, blockSize });
  const ids: string[] = [];
  await runPipeline<CountRecordsResult>(input, { job: { kind: 'count-records', options: { delimiter: ',', maxRecordSize: 1 << 20, file: whole } }, threads: 1 }, (r) => {
    if (r.leftover !== '') ids.push(r.leftover.split(',')[0]);
  });
  return ids;
}

const ids = (file: Buffer | undefined) => {
  fs.writeFileSync(path.join(dir, 'tmp.csv'), file!);
  return readCsv(path.join(dir, 'tmp.csv')).slice(1).map((r) => r[0]);
};

describe('dedupe on worker threads', () => {
  test.each([
    ['first', '{ key: email }'],
    ['latest', '{ key: email, keep: latest, date: last }'],
    ['highest_score', '{ key: email, keep: highest_score }'],
  ])('keep %s: every output the same bytes with --threads 2 and small blocks, one file or two', async (keep, dedupe) => {
    const one = scoreTo(`${keep}-one`, [whole], dedupe, '--threads', '1');
    expect([...one.keys()]).toEqual(['.leadq-outputs.json', 'disqualified.csv', 'duplicates.csv', 'lead.csv', 'mql.csv', 'rejects.csv', 'scored.csv', 'summary.json', 'summary.svg']);
    for (const [name, extra] of [['two-512', ['--threads', '2', '--block-size', '512']], ['two-4096', ['--threads', '2', '--block-size', '4096']], ['one-512', ['--threads', '1', '--block-size', '512']]] as const) {
      const other = scoreTo(`${keep}-${name}`, [whole], dedupe, ...extra);
      for (const [f, bytes] of one) expect([name, f, other.get(f)?.equals(bytes)]).toEqual([name, f, true]);
    }

    // the rows kept are the ones `keep` chooses (scores from the output, for highest_score)
    const table = readCsv(path.join(dir, `${keep}-one`, 'scored.csv'));
    const scoreAt = table[0].indexOf('score');
    const scores = new Map<string, number>();
    for (const f of ['scored.csv', 'duplicates.csv']) for (const r of readCsv(path.join(dir, `${keep}-one`, f)).slice(1)) scores.set(r[0], Number(r[scoreAt]));
    const kept = chosen(keep, scores);
    expect(new Set(ids(one.get('scored.csv')))).toEqual(kept);
    const duplicates = ids(one.get('duplicates.csv'));
    expect(duplicates.length).toBeGreaterThan(2000);
    expect(duplicates.filter((id) => kept.has(id))).toEqual([]);

    // records carried across block cuts are among the rows of keys with duplicates, winners and losers both
    const carried = await carriedIds(512);
    expect(carried.length).toBeGreaterThan(50);
    expect(carried.filter((id) => duplicates.includes(id)).length).toBeGreaterThan(10);
    if (keep !== 'first') expect(carried.filter((id) => kept.has(id)).length).toBeGreaterThan(0);

    // the export in two files (the second with \r\n): the same rows kept, in the same order, with both threads
    const split = scoreTo(`${keep}-split`, parts, dedupe, '--threads', '1');
    const splitTwo = scoreTo(`${keep}-split-two`, parts, dedupe, '--threads', '2', '--block-size', '512');
    for (const [f, bytes] of split) expect([f, splitTwo.get(f)?.equals(bytes)]).toEqual([f, true]);
    expect(ids(split.get('scored.csv'))).toEqual(ids(one.get('scored.csv')));
    expect(ids(split.get('duplicates.csv'))).toEqual(duplicates);
  }, 60_000);
});
