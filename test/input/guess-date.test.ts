/**
 * The date pattern a hint suggests for a cell that did not parse (input/profile/guess-date.ts):
 * the `formats:` pattern that reads it, `excel` for a serial day number of a plausible year, none
 * for ISO (it already parses) or for a number that is no date.
 */
import { describe, expect, test } from '@jest/globals';
import { guessDatePattern } from '../../src/input/profile/guess-date.js';
import { datePatternParser } from '../../src/model/formats.js';

describe('guessDatePattern', () => {
  test.each([
    ['10/14/2026', 'MM/dd/yyyy'],
    ['14.10.2026 09:31', 'dd.MM.yyyy HH:mm'],
    ['Oct 14, 2026 09:31 AM', 'MMM d, yyyy h:mm a'],
    ['46309', 'excel'],
    ['46309.3965', 'excel'],
  ])('%s → %s', (cell, pattern) => {
    expect(guessDatePattern(cell)).toBe(pattern);
  });

  test.each(['2026-10-14', '', '4630', '146309', '12345', '99999', 'someday'])('%p: no pattern', (cell) => {
    expect(guessDatePattern(cell)).toBeUndefined();
  });

  test('a pattern it suggests reads the cell as the day it is', () => {
    const compiled = datePatternParser(guessDatePattern('Oct 14, 2026 09:31 AM')!);
    if (!('parse' in compiled)) throw new Error(compiled.error);
    expect(compiled.parse('Oct 14, 2026 09:31 AM')).toBe(Date.UTC(2026, 9, 14) / 86_400_000);
  });
});
