/**
 * Rows that cannot be read (wrong field count, text after a closing quote) are rejected with their
 * line and their text as it stood, every other row is scored, and the run exits 3.
 *
 * fixtures/rejects.csv, by line:
 *   1 header (3 fields)   2 row 1   3-4 row 2 (a quoted line break)   5 row 3 with 4 fields
 *   6 row 4 with 2 fields   7 row 5 with text after a closing quote   8-9 row 6 (a quoted \r\n)   10 row 7
 *   11-12 row 8 with 4 fields, one of them a quoted line break: read as one record it has the wrong
 *   width, so (as for a stray quote) line 11 is rejected alone and line 12 is read again on its
 *   own, where it happens to have 3 fields (`h"`, x, extra) and is scored
 */
import path from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, fixture, readCsv, score, summaryOf, tempDir } from './helpers.js';

const INPUT = fixture('rejects.csv');
const RULES = fixture('simple-rules.yaml');

afterEach(cleanTempDirs);

function expectRejects(file: string): void {
  const [header, ...rows] = readCsv(file);
  expect(header).toEqual(['line', 'reason', 'record']);
  expect(rows.map((r) => [r[0], r[2]])).toEqual([['5', '3,c,x,extra'], ['6', '4,d'], ['7', '5,"e"x,z'], ['11', '8,"h']]);
  expect(rows[0][1]).toMatch(/4/);
  expect(rows[1][1]).toMatch(/2/);
  expect(rows[2][1]).toMatch(/quote/);
  expect(rows[3][1]).toMatch(/4 fields, expected 3/);
}

describe('rejected rows', () => {
  test('--out-dir: exit 3, rejects.csv with line, reason and record, every other row scored', async () => {
    const dir = tempDir();
    const result = await score(INPUT, RULES, '--out-dir', dir);
    expect(result.code).toBe(3);
    expectRejects(path.join(dir, 'rejects.csv'));
    const scored = readCsv(path.join(dir, 'scored.csv'));
    expect(scored.slice(1).map((r) => r.slice(0, 3))).toEqual([['1', 'a', 'x'], ['2', 'b', 'multi\nline'], ['6', 'f', 'two\r\nlines'], ['7', 'g', 'y'], ['h"', 'x', 'extra']]);
    expect(summaryOf(dir).rows).toEqual({ read: 9, scored: 5, rejected: 4 });
    expect(readdirSync(dir).sort()).toEqual(['.leadq-outputs.json', 'disqualified.csv', 'lead.csv', 'rejects.csv', 'scored.csv', 'summary.json', 'summary.svg', 'warm.csv']);
    expect(result.err).toMatch(/4 of 9/);
  });

  test.each([1, 5, 13, 40])('--block-size %i: the same line numbers and counts', async (blockSize) => {
    const dir = tempDir();
    const result = await score(INPUT, RULES, '--out-dir', dir, '--block-size', String(blockSize));
    expect(result.code).toBe(3);
    expectRejects(path.join(dir, 'rejects.csv'));
    expect(readCsv(path.join(dir, 'scored.csv')).slice(1).map((r) => r[0])).toEqual(['1', '2', '6', '7', 'h"']);
    expect(summaryOf(dir).rows).toEqual({ read: 9, scored: 5, rejected: 4 });
  });

  test.each([
    ['file.csv', 'file.rejects.csv'],
    ['file.CSV', 'file.rejects.csv'],
    ['file.txt', 'file.txt.rejects.csv'],
  ])('--out %s puts the rejects in %s', async (out, rejects) => {
    const dir = tempDir();
    const result = await score(INPUT, RULES, '--out', path.join(dir, out));
    expect(result.code).toBe(3);
    expectRejects(path.join(dir, rejects));
    expect(readCsv(path.join(dir, out))).toHaveLength(6);
    expect(result.err).toContain(rejects);
  });

  test('--rejects names the file', async () => {
    const dir = tempDir();
    const result = await score(INPUT, RULES, '--out', path.join(dir, 'o.csv'), '--rejects', path.join(dir, 'bad.csv'), '--summary', path.join(dir, 'summary.json'));
    expect(result.code).toBe(3);
    expectRejects(path.join(dir, 'bad.csv'));
    expect(existsSync(path.join(dir, 'o.rejects.csv'))).toBe(false);
    expect(summaryOf(dir).rows).toEqual({ read: 9, scored: 5, rejected: 4 });
  });
});
