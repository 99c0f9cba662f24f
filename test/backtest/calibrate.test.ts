/**
 * leadq calibrate end to end on the bundled history, and the pieces of its procedure on leads
 * whose true model is known (test/support/lead-generator.ts): monotone integer points, planted
 * leaks left out, thresholds that keep a stage's share of leads, bounds that read well.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { auc } from '../../src/stats/auc.js';
import { calibrateScorecard, chooseCandidates, sameShareThreshold, type ColumnData } from '../../src/stats/calibration.js';
import { fitScorecard, prepareCandidates, scoreLeads, shortestIn, type Candidate } from '../../src/stats/scorecard.js';
import { holdOut, indicesWhere } from '../../src/stats/split.js';
import { rulesetFromText } from '../../src/ruleset/index.js';
import { generateLeads } from '../support/lead-generator.js';
import { mulberry32 } from '../support/random.js';
import { pairwiseAuc } from '../stats/oracles.js';
import { cleanTempDirs, readCsv, REPO, run, tempDir, write } from '../e2e/helpers.js';

afterAll(cleanTempDirs);

const HISTORY = path.join(REPO, 'examples', 'history.csv');
/** last season's activity log, which the example ruleset's engagement rules read (related: activities) */
const RELATED = ['--related', `activities=${path.join(REPO, 'examples', 'history-activities.csv')}`];
const RULES = path.join(REPO, 'rules.example.yaml');

