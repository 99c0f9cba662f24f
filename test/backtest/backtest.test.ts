/**
 * leadq backtest end to end, held to what `leadq score` writes for the same leads: each score's
 * AUC against the O(n²) pairwise oracle, the stage table against counts of the scored file, the
 * rule table against summary.json, --compare's moves against two scored files. And the command's
 * contract: outcomes and what is left out, --horizon, --by, --min-auc's exit code after the
 * report, usage errors, deterministic bytes (whatever the block size), SVGs that parse as XML.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { pairwiseAuc } from '../stats/oracles.js';
import { cleanTempDirs, readCsv, REPO, run, tempDir, write } from '../e2e/helpers.js';

afterAll(cleanTempDirs);

const HISTORY = path.join(REPO, 'examples', 'history.csv');
/** last season's activity log, which the example ruleset's engagement rules read (related: activities) */
const RELATED = ['--related', `activities=${path.join(REPO, 'examples', 'history-activities.csv')}`];
const RULES = path.join(REPO, 'rules.example.yaml');
const AS_OF = '2026-05-01';
const base = ['backtest', HISTORY, '--rules', RULES, ...RELATED, '--outcome', 'Converted', '--as-of', AS_OF];

interface Report {
  leads: { read: number; judged: number; converted: number; without_outcome: number; too_recent: number; before_since: number; undated: number };
  auc: { score: string; auc: number; lower: number; upper: number }[];
  stages: { stage: string; at: number; at_converted: number; at_or_above: number | null; at_or_above_converted: number | null; precision: number | null; recall: number | null; lift: number | null }[];
  rules_table: { rule: string; fired: number; fired_converted: number; implied_points: number | null; auc: number | null }[];
  bands: { rows: { leads: number }[] };
  by: { column: string; groups: { value: string; leads: number; converted: number }[] } | null;
  findings: { kind: string; subject: string }[];
  compare: { moves: { up: number; down: number; same: number; into_disqualified: number; out_of_disqualified: number }; paired: { auc_rules: number; auc_compare: number; difference: number } } | null;
  min_auc: { threshold: number; passed: boolean } | null;
}

/** The scored file of `leadq score` for the same leads: per lead its scores, stage and outcome. */
async function scored(rules: string, dir: string): Promise<{ rows: Record<string, string>[]; summary: { by_rule: { rule: string; leads: number }[] } }> {
  const out = path.join(dir, path.basename(rules, '.yaml'));
  const result = await run(['score', HISTORY, '--rules', rules, ...RELATED, '--as-of', AS_OF, '--out-dir', out, '--quiet']);
  expect(result.code).toBe(0);
  const [header, ...rows] = readCsv(path.join(out, 'scored.csv'));
  return { rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))), summary: JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) };
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

