/**
 * Validation of the scoring-model keys: recency (date, window, decay), repeat, groups of rules,
 * scores (floors, ceilings, named scores), grades, grade and named-score conditions, priority
 * bands with conditions, id_column and renames of the new columns. Issues are asserted by
 * severity, position (found by marker in the source) and code; a pattern only where the wording
 * is the feature (did you mean …?).
 */
import { describe, expect, test } from '@jest/globals';
import { parseRules } from '../../src/ruleset/load.js';
import type { RulesetCode } from '../../src/ruleset/issue-codes.js';
import type { Ruleset, RulesetIssue } from '../../src/ruleset/types.js';
import { validateRuleset } from '../../src/ruleset/validate.js';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;
const withStages = (...ls: string[]) => lines('stages:', '  - name: lead', ...ls);

function validate(source: string): { ruleset: Ruleset; issues: RulesetIssue[] } {
  const { ruleset, issues } = validateRuleset(parseRules(source, 'rules.yaml'), 'rules.yaml');
  return { ruleset, issues: [...issues].sort((a, b) => (a.pos?.line ?? 0) - (b.pos?.line ?? 0) || (a.pos?.col ?? 0) - (b.pos?.col ?? 0)) };
}

/** [line, col] of `needle` on the first line containing `marker` (1-based). */
function at(source: string, marker: string, needle = marker): [number, number] {
  const ls = source.split('\n');
  const i = ls.findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`no line holds ${marker}`);
  return [i + 1, ls[i].indexOf(needle, ls[i].indexOf(marker)) + 1];
}

type Expected = [RulesetIssue['severity'], string, string | undefined, RulesetCode, RegExp?];

/** Each expected issue: severity, a marker for its line, the text its column points at, its code, maybe a pattern. */
function expectIssues(source: string, expected: Expected[]): void {
  const { issues } = validate(source);
  const want = expected.map(([severity, marker, needle, code]) => [severity, ...at(source, marker, needle ?? marker), code]);
  expect(issues.map((i) => [i.severity, i.pos?.line, i.pos?.col, i.code])).toEqual(want);
  issues.forEach((issue, i) => { if (expected[i][4]) expect(issue.message).toMatch(expected[i][4]!); });
}

const rule = (...extra: string[]) => withStages('engagement:', '  - name: email click', '    per: clicks', '    points: 2', ...extra);

describe('recency: date, window, decay', () => {
  test.each<[string, string, Expected[]]>([
    ['windw: a misspelt key', rule('    date: last', '    windw: 90d'), [
      ['error', 'date: last', 'last', 'DATE_UNUSED'],
      ['error', 'windw', undefined, 'KEY_UNKNOWN', /unknown key "windw".*did you mean "window"/],
    ]],
    ['window: 90 (a number)', rule('    date: last', '    window: 90'), [['error', 'window: 90', '90', 'DURATION_INVALID', /days or weeks.*write 90d/]]],
    ['window: 3 months', rule('    date: last', '    window: 3 months'), [['error', 'window:', '3 months', 'DURATION_INVALID', /months and years differ/]]],
    ['window without date', rule('    window: 90d'), [['error', 'window:', '90d', 'RECENCY_WITHOUT_DATE']]],
    ['decay without date', rule('    decay: { half_life: 30d }'), [['error', 'decay:', '{', 'RECENCY_WITHOUT_DATE']]],
    ['date without window or decay', rule('    date: last'), [['error', 'date:', 'last', 'DATE_UNUSED']]],
    ['decay with half_life and step', rule('    date: last', '    decay: { half_life: 30d, step: 30d, factor: 0.5 }'), [['error', 'decay:', '{', 'DECAY_FORM']]],
    ['decay step without factor', rule('    date: last', '    decay: { step: 30d }'), [['error', 'decay:', '{', 'DECAY_FORM']]],
    ['decay factor without step', rule('    date: last', '    decay: { factor: 0.5 }'), [['error', 'decay:', '{', 'DECAY_FORM']]],
    ['decay factor 1', rule('    date: last', '    decay: { step: 30d, factor: 1 }'), [['error', 'factor: 1', '1', 'VALUE_RANGE']]],
    ['decay half_life 0d', rule('    date: last', '    decay: { half_life: 0d }'), [['error', 'half_life', '0d', 'VALUE_RANGE']]],
    ['decay halflife: a misspelt key', rule('    date: last', '    decay: { halflife: 30d }'), [
      ['error', 'decay:', '{', 'DECAY_FORM'],
      ['error', 'halflife', undefined, 'KEY_UNKNOWN', /did you mean "half_life"/],
    ]],
  ])('%s', (_name, source, expected) => expectIssues(source, expected));

  test.each([
    ['90d', 90], ['90 days', 90], ['1 day', 1], ['12w', 84], ['2 weeks', 14], ['0d', 0],
  ])('window %p is %p days', (text, days) => {
    const { ruleset, issues } = validate(rule('    date: last', `    window: ${text}`));
    expect(issues).toEqual([]);
    expect(ruleset.engagement[0].window).toBe(days);
  });

  test('a step decay and a window on one rule', () => {
    const { ruleset, issues } = validate(rule('    date: last', '    window: 180d', '    decay: { step: 30d, factor: 0.75 }'));
    expect(issues).toEqual([]);
    expect(ruleset.engagement[0]).toMatchObject({ window: 180, decay: { kind: 'step', days: 30, factor: 0.75 }, date: { name: 'last' } });
  });
});

