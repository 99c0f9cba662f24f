/**
 * How numbers are kept and written (model/cents.ts): to cents, and past 90 trillion (2^53 / 100,
 * where a double holds no cents) to 15 significant digits in the shortest form that reads back.
 * Ordinary values are held to a BigInt oracle (the decimal text of a whole number of cents); large
 * ones to String() of the value rounded by toPrecision(15), which reads back as itself.
 */
import { describe, expect, test } from '@jest/globals';
import { CENTS_LIMIT, formatNumber, fromCents, round2 } from '../../src/model/cents.js';
import { parseNumber } from '../../src/input/values/coerce.js';
import { mulberry32 } from '../support/random.js';

/** The decimal text of c / 100 for whole cents c, built from digits: `-12.5`, `3`, `0.05`. */
function centsText(c: bigint): string {
  const sign = c < 0n ? '-' : '';
  const a = c < 0n ? -c : c;
  const frac = (a % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return `${sign}${a / 100n}${frac === '' ? '' : `.${frac}`}`;
}

describe('ordinary values: cents, as before', () => {
  test.each<[number, string]>([
    [0.1 + 0.2, '0.3'],
    [12.5, '12.5'],
    [-0.001, '0'], // never -0
    [1234567.891, '1234567.89'],
    [10_000_000_000_000.07, '10000000000000.07'], // ten trillion: still cents
  ])('%p → %s', (x, text) => {
    expect(formatNumber(x)).toBe(text);
  });

  test.each([1, 2, 3])('seed %i: whole cents up to 10^15 (15 digits) are written as their decimal text', (seed) => {
    const rand = mulberry32(seed);
    for (let i = 0; i < 5000; i++) {
      const digits = 1 + Math.floor(rand() * 15);
      const c = BigInt(Math.floor(rand() * 10 ** digits)) * (rand() < 0.3 ? -1n : 1n);
      expect(formatNumber(Number(c) / 100)).toBe(c === 0n ? '0' : centsText(c));
    }
  });
});

describe('past 90 trillion: 15 significant digits, the shortest form, no noise of x * 100 / 100', () => {
  test.each<[number, string]>([
    [1e21, '1e+21'], // was 1.0000000000000001e+21
    [-1e21, '-1e+21'],
    [1.5e21, '1.5e+21'],
    [1e21 * 0.1, '100000000000000000000'], // the product is 100000000000000010000
    [999999999999999900000, '1e+21'], // 1e21 cents back through / 100
    [123456789012345.67, '123456789012346'], // was …69: 17 digits are more than a double holds for sure
    [2 ** 53, '9007199254740990'],
    [1e300, '1e+300'],
  ])('%p → %s', (x, text) => {
    expect(formatNumber(x)).toBe(text);
  });

  test.each([1, 2, 3])('seed %i: values with up to 15 significant digits are written as themselves, and read back', (seed) => {
    const rand = mulberry32(seed);
    for (let i = 0; i < 5000; i++) {
      const digits = 1 + Math.floor(rand() * 15);
      const mantissa = Math.floor(rand() * 10 ** digits);
      const x = Number(`${mantissa}e${14 + Math.floor(rand() * 280)}`);
      if (!(x >= CENTS_LIMIT)) continue;
      expect(formatNumber(x)).toBe(String(x));
      expect(parseNumber(formatNumber(x))).toBe(x);
      expect(round2(round2(x))).toBe(round2(x));
    }
  });

  test('NaN and infinities are left as they are', () => {
    expect(round2(NaN)).toBeNaN();
    expect(round2(Infinity)).toBe(Infinity);
  });
});

describe('fromCents: a tally of cents back to points', () => {
  test.each<[number, number]>([
    [12345, 123.45],
    [-5, -0.05],
    [Math.round(1e21 * 100), 1e21], // not 999999999999999900000
  ])('%p → %p', (cents, points) => {
    expect(fromCents(cents)).toBe(points);
  });
});
