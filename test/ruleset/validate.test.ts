import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { parseRules } from '../../src/ruleset/load.js';
import type { RulesetCode } from '../../src/ruleset/issue-codes.js';
import type { Condition, RulesetIssue } from '../../src/ruleset/types.js';
import { validateRuleset } from '../../src/ruleset/validate.js';

/** Sources are written as one string per line, so a case's line numbers can be read off its index. */
const lines = (...ls: string[]) => `${ls.join('\n')}\n`;
/** A ruleset with the one required stage; the first line given is line 3. */
const lead = (...ls: string[]) => lines('stages:', '  - name: lead', ...ls);
/** One engagement rule whose `when` is on line 5; its text starts at column 11. */
const rule = (when: string) => lead('engagement:', '  - name: x', `    when: ${when}`, '    points: 5');
const readFixture = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

type Severity = RulesetIssue['severity'];
/** severity, line, column, code; a pattern where the wording is the feature (did you mean …?) */
type Expected = [Severity, number, number, RulesetCode, RegExp?];

/** Issues sorted by position; the sort is stable, so issues at one position keep their order. */
function validate(source: string) {
  const { ruleset, issues } = validateRuleset(parseRules(source, 'rules.yaml'), 'rules.yaml');
  const sorted = [...issues].sort((a, b) => (a.pos?.line ?? 0) - (b.pos?.line ?? 0) || (a.pos?.col ?? 0) - (b.pos?.col ?? 0));
  return { ruleset, issues: sorted };
}

function expectIssues(source: string, expected: Expected[]): void {
  const { issues } = validate(source);
  expect(issues.map((i) => [i.severity, i.pos?.line, i.pos?.col, i.code])).toEqual(expected.map(([s, l, c, code]) => [s, l, c, code]));
  issues.forEach((issue, i) => { if (expected[i][4]) expect(issue.message).toMatch(expected[i][4]!); });
}

describe('rules.example.yaml', () => {
  test('validates with no errors and no warnings', () => {
    const { issues } = validate(readFixture('../../rules.example.yaml'));
    expect(issues).toEqual([]);
  });
});

describe('unknown keys come with a suggestion', () => {
  test.each<[string, string, Expected[]]>([
    ['stage: at the top level', lines('stage:', '  - name: lead'), [
      ['error', 1, 1, 'KEY_UNKNOWN', /unknown key "stage".*did you mean "stages"/],
      ['error', 1, 1, 'KEY_REQUIRED'],
    ]],
    ['point: in a rule', lead('engagement:', '  - name: demo', '    when: { column: demo, equals: true }', '    point: 5'), [
      ['error', 4, 5, 'KEY_REQUIRED'],
      ['error', 6, 5, 'KEY_UNKNOWN', /unknown key "point".*did you mean "points"/],
    ]],
    ['scor: in output.rename', lead('output:', '  rename:', '    stage: lead_stage', '    scor: lead_score'), [
      ['error', 6, 5, 'KEY_UNKNOWN', /unknown key "scor".*did you mean "score"/],
    ]],
    ['totl as the priority score', lead('priority:', '  score: totl', '  bands:', '    - { name: P1 }'), [
      ['error', 4, 10, 'SCORE_UNKNOWN', /did you mean "total"/],
    ]],
  ])('%s', (_name, source, expected) => expectIssues(source, expected));
});

describe('column tests: operators', () => {
  test.each<[string, string, Expected[]]>([
    ['"gte " with a trailing space', "{ column: budget, 'gte ': 5 }", [['error', 5, 29, 'OPERATOR_UNKNOWN', /unknown operator "gte ".*did you mean "gte"/]]],
    ['greater_than', '{ column: budget, greater_than: 5 }', [['error', 5, 29, 'OPERATOR_UNKNOWN', /unknown operator "greater_than".*did you mean "gt"/]]],
    ['containz', '{ column: title, containz: VP }', [['error', 5, 28, 'OPERATOR_UNKNOWN', /unknown operator "containz".*did you mean "contains"/]]],
    ['two operators', '{ column: budget, gte: 5, lte: 10 }', [['error', 5, 11, 'OPERATOR_MULTIPLE']]],
    ['no operator', '{ column: budget }', [['error', 5, 11, 'OPERATOR_MISSING']]],
  ])('%s', (_name, when, expected) => expectIssues(rule(when), expected));
});

