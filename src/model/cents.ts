/**
 * Points are kept to cents (two decimals), each step rounded, so that the reasons listed for a
 * lead add up exactly to its score — in the JS engine and in any other back-end alike.
 */

/** Rounds to two decimals, half away from zero as Math.round does for positives; never -0. */
export function round2(x: number): number {
  const r = Math.round(x * 100) / 100;
  return r === 0 ? 0 : r;
}

/** A number as reasons and result cells write it: rounded to cents, no trailing zeros (`12.5`). */
export function formatNumber(x: number): string {
  return String(round2(x));
}

/** With its sign: `+10`, `-5`, `+0`. */
export function signed(x: number): string {
  return x < 0 ? formatNumber(x) : `+${formatNumber(x)}`;
}
