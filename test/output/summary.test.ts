import { describe, expect, test } from '@jest/globals';
import type { LeadResult } from '../../src/engine/types.js';
import { SUMMARY_VERSION, SummaryBuilder, type SummaryMeta } from '../../src/output/summary.js';
import { mulberry32 } from '../support/random.js';

const STAGES = ['lead', 'mql', 'sql', 'sqo'];
const DQ = -1;

function lead(stage: number): LeadResult {
  return {
    engagement: 0, fit: 0, total: 0, bantMask: 0, stage, named: [], grade: -1,
    disqualifiedReason: stage < 0 ? 'do_not_contact' : '', priority: '', reasons: [],
  };
}

function meta(spend: [string, number][] = [], stageNames = STAGES): SummaryMeta {
  return { asOf: '2026-11-01', rules: 'rules.yaml', inputs: ['leads.csv'], header: ['id', 'budget', 'created'], stageNames, spend: new Map(spend) };
}

/** Adds `count` leads at each [source, stage]. */
function build(leads: [string, number, number][], stageNames = STAGES): SummaryBuilder {
  const builder = new SummaryBuilder(stageNames.length);
  for (const [source, stage, count] of leads) for (let i = 0; i < count; i++) builder.addScored(lead(stage), source);
  return builder;
}

describe('SummaryBuilder: a mixed run', () => {
  const builder = build([
    ['Paid Search', 0, 1], ['Paid Search', 1, 1], ['Paid Search', 2, 2], ['Paid Search', 3, 1], ['Paid Search', DQ, 1],
    [' Paid Search ', 0, 1], // surrounding spaces: the same source
    ['Events', 0, 1], ['Events', 3, 1],
    ['  ', 1, 1], // no source
  ]);
  builder.addRejected();
  builder.addRejected();
  // spend is matched to the sources ignoring case and spaces; Webinars has spend but no leads
  const summary = builder.finish(meta([['paid search ', 1000], ['EVENTS', 400], ['events', 100], ['Webinars', 300]]));

  test('metadata', () => {
    expect(summary).toMatchObject({ leadq_summary_version: SUMMARY_VERSION, as_of: '2026-11-01', rules: 'rules.yaml', inputs: ['leads.csv'] });
  });

  test('rows: read = scored + rejected', () => {
    expect(summary.rows).toEqual({ read: 12, scored: 10, rejected: 2 });
  });

  test('counts per stage, disqualified apart', () => {
    expect(summary.stages).toEqual({ lead: 3, mql: 2, sql: 2, sqo: 2, disqualified: 1 });
  });

  test('the funnel is cumulative; every scored lead is a lead; rates to 4 decimals', () => {
    expect(summary.funnel).toEqual([
      { stage: 'lead', reached: 10, from_previous: null, from_first: null },
      { stage: 'mql', reached: 6, from_previous: 0.6, from_first: 0.6 }, // mql + sql + sqo = 2 + 2 + 2
      { stage: 'sql', reached: 4, from_previous: 0.6667, from_first: 0.4 },
      { stage: 'sqo', reached: 2, from_previous: 0.5, from_first: 0.2 },
    ]);
  });

  test('spend total includes a source without leads; cost per stage uses the leads at that stage or above', () => {
    expect(summary.spend_total).toBe(1800);
    expect(summary.cost_per_mql).toBe(300); // 1800 / 6
    expect(summary.cpsql).toBe(450); // 1800 / 4
    expect(summary.cost_per_sqo).toBe(900); // 1800 / 2
  });

  test('per source, sorted, spend under the export\'s spelling', () => {
    expect(summary.by_source).toEqual([
      {
        // no spend entry names it: its costs are not available, not 0
        source: '(none)', leads: 1, stages: { lead: 0, mql: 1, sql: 0, sqo: 0, disqualified: 0 },
        spend: 0, cost_per_mql: null, cost_per_sql: null, cost_per_sqo: null,
      },
      {
        source: 'Events', leads: 2, stages: { lead: 1, mql: 0, sql: 0, sqo: 1, disqualified: 0 },
        spend: 500, cost_per_mql: 500, cost_per_sql: 500, cost_per_sqo: 500,
      },
      {
        source: 'Paid Search', leads: 7, stages: { lead: 2, mql: 1, sql: 2, sqo: 1, disqualified: 1 },
        spend: 1000, cost_per_mql: 250, cost_per_sql: 333.33, cost_per_sqo: 1000, // 1000 / 4, / 3, / 1
      },
      {
        source: 'Webinars', leads: 0, stages: { lead: 0, mql: 0, sql: 0, sqo: 0, disqualified: 0 },
        spend: 300, cost_per_mql: null, cost_per_sql: null, cost_per_sqo: null,
      },
    ]);
  });
});

