/**
 * Worker threads give the same bytes as one thread, also when blocks are cut inside quoted
 * fields that hold line breaks, and errors still name the right line. Worker threads run the
 * built code, so this test runs the built CLI (npm test builds first).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..');
const BIN = path.join(ROOT, 'bin', 'leadq.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadq-threads-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const RULES = `
source_column: source
engagement:
  - { name: visits, per: visits, points: 3, max: 30 }
  - { name: demo, when: { column: demo, equals: true }, points: 40 }
fit:
  - { name: title, when: { column: title, matches: '/\\b(VP|Head)\\b/i' }, points: 20 }
bant:
  need: { column: note, present: true }
stages:
  - name: lead
  - name: mql
    when: { score: engagement, gte: 30 }
  - name: sql
    when: { all: [ { score: total, gte: 50 }, { score: bant_count, gte: 1 } ] }
`;

/** Rows where every third note is quoted and spans lines, so block cuts land inside quotes. */
function exportText(rows: number): string {
  return `${exportRecords(rows).join('\n')}\n`;
}

/** The header and the rows of `exportText`, a record each (some span lines). */
function exportRecords(rows: number): string[] {
  const lines = ['id,title,visits,demo,note,source'];
  for (let i = 1; i <= rows; i++) {
    const note = i % 3 === 0 ? `"line one of ${i}\nline two, with ""quotes""\nline three"` : i % 5 === 0 ? '' : `short note ${i}`;
    const title = ['VP Sales', 'Engineer', 'Head of IT', '"Director, EMEA"', 'Zoë Ånström'][i % 5];
    lines.push(`${i},${title},${i % 13},${i % 7 === 0 ? 'yes' : 'no'},${note},${['web', 'event', 'paid'][i % 3]}`);
  }
  return lines;
}

function run(input: string, out: string, ...extra: string[]) {
  const rules = path.join(dir, 'rules.yaml');
  fs.writeFileSync(rules, RULES);
  const result = spawnSync(process.execPath, [BIN, 'score', input, '-r', rules, '--out', out, '-q', ...extra], { encoding: 'utf8' });
  return { code: result.status, err: result.stderr };
}

