/**
 * The input columns come out unchanged and in order: a seeded property test over random CSVs whose
 * cells hold commas, quotes, line breaks and unicode, read back with csv-parse; and formula escaping.
 */
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, read, readCsv, score, tempDir, write } from './helpers.js';
import { mulberry32 } from '../support/random.js';

const HEADER = ['id', 'naïve', 'na,me', '日本', 'notes'];
const FRAGMENTS = ['a', 'Z', '0', '42', ' ', ',', ';', '"', '""', '\n', '\r\n', '\r', 'é', '日本', '😀', 'ß', '=', '-', '+', '@', '\t', "'", 'x', '|', '\u00a0'];
const RULES = `version: 1
engagement:
  - name: has x
    when: { column: notes, contains: x }
    points: 1
stages:
  - name: lead
`;

function randomCell(rand: () => number): string {
  const n = Math.floor(rand() * 7);
  let cell = '';
  for (let i = 0; i < n; i++) cell += FRAGMENTS[Math.floor(rand() * FRAGMENTS.length)];
  return cell;
}

/** RFC 4180 writing as CRMs do it: quote when needed, and sometimes when not. */
function csvCell(cell: string, rand: () => number): string {
  const needs = /[",\r\n]/.test(cell);
  return needs || rand() < 0.2 ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function randomCsv(seed: number): { text: string; rows: string[][] } {
  const rand = mulberry32(seed);
  const rows: string[][] = [];
  const count = 1 + Math.floor(rand() * 25);
  for (let r = 0; r < count; r++) rows.push([`r${r}`, ...HEADER.slice(1).map(() => randomCell(rand))]);
  let text = '';
  for (const [i, cells] of [HEADER, ...rows].entries()) {
    const last = i === rows.length;
    const end = last && rand() < 0.3 ? '' : rand() < 0.5 ? '\r\n' : '\n';
    text += cells.map((c) => csvCell(c, rand)).join(',') + end;
  }
  return { text, rows };
}

afterEach(cleanTempDirs);

describe('input cells come out unchanged and in order', () => {
  const rules = () => write(tempDir(), 'rules.yaml', RULES);

  test.each(Array.from({ length: 30 }, (_, i) => [i + 1]))('seed %i (--no-escape-formulas)', async (seed) => {
    const dir = tempDir();
    const { text, rows } = randomCsv(seed);
    const input = write(dir, 'in.csv', text);
    const out = path.join(dir, 'out.csv');
    const result = await score(input, rules(), '--out', out, '--no-escape-formulas');
    expect(result).toMatchObject({ code: 0 });
    const [header, ...scored] = readCsv(out);
    expect(header.slice(0, HEADER.length)).toEqual(HEADER);
    expect(header).toHaveLength(HEADER.length + 8);
    expect(scored.map((r) => r.slice(0, HEADER.length))).toEqual(rows);
    // the rule reads the notes column: it fired exactly for the notes containing x
    const engagement = header.indexOf('engagement_score');
    expect(scored.map((r) => r[engagement])).toEqual(rows.map((r) => (r[4].toLowerCase().includes('x') ? '1' : '0')));
  });

  // --block-size (hidden) cuts the input into blocks at line breaks, quotes or not: tiny blocks
  // put boundaries inside quoted fields, CRLF pairs and multi-byte characters
  test.each(Array.from({ length: 30 }, (_, i) => [i + 1, 1 + ((i * 7) % 40)]))('seed %i with --block-size %i gives the same bytes', async (seed, blockSize) => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', randomCsv(seed).text);
    const ruleset = rules();
    const [whole, blocks] = [path.join(dir, 'whole.csv'), path.join(dir, 'blocks.csv')];
    expect((await score(input, ruleset, '--out', whole, '--no-escape-formulas')).code).toBe(0);
    expect((await score(input, ruleset, '--out', blocks, '--no-escape-formulas', '--block-size', String(blockSize))).code).toBe(0);
    expect(read(blocks)).toBe(read(whole));
  });
});

describe('formula escaping (on by default)', () => {
  const CELLS: [string, string][] = [
    ['=HYPERLINK("x")', '\'=HYPERLINK("x")'],
    ['-5', '-5'],
    ['+41', '+41'],
    ['1e3', '1e3'],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['+41 44 123 45 67', "'+41 44 123 45 67"],
    ['-x', "'-x"],
    [' =1+1', "' =1+1"],
    ['\uff1dcmd', "'\uff1dcmd"],
    ['a=b', 'a=b'],
    ['', ''],
  ];

  test.each(CELLS)('%p comes back as %p', async (cell, expected) => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', `id,value\n1,"${cell.replace(/"/g, '""')}"\n`);
    const out = path.join(dir, 'out.csv');
    expect((await score(input, write(dir, 'rules.yaml', RULES.replace('notes', 'value')), '--out', out)).code).toBe(0);
    expect(readCsv(out)[1][1]).toBe(expected);
  });

  test('--no-escape-formulas leaves =HYPERLINK("x") as it is', async () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', 'id,value\n1,"=HYPERLINK(""x"")"\n');
    const out = path.join(dir, 'out.csv');
    expect((await score(input, write(dir, 'rules.yaml', RULES.replace('notes', 'value')), '--out', out, '--no-escape-formulas')).code).toBe(0);
    expect(readCsv(out)[1][1]).toBe('=HYPERLINK("x")');
  });
});
