/**
 * A seeded property: on random exports, every lead's account, account score and stage, and every
 * account's values, equal a brute-force grouping written here from what the generator knows —
 * which company each lead belongs to and which of its id, domain and name the lead shows — never
 * from leadq's own normalisation. Company names come in many spellings (case, punctuation, legal
 * suffixes, spaces); rows come in random order.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { mulberry32 } from '../support/random.js';
import { cleanTempDirs, readCsv, score, tempDir, write } from '../e2e/helpers.js';

afterEach(cleanTempDirs);

const RULES = `
as_of: 2026-11-01
engagement:
  - { name: visit, per: visits, points: 10 }
stages:
  - name: lead
  - name: hot
    when: { column: account_at_mqa, equals: true }
accounts:
  id_column: account_id
  domain: email
  company: company
  engaged: { score: engagement, gte: 20 }
  activity: last_activity
  roles:
    decision_maker: { column: title, matches: '/\\b(CEO|VP)\\b/' }
    user: { column: title, in: [Analyst, Engineer] }
  rules:
    - { name: contacts, per: account_leads, points: 5, max: 15 }
    - { name: engaged contacts, per: account_engaged_leads, points: 10 }
    - { name: decision maker, when: { column: account_has_decision_maker, equals: true }, points: 20 }
  stages:
    - name: target
    - name: mqa
      when: { column: account_score, gte: 40 }
`;

const WORDS = ['Nordwind', 'Blue', 'Harbor', 'Quartz', 'Lumen', 'Falcon', 'Cedar', 'Orbit'];
const SUFFIXES = ['', ', Inc.', ' Inc', ' INC.', ' GmbH', ' LLC', ' Ltd.', ' Limited', ' AG'];
const TITLES = ['CEO', 'VP Sales', 'Analyst', 'Engineer', 'Manager', ''];

interface Lead {
  id: string;
  row: string;
  /** what the brute force groups by: [type, key as shown], or null */
  account: [string, string] | null;
  total: number;
  engaged: boolean;
  roles: Set<string>;
  day: string;
}

function generate(seed: number, n: number) {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const companies = Array.from({ length: 30 }, (_, c) => ({ base: `${WORDS[c % 8]} ${WORDS[(c * 3 + 1) % 8]} ${c}`, domain: `co${c}.example`, id: c % 3 === 0 ? `ACC-${c}` : '' }));
  const leads: Lead[] = [];
  for (let i = 0; i < n; i++) {
    const c = companies[Math.floor(rand() * companies.length)];
    const id = c.id !== '' && rand() < 0.6 ? c.id : '';
    const e = rand();
    const email = e < 0.55 ? `p${i}@${rand() < 0.3 ? c.domain.toUpperCase() : c.domain}` : e < 0.8 ? `p${i}@gmail.com` : e < 0.9 ? '' : 'no address';
    const corporate = e < 0.55;
    const spelled = rand() < 0.85;
    const casing = pick([(s: string) => s, (s: string) => s.toUpperCase(), (s: string) => s.toLowerCase()]);
    const company = spelled ? `${rand() < 0.2 ? ' ' : ''}${casing(c.base)}${pick(SUFFIXES)}` : '';
    const title = pick(TITLES);
    const visits = Math.floor(rand() * 5);
    const day = rand() < 0.7 ? `2026-${String(1 + Math.floor(rand() * 10)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}` : '';
    const account: Lead['account'] = id ? ['id', id] : corporate ? ['domain', c.domain] : spelled ? ['name', c.base.toLowerCase()] : null;
    const roles = new Set<string>();
    if (/\b(CEO|VP)\b/.test(title)) roles.add('decision_maker');
    if (title === 'Analyst' || title === 'Engineer') roles.add('user');
    const quoted = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    leads.push({
      id: `L${i}`, row: [`L${i}`, email, quoted(company), title, id, String(visits), day].join(','),
      account, total: visits * 10, engaged: visits * 10 >= 20, roles, day,
    });
  }
  // random order
  for (let i = leads.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [leads[i], leads[j]] = [leads[j], leads[i]]; }
  return leads;
}

