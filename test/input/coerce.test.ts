import { describe, expect, test } from '@jest/globals';
import { BOOL_EMPTY, BOOL_INVALID, parseBoolean, parseNumber } from '../../src/input/values/coerce.js';
import { daysInMonth, formatDay, parseDay } from '../../src/model/days.js';

const utcDay = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

describe('parseNumber', () => {
  test.each([
    ['', Number.NaN], // not 0, unlike Number('')
    ['   ', Number.NaN],
    [' 42 ', 42],
    ['42', 42],
    ['1,234', Number.NaN], // thousands separators are ambiguous: refuse
    ['10.000', 10], // a decimal point, not a German thousands separator
    ['1e3', 1000],
    ['2.5E-1', 0.25],
    ['-5', -5],
    ['+7', 7],
    ['.5', 0.5],
    ['5.', 5],
    ['abc', Number.NaN],
    ['10 %', Number.NaN],
    ['€10', Number.NaN],
    ['0x10', Number.NaN], // Number('0x10') is 16
    ['Infinity', Number.NaN],
    ['1_000', Number.NaN],
    ['--5', Number.NaN],
    ['.', Number.NaN],
    ['e3', Number.NaN],
  ])('%p → %p', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });
});

describe('parseDay', () => {
  test.each([
    ['1970-01-01', 0],
    ['2026-10-14', utcDay(2026, 10, 14)],
    [' 2026-10-14 ', utcDay(2026, 10, 14)],
    ['2024-02-29', utcDay(2024, 2, 29)], // leap year
    ['2000-02-29', utcDay(2000, 2, 29)], // divisible by 400
    ['2026-12-31', utcDay(2026, 12, 31)],
    ['2026-10-14 09:31', utcDay(2026, 10, 14)], // the time is validated, then ignored
    ['2026-10-14T09:31:00Z', utcDay(2026, 10, 14)],
    ['2026-10-14T23:59:59.999+02:00', utcDay(2026, 10, 14)],
    ['2026-10-14T09:31:00-0500', utcDay(2026, 10, 14)],
    // zones as warehouse exports write them: BigQuery, Snowflake, PostgreSQL
    ['2026-10-14 09:31:00 UTC', utcDay(2026, 10, 14)],
    ['2026-10-14 23:59:59.123456 UTC', utcDay(2026, 10, 14)],
    ['2026-10-14 09:31:00.000 -0800', utcDay(2026, 10, 14)],
    ['2026-10-14 09:31:00+02', utcDay(2026, 10, 14)],
    ['2026-10-14T09:31 GMT', utcDay(2026, 10, 14)],
    // a zone after a date without a time: the day written, as with a time
    ['2026-10-14 UTC', utcDay(2026, 10, 14)],
    ['2026-10-14 GMT', utcDay(2026, 10, 14)],
    ['2026-10-14Z', utcDay(2026, 10, 14)], // XML Schema's xs:date, Java's ISO_DATE
    ['2026-10-14+02:00', utcDay(2026, 10, 14)],
    ['2026-10-14-05:00', utcDay(2026, 10, 14)],
    ['2026-10-14 -05:00', utcDay(2026, 10, 14)],
    // the first year of the calendar (Python: (date(1970, 1, 1) - date(1, 1, 1)).days is 719162)
    ['0001-01-01', -719_162],
    ['0001-01-01 00:00:00 UTC', -719_162],
  ])('%p → day %p', (text, expected) => {
    expect(parseDay(text)).toBe(expected);
  });

  test.each([
    '',
    '2026-02-29', // not a leap year
    '1900-02-29', // divisible by 100, not by 400
    '2026-02-30', // new Date() would roll this over to 2 March
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-10-00',
    '2026-10-32',
    '14.10.2026',
    '10/14/2026',
    '2026-1-5',
    '20261014',
    '2026-10-14 24:00', // hour 24
    '2026-10-14T23:60',
    '2026-10-14T23:59:60',
    '2026-10-14T9:31',
    // the year 0: none in the calendar; SQL dumps' and MySQL's "no date"
    '0000-00-00',
    '0000-01-01',
    '0000-03-01',
    '0000-12-31 23:59:59',
    '0000-01-01T00:00:00Z',
    '2026-10-14-05', // after a bare date, an offset without minutes reads as a fourth part of the date
    '2026-10-14-0500',
    '2026-10-14+02',
    '2026-10-14 utc',
    '2026-10-14  UTC',
    '2026-10-14 CET',
    '2026-10-14T',
    '2026-10-14 UTC 09:31',
    '2026-10-14 09:31 utc',
    '2026-10-14 09:31:00  UTC', // two spaces
    '2026-10-14 09:31:00 +2',
    '2026-10-14 09:31:00 CET', // zone names other than UTC and GMT are ambiguous
    'yesterday',
  ])('%p → NaN', (text) => {
    expect(parseDay(text)).toBeNaN();
  });

  test.each(['2026-11-01', '2024-02-29', '1999-12-31', '0050-06-15'])('formatDay(parseDay(%p)) gives the date back', (text) => {
    expect(formatDay(parseDay(text))).toBe(text);
  });

  test.each([
    [2024, 2, 29], [2026, 2, 28], [1900, 2, 28], [2000, 2, 29], [2026, 4, 30], [2026, 12, 31],
  ])('daysInMonth(%p, %p) → %p', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe('parseBoolean', () => {
  test.each([
    ['yes', 1], ['YES', 1], [' Yes ', 1], ['true', 1], ['TRUE', 1], ['1', 1], ['y', 1], ['x', 1], ['X', 1],
    ['no', 0], ['No', 0], ['false', 0], ['FALSE', 0], ['0', 0], ['n', 0], [' N ', 0],
    ['', BOOL_EMPTY], ['   ', BOOL_EMPTY],
    ['maybe', BOOL_INVALID], ['ja', BOOL_INVALID], ['1.0', BOOL_INVALID], ['on', BOOL_INVALID], ['yes!', BOOL_INVALID],
  ])('%p → %p', (text, expected) => {
    expect(parseBoolean(text)).toBe(expected);
  });

  test('the empty and invalid codes are distinct and negative', () => {
    expect(BOOL_EMPTY).toBeLessThan(0);
    expect(BOOL_INVALID).toBeLessThan(0);
    expect(BOOL_INVALID).not.toBe(BOOL_EMPTY);
  });
});
