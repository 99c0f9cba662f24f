/**
 * Data quoted in messages and reports cannot drive the terminal: control characters (ESC starts
 * terminal sequences; 0x9B is a one-byte CSI) and the bidi controls that reorder shown text are
 * written as escapes, in error messages, the terminal summary and the Markdown summary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { escapeControls, quoteData } from '../../src/model/errors.js';
import { cleanTempDirs, run, tempDir, write } from '../e2e/helpers.js';

afterEach(cleanTempDirs);

 
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('quoteData and escapeControls', () => {
  test.each([
    ['plain', '"plain"', 'plain'],
    ['\x1b[2J\x1b[31mred', '"\\x1b[2J\\x1b[31mred"', '\\x1b[2J\\x1b[31mred'],
    ['bell\x07', '"bell\\x07"', 'bell\\x07'],
    ['csi\x9b31m', '"csi\\x9b31m"', 'csi\\x9b31m'],
    ['tab\tnew\nline\r', '"tab\\x09new\\x0aline\\x0d"', 'tab\\x09new\\x0aline\\x0d'],
    ['abc\u202edcba', '"abc\\u202edcba"', 'abc\\u202edcba'],
    ['say "hi" \\', '"say \\"hi\\" \\\\"', 'say "hi" \\'],
    ['Zoë 😀 日本', '"Zoë 😀 日本"', 'Zoë 😀 日本'],
  ])('%p', (value, quoted, escaped) => {
    expect(quoteData(value)).toBe(quoted);
    expect(escapeControls(value)).toBe(escaped);
  });

  test('quoteData cuts long values', () => {
    expect(quoteData('x'.repeat(100), 10)).toBe(`"${'x'.repeat(10)}…"`);
  });
});

describe('an export crafted to reach the terminal', () => {
  // a lead source and a column name holding escape sequences; the column is read as a number
  // and holds text, so it shows up in the terminal's warnings and the Markdown summary
  const RULES = 'version: 1\nsource_column: source\ncolumns:\n  employees: "emp\\e[2Jloyees"\nfit:\n  - name: big\n    when: { column: employees, gte: 50 }\n    points: 5\nstages:\n  - name: lead\n';
  const INPUT = 'id,emp\x1b[2Jloyees,source\n1,lots,\x1b]0;owned\x07Web\n2,80,\u202eEvents\n3,x,\x9b31mAds\n';

  test('the terminal summary and the Markdown summary show the escapes, never the characters', async () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', INPUT);
    const rules = write(dir, 'rules.yaml', RULES);
    const md = path.join(dir, 'summary.md');
    const result = await run(['--color', 'never', 'score', input, '--rules', rules, '--out', path.join(dir, 'out.csv'), '--summary', md, '--as-of', '2026-11-01'], true);
    expect(result.code).toBe(0);
    const summary = fs.readFileSync(md, 'utf8');
    for (const text of [result.err, summary]) {
      expect(text).not.toMatch(RAW_CONTROL);
      expect(text).toContain('\\x1b]0;owned\\x07Web');
      expect(text).toContain('\\u202eEvents');
      expect(text).toContain('\\x9b31mAds');
      expect(text).toContain('emp\\x1b[2Jloyees');
    }
    // the data itself is written as it was
    expect(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8')).toContain('\x1b]0;owned\x07Web');
  });

  test('a rule naming a column the export lacks quotes the crafted headers escaped', async () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', INPUT);
    const rules = write(dir, 'rules.yaml', RULES.replace('"emp\\e[2Jloyees"', 'employees'));
    const result = await run(['score', input, '--rules', rules, '--out', path.join(dir, 'out.csv')]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('"emp\\x1b[2Jloyees"');
    expect(result.err).not.toMatch(RAW_CONTROL);
  });

  test('a file name with control characters is shown escaped', async () => {
    const dir = tempDir();
    const input = write(dir, 'in\x1b[2J.csv', '');
    const result = await run(['score', input, '--rules', write(dir, 'rules.yaml', RULES), '--out', path.join(dir, 'out.csv')]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('in\\x1b[2J.csv');
    expect(result.err).not.toMatch(RAW_CONTROL);
  });
});
