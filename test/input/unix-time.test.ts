/**
 * Unix timestamps (`date: unix`, `date: unix_ms`, input/values/unix-time.ts): the UTC day of the
 * instant, refusing what is no timestamp of that unit. Expected days were checked with
 * `date -u -d @SECONDS +%F`; the seeded check holds both parsers to JavaScript's Date.
 */
import { describe, expect, test } from '@jest/globals';
import { dateParser } from '../../src/input/values/formats.js';
import { UNIX_MS_MIN, unixMillisecondsDay, unixSecondsDay } from '../../src/input/values/unix-time.js';
import { formatDay } from '../../src/model/days.js';
import { mulberry32 } from '../support/random.js';

const day = (n: number) => (Number.isNaN(n) ? 'NaN' : formatDay(n));

describe('date: unix (seconds)', () => {
  test.each<[string, string]>([
    ['1730419200', '2024-11-01'], // 2024-11-01T00:00:00Z
    ['1730419199', '2024-10-31'], // one second before midnight UTC
    ['1730419200.5', '2024-11-01'], // a fraction of a second
    ['1730419199.999', '2024-10-31'], // never rounded up into the next day
    [' 1730419200 ', '2024-11-01'],
    ['0', '1970-01-01'],
    ['86399', '1970-01-01'],
    ['86400', '1970-01-02'],
    ['951782400', '2000-02-29'],
    ['253402300799', '9999-12-31'],
    ['253402300800', 'NaN'], // the year 10000
    ['1730419200000', 'NaN'], // milliseconds: the year 56 800, not a day of 2024
    ['-1', 'NaN'],
    ['+1730419200', 'NaN'],
    ['1.73042E+09', 'NaN'], // Excel's scientific notation lost the seconds, the minutes and the hours
    ['1730419200,5', 'NaN'],
    ['1 730 419 200', 'NaN'],
    ['1730419200.', 'NaN'],
    ['2024-11-01', 'NaN'],
    ['', 'NaN'],
  ])('%p → %s', (text, expected) => {
    expect(day(unixSecondsDay(text))).toBe(expected);
  });
});

describe('date: unix_ms (milliseconds)', () => {
  test.each<[string, string]>([
    ['1730419200000', '2024-11-01'],
    ['1730419199999', '2024-10-31'],
    ['1730419200000.0', '2024-11-01'], // as pandas writes an integer column with a blank
    ['100000000000', '1973-03-03'], // UNIX_MS_MIN, 1973-03-03T09:46:40Z
    ['253402300799999', '9999-12-31'],
    ['253402300800000', 'NaN'],
    ['99999999999', 'NaN'], // below UNIX_MS_MIN: …
    ['1730419200', 'NaN'], // … a timestamp in seconds would otherwise be 1970-01-21
    ['0', 'NaN'],
    ['-1730419200000', 'NaN'],
    ['', 'NaN'],
  ])('%p → %s', (text, expected) => {
    expect(day(unixMillisecondsDay(text))).toBe(expected);
  });

  test('UNIX_MS_MIN is above every timestamp in seconds before the year 5000', () => {
    expect(new Date(UNIX_MS_MIN).toISOString()).toBe('1973-03-03T09:46:40.000Z');
    expect(new Date((UNIX_MS_MIN - 1) * 1000).getUTCFullYear()).toBeGreaterThan(5000);
  });
});

describe('against JavaScript\'s Date (seeded)', () => {
  test.each([1, 2, 3])('seed %i: the UTC day of random instants from 1973 to 9999, in seconds and milliseconds', (seed) => {
    const rand = mulberry32(seed);
    for (let i = 0; i < 2000; i++) {
      const ms = UNIX_MS_MIN + Math.floor(rand() * (253_402_300_800_000 - UNIX_MS_MIN));
      const utcDay = new Date(ms).toISOString().slice(0, 10);
      expect(day(unixMillisecondsDay(String(ms)))).toBe(utcDay);
      const seconds = Math.floor(ms / 1000);
      const text = ms % 1000 === 0 ? String(seconds) : `${seconds}.${String(ms % 1000).padStart(3, '0')}`;
      expect(day(unixSecondsDay(text))).toBe(utcDay);
    }
  });

  test('the last second of each day of 2024 is that day, the next one the day after', () => {
    for (let d = Date.UTC(2024, 0, 1) / 1000; d < Date.UTC(2025, 0, 1) / 1000; d += 86_400) {
      expect(day(unixSecondsDay(String(d + 86_399)))).toBe(new Date(d * 1000).toISOString().slice(0, 10));
      expect(day(unixSecondsDay(String(d + 86_400)))).toBe(new Date((d + 86_400) * 1000).toISOString().slice(0, 10));
    }
  });
});

test('dateParser gives the unix formats their parsers', () => {
  expect(day(dateParser({ kind: 'unix' })('1730419200'))).toBe('2024-11-01');
  expect(day(dateParser({ kind: 'unix_ms' })('1730419200000'))).toBe('2024-11-01');
});
