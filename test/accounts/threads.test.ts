/**
 * With accounts, the same bytes in one thread or several, whatever the block size: a few thousand
 * leads of a few hundred companies in random order, some cells holding quoted line breaks (so
 * blocks are cut inside records), with dedupe beside accounts (losing rows belong to no account),
 * and keys linked across blocks and threads (free-mail contacts by company name, empty account ids).
 * Worker threads run the built code, so this runs the built CLI (npm test builds first).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mulberry32 } from '../support/random.js';

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..');
const BIN = path.join(ROOT, 'bin', 'leadq.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadq-accounts-threads-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const RULES = `
as_of: 2026-11-01
engagement:
  - { name: visit, per: visits, points: 7.5 }
fit:
  - { name: complete, per: completeness, points: 1.25 }
stages:
  - name: lead
  - name: sql
    when: { all: [{ score: engagement, gte: 15 }, { column: account_at_mqa, equals: true }] }
dedupe: { key: email }
completeness: { company: company, title: title, email: email }
accounts:
  id_column: account_id
  domain: email
  company: company
  engaged: { score: engagement, gte: 15 }
  activity: last_activity
  roles:
    decision_maker: { column: title, matches: '/chief|vp/i' }
    user: { column: title, equals: Analyst }
  rules:
    - { name: contacts, per: account_leads, points: 3, max: 30 }
    - { name: engaged contacts, per: account_engaged_leads, points: 7 }
    - { name: best lead, when: { column: account_score_max, gte: 30 }, points: 9.99 }
    - { name: decision maker, when: { column: account_has_decision_maker, equals: true }, points: 20 }
  stages:
    - name: target
    - name: engaged
      when: { column: account_score, gte: 30 }
    - name: mqa
      when: { column: account_score, gte: 60 }
`;

function write(): void {
  const rand = mulberry32(17);
  const rows = ['email,company,title,visits,last_activity,note,account_id'];
  for (let i = 0; i < 4000; i++) {
    // leads 3500 and on repeat earlier leads' emails: dedupe keeps one of each
    const person = i % 3500;
    const c = (person * 7) % 400;
    const email = rand() < 0.7 || i >= 3500 ? `p${person}@co${c}.example` : rand() < 0.5 ? `p${i}@gmail.com` : '';
    const company = rand() < 0.8 ? `"Company ${c}${['', ', Inc.', ' GmbH', ' LLC'][Math.floor(rand() * 4)]}"` : '';
    const title = ['Chief Revenue Officer', 'VP Ops', 'Analyst', 'Engineer', ''][Math.floor(rand() * 5)];
    const note = rand() < 0.03 ? '"line one\nline two, ""quoted"""' : `n${i}`;
    const day = rand() < 0.8 ? `2026-${String(1 + Math.floor(rand() * 10)).padStart(2, '0')}-15` : '';
    // every fifth company has a CRM id, filled in for most of its leads
    const id = c % 5 === 0 && rand() < 0.7 ? `ID-${c}` : '';
    rows.push([email, company, title, String(Math.floor(rand() * 6)), day, note, id].join(','));
  }
  fs.writeFileSync(path.join(dir, 'leads.csv'), `${rows.join('\r\n')}\r\n`);
  fs.writeFileSync(path.join(dir, 'rules.yaml'), RULES);
}

function run(out: string, ...extra: string[]) {
  const result = spawnSync(process.execPath, [BIN, 'score', path.join(dir, 'leads.csv'), '-r', path.join(dir, 'rules.yaml'), '--out-dir', out, '-q', ...extra], { encoding: 'utf8' });
  return { code: result.status, err: result.stderr };
}

describe('accounts in worker threads', () => {
  write();
  const reference = path.join(dir, 'one-thread');

  test('one thread, default blocks: the reference run', () => {
    expect(run(reference, '--threads', '1')).toEqual({ code: 0, err: '' });
    const accounts = fs.readFileSync(path.join(reference, 'accounts.csv'), 'utf8').split('\n');
    expect(accounts.length).toBeGreaterThan(300);
    // linked keys in the reference: names into domains, domains into ids
    expect(accounts.some((a) => /,name company \d+ \(\d+\)/.test(a))).toBe(true);
    expect(accounts.some((a) => /^ID-\d+,id,.*domain co\d+\.example \(\d+\)/.test(a))).toBe(true);
    expect(fs.readFileSync(path.join(reference, 'duplicates.csv'), 'utf8').split('\n').length).toBeGreaterThan(100);
  });

  test.each([
    ['three threads', ['--threads', '3']],
    ['three threads, small blocks cut inside quoted records', ['--threads', '3', '--block-size', '2048']],
    ['one thread, small blocks', ['--threads', '1', '--block-size', '2048']],
  ])('%s: every output byte-identical', (_name, extra) => {
    const out = path.join(dir, extra.join(''));
    expect(run(out, ...extra)).toEqual({ code: 0, err: '' });
    expect(fs.readdirSync(out).sort()).toEqual(fs.readdirSync(reference).sort());
    for (const name of fs.readdirSync(reference)) {
      expect([name, fs.readFileSync(path.join(out, name), 'utf8')]).toEqual([name, fs.readFileSync(path.join(reference, name), 'utf8')]);
    }
  }, 60_000);

  test('duplicates belong to no account: the accounts count the scored leads only', () => {
    const summary = JSON.parse(fs.readFileSync(path.join(reference, 'summary.json'), 'utf8'));
    expect(summary.accounts.leads_with_account + summary.accounts.leads_without_account).toBe(summary.rows.scored);
    expect(summary.rows.duplicates).toBeGreaterThan(0);
  });
});
