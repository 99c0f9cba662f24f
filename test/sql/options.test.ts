/**
 * `leadq sql`'s options on the command line: `--order-by` checked and spelt like a rule's column
 * when there is an export to check it against, and options the query would not read refused
 * (exit 2, nothing written) rather than ignored. No database runs here.
 */
import path from 'node:path';
import fs from 'node:fs';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, read, run, tempDir, write } from '../e2e/helpers.js';

afterEach(cleanTempDirs);

const RULES = `version: 1
columns:
  lead_id: Record ID
fit:
  - { name: big, when: { column: employees, gte: 100 }, points: 20 }
stages:
  - name: lead
  - name: sql
    when: { score: total, gte: 20 }
`;

function setup() {
  const dir = tempDir();
  return {
    dir,
    rules: write(dir, 'rules.yaml', RULES),
    csv: write(dir, 'leads.csv', 'Record ID,employees,Visits\n1,10,3\n2,200,5\n'),
    out: path.join(dir, 'query.sql'),
  };
}

describe('--order-by', () => {
  test.each([
    ['the header\'s spelling, whatever the case given', 'record id', 'postgres', 'ORDER BY "Record ID"'],
    ['a name of columns:', 'lead_id', 'duckdb', 'ORDER BY "Record ID"'],
    ['a header no rule reads', 'VISITS', 'spark', 'ORDER BY `Visits`'],
  ])('with --input: %s', async (_what, given, dialect, expected) => {
    const { rules, csv, out } = setup();
    const result = await run(['sql', rules, '--dialect', dialect, '--table', 't', '--input', csv, '--order-by', given, '--out', out]);
    expect([result.code, result.err]).toEqual([0, '']);
    expect(read(out).trimEnd().split('\n').at(-1)).toBe(expected);
  });

  test.each([
    ['nope', /--order-by: column "nope" is not in \S+leads\.csv\n {2}available: "Record ID", "employees", "Visits" \[USAGE\]/],
    ['visit', /--order-by: column "visit" is not in \S+leads\.csv; did you mean "Visits"\?/],
  ])('with --input, %p is not in the header: exit 2, nothing written', async (given, message) => {
    const { rules, csv, out } = setup();
    const result = await run(['sql', rules, '--dialect', 'duckdb', '--table', 't', '--input', csv, '--order-by', given, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });

  test.each([
    ['postgres', 'ORDER BY "a""b"'],
    ['duckdb', 'ORDER BY "a""b"'],
    ['bigquery', 'ORDER BY `a"b`'],
  ])('without --input: written as given, quoted for %s', async (dialect, expected) => {
    const { rules, out } = setup();
    const result = await run(['sql', rules, '--dialect', dialect, '--table', 't', '--order-by', 'a"b', '--out', out]);
    expect(result.code).toBe(0);
    expect(read(out).trimEnd().split('\n').at(-1)).toBe(expected);
  });
});

describe('options the query does not read: exit 2, nothing written', () => {
  test.each([
    ['--spend-table without --summary', ['--spend-table', 'spend'], /--spend-table: spend is read by the summary's query only: add --summary/],
    ['--spend without --summary', ['--spend', 'SPEND'], /--spend: spend is read by the summary's query only/],
    ['--spend and --spend-table', ['--summary', '--spend', 'SPEND', '--spend-table', 'spend'], /--spend-table: it and --spend both give the spend: choose one/],
    ['--order-by with --summary', ['--summary', '--order-by', 'Record ID'], /--order-by: the summary's query has one row per stage and source/],
    ['--skip-lines without --input', ['--skip-lines', '2'], /--skip-lines: it says how --input is read/],
    ['--self-test with a ruleset and --table', ['--self-test'], /--self-test .*: leave out the ruleset and --table, or drop --self-test/],
  ])('%s', async (_what, extra, message) => {
    const { dir, rules, out } = setup();
    const spend = write(dir, 'spend.csv', 'source,amount\nWeb,100\n');
    const result = await run(['sql', rules, '--dialect', 'postgres', '--table', 't', ...extra.map((a) => (a === 'SPEND' ? spend : a)), '--out', out]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err).toContain('[USAGE]');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('what they apply to still works', async () => {
    const { rules, out } = setup();
    expect((await run(['sql', rules, '--dialect', 'postgres', '--table', 't', '--summary', '--spend-table', 'spend', '--out', out])).code).toBe(0);
    expect(read(out)).toContain('FROM spend');
    expect((await run(['sql', '--self-test', '--dialect', 'postgres', '--out', out])).code).toBe(0);
  });
});
