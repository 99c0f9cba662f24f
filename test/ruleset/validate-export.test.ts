/** `formats:` and `placeholders:`: what is accepted, and every mistake at its line and column. */
import { describe, expect, test } from '@jest/globals';
import { compileRuleset } from '../../src/engine/compile.js';
import { parseRules } from '../../src/ruleset/load.js';
import type { RulesetCode } from '../../src/ruleset/issue-codes.js';
import { validateRuleset } from '../../src/ruleset/validate.js';

/** `lines` start at line 1; the stages follow them. */
const source = (...lines: string[]) => `${lines.join('\n')}\nstages:\n  - name: lead\n`;
const validate = (text: string) => validateRuleset(parseRules(text, 'rules.yaml'), 'rules.yaml');

describe('accepted', () => {
  test('every key of a format, and the patterns as written', () => {
    const { ruleset, issues } = validate(source(
      'formats:',
      "  revenue: { number: '1.234,56', currency: true, suffixes: true }",
      '  employees: { number: 1234.56 }', // unquoted: a YAML number, read as written
      "  created: { date: 'MM/dd/yyyy' }",
      '  closed: { date: excel }',
      '  opened: { date: unix }',
      '  clicked: { date: unix_ms }',
      "  interests: { multi: ';' }",
      '  budget: { currency: true }',
    ));
    expect(issues).toEqual([]);
    expect(Object.fromEntries([...ruleset.formats!].map(([k, { column: _c, ...f }]) => [k, f]))).toEqual({
      revenue: { number: { pattern: '1.234,56', currency: true, suffixes: true } },
      employees: { number: { pattern: '1234.56', currency: false, suffixes: false } },
      created: { date: { kind: 'pattern', pattern: 'MM/dd/yyyy' } },
      closed: { date: { kind: 'excel' } },
      opened: { date: { kind: 'unix' } },
      clicked: { date: { kind: 'unix_ms' } },
      interests: { multi: ';' },
      budget: { number: { pattern: '1234.56', currency: true, suffixes: false } },
    });
  });

  test.each<[string, string[] | undefined]>([
    ['placeholders: [TBD, "0", unknown]', ['TBD', '0', 'unknown']],
    ['placeholders: []', []],
    ['placeholders: N/A', ['N/A']],
    ['version: 1', undefined],
  ])('%s', (line, expected) => {
    const { ruleset, issues } = validate(source(line));
    expect([issues, ruleset.placeholders]).toEqual([[], expected]);
  });
});

describe('refused, each at its position', () => {
  test.each<[string, string[], [number, number, RulesetCode, string, RegExp?][]]>([
    ['a misspelt key', ['formats:', "  revenue: { numbr: '1.234,56' }"], [[2, 14, 'KEY_UNKNOWN', 'formats.revenue.numbr', /did you mean "number"/]]],
    ['an unknown number pattern', ['formats:', "  revenue: { number: '1.234.56' }"], [[2, 22, 'VALUE_ENUM', 'formats.revenue.number', /one of 1234\.56, .*; got the text "1\.234\.56"; did you mean/]]],
    ['a bad date pattern', ['formats:', "  created: { date: 'MM/dd' }"], [[2, 20, 'DATE_PATTERN_INVALID', 'formats.created.date', /a date pattern needs a year/]]],
    ['exel', ['formats:', '  created: { date: exel }'], [[2, 20, 'DATE_PATTERN_INVALID', 'formats.created.date', /did you mean "excel"/]]],
    ['Excel (names are lower-case)', ['formats:', '  created: { date: Excel }'], [[2, 20, 'DATE_PATTERN_INVALID', 'formats.created.date', /did you mean "excel"/]]],
    // a near miss of a Unix name gets both names with their units: unix_s is closest to unix_ms
    ...['unix_s', 'unixms', 'Unix', 'epoch', 'epoch_ms'].map((name): [string, string[], [number, number, RulesetCode, string, RegExp?][]] => [
      name, ['formats:', `  created: { date: ${name} }`], [[2, 20, 'DATE_PATTERN_INVALID', 'formats.created.date', /date: unix for seconds \(1730419200\) or date: unix_ms for milliseconds/]],
    ]),
    ['a 12-hour clock without AM/PM', ['formats:', "  created: { date: 'M/d/yyyy hh:mm' }"], [[2, 20, 'DATE_PATTERN_INVALID', 'formats.created.date', /12-hour clock/]]],
    ['currency: yes', ['formats:', '  revenue: { currency: yes }'], [[2, 24, 'VALUE_TYPE', 'formats.revenue.currency']]],
    ['an empty separator', ['formats:', "  interests: { multi: ' ' }"], [[2, 23, 'VALUE_EMPTY', 'formats.interests.multi']]],
    ['an empty format', ['formats:', '  revenue: {}'], [[2, 12, 'MAPPING_EMPTY', 'formats.revenue']]],
    ['a format that is not a mapping', ['formats:', "  revenue: '1.234,56'"], [[2, 12, 'VALUE_TYPE', 'formats.revenue']]],
    ['formats as a list', ['formats: [revenue]'], [[1, 10, 'VALUE_TYPE', 'formats']]],
    ['a placeholder that is a mapping', ['placeholders: [N/A, { a: 1 }]'], [[1, 21, 'VALUE_TYPE', 'placeholders[1]']]],
    ['two mistakes in one format, both reported', ['formats:', "  x: { number: '1,234', date: 'yyyy' }"], [
      [2, 16, 'VALUE_ENUM', 'formats.x.number'], [2, 31, 'DATE_PATTERN_INVALID', 'formats.x.date'],
    ]],
  ])('%s', (_name, lines, expected) => {
    const { issues } = validate(source(...lines));
    const sorted = [...issues].sort((a, b) => a.pos!.line - b.pos!.line || a.pos!.col - b.pos!.col);
    expect(sorted.map((i) => [i.severity, i.pos?.line, i.pos?.col, i.code, i.path])).toEqual(expected.map(([l, c, code, path]) => ['error', l, c, code, path]));
    sorted.forEach((issue, i) => { if (expected[i][4]) expect(issue.message).toMatch(expected[i][4]!); });
  });

  test('a format for a column the export lacks is a missing column, at the format\'s key', () => {
    const { ruleset } = validate(source('formats:', "  Revenue $: { number: '1,234.56' }"));
    const { issues } = compileRuleset(ruleset, ['Email', 'Revenue'], 'export.csv');
    expect(issues.map((i) => [i.pos?.line, i.pos?.col, i.code, i.path])).toEqual([[2, 3, 'COLUMN_MISSING', 'formats["Revenue $"]']]);
    expect(issues[0].message).toMatch(/did you mean "Revenue"/);
  });
});
