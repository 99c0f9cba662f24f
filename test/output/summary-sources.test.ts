/**
 * Lead sources in the summary (issue #10, item 5): spellings that differ only in case or
 * surrounding spaces are one source, shown by their most frequent spelling; spend lands on that
 * one source whatever the row order or the way rows were cut into blocks; spend that matches no
 * lead source is reported; a source without spend, or a run without any, has no cost (null / n/a).
 */
import { describe, expect, test } from '@jest/globals';
import { Chalk } from 'chalk';
import type { LeadResult } from '../../src/engine/types.js';
import { renderSummary } from '../../src/output/report.js';
import { renderTerminal } from '../../src/output/terminal-report.js';
import { SummaryBuilder, type Summary, type SummaryMeta } from '../../src/output/summary.js';
import { mulberry32 } from '../support/random.js';

const STAGES = ['lead', 'mql', 'sql', 'sqo'];
const DQ = -1;

function lead(stage: number): LeadResult {
  return {
    engagement: 0, fit: 0, total: 0, bantMask: 0, stage, named: [], grade: -1,
    disqualifiedReason: stage < 0 ? 'do_not_contact' : '', priority: '', reasons: [],
  };
}

function meta(spend: [string, number][], extra: Partial<SummaryMeta> = {}): SummaryMeta {
  return { asOf: '2026-11-01', rules: 'rules.yaml', inputs: ['leads.csv'], header: ['id'], stageNames: STAGES, spend: new Map(spend), ...extra };
}

/** One row per [source, stage]. */
type Row = [string, number];

/** The rows scored by one builder, or cut into blocks at `cuts` and merged in input order (as threads do). */
function summarise(rows: Row[], spend: [string, number][], cuts: number[] = [], extra: Partial<SummaryMeta> = {}): Summary {
  const bounds = [0, ...cuts, rows.length];
  const stageCount = (extra.stageNames ?? STAGES).length;
  const total = new SummaryBuilder(stageCount);
  for (let b = 0; b + 1 < bounds.length; b++) {
    const block = new SummaryBuilder(stageCount);
    for (const [source, stage] of rows.slice(bounds[b], bounds[b + 1])) block.addScored(lead(stage), source);
    total.merge(block.snapshot(), 0);
  }
  return total.finish(meta(spend, extra));
}

/** `count` copies of each row */
const times = (count: number, ...rows: Row[]): Row[] => Array.from({ length: count }, () => rows).flat();

// the big channel: 6 leads spelt `Google` (2 at sql, 1 at sqo); the same channel spelt `google`
// (1 lead at sql) and ` google ` (1 lead); a second channel without spend
const GOOGLE: Row[] = [...times(3, ['Google', 0]), ['Google', 2], ['Google', 2], ['Google', 3], ['google', 2], [' google ', 0]];
const OTHER: Row[] = [['Referral', 2], ['Referral', DQ]];
const SPEND: [string, number][] = [['GOOGLE', 1200], ['Events', 300]];

