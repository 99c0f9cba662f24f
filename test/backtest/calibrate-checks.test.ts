/**
 * leadq calibrate on a small seeded export: the rulesets it writes read back with no warning the
 * original did not have, whatever their layout, and a ruleset it could not read back is its own
 * bug (an internal error), never the user's syntax error at a file that does not exist.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, test } from '@jest/globals';
import { readBack } from '../../src/commands/calibrate-read-back.js';
import { LeadqError } from '../../src/model/errors.js';
import { rulesetFromText } from '../../src/ruleset/index.js';
import { mulberry32 } from '../support/random.js';
import { cleanTempDirs, run, tempDir, write } from '../e2e/helpers.js';

afterAll(cleanTempDirs);

/** 1,200 leads: a demo flag and a few visits make a lead likelier to convert; created over 2026. */
function exportText(): string {
  const rand = mulberry32(7);
  const rows = ['id,demo,visits,size,converted,created'];
  for (let i = 1; i <= 1200; i++) {
    const demo = rand() < 0.4;
    const visits = Math.floor(rand() * 4);
    const size = [10, 50, 200, 1000][Math.floor(rand() * 4)];
    const p = 0.1 + (demo ? 0.3 : 0) + visits * 0.1;
    const day = 1 + Math.floor(rand() * 300);
    rows.push([i, demo ? 'yes' : 'no', visits, size, rand() < p ? 'yes' : 'no', new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10)].join(','));
  }
  return `${rows.join('\n')}\n`;
}

const dir = tempDir();
const LEADS = write(dir, 'leads.csv', exportText());

const codes = (text: string) => rulesetFromText(text, 'r.yaml').warnings.map((w) => w.code).sort();

async function calibrate(rules: string, ...extra: string[]) {
  const file = write(dir, `${Math.random().toString(36).slice(2)}.yaml`, rules);
  const written = `${file}.out.yaml`;
  const result = await run(['calibrate', LEADS, '--rules', file, '--outcome', 'converted', '--out', written, '-q', ...extra]);
  return { ...result, text: fs.existsSync(written) ? fs.readFileSync(written, 'utf8') : null };
}

const HEAD = 'version: 1\nas_of: 2026-12-31\n';
const DEMO = '  - { name: demo, when: { column: demo, equals: true }, points: 30 }\n';

describe('the ruleset written reads back, with no warning the original did not have', () => {
  test.each([
    ['scores (engagement bounds only, flow) after engagement, --columns', `${HEAD}engagement:\n${DEMO}scores:\n  engagement: { floor: 0, ceiling: 100 }\nstages:\n  - name: lead\n`, ['--columns', 'visits']],
    ['scores (engagement bounds only, block) after engagement, --discover', `${HEAD}engagement:\n${DEMO}scores:\n  engagement:\n    floor: 0\n    ceiling: 100\nstages:\n  - name: lead\n`, ['--discover']],
    ['scores before the lists, both bounds', `${HEAD}scores: { engagement: { floor: 0 }, fit: { ceiling: 90 } }\nengagement:\n${DEMO}fit:\n  - { name: big, when: { column: size, gte: 200 }, points: 5 }\nstages:\n  - name: lead\n`, ['--columns', 'visits']],
    ['a group whose max is all it shares', `${HEAD}engagement:\n  - group: web\n    max: 40\n    rules:\n      - { name: visits, per: visits, points: 5 }\n${DEMO}stages:\n  - name: lead\n`, []],
    ['a flow list of rules with a group', `${HEAD}engagement: [ { group: web, max: 40, rules: [ { name: visits, per: visits, points: 5 } ] }, { name: demo, when: { column: demo, equals: true }, points: 30 } ]\nstages:\n  - name: lead\n`, ['--columns', 'size']],
  ])('%s', async (_name, rules, extra) => {
    const result = await calibrate(rules, ...extra);
    expect([result.code, result.err]).toEqual([0, '']);
    expect(codes(result.text!)).toEqual(codes(rules));
  }, 60_000);
});

describe('--target-volume', () => {
  // demo and visits (0 to 3) are all the rules read: every lead with the top pair ties at the top total
  const rules = `${HEAD}engagement:\n${DEMO}  - { name: visits, per: visits, points: 5, max: 20 }\nstages:\n  - name: lead\n  - name: mql\n    when: { score: total, gte: 40 }\n`;

  test.each([['10'], ['1%']])('%s, fewer than the leads tied at the top total: exit 2, saying how many the top selects; nothing written', async (volume) => {
    const result = await calibrate(rules, '--target-volume', volume);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(new RegExp(`^leadq: --target-volume ${volume}: no threshold selects at most (10|12) training leads.*: the top total, -?\\d+, alone already selects (\\d+) \\(a threshold never splits a tie\\); ask for \\d+%? or more, or use --target-precision \\[USAGE\\]`));
    expect(result.text).toBeNull();
  }, 60_000);

  test('as many as the top total selects: written, at most that many leads', async () => {
    const refused = await calibrate(rules, '--target-volume', '10');
    const top = Number(/alone already selects (\d+)/.exec(refused.err)![1]);
    const result = await calibrate(rules, '--target-volume', String(top), '--json');
    expect(result.code).toBe(0);
    const target = (JSON.parse(result.out) as { target: { leads: number; applied: boolean } }).target;
    expect(target).toMatchObject({ leads: top, applied: true });
  }, 60_000);
});

