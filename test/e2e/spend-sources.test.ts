/**
 * Spend and lead sources end to end (issue #10, item 5): `Google` and `google` in one export are
 * one source with all the spend, in either row order, in one block or many, in one thread or
 * several; spend that matches no lead source is a located warning on stderr and a list in
 * summary.json; a source without spend, or a run without any, has no cost.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, positionOf, read, readCsv, REPO, run, score, tempDir, write } from './helpers.js';

afterEach(cleanTempDirs);

const RULES = `source_column: source
spend:
  Google: 140000
  Paid Serach: 5000
  Events: 1000
stages:
  - name: lead
  - name: mql
    when: { column: level, in: [mql, sql] }
  - name: sql
    when: { column: level, equals: sql }
`;

/** `count` rows of [source, level] */
const rows = (count: number, source: string, level: string): string[] => Array.from({ length: count }, () => `${source},${level}`);
const exportOf = (lines: string[]) => `id,source,level\n${lines.map((l, i) => `${i + 1},${l}`).join('\n')}\n`;

// the big channel spelt Google (2,868 leads in the report; 40 here, 4 at sql), the small one
// google (5 leads, 1 at sql), one more with spaces; Paid Search and Referral have no spend entry
const BIG = [...rows(30, 'Google', 'lead'), ...rows(6, 'Google', 'mql'), ...rows(4, 'Google', 'sql')];
const SMALL = [...rows(3, 'google', 'lead'), ...rows(1, 'google', 'sql'), ...rows(1, 'google', 'mql'), '" google ",lead'];
const OTHER = [...rows(3, 'Paid Search', 'sql'), ...rows(2, 'Referral', 'mql'), ...rows(2, 'Events', 'sql')];

interface Summary {
  inputs: string[];
  rules: string;
  cpsql: number | null;
  by_source: { source: string; leads: number; spend: number; cost_per_mql: number | null; cost_per_sql: number | null; cost_per_sqo: number | null }[];
  unmatched_spend: { source: string; spend: number; nearest: string | null }[];
}

async function summaryFor(lines: string[], ...extra: string[]): Promise<{ summary: Summary; err: string; rules: string }> {
  const dir = tempDir();
  const rules = write(dir, 'rules.yaml', RULES);
  const input = write(dir, 'leads.csv', exportOf(lines));
  const result = await score(input, rules, '--out-dir', path.join(dir, 'out'), ...extra);
  expect(result.code).toBe(0);
  const summary = JSON.parse(read(path.join(dir, 'out', 'summary.json'))) as Summary;
  // the paths differ from run to run
  return { summary: { ...summary, inputs: [], rules: '' }, err: result.err, rules };
}

describe('Google and google are one source', () => {
  test.each([
    ['big channel first', [...BIG, ...SMALL, ...OTHER], []],
    ['small channel first', [...SMALL, ...BIG, ...OTHER], []],
    ['small channel last', [...OTHER, ...BIG, ...SMALL], []],
    ['interleaved, 3-byte blocks', BIG.flatMap((l, i) => (i < SMALL.length ? [SMALL[i], l] : [l])).concat(OTHER), ['--block-size', '3']],
    ['small channel first, 64-byte blocks', [...SMALL, ...BIG, ...OTHER], ['--block-size', '64']],
  ])('%s: all spend on "Google", cost per SQL 140000 / 5', async (_order, lines, extra) => {
    const { summary } = await summaryFor(lines as string[], ...(extra as string[]));
    const google = summary.by_source.filter((s) => s.source.trim().toLowerCase() === 'google');
    expect(google).toEqual([{
      source: 'Google', leads: 46, stages: { lead: 34, mql: 7, sql: 5, disqualified: 0 },
      spend: 140000, cost_per_mql: 11666.67, cost_per_sql: 28000, cost_per_sqo: null,
    }]);
    const first = await summaryFor([...BIG, ...SMALL, ...OTHER]);
    expect(summary).toEqual(first.summary);
  });

  test('a source with leads but no spend entry has cost n/a; the total still has a CPSQL', async () => {
    const { summary } = await summaryFor([...BIG, ...SMALL, ...OTHER]);
    const costs = (source: string) => summary.by_source.find((s) => s.source === source);
    expect(costs('Paid Search')).toMatchObject({ leads: 3, spend: 0, cost_per_mql: null, cost_per_sql: null });
    expect(costs('Referral')).toMatchObject({ leads: 2, spend: 0, cost_per_mql: null, cost_per_sql: null });
    expect(costs('Events')).toMatchObject({ spend: 1000, cost_per_sql: 500 });
    expect(summary.cpsql).toBe(14600); // (140000 + 5000 + 1000) / 10 SQLs
  });
});

