/**
 * The codes of ruleset problems: one table (issue-codes.ts), listed in docs/rules.md, each used by
 * the code that reports it; issues shown as `file:line:col message at path [CODE]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { formatIssue, issuesError } from '../../src/ruleset/issues.js';
import { RULESET_CODES } from '../../src/ruleset/issue-codes.js';
import { parseRules } from '../../src/ruleset/load.js';
import { childPath } from '../../src/ruleset/tree.js';
import { validateRuleset } from '../../src/ruleset/validate.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const CODES = Object.keys(RULESET_CODES);

describe('the code table', () => {
  test('codes are AREA_REASON, upper case', () => {
    expect(CODES.filter((c) => !/^[A-Z]+(_[A-Z]+)+$/.test(c))).toEqual([]);
  });

  test('docs/rules.md lists exactly these codes, in this order', () => {
    const docs = read('../../docs/rules.md');
    const section = docs.slice(docs.indexOf('### Problem codes'));
    const table = section.slice(section.indexOf('| code | meaning |'), section.indexOf('\n\n', section.indexOf('| code | meaning |')));
    expect(table.split('\n').slice(2).map((row) => /^\| `([A-Z_]+)` \|/.exec(row)?.[1])).toEqual(CODES);
  });

  test('every code a table of docs/rules.md names is a code', () => {
    const docs = read('../../docs/rules.md');
    const named = [...docs.matchAll(/\| `([A-Z]+(?:_[A-Z]+)+)` \|/g)].map((m) => m[1]);
    const runCodes = ['RULES_READ', 'RULES_YAML', 'RULES_INVALID', 'RULES_COLUMN_MISSING', 'SPEND_INVALID', 'LEAD_NOT_FOUND'];
    expect([...new Set(named)].filter((c) => !CODES.includes(c) && !runCodes.includes(c))).toEqual([]);
  });

  test('every code is reported somewhere in src/ (no code without a problem)', () => {
    const sources = (dir: string): string[] => readdirSync(new URL(dir, import.meta.url), { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? sources(`${dir}${e.name}/`) : e.name.endsWith('.ts') && e.name !== 'issue-codes.ts' ? [read(`${dir}${e.name}`)] : []));
    const text = sources('../../src/').join('\n');
    expect(CODES.filter((c) => !text.includes(`'${c}'`))).toEqual([]);
  });
});

describe('key paths', () => {
  test.each<[string, string | number, string]>([
    ['', 'engagement', 'engagement'],
    ['engagement', 3, 'engagement[3]'],
    ['engagement[3]', 'points', 'engagement[3].points'],
    ['spend', 'Paid Search', 'spend["Paid Search"]'],
    ['grades.engagement', '1', 'grades.engagement["1"]'],
    ['', 'Job Title', '["Job Title"]'],
    ['columns', 'a"b', 'columns["a\\"b"]'],
    ['columns', 'x\u001b[2Jy', 'columns["x\\u001b[2Jy"]'],
    ['columns', 'a\u202eb', 'columns["a\\u202eb"]'],
  ])('%p + %p is %p', (path, key, expected) => {
    expect(childPath(path, key)).toBe(expected);
  });

  test('every issue of a ruleset says its path: keys, list items, nested conditions', () => {
    const source = [
      'spend:', '  Paid Search: -1',
      'engagement:', '  - name: a', '    when: { column: x, present: true }', '    points: 1',
      '  - name: b', '    pionts: 1', '    per: visits',
      'stages:', '  - name: lead', '  - name: mql', '    when: { all: [ { column: x, gte: 1 }, { column: y, betwen: [1, 2] } ] }',
    ].join('\n');
    const { issues } = validateRuleset(parseRules(`${source}\n`, 'rules.yaml'), 'rules.yaml');
    expect(issues.map((i) => [i.code, i.path]).sort()).toEqual([
      ['KEY_REQUIRED', 'engagement[1]'],
      ['KEY_UNKNOWN', 'engagement[1].pionts'],
      ['OPERATOR_UNKNOWN', 'stages[1].when.all[1].betwen'],
      ['VALUE_RANGE', 'spend["Paid Search"]'],
    ]);
  });
});

describe('the line of an issue', () => {
  test.each([
    [{ severity: 'error', code: 'KEY_UNKNOWN', message: 'unknown key "pionts"', pos: { line: 14, col: 9 }, path: 'engagement[3].pionts' },
      'rules.yaml:14:9 unknown key "pionts" at engagement[3].pionts [KEY_UNKNOWN]'],
    [{ severity: 'warning', code: 'CONDITION_UNUSED', message: 'the condition "x" is defined but never used', pos: { line: 2, col: 3 }, path: 'conditions.x' },
      'rules.yaml:2:3 warning: the condition "x" is defined but never used at conditions.x [CONDITION_UNUSED]'],
    [{ severity: 'error', code: 'KEY_REQUIRED', message: 'the ruleset needs "stages"', pos: { line: 1, col: 1 } },
      'rules.yaml:1:1 the ruleset needs "stages" [KEY_REQUIRED]'],
    [{ severity: 'error', code: 'OUTPUT_COLLISION', message: 'the output column "stage" would collide' },
      'the output column "stage" would collide [OUTPUT_COLLISION]'],
  ] as const)('%#: %p', (issue, line) => {
    expect(formatIssue('rules.yaml', issue)).toBe(line);
  });

  test('the error that stops a run lists the lines by position, then the count; its own code decides the exit', () => {
    const error = issuesError('RULES_INVALID', 'rules.yaml', [
      { severity: 'error', code: 'VALUE_TYPE', message: 'b', pos: { line: 9, col: 1 }, path: 'b' },
      { severity: 'error', code: 'KEY_UNKNOWN', message: 'a', pos: { line: 2, col: 5 }, path: 'a' },
    ]);
    expect(error.code).toBe('RULES_INVALID');
    expect(error.format()).toBe('rules.yaml:2:5 a at a [KEY_UNKNOWN]\nrules.yaml:9:1 b at b [VALUE_TYPE]\n2 problems in rules.yaml [RULES_INVALID]');
  });
});
