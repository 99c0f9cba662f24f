/**
 * The cost metrics use the stages the ruleset says count as MQL, SQL and SQO (issue #10, item 6);
 * without that, the stages named mql, sql and sqo. summary.json says which stages they were.
 */
import { describe, expect, test } from '@jest/globals';
import { Chalk } from 'chalk';
import type { LeadResult } from '../../src/engine/types.js';
import { renderSummary } from '../../src/output/report.js';
import { renderTerminal } from '../../src/output/terminal-report.js';
import { SummaryBuilder, type SummaryMeta } from '../../src/output/summary.js';

const lead = (stage: number): LeadResult => ({
  engagement: 0, fit: 0, total: 0, bantMask: 0, stage, named: [], grade: -1, disqualifiedReason: '', priority: '', reasons: [],
});

/** Leads at stages 0..3 of a four-stage ladder: 4 at the lowest, 3, 2 and 1 above; all from Ads. */
function summary(stageNames: string[], extra: Partial<SummaryMeta> = {}) {
  const builder = new SummaryBuilder(stageNames.length);
  [4, 3, 2, 1].forEach((count, stage) => { for (let i = 0; i < count; i++) builder.addScored(lead(stage), 'Ads'); });
  return builder.finish({ asOf: '2026-11-01', rules: 'rules.yaml', inputs: ['in.csv'], header: ['id'], stageNames, spend: new Map([['Ads', 1200]]), ...extra });
}

const costs = (s: ReturnType<typeof summary>) => [s.cost_per_mql, s.cpsql, s.cost_per_sqo, s.by_source[0].cost_per_mql, s.by_source[0].cost_per_sql, s.by_source[0].cost_per_sqo];
// 1200 / 6 leads at the second stage or above, / 3 at the third or above, / 1 at the top
const LADDER_COSTS = [200, 400, 1200, 200, 400, 1200];

describe('cost stages', () => {
  test('a ladder named mql, sql, sqo: costs by name, and summary.json says so', () => {
    const s = summary(['lead', 'mql', 'sql', 'sqo']);
    expect(costs(s)).toEqual(LADDER_COSTS);
    expect(s.cost_stages).toEqual({ mql: 'mql', sql: 'sql', sqo: 'sqo' });
  });

  test('a ladder ending in sales_qualified: costs for the stages the ruleset names', () => {
    const stageNames = ['lead', 'marketing_qualified', 'sales_qualified', 'opportunity'];
    const costStages = { mql: 'marketing_qualified', sql: 'sales_qualified', sqo: 'opportunity' };
    const s = summary(stageNames, { costStages });
    expect(costs(s)).toEqual(LADDER_COSTS);
    expect(s.cost_stages).toEqual(costStages);
    expect(renderSummary(s, 'md')).toMatch(/CPSQL 400\b/);
  });

  test('the same ladder without cost stages: no costs, and the headline says why', () => {
    const s = summary(['lead', 'marketing_qualified', 'sales_qualified', 'opportunity']);
    expect(costs(s)).toEqual([null, null, null, null, null, null]);
    expect(s.cost_stages).toEqual({ mql: null, sql: null, sqo: null });
    for (const text of [renderSummary(s, 'md'), renderTerminal(s, new Chalk({ level: 0 }))]) {
      expect(text).toMatch(/CPSQL not available \(no stage counts as SQL\)/);
    }
  });

  test('only SQL named: the other costs are null', () => {
    const s = summary(['lead', 'warm', 'hot', 'won'], { costStages: { mql: null, sql: 'hot', sqo: null } });
    expect(costs(s)).toEqual([null, 400, null, null, 400, null]);
  });
});
