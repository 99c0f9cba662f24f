import { describe, expect, test } from '@jest/globals';
import { FREE_MAIL_DOMAINS } from '../../src/model/email.js';
import {
  OPERATOR_NAMES, OPERATORS, SCORE_OPERATORS, compileRegex, isEmptyValue, type BuildContext,
} from '../../src/model/operators.js';
import { parseBoolean, parseNumber } from '../../src/input/values/coerce.js';
import { parseDay } from '../../src/model/days.js';

const AS_OF = parseDay('2026-11-01');
const defaultCtx: BuildContext = { freeMailDomains: new Set(FREE_MAIL_DOMAINS) };

/** Runs one operator on one cell, coercing the cell the way the operator says it reads it. */
function run(op: string, arg: unknown, cell: string, ctx: BuildContext = defaultCtx, asOfDay = AS_OF): boolean {
  const operator = OPERATORS[op];
  const test = operator.build(arg, ctx);
  switch (operator.reads(arg)) {
    case 'text': return test(cell, asOfDay);
    case 'number': return test(parseNumber(cell), asOfDay);
    case 'date': return test(parseDay(cell), asOfDay);
    case 'boolean': return test(parseBoolean(cell), asOfDay);
  }
}

const SENIOR = '/\\b(VP|Vice President|Director|Head|Chief|CEO|CFO|CTO|CIO|Owner)\\b/i';

// [operator, argument, cell, expected]
const CASES: [string, unknown, string, boolean][] = [
  // equals: text ignores case and surrounding spaces; numbers and booleans compare as such
  ['equals', 'Software', ' software ', true],
  ['equals', 'Software', 'Soft ware', false],
  ['equals', 'Software', '', false],
  ['equals', '42', '42.0', false], // a text argument compares text
  ['equals', 42, ' 42.0 ', true],
  ['equals', 42, '43', false],
  ['equals', 0, '', false], // Number('') is 0: the trap an empty cell must not fall into
  ['equals', 0, 'zero', false],
  ['equals', true, 'YES', true],
  ['equals', true, ' y ', true],
  ['equals', true, 'no', false],
  ['equals', false, 'No', true],
  ['equals', false, '', false],
  ['equals', false, 'maybe', false],
  // not_equals: an empty (or unparseable) cell is not "not equal"
  ['not_equals', 'Software', 'Retail', true],
  ['not_equals', 'Software', ' SOFTWARE', false],
  ['not_equals', 'Software', '', false],
  ['not_equals', 'Software', '   ', false],
  ['not_equals', 5, '6', true],
  ['not_equals', 5, '5', false],
  ['not_equals', 5, '', false],
  ['not_equals', 5, 'five', false],
  ['not_equals', true, 'no', true],
  ['not_equals', true, 'yes', false],
  ['not_equals', true, '', false],
  ['not_equals', false, 'maybe', false],
  // in / not_in
  ['in', ['DE', 'AT'], ' de ', true],
  ['in', ['DE', 'AT'], 'CH', false],
  ['in', ['DE'], '', false],
  ['in', [' Financial Services '], 'financial services', true],
  ['not_in', ['DE', 'AT'], 'CH', true],
  ['not_in', ['DE', 'AT'], 'at', false],
  ['not_in', ['DE'], '', false],
  ['not_in', ['DE'], '   ', false],
  // contains / starts_with / ends_with
  ['contains', 'Pricing', 'Visited PRICING page', true],
  ['contains', ' pricing ', 'pricing', true],
  ['contains', 'pricing', '', false],
  ['contains', 'price list', 'price', false],
  ['starts_with', 'Head', '  head of sales', true],
  ['starts_with', 'Head', 'Deputy Head', false],
  ['starts_with', 'Head', '', false],
  ['ends_with', '.example', 'ann@rival.EXAMPLE  ', true],
  ['ends_with', '.example', 'example.com', false],
  // matches: RE2 syntax, /…/i ignores case, \b is an ASCII word boundary
  ['matches', SENIOR, 'VP Sales', true],
  ['matches', SENIOR, 'vp of marketing', true],
  ['matches', SENIOR, 'Head of IT', true],
  ['matches', SENIOR, 'Co-Owner', true],
  ['matches', SENIOR, 'Chief Revenue Officer', true],
  ['matches', SENIOR, 'Headhunter', false],
  ['matches', SENIOR, 'SVP Marketing', false],
  ['matches', SENIOR, 'Directorate assistant', false],
  ['matches', SENIOR, '', false],
  ['matches', '\\b(VP|Head)\\b', 'Headhunter', false],
  ['matches', '\\b(VP|Head)\\b', 'SVP', false],
  ['matches', '\\bOwner\\b', 'Co-Owner', true],
  ['matches', '^VP', 'vp sales', false], // no /i: case matters
  ['matches', '^VP', 'VP sales', true],
  ['matches', '/^vp/i', 'VP sales', true],
  // numbers: an empty or unparseable cell is NaN and fails every comparison
  ['gt', 10, '11', true],
  ['gt', 10, '10', false],
  ['gt', -1, '', false],
  ['gt', 10, 'n/a', false],
  ['gte', 10000, '10000', true],
  ['gte', 10000, '9999.99', false],
  ['gte', 0, '', false],
  ['gte', 10000, '10,000', false],
  ['lt', 6, '5', true],
  ['lt', 6, '6', false],
  ['lt', 6, '', false],
  ['lte', 6, ' 6 ', true],
  ['lte', 6, '7', false],
  ['lte', 6, '', false],
  ['lte', 6, '6 months', false],
  ['between', [50, 5000], '50', true],
  ['between', [50, 5000], '5000', true],
  ['between', [50, 5000], '5001', false],
  ['between', [50, 5000], '49.9', false],
  ['between', [-10, 10], '-10', true],
  ['between', [0, 10], '', false],
  ['between', [0, 10], 'ten', false],
  // present / empty
  ['present', true, 'x', true],
  ['present', true, '  ', false],
  ['present', false, '', true],
  ['present', false, 'x', false],
  ['empty', true, ' ', true],
  ['empty', true, 'x', false],
  ['empty', false, 'x', true],
  ['empty', false, '', false],
  // dates, as of 2026-11-01: 2026-08-03 is exactly 90 days before, so not older than 90
  ['older_than_days', 90, '2026-08-03', false],
  ['older_than_days', 90, '2026-08-03T23:59:59Z', false],
  ['older_than_days', 90, '2026-08-02', true],
  ['older_than_days', 90, '2026-08-02 23:59', true],
  ['older_than_days', 90, '', false],
  ['older_than_days', 90, 'last summer', false],
  ['older_than_days', 0, '2026-10-31', true],
  ['older_than_days', 0, '2026-11-01', false],
  ['within_days', 30, '2026-10-02', true], // exactly 30 days
  ['within_days', 30, '2026-10-01', false],
  ['within_days', 30, '2026-12-24', true], // after the as-of date
  ['within_days', 90, '2026-08-03', true],
  ['within_days', 90, '2026-08-02', false],
  ['within_days', 30, '', false],
  // emails
  ['valid_email', true, 'ann@acme.com', true],
  ['valid_email', true, ' ann@acme.com ', true],
  ['valid_email', true, 'a@b@acme.com', false],
  ['valid_email', true, '', false],
  ['valid_email', false, '', true],
  ['valid_email', false, 'ann@acme', true],
  ['valid_email', false, 'ann@acme.com', false],
  ['email_domain_in', ['competitor.example', 'rival.example'], 'Bob@Rival.Example', true],
  ['email_domain_in', ['competitor.example', 'rival.example'], 'bob@sub.rival.example', false],
  ['email_domain_in', ['rival.example'], 'rival.example', false],
  ['email_domain_in', ['rival.example'], '', false],
  ['email_domain_in', [' Rival.EXAMPLE '], 'a@b@rival.example', true], // the domain is after the last @
  ['free_mail', true, 'Ann@GMAIL.COM', true],
  ['free_mail', true, 'ann@acme.com', false],
  ['free_mail', false, 'ann@acme.com', true],
  ['free_mail', true, '', false],
];