describe('column tests: arguments are checked by their ArgKind', () => {
  test.each<[string, string, Expected[]]>([
    ['range: between [10, 5]', '{ column: budget, between: [10, 5] }', [['error', 5, 38, 'RANGE_ORDER']]],
    ['range: between with 3 items', '{ column: budget, between: [1, 5, 10] }', [['error', 5, 38, 'LIST_LENGTH']]],
    ['range: between with text', '{ column: budget, between: [low, 10] }', [['error', 5, 39, 'VALUE_TYPE']]],
    ['days: older_than_days -3', '{ column: last, older_than_days: -3 }', [['error', 5, 44, 'VALUE_RANGE']]],
    ['days: older_than_days 2.5', '{ column: last, older_than_days: 2.5 }', [['error', 5, 44, 'VALUE_TYPE']]],
    ['days: within_days "7"', '{ column: last, within_days: "7" }', [['error', 5, 40, 'VALUE_TYPE']]],
    ['strings: in []', '{ column: industry, in: [] }', [['error', 5, 35, 'LIST_EMPTY']]],
    ['strings: email_domain_in []', '{ column: email, email_domain_in: [] }', [['error', 5, 45, 'LIST_EMPTY']]],
    ['strings: in with a nested list', '{ column: industry, in: [[a]] }', [['error', 5, 36, 'VALUE_TYPE']]],
    ['flag: present "yes" (a string)', '{ column: pain, present: "yes" }', [['error', 5, 36, 'VALUE_TYPE']]],
    ['flag: present yes (text in YAML 1.2)', '{ column: pain, present: yes }', [['error', 5, 36, 'VALUE_TYPE']]],
    ['flag: free_mail 1', '{ column: email, free_mail: 1 }', [['error', 5, 39, 'VALUE_TYPE']]],
    ['number: gt "ten"', '{ column: budget, gt: "ten" }', [['error', 5, 33, 'VALUE_TYPE']]],
    ['number: lte with nothing', '{ column: budget, lte: }', [['error', 5, 34, 'VALUE_TYPE']]],
    ['scalar: equals a list', '{ column: budget, equals: [1] }', [['error', 5, 37, 'VALUE_TYPE']]],
    ['string: contains a mapping', '{ column: title, contains: { a: 1 } }', [['error', 5, 38, 'VALUE_TYPE']]],
    ['string: starts_with empty text', "{ column: title, starts_with: '' }", [['error', 5, 41, 'VALUE_EMPTY']]],
    ['regex: unclosed group', "{ column: title, matches: '(VP' }", [['error', 5, 37, 'REGEX_INVALID']]],
    ['regex: a backreference (not RE2)', "{ column: title, matches: '(a)\\1' }", [['error', 5, 37, 'REGEX_INVALID']]],
    ['regex: the unsupported flag g', "{ column: title, matches: '/x/g' }", [['error', 5, 37, 'REGEX_INVALID', /flag/]]],
  ])('%s', (_name, when, expected) => expectIssues(rule(when), expected));

  test.each([
    '{ column: budget, between: [5, 5] }',
    '{ column: last, older_than_days: 0 }',
    '{ column: last, within_days: 30 }',
    '{ column: industry, in: [Software] }',
    '{ column: industry, in: Software }',
    '{ column: pain, present: false }',
    '{ column: budget, gt: -1.5 }',
    '{ column: demo, equals: true }',
    '{ column: country, not_equals: DE }',
    "{ column: title, matches: '/\\b(VP|Head)\\b/i' }",
    "{ column: title, matches: '^ceo$' }",
    '{ column: email, email_domain_in: [rival.example] }',
  ])('%s is accepted', (when) => expectIssues(rule(when), []));

  test('numbers in a list of text are kept as written (leading zeros, trailing zeros)', () => {
    const { ruleset, issues } = validate(rule('{ column: region, in: [01, 02, 1.50] }'));
    expect(issues).toEqual([]);
    const when = ruleset.engagement[0].when as Extract<Condition, { kind: 'column' }>;
    expect(when.arg).toEqual(['01', '02', '1.50']);
  });
});

