/**
 * An outcome kept in a related file, read by the rules too ("customer already": a disqualifier on
 * the won deals the outcome counts). The outcome counts a lead's deals whatever their date; the
 * rules see the column as of the as-of day, as `leadq score` fills it. Worked by hand on six
 * leads: deals closed after the as-of day (leads 1 and 2) make them converted, not disqualified.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, readCsv, run, tempDir, write } from '../e2e/helpers.js';

afterAll(cleanTempDirs);

const dir = tempDir();
const LEADS = write(dir, 'leads.csv', 'id,visits\n1,5\n2,4\n3,1\n4,0\n5,3\n6,2\n');
// leads 1 and 2 won after the as-of day (2026-11-01), lead 6 before it
write(dir, 'deals.csv', 'LeadId,Closed,Stage\n1,2026-12-10,won\n2,2027-01-05,won\n6,2026-09-01,won\n');
const RULES = write(dir, 'rules.yaml', `version: 1
as_of: 2026-11-01
related:
  deals:
    file: deals.csv
    key: LeadId
    matches: id
    at: Closed
    columns:
      won_deals: { exists: { column: Stage, equals: won } }
engagement:
  - { name: visits, per: visits, points: 10 }
fit:
  - { name: customer, when: { column: won_deals, equals: true }, points: 5 }
disqualifiers:
  - reason: customer_already
    when: { column: won_deals, equals: true }
stages:
  - name: lead
  - name: mql
    when: { score: total, gte: 20 }
`);

interface StageRow { stage: string; at: number; at_converted: number }
const stages = (rows: StageRow[]) => rows.map((s) => [s.stage, s.at, s.at_converted]);

// as of 2026-11-01 only lead 6 has a won deal: totals 50, 40, 10, 0, 30, 25 (lead 6: 2 visits and
// +5 customer), lead 6 disqualified, mql 1, 2 and 5; converted (every deal counts) 1, 2 and 6
const AS_OF_STAGES = [['lead', 2, 0], ['mql', 3, 2], ['disqualified', 1, 1]];

describe('the outcome counts deals after the as-of day; the rules do not', () => {
  test('leadq score as of that day: only lead 6 is disqualified (what backtest must agree with)', async () => {
    const out = path.join(dir, 'scored');
    expect((await run(['score', LEADS, '--rules', RULES, '--out-dir', out, '--quiet'])).code).toBe(0);
    const rows = readCsv(path.join(out, 'scored.csv')).slice(1);
    expect(rows.map((r) => [r[0], r[4], r[6]])).toEqual([['1', '50', 'mql'], ['2', '40', 'mql'], ['3', '10', 'lead'], ['4', '0', 'lead'], ['5', '30', 'mql'], ['6', '25', 'disqualified']]);
  });

  test('backtest: stages, the rule reading the column and the AUC are as of the day; three leads converted', async () => {
    const result = await run(['backtest', LEADS, '--rules', RULES, '--outcome', 'won_deals', '--json']);
    expect([result.code, result.err]).toEqual([0, '']);
    const r = JSON.parse(result.out) as { leads: { judged: number; converted: number }; stages: StageRow[]; rules_table: { rule: string; fired: number; fired_converted: number }[]; auc: { score: string; auc: number }[] };
    expect(r.leads).toMatchObject({ judged: 6, converted: 3 });
    expect(stages(r.stages)).toEqual(AS_OF_STAGES);
    // "customer" fired for lead 6 alone (with deals after the day counted: 1, 2 and 6)
    expect(r.rules_table.map((x) => [x.rule, x.fired, x.fired_converted])).toEqual([['visits', 5, 3], ['customer', 1, 1]]);
    // converted totals 50, 40, 25 against 10, 0, 30: 8 of 9 pairs (counting deals after the day: 55, 45, 25, all 9)
    expect(r.auc.find((a) => a.score === 'total')!.auc).toBe(0.888889);
  });

  test('backtest --compare with the same ruleset: nobody moves, the same AUC (both rulesets read the column as of the day)', async () => {
    const other = write(dir, 'other.yaml', fs.readFileSync(RULES, 'utf8'));
    const result = await run(['backtest', LEADS, '--rules', RULES, '--compare', other, '--outcome', 'won_deals', '--json']);
    expect(result.code).toBe(0);
    const r = JSON.parse(result.out) as { compare: { moves: Record<string, number>; paired: { auc_rules: number; auc_compare: number } } };
    expect(r.compare.moves).toMatchObject({ up: 0, down: 0, same: 6, into_disqualified: 0, out_of_disqualified: 0 });
    expect([r.compare.paired.auc_rules, r.compare.paired.auc_compare]).toEqual([0.888889, 0.888889]);
  });

  test('calibrate: the evidence and the written ruleset\'s stages are as of the day too', async () => {
    const out = path.join(dir, 'calibrated.yaml');
    const result = await run(['calibrate', LEADS, '--rules', RULES, '--outcome', 'won_deals', '--out', out, '--json']);
    expect([result.code, result.err]).toEqual([0, '']);
    const r = JSON.parse(result.out) as { leads: { converted: number }; stages: StageRow[]; auc: { original: { auc: number } } };
    expect(r.leads.converted).toBe(3);
    // thresholds move with the points, but who is disqualified does not
    expect(stages(r.stages).at(-1)).toEqual(['disqualified', 1, 1]);
    expect(r.auc.original.auc).toBe(0.888889);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/name: customer, .*fired for 1 leads, 100% converted/);
  });
});