describe('spellings of one source are one source', () => {
  const orders: [string, Row[]][] = [
    ['as written', [...GOOGLE, ...OTHER]],
    ['reversed', [...GOOGLE, ...OTHER].reverse()],
    ['small spellings first', [['google', 2], [' google ', 0], ...OTHER, ...GOOGLE.filter(([s]) => s === 'Google')]],
    ['small spelling last', [...GOOGLE.filter(([s]) => s !== 'google'), ...OTHER, ['google', 2]]],
  ];
  const expected = summarise(orders[0][1], SPEND);

  test.each(orders)('%s: all spend on one source shown as "Google"', (_order, rows) => {
    const summary = summarise(rows, SPEND);
    expect(summary.by_source.map((s) => s.source)).toEqual(['Events', 'Google', 'Referral']);
    expect(summary.by_source[1]).toEqual({
      source: 'Google', leads: 8, stages: { lead: 4, mql: 0, sql: 3, sqo: 1, disqualified: 0 },
      // 1200 / 4 leads at mql or above, / 4 at sql or above, / 1 at sqo
      spend: 1200, cost_per_mql: 300, cost_per_sql: 300, cost_per_sqo: 1200,
    });
    expect(summary).toEqual(expected);
  });

  test.each(orders)('%s, cut into blocks anywhere: the same summary as one block', (_order, rows) => {
    for (let cut = 0; cut <= rows.length; cut++) expect(summarise(rows, SPEND, [cut])).toEqual(expected);
    expect(summarise(rows, SPEND, Array.from({ length: rows.length - 1 }, (_, i) => i + 1))).toEqual(expected);
  });

  test('seeded: random spellings, order and blocks give one summary', () => {
    const spellings = ['Paid Search', 'paid search', ' PAID SEARCH', 'Paid search ', 'Events', 'events'];
    const rand = mulberry32(7);
    const rows: Row[] = Array.from({ length: 300 }, () => [spellings[Math.floor(rand() * spellings.length)], Math.floor(rand() * 5) - 1]);
    const spend: [string, number][] = [['paid SEARCH', 900], ['EVENTS ', 100]];
    const one = summarise(rows, spend);
    expect(one.by_source.map((s) => s.source)).toHaveLength(2);
    expect(one.by_source.reduce((a, s) => a + s.leads, 0)).toBe(300);
    for (let seed = 1; seed <= 5; seed++) {
      const r = mulberry32(seed);
      const shuffled = rows.map((row) => [r(), row] as const).sort((a, b) => a[0] - b[0]).map(([, row]) => row);
      const cuts = [...new Set(Array.from({ length: 4 }, () => Math.floor(r() * rows.length)))].sort((a, b) => a - b);
      expect(summarise(shuffled, spend, cuts)).toEqual(one);
    }
  });
});

describe('the spelling shown: the most frequent, ties broken by character order', () => {
  test.each<[string, Row[], string]>([
    ['more leads win over capitals', [...times(3, ['google', 0]), ...times(2, ['Google', 0])], 'google'],
    ['a tie: upper case sorts first', [...times(2, ['google', 0]), ...times(2, ['Google', 0])], 'Google'],
    ['a tie, the other order', [...times(2, ['Google', 0]), ...times(2, ['google', 0])], 'Google'],
    ['a three-way tie', [['paid search', 1], ['Paid search', 1], ['Paid Search', 1]], 'Paid Search'],
    ['spaces around do not make a spelling', [['  Web', 0], ['Web  ', 0], ['web', 0]], 'Web'],
    ['disqualified leads count as leads', [['ads', DQ], ['ads', DQ], ['Ads', 2]], 'ads'],
  ])('%s', (_name, rows, shown) => {
    for (const order of [rows, [...rows].reverse()]) {
      expect(summarise(order, []).by_source.map((s) => s.source)).toEqual([shown]);
      // the tie is broken the same way when each spelling is seen by another block first
      expect(summarise(order, [], [1]).by_source.map((s) => s.source)).toEqual([shown]);
    }
  });

  test('spend without leads is shown as the spend list spells it', () => {
    const summary = summarise([['Web', 0]], [['Web', 10], ['print ', 5], ['PRINT', 7]]);
    expect(summary.by_source.map((s) => [s.source, s.leads, s.spend])).toEqual([['PRINT', 0, 12], ['Web', 1, 10]]);
  });
});

describe('spend that matches no lead source', () => {
  const rows: Row[] = [['Paid Search', 2], ['Google', 2], ['Events', 1]];

  test('is listed with the nearest lead source, and still counts in the total', () => {
    const summary = summarise(rows, [['Paid Serach', 100], ['google', 50], ['Print', 10], ['Events', 40]]);
    expect(summary.unmatched_spend).toEqual([
      { source: 'Paid Serach', spend: 100, nearest: 'Paid Search' },
      { source: 'Print', spend: 10, nearest: null },
    ]);
    expect(summary.spend_total).toBe(200);
    expect(summary.by_source.find((s) => s.source === 'Paid Serach')).toMatchObject({ leads: 0, spend: 100, cost_per_sql: null });
  });

  test('every spend entry matches: an empty list', () => {
    expect(summarise(rows, [['paid search', 100], [' GOOGLE ', 50]]).unmatched_spend).toEqual([]);
  });

  test('(none) is no lead source to suggest', () => {
    expect(summarise([['', 2], ['  ', 1]], [['None', 10]]).unmatched_spend).toEqual([{ source: 'None', spend: 10, nearest: null }]);
  });
});

