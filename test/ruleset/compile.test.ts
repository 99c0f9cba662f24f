import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, jest, test } from '@jest/globals';
import type { Evaluation } from '../../src/engine/types.js';
import type { CoercionPlan, TypedRow } from '../../src/input/rows/types.js';
import { parseDay } from '../../src/model/days.js';
import { compileRuleset } from '../../src/engine/compile.js';
import { parseRules } from '../../src/ruleset/load.js';
import type { RulesetCode } from '../../src/ruleset/issue-codes.js';
import { RESULT_COLUMN_NAMES } from '../../src/model/result-columns.js';
import { validateRuleset } from '../../src/ruleset/validate.js';

/** Sources are written as one string per line, so a case's line numbers can be read off its index. */
const lines = (...ls: string[]) => `${ls.join('\n')}\n`;
/** A ruleset with the one required stage; the first line given is line 3. */
const lead = (...ls: string[]) => lines('stages:', '  - name: lead', ...ls);
/** One fit rule whose `when` is on line 5; its text starts at column 11. */
const rule = (when: string) => lead('fit:', '  - name: x', `    when: ${when}`, '    points: 5');

function compile(source: string, header: string[], asOf?: string) {
  const { ruleset, issues } = validateRuleset(parseRules(source, 'rules.yaml'), 'rules.yaml');
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  return compileRuleset(ruleset, header, 'leads.csv', asOf);
}

const sortedPlan = (plan: CoercionPlan) => ({
  numberColumns: [...plan.numberColumns].sort((a, b) => a - b),
  dateColumns: [...plan.dateColumns].sort((a, b) => a - b),
  booleanColumns: [...plan.booleanColumns].sort((a, b) => a - b),
});

describe('column references are resolved against the header', () => {
  const noSuggestion = /^(?!.*did you mean)/;
  test.each<[string, string, string[], [number, number, RulesetCode, RegExp[]][]]>([
    ['a name differing in case and spaces', rule('{ column: budget, gte: 10 }'), ['Email', 'Budget '], []],
    ['a typo', rule('{ column: Budgt, gte: 10 }'), ['Email', 'Budget'],
      [[5, 21, 'COLUMN_MISSING', [/column "Budgt"/, /not in leads\.csv/, /available: "Email", "Budget"$/, /did you mean "Budget"\?/]]]],
    ['a name nothing resembles', rule('{ column: revenue, gte: 10 }'), ['Email', 'Budget'],
      [[5, 21, 'COLUMN_MISSING', [/column "revenue"/, /available: "Email", "Budget"$/, noSuggestion]]]],
    ['a name two headers match ignoring case', rule('{ column: budget, gte: 10 }'), ['Budget', 'BUDGET'],
      [[5, 21, 'COLUMN_AMBIGUOUS', [/column "budget"/, /several headers/]]]],
    ['a header missing behind a columns: mapping',
      lead('columns:', '  money: Budgt', 'fit:', '  - name: rich', '    when: { column: money, gte: 10 }', '    points: 5'), ['Email', 'Budget'],
      [[7, 21, 'COLUMN_MISSING', [/column "Budgt"/, /mapped from "money"/, /columns:/, /line 4/, /did you mean "Budget"\?/]]]],
    ['every missing column, not just the first',
      lead('source_column: channel', 'engagement:', '  - name: a', '    when: { column: x1, gte: 10 }', '    points: 5', '  - name: b', '    per: x2', '    points: 1',
        'disqualifiers:', '  - reason: dnc', '    when: { any: [ { column: Email, present: false }, { column: x3, equals: true } ] }'),
      ['Email', 'Budget'],
      [[3, 16, 'COLUMN_MISSING', [/"channel"/]], [6, 21, 'COLUMN_MISSING', [/"x1"/]], [9, 10, 'COLUMN_MISSING', [/"x2"/]], [13, 65, 'COLUMN_MISSING', [/"x3"/]]]],
    ['a named condition used twice is reported once, where the column is named',
      lead('conditions:', '  senior: { column: Titel, contains: VP }', 'fit:', '  - name: a', '    when: { condition: senior }', '    points: 5',
        '  - name: b', '    when: { all: [ { condition: senior }, { column: Email, present: true } ] }', '    points: 5'),
      ['Email', 'Title'], [[4, 21, 'COLUMN_MISSING', [/column "Titel"/, /did you mean "Title"\?/]]]],
  ])('%s', (_name, source, header, expected) => {
    const { issues } = compile(source, header, '2026-11-01');
    const sorted = [...issues].sort((a, b) => a.pos!.line - b.pos!.line || a.pos!.col - b.pos!.col);
    expect(sorted.map((i) => [i.severity, i.pos?.line, i.pos?.col, i.code])).toEqual(expected.map(([l, c, code]) => ['error', l, c, code]));
    // the wording is the feature here: the headers available and the nearest one
    // (the header is listed under the message, in its detail: shown once however many are missing)
    sorted.forEach((issue, i) => expected[i][3].forEach((re) => expect(`${issue.message}\n${issue.detail ?? ''}`).toMatch(re)));
  });

  test('a loose match resolves to the header index', () => {
    const { compiled, issues } = compile(rule('{ column: budget, gte: 10 }'), ['Email', ' Budget ', 'Phone'], '2026-11-01');
    expect(issues).toEqual([]);
    expect(compiled.plan.numberColumns).toEqual([1]);
  });

  test('an exact header wins over a loose match', () => {
    const { compiled } = compile(rule('{ column: budget, gte: 10 }'), ['Budget', 'BUDGET', 'budget'], '2026-11-01');
    expect(compiled.plan.numberColumns).toEqual([2]);
  });
});