describe('OPERATORS', () => {
  test('the table covers every operator', () => {
    expect(new Set(CASES.map((c) => c[0]))).toEqual(new Set(OPERATOR_NAMES));
  });

  test.each(CASES)('%s %p on %p → %p', (op, arg, cell, expected) => {
    expect(run(op, arg, cell)).toBe(expected);
  });

  test.each([
    ['ann@example.org', true, true],
    ['ANN@Example.Org ', true, true],
    ['ann@gmail.com', true, false], // a custom list replaces the built-in one
    ['ann@gmail.com', false, true],
    ['ann@example.org', false, false],
  ])('free_mail with a custom list: %p, %p → %p', (cell, arg, expected) => {
    const ctx: BuildContext = { freeMailDomains: new Set(['example.org']) };
    expect(run('free_mail', arg, cell, ctx)).toBe(expected);
  });

  test.each([
    ['older_than_days', '2026-05-01', 10, '2026-04-20', true],
    ['older_than_days', '2026-05-01', 10, '2026-04-21', false],
    ['within_days', '2024-03-01', 1, '2024-02-29', true], // leap day
    ['within_days', '2024-03-01', 1, '2024-02-28', false],
  ])('%s follows the as-of date %s (%p days, %s → %p)', (op, asOf, days, cell, expected) => {
    expect(run(op, days, cell, defaultCtx, parseDay(asOf))).toBe(expected);
  });

  test('a catastrophic pattern runs in linear time and does not match', () => {
    expect(run('matches', '^(a+)+$', `${'a'.repeat(5000)}b`)).toBe(false);
    expect(run('matches', '^(a+)+$', 'a'.repeat(5000))).toBe(true);
  });

  test.each(['/x/g', '/x/im', '(unclosed', '/(?<=a)b/'])('compileRegex refuses %p', (source) => {
    expect(() => compileRegex(source)).toThrow();
  });

  test.each([
    [0, 'number'], [true, 'boolean'], ['x', 'text'],
  ])('equals and not_equals read %p as %s', (arg, kind) => {
    expect(OPERATORS.equals.reads(arg)).toBe(kind);
    expect(OPERATORS.not_equals.reads(arg)).toBe(kind);
  });

  test.each([...SCORE_OPERATORS])('score operator %s reads numbers', (op) => {
    expect(OPERATORS[op].reads(op === 'between' ? [0, 1] : 1)).toBe('number');
  });

  test.each([
    ['text', '  ', true], ['text', 'x', false],
    ['number', Number.NaN, true], ['number', 0, false],
    ['date', Number.NaN, true], ['date', 0, false],
    ['boolean', -1, true], ['boolean', -2, true], ['boolean', 0, false],
  ] as const)('isEmptyValue(%s, %p) → %p', (kind, value, expected) => {
    expect(isEmptyValue(kind, value)).toBe(expected);
  });
});