describe('rules', () => {
  test.each<[string, string, Expected[]]>([
    ['a rule with neither when nor per', lead('fit:', '  - name: everyone', '    points: 5'), [['error', 4, 5, 'RULE_ALWAYS_FIRES']]],
    ['a duplicate rule name', lead('fit:', '  - name: x', '    when: { column: a, present: true }', '    points: 5', '  - name: x', '    when: { column: b, present: true }', '    points: 5'),
      [['error', 7, 5, 'RULE_NAME_DUPLICATE']]],
    ['a negative max', lead('engagement:', '  - name: x', '    per: visits', '    points: 5', '    max: -10'), [['error', 7, 10, 'VALUE_RANGE']]],
    ['a score test in an engagement rule', rule('{ score: fit, gte: 10 }'), [['error', 5, 11, 'CONDITION_RESULTS_ONLY']]],
    ['a criteria test in a disqualifier', lead('disqualifiers:', '  - reason: poor', '    when: { criteria: [budget] }'), [['error', 5, 11, 'CONDITION_RESULTS_ONLY']]],
    ['a negative spend', lead('spend:', '  Events: -100'), [['error', 4, 11, 'VALUE_RANGE']]],
  ])('%s', (_name, source, expected) => expectIssues(source, expected));
});

describe('top-level values', () => {
  test.each<[string, string, Expected[]]>([
    ['missing stages', lines('version: 1'), [['error', 1, 1, 'KEY_REQUIRED']]],
    ['version 2', lines('version: 2', 'stages:', '  - name: lead'), [['error', 1, 10, 'VALUE_ENUM']]],
    ['as_of 2026-02-30', lines('as_of: 2026-02-30', 'stages:', '  - name: lead'), [['error', 1, 8, 'DATE_INVALID']]],
    ['as_of written as a number', lines('as_of: 20261101', 'stages:', '  - name: lead'), [['error', 1, 8, 'DATE_INVALID']]],
  ])('%s', (_name, source, expected) => expectIssues(source, expected));
});

describe('stages', () => {
  test.each<[string, string, Expected[]]>([
    ['an unknown BANT criterion', lines('stages:', '  - name: lead', '  - name: sql', '    when: { criteria: [budget, autority] }'),
      [['error', 4, 32, 'BANT_UNKNOWN', /unknown BANT criterion "autority".*did you mean "authority"/]]],
    ['a BANT criterion the ruleset does not define', lines('bant:', '  budget: { column: budget, gte: 10 }', 'stages:', '  - name: lead', '  - name: sql', '    when: { criteria: [budget, timeline] }'),
      [['error', 6, 32, 'BANT_UNDEFINED']]],
    ['a reference to a higher stage', lines('stages:', '  - name: lead', '  - name: mql', '    when: { stage: sql }', '  - name: sql', '    when: { score: total, gte: 50 }'),
      [['error', 4, 20, 'STAGE_ORDER']]],
    ['a reference to the stage itself', lines('stages:', '  - name: lead', '  - name: mql', '    when: { stage: mql }'), [['error', 4, 20, 'STAGE_ORDER']]],
    ['a reference to an unknown stage', lines('stages:', '  - name: lead', '  - name: mql', '    when: { score: total, gte: 10 }', '  - name: sql', '    when: { stage: mq }'),
      [['error', 6, 20, 'STAGE_UNKNOWN', /unknown stage "mq".*did you mean "mql"/]]],
    ['thresholds that fall', lines('stages:', '  - name: lead', '  - name: mql', '    when: { score: engagement, gte: 40 }', '  - name: sql', '    when:', '      all:',
      '        - { score: engagement, gte: 30 }', '        - { score: fit, gte: 10 }'), [['error', 8, 11, 'STAGE_THRESHOLD_ORDER']]],
    ['equal thresholds', lines('stages:', '  - name: lead', '  - name: mql', '    when: { score: engagement, gte: 40 }', '  - name: sql', '    when:', '      all:',
      '        - { score: engagement, gte: 40 }', '        - { score: fit, gte: 10 }'), []],
    ['a stage named disqualified', lines('stages:', '  - name: lead', '  - name: Disqualified', '    when: { score: total, gte: 10 }'), [['error', 3, 11, 'VALUE_RESERVED']]],
    ['a duplicate stage name', lines('stages:', '  - name: lead', '  - name: mql', '    when: { score: total, gte: 10 }', '  - name: MQL', '    when: { score: total, gte: 20 }'),
      [['error', 5, 11, 'STAGE_NAME_DUPLICATE']]],
    ['a higher stage without when', lines('stages:', '  - name: lead', '  - name: mql'), [['error', 3, 5, 'STAGE_WHEN_MISSING']]],
    ['a when on the lowest stage', lines('stages:', '  - name: lead', '    when: { score: total, gte: 0 }'), [['warning', 3, 11, 'STAGE_WHEN_IGNORED']]],
    ['an empty stage list', lines('stages: []'), [['error', 1, 9, 'LIST_EMPTY']]],
  ])('%s', (_name, source, expected) => expectIssues(source, expected));
});

