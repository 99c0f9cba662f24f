/**
 * Binning: rates monotone after pool-adjacent-violators and equal to the isotonic regression's
 * min–max formula, the minimum leads per bin kept, every lead in exactly one bin or group, and
 * categorical grouping that pools rare values and merges only rates the data cannot tell apart.
 */
import { describe, expect, test } from '@jest/globals';
import { binOf, groupCategories, groupOf, monotoneBins } from '../../src/stats/binning.js';
import { mulberry32 } from '../support/random.js';

type Rand = () => number;

/** visits-like counts (with empty cells) whose conversion rises with a wobble */
function column(rand: Rand, n: number, emptyShare: number, slope: number) {
  const values = new Float64Array(n);
  const outcomes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = Math.floor(-Math.log(1 - rand()) * 6);
    values[i] = rand() < emptyShare ? NaN : v;
    const p = 1 / (1 + Math.exp(-(slope * (v - 6) / 4 + 0.6 * Math.sin(v))));
    outcomes[i] = rand() < (Number.isNaN(values[i]) ? 0.1 : p) ? 1 : 0;
  }
  return { values, outcomes };
}

const isMonotone = (rates: number[], sign: number) => rates.every((r, i) => i === 0 || sign * (r - rates[i - 1]) >= -1e-15);

describe('monotone bins of a numeric column', () => {
  test('rates are monotone in the chosen direction, bins keep the minimum, every lead in one bin', () => {
    const rand = mulberry32(41);
    for (let t = 0; t < 40; t++) {
      const n = 50 + Math.floor(rand() * 3000);
      const slope = rand() < 0.5 ? 1 : -1;
      const { values, outcomes } = column(rand, n, rand() * 0.3, slope);
      const minLeads = 1 + Math.floor(rand() * 100);
      const b = monotoneBins(values, outcomes, { minLeads, maxBins: 2 + Math.floor(rand() * 30) });
      expect(isMonotone(b.bins.map((x) => x.rate), b.direction === 'increasing' ? 1 : -1)).toBe(true);
      const filled = values.filter((v) => !Number.isNaN(v)).length;
      if (filled >= minLeads) for (const bin of b.bins) expect(bin.leads).toBeGreaterThanOrEqual(minLeads);
      // recount: each lead to the bin binOf gives it
      const leads = new Array(b.bins.length).fill(0);
      const conv = new Array(b.bins.length).fill(0);
      let empty = 0;
      let outside = 0;
      values.forEach((v, i) => {
        const k = binOf(b, v);
        if (k < 0) { empty++; return; }
        if (!(v >= b.bins[k].lower && v <= b.bins[k].upper)) outside++;
        leads[k]++;
        conv[k] += outcomes[i];
      });
      expect(outside).toBe(0);
      expect(leads).toEqual(b.bins.map((x) => x.leads));
      expect(conv).toEqual(b.bins.map((x) => x.converted));
      expect(empty).toBe(b.empty?.leads ?? 0);
      b.bins.forEach((bin, k) => { if (k > 0) expect(bin.lower).toBeGreaterThan(b.bins[k - 1].upper); });
    }
  });

  test('with one pre-bin per value, bin rates are the isotonic regression: max over i ≤ k of min over j ≥ k of mean(i..j)', () => {
    const rand = mulberry32(42);
    for (let t = 0; t < 30; t++) {
      const n = 20 + Math.floor(rand() * 300);
      const { values, outcomes } = column(rand, n, 0, 1);
      const b = monotoneBins(values, outcomes, { minLeads: 1, maxBins: n, direction: 'increasing' });
      const distinct = [...new Set(values)].sort((x, y) => x - y);
      const leads = distinct.map((d) => values.filter((v) => v === d).length);
      const conv = distinct.map((d) => values.reduce((s, v, i) => s + (v === d ? outcomes[i] : 0), 0));
      const mean = (i: number, j: number) => conv.slice(i, j + 1).reduce((a, c) => a + c, 0) / leads.slice(i, j + 1).reduce((a, c) => a + c, 0);
      distinct.forEach((d, k) => {
        let best = -Infinity;
        for (let i = 0; i <= k; i++) {
          let low = Infinity;
          for (let j = k; j < distinct.length; j++) low = Math.min(low, mean(i, j));
          best = Math.max(best, low);
        }
        expect(b.bins[binOf(b, d)].rate).toBeCloseTo(best, 12);
      });
    }
  });

  test('direction: auto follows the rank correlation, a fixed direction is kept', () => {
    const { values, outcomes } = column(mulberry32(43), 3000, 0.1, -1);
    expect(monotoneBins(values, outcomes).direction).toBe('decreasing');
    const forced = monotoneBins(values, outcomes, { direction: 'increasing' });
    expect(forced.direction).toBe('increasing');
    expect(isMonotone(forced.bins.map((x) => x.rate), 1)).toBe(true);
  });

  test('log-odds smoothed by ½ per cell, weight of evidence against the whole column', () => {
    // values 1,1,2,2 (converted: 0,0,1,1) and one empty (converted): overall 3 of 5
    const b = monotoneBins(Float64Array.of(1, 1, 2, 2, NaN), Uint8Array.of(0, 0, 1, 1, 1), { minLeads: 1 });
    const base = Math.log(3.5 / 2.5);
    expect(b.bins.map((x) => x.leads)).toEqual([2, 2]);
    expect(b.bins[0].logOdds).toBeCloseTo(Math.log(0.5 / 2.5), 12);
    expect(b.bins[1].woe).toBeCloseTo(Math.log(2.5 / 0.5) - base, 12);
    expect(b.empty).toMatchObject({ leads: 1, converted: 1 });
    // lift: rate over the column's 3/5 → 0, 1/0.6, 1/0.6
    expect(b.bins[0].lift).toBe(0);
    expect(b.bins[1].lift).toBeCloseTo(1 / 0.6, 12);
    expect(b.empty!.lift).toBeCloseTo(1 / 0.6, 12);
    expect(binOf(b, 0)).toBe(0);
    expect(binOf(b, 7)).toBe(1);
  });

  test('a column with no values: no bins, one empty bin', () => {
    const b = monotoneBins(Float64Array.of(NaN, NaN), Uint8Array.of(0, 1));
    expect(b.bins).toEqual([]);
    expect(b.empty?.leads).toBe(2);
  });
});