describe('repeat', () => {
  test.each<[string, string, Expected[]]>([
    ['repeat without per', withStages('engagement:', '  - name: demo', '    when: { column: demo, equals: true }', '    points: 5', '    repeat: once'),
      [['error', 'repeat', 'once', 'REPEAT_WITHOUT_PER']]],
    ['repeat: onse', rule('    repeat: onse'), [['error', 'repeat', 'onse', 'VALUE_ENUM', /once, every.*did you mean "once"/]]],
    ['repeat: 0', rule('    repeat: 0'), [['error', 'repeat', '0', 'VALUE_RANGE']]],
    ['repeat: 2.5', rule('    repeat: 2.5'), [['error', 'repeat', '2.5', 'VALUE_TYPE']]],
  ])('%s', (_name, source, expected) => expectIssues(source, expected));

  test.each([['once', 1], ['every', undefined], ['3', 3]])('repeat: %p is %p', (text, repeat) => {
    const { ruleset, issues } = validate(rule(`    repeat: ${text}`));
    expect(issues).toEqual([]);
    expect(ruleset.engagement[0].repeat).toBe(repeat);
  });
});

describe('groups of rules', () => {
  const group = (...head: string[]) => withStages('engagement:', '  - group: email', ...head, '    rules:',
    '      - { name: open, per: opens, points: 1 }', '      - { name: click, per: clicks, points: 2 }');

  test('a group with a cap and recency: its rules inherit date, window and decay, and name the group', () => {
    const { ruleset, issues } = validate(group('    max: 20', '    date: last', '    window: 90d', '    decay: { half_life: 30d }'));
    expect(issues).toEqual([]);
    expect(ruleset.groups).toEqual([expect.objectContaining({ name: 'email', max: 20 })]);
    expect(ruleset.engagement.map((r) => [r.name, r.group, r.date?.name, r.window, r.decay])).toEqual([
      ['open', 'email', 'last', 90, { kind: 'half_life', days: 30 }],
      ['click', 'email', 'last', 90, { kind: 'half_life', days: 30 }],
    ]);
  });

  test('a rule\'s own window replaces the group\'s', () => {
    const source = withStages('engagement:', '  - group: email', '    date: last', '    window: 90d', '    rules:',
      '      - { name: open, per: opens, points: 1, window: 30d }', '      - { name: click, per: clicks, points: 2 }');
    const { ruleset, issues } = validate(source);
    expect(issues).toEqual([]);
    expect(ruleset.engagement.map((r) => r.window)).toEqual([30, 90]);
  });

  test.each<[string, string, Expected[]]>([
    ['maks: a misspelt key', group('    maks: 20'), [['warning', '- group: email', 'group', 'GROUP_SHARES_NOTHING'], ['error', 'maks', undefined, 'KEY_UNKNOWN', /unknown key "maks".*did you mean "max"/]]],
    ['a negative max', group('    max: -5'), [['error', 'max: -5', '-5', 'VALUE_RANGE']]],
    ['a max with three decimals', group('    max: 2.555'), [['error', 'max: 2.555', '2.555', 'VALUE_DECIMALS']]],
    ['no rules', withStages('engagement:', '  - group: email', '    max: 20'), [['error', '- group: email', 'group', 'KEY_REQUIRED']]],
    ['an empty list of rules', withStages('engagement:', '  - group: email', '    max: 20', '    rules: []'), [['error', 'rules: []', '[', 'LIST_EMPTY']]],
    ['a nested group', withStages('engagement:', '  - group: email', '    max: 20', '    rules:', '      - group: inner', '        rules: [{ name: open, per: opens, points: 1 }]'),
      [['error', '- group: inner', 'group', 'GROUP_NESTED']]],
    ['a group sets date that nothing uses', group('    max: 20', '    date: last'), [['error', 'date: last', 'last', 'DATE_UNUSED']]],
    ['a group that shares nothing', group(), [['warning', '- group: email', 'group', 'GROUP_SHARES_NOTHING']]],
  ])('%s', (_name, source, expected) => expectIssues(source, expected));

  test('group names are unique across engagement and fit', () => {
    const source = withStages('engagement:', '  - group: web', '    max: 5', '    rules: [{ name: a, per: a, points: 1 }]',
      'fit:', '  - { group: web, max: 5, rules: [{ name: b, per: b, points: 1 }] }');
    expectIssues(source, [['error', '{ group: web', 'web', 'GROUP_NAME_DUPLICATE']]);
  });
});

