/**
 * `related:` in the ruleset: what is accepted and read, every mistake with its code at its line
 * and column, and what resolving against the export's and the related file's headers checks
 * (names that clash, derived columns read as what they are not, columns a related file lacks).
 */
import { describe, expect, test } from '@jest/globals';
import { compileRuleset } from '../../src/engine/compile.js';
import type { RulesetCode } from '../../src/ruleset/issue-codes.js';
import { parseRules } from '../../src/ruleset/load.js';
import { resolveRuleset } from '../../src/ruleset/resolve.js';
import { validateRuleset } from '../../src/ruleset/validate.js';

const validate = (text: string) => validateRuleset(parseRules(text, 'rules.yaml'), 'rules.yaml');
/** The ruleset: stages on lines 1–2, then `related:` on line 3 with file `activities` on line 4, its columns from line 9; then `rest`. */
const source = (columns: string[], rest: string[] = [], head: string[] = []) => [
  'stages:', '  - name: lead', 'related:', '  activities:', '    file: activities.csv', '    key: Contact Email', '    matches: email', '    at: Activity Date',
  ...head, '    columns:', ...columns.map((c) => `      ${c}`), ...rest,
].join('\n') + '\n';

const issuesOf = (text: string) => validate(text).issues.map((i) => [i.pos?.line, i.pos?.col, i.code]);

describe('accepted', () => {
  test('every key, read into the ruleset', () => {
    const { ruleset, issues } = validate(source([
      'meetings: { count: { column: Activity Type, equals: Meeting }, within: 90d, per_day_max: 2, once_every: 1w, decay: { half_life: 30d } }',
      'replied: { exists: true, where: { column: Activity Type, equals: Email Reply } }',
      'talk: { sum: Minutes, decay: { step: 30d, factor: 0.5 } }',
      'last_touch: { last: true }',
      'first_call: { first: Call Date }',
    ], [], ['    key_type: id', "    delimiter: tab", '    encoding: windows-1252', '    skip_lines: 2', '    placeholders: [none]', "    formats: { Activity Date: { date: 'MM/dd/yyyy HH:mm' } }"]));
    expect(issues).toEqual([]);
    const [file] = ruleset.related!;
    expect({ ...file, pos: undefined, file: file.file.path, key: file.key.name, matches: file.matches.name, at: file.at.name, formats: [...file.formats!.keys()], columns: undefined }).toEqual({
      name: 'activities', file: 'activities.csv', key: 'Contact Email', matches: 'email', at: 'Activity Date', keyType: 'id', delimiter: '\t',
      encoding: 'windows-1252', skipLines: 2, placeholders: ['none'], formats: ['Activity Date'], pos: undefined, columns: undefined,
    });
    expect(file.columns.map((c) => [c.name, c.aggregate, c.of?.name, c.where?.kind, c.within, c.perDayMax, c.onceEvery, c.decay])).toEqual([
      ['meetings', 'count', undefined, 'column', 90, 2, 7, { kind: 'half_life', days: 30 }],
      ['replied', 'exists', undefined, 'column', undefined, undefined, undefined, undefined],
      ['talk', 'sum', 'Minutes', undefined, undefined, undefined, undefined, { kind: 'step', days: 30, factor: 0.5 }],
      ['last_touch', 'last', undefined, undefined, undefined, undefined, undefined, undefined],
      ['first_call', 'first', 'Call Date', undefined, undefined, undefined, undefined, undefined],
    ]);
  });

  test('a condition in the aggregate and a where: both must hold', () => {
    const { ruleset, issues } = validate(source(['n: { count: { column: Type, equals: Call }, where: { column: Minutes, gte: 5 } }']));
    expect(issues).toEqual([]);
    expect(ruleset.related![0].columns[0].where).toMatchObject({ kind: 'all', items: [{ kind: 'column', op: 'equals' }, { kind: 'column', op: 'gte' }] });
  });
});

