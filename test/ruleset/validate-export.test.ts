/** `formats:` and `placeholders:`: what is accepted, and every mistake at its line and column. */
import { describe, expect, test } from '@jest/globals';
import { compileRuleset } from '../../src/engine/compile.js';
import { parseRules } from '../../src/ruleset/load.js';
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
      "  interests: { multi: ';' }",
      '  budget: { currency: true }',
    ));
    expect(issues).toEqual([]);
    expect(Object.fromEntries([...ruleset.formats!].map(([k, { column: _c, ...f }]) => [k, f]))).toEqual({
      revenue: { number: { pattern: '1.234,56', currency: true, suffixes: true } },
      employees: { number: { pattern: '1234.56', currency: false, suffixes: false } },
      created: { date: { kind: 'pattern', pattern: 'MM/dd/yyyy' } },
      closed: { date: { kind: 'excel' } },
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
  test.each<[string, string[], [number, number, RegExp][]]>([
    ['a misspelt key', ['formats:', "  revenue: { numbr: '1.234,56' }"], [[2, 14, /unknown key "numbr" in the format of "revenue".*did you mean "number"/]]],
    ['an unknown number pattern', ['formats:', "  revenue: { number: '1.234.56' }"], [[2, 22, /"number" names the separators by example; expected one of 1234\.56, .*; got the text "1\.234\.56"; did you mean/]]],
    ['a bad date pattern', ['formats:', "  created: { date: 'MM/dd' }"], [[2, 20, /the date pattern "MM\/dd" is not valid: a date pattern needs a year/]]],
    ['exel', ['formats:', '  created: { date: exel }'], [[2, 20, /is not valid: .*did you mean "excel"/]]],
    ['a 12-hour clock without AM/PM', ['formats:', "  created: { date: 'M/d/yyyy hh:mm' }"], [[2, 20, /12-hour clock/]]],
    ['currency: yes', ['formats:', '  revenue: { currency: yes }'], [[2, 24, /"currency" must be true or false; got the text "yes"/]]],
    ['an empty separator', ['formats:', "  interests: { multi: ' ' }"], [[2, 23, /"multi" is the separator/]]],
    ['an empty format', ['formats:', '  revenue: {}'], [[2, 12, /the format of "revenue" is empty/]]],
    ['a format that is not a mapping', ['formats:', "  revenue: '1.234,56'"], [[2, 12, /the format of "revenue" must be a mapping/]]],
    ['formats as a list', ['formats: [revenue]'], [[1, 10, /"formats" must be a mapping/]]],
    ['a placeholder that is a mapping', ['placeholders: [N/A, { a: 1 }]'], [[1, 21, /each item of "placeholders" must be text/]]],
    ['two mistakes in one format, both reported', ['formats:', "  x: { number: '1,234', date: 'yyyy' }"], [
      [2, 16, /"number" names the separators/], [2, 31, /the date pattern "yyyy" is not valid/],
    ]],
  ])('%s', (_name, lines, expected) => {
    const { issues } = validate(source(...lines));
    const sorted = [...issues].sort((a, b) => a.pos!.line - b.pos!.line || a.pos!.col - b.pos!.col);
    expect(sorted.map((i) => [i.severity, i.pos?.line, i.pos?.col])).toEqual(expected.map(([l, c]) => ['error', l, c]));
    sorted.forEach((issue, i) => expect(issue.message).toMatch(expected[i][2]));
  });

  test('a format for a column the export lacks is a missing column, at the format\'s key', () => {
    const { ruleset } = validate(source('formats:', "  Revenue $: { number: '1,234.56' }"));
    const { issues } = compileRuleset(ruleset, ['Email', 'Revenue'], 'export.csv');
    expect(issues.map((i) => [i.pos?.line, i.pos?.col])).toEqual([[2, 3]]);
    expect(issues[0].message).toMatch(/column "Revenue \$" is not in export\.csv.*did you mean "Revenue"/);
  });
});
