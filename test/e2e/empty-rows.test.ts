/**
 * Rows of empty cells (`,,,`, or `"",""`: what a spreadsheet writes below the data for rows it
 * once held) are no leads, as blank lines are none: not scored, not counted, not rejected, on the
 * row path and the text path alike (so in any block size), and the lines after them keep their
 * numbers. In a related file they are no rows either (not rows without a key).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, readCsv, run, tempDir, write } from './helpers.js';

afterEach(cleanTempDirs);

const EXPORT = [
  'id,email,note',
  '1,a@acme.example,plain',
  ',,',
  '"","",""',
  '2,b@acme.example,"two',
  'lines"',
  ',,',
  '3,c@acme.example', // line 8: one field short, rejected
  '4,d@acme.example,last',
  ',,',
  ',,',
].join('\n') + '\n';

const RULES = `as_of: 2026-11-01
engagement:
  - { name: any, when: { column: email, present: true }, points: 1 }
stages:
  - name: lead
`;

describe('rows of empty cells', () => {
  test.each([[[]], [['--block-size', '16']], [['--block-size', '40']]])('are no leads (%j)', async (extra) => {
    const dir = tempDir();
    const leads = write(dir, 'leads.csv', EXPORT);
    const rules = write(dir, 'rules.yaml', RULES);
    const out = path.join(dir, 'out');
    const result = await run(['score', leads, '-r', rules, '--out-dir', out, '--threads', '1', ...extra]);
    expect(result.code).toBe(3);
    expect(readCsv(path.join(out, 'scored.csv')).slice(1).map((r) => r[0])).toEqual(['1', '2', '4']);
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.rows).toMatchObject({ read: 4, scored: 3, rejected: 1 });
    expect(readCsv(path.join(out, 'rejects.csv')).slice(1).map((r) => r[0])).toEqual(['8']);
  });

  test('a row with one cell filled in is a lead, and a row of spaces too (it is not empty)', async () => {
    const dir = tempDir();
    const leads = write(dir, 'leads.csv', 'id,email,note\n,,x\n, , \n');
    const result = await run(['score', leads, '-r', write(dir, 'rules.yaml', RULES), '--out', path.join(dir, 'scored.csv'), '-q']);
    expect(result.code).toBe(0);
    expect(readCsv(path.join(dir, 'scored.csv')).length).toBe(3);
  });
});

describe('rows of empty cells in a related file', () => {
  test('are no rows: not read, not warned of as rows without a key', async () => {
    const dir = tempDir();
    const leads = write(dir, 'leads.csv', 'id,email\n1,ana@acme.example\n');
    write(dir, 'log.csv', 'Activity Date,Email,Minutes\n2026-10-30,ana@acme.example,5\n,,\n"","",""\n,,\n');
    const rules = write(dir, 'rules.yaml', `as_of: 2026-11-01
related:
  log: { file: log.csv, key: Email, matches: email, at: Activity Date, columns: { mins: { sum: Minutes } } }
engagement:
  - { name: talk, per: mins, points: 1 }
stages:
  - name: lead
`);
    const out = path.join(dir, 'out');
    const result = await run(['score', leads, '-r', rules, '--out-dir', out]);
    expect(result.code).toBe(0);
    expect(result.err).not.toMatch(/no key/);
    const related = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')).related[0];
    expect(related).toMatchObject({ rows: 1, matched: 1, unmatched: 0, rejected: 0, warnings: [] });
    expect(readCsv(path.join(out, 'scored.csv'))[1][2]).toBe('5');
  });
});
