import { describe, expect, test } from '@jest/globals';
import { scoreRules } from '../../src/engine/score.js';
import type { CompiledRule, Evaluation, TypedRow } from '../../src/engine/types.js';

const ev = (): Evaluation => ({ engagement: 0, fit: 0, total: 0, bantCount: 0, bantMask: 0 });

function row(count: number): TypedRow {
  const num = new Float64Array(1);
  num[0] = count;
  return { fields: [String(count)], num, day: new Float64Array(1), bool: new Int8Array(1) };
}

describe('scoreRules', () => {
  const perRule = (max = Infinity): CompiledRule => ({ name: 'pricing visit', when: null, points: 5, per: 0, max, fixed: 0, fixedReason: '', reasonCache: [] });

  test.each([
    [0, Infinity, 0, []],
    [2, Infinity, 10, ['pricing visit 2x5=+10']],
    [7, 25, 25, ['pricing visit 7x5=+35 → +25 (max 25)']],
    [Number.NaN, 25, 0, []],
  ])('count %p with max %p scores %p', (count, max, expected, reasons) => {
    const out: string[] = [];
    expect(scoreRules([perRule(max)], row(count), ev(), out)).toBe(expected);
    expect(out).toEqual(reasons);
  });
});
