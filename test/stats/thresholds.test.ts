/**
 * Threshold suggestions against brute force: every distinct score tried as a threshold, its
 * selection counted lead by lead, the rule of each suggestion applied to those counts.
 */
import { describe, expect, test } from '@jest/globals';
import { atOrAbove } from '../../src/stats/proportions.js';
import { thresholdForPrecision, thresholdForShare, thresholdForVolume } from '../../src/stats/thresholds.js';
import { mulberry32 } from '../support/random.js';

function leads(seed: number, n: number, levels: number) {
  const rand = mulberry32(seed);
  const scores = Float64Array.from({ length: n }, () => Math.floor(rand() * levels) * 5);
  const outcomes = Uint8Array.from(scores, (s) => (rand() < 0.05 + (0.9 * s) / (5 * levels) ? 1 : 0));
  return { scores, outcomes };
}

/** every distinct score as a threshold, with its selection counted directly */
const candidates = (scores: Float64Array, outcomes: Uint8Array) =>
  [...new Set(scores)].sort((a, b) => a - b).map((t) => ({ t, ...atOrAbove(scores, outcomes, t) }));

describe('threshold for a volume', () => {
  test('the lowest threshold selecting at most the volume, on seeded data with ties', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { scores, outcomes } = leads(seed, 50 + seed * 20, 3 + (seed % 17));
      const volume = Math.floor(scores.length * ((seed % 9) / 10 + 0.05));
      const fits = candidates(scores, outcomes).filter((c) => c.leads <= volume);
      const got = thresholdForVolume(scores, outcomes, volume)!;
      if (fits.length > 0) {
        expect(got.threshold).toBe(fits[0].t);
        expect(got).toMatchObject({ leads: fits[0].leads, converted: fits[0].converted, precision: fits[0].precision });
      } else {
        expect(got.threshold).toBe(Math.max(...scores));
        expect(got.leads).toBeGreaterThan(volume);
      }
    }
  });

  test('top share: 10% of 100 distinct scores is the top 10', () => {
    const scores = Float64Array.from({ length: 100 }, (_, i) => i);
    const got = thresholdForShare(scores, new Uint8Array(100).fill(1, 95), 0.1)!;
    expect(got).toMatchObject({ threshold: 90, leads: 10, converted: 5, precision: 0.5, recall: 1 });
    expect(got.lift).toBeCloseTo(10, 12);
  });

  test('no leads: null', () => {
    expect(thresholdForVolume(new Float64Array(0), new Uint8Array(0), 5)).toBeNull();
  });
});

describe('threshold for a precision', () => {
  test('the lowest threshold whose selection converts at least the target', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { scores, outcomes } = leads(100 + seed, 50 + seed * 20, 3 + (seed % 13));
      const target = 0.3 + (seed % 6) / 10;
      const minLeads = seed % 3 === 0 ? 20 : 1;
      const ok = candidates(scores, outcomes).filter((c) => c.leads >= minLeads && c.converted >= target * c.leads);
      const got = thresholdForPrecision(scores, outcomes, target, { minLeads });
      if (ok.length === 0) expect(got).toBeNull();
      else expect(got).toMatchObject({ threshold: ok[0].t, leads: ok[0].leads, converted: ok[0].converted });
    }
  });
});
