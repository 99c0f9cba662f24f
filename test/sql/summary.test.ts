/**
 * `leadq sql --summary` on DuckDB and PGlite gives the numbers of `leadq score --summary`: stage
 * counts, the funnel, per-source counts (sources spelt alike grouped, shown by the most frequent
 * spelling), spend matched ignoring case, and cost per MQL, SQL and SQO, null where leadq's is null.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { Chalk } from 'chalk';
import { main } from '../../src/cli.js';
import { REPO } from '../e2e/helpers.js';
import { adversarialExport } from './adversarial.js';
import { adversarialRelated } from './adversarial-related.js';
import { duckdbEngine, pgliteEngine, readExport, relatedExports, writeExport, type Export } from './harness.js';
import { relatedHeadersFromRuleset } from '../../src/sql/header.js';
import { rulesetFromText } from '../../src/ruleset/index.js';
import { resolveRuleset } from '../../src/ruleset/resolve.js';
import { summarySql } from '../../src/sql/summary.js';
import { DIALECT } from '../../src/sql/dialects/index.js';
import { readSpendFile } from '../../src/input/spend.js';

const dir = mkdtempSync(join(tmpdir(), 'leadq-sql-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function leadqSummary(rules: string, csv: string, spend: string | null): Promise<any> {
  const out = join(dir, 'summary.json');
  const code = await main(['score', csv, '-r', rules, '--as-of', '2026-11-01', '--out', join(dir, 'scored.csv'), '--summary', out, '-q', '--threads', '1', ...(spend ? ['--spend', spend] : [])],
    { out: () => {}, err: () => {}, errIsTTY: false, chalk: new Chalk({ level: 0 }) });
  expect(code).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8'));
}

/** The query's rows in the summary's JSON shapes. */
function asSummary(rows: Record<string, unknown>[], stages: string[]) {
  const n = (v: unknown) => (v === null ? null : Number(v));
  const names = [...stages, 'disqualified'];
  const total = rows.find((r) => r.kind === 'total')!;
  return {
    stages: Object.fromEntries(names.map((s) => [s, n(total[s])])),
    funnel: stages.map((s) => ({ stage: s, reached: n(total[`reached_${s}`]), from_previous: n(total[`from_previous_${s}`]), from_first: n(total[`from_first_${s}`]) })),
    spend_total: n(total.spend), cost_per_mql: n(total.cost_per_mql), cpsql: n(total.cost_per_sql), cost_per_sqo: n(total.cost_per_sqo),
    by_source: rows.filter((r) => r.kind === 'source').map((r) => ({
      source: r.source, leads: n(r.leads), stages: Object.fromEntries(names.map((s) => [s, n(r[s])])), spend: n(r.spend),
      cost_per_mql: n(r.cost_per_mql), cost_per_sql: n(r.cost_per_sql), cost_per_sqo: n(r.cost_per_sqo),
    })),
  };
}

const cases: [string, string, () => { csv: string; data: Export }, string | null][] = [
  ['the bundled example with examples/spend.csv', join(REPO, 'rules.example.yaml'), () => ({ csv: join(REPO, 'examples', 'leads.csv'), data: readExport(join(REPO, 'examples', 'leads.csv')) }), join(REPO, 'examples', 'spend.csv')],
  ['the bundled example with the ruleset\'s spend', join(REPO, 'rules.example.yaml'), () => ({ csv: join(REPO, 'examples', 'leads.csv'), data: readExport(join(REPO, 'examples', 'leads.csv')) }), null],
  ['the adversarial corpus (sources in several spellings, no spend)', join(REPO, 'test', 'sql', 'fixtures', 'adversarial.rules.yaml'), () => {
    const data = adversarialExport(2000, 11);
    const csv = join(dir, 'adversarial.csv');
    writeExport(csv, data);
    return { csv, data };
  }, null],
  ['the adversarial related files (derived columns in the stages)', join(dir, 'related.rules.yaml'), () => {
    const related = adversarialRelated(800, 5000, 5);
    writeFileSync(join(dir, 'related.rules.yaml'), readFileSync(join(REPO, 'test', 'sql', 'fixtures', 'related.rules.yaml')));
    writeExport(join(dir, 'log.csv'), related.log);
    writeExport(join(dir, 'calls.csv'), related.calls);
    writeExport(join(dir, 'tasks.csv'), related.tasks);
    const csv = join(dir, 'related-leads.csv');
    writeExport(csv, related.leads);
    return { csv, data: related.leads };
  }, null],
];

