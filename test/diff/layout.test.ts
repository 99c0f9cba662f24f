/** Where diff finds the key, the result columns and the lead's columns in a scored header. */
import { describe, expect, test } from '@jest/globals';
import { keyColumn, resultNames, scoredLayout } from '../../src/diff/layout.js';
import { planDiff } from '../../src/diff/plan.js';
import { LeadqError } from '../../src/model/errors.js';
import { rulesetFromText } from '../../src/ruleset/index.js';

const RESULTS = ['engagement_score', 'fit_score', 'score', 'bant', 'stage', 'priority', 'reasons', 'disqualified_reason'];
const side = (header: string[], name = 'after.csv') => ({ header, name });

function ruleset(extra = '') {
  return rulesetFromText(`version: 1
${extra}
engagement:
  - { name: note, when: { column: note, contains: x }, points: 10 }
stages:
  - name: cold
  - name: hot
    when: { score: engagement, gte: 10 }
`, 'rules.yaml').ruleset;
}

function thrown(f: () => unknown): LeadqError {
  try { f(); } catch (e) { return e as LeadqError; }
  throw new Error('expected an error');
}

describe('result columns', () => {
  test('default names without a ruleset; renames, named scores and grade with one', () => {
    expect(resultNames().appended).toEqual(RESULTS);
    const names = resultNames(ruleset('output: { rename: { stage: funnel_stage, score: total } }'));
    expect([names.stage, names.score, names.priority]).toEqual(['funnel_stage', 'total', 'priority']);
    expect(names.appended).toContain('funnel_stage');
  });

  test('the lead\'s columns are those before the first appended one', () => {
    const layout = scoredLayout(['id', 'name', ...RESULTS, 'grade'], 'a.csv', resultNames(), 'id', false);
    expect(layout).toMatchObject({ key: 0, stage: 6, score: 4, priority: 7, reasons: 8, disqualifiedReason: 9, lead: 2 });
  });

  test('a file without them is DIFF_NOT_SCORED, naming what is missing; with renames the hint says --rules', () => {
    const error = thrown(() => scoredLayout(['id', 'name', 'stage'], 'leads.csv', resultNames(), 'id', false));
    expect([error.code, error.file]).toEqual(['DIFF_NOT_SCORED', 'leads.csv']);
    expect(error.message).toBe('has no column "score", "priority", "reasons", "disqualified_reason": not a file leadq score wrote');
    // shown after the file's name, once
    expect(error.format()).toMatch(/^leads\.csv has no column "score", .*: not a file leadq score wrote \[DIFF_NOT_SCORED\]/);
    expect(error.hint).toMatch(/--rules/);
  });
});

describe('the key column', () => {
  const id = ['lead_id', 'email', 'name'];
  test.each([
    [['lead_id', 'email'], ['email', 'lead_id'], 'lead_id'],
    [['Email', 'x'], ['Email', 'y'], 'Email'],
    [['Record ID', 'Email'], ['Record ID', 'Email'], 'Record ID'],
    [['id', 'email'], ['email'], 'email'], // the first both files have
  ])('%p and %p: %p', (before, after, key) => {
    expect(keyColumn(undefined, side(before, 'before.csv'), side(after))).toBe(key);
  });

  test('--key must be in both files; the error names the file and the nearest column', () => {
    expect(keyColumn('email', side(id, 'before.csv'), side(id))).toBe('email');
    const error = thrown(() => keyColumn('Email', side(id, 'before.csv'), side(['lead_id'])));
    expect([error.code, error.file, error.line]).toEqual(['DIFF_KEY_MISSING', 'before.csv', 1]);
    expect(error.message).toMatch(/the key column "Email" is not in before\.csv; available: "lead_id", "email", "name"; did you mean "email"\?/);
  });

  test('no column named like a key: DIFF_KEY_MISSING asking for --key', () => {
    const error = thrown(() => keyColumn(undefined, side(['name'], 'before.csv'), side(['name'])));
    expect(error.code).toBe('DIFF_KEY_MISSING');
    expect(error.hint).toMatch(/--key/);
  });

  test('with a ruleset: its id_column, and an error when the file lacks it', () => {
    const rules = ruleset('id_column: Contact');
    expect(keyColumn(undefined, side(['lead_id', 'Contact']), side(['Contact', 'lead_id']), rules)).toBe('Contact');
    const error = thrown(() => keyColumn(undefined, side(['lead_id']), side(['lead_id']), rules));
    expect(error.code).toBe('DIFF_KEY_MISSING');
    expect(error.message).toMatch(/the ruleset's id_column "Contact" is not in after\.csv/);
  });
});

describe('planDiff', () => {
  test('the ladder from the ruleset, the filter against it, the newer file\'s lead columns', () => {
    const rules = ruleset('output: { rename: { stage: funnel_stage } }');
    const header = (extra: string[]) => ['lead_id', ...extra, ...RESULTS.map((c) => (c === 'stage' ? 'funnel_stage' : c))];
    const plan = planDiff(side(header(['a']), 'before.csv'), side(header(['a', 'b'])), { ruleset: rules, rulesFile: 'rules.yaml', only: ['entered:hot'] });
    expect(plan.ladder.names).toEqual(['disqualified', 'cold', 'hot']);
    expect(plan.filter!.entered).toEqual([2]);
    expect(plan.key).toBe('lead_id');
    expect(plan.leadHeader).toEqual(['lead_id', 'a', 'b']);
    expect(plan.after.layout.stage).toBe(7);
  });
});
