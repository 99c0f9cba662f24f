/**
 * An account file's values that are not a number (a decimal comma, a unit) are read as empty,
 * as any unparsed value is, and said: a warning per column with the count and the first, after
 * the run; placeholders (n/a) and empty cells are no such values, and -q says nothing. Account ids
 * a spreadsheet rewrote as numbers (`1002.0`, `1.23E+05`) are said too: the same id as text is
 * another account.
 */
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, readCsv, run, tempDir, write } from '../e2e/helpers.js';

afterEach(cleanTempDirs);

const LEADS = 'Email,Company\na@acme.com,Acme\nb@delta.com,Delta\nc@gamma.com,Gamma\n';
const RULES = `as_of: 2026-11-01
engagement:
  - { name: any, when: { column: Email, present: true }, points: 1 }
stages:
  - name: lead
accounts:
  domain: Email
  files:
    intent:
      file: intent.csv
      key: Domain
      columns:
        surge: Surge Score
  rules:
    - { name: surge, when: { column: surge, gte: 40 }, points: 10 }
  stages:
    - name: target
`;

describe('account files', () => {
  test('values that are not a number are read as empty and said once per column, with the first', async () => {
    const dir = tempDir();
    write(dir, 'intent.csv', 'Domain;Surge Score\nacme.com;1,5\ndelta.com;70%\ngamma.com; 45\nbeta.com;n/a\nzeta.com;\n');
    const leads = write(dir, 'leads.csv', LEADS);
    const rules = write(dir, 'rules.yaml', RULES);
    const out = path.join(dir, 'scored.csv');
    const result = await run(['score', leads, '-r', rules, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/warning: 2 values of column "Surge Score" of the account file "intent" \(.*intent\.csv\) are not a number, read as empty \(first at line 2: "1,5"\)\n {2}hint: .*decimal comma/);
    const rows = readCsv(out);
    expect(rows.slice(1).map((r) => [r[0], r[rows[0].indexOf('account_score')]])).toEqual([['a@acme.com', '0'], ['b@delta.com', '0'], ['c@gamma.com', '10']]);
    const quiet = await run(['score', leads, '-r', rules, '--out', out, '-q']);
    expect(quiet.err).toBe('');
  });

  test('a file whose numbers all parse says nothing', async () => {
    const dir = tempDir();
    write(dir, 'intent.csv', 'Domain,Surge Score\nacme.com,41\ndelta.com,-\n');
    const result = await run(['score', write(dir, 'leads.csv', LEADS), '-r', write(dir, 'rules.yaml', RULES), '--out', path.join(dir, 'scored.csv')]);
    expect(result.code).toBe(0);
    expect(result.err).not.toMatch(/account file/);
  });
});

describe('account ids a spreadsheet rewrote as numbers', () => {
  test('are said with their accounts and leads, the first in key order; ids as text are not', async () => {
    const dir = tempDir();
    const leads = write(dir, 'leads.csv', 'Email,Account ID\na@x.example,1002\nb@x.example,1002.0\nc@x.example,1002.0\nd@x.example,1.23E+05\ne@x.example,ACC-7\nf@x.example,0015000000AbCdE\n');
    const rules = write(dir, 'rules.yaml', `as_of: 2026-11-01
engagement:
  - { name: any, when: { column: Email, present: true }, points: 1 }
stages:
  - name: lead
accounts:
  id_column: Account ID
  stages:
    - name: target
`);
    const result = await run(['score', leads, '-r', rules, '--out', path.join(dir, 'scored.csv')]);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/warning: 2 accounts \(3 leads\) are recognised by an id a spreadsheet or script rewrote as a number \(first: "1\.23E\+05"\); leads with the same id written as text are another account\n {2}hint: export the file again with the ids as text: Excel keeps only 15 digits/);
    expect((await run(['score', leads, '-r', rules, '--out', path.join(dir, 'scored.csv'), '-q'])).err).toBe('');
    const clean = write(dir, 'clean.csv', 'Email,Account ID\na@x.example,1002\nb@x.example,ACC-7\n');
    expect((await run(['score', clean, '-r', rules, '--out', path.join(dir, 'clean-scored.csv')])).err).not.toMatch(/rewrote/);
  });
});
