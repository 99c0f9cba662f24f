/**
 * The generated SQL run on real engines gives, row by row and cell by cell, what `leadq score`
 * writes: DuckDB in process (@duckdb/node-api) and PostgreSQL in process (PGlite). On the bundled
 * example, the adversarial corpus (adversarial.ts) and generated benchmark leads: 100,000 on DuckDB,
 * the first 20,000 of them on PGlite (a WebAssembly PostgreSQL, slower to load).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { REPO } from '../e2e/helpers.js';
import { adversarialExport } from './adversarial.js';
import { adversarialRelated, RELATED_AS_OF } from './adversarial-related.js';
import { differences, duckdbEngine, pgliteEngine, querySql, readExport, relatedExports, scoredByLeadq, writeExport, type Engine, type Export } from './harness.js';
import type { DialectName } from '../../src/sql/dialect.js';

const dir = mkdtempSync(join(tmpdir(), 'leadq-sql-parity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Case { name: string; rules: string; csv: string; data: Export; orderBy: string; asOf: string }

const cases: Record<string, Case> = {};
beforeAll(() => {
  const example = join(REPO, 'examples', 'leads.csv');
  cases.example = { name: 'bundled example', rules: join(REPO, 'rules.example.yaml'), csv: example, data: readExport(example), orderBy: 'Record ID', asOf: '2026-11-01' };
  const adversarial = join(dir, 'adversarial.csv');
  const data = adversarialExport(3000, 7);
  writeExport(adversarial, data);
  const bench = join(dir, 'bench.csv');
  const gen = spawnSync(process.execPath, [join(REPO, 'bench', 'gen-leads.mjs'), '--rows', '100000', '--seed', '42'], { maxBuffer: 1 << 30 });
  if (gen.status !== 0) throw new Error(String(gen.stderr));
  writeFileSync(bench, gen.stdout);
  const benchData = readExport(bench);
  cases.bench = { name: '100k generated leads', rules: join(REPO, 'bench', 'reference.rules.yaml'), csv: bench, data: benchData, orderBy: 'lead_id', asOf: '2026-11-01' };
  const bench20k = join(dir, 'bench-20k.csv');
  const first20k = { header: benchData.header, rows: benchData.rows.slice(0, 20_000) };
  writeExport(bench20k, first20k);
  cases.bench20k = { ...cases.bench, name: '20k generated leads', csv: bench20k, data: first20k };
  // the related corpus: its ruleset copied beside the generated leads, log and calls
  const related = adversarialRelated(1500, 9000, 23);
  const relatedDir = join(dir, 'related');
  mkdirSync(relatedDir);
  writeFileSync(join(relatedDir, 'related.rules.yaml'), readFileSync(join(REPO, 'test', 'sql', 'fixtures', 'related.rules.yaml')));
  writeExport(join(relatedDir, 'leads.csv'), related.leads);
  writeExport(join(relatedDir, 'log.csv'), related.log);
  writeExport(join(relatedDir, 'calls.csv'), related.calls);
  writeExport(join(relatedDir, 'tasks.csv'), related.tasks);
  cases.related = { name: 'adversarial related files', rules: join(relatedDir, 'related.rules.yaml'), csv: join(relatedDir, 'leads.csv'), data: related.leads, orderBy: 'id', asOf: RELATED_AS_OF };
  // the benchmark's activity log for the first 20,000 generated leads, with bench/related.rules.yaml
  // with a once-every column added (its talk-time sum stays: sums are exact in any row order)
  const benchRelated = join(dir, 'bench-related');
  mkdirSync(benchRelated);
  const acts = spawnSync(process.execPath, [join(REPO, 'bench', 'gen-activities.mjs'), '--leads', bench20k, '--seed', '7'], { maxBuffer: 1 << 30 });
  if (acts.status !== 0) throw new Error(String(acts.stderr));
  writeFileSync(join(benchRelated, 'activities.csv'), acts.stdout);
  const benchRules = readFileSync(join(REPO, 'bench', 'related.rules.yaml'), 'utf8')
    .replace('file: data/activities-1000000.csv', 'file: activities.csv')
    .replace(/^ {6}talk_minutes: .*$/m, '$&\n      call_weeks: { count: { column: Activity Type, in: [Call, Meeting] }, within: 365d, once_every: 7d, decay: { half_life: 60d } }')
    .replace(/^ {2}- \{ name: talk time, per: talk_minutes, .*$/m, '$&\n  - { name: call weeks, per: call_weeks, points: 3, max: 15 }');
  if (!benchRules.includes('call_weeks: {') || !benchRules.includes('per: call_weeks') || !benchRules.includes('per: talk_minutes')) throw new Error('bench/related.rules.yaml changed: update this test');
  writeFileSync(join(benchRelated, 'rules.yaml'), benchRules);
  cases.benchRelated = { name: '20k generated leads with their activity log', rules: join(benchRelated, 'rules.yaml'), csv: bench20k, data: first20k, orderBy: 'lead_id', asOf: '2026-11-01' };
  cases.adversarial = { name: 'adversarial corpus', rules: join(REPO, 'test', 'sql', 'fixtures', 'adversarial.rules.yaml'), csv: adversarial, data, orderBy: 'id', asOf: '2026-11-01' };
});

/** Runs the query on the engine and leadq score on the file; `asOf` null: the query uses the warehouse's date, leadq is given that date. */
async function parity(engine: Engine, dialect: DialectName, c: Case, asOf: string | null = c.asOf): Promise<number> {
  await engine.load('leads', c.data);
  // each related file as the table of its name, every column as text (the query's default)
  for (const [name, data] of relatedExports(c.rules)) await engine.load(name, data);
  const rules = readFileSync(c.rules, 'utf8').replace(/^as_of:.*$/m, '');
  const sql = querySql(rules, c.data, dialect, 'leads', asOf, c.orderBy);
  const got = await engine.rows(sql);
  const today = asOf ?? String((await engine.rows('SELECT CAST(CURRENT_DATE AS VARCHAR)'))[0][0]);
  const want = await scoredByLeadq(c.rules, c.csv, today);
  expect(differences(got, want, 5, 'drops-leading-bom')).toEqual([]);
  return got.length;
}

