#!/usr/bin/env node
// Timings of the statistics core (src/stats) at the sizes issue #13 names. Not a test (no timed
// tests): run it on a quiet machine and compare the figures with the targets.
//
//   npm run build && node bench/stats.mjs            # defaults: 100k × 30 fit, 1M-lead backtest
//   node bench/stats.mjs --rows 100000 --cols 30 --leads 1000000
//
// 1. backtest: AUC with a DeLong interval, deciles and thresholds on 1M leads, with the peak
//    resident memory before and after (typed arrays only; no row objects).
// 2. fit: L2 logistic regression (Newton) on 100k leads × 30 standardised columns.
// 3. discover: what `calibrate --discover` will do on 100k leads (20 numeric, 10 categorical
//    columns): leakage screen, bins and groups on each of 5 folds and in full, a WoE design,
//    5 cross-validated fits and the final one — the work behind the 60 s target.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = (name) => import(pathToFileURL(join(root, 'dist', 'stats', `${name}.js`)).href);
const { auc, aucInterval } = await lib('auc');
const { scoreBands } = await lib('bands');
const { binOf, groupCategories, groupOf, monotoneBins } = await lib('binning');
const { applyStandardisation, standardise } = await lib('design');
const { leakageScreen } = await lib('leakage');
const { fitLogistic, predictLogistic } = await lib('logistic');
const { gatherRows, indicesWhere, stratifiedFolds } = await lib('split');
const { thresholdForPrecision, thresholdForVolume } = await lib('thresholds');
const { splitmix32 } = await lib('random');

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : fallback; };
const ROWS = opt('--rows', 100000);
const COLS = opt('--cols', 30);
const LEADS = opt('--leads', 1000000);
const NUMERIC = Math.round((COLS * 2) / 3);

const rand = splitmix32(2026);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const time = (label, fn) => {
  const t = process.hrtime.bigint();
  const out = fn();
  console.log(`${label.padEnd(58)} ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(0).padStart(7)} ms`);
  return out;
};

// 1. backtest on a million leads, first, so the peak resident memory it reaches is its own
const scores = new Float64Array(LEADS);
const outcomes = new Uint8Array(LEADS);
for (let i = 0; i < LEADS; i++) { outcomes[i] = rand() < 0.385 ? 1 : 0; scores[i] = Math.round(40 + 15 * gauss() + 12 * outcomes[i]); }
const peakBefore = process.resourceUsage().maxRSS;
const est = time(`1. backtest: AUC + DeLong interval, ${LEADS} leads`, () => aucInterval(scores, outcomes));
time('   deciles, gains, lift, KS', () => scoreBands(scores, outcomes));
time('   thresholds for top 10% and precision 60%', () => [thresholdForVolume(scores, outcomes, LEADS / 10), thresholdForPrecision(scores, outcomes, 0.6)]);
const peakAfter = process.resourceUsage().maxRSS;
console.log(`   AUC ${est.auc.toFixed(4)} [${est.lower.toFixed(4)}, ${est.upper.toFixed(4)}]; inputs ${((scores.byteLength + outcomes.byteLength) / 1e6).toFixed(0)} MB; peak resident ${(peakBefore / 1024).toFixed(0)} MB with the inputs, ${(peakAfter / 1024).toFixed(0)} MB after`);


// leads: NUMERIC numeric columns (some empty cells), the rest categorical codes; conversion logistic in all
const numeric = Array.from({ length: NUMERIC }, () => new Float64Array(ROWS));
const categorical = Array.from({ length: COLS - NUMERIC }, () => new Uint32Array(ROWS));
const y = new Uint8Array(ROWS);
for (let i = 0; i < ROWS; i++) {
  let eta = -1.9;
  numeric.forEach((c, j) => { const v = Math.floor(-Math.log(1 - rand()) * (2 + j)); c[i] = rand() < 0.1 ? NaN : v; if (!Number.isNaN(c[i])) eta += (0.3 / (1 + j)) * Math.log1p(v); });
  categorical.forEach((c, j) => { c[i] = Math.floor(rand() * (4 + 3 * j)); eta += ((c[i] % 5) - 2) * 0.05; });
  y[i] = rand() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
}
console.log(`${ROWS} leads × ${COLS} columns (${NUMERIC} numeric), conversion ${(y.reduce((a, b) => a + b, 0) / ROWS * 100).toFixed(1)}%; Node ${process.version}`);

// 2. a plain fit on the raw (standardised) columns
const raw = new Float64Array(ROWS * COLS);
for (let i = 0; i < ROWS; i++) {
  numeric.forEach((c, j) => { raw[i * COLS + j] = Number.isNaN(c[i]) ? 0 : c[i]; });
  categorical.forEach((c, j) => { raw[i * COLS + NUMERIC + j] = c[i]; });
}
const s = standardise(raw, COLS);
const fit = time(`2. fit: logistic regression ${ROWS} × ${COLS}`, () => fitLogistic(s.x, COLS, y, { lambda: 1 }));
console.log(`   ${fit.iterations} Newton iterations, converged ${fit.converged}`);

// 3. discover, the way calibrate will
function encode(rows) {
  const yy = gatherRows(y, 1, rows);
  const encoders = [
    ...numeric.map((c) => { const b = monotoneBins(gatherRows(c, 1, rows), yy); return (i) => { const k = binOf(b, c[i]); return k < 0 ? b.empty?.woe ?? 0 : b.bins[k].woe; }; }),
    ...categorical.map((c) => { const g = groupCategories(gatherRows(c, 1, rows), yy); return (i) => { const k = groupOf(g, c[i]); return k < 0 ? 0 : g.groups[k].woe; }; }),
  ];
  const x = new Float64Array(ROWS * COLS);
  for (let i = 0; i < ROWS; i++) for (let j = 0; j < COLS; j++) x[i * COLS + j] = encoders[j](i);
  return x;
}
time('3. discover: everything below', () => {
  time('   leakage screen, 30 columns, 5 folds', () => leakageScreen([
    ...numeric.map((values, j) => ({ name: `n${j}`, kind: 'numeric', values })),
    ...categorical.map((codes, j) => ({ name: `c${j}`, kind: 'categorical', codes })),
  ], y));
  const fold = stratifiedFolds(y, 5, 1);
  const oof = new Float64Array(ROWS);
  for (let f = 0; f < 5; f++) {
    time(`   fold ${f + 1}: bins, groups, WoE design, fit, predict`, () => {
      const train = indicesWhere(fold, f, true);
      const held = indicesWhere(fold, f);
      const x = encode(train);
      const st = standardise(gatherRows(x, COLS, train), COLS);
      const m = fitLogistic(st.x, COLS, gatherRows(y, 1, train), { lambda: 1 });
      const p = predictLogistic(m, applyStandardisation(gatherRows(x, COLS, held), st.means, st.scales), COLS);
      held.forEach((i, r) => { oof[i] = p[r]; });
    });
  }
  console.log(`   cross-validated AUC ${auc(oof, y).toFixed(4)}`);
  time('   final: bins, groups, WoE design and fit on all leads', () => {
    const x = encode(indicesWhere(new Uint8Array(ROWS), 0));
    const st = standardise(x, COLS);
    return fitLogistic(st.x, COLS, y, { lambda: 1 });
  });
});