describe('priority bands', () => {
  const bands = (...ls: string[]) => lead('priority:', '  bands:', ...ls);
  test.each<[string, string, Expected[]]>([
    ['rising minimums', bands('    - { name: P1, min: 50 }', '    - { name: P2, min: 60 }', '    - { name: P3 }'), [['error', 6, 24, 'PRIORITY_BAND_ORDER']]],
    ['equal minimums', bands('    - { name: P1, min: 50 }', '    - { name: P2, min: 50 }', '    - { name: P3 }'), [['error', 6, 24, 'PRIORITY_BAND_ORDER']]],
    ['a band without min that is not last', bands('    - { name: P1 }', '    - { name: P2, min: 60 }'), [['error', 5, 7, 'PRIORITY_MIN_MISSING']]],
    ['falling minimums and a catch-all', bands('    - { name: P1, min: 80 }', '    - { name: P2, min: -10 }', '    - { name: P3 }'), []],
  ])('%s', (_name, source, expected) => expectIssues(source, expected));
});

describe('named conditions', () => {
  const use = (name: string, n = 1) => ['engagement:', ...Array.from({ length: n }, (_, i) => [`  - name: r${i}`, `    when: { condition: ${name} }`, '    points: 5']).flat()];
  test.each<[string, string, Expected[]]>([
    ['an unknown name', lead('conditions:', '  senior_title: { column: title, contains: VP }', ...use('senior_titel'), '  - name: y', '    when: { condition: senior_title }', '    points: 5'),
      [['error', 7, 24, 'CONDITION_UNKNOWN_NAME', /unknown condition "senior_titel".*did you mean "senior_title"/]]],
    ['a condition that refers to itself', lead('conditions:', '  loop: { any: [ { condition: loop }, { column: a, present: true } ] }', ...use('loop')),
      [['error', 4, 9, 'CONDITION_CYCLE']]],
    ['two conditions that refer to each other', lead('conditions:', '  a: { condition: b }', '  b: { condition: a }', ...use('a')),
      [['error', 4, 19, 'CONDITION_CYCLE'], ['error', 5, 19, 'CONDITION_CYCLE']]],
    ['an unused condition', lead('conditions:', '  unused: { column: a, present: true }'), [['warning', 4, 11, 'CONDITION_UNUSED']]],
    // the body's mistake is the one problem; the rule that uses it must not add "unknown condition"
    ['an invalid condition that is used', lead('conditions:', '  hot: { column: a, containz: x }', ...use('hot')), [['error', 4, 21, 'OPERATOR_UNKNOWN']]],
  ])('%s', (_name, source, expected) => expectIssues(source, expected));
});

describe('one run reports every problem', () => {
  test('a file with five mistakes gives five issues at their positions', () => {
    expectIssues(readFixture('./fixtures/five-errors.yaml'), [
      ['error', 2, 10, 'VALUE_ENUM'],
      ['error', 3, 8, 'DATE_INVALID'],
      ['error', 6, 5, 'STAGE_WHEN_MISSING'],
      ['error', 9, 33, 'VALUE_TYPE'],
      ['error', 12, 11, 'VALUE_RANGE'],
    ]);
  });

  test('errors and warnings are told apart', () => {
    const source = lead('conditions:', '  unused: { column: a, present: true }', 'fit:', '  - name: x', '    when: { column: a, present: maybe }', '    points: 1');
    expectIssues(source, [['warning', 4, 11, 'CONDITION_UNUSED'], ['error', 7, 33, 'VALUE_TYPE']]);
  });
});