describe('SummaryBuilder: cost metrics that are not available', () => {
  test.each([
    ['no SQL at all', [['Ads', 0, 3], ['Ads', 1, 2]] as [string, number, number][], STAGES, { cost_per_mql: 500, cpsql: null, cost_per_sqo: null }],
    ['only disqualified leads', [['Ads', DQ, 4]] as [string, number, number][], STAGES, { cost_per_mql: null, cpsql: null, cost_per_sqo: null }],
    ['no leads', [] as [string, number, number][], STAGES, { cost_per_mql: null, cpsql: null, cost_per_sqo: null }],
    ['a ladder without sql and sqo', [['Ads', 1, 1], ['Ads', 2, 1]] as [string, number, number][], ['lead', 'mql', 'hot'], { cost_per_mql: 500, cpsql: null, cost_per_sqo: null }],
    ['stage names in upper case', [['Ads', 2, 4]] as [string, number, number][], ['Lead', 'MQL', 'SQL'], { cost_per_mql: 250, cpsql: 250, cost_per_sqo: null }],
  ])('%s', (_name, leads, stageNames, expected) => {
    const summary = build(leads, stageNames).finish(meta([['ads', 1000]], stageNames));
    expect(summary.spend_total).toBe(1000);
    expect({ cost_per_mql: summary.cost_per_mql, cpsql: summary.cpsql, cost_per_sqo: summary.cost_per_sqo }).toEqual(expected);
    for (const s of summary.by_source) {
      for (const cost of [s.cost_per_mql, s.cost_per_sql, s.cost_per_sqo]) if (cost !== null) expect(Number.isFinite(cost)).toBe(true);
    }
  });

  test('no leads: rates are null, not NaN', () => {
    const summary = build([]).finish(meta());
    expect(summary.rows).toEqual({ read: 0, scored: 0, rejected: 0 });
    expect(summary.funnel.map((f) => [f.reached, f.from_previous, f.from_first])).toEqual([[0, null, null], [0, null, null], [0, null, null], [0, null, null]]);
    expect(summary.by_source).toEqual([]);
  });
});

describe('SummaryBuilder: warnings', () => {
  test('counted by column and kind, first five lines and the first value kept, sorted by column', () => {
    const builder = new SummaryBuilder(STAGES.length);
    for (let line = 2; line <= 8; line++) builder.addWarnings([{ column: 2, kind: 'date', value: `10/${line}/2026` }], line);
    builder.addWarnings([{ column: 1, kind: 'number', value: 'lots' }, { column: 2, kind: 'number', value: 'x' }], 11);
    builder.addWarnings([], 12);
    expect(builder.finish(meta()).warnings).toEqual({
      total: 9,
      by_column: [
        { column: 'budget', kind: 'number', count: 1, values: 1, mostly_unparsed: true, first_lines: [11], first_value: 'lots' },
        { column: 'created', kind: 'date', count: 7, values: 7, mostly_unparsed: true, first_lines: [2, 3, 4, 5, 6], first_value: '10/2/2026' },
        { column: 'created', kind: 'number', count: 1, values: 1, mostly_unparsed: true, first_lines: [11], first_value: 'x' },
      ],
    });
  });

  test.each([
    // parsed cells, cells that did not parse → most did not parse?
    [10, 9, false],
    [9, 9, false],
    [9, 10, true],
    [0, 1, true],
  ])('%i values parsed and %i not: mostly unparsed %p (merged from blocks)', (parsedCount, failed, mostly) => {
    const builder = new SummaryBuilder(STAGES.length);
    const block = new SummaryBuilder(STAGES.length);
    const parsed = new Int32Array(3);
    parsed[2] = parsedCount;
    block.addParsed(parsed);
    for (let i = 0; i < failed; i++) block.addWarnings([{ column: 2, kind: 'date', value: 'soon' }], 2 + i);
    builder.merge(block.snapshot(), 0);
    const [w] = builder.finish(meta()).warnings.by_column;
    expect([w.count, w.values, w.mostly_unparsed]).toEqual([failed, failed + parsedCount, mostly]);
  });
});

describe('SummaryBuilder: seeded property', () => {

  test.each([1, 2, 3, 4, 5])('seed %p: rows add up and the funnel never rises', (seed) => {
    const rand = mulberry32(seed);
    const builder = new SummaryBuilder(STAGES.length);
    const sources = ['A', 'b', 'B ', '', 'C'];
    let rejected = 0;
    const n = Math.floor(rand() * 200);
    for (let i = 0; i < n; i++) {
      if (rand() < 0.1) { builder.addRejected(); rejected++; continue; }
      builder.addScored(lead(Math.floor(rand() * (STAGES.length + 1)) - 1), sources[Math.floor(rand() * sources.length)]);
    }
    const s = builder.finish(meta([['a', 100], ['c', 50], ['d', 25]]));
    expect(s.rows).toEqual({ read: n, scored: n - rejected, rejected });
    expect(Object.values(s.stages).reduce((a, b) => a + b, 0)).toBe(s.rows.scored);
    expect(s.by_source.reduce((a, b) => a + b.leads, 0)).toBe(s.rows.scored);
    expect(s.funnel[0].reached).toBe(s.rows.scored);
    for (let i = 1; i < s.funnel.length; i++) expect(s.funnel[i].reached).toBeLessThanOrEqual(s.funnel[i - 1].reached);
    expect(s.spend_total).toBe(175);
  });
});
