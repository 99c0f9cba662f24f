/**
 * The generated SQL run on real engines gives, row by row and cell by cell, what `leadq score`
 * writes: DuckDB in process (@duckdb/node-api) and PostgreSQL in process (PGlite). On the bundled
 * example, the adversarial corpus (adversarial.ts) and generated benchmark leads: 100,000 on DuckDB,
 * the first 20,000 of them on PGlite (a WebAssembly PostgreSQL, slower to load).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { REPO } from '../e2e/helpers.js';
import { adversarialExport } from './adversarial.js';
import { differences, duckdbEngine, pgliteEngine, querySql, readExport, scoredByLeadq, writeExport, type Engine, type Export } from './harness.js';
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
  cases.adversarial = { name: 'adversarial corpus', rules: join(REPO, 'test', 'sql', 'fixtures', 'adversarial.rules.yaml'), csv: adversarial, data, orderBy: 'id', asOf: '2026-11-01' };
});

async function parity(engine: Engine, dialect: DialectName, c: Case, asOf: string | null = c.asOf): Promise<number> {
  await engine.load('leads', c.data);
  const sql = querySql(readFileSync(c.rules, 'utf8'), c.data, dialect, 'leads', asOf, c.orderBy);
  const got = await engine.rows(sql);
  const want = await scoredByLeadq(c.rules, c.csv, c.asOf);
  expect(differences(got, want, 5, 'drops-leading-bom')).toEqual([]);
  return got.length;
}

describe.each([['duckdb', duckdbEngine], ['postgres', pgliteEngine]] as const)('%s', (dialect, make) => {
  let engine: Engine;
  beforeAll(async () => { engine = await make(); });
  afterAll(async () => { await engine.close(); });

  test('the bundled example: every row and cell as leadq score writes it', async () => {
    expect(await parity(engine, dialect, cases.example)).toBe(300);
  }, 60_000);

  test('the adversarial corpus: empty, placeholder, unparseable cells, Unicode, regexes, caps, decay', async () => {
    expect(await parity(engine, dialect, cases.adversarial)).toBe(3000);
  }, 60_000);
});