describe('appended output columns must not collide', () => {
  test.each<[string, string, string[], RegExp[][], string]>([
    ['an input column named stage', lead(), ['Email', 'stage'], [[/"stage"/, /input column "stage"/, /rename/]], 'stage'],
    ['an input column named Score', lead(), ['Email', 'Score'], [[/"score"/, /input column "Score"/, /rename/]], 'stage'],
    ['an input column named " Priority "', lead(), ['Email', ' Priority '], [[/"priority"/, /rename/]], 'stage'],
    ['stage renamed away from the input column', lead('output:', '  rename:', '    stage: lead_stage'), ['Email', 'stage'], [], 'lead_stage'],
    ['stage renamed onto another output column', lead('output:', '  rename:', '    stage: score'), ['Email'], [[/"score"/, /output column/]], 'score'],
    ['stage renamed onto an input column', lead('output:', '  rename:', '    stage: Email'), ['Email'], [[/"Email"/, /input column "Email"/]], 'Email'],
  ])('%s', (_name, source, header, expected, stageColumn) => {
    const { compiled, issues } = compile(source, header, '2026-11-01');
    expect(issues.map((i) => [i.severity, i.code, i.pos])).toEqual(expected.map(() => ['error', 'OUTPUT_COLLISION', undefined]));
    issues.forEach((issue, i) => expected[i].forEach((re) => expect(issue.message).toMatch(re)));
    expect(compiled.resultHeader).toHaveLength(RESULT_COLUMN_NAMES.length);
    expect(compiled.resultHeader[RESULT_COLUMN_NAMES.indexOf('stage')]).toBe(stageColumn);
  });
});

describe('header text quoted in issues cannot reach the terminal raw', () => {
  // headers come from the export; an escape sequence in one must not be printed as-is
  const control = /[\u0000-\u001f\u007f-\u009f]/;
  test.each<[string, string, string[]]>([
    ['a missing column lists an escape sequence in the header', rule('{ column: Budgt, gte: 10 }'), ['Email', 'Bud\u001b[2Jget']],
    ['a collision names a header ending in a carriage return', lead(), ['Email', 'Stage\r']],
  ])('%s', (_name, source, header) => {
    const { issues } = compile(source, header, '2026-11-01');
    expect(issues).toHaveLength(1);
    expect(issues[0].message).not.toMatch(control);
  });
});

