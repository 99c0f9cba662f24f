/**
 * The statistics are pure and deterministic: the same input and seed give byte-identical results,
 * and nothing in src/stats reaches for the clock, Math.random, the process or a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@jest/globals';
import { aucInterval, compareAucs } from '../../src/stats/auc.js';
import { scoreBands } from '../../src/stats/bands.js';
import { groupCategories, monotoneBins } from '../../src/stats/binning.js';
import { leakageScreen } from '../../src/stats/leakage.js';
import { fitLogistic } from '../../src/stats/logistic.js';
import { stratifiedFolds } from '../../src/stats/split.js';
import { thresholdForPrecision } from '../../src/stats/thresholds.js';
import { REPO } from '../e2e/helpers.js';
import { generateLeads } from '../support/lead-generator.js';

function report(seed: number): string {
  const g = generateLeads(3000, seed);
  const [visits, minutes] = g.numeric;
  const x = new Float64Array(g.n * 2);
  for (let i = 0; i < g.n; i++) { x[2 * i] = Math.log1p(visits.values[i]); x[2 * i + 1] = Number.isNaN(minutes.values[i]) ? 0 : minutes.values[i] / 100; }
  const fit = fitLogistic(x, 2, g.outcomes);
  return JSON.stringify({
    auc: aucInterval(g.trueLogit, g.outcomes),
    paired: compareAucs(g.trueLogit, visits.values, g.outcomes),
    bands: scoreBands(g.trueLogit, g.outcomes),
    bins: monotoneBins(minutes.values, g.outcomes),
    groups: groupCategories(g.categorical[0].codes, g.outcomes),
    leaks: leakageScreen([{ name: 'q', kind: 'categorical', codes: g.leaks.quality.codes }], g.outcomes, { seed: 9 }),
    fit: [fit.intercept, ...fit.coefficients],
    folds: [...stratifiedFolds(g.outcomes, 5, 11)],
    threshold: thresholdForPrecision(g.trueLogit, g.outcomes, 0.6),
  });
}

test('the same input and seed give byte-identical results', () => {
  expect(report(5)).toBe(report(5));
  expect(report(5)).not.toBe(report(6));
});

test('src/stats touches no clock, randomness, process, file or package', () => {
  const dir = path.join(REPO, 'src', 'stats');
  for (const file of fs.readdirSync(dir)) {
    // the code, not its comments (which may well say "no Math.random")
    const text = fs.readFileSync(path.join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect({ file, found: text.match(/Math\.random|Date\b|process\.|performance\.|from 'node:|require\(|from '(?!\.)/g) }).toEqual({ file, found: null });
  }
});
