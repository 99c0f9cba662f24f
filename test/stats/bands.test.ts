/**
 * Score bands against brute force: every lead in exactly one band, ties never split, band sizes
 * even when there are no ties, gains and KS recounted lead by lead for each threshold.
 */
import { describe, expect, test } from '@jest/globals';
import { scoreBands } from '../../src/stats/bands.js';
import { mulberry32 } from '../support/random.js';

type Rand = () => number;
function leads(rand: Rand, n: number, levels: number) {
  const scores = new Float64Array(n);
  const outcomes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    scores[i] = levels > 0 ? Math.floor(rand() * levels) : rand();
    outcomes[i] = rand() < 0.1 + 0.5 * (levels > 0 ? scores[i] / levels : scores[i]) ? 1 : 0;
  }
  return { scores, outcomes };
}

/** leads with score ≥ t (> t when strict), and how many of them converted, counted one by one */
function countFrom(scores: Float64Array, outcomes: Uint8Array, t: number, strict = false) {
  let leadsAbove = 0;
  let conv = 0;
  for (let i = 0; i < scores.length; i++) if (strict ? scores[i] > t : scores[i] >= t) { leadsAbove++; conv += outcomes[i]; }
  return { leadsAbove, conv };
}

describe('score bands', () => {
  test('every lead in one band, bands ordered and disjoint, counts and gains recounted', () => {
    const rand = mulberry32(31);
    for (let t = 0; t < 60; t++) {
      const { scores, outcomes } = leads(rand, 1 + Math.floor(rand() * 400), Math.floor(rand() * 30));
      const table = scoreBands(scores, outcomes, 1 + Math.floor(rand() * 12));
      expect(table.bands.reduce((a, b) => a + b.leads, 0)).toBe(scores.length);
      const total = outcomes.reduce((a, b) => a + b, 0);
      table.bands.forEach((b, k) => {
        expect(b.band).toBe(k + 1);
        if (k > 0) expect(b.maxScore).toBeLessThan(table.bands[k - 1].minScore);
        const inside = countFrom(scores, outcomes, b.minScore);
        const above = countFrom(scores, outcomes, b.maxScore, true);
        // a band holds exactly the leads between its scores: ties were not split
        expect(b.leads).toBe(inside.leadsAbove - above.leadsAbove);
        expect(b.converted).toBe(inside.conv - above.conv);
        expect(b.cumulativeLeads).toBe(inside.leadsAbove);
        if (total > 0) expect(b.gains).toBeCloseTo(inside.conv / total, 12);
        if (total > 0) expect(b.lift).toBeCloseTo((b.converted / b.leads) / (total / scores.length), 12);
      });
    }
  });

  test('without ties, deciles hold n/10 leads (±1)', () => {
    const { scores, outcomes } = leads(mulberry32(2), 1003, 0);
    const table = scoreBands(scores, outcomes);
    expect(table.bands).toHaveLength(10);
    for (const b of table.bands) expect(Math.abs(b.leads - 100.3)).toBeLessThan(1);
    expect(table.bands[9].gains).toBe(1);
    expect(table.bands[9].cumulativeLift).toBeCloseTo(1, 12);
  });

  test('a score shared by most leads makes one band of them, and fewer bands', () => {
    // 20 leads: 14 score 0, scores 1..6 once each
    const scores = Float64Array.from({ length: 20 }, (_, i) => (i < 14 ? 0 : i - 13));
    const table = scoreBands(scores, new Uint8Array(20).fill(1, 14), 10);
    expect(table.bands.at(-1)).toMatchObject({ minScore: 0, maxScore: 0, leads: 14 });
    expect(table.bands.length).toBeLessThan(10);
  });

  test('KS is the largest |share of converted − share of unconverted| at or above any score', () => {
    const rand = mulberry32(77);
    for (let t = 0; t < 30; t++) {
      const { scores, outcomes } = leads(rand, 2 + Math.floor(rand() * 300), Math.floor(rand() * 20));
      const P = outcomes.reduce((a, b) => a + b, 0);
      const N = scores.length - P;
      const table = scoreBands(scores, outcomes);
      if (P === 0 || N === 0) { expect(table.ks).toBeNull(); continue; }
      let best = 0;
      for (const s of new Set(scores)) {
        const { leadsAbove, conv } = countFrom(scores, outcomes, s);
        best = Math.max(best, Math.abs(conv / P - (leadsAbove - conv) / N));
      }
      expect(table.ks).toBeCloseTo(best, 12);
      for (const b of table.bands) expect(Math.abs(b.separation!)).toBeLessThanOrEqual(table.ks! + 1e-12);
    }
  });

  test('no leads: no bands, nothing null that should not be', () => {
    expect(scoreBands(new Float64Array(0), new Uint8Array(0))).toEqual({ bands: [], leads: 0, converted: 0, ks: null, ksScore: null });
  });
});
