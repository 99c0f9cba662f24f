/**
 * leadq calibrate on a small seeded export: the rulesets it writes read back with no warning the
 * original did not have, whatever their layout, and a ruleset it could not read back is its own
 * bug (an internal error), never the user's syntax error at a file that does not exist.
 */
import fs from 'node:fs';
import path from 'node:path';
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
  const out = `${file}.out.yaml`;
  const result = await run(['calibrate', LEADS, '--rules', file, '--outcome', 'converted', '--out', out, '-q', ...extra]);
  return { ...result, out, text: fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : null };
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
