/**
 * Points are kept to cents (two decimals), each step rounded, so that the reasons listed for a
 * lead add up exactly to its score — in the JS engine and in any other back-end alike.
 */

/**
 * From here on (about 90 trillion) a double holds no cents to round to, and x * 100 / 100 is no
 * longer x: a sum of 1e21 came out 1.0000000000000001e+21. Such a value is kept to the 15
 * significant digits a double holds for sure instead, so that the last bits' noise of a product
 * or a sum is not written out (1e21 * 0.1 is 100000000000000010000, written 100000000000000000000).
 */
export const CENTS_LIMIT = 2 ** 53 / 100;

/** Rounds to two decimals, half away from zero as Math.round does for positives; never -0. Past CENTS_LIMIT, to 15 significant digits. */
export function round2(x: number): number {
  if (!(Math.abs(x) < CENTS_LIMIT)) return Number(x.toPrecision(15)); // NaN and ±Infinity stay so
  const r = Math.round(x * 100) / 100;
  return r === 0 ? 0 : r;
}

/**
 * Whole cents (a rule's tally: Math.round(points * 100) added up) back to points. Past 2^53 cents
 * they are whole no longer and c / 100 is off in the 17th digit (1e21 points came back as
 * 999999999999999900000): round2 keeps 15 significant digits there.
 */
export function fromCents(cents: number): number {
  return Math.abs(cents) < 2 ** 53 ? cents / 100 : round2(cents / 100);
}

/**
 * A number as reasons and result cells write it: rounded to cents, no trailing zeros (`12.5`);
 * past CENTS_LIMIT to 15 significant digits, in the shortest form that reads back as that value
 * (`1e+21`: leadq and spreadsheets read it).
 */
export function formatNumber(x: number): string {
  return String(round2(x));
}

/** With its sign: `+10`, `-5`, `+0`. */
export function signed(x: number): string {
  return x < 0 ? formatNumber(x) : `+${formatNumber(x)}`;
}