describe('options and inputs checked', () => {
  const rules = `${HEAD}engagement:\n${DEMO}stages:\n  - name: lead\n`;

  test('--engagement-columns names columns of the export, as --columns and --exclude do', async () => {
    const result = await calibrate(rules, '--columns', 'visits', '--engagement-columns', 'visit');
    expect([result.code, result.err]).toEqual([2, `leadq: --engagement-columns: column "visit" is not in ${LEADS}; did you mean "visits"?\n  available: "id", "demo", "visits", "size", "converted", "created" [USAGE]\n`]);
    expect(result.text).toBeNull();
  });

  test('--engagement-columns by another case of the header: that column\'s rules go to engagement', async () => {
    const result = await calibrate(rules, '--columns', 'size', '--engagement-columns', 'SIZE', '--json');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.out) as { columns: { used: { name: string; score: string }[] } }).columns.used).toMatchObject([{ name: 'size', score: 'engagement' }]);
  }, 60_000);

  test('an export with a header and no rows: no leads, exit 1 (as an empty file), nothing written', async () => {
    const header = write(dir, 'header.csv', 'id,demo,visits,size,converted,created\n');
    const out = `${header}.yaml`;
    const result = await run(['calibrate', header, '--rules', write(dir, 'h.yaml', rules), '--outcome', 'converted', '--out', out]);
    expect([result.code, result.err]).toEqual([1, 'leadq: calibrate needs leads with an outcome; the input has no leads: a header and no rows [INPUT_EMPTY]\n']);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('every lead left out by --horizon: said so, not "all unconverted"', async () => {
    const result = await calibrate(rules, '--created', 'created', '--horizon', '9999d');
    expect([result.code, result.err]).toEqual([1, 'leadq: calibrate needs leads with an outcome; every lead with an outcome was left out: 1,200 created too recently (--horizon) [INPUT_READ]\n']);
  });
});

describe('a calibrated ruleset that does not read back', () => {
  test('is an internal error naming no user file, not RULES_YAML', () => {
    let thrown: unknown;
    try { readBack('version: 1\nengagement:\n  - { name: a, points: 1 }\n, oops\n', []); } catch (error) { thrown = error; }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(LeadqError);
    expect((thrown as Error).message).toMatch(/^calibrate made a ruleset that does not read back, so nothing was written \(a bug of leadq/);
  });

  test('warnings the original did not have are returned, by code and count', () => {
    const group = 'version: 1\nengagement:\n  - group: g\n    rules:\n      - { name: a, per: x, points: 1 }\nstages:\n  - name: lead\n';
    const original = rulesetFromText(group, 'r.yaml').warnings;
    expect(readBack(group, original).newWarnings).toEqual([]);
    expect(readBack(group, []).newWarnings.map((w) => w.code)).toEqual(['GROUP_SHARES_NOTHING']);
  });
});

describe('too few outcomes of one kind to fit on', () => {
  const RULES = `version: 1
as_of: 2026-11-01
engagement:
  - { name: visits, per: visits, points: 10 }
stages:
  - name: lead
`;
  const tiny = async (rows: string[], ...extra: string[]) => {
    const d = tempDir();
    const leads = write(d, 'tiny.csv', `id,visits,converted,created\n${rows.join('\n')}\n`);
    const out = `${d}/out.yaml`;
    const result = await run(['calibrate', leads, '--rules', write(d, 'r.yaml', RULES), '--outcome', 'converted', '--out', out, '-q', ...extra]);
    return { ...result, written: fs.existsSync(out) };
  };

  test('one converted lead: each fold without it has one outcome only, said as bad input, not an internal error', async () => {
    const r = await tiny(['1,5,yes,2026-01-01', '2,1,no,2026-01-02', '3,0,no,2026-01-03', '4,2,no,2026-01-04', '5,3,no,2026-01-05', '6,0,no,2026-01-06']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/calibrate needs at least 2 converted and 2 unconverted leads to cross-validate; of the 6 leads with an outcome in "converted", 1 is converted \[INPUT_READ\]/);
    expect(r.err).not.toMatch(/internal error/);
    expect(r.written).toBe(false);
  });

  test('one unconverted lead likewise', async () => {
    const r = await tiny(['1,5,yes,2026-01-01', '2,1,yes,2026-01-02', '3,0,no,2026-01-03', '4,2,yes,2026-01-04']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/of the 4 leads with an outcome in "converted", 1 is unconverted/);
  });

  test('two of each are enough to cross-validate', async () => {
    const r = await tiny(['1,5,yes,2026-01-01', '2,1,no,2026-01-02', '3,4,yes,2026-01-03', '4,0,no,2026-01-04']);
    expect(r.err).not.toMatch(/internal error|needs at least/);
    expect(r.code).toBe(0);
    expect(r.written).toBe(true);
  });

  test('a time split whose earlier leads hold one converted lead: said with the cut and a hint', async () => {
    const r = await tiny(['1,5,yes,2026-01-01', '2,1,no,2026-01-02', '3,0,no,2026-01-03', '4,2,no,2026-01-04', '5,3,no,2026-01-05', '6,0,no,2026-01-06',
      '7,0,yes,2026-02-06', '8,0,yes,2026-02-07', '9,0,yes,2026-02-08'], '--created', 'created');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--created "created": the 6 leads created before 2026-02-06, which the points are fitted on, hold 1 converted and 5 unconverted; calibrate needs at least 2 of each \[INPUT_READ\]\n {2}hint: hold out fewer/);
    expect(r.written).toBe(false);
  });
});
