import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parseMaxRejects, RejectTally } from '../../src/run/reject-limit.js';
import { diagnose, headerHint } from '../../src/input/csv/reject-diagnosis.js';
import { LeadqError } from '../../src/model/errors.js';
import { run } from '../e2e/helpers.js';

describe('parseMaxRejects', () => {
  test.each([
    ['0', { count: 0 }],
    ['250', { count: 250 }],
    ['5%', { percent: 5 }],
    ['0.5%', { percent: 0.5 }],
    ['100%', { percent: 100 }],
  ])('%p → %p', (text, expected) => {
    expect(parseMaxRejects(text)).toMatchObject({ ...expected, text });
  });

  test.each(['', '-1', '1.5', '101%', '5 %', 'ten', '%', '1e3'])('%p is refused', (text) => {
    expect(parseMaxRejects(text)).toBeUndefined();
  });
});

const HEADER = ['id', 'name', 'note'];
const rows = (...lines: string[]) => lines.map((l) => l.split(','));

describe('diagnose: the likely cause of rows rejected nearly all', () => {
  test.each([
    ['a trailing delimiter', rows('1,a,x,', '2,b,y,', '3,c,z,'), ',', /trailing ","/, true],
    ['one field more, not empty', rows('1,a,x,q', '2,b,y,r'), ',', /column name missing/, true],
    ['a title line above the header', [['1', 'a', 'x', '10', 'y'], ['2', 'b', 'y', '20', 'z']], ',', /title.*--skip-lines/, true],
    ['rows on another delimiter than the header', [['1;a;x'], ['2;b;y']], ',', /delimited by ";"/, true],
    ['rows on tabs', [['1\ta\tx'], ['2\tb\ty']], ',', /delimited by tab/, true],
    ['counts all over the place', rows('1,a', '1,a,b,c,d', '1'), ',', /varying/, false],
  ])('%s', (_what, sample, delimiter, hint, specific) => {
    expect(diagnose(HEADER, sample, delimiter)).toEqual({ hint: expect.stringMatching(hint), specific });
  });

  test.each([
    [['Lead export November'], ',', /"Lead export November".*title.*--skip-lines 1/],
    [['id;name;note'], ',', /--delimiter ;/],
    [['id\tname\tnote'], ';', /--delimiter tab/],
  ])('headerHint(%p, %p)', (header, delimiter, hint) => {
    expect(headerHint(header, delimiter)).toMatch(hint);
  });

  // the input found the real header below title lines (BlockInput.realHeaderSkip): the count, not a guess at one
  test('title lines found above the real header: the lines to skip to it', () => {
    const wide = [['1', 'a', 'x', '10', 'y'], ['2', 'b', 'y', '20', 'z']];
    expect(diagnose(['Leads Report'], wide, ',', 3)).toEqual({ hint: expect.stringMatching(/the real header is on line 4: skip the lines above it with --skip-lines 3$/), specific: true });
    expect(headerHint(['Leads Report'], ',', 3)).toMatch(/"Leads Report": it looks like a title, and the real header is on line 4: skip the lines above it with --skip-lines 3$/);
    // a header split on the wrong delimiter is still that, whatever title lines say
    expect(headerHint(['id;name;note'], ',', 3)).toMatch(/--delimiter ;/);
  });

  test('no header hint for a header of several fields', () => {
    expect(headerHint(HEADER, ',')).toBeUndefined();
  });

  // `Leads by Source,,,`: a title a spreadsheet padded to the table's width
  test('a padded title line: the lines to skip, when the real header was found below it', () => {
    expect(headerHint(['Leads by Source', '', '', ''], ',', 2)).toMatch(/one filled field, "Leads by Source", and 3 empty: it looks like a title, and the real header is on line 3: skip the lines above it with --skip-lines 2$/);
    // nothing found below it: no guess
    expect(headerHint(['Leads by Source', '', '', ''], ',')).toBeUndefined();
    // a real header with one name and empty ones is no title
    expect(headerHint(['', 'Leads by Source', ''], ',', 2)).toBeUndefined();
  });

  test('a padded title end to end: score names the count inspect finds', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadq-title-'));
    try {
      fs.writeFileSync(path.join(dir, 'p.csv'), 'Leads by Source,,,\nAs of 10/14/2026,,,\nid,email,visits,demo\n1,a@x.com,3,yes\n');
      fs.writeFileSync(path.join(dir, 'r.yaml'), 'as_of: 2026-11-01\nengagement:\n  - { name: visits, per: visits, points: 10 }\nstages:\n  - name: lead\n');
      const result = await run(['score', path.join(dir, 'p.csv'), '-r', path.join(dir, 'r.yaml'), '-q']);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/hint: the line read as the header has one filled field, "Leads by Source", and 3 empty: .* --skip-lines 2\n/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('RejectTally', () => {
  const tally = (limit?: string) => new RejectTally(limit ? parseMaxRejects(limit) : undefined, 'in.csv', HEADER, ',');
  const fail = (action: () => void): LeadqError => {
    try { action(); } catch (error) { if (error instanceof LeadqError) return error; throw error; }
    throw new Error('no error');
  };

  test('a count limit stops at the first row past it, pointing at the first rejected line', () => {
    const t = tally('2');
    t.addRead(10);
    t.add(4, 'expected 3 fields, got 4', ['1', 'a', 'x', '']);
    t.add(6, 'expected 3 fields, got 4', ['2', 'b', 'y', '']);
    const error = fail(() => t.add(9, 'expected 3 fields, got 4', ['3', 'c', 'z', '']));
    expect([error.code, error.file, error.line]).toEqual(['INPUT_REJECTS', 'in.csv', 4]);
    expect(error.message).toMatch(/line 9/);
    // a clear pattern is named even though the share of rows is not known yet
    expect(error.hint).toMatch(/trailing/);
  });

  test.each([
    ['10%', 10, 1, false],
    ['10%', 10, 2, true],
    ['0%', 10, 1, true],
    ['100%', 4, 4, false],
    // no --max-rejects: more than half of the rows rejected fails
    [undefined, 10, 5, false],
    [undefined, 10, 6, true],
    [undefined, 1, 1, true],
    [undefined, 2, 1, false],
  ])('--max-rejects %s with %i rows read, %i rejected: fails %p', (limit, read, rejected, fails) => {
    const t = tally(limit);
    t.addRead(read);
    for (let i = 0; i < rejected; i++) t.add(2 + i, 'bad', ['x']);
    if (fails) expect(fail(() => t.checkEnd()).code).toBe('INPUT_REJECTS');
    else expect(() => t.checkEnd()).not.toThrow();
  });

  test('the diagnosis is given only when nearly every row was rejected', () => {
    const t = tally();
    t.addRead(10);
    for (let i = 0; i < 8; i++) t.add(2 + i, 'bad', ['1', 'a', 'x', '']);
    expect(t.diagnosis()).toBeUndefined();
    t.add(10, 'bad', ['1', 'a', 'x', '']);
    expect(t.diagnosis()).toMatch(/trailing/);
  });
});
