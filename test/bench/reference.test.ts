/**
 * The reference workload (bench/reference.rules.yaml on bench/gen-leads.mjs --rows 100000 --seed 42)
 * must give the stage counts the benchmark peers (Miller, DuckDB, pandas, plain Node) agree on.
 */
import { afterAll, expect, test } from '@jest/globals';
import { Chalk } from 'chalk';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadq-reference-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('100,000 generated leads get the reference stage counts', async () => {
  const input = path.join(dir, 'leads.csv');
  const fd = fs.openSync(input, 'w');
  const gen = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'gen-leads.mjs'), '--rows', '100000', '--seed', '42'], { stdio: ['ignore', fd, 'inherit'] });
  fs.closeSync(fd);
  expect(gen.status).toBe(0);
  const summary = path.join(dir, 'summary.json');
  const errors: string[] = [];
  const code = await main(['score', input, '-r', path.join(ROOT, 'bench', 'reference.rules.yaml'), '--spend', path.join(ROOT, 'bench', 'spend.csv'),
    '--out', path.join(dir, 'scored.csv'), '--summary', summary, '--threads', '1', '-q'],
  { out: () => {}, err: (t) => errors.push(t), errIsTTY: false, chalk: new Chalk({ level: 0 }) });
  expect(errors.join('')).toBe('');
  expect(code).toBe(0);
  const result = JSON.parse(fs.readFileSync(summary, 'utf8'));
  expect(result.stages).toEqual({ lead: 79237, mql: 14083, sql: 3020, sqo: 362, disqualified: 3298 });
  expect(result.rows).toEqual({ read: 100000, scored: 100000, rejected: 0 });
}, 60_000);