describe('backtest of rules.example.yaml on examples/history.csv', () => {
  let report: Report;
  let leads: Record<string, string>[];
  let byRule: { rule: string; leads: number }[];
  const dir = tempDir();

  beforeAll(async () => {
    const result = await run([...base, '--json']);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    report = JSON.parse(result.out);
    const s = await scored(RULES, dir);
    leads = s.rows;
    byRule = s.summary.by_rule;
  }, 60_000);

  test('every lead judged, the converted counted', () => {
    expect(report.leads).toMatchObject({ read: 2000, judged: 2000, without_outcome: 0, too_recent: 0 });
    expect(report.leads.converted).toBe(leads.filter((l) => l.Converted === 'Yes').length);
  });

  test('each score\'s AUC is the pairwise oracle\'s, inside its interval', () => {
    const y = leads.map((l) => (l.Converted === 'Yes' ? 1 : 0));
    const columns: Record<string, string> = { engagement: 'engagement_score', fit: 'fit_score', buying_intent: 'buying_intent_score', total: 'score' };
    expect(report.auc.map((a) => a.score)).toEqual(['engagement', 'fit', 'buying_intent', 'total']);
    for (const a of report.auc) {
      const oracle = pairwiseAuc(leads.map((l) => Number(l[columns[a.score]])), y)!;
      expect(a.auc).toBe(round6(oracle));
      expect(a.lower).toBeLessThan(a.auc);
      expect(a.upper).toBeGreaterThan(a.auc);
    }
  });

  test('the stage table counts what the scored file holds', () => {
    const ladder = ['lead', 'warm', 'mql', 'sal', 'sql', 'sqo'];
    for (const row of report.stages) {
      const at = leads.filter((l) => l.stage === row.stage);
      expect([row.stage, row.at, row.at_converted]).toEqual([row.stage, at.length, at.filter((l) => l.Converted === 'Yes').length]);
      if (row.stage === 'disqualified') { expect(row.at_or_above).toBeNull(); continue; }
      const above = leads.filter((l) => ladder.indexOf(l.stage) >= ladder.indexOf(row.stage));
      const converted = above.filter((l) => l.Converted === 'Yes').length;
      expect(row.at_or_above).toBe(above.length);
      expect(row.precision).toBe(round6(converted / above.length));
      expect(row.recall).toBe(round6(converted / report.leads.converted));
      expect(row.lift).toBe(round6(converted / above.length / (report.leads.converted / report.leads.judged)));
    }
  });

  test('each rule fired for the leads the summary counts, its AUC from its 2x2 table; implied points for engagement and fit', () => {
    expect(report.rules_table.map((r) => [r.rule, r.fired])).toEqual(byRule.map((r) => [r.rule, r.leads]));
    const demo = report.rules_table.find((r) => r.rule === 'demo requested')!;
    const fired = leads.map((l) => (l.reasons.split('; ').some((x) => x.startsWith('demo requested ')) ? 1 : 0));
    expect(demo.auc).toBe(round6(pairwiseAuc(fired, leads.map((l) => (l.Converted === 'Yes' ? 1 : 0)))!));
    expect(report.rules_table.find((r) => r.rule === 'third-party intent')!.implied_points).toBeNull();
    expect(typeof demo.implied_points).toBe('number');
  });

  test('bands cover every lead; the sal stage converting below mql is a finding', () => {
    expect(report.bands.rows.reduce((s, b) => s + b.leads, 0)).toBe(2000);
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'order', subject: 'sal' }));
  });
});

