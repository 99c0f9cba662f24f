/**
 * The statistics together, as `calibrate --discover` will use them, against leads whose true
 * conversion model is known (test/support/lead-generator.ts): on a stratified 70/30 split, bins
 * and groups learnt on the 70%, a logistic regression on their weights of evidence, then integer
 * points — each must rank the 30% within 0.01 AUC of the true model; and the leakage screen flags
 * the two planted leaks and no honest column.
 */
import { describe, expect, test } from '@jest/globals';
import { auc } from '../../src/stats/auc.js';
import { binOf, groupCategories, groupOf, monotoneBins } from '../../src/stats/binning.js';
import { applyStandardisation, standardise, unstandardise } from '../../src/stats/design.js';
import { leakageScreen } from '../../src/stats/leakage.js';
import { fitLogistic, predictLogistic } from '../../src/stats/logistic.js';
import { binPoints } from '../../src/stats/points.js';
import { gatherRows, holdOut, indicesWhere } from '../../src/stats/split.js';
import { generateLeads } from '../support/lead-generator.js';

const leads = generateLeads(20000, 2026);
const side = holdOut(leads.outcomes, 0.3, 7);
const train = indicesWhere(side, 0);
const test30 = indicesWhere(side, 1);
const yTrain = gatherRows(leads.outcomes, 1, train);
const yTest = gatherRows(leads.outcomes, 1, test30);

/** Per honest column: each lead's bin or group (−1: none), and the WoE of each bin or group. */
function evidenceColumns() {
  const cols: { bin: Int32Array; woe: number[] }[] = [];
  for (const c of leads.numeric) {
    const b = monotoneBins(gatherRows(c.values, 1, train), yTrain);
    const empty = b.bins.length;
    cols.push({ bin: Int32Array.from(c.values, (v) => (binOf(b, v) < 0 ? empty : binOf(b, v))), woe: [...b.bins.map((x) => x.woe), b.empty?.woe ?? 0] });
  }
  for (const c of leads.categorical) {
    const g = groupCategories(gatherRows(c.codes, 1, train), yTrain);
    const none = g.groups.length;
    cols.push({ bin: Int32Array.from(c.codes, (v) => (groupOf(g, v) < 0 ? none : groupOf(g, v))), woe: [...g.groups.map((x) => x.woe), 0] });
  }
  return cols;
}

describe('calibrating from evidence on a 70/30 split', () => {
  const cols = evidenceColumns();
  const k = cols.length;
  const design = new Float64Array(leads.n * k);
  cols.forEach((c, j) => { for (let i = 0; i < leads.n; i++) design[i * k + j] = c.woe[c.bin[i]]; });
  const truth = auc(gatherRows(leads.trueLogit, 1, test30), yTest)!;
  const s = standardise(gatherRows(design, k, train), k);
  const fit = fitLogistic(s.x, k, yTrain, { lambda: 1 });

  test('a logistic regression on the bins\' weights of evidence is within 0.01 AUC of the true model', () => {
    expect(fit.converged).toBe(true);
    const p = predictLogistic(fit, applyStandardisation(gatherRows(design, k, test30), s.means, s.scales), k);
    const got = auc(p, yTest)!;
    expect(truth).toBeGreaterThan(0.8);
    expect(got).toBeGreaterThan(truth - 0.01);
  });

  test('and so are its integer points (20 points double the odds)', () => {
    const w = unstandardise(fit.intercept, fit.coefficients, s.means, s.scales).coefficients;
    const points = cols.map((c, j) => binPoints(c.woe.map((x) => w[j] * x)));
    const total = Float64Array.from(test30, (i) => cols.reduce((sum, c, j) => sum + points[j][c.bin[i]], 0));
    expect(total.every(Number.isInteger)).toBe(true);
    expect(auc(total, yTest)!).toBeGreaterThan(truth - 0.01);
  });
});

describe('leakage screen', () => {
  test('flags the planted leaks and no honest column', () => {
    const y = yTrain;
    const results = leakageScreen([
      ...leads.numeric.map((c) => ({ name: c.name, kind: 'numeric' as const, values: gatherRows(c.values, 1, train) })),
      ...leads.categorical.map((c) => ({ name: c.name, kind: 'categorical' as const, codes: gatherRows(c.codes, 1, train) })),
      { name: 'lead_quality', kind: 'categorical', codes: gatherRows(leads.leaks.quality.codes, 1, train) },
      { name: 'days_to_close', kind: 'numeric', values: gatherRows(leads.leaks.daysToClose.values, 1, train) },
    ], y);
    expect(results.filter((r) => r.flagged).map((r) => r.name)).toEqual(['lead_quality', 'days_to_close']);
    // honest columns carry signal, but nowhere near the threshold; noise is near ½
    expect(Math.max(...results.filter((r) => !r.flagged).map((r) => r.auc!))).toBeLessThan(0.8);
    expect(results.find((r) => r.name === 'noise_amount')!.auc).toBeLessThan(0.55);
  });

  test('out of fold, a column that names each lead is not flagged', () => {
    const ids = Uint32Array.from({ length: 2000 }, (_, i) => i);
    const [r] = leakageScreen([{ name: 'lead_id', kind: 'categorical', codes: ids }], leads.outcomes.subarray(0, 2000));
    expect(r.flagged).toBe(false);
    expect(r.auc!).toBeLessThan(0.55);
  });
});
