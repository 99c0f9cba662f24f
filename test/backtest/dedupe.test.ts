/**
 * backtest and calibrate with `dedupe:` judge the rows `leadq score` keeps, each by its own
 * outcome cell: worked by hand on six rows (two keys written twice, two rows without a key), and
 * held to the scored file of `leadq score` on the bundled history (86 duplicate emails).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { pairwiseAuc } from '../stats/oracles.js';
import { cleanTempDirs, readCsv, REPO, run, tempDir, write } from '../e2e/helpers.js';

afterAll(cleanTempDirs);

const dir = tempDir();
// a@x.com twice (the second spelled "A@X.com "), b@x.com twice, two rows without an email
const LEADS = write(dir, 'leads.csv', `id,email,visits,demo,employees,converted
1,a@x.com,0,no,10,no
2,A@X.com ,5,yes,500,yes
3,b@x.com,1,no,10,yes
4,b@x.com,0,no,10,yes
5,,3,no,10,no
6,,3,no,10,no
`);
const rules = (keep: string | null) => write(dir, `rules-${keep ?? 'none'}.yaml`, `version: 1
as_of: 2026-11-01
engagement:
  - { name: visits, per: visits, points: 10 }
  - { name: demo, when: { column: demo, equals: true }, points: 30 }
fit:
  - { name: big, when: { column: employees, gte: 100 }, points: 20 }
stages:
  - name: lead
  - name: mql
    when: { score: total, gte: 30 }
${keep ? `dedupe: { key: email, keep: ${keep} }\n` : ''}`);

interface Report {
  leads: { read: number; rejected: number; duplicates: number; scored: number; judged: number; converted: number };
  auc: { score: string; auc: number | null }[];
  stages: { stage: string; at: number; at_converted: number }[];
  compare: { moves: Record<string, number>; paired: { auc_rules: number; auc_compare: number } } | null;
}
const backtest = async (input: string, ...args: string[]) => {
  const result = await run(['backtest', input, '--json', ...args]);
  expect([result.code, result.err]).toEqual([0, '']);
  return JSON.parse(result.out) as Report;
};
const total = (r: Report) => r.auc.find((a) => a.score === 'total')!.auc;

// totals: row 1 0, row 2 100 (50 + 30 + 20), row 3 10, row 4 0, rows 5 and 6 30
describe('six rows, two keys written twice', () => {
  test('leadq score keeps rows 2, 3, 5 and 6 with keep: highest_score (the rows backtest must judge)', async () => {
    const out = path.join(dir, 'scored');
    expect((await run(['score', LEADS, '--rules', rules('highest_score'), '--out-dir', out, '--quiet'])).code).toBe(0);
    expect(readCsv(path.join(out, 'scored.csv')).slice(1).map((r) => r[0])).toEqual(['2', '3', '5', '6']);
  });

  test.each([
    // converted 100 and 10 against 30 and 30: 2 of 4 pairs
    ['highest_score', { converted: 2, auc: 0.5, stages: [['lead', 1, 1], ['mql', 3, 1]] }],
    // a@x.com's lead is row 1, not converted (its duplicate, row 2, is); converted 10 against 0, 30, 30: 1 of 3
    ['first', { converted: 1, auc: 0.333333, stages: [['lead', 2, 1], ['mql', 2, 0]] }],
  ])('keep: %s — 6 read, 2 duplicates, 4 judged, each by its kept row\'s outcome', async (keep, expected) => {
    const r = await backtest(LEADS, '--outcome', 'converted', '--rules', rules(keep));
    expect(r.leads).toMatchObject({ read: 6, rejected: 0, duplicates: 2, scored: 4, judged: 4, converted: expected.converted });
    expect(total(r)).toBe(expected.auc);
    expect(r.stages.filter((s) => s.stage !== 'disqualified').map((s) => [s.stage, s.at, s.at_converted])).toEqual(expected.stages);
  });

  test('without dedupe every row is judged, and none is a duplicate', async () => {
    const r = await backtest(LEADS, '--outcome', 'converted', '--rules', rules(null));
    expect(r.leads).toMatchObject({ read: 6, duplicates: 0, scored: 6, judged: 6, converted: 3 });
  });

  test('the terminal report says what was left out', async () => {
    const result = await run(['backtest', LEADS, '--rules', rules('highest_score'), '--outcome', 'converted']);
    expect(result.out).toContain('6 leads read; left out: 2 duplicates (dedupe); judged 4, of which 2 converted (50.0%)');
  });

  test('--compare: both rulesets on the rows the first keeps, whatever the other\'s dedupe', async () => {
    const deduped = await backtest(LEADS, '--outcome', 'converted', '--rules', rules('highest_score'), '--compare', rules(null));
    expect(deduped.leads.judged).toBe(4);
    expect(deduped.compare!.moves).toMatchObject({ up: 0, down: 0, same: 4 });
    expect([deduped.compare!.paired.auc_rules, deduped.compare!.paired.auc_compare]).toEqual([0.5, 0.5]);
    // the first without dedupe: all six rows for both, though the other would keep four
    const all = await backtest(LEADS, '--outcome', 'converted', '--rules', rules(null), '--compare', rules('highest_score'));
    expect(all.leads.judged).toBe(6);
    expect(all.compare!.moves).toMatchObject({ same: 6 });
  });

  test('calibrate judges the same four rows', async () => {
    const out = path.join(dir, 'calibrated.yaml');
    const result = await run(['calibrate', LEADS, '--rules', rules('highest_score'), '--outcome', 'converted', '--out', out, '--json']);
    expect([result.code, result.err]).toEqual([0, '']);
    const r = JSON.parse(result.out) as { leads: Report['leads']; auc: { original: { auc: number } } };
    expect(r.leads).toMatchObject({ read: 6, duplicates: 2, scored: 4, judged: 4, converted: 2 });
    expect(r.auc.original.auc).toBe(0.5);
    const text = await run(['calibrate', LEADS, '--rules', rules('highest_score'), '--outcome', 'converted', '--out', out]);
    expect(text.out).toContain('4 leads judged, 2 converted (50.0%); left out: 2 duplicates (dedupe)');
  });
});

describe('the bundled history, deduplicated by email', () => {
  const history = path.join(REPO, 'examples', 'history.csv');
  const related = ['--related', `activities=${path.join(REPO, 'examples', 'history-activities.csv')}`];
  const deduped = write(dir, 'history-dedupe.yaml', `${fs.readFileSync(path.join(REPO, 'rules.example.yaml'), 'utf8')}\ndedupe: { key: email, keep: highest_score }\n`);

  test('backtest judges exactly the rows leadq score writes: their count, and the AUC of their scores', async () => {
    const out = path.join(dir, 'history-scored');
    expect((await run(['score', history, '--rules', deduped, ...related, '--as-of', '2026-05-01', '--out-dir', out, '--quiet'])).code).toBe(0);
    const [header, ...rows] = readCsv(path.join(out, 'scored.csv'));
    const r = await backtest(history, '--outcome', 'Converted', '--rules', deduped, ...related, '--as-of', '2026-05-01');
    // 2,000 rows, 86 of them a second (or third) row of an email
    expect(r.leads).toMatchObject({ read: 2000, duplicates: 86, scored: rows.length, judged: rows.length });
    const score = header.indexOf('score');
    const converted = header.indexOf('Converted');
    expect(total(r)).toBe(Math.round(pairwiseAuc(rows.map((l) => Number(l[score])), rows.map((l) => (l[converted] === 'Yes' ? 1 : 0)))! * 1e6) / 1e6);
  }, 60_000);
});
