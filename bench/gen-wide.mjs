#!/usr/bin/env node
// A wide lead export for the calibrate benchmark: --rows leads × --cols columns (two thirds
// numeric behaviour counts and amounts with some empty cells, one third categorical profile
// values with long tails), an id, a created date and a `converted` outcome drawn from a known
// logistic model of a dozen of the columns. Deterministic: the same arguments give the same bytes.
//
//   node bench/gen-wide.mjs --rows 100000 --cols 30 --seed 7 > bench/data/wide-100000x30.csv
import { writeSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : fallback; };
const ROWS = opt('--rows', 100000);
const COLS = opt('--cols', 30);
const SEED = opt('--seed', 7);
const NUMERIC = Math.round((COLS * 2) / 3);

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const q = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

// numeric columns: counts (geometric), durations (lognormal) and amounts; every third carries an effect
const numeric = Array.from({ length: NUMERIC }, (_, j) => ({
  name: ['visits', 'minutes_on_site', 'email_clicks', 'pages_per_visit', 'downloads', 'webinars', 'employees', 'revenue_k'][j % 8] + (j >= 8 ? `_${Math.floor(j / 8) + 1}` : ''),
  kind: j % 3,
  effect: j % 3 === 0 ? 0.5 / (1 + j / 6) : 0,
  empty: 0.02 + (j % 5) * 0.03,
}));
// categorical columns: 4 to 40 values with a long tail; every other one carries an effect
const categorical = Array.from({ length: COLS - NUMERIC }, (_, j) => {
  const k = 4 + ((j * 7) % 37);
  return {
    name: ['industry', 'lead_source', 'country', 'seniority', 'department', 'browser', 'region', 'plan_interest', 'referrer', 'device'][j % 10] + (j >= 10 ? `_${Math.floor(j / 10) + 1}` : ''),
    values: Array.from({ length: k }, (_, v) => `${['Alpha', 'Beta', 'Gamma', 'Delta', 'Sigma', 'Omega'][v % 6]} ${v + 1}`),
    weights: Array.from({ length: k }, (_, v) => 1 / (v + 1) ** 1.2),
    effects: Array.from({ length: k }, (_, v) => (j % 2 === 0 ? Math.sin(v * 1.7 + j) * 0.8 : 0)),
  };
});
const pick = (weights) => {
  let u = rand() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) { u -= weights[i]; if (u < 0) return i; }
  return weights.length - 1;
};

let buffer = '';
const out = (s) => { buffer += s; if (buffer.length > 1 << 16) { writeSync(1, buffer); buffer = ''; } };
out(['lead_id', 'created', ...numeric.map((c) => c.name), ...categorical.map((c) => c.name), 'converted'].map(q).join(',') + '\n');
for (let i = 0; i < ROWS; i++) {
  let eta = -2.6;
  const cells = [];
  for (const c of numeric) {
    if (rand() < c.empty) { cells.push(''); eta -= 0.2 * c.effect; continue; }
    const v = c.kind === 0 ? Math.floor(-Math.log(1 - rand()) * 4) : c.kind === 1 ? Math.round(Math.exp(2 + gauss()) * 10) / 10 : Math.round(Math.exp(4 + 1.5 * gauss()));
    eta += c.effect * Math.log1p(v);
    cells.push(String(v));
  }
  for (const c of categorical) {
    const v = pick(c.weights);
    eta += c.effects[v];
    cells.push(rand() < 0.03 ? '' : c.values[v]);
  }
  const day = new Date(Date.UTC(2025, 0, 1) + Math.floor((i / ROWS) * 600) * 864e5).toISOString().slice(0, 10);
  const y = rand() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  out([`W${String(i + 1).padStart(8, '0')}`, day, ...cells.map(q), String(y)].join(',') + '\n');
}
writeSync(1, buffer);