describe('scores: floors, ceilings and named scores', () => {
  test('bounds and a named score with its own rules', () => {
    const source = withStages('scores:', '  engagement: { floor: 0, ceiling: 100 }', '  fit: { floor: -20 }', '  product_a:',
      '    ceiling: 50', '    rules:', '      - { name: a pricing, per: a_visits, points: 5 }');
    const { ruleset, issues } = validate(source);
    expect(issues).toEqual([]);
    expect(ruleset.bounds.get('engagement')).toEqual({ floor: 0, ceiling: 100 });
    expect(ruleset.bounds.get('fit')).toEqual({ floor: -20, ceiling: undefined });
    expect(ruleset.scores).toEqual([expect.objectContaining({ name: 'product_a', ceiling: 50, rules: [expect.objectContaining({ name: 'a pricing' })] })]);
  });

  test.each<[string, string, Expected[]]>([
    ['engagment: a misspelt built-in score', withStages('scores:', '  engagment: { floor: 0 }'), [['error', 'engagment', '{', 'KEY_REQUIRED', /needs "rules".*did you mean "engagement"/]]],
    ['a named score called total', withStages('scores:', '  total:', '    rules: [{ name: a, per: a, points: 1 }]'), [['error', 'total:', 'total', 'KEY_RESERVED']]],
    ['a named score with capitals', withStages('scores:', '  Product-A:', '    rules: [{ name: a, per: a, points: 1 }]'), [['error', 'Product-A', undefined, 'KEY_INVALID']]],
    ['floor above ceiling', withStages('scores:', '  fit: { floor: 50, ceiling: 10 }'), [['error', 'floor', '50', 'SCORE_BOUNDS_ORDER']]],
    ['a floor with three decimals', withStages('scores:', '  fit: { floor: 0.125 }'), [['error', 'floor', '0.125', 'VALUE_DECIMALS']]],
    ['celing: a misspelt key', withStages('scores:', '  fit: { celing: 10 }'), [['error', 'celing', undefined, 'KEY_UNKNOWN', /did you mean "ceiling"/]]],
    ['a rule name used in engagement and in a named score', withStages('engagement:', '  - { name: demo, per: d, points: 1 }', 'scores:', '  interest:',
      '    rules: [{ name: demo, per: d, points: 1 }]'), [['error', 'rules: [{ name: demo', '{', 'RULE_NAME_DUPLICATE']]],
  ])('%s', (_name, source, expected) => expectIssues(source, expected));
});