describe('refused, with the code at the line and column', () => {
  test.each<[string, string[], [number, number, RulesetCode][]]>([
    ['no aggregate', ['n: { within: 90d }'], [[10, 10, 'RELATED_AGGREGATE']]],
    ['two aggregates', ['n: { count: true, sum: Minutes }'], [[10, 10, 'RELATED_AGGREGATE']]],
    ['count: false', ['n: { count: false }'], [[10, 19, 'RELATED_AGGREGATE']]],
    ['last: false', ['n: { last: false }'], [[10, 18, 'RELATED_AGGREGATE']]],
    ['count: a number', ['n: { count: 3 }'], [[10, 19, 'VALUE_TYPE']]],
    ['decay on max', ['n: { max: Minutes, decay: { half_life: 30d } }'], [[10, 26, 'RELATED_OPTION']]],
    ['per_day_max on sum', ['n: { sum: Minutes, per_day_max: 1 }'], [[10, 26, 'RELATED_OPTION']]],
    ['once_every on exists', ['n: { exists: true, once_every: 7d }'], [[10, 26, 'RELATED_OPTION']]],
    ['per_day_max on distinct_days', ['n: { distinct_days: true, per_day_max: 1 }'], [[10, 33, 'RELATED_OPTION']]],
    ['a named condition', ['n: { count: { condition: meeting } }'], [[10, 32, 'RELATED_CONDITION']]],
    ['a score test', ['n: { count: { score: total, gte: 1 } }'], [[10, 19, 'CONDITION_RESULTS_ONLY']]],
    ['a window in months', ['n: { count: true, within: 3 months }'], [[10, 33, 'DURATION_INVALID']]],
    ['per_day_max: 0', ['n: { count: true, per_day_max: 0 }'], [[10, 38, 'VALUE_RANGE']]],
    ['once_every: 0d', ['n: { count: true, once_every: 0d }'], [[10, 37, 'VALUE_RANGE']]],
    ['decay with both forms', ['n: { count: true, decay: { half_life: 3d, step: 3d, factor: 0.5 } }'], [[10, 32, 'DECAY_FORM']]],
    ['a name with capitals', ['Meetings: { count: true }'], [[10, 7, 'KEY_INVALID']]],
    ['an unknown key', ['n: { count: true, whithin: 9d }'], [[10, 25, 'KEY_UNKNOWN']]],
    ['no columns', [], [[9, 13, 'VALUE_TYPE']]],
  ])('%s', (_name, columns, expected) => {
    expect(issuesOf(source(columns))).toEqual(expected);
  });

  test('columns: {} defines nothing', () => {
    expect(issuesOf(source([]).replace('    columns:\n', '    columns: {}\n'))).toEqual([[9, 14, 'MAPPING_EMPTY']]);
  });

  test('a related file without key, matches, at or file', () => {
    const text = 'stages: [{ name: lead }]\nrelated:\n  a:\n    columns: { n: { count: true } }\n';
    expect(issuesOf(text).map(([, , code]) => code)).toEqual(['KEY_REQUIRED', 'KEY_REQUIRED', 'KEY_REQUIRED', 'KEY_REQUIRED']);
  });

  test('a derived name used twice across files, or named like a name of columns:', () => {
    const text = [
      'columns: { touched: Last Touch }', 'stages: [{ name: lead }]', 'related:',
      '  a: { file: a.csv, key: k, matches: email, at: d, columns: { n: { count: true }, touched: { exists: true } } }',
      '  b: { file: b.csv, key: k, matches: email, at: d, columns: { n: { count: true } } }',
    ].join('\n');
    expect(issuesOf(text)).toEqual([[4, 83, 'RELATED_NAME_CLASH'], [5, 63, 'RELATED_NAME_DUPLICATE']]);
  });

  test("a derived name that is one of the preset's standard names clashes; a name the preset lacks does not", () => {
    const text = (preset: string, name: string) => [
      `columns: { preset: ${preset} }`, 'stages: [{ name: lead }]', 'related:',
      `  a: { file: a.csv, key: k, matches: email, at: d, columns: { ${name}: { last: true } } }`,
    ].join('\n');
    // hubspot reads last_activity from "Last Activity Date": a rule naming it would read the export's, silently
    expect(issuesOf(text('hubspot', 'last_activity'))).toEqual([[4, 63, 'RELATED_NAME_CLASH']]);
    expect(issuesOf(text('hubspot', 'last_touch'))).toEqual([]);
    expect(issuesOf(text('salesforce', 'email'))).toEqual([[4, 63, 'RELATED_NAME_CLASH']]);
  });
});

