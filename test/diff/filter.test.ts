/** Change kinds, stage transitions and the --only grammar, as tables. */
import { describe, expect, test } from '@jest/globals';
import { classify, entered, left, parseFilter, passes, type ChangeKind } from '../../src/diff/filter.js';
import { ABSENT, Ladder } from '../../src/diff/ladder.js';
import { decimalOf } from '../../src/diff/compare.js';
import { LeadqError } from '../../src/model/errors.js';

const ladder = Ladder.default();
const r = (stage: string) => (stage === '-' ? ABSENT : ladder.rank(stage));

describe('the default ladder', () => {
  test('disqualified below lead, then warm, mql, sal, sql, sqo', () => {
    expect(ladder.names).toEqual(['disqualified', 'lead', 'warm', 'mql', 'sal', 'sql', 'sqo']);
    expect([r('disqualified'), r('lead'), r('sqo'), ladder.rank('SQL'), ladder.rank('hot')]).toEqual([0, 1, 6, -1, -1]);
  });

  test('a stage is found by its bytes', () => {
    const b = Buffer.from('x,sql,y');
    expect([ladder.rankOfBytes(b, 2, 5), ladder.rankOfBytes(b, 0, 1), ladder.rankOfBytes(b, 2, 4)]).toEqual([5, -1, -1]);
  });

  test('an unknown stage is DIFF_STAGES naming it, the file and line, and pointing at --rules', () => {
    const error = ladder.unknownStage('hot', 'after.csv', 17);
    expect([error.code, error.file, error.line]).toEqual(['DIFF_STAGES', 'after.csv', 17]);
    expect(error.message).toMatch(/"hot" is not on the default ladder/);
    expect(error.hint).toMatch(/--rules/);
  });
});

describe('classify', () => {
  test.each<[string, string, number, number, string, string, ChangeKind | null]>([
    ['-', 'lead', 0, 10, 'P1', 'P1', 'new'],
    ['sql', '-', 80, 0, 'P1', 'P1', 'removed'],
    ['mql', 'sql', 50, 80, 'P2', 'P1', 'up'],
    ['disqualified', 'lead', 10, 10, 'P3', 'P3', 'up'],
    ['sql', 'disqualified', 80, 80, 'P1', 'P1', 'down'],
    ['sqo', 'mql', 90, 50, 'P1', 'P2', 'down'],
    ['mql', 'mql', 50, 55, 'P2', 'P2', 'score'],
    ['mql', 'mql', 50, 50, 'P2', 'P3', 'score'],
    ['mql', 'mql', 50, 50, 'P2', 'P2', null],
  ])('%s → %s, score %d → %d, priority %s → %s: %s', (b, a, sb, sa, pb, pa, kind) => {
    const prio = (p: string) => Number(p.slice(1));
    expect(classify(r(b), r(a), sb, sa, prio(pb), prio(pa))).toBe(kind);
  });
});

describe('entered and left', () => {
  test.each([
    // before, after, stage, entered, left
    ['mql', 'sql', 'sql', true, false],
    ['mql', 'sqo', 'sql', true, false], // jumped over sql: entered it all the same
    ['-', 'sqo', 'sql', true, false], // new at sqo: entered sql
    ['-', 'mql', 'sql', false, false],
    ['sql', 'sqo', 'sql', false, false],
    ['sqo', 'mql', 'sql', false, true],
    ['sql', 'disqualified', 'sql', false, true],
    ['sql', '-', 'sql', false, true], // removed
    ['disqualified', 'sql', 'sql', true, false],
    ['lead', 'disqualified', 'disqualified', true, false],
    ['-', 'disqualified', 'disqualified', true, false],
    ['disqualified', 'lead', 'disqualified', false, true],
    ['disqualified', '-', 'disqualified', false, true],
    ['disqualified', 'disqualified', 'disqualified', false, false],
  ])('%s → %s and %s: entered %s, left %s', (b, a, stage, e, l) => {
    expect([entered(r(stage), r(b), r(a)), left(r(stage), r(b), r(a))]).toEqual([e, l]);
  });
});

describe('--only', () => {
  test('none given: every change passes', () => {
    expect(parseFilter(undefined, ladder)).toBeNull();
    expect(passes(null, 'score', r('mql'), r('mql'))).toBe(true);
  });

  test('terms are comma-separated, repeatable, and any one of them passes a change', () => {
    const filter = parseFilter(['entered:sql, new', 'left:sql'], ladder)!;
    expect(filter.terms).toEqual(['entered:sql', 'new', 'left:sql']);
    expect(passes(filter, 'up', r('mql'), r('sqo'))).toBe(true);
    expect(passes(filter, 'new', ABSENT, r('lead'))).toBe(true);
    expect(passes(filter, 'down', r('sqo'), r('lead'))).toBe(true);
    expect(passes(filter, 'up', r('lead'), r('mql'))).toBe(false);
    expect(passes(filter, 'score', r('sql'), r('sql'))).toBe(false);
    expect(passes(filter, 'removed', r('mql'), ABSENT)).toBe(false);
  });

  test.each([
    [['entered:sqll'], /"sqll" is not a stage of the default ladder.*did you mean "sql"/],
    [['entered:hot'], /"hot" is not a stage/],
    [['upp'], /unknown term "upp".*did you mean "up"/],
    [['changed'], /unknown term "changed"; expected new, removed, up, down, score, entered:<stage>, left:<stage>/],
    [[' , '], /at least one term/],
  ])('%p is a usage error', (values, message) => {
    let error: unknown;
    try { parseFilter(values, ladder); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(LeadqError);
    expect((error as LeadqError).code).toBe('USAGE');
    expect((error as LeadqError).message).toMatch(message);
  });

  test('stages of a ruleset\'s own ladder', () => {
    const own = new Ladder(['cold', 'hot'], 'rules.yaml', null);
    expect(parseFilter(['entered:hot'], own)!.entered).toEqual([2]);
    expect(() => parseFilter(['entered:sql'], own)).toThrow(/not a stage of rules\.yaml; expected one of disqualified, cold, hot/);
  });
});

describe('decimalOf', () => {
  test.each(['0', '16', '-20', '26.5', '26.35', '-44.84', '206.77', '0.1', '123456789012345', '3.14159'])('%s reads as Number() does', (text) => {
    const b = Buffer.from(` ${text} `);
    expect(Object.is(decimalOf(b, 1, b.length - 1), Number(text))).toBe(true);
  });

  test.each(['', '-', '.5', '5.', '1e3', '1,5', ' 1', '1234567890123456', 'NaN'])('%p is left to the careful reading', (text) => {
    const b = Buffer.from(text);
    expect(decimalOf(b, 0, b.length)).toBeNaN();
  });
});
