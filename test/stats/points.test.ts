/**
 * Points: the PDO scale at hand-computed points, deterministic rounding, bin points relative to
 * the lowest bin, and implied points that give back the points of a ruleset whose leads were
 * generated to convert exactly as its total score says (logit = a + b × total).
 */
import { describe, expect, test } from '@jest/globals';
import { binPoints, impliedPoints, pointsForLogOdds, roundPoints, ruleEvidence, rulesetScale } from '../../src/stats/points.js';
import { mulberry32 } from '../support/random.js';

describe('scale and rounding', () => {
  test('20 points double the odds: ln 2 → 20, ln 4 → 40, ln ½ → −20', () => {
    expect(pointsForLogOdds(Math.LN2)).toBeCloseTo(20, 12);
    expect(pointsForLogOdds(Math.log(4))).toBeCloseTo(40, 12);
    expect(pointsForLogOdds(Math.log(0.5))).toBeCloseTo(-20, 12);
    expect(pointsForLogOdds(Math.LN2, 50)).toBeCloseTo(50, 12);
  });

  test.each([[2.5, 3], [-2.5, -3], [2.49, 2], [-0.4, 0], [0, 0], [7, 7]])('round(%f) = %i, never −0', (x, want) => {
    expect(Object.is(roundPoints(x), want)).toBe(true);
  });

  test('bin points are relative to the lowest bin and keep the order', () => {
    // above the lowest (−0.1): 0, ln 2, ln 3 → 0, 20, 20 · ln 3 / ln 2 = 31.70 → 0, 20, 32
    expect([...binPoints([-0.1, Math.LN2 - 0.1, Math.log(3) - 0.1])]).toEqual([0, 20, 32]);
    // above the lowest (0.1): 0.2, 0, 0.1 → × 28.854 = 5.77, 0, 2.89 → 6, 0, 3
    expect([...binPoints([0.3, 0.1, 0.2])]).toEqual([6, 0, 3]);
  });
});

describe('evidence of a rule', () => {
  test('marginal counts: fired 4 (3 converted), not fired 6 (1 converted)', () => {
    // conversion fired 3/4, not 1/6; overall 4/10 → lift 0.75/0.4 = 1.875; OR = 3·5/(1·1) = 15
    const e = ruleEvidence(Uint8Array.of(1, 1, 1, 1, 0, 0, 0, 0, 0, 0), Uint8Array.of(1, 1, 1, 0, 1, 0, 0, 0, 0, 0));
    expect(e).toMatchObject({ fired: 4, firedConverted: 3, conversionFired: 0.75 });
    expect(e.conversionNotFired).toBeCloseTo(1 / 6, 12);
    expect(e.lift).toBeCloseTo(1.875, 12);
    expect(e.oddsRatio!.estimate).toBeCloseTo(15, 12);
  });

  test('a ruleset whose total is the true scorecard: implied points give back the points', () => {
    const points = [10, 25, -15, 5, 0];
    const share = [0.5, 0.2, 0.3, 0.6, 0.4];
    const b = Math.LN2 / 20; // 20 points double the odds
    const rand = mulberry32(51);
    const n = 60000;
    const firing = points.map(() => new Float64Array(n));
    const total = new Float64Array(n);
    const outcomes = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      points.forEach((p, r) => { if (rand() < share[r]) { firing[r][i] = 1; total[i] += p; } });
      outcomes[i] = rand() < 1 / (1 + Math.exp(-(-1 + b * total[i]))) ? 1 : 0;
    }
    const scale = rulesetScale(total, outcomes)!;
    expect(scale.slope).toBeCloseTo(b, 2);
    // SE of each effect ≈ 1/√(n · share(1 − share) · p(1 − p)) ≈ 0.02 log-odds ≈ 0.6 points
    impliedPoints(firing, outcomes, scale).forEach((x, r) => expect(Math.abs(x.points - points[r])).toBeLessThanOrEqual(2));
  });

  test('a score that does not rank has no scale (null)', () => {
    expect(rulesetScale(Float64Array.of(3, 2, 1, 0), Uint8Array.of(0, 0, 1, 1))).toBeNull();
    expect(rulesetScale(Float64Array.of(3, 2), Uint8Array.of(1, 1))).toBeNull();
  });
});