describe('a derived name like a column leadq appends to the output', () => {
  test.each([
    'score', 'stage', 'reasons', 'engagement_score', 'fit_score', 'bant', 'priority', 'disqualified_reason',
    'grade', 'account', 'account_score', 'account_stage', 'completeness',
  ])('%s clashes, at the line and column of its name', (name) => {
    const { issues } = validate(source([`${name}: { count: true }`]));
    expect(issues.map((i) => [i.pos?.line, i.pos?.col, i.code])).toEqual([[10, 7, 'RELATED_NAME_CLASH']]);
    expect(issues[0].message).toBe(`the derived column "${name}" is named like the column "${name}" leadq appends to every scored row: explain would show both, and a scored file scored again has it as a header; rename the derived column`);
  });

  test("a named score's column, and a name output.rename gives an output column, clash too; names near them do not", () => {
    const text = source(['product_score: { count: true }', 'lead_score: { count: true }', 'score_30d: { count: true }', 'scores: { count: true }'],
      ['scores:', '  product:', '    rules: [{ name: p, when: { column: Type, equals: x }, points: 1 }]', 'output:', '  rename: { score: Lead_Score }']);
    const { issues } = validate(text);
    expect(issues.map((i) => [i.pos?.line, i.pos?.col, i.code])).toEqual([[10, 7, 'RELATED_NAME_CLASH'], [11, 7, 'RELATED_NAME_CLASH']]);
    expect(issues[1].message).toContain('named like the column "Lead_Score" (output.rename\'s name for "score")');
  });
});