describe('a cost needs spend', () => {
  const rows: Row[] = [['Google', 2], ['Google', 1], ['Referral', 2], ['Referral', 3], ['Direct', 2], ['', 2]];

  test('a source with leads but no spend entry has no cost; an entry of 0 costs 0', () => {
    const summary = summarise(rows, [['Google', 500], ['Direct', 0]]);
    const costs = (source: string) => {
      const s = summary.by_source.find((b) => b.source === source)!;
      return [s.spend, s.cost_per_mql, s.cost_per_sql, s.cost_per_sqo];
    };
    expect(costs('Google')).toEqual([500, 250, 500, null]);
    expect(costs('Referral')).toEqual([0, null, null, null]);
    expect(costs('(none)')).toEqual([0, null, null, null]);
    expect(costs('Direct')).toEqual([0, 0, 0, null]);
    // the total is all spend over all leads
    expect([summary.spend_total, summary.cost_per_mql, summary.cpsql, summary.cost_per_sqo]).toEqual([500, 83.33, 100, 500]);
  });

  test('no spend at all: every cost is null, overall and per source', () => {
    const summary = summarise(rows, []);
    expect([summary.spend_total, summary.cost_per_mql, summary.cpsql, summary.cost_per_sqo]).toEqual([0, null, null, null]);
    for (const s of summary.by_source) expect([s.cost_per_mql, s.cost_per_sql, s.cost_per_sqo]).toEqual([null, null, null]);
  });

  test('spend entries of 0: costs are 0', () => {
    const summary = summarise(rows, [['Elsewhere', 0]]);
    expect([summary.spend_total, summary.cost_per_mql, summary.cpsql]).toEqual([0, 0, 0]);
  });

  describe('rendered', () => {
    const summary = summarise(rows, [['Google', 500], ['Direct', 0]]);
    const noSpend = summarise(rows, []);

    test.each<[string, (s: Summary) => string, RegExp, RegExp]>([
      ['Markdown', (s) => renderSummary(s, 'md'), /^\| Referral \| 2 \| .* \| 0 \| n\/a \| n\/a \| n\/a \|$/m, /^\| Direct \| 1 \| .* \| 0 \| 0 \| 0 \| n\/a \|$/m],
      ['terminal', (s) => renderTerminal(s, new Chalk({ level: 0 })), /^Referral .* 0 +n\/a +n\/a +n\/a$/m, /^Direct .* 0 +0 +0 +n\/a$/m],
      // the CSV summary is plain numbers for spreadsheets: not available is an empty cell, as for every cost
      ['CSV', (s) => renderSummary(s, 'csv'), /^Referral,2,.*,0,,,$/m, /^Direct,1,.*,0,0,0,$/m],
    ])('%s: n/a where no spend entry, 0 where the entry is 0', (_format, render, noEntry, zero) => {
      const text = render(summary);
      expect(text).toMatch(noEntry);
      expect(text).toMatch(zero);
    });

    test.each<[string, Summary, RegExp]>([
      ['no spend given', noSpend, /CPSQL not available \(no spend given\)/],
      ['no SQLs', summarise([['Google', 1]], [['Google', 500]]), /CPSQL not available \(no SQLs\)/],
      ['no stage counts as SQL', summarise([['Google', 1]], [['Google', 500]], [], { stageNames: ['lead', 'mql'] }), /CPSQL not available \(no stage counts as SQL\)/],
    ])('the headline says why CPSQL is not available: %s', (_why, s, pattern) => {
      expect(renderSummary(s, 'md')).toMatch(pattern);
      expect(renderTerminal(s, new Chalk({ level: 0 }))).toMatch(pattern);
    });

    test('Markdown lists spend that matches no lead source', () => {
      const md = renderSummary(summarise(rows, [['Gogle', 500]]), 'md');
      expect(md).toContain('spend for "Gogle" matches no lead source; nearest: "Google"');
    });
  });
});
