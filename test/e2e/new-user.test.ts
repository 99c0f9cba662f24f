/**
 * Where a new user stumbles (#14 item 10): rulesets and summaries in pipelines (`--rules -`,
 * `--summary -`), a YAML syntax error shown with its line, a caret and what is probably wrong,
 * missing columns that list the header once, and terminal tables measured by display width that
 * fit a narrow terminal.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, fixture, read, run, score, tempDir, write } from './helpers.js';
import { assertBuilt, BIN } from '../safety/cli-process.js';
import { alignTable, clip } from '../../src/output/terminal-table.js';

afterEach(cleanTempDirs);

const LEADS = fixture('leads.csv');
const RULES = fixture('rules.yaml');

describe('pipelines: --rules - and --summary -', () => {
  const leadq = (args: string[], input?: string) => spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  test('--rules - reads the ruleset from standard input; --summary - writes the JSON summary to standard output', () => {
    assertBuilt();
    const dir = tempDir();
    const r = leadq(['score', LEADS, '--rules', '-', '--as-of', '2026-11-01', '--out-dir', path.join(dir, 'out'), '--summary', '-', '-q'], read(RULES));
    expect([r.status, r.stderr]).toEqual([0, '']);
    const summary = JSON.parse(r.stdout) as { rules: string; rows: { scored: number } };
    expect(summary.rules).toBe('stdin');
    expect(summary.rows.scored).toBeGreaterThan(0);
    expect(r.stdout).toBe(read(path.join(dir, 'out', 'summary.json')));
  });

  test('a ruleset problem read from standard input is named stdin:line:col', () => {
    assertBuilt();
    const r = leadq(['validate', '-'], 'stages:\n  - name: lead\n    when: { colum: x }\n');
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^stdin:3:/m);
  });

  test.each([
    ['--summary - with the scored rows on standard output too', ['score', LEADS, '-r', RULES, '--summary', '-'], /--summary - writes the summary to standard output, where the scored rows go too/],
    ['the ruleset and the export both from standard input', ['score', '-', '-r', '-'], /standard input \(-\) can be read only once/],
  ])('refused: %s (exit 2)', async (_name, argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });
});

describe('a YAML syntax error: the line, a caret, and what is probably wrong', () => {
  test.each([
    ['a tab as indentation', 'stages:\n\t- name: lead\n', 2, ['  2 | →- name: lead', '    | ^', '  hint: a tab indents this line; YAML indents with spaces only']],
    ['key:value without a space', 'stages:\n  - name: lead\nversion:1\n', 3, ['  3 | version:1', '    | ^', '  hint: "version:1" needs a space after the colon: version: 1']],
    ['points:5 in a rule', 'engagement:\n  - name: x\n    points:5\n    when: { column: a, present: true }\nstages: [{ name: lead }]\n', 3,
      ['  3 |     points:5', '    |     ^', '  hint: "points:5" needs a space after the colon: points: 5']],
    ['an unclosed quote, shown where it opened', "stages:\n  - name: 'lead\n    when: x\n", 4, ["  2 |   - name: 'lead", '    |           ^', "  hint: the ' quote opened on line 2 is never closed"]],
    ['an unclosed bracket', 'stages: [{ name: lead }\nfit: []\n', 2, ['  hint: a [ or { is not closed with its ] or }']],
  ])('%s', async (_name, yaml, line, expected) => {
    const rules = write(tempDir(), 'rules.yaml', yaml);
    const result = await score(LEADS, rules, '--out', path.join(tempDir(), 'o.csv'));
    expect(result.code).toBe(2);
    // the YAML library's own words stay, first, with the position
    expect(result.err).toMatch(new RegExp(`rules\\.yaml:${line}:\\d+ .+ \\[YAML_SYNTAX\\]`));
    for (const text of expected) expect(result.err).toContain(text);
  });
});

describe('missing columns list the header once', () => {
  test('three missing columns, one list of the available headers', async () => {
    const result = await score(LEADS, fixture('three-missing.yaml'), '--out', path.join(tempDir(), 'o.csv'));
    expect(result.code).toBe(2);
    const header = read(LEADS).split('\n')[0].split(',').map((h) => `"${h}"`).join(', ');
    expect(result.err.split(`available: ${header}`)).toHaveLength(2);
    expect(result.err.match(/\[COLUMN_MISSING\]/g)).toHaveLength(3);
    expect(result.err).toMatch(/did you mean "industry"\?/);
  });

  test('validate --input too', async () => {
    const result = await run(['validate', fixture('three-missing.yaml'), '--input', LEADS]);
    expect(result.out.match(/available: /g)).toHaveLength(1);
  });
});

describe('terminal tables by display width', () => {
  const plain = { header: (t: string) => t, row: (t: string) => t };
  const width = (line: string) => [...new Intl.Segmenter().segment(line)].reduce((n, { segment }) => n + (/[\u3000-\u9fff\uff00-\uffef]|\p{Extended_Pictographic}/u.test(segment) ? 2 : 1), 0);

  test('CJK and emoji source names align with the others', () => {
    const lines = alignTable(['source', 'leads'], [['東京セミナー', '3'], ['🎉 Launch', '12'], ['Paid Search', '7']], plain);
    expect(new Set(lines.map(width)).size).toBe(1);
    expect(lines[1]).toBe('東京セミナー      3');
  });

  test('a narrow terminal: the columns split into tables that repeat the names, no line wider than it', () => {
    const header = ['source', 'leads', 'lead', 'mql', 'sql', 'spend', 'cost per MQL', 'cost per SQL'];
    const rows = [['Paid Search', '60', '10', '20', '30', '64,000', '4,000', '5,333.33'], ['total', '60', '10', '20', '30', '64,000', '4,000', '5,333.33']];
    const lines = alignTable(header, rows, { ...plain, columns: 50 });
    expect(Math.max(...lines.map(width))).toBeLessThanOrEqual(50);
    expect(lines.filter((l) => l.startsWith('source'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('Paid Search'))).toHaveLength(2);
  });

  test('clip never cuts inside a character', () => {
    expect(clip('東京セミナー', 7)).toBe('東京セ…');
    expect(clip('🎉🎉🎉', 4)).toBe('🎉…');
  });
});

test('README: leadq on the PATH, and a quick start that does not run npx', () => {
  const readme = fs.readFileSync(path.join(process.cwd(), 'README.md'), 'utf8');
  const quick = readme.split(/^## /m).find((s) => s.startsWith('Quick start'))!;
  expect(quick).toMatch(/npm link|npm install -g \./);
  expect(quick).not.toMatch(/^npx /m);
});