describe.each([['duckdb', duckdbEngine], ['postgres', pgliteEngine]] as const)('%s', (dialect, make) => {
  test.each(cases)('%s', async (_name, rules, input, spend) => {
    const { csv, data } = input();
    const want = await leadqSummary(rules, csv, spend);
    const { ruleset } = rulesetFromText(readFileSync(rules, 'utf8'), rules);
    const { resolved } = resolveRuleset(ruleset, data.header, 'leads.csv', relatedHeadersFromRuleset(ruleset));
    const sql = summarySql(resolved, DIALECT[dialect], {
      table: 'leads', asOf: '2026-11-01', spend: spend ? readSpendFile(spend).amounts : ruleset.spend, costStages: ruleset.costStages,
    });
    const engine = await make();
    try {
      await engine.load('leads', data);
      for (const [name, table] of relatedExports(rules)) await engine.load(name, table);
      const got = await engine.objects(sql);
      const stages = ruleset.stages.map((s) => s.name);
      const { stages: s, funnel, spend_total, cost_per_mql, cpsql, cost_per_sqo, by_source } = want;
      expect(asSummary(got, stages)).toEqual({ stages: s, funnel, spend_total, cost_per_mql, cpsql, cost_per_sqo, by_source });
    } finally {
      await engine.close();
    }
  }, 60_000);
});

// the spend a ruleset reads from its own file (`spend: { file: … }`) reaches the query `leadq sql
// --summary` writes, as it reaches `leadq score --summary`: the CLI end to end, then the engine
describe('a ruleset whose spend is a file of its own', () => {
  test('leadq sql --summary divides by it, as score does', async () => {
    const work = mkdtempSync(join(dir, 'spend-file-'));
    const text = readFileSync(join(REPO, 'rules.example.yaml'), 'utf8').replace(/^spend:\n(?: {2}.*\n)+/m, 'spend: { file: costs.csv }\n');
    expect(text).toContain('spend: { file: costs.csv }');
    const rules = join(work, 'rules.yaml');
    writeFileSync(rules, text);
    mkdirSync(join(work, 'examples'));
    copyFileSync(join(REPO, 'examples', 'activities.csv'), join(work, 'examples', 'activities.csv'));
    // other amounts than the example's own, so a query with the ruleset's listed spend would differ
    writeFileSync(join(work, 'costs.csv'), 'source,amount\nOrganic Search,1000\nPaid Search,2500.5\nEvents,700\n');
    const csv = join(REPO, 'examples', 'leads.csv');
    const want = await leadqSummary(rules, csv, null);
    expect(want.spend_total).toBe(4200.5);
    const query = join(work, 'summary.sql');
    const code = await main(['sql', rules, '--dialect', 'duckdb', '--table', 'leads', '--summary', '--as-of', '2026-11-01', '-o', query],
      { out: () => {}, err: () => {}, errIsTTY: false, chalk: new Chalk({ level: 0 }) });
    expect(code).toBe(0);
    const { ruleset } = rulesetFromText(text, rules);
    const engine = await duckdbEngine();
    try {
      await engine.load('leads', readExport(csv));
      for (const [name, table] of relatedExports(rules)) await engine.load(name, table);
      const got = asSummary(await engine.objects(readFileSync(query, 'utf8')), ruleset.stages.map((s) => s.name));
      expect(got.spend_total).toBe(4200.5);
      expect({ cpsql: got.cpsql, by_source: got.by_source }).toEqual({ cpsql: want.cpsql, by_source: want.by_source });
    } finally {
      await engine.close();
    }
  }, 60_000);
});
