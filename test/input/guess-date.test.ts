/**
 * The date pattern a hint suggests for a cell that did not parse (input/profile/guess-date.ts):
 * the `formats:` pattern that reads it, `excel` for a serial day number of a plausible year,
 * `unix` / `unix_ms` for a Unix timestamp in seconds / milliseconds, none for ISO (it already
 * parses) or for a number that is no date.
 */
import { describe, expect, test } from '@jest/globals';
import { guessDatePattern } from '../../src/input/profile/guess-date.js';
import { dateParser } from '../../src/input/values/formats.js';
import { formatDay } from '../../src/model/days.js';
import { datePatternParser } from '../../src/model/formats.js';

describe('guessDatePattern', () => {
  test.each([
    ['10/14/2026', 'MM/dd/yyyy'],
    ['14.10.2026 09:31', 'dd.MM.yyyy HH:mm'],
    ['Oct 14, 2026 09:31 AM', 'MMM d, yyyy h:mm a'],
    ['46309', 'excel'],
    ['46309.3965', 'excel'],
    ['1730419200', 'unix'], // 2024-11-01T00:00:00Z in seconds
    ['1730419200.123', 'unix'],
    ['1730419200000', 'unix_ms'], // in milliseconds
    [' 1730419200000.0 ', 'unix_ms'],
  ])('%s → %s', (cell, pattern) => {
    expect(guessDatePattern(cell)).toBe(pattern);
  });

  // nine, eleven, twelve or fourteen digits: no timestamp of the years 2001 to 2286
  test.each(['2026-10-14', '', '4630', '146309', '12345', '99999', 'someday', '173041920', '17304192000', '173041920000', '17304192000000', '-1730419200', '1.73042E+09'])('%p: no pattern', (cell) => {
    expect(guessDatePattern(cell)).toBeUndefined();
  });

  test('the unix formats it suggests read the cell as the day it is (date -u -d @1730419200: 2024-11-01)', () => {
    for (const cell of ['1730419200', '1730419200000']) {
      expect(formatDay(dateParser({ kind: guessDatePattern(cell) as 'unix' | 'unix_ms' })(cell))).toBe('2024-11-01');
    }
  });

  test('a pattern it suggests reads the cell as the day it is', () => {
    const compiled = datePatternParser(guessDatePattern('Oct 14, 2026 09:31 AM')!);
    if (!('parse' in compiled)) throw new Error(compiled.error);
    expect(compiled.parse('Oct 14, 2026 09:31 AM')).toBe(Date.UTC(2026, 9, 14) / 86_400_000);
  });
});