describe('categorical grouping', () => {
  /** codes with given (share, rate) each */
  function categories(rand: Rand, n: number, spec: [number, number][]) {
    const codes = new Uint32Array(n);
    const outcomes = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let u = rand();
      let c = 0;
      while (c < spec.length - 1 && u >= spec[c][0]) { u -= spec[c][0]; c++; }
      codes[i] = c;
      outcomes[i] = rand() < spec[c][1] ? 1 : 0;
    }
    return { codes, outcomes };
  }

  /** leads with exact counts: per code [leads, converted] */
  function exact(spec: [number, number][]) {
    const codes: number[] = [];
    const outcomes: number[] = [];
    spec.forEach(([leads, conv], c) => { for (let i = 0; i < leads; i++) { codes.push(c); outcomes.push(i < conv ? 1 : 0); } });
    return { codes: Uint32Array.from(codes), outcomes: Uint8Array.from(outcomes) };
  }

  test('rare values pool into other, equal rates merge, clearly different rates stay apart', () => {
    // codes 0 and 2 both convert at exactly 60% (z = 0), 1 at 10%, 3 at 35%; 4 and 5 have fewer than 200 leads.
    // 3 against {0, 2}: pooled p = (700 + 3000)/(2000 + 5000) = 0.528571; z = (0.35 − 0.6)/√(p(1−p)(1/2000 + 1/5000)) = −18.9
    const { codes, outcomes } = exact([[3000, 1800], [3000, 300], [2000, 1200], [2000, 700], [60, 54], [40, 0]]);
    const g = groupCategories(codes, outcomes, { minLeads: 200 });
    expect(g.groups.map((x) => x.codes)).toEqual([[1], [3], [0, 2], [4, 5]]);
    expect(g.groups.map((x) => [x.leads, x.converted])).toEqual([[3000, 300], [2000, 700], [5000, 3000], [100, 54]]);
    expect(g.groups.at(-1)!.other).toBe(true);
    expect(g.groups.slice(0, -1).every((x) => !x.other)).toBe(true);
    expect(groupOf(g, 99)).toBe(3);
  });

  test('rates the data cannot tell apart merge: 50 of 100 and 56 of 100 (z = 0.85)', () => {
    // pooled p = 0.53; se = √(0.53 · 0.47 · 0.02) = 0.070583; z = 0.06/0.070583 = 0.85 < 1.96
    const g = groupCategories(exact([[100, 50], [100, 56]]).codes, exact([[100, 50], [100, 56]]).outcomes, { minLeads: 10 });
    expect(g.groups.map((x) => x.codes)).toEqual([[0, 1]]);
    // 50 of 100 and 70 of 100: pooled 0.6, se = √(0.6 · 0.4 · 0.02) = 0.069282, z = 2.89: apart
    expect(groupCategories(exact([[100, 50], [100, 70]]).codes, exact([[100, 50], [100, 70]]).outcomes, { minLeads: 10 }).groups).toHaveLength(2);
  });

  test('every lead in exactly one group, groups in ascending rate', () => {
    const rand = mulberry32(45);
    for (let t = 0; t < 30; t++) {
      const k = 1 + Math.floor(rand() * 12);
      const spec = Array.from({ length: k }, (): [number, number] => [1 / k, rand()]);
      const { codes, outcomes } = categories(rand, 100 + Math.floor(rand() * 3000), spec);
      const g = groupCategories(codes, outcomes, { minLeads: 1 + Math.floor(rand() * 150) });
      const leads = new Array(g.groups.length).fill(0);
      codes.forEach((c) => { leads[groupOf(g, c)]++; });
      expect(leads).toEqual(g.groups.map((x) => x.leads));
      const seen = g.groups.flatMap((x) => x.codes).sort((a, b) => a - b);
      expect(seen).toEqual([...new Set(codes)].sort((a, b) => a - b));
      const named = g.groups.filter((x) => !x.other).map((x) => x.rate);
      expect(isMonotone(named, 1)).toBe(true);
    }
  });

  test('an unseen code without an "other" group has none (−1)', () => {
    const g = groupCategories(Uint32Array.of(0, 0, 1, 1), Uint8Array.of(0, 1, 1, 1), { minLeads: 1 });
    expect(groupOf(g, 5)).toBe(-1);
  });
});
