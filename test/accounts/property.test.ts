/**
 * A seeded property: on random exports, every lead's account, account score and stage, and every
 * account's values, equal a brute-force grouping written here from what the generator knows —
 * which company each lead belongs to and which of its id, domain and name the lead shows — never
 * from leadq's own normalisation. Company names come in many spellings (case, punctuation, legal
 * suffixes, spaces); rows come in random order. Keys are linked the plain way, lead by lead: every
 * lead's other keys are votes, each domain goes to its most voted id and each name to its most
 * voted id or domain (then that one's id); some companies share a domain, some a name, some are
 * known by name only. With a website column listed after the email (`as: url`), a lead whose email
 * gives no company domain is at its website's, spelt as exports spell it, and junk gives none.
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
  domain: DOMAIN
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

/** how exports spell a company's website, and cells that are no company's domain */
const SITES = [(d: string) => `https://www.${d}/about?x=1`, (d: string) => d.toUpperCase(), (d: string) => `www.${d}`, (d: string) => `${d}/`, (d: string) => `http://${d}.:8080`];
const JUNK = ['n/a', 'gmail.com', 'https://www.outlook.com/', '192.168.0.1', 'localhost', 'acme'];

const WORDS = ['Nordwind', 'Blue', 'Harbor', 'Quartz', 'Lumen', 'Falcon', 'Cedar', 'Orbit'];
const SUFFIXES = ['', ', Inc.', ' Inc', ' INC.', ' GmbH', ' LLC', ' Ltd.', ' Limited', ' AG'];
/** companies of one lead (whose accounts stay below mqa) */
const SMALL = 40;
const TITLES = ['CEO', 'VP Sales', 'Analyst', 'Engineer', 'Manager', ''];

interface Lead {
  id: string;
  row: string;
  /** the keys the lead shows, as leadq should compare them ('' for none) */
  keys: { id: string; domain: string; name: string };
  /** the company domain its website gives ('' for none) */
  site: string;
  total: number;
  engaged: boolean;
  roles: Set<string>;
  day: string;
}

function generate(seed: number, n: number) {
  const rand = mulberry32(seed);
  // websites from a stream of their own: the other cells are those of the email-only runs
  const siteRand = mulberry32(seed + 1000);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  // companies 24-29 share the domain of companies 0-5 (0 and 24, 3 and 27: two ids at one domain); 28 and 29 the names of 0
  // and 1; 30-32 have no domain and no id, they are known by name only; 33 and on are small companies of one lead each
  const companies = Array.from({ length: 33 + SMALL }, (_, c) => {
    const n = c === 28 || c === 29 ? c - 28 : c;
    return {
      base: `${WORDS[n % 8]} ${WORDS[(n * 3 + 1) % 8]} ${n}`, domain: c < 33 ? `co${c % 24}.example` : `solo${c}.example`,
      id: c % 3 === 0 && (c < 30 || c >= 33) ? `ACC-${c}` : '', nameOnly: c >= 30 && c < 33,
    };
  });
  const leads: Lead[] = [];
  for (let i = 0; i < n; i++) {
    const c = companies[i < n - SMALL ? Math.floor(rand() * 33) : 33 + i - (n - SMALL)];
    const id = c.id !== '' && rand() < 0.6 ? c.id : '';
    const e = c.nameOnly ? 0.55 + rand() * 0.45 : rand();
    const email = e < 0.55 ? `p${i}@${rand() < 0.3 ? c.domain.toUpperCase() : c.domain}` : e < 0.8 ? `p${i}@gmail.com` : e < 0.9 ? '' : 'no address';
    const corporate = e < 0.55;
    const spelled = rand() < 0.85;
    const casing = pick([(s: string) => s, (s: string) => s.toUpperCase(), (s: string) => s.toLowerCase()]);
    const company = spelled ? `${rand() < 0.2 ? ' ' : ''}${casing(c.base)}${pick(SUFFIXES)}` : '';
    const title = pick(TITLES);
    const visits = Math.floor(rand() * 5);
    const day = rand() < 0.7 ? `2026-${String(1 + Math.floor(rand() * 10)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}` : '';
    const roles = new Set<string>();
    if (/\b(CEO|VP)\b/.test(title)) roles.add('decision_maker');
    if (title === 'Analyst' || title === 'Engineer') roles.add('user');
    const quoted = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    // companies known by name only have no website either, only junk
    const w = siteRand();
    const site = w < 0.4 && !c.nameOnly ? SITES[Math.floor(siteRand() * SITES.length)](c.domain) : w < 0.55 ? JUNK[Math.floor(siteRand() * JUNK.length)] : '';
    leads.push({
      id: `L${i}`, row: [`L${i}`, email, quoted(company), title, id, String(visits), day, site].join(','),
      keys: { id, domain: corporate ? c.domain : '', name: spelled ? c.base.toLowerCase() : '' }, site: w < 0.4 && !c.nameOnly ? c.domain : '',
      total: visits * 10, engaged: visits * 10 >= 20, roles, day,
    });
  }
  // random order
  for (let i = leads.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [leads[i], leads[j]] = [leads[j], leads[i]]; }
  return leads;
}

