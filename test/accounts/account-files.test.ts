/**
 * An account file's values that are not a number (a decimal comma, a unit) are read as empty,
 * as any unparsed value is, and said: a warning per column with the count and the first, after
 * the run; placeholders (n/a) and empty cells are no such values, and -q says nothing. Account ids
 * a spreadsheet rewrote as numbers (`1002.0`, `1.23E+05`) are said too: the same id as text is
 * another account.
 */
import fs from 'node:fs';
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

describe('how an account file is read: its own encoding, delimiter, skip_lines and placeholders', () => {
  /** RULES with the account file's reading keys added under `file: intent.csv` */
  const withKeys = (keys: string) => RULES.replace('      file: intent.csv\n', `      file: intent.csv\n${keys}`);
  /** an intent report as a German tool writes it: a title line, `|`, Windows-1252, `n.v.` for none */
  const REPORT = Buffer.from('Intent report, week 44\nDomain|Surge Score|Topic\nacme.com|45|Sécurité\ndelta.com|n.v.|Réseau\n', 'latin1');
  const scoreOf = (out: string) => {
    const rows = readCsv(out);
    return rows.slice(1).map((r) => [r[0], r[rows[0].indexOf('account_score')]]);
  };

  test('declared, the file is read as declared: values count and placeholders are no values', async () => {
    const dir = tempDir();
    write(dir, 'intent.csv', REPORT);
    const rules = write(dir, 'rules.yaml', withKeys('      encoding: windows-1252\n      delimiter: "|"\n      skip_lines: 1\n      placeholders: [n.v.]\n'));
    const out = path.join(dir, 'scored.csv');
    const result = await run(['score', write(dir, 'leads.csv', LEADS), '-r', rules, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.err).not.toMatch(/account file/);
    expect(scoreOf(out)).toEqual([['a@acme.com', '10'], ['b@delta.com', '0'], ['c@gamma.com', '0']]);
  });

  test('placeholders: [] turns the list off: n/a is then a value that is not a number, and said', async () => {
    const dir = tempDir();
    write(dir, 'intent.csv', 'Domain,Surge Score\nacme.com,n/a\ndelta.com,50\n');
    const rules = write(dir, 'rules.yaml', withKeys('      placeholders: []\n'));
    const out = path.join(dir, 'scored.csv');
    const result = await run(['score', write(dir, 'leads.csv', LEADS), '-r', rules, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/1 value of column "Surge Score" of the account file "intent" .* is not a number, read as empty \(first at line 2: "n\/a"\)/);
    expect(scoreOf(out)).toEqual([['a@acme.com', '0'], ['b@delta.com', '10'], ['c@gamma.com', '0']]);
  });

  test('a placeholder of the ruleset that reads as a number (-1) is no value', async () => {
    const dir = tempDir();
    write(dir, 'intent.csv', 'Domain,Surge Score\nacme.com,-1\nacme.com,-5\n');
    const rules = write(dir, 'rules.yaml', withKeys('      placeholders: ["-1"]\n').replace('gte: 40', 'lte: -2'));
    const out = path.join(dir, 'scored.csv');
    expect((await run(['score', write(dir, 'leads.csv', LEADS), '-r', rules, '--out', out])).code).toBe(0);
    // -1 would be the highest of acme's rows; as no value, -5 is its value
    expect(scoreOf(out)[0]).toEqual(['a@acme.com', '10']);
  });

  test('Windows-1252 not declared: the run stops naming the file, the line, and the key to set', async () => {
    const dir = tempDir();
    write(dir, 'intent.csv', REPORT);
    const rules = write(dir, 'rules.yaml', withKeys('      delimiter: "|"\n      skip_lines: 1\n'));
    const out = path.join(dir, 'scored.csv');
    const result = await run(['score', write(dir, 'leads.csv', LEADS), '-r', rules, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/intent\.csv:3:\d+ the account file "intent": invalid UTF-8: byte 0xE9 \[INPUT_ENCODING\]\n {2}hint: .*set encoding: windows-1252 in accounts\.files\.intent of the ruleset/);
    expect(result.err).not.toMatch(/--encoding/);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a bad byte far past the first block is said the same way', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 60_000 }, (_, i) => `d${i}.example,${i % 90}`);
    write(dir, 'intent.csv', Buffer.concat([Buffer.from(`Domain,Surge Score\n${rows.join('\n')}\n`), Buffer.from('acme.com,45 \xe9\n', 'latin1')]));
    const result = await run(['score', write(dir, 'leads.csv', LEADS), '-r', write(dir, 'rules.yaml', RULES), '--out', path.join(dir, 'scored.csv')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/intent\.csv:60002:\d+ the account file "intent": invalid UTF-8.*\n {2}hint: .*accounts\.files\.intent/);
  });

  test('declared windows-1252 but written in UTF-8: stopped before it is misread', async () => {
    const dir = tempDir();
    write(dir, 'intent.csv', 'Domain,Surge Score,Topic\nacme.com,45,Sécurité\n');
    const result = await run(['score', write(dir, 'leads.csv', LEADS), '-r', write(dir, 'rules.yaml', withKeys('      encoding: windows-1252\n')), '--out', path.join(dir, 'scored.csv')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/the account file "intent" is declared encoding: windows-1252, but reads as UTF-8 .*\[INPUT_ENCODING\]\n {2}hint: remove encoding: windows-1252 from accounts\.files\.intent/);
    expect(result.err).not.toMatch(/the account file "intent": the account file/);
  });
});