describe('grades', () => {
  const grades = (fit: string, engagement: string) => withStages('grades:', `  fit: ${fit}`, `  engagement: ${engagement}`);

  test('bands become three thresholds each', () => {
    const { ruleset, issues } = validate(grades('{ A: 60, B: 40, C: 20 }', '{ 1: 80, 2: 50, 3: 20 }'));
    expect(issues).toEqual([]);
    expect(ruleset.grades).toEqual({ fit: [60, 40, 20], engagement: [80, 50, 20] });
  });

  test.each<[string, string, Expected[]]>([
    ['no engagement bands', withStages('grades:', '  fit: { A: 60, B: 40, C: 20 }'), [['error', 'fit:', 'fit', 'KEY_REQUIRED']]],
    ['a missing C', grades('{ A: 60, B: 40 }', '{ 1: 80, 2: 50, 3: 20 }'), [['error', 'fit:', '{', 'KEY_REQUIRED']]],
    ['E: an unknown grade', grades('{ A: 60, B: 40, C: 20, E: 0 }', '{ 1: 80, 2: 50, 3: 20 }'), [['error', 'fit:', 'E', 'KEY_UNKNOWN']]],
    ['bands that do not fall', grades('{ A: 60, B: 60, C: 20 }', '{ 1: 80, 2: 50, 3: 20 }'), [['error', 'fit:', '60, C', 'GRADE_THRESHOLD_ORDER']]],
  ])('%s', (_name, source, expected) => expectIssues(source, expected));
});