describe('leadq calibrate on examples/history.csv', () => {
  const dir = tempDir();
  const out = path.join(dir, 'calibrated.yaml');
  let report: {
    auc: { on: string; written: { auc: number }; original: { auc: number }; expected: number };
    evaluation: { kind: string; fold_aucs: number[] };
    thresholds: { where: string; share: number; new_share: number }[];
    points: { reset: { rule: string; removed?: string }[]; added: number };
    columns: { skipped: { name: string; reason: string }[] };
    target: { threshold: number; leads: number; applied: boolean; stage: string } | null;
  };

  test('writes a valid ruleset that keeps the stages, BANT and disqualifiers', async () => {
    const result = await run(['calibrate', HISTORY, '--rules', RULES, ...RELATED, '--outcome', 'Converted', '--as-of', '2026-05-01', '--discover', '--exclude', 'Lead Status', '--out', out, '--json']);
    expect([result.code, result.err]).toEqual([0, '']);
    report = JSON.parse(result.out);
    const original = rulesetFromText(fs.readFileSync(RULES, 'utf8'), 'rules.example.yaml').ruleset;
    const calibrated = rulesetFromText(fs.readFileSync(out, 'utf8'), out).ruleset;
    expect(calibrated.stages.map((s) => s.name)).toEqual(original.stages.map((s) => s.name));
    expect([...calibrated.bant.keys()]).toEqual([...original.bant.keys()]);
    expect(calibrated.disqualifiers.map((d) => d.reason)).toEqual(original.disqualifiers.map((d) => d.reason));
    expect(report.points.added).toBeGreaterThan(5);
    // every added rule has integer points and says its evidence
    for (const line of fs.readFileSync(out, 'utf8').split('\n').filter((l) => /^\s+points: -?\d/.test(l) && /leads, \d+% converted/.test(l) && !l.includes('calibrate:'))) {
      expect(line).toMatch(/^\s+points: -?\d+ # [\d,]+ leads, \d+% converted, lift \d+\.\d$/);
    }
    expect(report.columns.skipped).toContainEqual({ name: 'Email', reason: expect.stringMatching(/names or reaches a person/) });
  }, 60_000);

  test('written elsewhere, it names the original\'s related file by a path from its own folder', () => {
    const file = /^\s+file:\s*(\S+)/m.exec(fs.readFileSync(out, 'utf8'))![1];
    expect(path.resolve(dir, file)).toBe(path.join(REPO, 'examples', 'activities.csv'));
  });

  test('discovered rules read a column by the ruleset\'s own name for it, and are named by the header', () => {
    const text = fs.readFileSync(out, 'utf8');
    // columns: maps lead_source to Original Source: the rule reads lead_source, as the ruleset's own rules do
    expect(text).toMatch(/- name: "Original Source: [^"]+"\n\s+when: \{ column: lead_source, in: \[/);
    expect(text).not.toMatch(/column: Original Source\b/);
  });

  test('k-fold: its in-sample AUC is leadq score\'s on the same leads; five folds give the expectation', async () => {
    expect(report.evaluation.kind).toBe('folds');
    expect(report.evaluation.fold_aucs).toHaveLength(5);
    expect(report.auc.on).toBe('all');
    const scored = path.join(dir, 'scored.csv');
    expect((await run(['score', HISTORY, '--rules', out, ...RELATED, '--as-of', '2026-05-01', '--out', scored, '--quiet'])).code).toBe(0);
    const [header, ...rows] = readCsv(scored);
    const got = pairwiseAuc(rows.map((r) => Number(r[header.indexOf('score')])), rows.map((r) => (r[header.indexOf('Converted')] === 'Yes' ? 1 : 0)))!;
    expect(report.auc.written.auc).toBe(Math.round(got * 1e6) / 1e6);
    expect(report.auc.written.auc).toBeGreaterThan(report.auc.original.auc);
  }, 60_000);

  test('moved thresholds keep each stage\'s share of leads', () => {
    expect(report.thresholds.length).toBeGreaterThan(3);
    for (const t of report.thresholds) expect([t.where, Math.abs(t.new_share - t.share) < 0.05]).toEqual([t.where, true]);
  });

  test('--target-volume sets the highest stage testing the total to about that many leads', async () => {
    const target = path.join(dir, 'target.yaml');
    const result = await run(['calibrate', HISTORY, '--rules', RULES, ...RELATED, '--outcome', 'Converted', '--as-of', '2026-05-01', '--target-volume', '100', '--out', target, '--json']);
    expect(result.code).toBe(0);
    const r = JSON.parse(result.out) as typeof report;
    expect(r.target).toMatchObject({ stage: 'sql', applied: true });
    expect(r.target!.leads).toBeLessThanOrEqual(100);
    expect(fs.readFileSync(target, 'utf8')).toContain(`{ score: total, gte: ${r.target!.threshold} } # calibrate: target volume 100`);
  }, 60_000);

  test('time split: rules the joint fit gives no points are removed with their evidence; backtest --since on the held-out leads gives the AUC reported', async () => {
    const split = path.join(dir, 'split.yaml');
    const result = await run(['calibrate', HISTORY, '--rules', RULES, ...RELATED, '--outcome', 'Converted', '--as-of', '2026-05-01', '--discover', '--exclude', 'Lead Status', '--created', 'Create Date', '--out', split, '--json']);
    expect([result.code, result.err]).toEqual([0, '']);
    const r = JSON.parse(result.out) as typeof report & { evaluation: { cut: string; holdout: number } };
    expect(r.auc.on).toBe('holdout');
    const zero = r.points.reset.filter((x) => /gives it no points/.test(x.removed ?? ''));
    expect(zero.length).toBeGreaterThan(0);
    const text = fs.readFileSync(split, 'utf8');
    for (const x of zero) {
      expect(text).not.toContain(`- name: ${x.rule}\n`);
      expect(text).toMatch(new RegExp(`# calibrate: rule "${x.rule}" \\(-?\\d+ points?( per occurrence)?\\) removed: beside the other rules the evidence gives it no points \\(it fired for [\\d,]+ leads`));
    }
    // "1 point", not "1 points"
    expect(text).not.toMatch(/\(1 points/);
    const bt = await run(['backtest', HISTORY, '--rules', split, ...RELATED, '--outcome', 'Converted', '--as-of', '2026-05-01', '--created', 'Create Date', '--since', r.evaluation.cut, '--json']);
    expect(bt.code).toBe(0);
    const b = JSON.parse(bt.out) as { leads: { judged: number }; auc: { score: string; auc: number }[] };
    expect(b.leads.judged).toBe(r.evaluation.holdout);
    expect(b.auc.find((a) => a.score === 'total')!.auc).toBe(r.auc.written.auc);
  }, 60_000);

  test('rows that cannot be read: left out, named on standard error, exit 3; the ruleset is still written', async () => {
    const file = write(tempDir(), 'broken.csv', `${fs.readFileSync(HISTORY, 'utf8')}99999,only,three\r\n`);
    const target = path.join(dir, 'broken.yaml');
    const result = await run(['calibrate', file, '--rules', RULES, ...RELATED, '--outcome', 'Converted', '--as-of', '2026-05-01', '--out', target, '--json']);
    expect(result.code).toBe(3);
    expect(result.err).toMatch(/^leadq: warning: 1 rows could not be read and are left out \(first lines: 2002\)/);
    expect(JSON.parse(result.out)).toMatchObject({ leads: { read: 2001, rejected: 1, judged: 2000 } });
    expect(fs.existsSync(target)).toBe(true);
  }, 60_000);

  test.each([
    [['--out', RULES], 2, /never writes over its input/],
    [['--out', HISTORY], 2, /never writes over its input/],
    [['--target-volume', '10', '--target-precision', '0.5'], 2, /cannot be used together/],
    [['--columns', 'Nope'], 2, /--columns: column "Nope" is not in/],
    // before any reading or fitting: the folder of --out must exist
    [['--out', path.join(REPO, 'no', 'such', 'folder', 'x.yaml')], 1, /the directory .*no[\\/]such[\\/]folder does not exist \[OUTPUT_WRITE\]/],
  ])('refuses %j', async (extra, code, message) => {
    const result = await run(['calibrate', HISTORY, '--rules', RULES, ...RELATED, '--outcome', 'Converted', '--out', path.join(dir, 'x.yaml'), ...extra]);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
  });

  test('an outcome with one value only cannot be calibrated', async () => {
    const file = write(tempDir(), 'all-yes.csv', fs.readFileSync(HISTORY, 'utf8').replace(/,No\r\n/g, ',Yes\r\n'));
    const result = await run(['calibrate', file, '--rules', RULES, ...RELATED, '--outcome', 'Converted', '--out', path.join(dir, 'y.yaml')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/needs converted and unconverted leads; the 2000 leads .* are all converted/);
  });
});

describe('the scorecard on leads with a known model', () => {
  const leads = generateLeads(12000, 11);
  const candidates: Candidate[] = [
    ...leads.numeric.map((c) => ({ name: c.name, kind: 'numeric' as const, values: c.values })),
    ...leads.categorical.map((c) => ({ name: c.name, kind: 'categorical' as const, codes: c.codes })),
  ];
  const side = holdOut(leads.outcomes, 0.3, 3);
  const train = indicesWhere(side, 0);
  const test30 = indicesWhere(side, 1);

  test('within 0.01 AUC of the true model on the hold-out, with integer points', () => {
    const card = fitScorecard(prepareCandidates(candidates, train), [], leads.outcomes, train);
    const total = scoreLeads(card, candidates, [], test30);
    expect(total.every(Number.isInteger)).toBe(true);
    const y = Uint8Array.from(test30, (i) => leads.outcomes[i]);
    const truth = auc(Float64Array.from(test30, (i) => leads.trueLogit[i]), y)!;
    expect(auc(total, y)!).toBeGreaterThan(truth - 0.01);
  });

  test('more visits never earn fewer points: every numeric column\'s points are monotone', () => {
    for (const seed of [1, 2, 3]) {
      const rows = indicesWhere(holdOut(leads.outcomes, 0.5, seed), 0);
      const card = fitScorecard(prepareCandidates(candidates, rows), [], leads.outcomes, rows);
      for (const part of card.columns) {
        if (part.kind !== 'numeric') continue;
        const p = [...part.points];
        const sorted = part.binning.direction === 'increasing' ? [...p].sort((a, b) => a - b) : [...p].sort((a, b) => b - a);
        expect([part.name, p]).toEqual([part.name, sorted]);
      }
      expect(card.columns.find((c) => c.name === 'visits')).toMatchObject({ binning: { direction: 'increasing' } });
    }
  });

  test('the planted leaks are flagged and left out; the k-fold estimate is near the hold-out\'s truth', () => {
    const withLeaks: Candidate[] = [...candidates,
      { name: 'lead_quality', kind: 'categorical', codes: leads.leaks.quality.codes },
      { name: 'days_to_close', kind: 'numeric', values: leads.leaks.daysToClose.values }];
    const rows = Uint32Array.from({ length: leads.n }, (_, i) => i);
    const cal = calibrateScorecard(withLeaks, [], leads.outcomes, { kind: 'folds', folds: 5, seed: 1, rows });
    expect(cal.leaks).toEqual(['lead_quality', 'days_to_close']);
    expect(cal.card.columns.map((c) => c.name)).not.toContain('lead_quality');
    const mean = cal.folds!.reduce((a, b) => a + b, 0) / cal.folds!.length;
    expect(Math.abs(mean - auc(leads.trueLogit, leads.outcomes)!)).toBeLessThan(0.015);
  });
});

describe('choosing candidates', () => {
  const n = 400;
  const rand = mulberry32(5);
  const rows = Uint32Array.from({ length: n }, (_, i) => i);
  const column = (name: string, texts: string[], explicit = false): ColumnData => {
    const labels: string[] = [];
    const codes = Uint32Array.from(texts, (t) => { let c = labels.indexOf(t.trim()); if (c < 0) { c = labels.length; labels.push(t.trim()); } return c; });
    const numbers = Float64Array.from(texts, (t) => (t.trim() === '' || Number.isNaN(Number(t)) ? NaN : Number(t)));
    return { name, numbers, codes, labels, overflow: false, explicit };
  };
  test.each([
    ['visits', () => String(Math.floor(rand() * 10)), 'numeric'],
    ['plan', () => ['free', 'pro', 'team'][Math.floor(rand() * 3)], 'categorical'],
    ['flag', () => (rand() < 0.5 ? '1' : '0'), 'categorical'],
    ['lead id', (i: number) => String(1000 + i), 'a different number for nearly every lead (an id)'],
    ['created', (i: number) => `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`, 'a date (write recency rules with within_days by hand)'],
    ['First Name', () => ['Ann', 'Bo', 'Cy'][Math.floor(rand() * 3)], 'names or reaches a person rather than describes a lead (name it with --columns to use it)'],
    ['Company Name', () => ['Acme', 'Globex', 'Initech'][Math.floor(rand() * 3)], 'names the lead\'s company rather than describes the lead (name it with --columns to use it; accounts: scores companies)'],
    ['account_id', () => ['A-1', 'A-2', 'A-3'][Math.floor(rand() * 3)], 'names the lead\'s company rather than describes the lead (name it with --columns to use it; accounts: scores companies)'],
    ['Company Size', () => ['small', 'medium', 'large'][Math.floor(rand() * 3)], 'categorical'],
    ['constant', () => 'x', 'the same value for every lead'],
    ['nothing', () => '', 'empty'],
  ] as const)('%s: %s', (name, value, expected) => {
    const choice = chooseCandidates([column(name, Array.from({ length: n }, (_, i) => value(i)))], rows);
    const got = choice.candidates[0]?.kind ?? choice.skipped[0]?.reason;
    expect(got).toBe(expected);
  });
});

describe('small pieces', () => {
  test.each([
    [341, 342, 342], [1, 1.01, 1.01], [0.33, 0.5, 0.4], [96, 152, 100], [-5, -3, -4], [2.05, 2.3, 2.1], [7, 7, 7], [999, 1234, 1000],
  ])('shortestIn(%f, %f) = %f, the shortest number in (low, high]', (low, high, want) => {
    expect(shortestIn(low, high)).toBe(want);
  });

  test('sameShareThreshold keeps the share of leads, against a brute-force search', () => {
    const rand = mulberry32(9);
    for (let k = 0; k < 30; k++) {
      const old = Float64Array.from({ length: 200 }, () => Math.round(rand() * 60));
      const neu = Float64Array.from(old, (v) => Math.round(v * 2.5 + rand() * 30));
      const t = Math.round(rand() * 60);
      for (const op of ['gte', 'gt', 'lte', 'lt'] as const) {
        const pass = (v: number, x: number) => (op === 'gte' ? v >= x : op === 'gt' ? v > x : op === 'lte' ? v <= x : v < x);
        const share = old.filter((v) => pass(v, t)).length / old.length;
        const got = sameShareThreshold(old, op, t, neu);
        expect(got.share).toBe(share);
        if (share === 0) { expect(neu.filter((v) => pass(v, got.threshold)).length).toBe(0); continue; }
        let best = Infinity;
        for (const c of new Set(neu)) best = Math.min(best, Math.abs(neu.filter((v) => pass(v, c)).length / neu.length - share));
        expect(Math.abs(got.newShare - share)).toBeCloseTo(best, 12);
      }
    }
  });
});