type Key = [string, string];

/** The key a lead is recognised by: its id, else its domain, else its name; null for none. */
function ownKey(l: Lead): Key | null {
  return l.keys.id ? ['id', l.keys.id] : l.keys.domain ? ['domain', l.keys.domain] : l.keys.name ? ['name', l.keys.name] : null;
}

/** Every lead's account after linking, the plain way: count the votes, then follow each key to its most voted target. */
function link(leads: Lead[]): Map<Lead, Key | null> {
  const votes = new Map<string, Map<string, number>>();
  const vote = (from: Key, to: Key) => {
    const targets = votes.get(from.join(':')) ?? new Map<string, number>();
    votes.set(from.join(':'), targets);
    targets.set(to.join(':'), (targets.get(to.join(':')) ?? 0) + 1);
  };
  for (const l of leads) {
    const own = ownKey(l);
    if (own?.[0] === 'id' && l.keys.domain) vote(['domain', l.keys.domain], own);
    if ((own?.[0] === 'id' || own?.[0] === 'domain') && l.keys.name) vote(['name', l.keys.name], own);
  }
  const rank = (k: string) => (k.startsWith('id:') ? 0 : 1);
  const follow = (key: Key): Key => {
    if (key[0] === 'id') return key;
    const targets = [...(votes.get(key.join(':')) ?? new Map<string, number>())];
    if (targets.length === 0) return key;
    // most votes, then an id before a domain, then the smallest key in code-unit order
    targets.sort(([a, x], [b, y]) => y - x || rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    const [type, ...rest] = targets[0][0].split(':');
    return follow([type, rest.join(':')]);
  };
  return new Map(leads.map((l) => { const own = ownKey(l); return [l, own && follow(own)]; }));
}

/** The brute force: groups by the linked account, then the account rules and ladder of RULES by hand. */
function expected(leads: Lead[], accountOf: Map<Lead, Key | null>) {
  const groups = new Map<string, Lead[]>();
  for (const l of leads) {
    const key = accountOf.get(l);
    if (key) groups.set(key.join(':'), [...(groups.get(key.join(':')) ?? []), l]);
  }
  const accounts = new Map<string, { leads: number; linked: string; engaged: number; roles: string; sum: number; max: number; last: string; score: number; stage: string }>();
  for (const [key, members] of groups) {
    // the keys of its leads that are not its own, with their leads
    const others = new Map<string, number>();
    for (const m of members) {
      const own = ownKey(m)!.join(':');
      if (own !== key) others.set(own, (others.get(own) ?? 0) + 1);
    }
    const linked = [...others].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k.replace(':', ' ')} (${n})`).join('; ');
    const engaged = members.filter((m) => m.engaged).length;
    const roles = ['decision_maker', 'user'].filter((r) => members.some((m) => m.roles.has(r)));
    const score = Math.min(15, 5 * members.length) + 10 * engaged + (roles.includes('decision_maker') ? 20 : 0);
    accounts.set(key, {
      leads: members.length, linked, engaged, roles: roles.join('; '), sum: members.reduce((a, m) => a + m.total, 0), max: Math.max(...members.map((m) => m.total)),
      last: members.map((m) => m.day).filter(Boolean).sort().at(-1) ?? '', score, stage: score >= 40 ? 'mqa' : 'target',
    });
  }
  return accounts;
}

describe('every lead\'s account values equal a brute-force grouping', () => {
  test.each([
    [1, 'email'], [2, 'email'], [3, 'email'],
    [1, 'email, then website'], [2, 'email, then website'], [3, 'email, then website'],
  ])('seed %i, domain from %s', async (seed, from) => {
    const websites = from !== 'email';
    const generated = generate(seed, 400);
    // the first domain found is the lead's: its email's, else its website's
    const leads = websites ? generated.map((l) => ({ ...l, keys: { ...l.keys, domain: l.keys.domain || l.site } })) : generated;
    if (websites) expect(leads.filter((l, i) => l.keys.domain !== generated[i].keys.domain).length).toBeGreaterThan(40);
    const dir = tempDir();
    const input = write(dir, 'leads.csv', `id,email,company,title,account_id,visits,last_activity,website\n${leads.map((l) => l.row).join('\n')}\n`);
    const rules = write(dir, 'rules.yaml', RULES.replace('DOMAIN', websites ? '[email, { column: website, as: url }]' : 'email'));
    const out = path.join(dir, 'out');
    const r = await score(input, rules, '--out-dir', out, '--threads', '1');
    expect([r.code, r.err]).toEqual([0, '']);
    const accountOf = link(leads);
    const want = expected(leads, accountOf);
    // the cases are not vacuous: every kind of key, accounts of several leads, both stages, leads without an account
    expect(new Set([...want.keys()].map((k) => k.split(':')[0]))).toEqual(new Set(['id', 'domain', 'name']));
    // every kind of link: a domain into an id, a name into a domain and into an id; a domain claimed by two ids, which stay apart
    const links = new Set(leads.filter((l) => ownKey(l) && ownKey(l)![0] !== accountOf.get(l)![0]).map((l) => `${ownKey(l)![0]}→${accountOf.get(l)![0]}`));
    expect(links).toEqual(new Set(['domain→id', 'name→domain', 'name→id']));
    const shared = (c: number) => leads.filter((l) => l.keys.domain === `co${c}.example` && l.keys.id).map((l) => l.keys.id);
    expect([0, 3].some((c) => new Set(shared(c)).size === 2)).toBe(true);
    expect(new Set([...want.values()].map((a) => a.stage))).toEqual(new Set(['target', 'mqa']));
    expect(Math.max(...[...want.values()].map((a) => a.leads))).toBeGreaterThan(5);
    expect(leads.some((l) => accountOf.get(l) === null)).toBe(true);

    const scored = readCsv(path.join(out, 'scored.csv'));
    const col = (name: string) => scored[0].indexOf(name);
    const byId = new Map(scored.slice(1).map((row) => [row[0], row]));
    for (const l of leads) {
      const row = byId.get(l.id)!;
      const key = accountOf.get(l);
      const a = key ? want.get(key.join(':'))! : null;
      expect([l.id, row[col('account')], row[col('account_score')], row[col('account_stage')], row[col('stage')]])
        .toEqual([l.id, key?.[1] ?? '', a ? String(a.score) : '', a?.stage ?? '', a?.stage === 'mqa' ? 'hot' : 'lead']);
    }

    const rows = readCsv(path.join(out, 'accounts.csv'));
    const h = rows[0];
    const got = new Map(rows.slice(1).map((row) => [`${row[h.indexOf('key_type')]}:${row[h.indexOf('account')]}`, row]));
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [key, a] of want) {
      const row = got.get(key)!;
      const v = (name: string) => row[h.indexOf(name)];
      expect([key, v('leads'), v('linked'), v('engaged_leads'), v('roles'), v('lead_score_sum'), v('lead_score_max'), v('last_activity'), v('score'), v('stage')])
        .toEqual([key, String(a.leads), a.linked, String(a.engaged), a.roles, String(a.sum), String(a.max), a.last, String(a.score), a.stage]);
      expect(Number(v('lead_score_avg'))).toBeCloseTo(a.sum / a.leads, 2);
    }
  });
});