describe('spend that matches no lead source', () => {
  const lines = [...BIG, ...SMALL, ...OTHER];

  test('a warning on stderr at the spend entry, with the nearest source; listed in summary.json', async () => {
    const { summary, err, rules } = await summaryFor(lines);
    const { line, col } = positionOf(RULES, 'Paid Serach', 'Paid Serach');
    expect(err).toContain(`${rules}:${line}:${col} warning: spend for "Paid Serach" matches no lead source; nearest: "Paid Search"\n`);
    expect(summary.unmatched_spend).toEqual([{ source: 'Paid Serach', spend: 5000, nearest: 'Paid Search' }]);
  });

  test('--quiet: no warning on stderr, still in summary.json', async () => {
    const { summary, err } = await summaryFor(lines, '--quiet');
    expect(err).toBe('');
    expect(summary.unmatched_spend).toHaveLength(1);
  });

  test('from --spend: the warning names the spend file and line', async () => {
    const dir = tempDir();
    const spend = write(dir, 'spend.csv', 'source,amount\nGOOGLE,140000\nPrint,500\n Paid Serach ,5000\n');
    const { summary, err } = await summaryFor(lines, '--spend', spend);
    expect(err.split('\n').filter((l) => l.includes('warning'))).toEqual([
      `${spend}:4 warning: spend for "Paid Serach" matches no lead source; nearest: "Paid Search"`,
      `${spend}:3 warning: spend for "Print" matches no lead source`,
    ]);
    expect(summary.unmatched_spend).toEqual([
      { source: 'Paid Serach', spend: 5000, nearest: 'Paid Search' },
      { source: 'Print', spend: 500, nearest: null },
    ]);
  });
});

describe('the summary formats say n/a, not 0', () => {
  test('Markdown and CSV for a source without spend, and a run without any spend', async () => {
    const dir = tempDir();
    const rules = write(dir, 'rules.yaml', RULES);
    const noSpend = write(dir, 'no-spend.yaml', RULES.replace(/spend:\n( {2}.*\n)+/, ''));
    const input = write(dir, 'leads.csv', exportOf([...BIG, ...OTHER]));
    expect((await score(input, rules, '--out', path.join(dir, 'a.csv'), '--summary', path.join(dir, 'a.md'), '-q')).code).toBe(0);
    expect(read(path.join(dir, 'a.md'))).toMatch(/^\| Referral \| 2 \| 0 \| 2 \| 0 \| 0 \| 0 \| n\/a \| n\/a \| n\/a \|$/m);
    expect((await score(input, rules, '--out', path.join(dir, 'b.csv'), '--summary', path.join(dir, 'b.csv.csv'), '-q')).code).toBe(0);
    expect(readCsv(path.join(dir, 'b.csv.csv')).find((r) => r[0] === 'Referral')).toEqual(['Referral', '2', '0', '2', '0', '0', '0', '', '', '']);

    expect((await score(input, noSpend, '--out', path.join(dir, 'c.csv'), '--summary', path.join(dir, 'c.md'), '-q')).code).toBe(0);
    const md = read(path.join(dir, 'c.md'));
    expect(md).toMatch(/total spend 0; CPSQL not available \(no spend given\)/);
    expect(md).toMatch(/^\| total \| 47 \| .* \| 0 \| n\/a \| n\/a \| n\/a \|$/m);
    const terminal = await run(['--color', 'never', 'score', input, '-r', noSpend, '--out', path.join(dir, 'd.csv')], true);
    expect(terminal.err).toMatch(/^total +47 .* 0 +n\/a +n\/a +n\/a$/m);
  });
});

describe('threads', () => {
  const BIN = path.join(REPO, 'bin', 'leadq.js');

  test('--threads 2 with small blocks gives the summary of one thread, spellings spread over blocks', () => {
    const dir = tempDir();
    const rules = write(dir, 'rules.yaml', RULES);
    const spellings = ['Google', 'google', ' GOOGLE', 'Paid Search', 'paid search', 'Events', 'EVENTS '];
    const levels = ['lead', 'lead', 'mql', 'sql'];
    // spellings rotate at different rates, so each block sees a different one first
    const lines = Array.from({ length: 6000 }, (_, i) => `"${spellings[Math.floor(i / 7 + i / 97) % spellings.length]}",${levels[i % 4]}`);
    const input = write(dir, 'leads.csv', exportOf(lines));
    const summaryWith = (name: string, ...extra: string[]) => {
      const out = path.join(dir, name);
      const r = spawnSync(process.execPath, [BIN, 'score', input, '-r', rules, '--as-of', '2026-11-01', '--out-dir', out, '-q', ...extra], { encoding: 'utf8' });
      expect([r.status, r.stderr]).toEqual([0, '']);
      return fs.readFileSync(path.join(out, 'summary.json'), 'utf8');
    };
    const one = summaryWith('one', '--threads', '1');
    expect((JSON.parse(one) as Summary).by_source.map((s) => s.source.toLowerCase())).toEqual(['events', 'google', 'paid search', 'paid serach']);
    for (const blockSize of ['512', '4096']) expect(summaryWith(`two-${blockSize}`, '--threads', '2', '--block-size', blockSize)).toBe(one);
  });
});