describe.each([['duckdb', duckdbEngine, 'bench'], ['postgres', pgliteEngine, 'bench20k']] as const)('%s', (dialect, make, generated) => {
  let engine: Engine;
  beforeAll(async () => { engine = await make(); });
  afterAll(async () => { await engine.close(); });

  test('the bundled example: every row and cell as leadq score writes it', async () => {
    expect(await parity(engine, dialect, cases.example)).toBe(300);
  }, 60_000);

  test('the adversarial corpus: empty, placeholder, unparseable cells, Unicode, regexes, caps, decay', async () => {
    expect(await parity(engine, dialect, cases.adversarial)).toBe(3000);
  }, 60_000);

  test('adversarial related files: keys in any spelling, empty and placeholder keys, bad timestamps, windows, caps, once-every, decay, min and max', async () => {
    expect(await parity(engine, dialect, cases.related)).toBe(1500);
  }, 120_000);

  test('adversarial related files without --as-of: the warehouse\'s current date', async () => {
    expect(await parity(engine, dialect, cases.related, null)).toBe(1500);
  }, 120_000);

  test('20,000 generated leads with the benchmark\'s activity log (about 100,000 rows)', async () => {
    expect(await parity(engine, dialect, cases.benchRelated)).toBe(20_000);
  }, 240_000);

  test('without --as-of: the warehouse\'s current date, counted as leadq counts days', async () => {
    expect(await parity(engine, dialect, cases.adversarial, null)).toBe(3000);
  }, 60_000);

  test('generated benchmark leads (100,000 on DuckDB, the first 20,000 on PGlite)', async () => {
    expect(await parity(engine, dialect, cases[generated])).toBe(generated === 'bench' ? 100_000 : 20_000);
  }, 120_000);
});