/** The brute force: groups by the generator's account, then the account rules and ladder of RULES by hand. */
function expected(leads: Lead[]) {
  const groups = new Map<string, Lead[]>();
  for (const l of leads) if (l.account) groups.set(l.account.join(':'), [...(groups.get(l.account.join(':')) ?? []), l]);
  const accounts = new Map<string, { leads: number; engaged: number; roles: string; sum: number; max: number; last: string; score: number; stage: string }>();
  for (const [key, members] of groups) {
    const engaged = members.filter((m) => m.engaged).length;
    const roles = ['decision_maker', 'user'].filter((r) => members.some((m) => m.roles.has(r)));
    const score = Math.min(15, 5 * members.length) + 10 * engaged + (roles.includes('decision_maker') ? 20 : 0);
    accounts.set(key, {
      leads: members.length, engaged, roles: roles.join('; '), sum: members.reduce((a, m) => a + m.total, 0), max: Math.max(...members.map((m) => m.total)),
      last: members.map((m) => m.day).filter(Boolean).sort().at(-1) ?? '', score, stage: score >= 40 ? 'mqa' : 'target',
    });
  }
  return accounts;
}

describe('every lead\'s account values equal a brute-force grouping', () => {
  test.each([1, 2, 3])('seed %i', async (seed) => {
    const leads = generate(seed, 400);
    const dir = tempDir();
    const input = write(dir, 'leads.csv', `id,email,company,title,account_id,visits,last_activity\n${leads.map((l) => l.row).join('\n')}\n`);
    const rules = write(dir, 'rules.yaml', RULES);
    const out = path.join(dir, 'out');
    const r = await score(input, rules, '--out-dir', out, '--threads', '1');
    expect([r.code, r.err]).toEqual([0, '']);
    const want = expected(leads);
    // the cases are not vacuous: every kind of key, accounts of several leads, both stages, leads without an account
    expect(new Set([...want.keys()].map((k) => k.split(':')[0]))).toEqual(new Set(['id', 'domain', 'name']));
    expect(new Set([...want.values()].map((a) => a.stage))).toEqual(new Set(['target', 'mqa']));
    expect(Math.max(...[...want.values()].map((a) => a.leads))).toBeGreaterThan(5);
    expect(leads.some((l) => l.account === null)).toBe(true);

    const scored = readCsv(path.join(out, 'scored.csv'));
    const col = (name: string) => scored[0].indexOf(name);
    const byId = new Map(scored.slice(1).map((row) => [row[0], row]));
    for (const l of leads) {
      const row = byId.get(l.id)!;
      const a = l.account ? want.get(l.account.join(':'))! : null;
      expect([l.id, row[col('account')], row[col('account_score')], row[col('account_stage')], row[col('stage')]])
        .toEqual([l.id, l.account?.[1] ?? '', a ? String(a.score) : '', a?.stage ?? '', a?.stage === 'mqa' ? 'hot' : 'lead']);
    }

    const rows = readCsv(path.join(out, 'accounts.csv'));
    const h = rows[0];
    const got = new Map(rows.slice(1).map((row) => [`${row[h.indexOf('key_type')]}:${row[h.indexOf('account')]}`, row]));
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [key, a] of want) {
      const row = got.get(key)!;
      const v = (name: string) => row[h.indexOf(name)];
      expect([key, v('leads'), v('engaged_leads'), v('roles'), v('lead_score_sum'), v('lead_score_max'), v('last_activity'), v('score'), v('stage')])
        .toEqual([key, String(a.leads), String(a.engaged), a.roles, String(a.sum), String(a.max), a.last, String(a.score), a.stage]);
      expect(Number(v('lead_score_avg'))).toBeCloseTo(a.sum / a.leads, 2);
    }
  });
});