describe('resolved against the headers', () => {
  const EXPORT = ['Record ID', 'Email', 'Company', 'Meetings'];
  const RELATED = ['Activity Type', 'Activity Date', 'Contact Email', 'Minutes'];
  const resolve = (text: string, related: string[] | null = RELATED) => {
    const { ruleset, issues } = validate(text);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    return resolveRuleset(ruleset, EXPORT, 'leads.csv', related ? new Map([['activities', { header: related, file: 'activities.csv' }]]) : new Map());
  };
  const codes = (r: ReturnType<typeof resolve>) => r.issues.filter((i) => i.severity === 'error').map((i) => [i.pos?.line, i.pos?.col, i.code]);

  test('derived columns after the header, by kind; the related columns by index in their own header', () => {
    const { resolved, issues } = resolve(source(['n: { count: { column: Activity Type, equals: Call } }', 'last_touch: { last: true }', 'talk: { sum: Minutes }'],
      ['engagement:', '  - { name: calls, per: n, points: 5 }', '  - { name: recent, when: { column: last_touch, within_days: 30 }, points: 5 }']));
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const [file] = resolved.related!;
    expect([file.key.index, file.at.index, file.matches.index, file.keyType]).toEqual([2, 1, 1, 'email']);
    expect(file.columns.map((c) => [c.name, c.index, c.kind, c.of?.index ?? -1])).toEqual([['n', 4, 'number', -1], ['last_touch', 5, 'date', 1], ['talk', 6, 'number', 3]]);
    expect(file.reads).toEqual({ number: [3], date: [1], boolean: [], text: [0] });
    // the lead's key is read as text; derived columns are never parsed
    expect(resolved.reads.text).toEqual([1]);
    expect(resolved.reads.number).toEqual([]);
    expect(resolved.scores[0].rules.map((r) => r.per?.index ?? r.when)).toEqual([4, expect.objectContaining({ kind: 'column', column: { index: 5, name: 'last_touch' } })]);
    expect(JSON.parse(JSON.stringify(resolved))).toEqual(resolved);
  });

  test('key_type: email when a column is named like one, else id', () => {
    const ids = resolve(source(['n: { count: true }']).replace('key: Contact Email', 'key: Who Id').replace('matches: email', 'matches: Record ID'), ['Who Id', 'Activity Date']);
    expect(ids.resolved.related![0].keyType).toBe('id');
  });

  test('without the related file\'s header, its derived columns still resolve by name and kind', () => {
    const { resolved, issues } = resolve(source(['n: { count: true }'], ['engagement:', '  - { name: x, per: n, points: 1 }']), null);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(resolved.related![0].header).toBeNull();
    expect(resolved.scores[0].rules[0].per).toEqual({ index: 4, name: 'n' });
  });

  test.each<[string, string[], string[], [number, number, RulesetCode][]]>([
    ['a text operator on a count', ['n: { count: true }'], ['engagement:', '  - { name: x, when: { column: n, contains: "1" }, points: 1 }'], [[12, 32, 'RELATED_KIND']]],
    ['present on a date', ['n: { last: true }'], ['fit:', '  - { name: x, when: { column: n, present: true }, points: 1 }'], [[12, 32, 'RELATED_KIND']]],
    ['equals: true on a count', ['n: { count: true }'], ['bant:', '  need: { column: n, equals: true }'], [[12, 19, 'RELATED_KIND']]],
    ['per on a date', ['n: { last: true }'], ['engagement:', '  - { name: x, per: n, points: 1 }'], [[12, 21, 'RELATED_KIND']]],
    ['date on a count', ['n: { count: true }'], ['engagement:', '  - { name: x, per: n, date: n, window: 9d, points: 1 }'], [[12, 30, 'RELATED_KIND']]],
    ['source_column on a derived column', ['n: { count: true }'], ['source_column: n'], [[11, 16, 'RELATED_KIND']]],
    ['a derived name like an export header, ignoring case', ['meetings: { count: true }'], [], [[10, 7, 'RELATED_NAME_CLASH']]],
    ['a column the related file lacks', ['n: { sum: Mins }'], [], [[10, 17, 'COLUMN_MISSING']]],
    // the timestamp is read as a date: as a number it would be empty in every row, silently
    ['a sum of the timestamp column', ['n: { sum: Activity Date }'], [], [[10, 7, 'RELATED_KIND']]],
    ['a max of the timestamp column, named in another case', ['n: { max: activity date }'], [], [[10, 7, 'RELATED_KIND']]],
    ['a max of another column', ['n: { max: Minutes }'], [], []],
    ['matches: a column the export lacks', ['n: { count: true }'], [], []],
  ])('%s', (_name, columns, rest, expected) => {
    const text = source(columns, rest);
    expect(codes(resolve(_name.startsWith('matches') ? text.replace('matches: email', 'matches: mail') : text)))
      .toEqual(_name.startsWith('matches') ? [[7, 14, 'COLUMN_MISSING']] : expected);
  });

  test('a missing related column names the related file and its headers', () => {
    const { issues } = resolve(source(['n: { sum: Mins }']));
    expect(issues[0].message).toMatch(/column "Mins" is not in activities\.csv/);
    expect(issues[0].detail).toBe('  available: "Activity Type", "Activity Date", "Contact Email", "Minutes"');
  });

  test('compiled: rows get room for the derived columns after the header', () => {
    const { ruleset } = validate(source(['n: { count: true }', 'm: { exists: true }']));
    const { compiled } = compileRuleset(ruleset, EXPORT, 'leads.csv', '2026-11-01');
    expect(compiled.plan.derived).toEqual({ count: 2, fill: null });
  });
});