describe('conditions on grades and named scores', () => {
  const base = (...ls: string[]) => lines(
    'scores:', '  interest:', '    rules: [{ name: pricing, per: visits, points: 5 }]',
    'grades:', '  fit: { A: 60, B: 40, C: 20 }', '  engagement: { 1: 80, 2: 50, 3: 20 }',
    'stages:', '  - name: lead', ...ls);

  test.each([
    ['{ grade: A1 }', 1 << 0],
    ['{ grade: a1 }', 1 << 0],
    ['{ grade: [A1, B2] }', (1 << 0) | (1 << 5)],
    ['{ grade: A }', 0b1111],
    ['{ grade: 1 }', (1 << 0) | (1 << 4) | (1 << 8) | (1 << 12)],
    ["{ grade: '4' }", (1 << 3) | (1 << 7) | (1 << 11) | (1 << 15)],
  ])('%s accepts the grades of mask %p', (when, mask) => {
    const { ruleset, issues } = validate(base('  - name: hot', `    when: ${when}`));
    expect(issues).toEqual([]);
    expect(ruleset.stages[1].when).toMatchObject({ kind: 'grade', mask });
  });

  test.each<[string, string, Expected[]]>([
    ['an unknown grade E1', base('  - name: hot', '    when: { grade: [A1, E1] }'), [['error', 'grade:', 'E1', 'GRADE_UNKNOWN']]],
    ['a grade test in a rule', lines('grades:', '  fit: { A: 60, B: 40, C: 20 }', '  engagement: { 1: 80, 2: 50, 3: 20 }', 'stages:', '  - name: lead',
      'fit:', '  - name: x', '    when: { grade: A1 }', '    points: 1'), [['error', 'when: { grade', '{', 'CONDITION_RESULTS_ONLY']]],
    ['a grade test without grades', lines('stages:', '  - name: lead', '  - name: hot', '    when: { grade: A1 }'), [['error', 'when: { grade', '{', 'GRADES_MISSING']]],
    ['a test on an unknown named score', base('  - name: hot', '    when: { score: intrest, gte: 10 }'), [['error', 'score: intrest', 'intrest', 'SCORE_UNKNOWN', /did you mean "interest"/]]],
  ])('%s', (_name, source, expected) => expectIssues(source, expected));

  test('a stage may test a named score; priority may read one and test the grade', () => {
    const source = base('  - name: hot', '    when: { score: interest, gte: 10 }',
      'priority:', '  score: interest', '  bands:', '    - { name: P1, min: 50 }', '    - { name: P1, when: { grade: [A1, B1] } }', '    - { name: P2, min: 20 }', '    - { name: P3 }');
    const { ruleset, issues } = validate(source);
    expect(issues).toEqual([]);
    expect(ruleset.priority.score).toBe('interest');
    expect(ruleset.priority.bands.map((b) => [b.name, b.min, b.when?.kind])).toEqual([['P1', 50, undefined], ['P1', undefined, 'grade'], ['P2', 20, undefined], ['P3', undefined, undefined]]);
  });

  test.each<[string, string, Expected[]]>([
    ['a priority score that is no score', base('priority:', '  score: intrest', '  bands: [{ name: P1 }]'), [['error', 'score: intrest', 'intrest', 'SCORE_UNKNOWN', /did you mean "interest"/]]],
    ['a band without min or when before the last', base('priority:', '  bands:', '    - { name: P1 }', '    - { name: P2, min: 5 }'), [['error', '- { name: P1 }', '{', 'PRIORITY_MIN_MISSING']]],
    ['plain bands rising past a band with a condition', base('priority:', '  bands:', '    - { name: P1, min: 50 }', '    - { name: P1, when: { grade: A1 } }', '    - { name: P2, min: 60 }', '    - { name: P3 }'),
      [['error', 'min: 60', '60', 'PRIORITY_BAND_ORDER']]],
    ['a band criteria test on an undefined criterion', base('priority:', '  bands:', '    - { name: P1, when: { criteria: [budget] } }', '    - { name: P2 }'),
      [['error', 'criteria: [budget]', 'budget', 'BANT_UNDEFINED']]],
  ])('%s', (_name, source, expected) => expectIssues(source, expected));
});

describe('id_column and output renames of the new columns', () => {
  test('id_column is a column reference', () => {
    const { ruleset, issues } = validate(lines('id_column: Record ID', 'stages:', '  - name: lead'));
    expect(issues).toEqual([]);
    expect(ruleset.idColumn).toEqual({ name: 'Record ID', pos: { line: 1, col: 12 } });
  });

  test('a named score\'s column and grade can be renamed', () => {
    const source = lines('scores:', '  interest:', '    rules: [{ name: p, per: v, points: 1 }]', 'grades:', '  fit: { A: 3, B: 2, C: 1 }', '  engagement: { 1: 3, 2: 2, 3: 1 }',
      'stages: [{ name: lead }]', 'output:', '  rename: { interest_score: lead_interest, grade: lead_grade }');
    const { ruleset, issues } = validate(source);
    expect(issues).toEqual([]);
    expect([...ruleset.rename]).toEqual([['interest_score', 'lead_interest'], ['grade', 'lead_grade']]);
  });

  test.each<[string, string, Expected[]]>([
    ['a rename of an unknown score column', lines('stages: [{ name: lead }]', 'output:', '  rename: { interst_score: x }'), [['error', 'interst_score', undefined, 'KEY_UNKNOWN']]],
    ['a rename of grade without grades', lines('stages: [{ name: lead }]', 'output:', '  rename: { grade: x }'), [['warning', 'grade: x', 'grade', 'RENAME_WITHOUT_GRADES']]],
    ['a rename of an account column without accounts', lines('stages: [{ name: lead }]', 'output:', '  rename: { account_stage: x }'), [['warning', 'account_stage: x', 'account_stage', 'RENAME_WITHOUT_ACCOUNTS']]],
  ])('%s', (_name, source, expected) => expectIssues(source, expected));
});