describe('worker threads', () => {
  const input = path.join(dir, 'leads.csv');
  fs.writeFileSync(input, exportText(6000));

  test.each([[512], [4096], [65536]])('--threads 2 with --block-size %i writes the same bytes as --threads 1', (blockSize) => {
    const one = path.join(dir, `one-${blockSize}.csv`);
    const two = path.join(dir, `two-${blockSize}.csv`);
    expect(run(input, one, '--threads', '1').code).toBe(0);
    expect(run(input, two, '--threads', '2', '--block-size', String(blockSize)).code).toBe(0);
    const a = fs.readFileSync(one);
    expect(a.toString('utf8').split('\n').length).toBeGreaterThan(6000);
    expect(fs.readFileSync(two).equals(a)).toBe(true);
  });

  test('a 3 MB export (buffers reused from block to block): every output of --out-dir is the same with threads', () => {
    const big = path.join(dir, 'big.csv');
    fs.writeFileSync(big, exportText(60000));
    const rules = path.join(dir, 'rules.yaml');
    fs.writeFileSync(rules, RULES);
    const outDir = (name: string, ...extra: string[]) => {
      const out = path.join(dir, name);
      const r = spawnSync(process.execPath, [BIN, 'score', big, '-r', rules, '--out-dir', out, '-q', ...extra], { encoding: 'utf8' });
      expect([r.status, r.stderr]).toEqual([0, '']);
      return out;
    };
    const one = outDir('big-one', '--threads', '1');
    const files = fs.readdirSync(one).sort();
    expect(files).toEqual(['.leadq-outputs.json', 'disqualified.csv', 'lead.csv', 'mql.csv', 'scored.csv', 'sql.csv', 'summary.json', 'summary.svg']);
    expect(fs.statSync(path.join(one, 'scored.csv')).size).toBeGreaterThan(3_000_000);
    for (const two of [outDir('big-two', '--threads', '2'), outDir('big-two-64k', '--threads', '2', '--block-size', '65536')]) {
      expect(fs.readdirSync(two).sort()).toEqual(files);
      for (const f of files) expect([f, fs.readFileSync(path.join(two, f)).equals(fs.readFileSync(path.join(one, f)))]).toEqual([f, true]);
    }
  });

  test.each([[512], [2048], [65536]])('stray quotes (their runs across block cuts) with --block-size %i: the same bytes in every output as --threads 1', (blockSize) => {
    // a stray quote every 250 rows, each opening a field that runs on over many lines and (seen
    // from the stray quote) closes badly at a later quoted field; the last line never closes
    const records = exportRecords(3000);
    for (let at = records.length - 10; at > 1; at -= 250) records.splice(at, 0, `"stray ${at},Head of IT,,,,`);
    records.push('9999,VP,1,no,"never closed,web');
    const strayLines: number[] = [];
    let line = 1;
    for (const r of records) {
      if (r.includes('stray') || r.includes('never closed')) strayLines.push(line);
      line += r.split('\n').length;
    }
    const stray = path.join(dir, `stray-${blockSize}.csv`);
    fs.writeFileSync(stray, `${records.join('\n')}\n`);
    const rules = path.join(dir, 'rules.yaml');
    fs.writeFileSync(rules, RULES);
    const outDir = (name: string, ...extra: string[]) => {
      const out = path.join(dir, `${name}-${blockSize}`);
      const r = spawnSync(process.execPath, [BIN, 'score', stray, '-r', rules, '--out-dir', out, '-q', ...extra], { encoding: 'utf8' });
      expect([r.status, r.stderr]).toEqual([3, `leadq: ${strayLines.length} of ${(3000 + strayLines.length).toLocaleString('en-US')} rows rejected, written to ${path.join(out, 'rejects.csv')}\n`]);
      return out;
    };
    const one = outDir('stray-one', '--threads', '1');
    const two = outDir('stray-two', '--threads', '2', '--block-size', String(blockSize));
    const files = fs.readdirSync(one).sort();
    expect(fs.readdirSync(two).sort()).toEqual(files);
    for (const f of files) expect([f, fs.readFileSync(path.join(two, f)).equals(fs.readFileSync(path.join(one, f)))]).toEqual([f, true]);
    const rejects = fs.readFileSync(path.join(one, 'rejects.csv'), 'utf8').trim().split('\n').slice(1);
    expect(rejects.map((r) => Number(r.split(',')[0]))).toEqual(strayLines);
    expect(strayLines.length).toBeGreaterThan(10);
    const summary = JSON.parse(fs.readFileSync(path.join(one, 'summary.json'), 'utf8')) as { rows: Record<string, number> };
    expect(summary.rows).toEqual({ read: 3000 + strayLines.length, scored: 3000, rejected: strayLines.length });
  });

  test('an error in a later block names its line in the whole file', () => {
    const broken = path.join(dir, 'broken.csv');
    const text = exportText(3000);
    // near the end, a quote that does not close within --max-record-size (the rows after it
    // have no quotes): line numbers count the quoted line breaks before it
    const lines = text.split('\n');
    const at = lines.length - 1; // text ends with a line break: the last item is empty
    const plain = Array.from({ length: 100 }, (_, i) => `${9000 + i},Engineer,1,no,plain note,web`);
    lines.splice(at, 0, '9999,"VP,1,no,unclosed,web', ...plain);
    fs.writeFileSync(broken, lines.join('\n'));
    const result = run(broken, path.join(dir, 'broken-out.csv'), '--threads', '2', '--block-size', '2048', '--max-record-size', '1000');
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${broken}:${at + 1} `);
    expect(fs.existsSync(path.join(dir, 'broken-out.csv'))).toBe(false);
  });
});