describe('outcomes, horizon, groups', () => {
  test('--won names the column and its value; an empty outcome is left out and counted', async () => {
    const dir = tempDir();
    const lines = fs.readFileSync(HISTORY, 'utf8').split('\r\n');
    // blank the outcome of the first 10 leads
    const cut = lines.map((l, i) => (i >= 1 && i <= 10 ? l.replace(/,(Yes|No)$/, ',') : l)).join('\r\n');
    const file = write(dir, 'history.csv', cut);
    const result = await run(['backtest', file, '--rules', RULES, ...RELATED, '--won', 'Converted=yes', '--as-of', AS_OF, '--json']);
    expect(result.code).toBe(0);
    const r = JSON.parse(result.out) as Report & { outcome: { column: string; won: string[] } };
    expect(r.outcome).toEqual({ column: 'Converted', won: ['yes'], derived: false });
    expect(r.leads).toMatchObject({ read: 2000, without_outcome: 10, judged: 1990 });
  });

  test('one outcome only: a warning says why nothing can be ranked (a --won value the column never holds)', async () => {
    const never = await run(['backtest', HISTORY, '--rules', RULES, ...RELATED, '--won', 'Lead Status=Closed Won', '--as-of', AS_OF, '--json']);
    expect(never.code).toBe(0);
    expect((JSON.parse(never.out) as Report).leads.converted).toBe(0);
    expect(never.err).toMatch(/warning: no judged lead converted: "Lead Status" never reads "Closed Won" \(--won\); with one outcome only, nothing can be ranked/);
    const all = await run(['backtest', write(tempDir(), 'yes.csv', fs.readFileSync(HISTORY, 'utf8').replace(/,No\r\n/g, ',Yes\r\n')), '--rules', RULES, ...RELATED, '--outcome', 'Converted', '--as-of', AS_OF]);
    expect(all.err).toMatch(/warning: every judged lead converted \("Converted"\)/);
    expect((await run([...base, '--json'])).err).toBe('');
  });

  test('--horizon leaves out the leads created too recently, by --created', async () => {
    const result = await run([...base, '--horizon', '30d', '--created', 'Create Date', '--json']);
    expect(result.code).toBe(0);
    const r = JSON.parse(result.out) as Report;
    const recent = readCsv(HISTORY).slice(1).filter((row) => row[11].slice(0, 10) > '2026-04-01').length;
    expect(r.leads.too_recent).toBe(recent);
    expect(r.leads.judged).toBe(2000 - recent);
  });

  test('--since judges only the leads created on or after a day', async () => {
    const result = await run([...base, '--since', '2026-03-06', '--created', 'Create Date', '--json']);
    expect(result.code).toBe(0);
    const r = JSON.parse(result.out) as Report;
    const before = readCsv(HISTORY).slice(1).filter((row) => row[11].slice(0, 10) < '2026-03-06').length;
    expect(r.leads).toMatchObject({ before_since: before, judged: 2000 - before });
  });

  test('nothing judged: the warning says why — no rows, no outcome, or every lead left out by --since', async () => {
    const header = fs.readFileSync(HISTORY, 'utf8').split('\r\n')[0];
    const empty = await run(['backtest', write(tempDir(), 'header.csv', `${header}\r\n`), '--rules', RULES, ...RELATED, '--outcome', 'Converted', '--as-of', AS_OF]);
    // (beside the related file's warning that none of its rows match a lead)
    expect(empty.code).toBe(0);
    expect(empty.err).toContain('leadq: warning: the input has no leads: a header and no rows; nothing to judge\n');
    expect(empty.err).not.toContain('outcome');
    const later = await run([...base, '--since', '2030-01-01', '--created', 'Create Date', '--json']);
    expect([later.code, later.err]).toEqual([0, 'leadq: warning: every lead with an outcome was left out: 2,000 created before 2030-01-01 (--since); nothing to judge\n']);
    const blank = fs.readFileSync(HISTORY, 'utf8').replace(/,(Yes|No)\r\n/g, ',\r\n');
    const none = await run(['backtest', write(tempDir(), 'blank.csv', blank), '--rules', RULES, ...RELATED, '--outcome', 'Converted', '--as-of', AS_OF, '--json']);
    expect(none.err).toBe('leadq: warning: no lead has an outcome in column "Converted"; nothing to judge\n');
  });

  test.each([['Converted='], ['Converted=  '], [' =Yes'], ['Converted']])('--won %j: a column and a value are both needed (exit 2)', async (won) => {
    const result = await run(['backtest', HISTORY, '--rules', RULES, ...RELATED, '--won', won, '--as-of', AS_OF]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--won ".*": expected Column=Value with both a column and a value, e.g. --won "Status=Closed Won" \[USAGE\]/);
    expect(result.out).toBe('');
  });

  test('--by: the stage table per value, the groups adding up to every lead', async () => {
    const result = await run([...base, '--by', 'Original Source', '--json']);
    const r = JSON.parse(result.out) as Report;
    expect(r.by!.column).toBe('Original Source');
    expect(r.by!.groups.reduce((s, g) => s + g.leads, 0)).toBe(2000);
    expect(r.by!.groups.map((g) => g.value).sort()).toEqual(['Direct Traffic', 'Email Marketing', 'Events', 'Organic Search', 'Paid Search', 'Paid Social', 'Referrals']);
  });

  test.each([
    [['--outcome', 'Convertd'], /--outcome: column "Convertd" is not in .*history\.csv.*did you mean "Converted"\?/],
    [['--won', 'Converted'], /--won "Converted": expected Column=Value/],
    [[], /say which column holds the outcome/],
    [['--outcome', 'Converted', '--horizon', '30d'], /--horizon needs the date each lead was created/],
    [['--outcome', 'Converted', '--since', '2026-03-06'], /--since needs the date each lead was created/],
    [['--outcome', 'Converted', '--since', '2026-02-30', '--created', 'Create Date'], /2026-02-30/],
  ])('usage errors exit 2, nothing read: %j', async (extra, message) => {
    const result = await run(['backtest', HISTORY, '--rules', RULES, ...RELATED, ...extra]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });
});

describe('an outcome kept in a related file (a closed-deals export)', () => {
  const dir = tempDir();
  const leads = readCsv(HISTORY).slice(1);
  // keyed by the lead's Record ID (emails repeat in the export: a deal keyed by email would count
  // for every lead with it): one won deal per converted lead, closed after the as-of day (deals
  // close after the leads were taken: they count all the same); lost deals for every third other
  // lead, which the condition leaves out; a second won deal, before the as-of day, for a few
  const deals = ['Deal ID,Lead ID,Stage,Close Date'];
  leads.forEach((l, i) => {
    if (l[27] === 'Yes') deals.push(`${i},${l[0]},Closed Won,2026-0${6 + (i % 3)}-1${i % 10}`);
    else if (i % 3 === 0) deals.push(`${i},${l[0]},Closed Lost,2026-04-1${i % 10}`);
    if (l[27] === 'Yes' && i % 7 === 0) deals.push(`x${i},${l[0]},Closed Won,2026-02-02`);
  });
  write(dir, 'deals.csv', deals.join('\n') + '\n');
  const withDeals = (column: string) => write(dir, `rules-${deals.length}-${column.length}.yaml`, fs.readFileSync(RULES, 'utf8').replace(/^related:\n/m,
    `related:\n  deals:\n    file: deals.csv\n    key: Lead ID\n    matches: Record ID\n    at: Close Date\n    columns:\n      won: ${column}\n`));
  const judged = (r: Report) => ({ leads: r.leads, auc: r.auc, stages: r.stages, rules: r.rules_table });

  test('--outcome names the derived column: the report is the one the export\'s Converted column gives', async () => {
    const rules = withDeals('{ exists: { column: Stage, equals: Closed Won } }');
    const derived = await run(['backtest', HISTORY, '--rules', rules, ...RELATED, '--outcome', 'won', '--as-of', AS_OF, '--json']);
    expect(derived.err).toBe('');
    expect(derived.code).toBe(0);
    const oracle = await run([...base, '--json']);
    const [a, b] = [JSON.parse(derived.out) as Report, JSON.parse(oracle.out) as Report];
    expect(a.leads.converted).toBe(leads.filter((l) => l[27] === 'Yes').length);
    expect(judged(a)).toEqual(judged(b));
    expect([(JSON.parse(derived.out) as { outcome: unknown }).outcome, (JSON.parse(oracle.out) as { outcome: unknown }).outcome])
      .toEqual([{ column: 'won', won: null, derived: true }, { column: 'Converted', won: null, derived: false }]);
    const text = await run(['backtest', HISTORY, '--rules', rules, ...RELATED, '--outcome', 'won', '--as-of', AS_OF]);
    expect(text.out).toContain('outcome: won (a derived column: converted when it is there and not 0 or false)');
  }, 60_000);

  test('a count works as an outcome too: converted when it is not 0', async () => {
    const rules = withDeals('{ count: { column: Stage, equals: Closed Won }, per_day_max: 1 }');
    const r = JSON.parse((await run(['backtest', HISTORY, '--rules', rules, ...RELATED, '--outcome', 'won', '--as-of', AS_OF, '--json'])).out) as Report;
    expect(r.leads).toMatchObject({ judged: 2000, converted: leads.filter((l) => l[27] === 'Yes').length, without_outcome: 0 });
  });

  test.each([
    ['{ count: { column: Stage, equals: Closed Won }, within: 30d }', ['--outcome', 'won'], /--outcome won: .*within, measured from that day, cannot apply/],
    ['{ exists: { column: Stage, equals: Closed Won } }', ['--won', 'won=yes'], /--won compares a column's text, and "won" is a derived column/],
  ])('refused with exit 2: %s %j', async (column, extra, message) => {
    const result = await run(['backtest', HISTORY, '--rules', withDeals(column), ...RELATED, ...extra, '--as-of', AS_OF]);
    expect(result.err).toMatch(message);
    expect(result.code).toBe(2);
  });
});

describe('compare and the gate', () => {
  test('--compare: the paired test and how many leads move, as two scored files say', async () => {
    const dir = tempDir();
    const other = write(dir, 'other.yaml', fs.readFileSync(RULES, 'utf8').replace('points: 50', 'points: 10').replace('{ score: engagement, gte: 40 }', '{ score: engagement, gte: 30 }'));
    const result = await run([...base, '--compare', other, '--json']);
    expect(result.code).toBe(0);
    const r = JSON.parse(result.out) as Report;
    const a = (await scored(RULES, dir)).rows;
    const b = (await scored(other, dir)).rows;
    const ladder = ['lead', 'warm', 'mql', 'sal', 'sql', 'sqo'];
    const moves = { up: 0, down: 0, same: 0, into_disqualified: 0, out_of_disqualified: 0 };
    a.forEach((l, i) => {
      const from = ladder.indexOf(l.stage);
      const to = ladder.indexOf(b[i].stage);
      if (from < 0 && to < 0) moves.same++;
      else if (to < 0) moves.into_disqualified++;
      else if (from < 0) moves.out_of_disqualified++;
      else if (to > from) moves.up++;
      else if (to < from) moves.down++;
      else moves.same++;
    });
    expect(r.compare!.moves).toMatchObject(moves);
    expect(moves.up + moves.down).toBeGreaterThan(0);
    const y = a.map((l) => (l.Converted === 'Yes' ? 1 : 0));
    expect(r.compare!.paired.auc_rules).toBe(round6(pairwiseAuc(a.map((l) => Number(l.score)), y)!));
    expect(r.compare!.paired.auc_compare).toBe(round6(pairwiseAuc(b.map((l) => Number(l.score)), y)!));
  }, 60_000);

  test('--min-auc: exit 1 below it, after the whole report; 0 at or above it', async () => {
    const below = await run([...base, '--min-auc', '0.95']);
    expect(below.code).toBe(1);
    expect(below.out).toMatch(/--min-auc 0\.95: FAILED \(total AUC 0\.\d{4}\)/);
    expect(below.err).toMatch(/the total score's AUC is 0\.\d{4}, below --min-auc 0\.95/);
    const above = await run([...base, '--min-auc', '0.6']);
    expect(above.code).toBe(0);
    expect(above.out).toMatch(/--min-auc 0\.6: passed/);
  });
});

describe('--out-dir', () => {
  const FILES = ['auc.csv', 'backtest.json', 'bands.csv', 'bands.svg', 'by.csv', 'calibration.svg', 'gains.svg', 'rules.csv', 'stages.csv', 'stages.svg'];

  test('the same leads give the same bytes, whatever the block size', async () => {
    const one = tempDir();
    const two = tempDir();
    expect((await run([...base, '--by', 'Industry', '--out-dir', one])).code).toBe(0);
    expect((await run([...base, '--by', 'Industry', '--out-dir', two, '--block-size', '4096'])).code).toBe(0);
    expect(fs.readdirSync(one).sort()).toEqual(FILES);
    for (const f of FILES) expect([f, fs.readFileSync(path.join(two, f), 'utf8')]).toEqual([f, fs.readFileSync(path.join(one, f), 'utf8')]);
  }, 60_000);

  test('each chart is one well-formed SVG document with escaped text', async () => {
    const dir = tempDir();
    const rules = write(dir, 'a&b <rules>.yaml', fs.readFileSync(RULES, 'utf8'));
    expect((await run(['backtest', HISTORY, '--rules', rules, ...RELATED, '--outcome', 'Converted', '--as-of', AS_OF, '--out-dir', dir])).code).toBe(0);
    for (const f of FILES.filter((x) => x.endsWith('.svg'))) {
      const svg = fs.readFileSync(path.join(dir, f), 'utf8');
      expect([f, wellFormed(svg)]).toEqual([f, true]);
      expect(svg).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    }
    expect(fs.readFileSync(path.join(dir, 'gains.svg'), 'utf8')).toContain('a&amp;b &lt;rules&gt;.yaml');
  });
});

/** A small XML well-formedness check: tags nest and close, attributes are quoted, entities are XML's. */
function wellFormed(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/gy;
  let m: RegExpExecArray | null;
  let seenRoot = false;
  while ((m = token.exec(body)) !== null) {
    if (m[6]) return false;
    if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(m[5])) return false;
      if (stack.length === 0 && m[5].trim() !== '') return false;
      continue;
    }
    if (/&(?!(amp|lt|gt|quot|apos);)/.test(m[3])) return false;
    if (m[1]) { if (stack.pop() !== m[2]) return false; continue; }
    if (stack.length === 0) { if (seenRoot) return false; seenRoot = true; }
    if (!m[4]) stack.push(m[2]);
  }
  return token.lastIndex === 0 || token.lastIndex === body.length ? stack.length === 0 && seenRoot : false;
}