describe('the coercion plan lists exactly the columns read as numbers, dates and booleans', () => {
  const header = ['Title', 'Budget', 'Last Activity', 'Visits', 'Demo', 'Employees', 'Country', 'Email', 'Status'];
  const plan = (numbers: number[], dates: number[], booleans: number[]) => ({ numberColumns: numbers, dateColumns: dates, booleanColumns: booleans });
  test.each<[string, string, ReturnType<typeof plan>]>([
    ['gte reads a number', rule('{ column: Budget, gte: 10 }'), plan([1], [], [])],
    ['between reads a number', rule('{ column: Employees, between: [50, 500] }'), plan([5], [], [])],
    ['equals a number reads a number', rule('{ column: Visits, equals: 3 }'), plan([3], [], [])],
    ['equals true reads a boolean', rule('{ column: Demo, equals: true }'), plan([], [], [4])],
    ['not_equals false reads a boolean', rule('{ column: Demo, not_equals: false }'), plan([], [], [4])],
    ['equals text reads text', rule('{ column: Country, equals: DE }'), plan([], [], [])],
    ['older_than_days reads a date', rule('{ column: Last Activity, older_than_days: 90 }'), plan([], [2], [])],
    ['within_days reads a date', rule('{ column: Last Activity, within_days: 30 }'), plan([], [2], [])],
    ['per reads a number', lead('fit:', '  - name: visits', '    per: Visits', '    points: 1'), plan([3], [], [])],
    ['text operators read text',
      rule('{ all: [ { column: Title, contains: VP }, { column: Country, in: [DE] }, { column: Status, not_in: [Lost] }, { column: Title, starts_with: Head },'
        + ' { column: Title, ends_with: Sales }, { column: Title, matches: "^C" }, { column: Email, present: true }, { column: Status, empty: false },'
        + ' { column: Email, valid_email: true }, { column: Email, email_domain_in: [rival.example] }, { column: Email, free_mail: false } ] }'),
      plan([], [], [])],
    ['one column read as text and as a number is listed once', rule('{ any: [ { column: Budget, gt: 5 }, { column: Budget, present: true }, { column: Budget, lt: 100 } ] }'),
      plan([1], [], [])],
    ['BANT, disqualifiers and stages count; scores and the source column do not',
      lines('source_column: Country', 'bant:', '  budget: { column: Budget, gte: 10000 }', 'disqualifiers:', '  - reason: old', '    when: { column: Last Activity, older_than_days: 365 }',
        'stages:', '  - name: lead', '  - name: sqo', '    when: { all: [ { column: Demo, equals: true }, { score: total, gte: 50 }, { criteria: [budget] } ] }'),
      plan([1], [2], [4])],
    ['a named condition counts where it is used, not where it is defined',
      lead('conditions:', '  big: { column: Employees, gt: 1000 }', '  unused: { column: Visits, gt: 1 }', 'fit:', '  - name: big', '    when: { not: { condition: big } }', '    points: 5'),
      plan([5], [], [])],
  ])('%s', (_name, source, expected) => {
    const { compiled, issues } = compile(source, header, '2026-11-01');
    expect(issues).toEqual([]);
    expect(sortedPlan(compiled.plan)).toEqual(expected);
  });

  test('rules.example.yaml compiles against examples/leads.csv without issues', () => {
    const source = readFileSync(new URL('../../rules.example.yaml', import.meta.url), 'utf8');
    const csvHeader = readFileSync(new URL('../../examples/leads.csv', import.meta.url), 'utf8').split(/\r?\n/)[0].split(',');
    const { compiled, issues, asOf } = compile(source, csvHeader);
    expect(issues).toEqual([]);
    expect(asOf).toBe('2026-11-01');
    expect(compiled.sourceIndex).toBe(csvHeader.indexOf('Original Source'));
    const at = (...names: string[]) => names.map((n) => csvHeader.indexOf(n)).sort((a, b) => a - b);
    expect(sortedPlan(compiled.plan)).toEqual({
      numberColumns: at('Number of Employees', 'Number of Pageviews', 'Email Clicks', 'Whitepaper Downloads', 'Pricing Page Visits', 'Intent Score', 'Budget',
        'Purchase Timeline (Months)'),
      dateColumns: at('Last Activity Date'),
      booleanColumns: at('Webinar Attended', 'Newsletter Subscriber', 'Demo Requested', 'Decision Maker', 'Do Not Contact'),
    });
    expect(compiled.stages.map((s) => s.name)).toEqual(['lead', 'warm', 'mql', 'sal', 'sql', 'sqo']);
  });
});

describe('the as-of date', () => {
  afterEach(() => { jest.useRealTimers(); });

  const evaluation = (asOf: string): Evaluation => ({ engagement: 0, fit: 0, total: 0, bantCount: 0, bantMask: 0, named: [], grade: -1, asOfDay: parseDay(asOf) });
  /** a lead last active on 2026-01-01, tested with `older_than_days: 10` */
  function firesFor(source: string, override?: string): { asOf: string; fires: boolean } {
    const { compiled, issues, asOf } = compile(source, ['Last Activity'], override);
    expect(issues).toEqual([]);
    const day = new Float64Array(1);
    day[0] = parseDay('2026-01-01');
    const row: TypedRow = { fields: ['2026-01-01'], num: new Float64Array(1), day, bool: new Int8Array(1), ids: Int32Array.of(-1) };
    return { asOf, fires: compiled.fit[0].when!(row, evaluation(asOf)) };
  }
  const withAsOf = (asOf: string | null) => lines(...(asOf ? [`as_of: ${asOf}`] : []), 'stages:', '  - name: lead',
    'fit:', '  - name: inactive', '    when: { column: Last Activity, older_than_days: 10 }', '    points: -5');

  test.each<[string, string | null, string | undefined, string, boolean]>([
    ['the ruleset as_of', '2026-01-15', undefined, '2026-01-15', true],
    ['an override wins over as_of', '2026-01-15', '2026-01-05', '2026-01-05', false],
    ['an override without as_of', null, '2026-01-12', '2026-01-12', true],
    ['exactly N days before is not older than N days', '2026-01-11', undefined, '2026-01-11', false],
  ])('%s', (_name, asOf, override, expectedAsOf, fires) => {
    expect(firesFor(withAsOf(asOf), override)).toEqual({ asOf: expectedAsOf, fires });
  });

  test('without as_of or an override, it is the current date', () => {
    jest.useFakeTimers({ now: new Date('2026-03-10T12:00:00Z') });
    expect(firesFor(withAsOf(null))).toEqual({ asOf: '2026-03-10', fires: true });
  });
});
