/**
 * Headers that could mislead a cron run: a name written twice (which copy would a rule read?)
 * and a file with a header but no rows.
 */
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, read, readCsv, run, score, tempDir, write } from './helpers.js';

afterEach(cleanTempDirs);

const rulesReading = (column: string, extra = '') => `version: 1
${extra}engagement:
  - name: reads it
    when: { column: ${column}, equals: yes }
    points: 5
stages:
  - name: lead
`;

describe('a header with the same name twice', () => {
  const INPUT = 'id,Email,Notes,Email\n1,a@x.example,yes,b@y.example\n2,c@x.example,no,d@y.example\n';

  test.each([
    ['a rule reads it', rulesReading('Email'), ['--out']],
    ['a rule reads it through columns:', rulesReading('email', 'columns:\n  email: Email\n'), ['--out']],
  ])('%s: exit 2 before any row is read, naming both positions and the rule', async (_name, rules, outFlag) => {
    const dir = tempDir();
    const out = path.join(dir, 'scored.csv');
    const result = await score(write(dir, 'in.csv', INPUT), write(dir, 'rules.yaml', rules), ...outFlag, out);
    expect(result.code).toBe(2);
    expect(result.err).toContain('[RULES_COLUMN_MISSING]');
    // the wording is the feature: it names both columns
    expect(result.err).toMatch(/rules\.yaml:\d+:\d+ column "Email" appears 2 times in the header of .*in\.csv, as columns 2 and 4.* \[COLUMN_REPEATED\]$/m);
    expect(() => read(out)).toThrow();
  });

  test('a rule reads it by another case: exit 2, both columns named', async () => {
    const dir = tempDir();
    const result = await score(write(dir, 'in.csv', INPUT), write(dir, 'rules.yaml', rulesReading('EMAIL')), '--out', path.join(dir, 'o.csv'));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/column "EMAIL" is not in .*; several headers match it ignoring case \(columns 2 and 4\).* \[COLUMN_AMBIGUOUS\]$/m);
  });

  test('validate --input reports it too', async () => {
    const dir = tempDir();
    const result = await run(['validate', write(dir, 'rules.yaml', rulesReading('Email')), '--input', write(dir, 'in.csv', INPUT)]);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/columns 2 and 4.* \[COLUMN_REPEATED\]$/m);
  });

  test('no rule reads it: both copies pass through unchanged, with a warning naming the columns', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'scored.csv');
    const result = await score(write(dir, 'in.csv', INPUT), write(dir, 'rules.yaml', rulesReading('Notes')), '--out', out);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/in\.csv:1 warning: column "Email" appears 2 times in the header of .*, as columns 2 and 4; no rule reads it/);
    const rows = readCsv(out);
    expect(rows[0].slice(0, 4)).toEqual(['id', 'Email', 'Notes', 'Email']);
    expect(rows[1].slice(0, 4)).toEqual(['1', 'a@x.example', 'yes', 'b@y.example']);
    expect(rows[1][rows[0].indexOf('score')]).toBe('5');
  });

  test('--quiet keeps the warning off standard error', async () => {
    const dir = tempDir();
    const result = await score(write(dir, 'in.csv', INPUT), write(dir, 'rules.yaml', rulesReading('Notes')), '--out', path.join(dir, 'o.csv'), '--quiet');
    expect(result).toMatchObject({ code: 0, err: '' });
  });
});

describe('a file with a header and no rows', () => {
  test('scores to header-only outputs, exit 0, with a "0 data rows" warning', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    const result = await score(write(dir, 'in.csv', 'id,Notes\n'), write(dir, 'rules.yaml', rulesReading('Notes')), '--out-dir', out);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/"[^"]*in\.csv" holds a header but 0 data rows/);
    expect(readCsv(path.join(out, 'scored.csv'))).toEqual([['id', 'Notes', 'engagement_score', 'fit_score', 'score', 'bant', 'stage', 'priority', 'reasons', 'disqualified_reason']]);
    expect(read(path.join(out, 'lead.csv')).split('\n').filter(Boolean)).toHaveLength(1);
  });
});

describe('validate --input reads a sample of rows', () => {
  const RULES = `version: 1
engagement:
  - name: recent
    when: { column: signup, within_days: 30 }
    points: 5
stages:
  - name: lead
`;
  const rows = (n: number, date: (i: number) => string) => Array.from({ length: n }, (_, i) => `${i + 1},${date(i)}`).join('\n');

  test('a date column in another format: a located warning naming the share and a value, exit 0', async () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', `id,signup\n${rows(40, (i) => (i < 4 ? '2026-10-01' : `${1 + (i % 28)}/10/2026`))}\n`);
    const result = await run(['validate', write(dir, 'rules.yaml', RULES), '--input', input]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/warning: in .*in\.csv, most values of column "signup" are not a date: 36 of 40 \(90%\).*first at lines 6, 7, 8, 9, 10, …: "5\/10\/2026"\); has the export's format changed/);
  });

  test('only the first 1000 rows are read: a bad value after them is not seen', async () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', `id,signup\n${rows(1500, (i) => (i >= 1200 ? 'soon' : '2026-10-01'))}\n`);
    const result = await run(['validate', write(dir, 'rules.yaml', RULES), '--input', input]);
    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(/values of column/);
  });

  test('a few bad values among 1000: a plain warning saying it was the first 1000 rows', async () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', `id,signup\n${rows(1500, (i) => (i % 100 === 7 ? 'soon' : '2026-10-01'))}\n`);
    const result = await run(['validate', write(dir, 'rules.yaml', RULES), '--input', input]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/warning: in the first 1000 rows of .*in\.csv, 10 of 1000 values of column "signup" are not a date, read as empty \(first at lines 9, 109, 209, 309, 409, …: "soon"\)/);
  });
});
