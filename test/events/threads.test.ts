/**
 * With related files, the same bytes in one thread or several, whatever the block size: the
 * activity log is many blocks long and in random order, some of its cells hold quoted line breaks
 * (so blocks are cut inside records), and its derived columns include a decayed count, a daily
 * cap, once-every, a sum of decimals and the latest date. Worker threads run the built code, so
 * this runs the built CLI (npm test builds first).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mulberry32 } from '../support/random.js';
import { daysBefore } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..');
const BIN = path.join(ROOT, 'bin', 'leadq.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadq-related-threads-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const RULES = `
as_of: 2026-11-01
related:
  activities:
    file: activities.csv
    key: Contact Email
    matches: email
    at: Activity Date
    columns:
      meetings: { count: { column: Type, equals: Meeting }, within: 60d }
      replies: { count: { column: Type, equals: Email Reply }, per_day_max: 1, decay: { half_life: 20d } }
      forms: { count: { column: Type, equals: Form }, once_every: 7d }
      minutes: { sum: Minutes, decay: { step: 10d, factor: 0.9 } }
      last_touch: { last: true }
engagement:
  - { name: meeting, per: meetings, points: 20, max: 60 }
  - { name: reply, per: replies, points: 5 }
  - { name: form, per: forms, points: 8 }
  - { name: talk, per: minutes, points: 0.33 }
  - { name: recent, when: { column: last_touch, within_days: 14 }, points: 5 }
stages:
  - name: lead
  - name: mql
    when: { score: engagement, gte: 40 }
`;

function write(): void {
  const rand = mulberry32(12);
  const leads = ['id,email,company'];
  for (let i = 0; i < 3000; i++) leads.push(`L${i},lead${i}@co${i % 40}.example,"Company ${i}, Inc."`);
  const rows: string[] = [];
  for (let i = 0; i < 40_000; i++) {
    const lead = Math.floor(rand() * 3300); // a tenth match no lead
    const type = ['Meeting', 'Email Reply', 'Form', 'Email Open'][Math.floor(rand() * 4)];
    const note = rand() < 0.02 ? `"line one\nline two, ""quoted"""` : `note ${i}`;
    const minutes = (Math.floor(rand() * 9000) / 100).toFixed(2);
    rows.push(`${type},${daysBefore(Math.floor(rand() * 120) - 5, '09:15')},${rand() < 0.1 ? ` LEAD${lead}@CO${lead % 40}.EXAMPLE ` : `lead${lead}@co${lead % 40}.example`},${note},${minutes}`);
  }
  fs.writeFileSync(path.join(dir, 'leads.csv'), `${leads.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'activities.csv'), `Type,Activity Date,Contact Email,Note,Minutes\n${rows.join('\r\n')}\r\n`);
  fs.writeFileSync(path.join(dir, 'rules.yaml'), RULES);
}

function run(out: string, ...extra: string[]) {
  const result = spawnSync(process.execPath, [BIN, 'score', path.join(dir, 'leads.csv'), '-r', path.join(dir, 'rules.yaml'), '--out-dir', out, '-q', ...extra], { encoding: 'utf8' });
  return { code: result.status, err: result.stderr };
}

describe('related files in worker threads', () => {
  write();
  const reference = path.join(dir, 'one-thread');

  test('one thread, default blocks: the reference run', () => {
    expect(run(reference, '--threads', '1')).toEqual({ code: 0, err: '' });
    expect(fs.statSync(path.join(dir, 'activities.csv')).size).toBeGreaterThan(4 * (1 << 18));
  });

  test.each([
    ['two threads', ['--threads', '2']],
    ['two threads, small blocks cut inside quoted records', ['--threads', '2', '--block-size', '3000']],
    ['one thread, small blocks', ['--threads', '1', '--block-size', '3000']],
  ])('%s: every output byte-identical', (_name, extra) => {
    const out = path.join(dir, extra.join(''));
    expect(run(out, ...extra)).toEqual({ code: 0, err: '' });
    for (const name of fs.readdirSync(reference)) {
      expect([name, fs.readFileSync(path.join(out, name), 'utf8')]).toEqual([name, fs.readFileSync(path.join(reference, name), 'utf8')]);
    }
  }, 60_000);

  test('the summary counts every activity row once', () => {
    const summary = JSON.parse(fs.readFileSync(path.join(reference, 'summary.json'), 'utf8'));
    const r = summary.related[0];
    expect(r.rows).toBe(40_000);
    expect(r.matched + r.unmatched).toBe(40_000);
    expect(r.unmatched).toBeGreaterThan(3000);
    expect(summary.by_rule.find((x: { rule: string }) => x.rule === 'reply').leads).toBeGreaterThan(1000);
  });
});
