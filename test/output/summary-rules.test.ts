/**
 * The summary's per-rule table (`by_rule`): leads each rule fired for and the points it added,
 * counted by the engine into the block's tally, merged across blocks like the other counts, and
 * rendered in JSON, Markdown and on the terminal.
 */
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { Chalk } from 'chalk';
import { renderSummary } from '../../src/output/report.js';
import { renderTerminal } from '../../src/output/terminal-report.js';
import { SummaryBuilder, type SummaryMeta } from '../../src/output/summary.js';
import { cleanTempDirs, read, readCsv, REPO, run, tempDir } from '../e2e/helpers.js';

afterEach(cleanTempDirs);

const STATS = [{ name: 'visit', score: 'engagement' }, { name: 'big company', score: 'fit' }, { name: 'engagement floor/ceiling', score: 'engagement' }];
const meta = (ruleStats = STATS): SummaryMeta => ({
  asOf: '2026-11-01', rules: 'rules.yaml', inputs: ['leads.csv'], header: ['id'], stageNames: ['lead'], spend: new Map(), ruleStats,
});

/** A block's builder whose tally holds `fired` leads and `cents` per rule. */
function block(fired: number[], cents: number[]): SummaryBuilder {
  const b = new SummaryBuilder(1, STATS.length);
  fired.forEach((n, i) => { b.tally.fired[i] = n; b.tally.cents[i] = cents[i]; });
  return b;
}

describe('merging blocks', () => {
  test('fired counts and points add up across blocks; points come back as exact cents', () => {
    const total = new SummaryBuilder(1, STATS.length);
    total.merge(block([2, 1, 0], [10, 1550, 0]).snapshot(), 0);
    total.merge(block([1, 0, 1], [20, 0, -333]).snapshot(), 10);
    expect(total.finish(meta()).by_rule).toEqual([
      { rule: 'visit', score: 'engagement', leads: 3, points: 0.3 },
      { rule: 'big company', score: 'fit', leads: 1, points: 15.5 },
      { rule: 'engagement floor/ceiling', score: 'engagement', leads: 1, points: -3.33 },
    ]);
  });

  test('a summary without rule statistics has an empty table', () => {
    expect(new SummaryBuilder(1).finish(meta([])).by_rule).toEqual([]);
  });
});

describe('rendering', () => {
  const summary = block([3, 1, 1], [30, 1550, -333]).finish(meta());

  test('Markdown: a Rules table in ruleset order', () => {
    const md = renderSummary(summary, 'md');
    const at = md.indexOf('## Rules');
    expect(at).toBeGreaterThan(0);
    expect(md.slice(at).split('\n').slice(2, 7)).toEqual([
      '| rule | score | leads | points |', '|---|---|---|---|',
      '| visit | engagement | 3 | 0.30 |', '| big company | fit | 1 | 15.50 |', '| engagement floor/ceiling | engagement | 1 | -3.33 |',
    ]);
  });

  test('terminal: the same table, aligned', () => {
    const lines = renderTerminal(summary, new Chalk({ level: 0 })).split('\n');
    const header = lines.findIndex((l) => /^rule +score +leads +points$/.test(l));
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 2]).toMatch(/^big company +fit +1 +15\.50$/);
  });

  test('no Rules section when there are no rules', () => {
    expect(renderSummary(new SummaryBuilder(1).finish(meta([])), 'md')).not.toContain('## Rules');
  });
});

describe('end to end on the bundled example', () => {
  const EXAMPLE = ['score', path.join(REPO, 'examples', 'leads.csv'), '--rules', path.join(REPO, 'rules.example.yaml')];

  test.each([[[] as string[]], [['--block-size', '4096']]])('the points of each score\'s rules add up to the sum of its column (%p)', async (extra) => {
    const dir = tempDir();
    expect((await run([...EXAMPLE, '--out-dir', dir, ...extra])).code).toBe(0);
    const summary = JSON.parse(read(path.join(dir, 'summary.json'))) as { by_rule: { rule: string; score: string; leads: number; points: number }[] };
    const [header, ...rows] = readCsv(path.join(dir, 'scored.csv'));
    const column = (name: string) => rows.reduce((a, r) => a + Math.round(Number(r[header.indexOf(name)]) * 100), 0);
    const byScore = (score: string) => summary.by_rule.filter((r) => r.score === score).reduce((a, r) => a + Math.round(r.points * 100), 0);
    expect([byScore('engagement'), byScore('fit'), byScore('buying_intent')]).toEqual([column('engagement_score'), column('fit_score'), column('buying_intent_score')]);
    const fired = (rule: string) => summary.by_rule.find((r) => r.rule === rule)!.leads;
    expect(fired('demo requested')).toBe(rows.filter((r) => r[header.indexOf('reasons')].includes('demo requested +50')).length);
  });
});
