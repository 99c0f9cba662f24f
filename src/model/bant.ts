/**
 * BANT, the classic SQL criteria (docs/rules.md#bant): budget, authority, need, timeline, in that
 * order. Results hold them as a bit mask in this order, and cells show their letters (`B,A,T`).
 */
export const BANT_KEYS = ['budget', 'authority', 'need', 'timeline'] as const;
export type BantKey = (typeof BANT_KEYS)[number];
export const BANT_LETTERS: Readonly<Record<BantKey, string>> = { budget: 'B', authority: 'A', need: 'N', timeline: 'T' };

/** The criteria of a mask as letters in BANT order: `B,A,T`. */
export function bantLetters(mask: number): string {
  const letters: string[] = [];
  BANT_KEYS.forEach((key, i) => { if (mask & (1 << i)) letters.push(BANT_LETTERS[key]); });
  return letters.join(',');
}
