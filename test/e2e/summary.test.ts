/**
 * Value warnings (cells that do not parse are empty and counted) and the summary formats.
 *
 * fixtures/warnings.csv, by line: 1 header; 2 row 1 (all valid); 3-4 row 2 (a quoted line break,
 * employees "ten"); 5 row 3 ("1,200", 2026-02-30, "maybe"); 6 row 4 (" 250 " is a number,
 * "yesterday", webinar empty); 7 row 5 (all empty: no warning); 8 row 6 ("10 %", 2026-13-01, "si").
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { cleanTempDirs, fixture, read, readCsv, run, score, summaryOf, tempDir, write } from './helpers.js';

afterEach(cleanTempDirs);

const LEADS = fixture('leads.csv');
const RULES = fixture('rules.yaml');

describe('value warnings', () => {
  const input = fixture('warnings.csv');
  const rules = fixture('warnings-rules.yaml');

  test.each([[[]], [['--block-size', '1']], [['--block-size', '9']]])('unparseable cells are listed by column with their first lines (%p)', async (extra) => {
    const dir = tempDir();
    expect((await score(input, rules, '--out-dir', dir, ...extra)).code).toBe(0);
    expect(summaryOf(dir).warnings).toEqual({
      total: 8,
      by_column: [
        // employees: 100 and " 250 " parse; ten, "1,200", "10 %" do not
        { column: 'employees', kind: 'number', count: 3, values: 5, mostly_unparsed: true, first_lines: [3, 5, 8], first_value: 'ten' },
        { column: 'last_activity', kind: 'date', count: 3, values: 5, mostly_unparsed: true, first_lines: [5, 6, 8], first_value: '2026-02-30' },
        { column: 'webinar', kind: 'boolean', count: 2, values: 4, mostly_unparsed: false, first_lines: [5, 8], first_value: 'maybe' },
      ],
    });
  });

  test.each([
    // id, engagement, fit: an unparseable cell scores as an empty one
    ['1', '25', '10'],
    ['2', '25', '0'],
    ['3', '0', '0'],
    ['4', '0', '10'],
    ['5', '0', '0'],
    ['6', '0', '0'],
  ])('row %s scores engagement %s and fit %s, its cells unchanged', async (id, engagement, fit) => {
    const dir = tempDir();
    expect((await score(input, rules, '--out-dir', dir)).code).toBe(0);
    const [header, ...rows] = readCsv(path.join(dir, 'scored.csv'));
    const row = rows.find((r) => r[0] === id)!;
    expect([row[header.indexOf('engagement_score')], row[header.indexOf('fit_score')]]).toEqual([engagement, fit]);
    const original = (parse(read(input)) as string[][]).find((r) => r[0] === id)!;
    expect(row.slice(0, original.length)).toEqual(original);
  });

  test('only the first five lines of a column are kept; the count is complete', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 7 }, (_, i) => `${i + 1},ok,many,,`);
    const file = write(dir, 'in.csv', `id,notes,employees,last_activity,webinar\n${rows.join('\n')}\n`);
    expect((await score(file, rules, '--out-dir', path.join(dir, 'out'))).code).toBe(0);
    expect(summaryOf(path.join(dir, 'out')).warnings.by_column).toEqual([{ column: 'employees', kind: 'number', count: 7, values: 7, mostly_unparsed: true, first_lines: [2, 3, 4, 5, 6], first_value: 'many' }]);
  });

  test.each([[true], [false]])('one line per column on standard error (a terminal: %p); --quiet silences them', async (tty) => {
    const dir = tempDir();
    const loud = await run(['--color', 'never', 'score', input, '--rules', rules, '--as-of', '2026-11-01', '--out', path.join(dir, 'a.csv')], tty);
    expect(loud.code).toBe(0);
    const lines = loud.err.split('\n').filter((l) => l.startsWith('leadq: warning:'));
    expect(lines).toEqual([
      expect.stringMatching(/^leadq: warning: most values of column "employees" are not a number: 3 of 5 \(60%\).*first at lines 3, 5, 8: "ten"/),
      expect.stringMatching(/^leadq: warning: most values of column "last_activity" are not a date: 3 of 5 .*first at lines 5, 6, 8: "2026-02-30"/),
      expect.stringMatching(/^leadq: warning: 2 of 4 values of column "webinar" are not true or false, read as empty \(first at lines 5, 8: "maybe"\)$/),
    ]);
    // the louder lines come with a hint on the format
    expect(loud.err.match(/hint: has the export's format changed/g)).toHaveLength(2);
    expect(loud.err).not.toMatch(/\u001b\[/);
    const quiet = await run(['score', input, '--rules', rules, '--as-of', '2026-11-01', '--out', path.join(dir, 'b.csv'), '--quiet'], tty);
    expect(quiet).toMatchObject({ code: 0, err: '' });
  });

  test.each([
    [['--max-warnings', '7'], 1],
    [['--max-warnings', '8'], 0],
    [['--max-warnings', '0'], 1],
    // 8 warnings in 6 rows: 133% of the rows read
    [['--max-warnings', '100%'], 1],
  ])('%p with 8 value warnings: exit %i, and a failed run replaces no output', async (args, code) => {
    const dir = tempDir();
    const out = write(dir, 'scored.csv', 'earlier\n');
    const result = await score(input, rules, '--out', out, ...args);
    expect(result.code).toBe(code);
    if (code === 1) {
      expect(result.err).toMatch(/8 value warnings in 6 rows, more than --max-warnings .* allows; no output was replaced \[INPUT_WARNINGS\]/);
      expect(result.err).toMatch(/hint: most are in column "employees"/);
      expect(read(out)).toBe('earlier\n');
    } else expect(read(out)).not.toBe('earlier\n');
  });

  test('an invalid --max-warnings is a usage error', async () => {
    const result = await score(input, rules, '--max-warnings', 'many');
    expect(result.code).toBe(2);
  });
});

describe('--summary formats', () => {
  test('.json is the summary.json of --out-dir, byte for byte', async () => {
    const dir = tempDir();
    expect((await score(LEADS, RULES, '--out-dir', path.join(dir, 'out'), '--summary', path.join(dir, 's.json'))).code).toBe(0);
    expect(read(path.join(dir, 's.json'))).toBe(read(path.join(dir, 'out', 'summary.json')));
  });

  test('.md has the as-of date, the CPSQL and the funnel and source tables', async () => {
    const dir = tempDir();
    expect((await score(LEADS, RULES, '--out', path.join(dir, 'o.csv'), '--summary', path.join(dir, 's.md'))).code).toBe(0);
    const md = read(path.join(dir, 's.md'));
    expect(md.split('\n')[0]).toMatch(/^# .*2026-11-01/);
    expect(md).toMatch(/CPSQL 3,666\.67/);
    expect(md).toMatch(/^\| stage \| reached \|/m);
    expect(md).toMatch(/^\| sqo \| 1 \|/m);
    expect(md).toMatch(/^\| Events \| 4 \|/m);
    expect(md).toMatch(/^\| employees \| number \| 1 \| 10 \|/m);
  });

  test('.csv has one row per source and a total row with plain numbers', async () => {
    const dir = tempDir();
    expect((await score(LEADS, RULES, '--out', path.join(dir, 'o.csv'), '--summary', path.join(dir, 's.csv'))).code).toBe(0);
    const rows = readCsv(path.join(dir, 's.csv'));
    expect(rows[0]).toEqual(['source', 'leads', 'lead', 'warm', 'mql', 'sal', 'sql', 'sqo', 'disqualified', 'spend', 'cost per MQL', 'cost per SQL', 'cost per SQO']);
    expect(rows.map((r) => r[0])).toEqual(['source', 'Events', 'Partner', 'Print', 'Referral', 'Web', 'total']);
    expect(rows.at(-1)).toEqual(['total', '12', '1', '2', '1', '2', '2', '1', '3', '11000', '1833.33', '3666.67', '11000']);
    expect(rows.find((r) => r[0] === 'Print')!.slice(-3)).toEqual(['', '', '']);
  });

  test('.txt is refused with exit 2 before anything is written', async () => {
    const dir = tempDir();
    const result = await score(LEADS, RULES, '--out', path.join(dir, 'o.csv'), '--summary', path.join(dir, 's.txt'));
    expect(result.code).toBe(2);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('CPSQL not available', () => {
  test('a ruleset without an sql stage gives "cpsql": null', async () => {
    const dir = tempDir();
    expect((await score(fixture('simple.csv'), fixture('simple-rules.yaml'), '--out-dir', dir, '--summary', path.join(dir, 's.md'))).code).toBe(0);
    const summary = summaryOf(dir);
    expect([summary.cpsql, summary.cost_per_mql, summary.cost_per_sqo]).toEqual([null, null, null]);
    expect(read(path.join(dir, 's.md'))).toMatch(/not available/);
  });

  test('an input in which no lead reaches sql gives "cpsql": null despite the spend', async () => {
    const dir = tempDir();
    const lines = read(LEADS).split('\n');
    // L04 (warm) and L05 (lead)
    const input = write(dir, 'in.csv', `${[lines[0], lines[4], lines[5]].join('\n')}\n`);
    expect((await score(input, RULES, '--out-dir', path.join(dir, 'out'))).code).toBe(0);
    const summary = summaryOf(path.join(dir, 'out'));
    expect(summary.cpsql).toBeNull();
    expect(summary.stages).toMatchObject({ lead: 1, warm: 1, sql: 0, sqo: 0 });
  });
});
