/**
 * Worker threads capture what one thread captures: backtest's report and calibrate's ruleset are
 * the same bytes with --threads 1 and 2, blocks cut small. Worker threads run the built code, so
 * this runs the built CLI (npm test builds first).
 */
import { afterAll, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const BIN = path.join(ROOT, 'bin', 'leadq.js');
const HISTORY = path.join(ROOT, 'examples', 'history.csv');
/** last season's activity log, which the example ruleset's engagement rules read (related: activities) */
const RELATED = ['--related', `activities=${path.join(ROOT, 'examples', 'history-activities.csv')}`];
const RULES = path.join(ROOT, 'rules.example.yaml');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadq-bt-threads-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const leadq = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

test('backtest: the same report with one thread and with two', () => {
  const args = ['backtest', HISTORY, '--rules', RULES, ...RELATED, '--outcome', 'Converted', '--as-of', '2026-05-01', '--by', 'Industry', '--json', '--block-size', '16384'];
  const one = leadq([...args, '--threads', '1']);
  const two = leadq([...args, '--threads', '2']);
  expect(one.status).toBe(0);
  expect(two.status).toBe(0);
  expect(two.stdout).toBe(one.stdout);
}, 60_000);

test('calibrate: the same ruleset with one thread and with two', () => {
  const args = (out: string) => ['calibrate', HISTORY, '--rules', RULES, ...RELATED, '--outcome', 'Converted', '--as-of', '2026-05-01', '--discover', '--out', out, '--block-size', '16384', '--quiet'];
  const one = leadq([...args(path.join(dir, 'one.yaml')), '--threads', '1']);
  const two = leadq([...args(path.join(dir, 'two.yaml')), '--threads', '2']);
  expect([one.status, one.stderr]).toEqual([0, '']);
  expect([two.status, two.stderr]).toEqual([0, '']);
  expect(fs.readFileSync(path.join(dir, 'two.yaml'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'one.yaml'), 'utf8'));
  expect(two.stdout.replace(/two\.yaml/g, 'one.yaml')).toBe(one.stdout);
}, 120_000);

test('dedupe: the same rows judged, the same report and ruleset, with one thread and with two', () => {
  // 86 of the history's rows repeat an email; keep: highest_score ranks them by scores that read the activity log
  const rules = path.join(dir, 'dedupe.yaml');
  fs.writeFileSync(rules, `${fs.readFileSync(RULES, 'utf8')}\ndedupe: { key: email, keep: highest_score }\n`);
  const common = [HISTORY, '--rules', rules, ...RELATED, '--outcome', 'Converted', '--as-of', '2026-05-01', '--block-size', '16384'];
  const reports = ['1', '2'].map((t) => leadq(['backtest', ...common, '--json', '--threads', t]));
  for (const r of reports) expect([r.status, r.stderr]).toEqual([0, '']);
  expect(reports[1].stdout).toBe(reports[0].stdout);
  expect((JSON.parse(reports[0].stdout) as { leads: { duplicates: number; judged: number } }).leads).toMatchObject({ duplicates: 86, judged: 1914 });
  const written = ['1', '2'].map((t) => {
    const out = path.join(dir, `dedupe-${t}.yaml`);
    const r = leadq(['calibrate', ...common, '--out', out, '--threads', t, '--quiet']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    return fs.readFileSync(out, 'utf8').replace(/dedupe-\d\.yaml/g, '');
  });
  expect(written[1]).toBe(written[0]);
}, 120_000);
