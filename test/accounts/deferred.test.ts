/**
 * Deferred accounts (run/deferred-accounts.ts): with `accounts:` and no lead disqualifier, stage or
 * priority band reading an account value (and no dedupe), the export is read once, the rows put
 * aside in a scratch file and written with their account cells once every lead is in. The oracle:
 * the same ruleset with a disqualifier that reads account_score but never fires takes the accounts
 * pass and the lead pass; every CSV output must be byte-identical, the summary equal but for the
 * `never` disqualifier and the rules path. Seeded random exports of a few thousand leads of a few
 * hundred companies, in random order, some cells holding quoted line breaks. Worker threads run the
 * built code, so this runs the built CLI (npm test builds first).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseRules } from '../../src/ruleset/load.js';
import { leadRulesReadAccounts } from '../../src/ruleset/resolve-accounts.js';
import { validateRuleset } from '../../src/ruleset/validate.js';
import { mulberry32 } from '../support/random.js';

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..');
const BIN = path.join(ROOT, 'bin', 'leadq.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadq-accounts-deferred-'));
afterAll(() => { if (!process.env.KEEP) fs.rmSync(dir, { recursive: true, force: true }); });

const HEADER = 'id,email,website,company,title,visits,last_activity,note,account_id';
const NEVER = '  - { reason: never, when: { column: account_score, lt: -1000000 } }\n';

interface RulesOptions {
  /** the accounts' key lines (indented under accounts:) */
  keys?: string[];
  completeness?: boolean;
  rename?: boolean;
  files?: boolean;
  footer?: boolean;
  /** the never-firing disqualifier reading account_score: the two passes */
  forced?: boolean;
}

const DEFAULT_KEYS = ['id_column: account_id', 'domain: email', 'company: company'];

function rulesText(o: RulesOptions = {}): string {
  const keys = o.keys ?? DEFAULT_KEYS;
  return [
    'as_of: 2026-11-01',
    ...(o.footer ? ['input:', "  footer: '^Grand Totals'"] : []),
    'engagement:',
    '  - { name: visit, per: visits, points: 7.5 }',
    '  - { name: recent, when: { column: last_activity, within_days: 90 }, points: 5 }',
    'fit:',
    "  - { name: senior, when: { column: title, matches: '/chief|vp/i' }, points: 10 }",
    'conditions:',
    '  hot: { column: visits, gte: 3 }',
    'disqualifiers:',
    '  - { reason: no_contact, when: { all: [{ column: email, empty: true }, { column: website, empty: true }] } }',
    ...(o.forced ? [NEVER.trimEnd()] : []),
    'stages:',
    '  - name: lead',
    '  - name: mql',
    '    when: { score: engagement, gte: 15 }',
    '  - name: sql',
    '    when: { all: [{ condition: hot }, { score: fit, gte: 10 }] }',
    'priority:',
    '  bands:',
    '    - { name: P1, min: 40 }',
    '    - { name: P2, when: { condition: hot } }',
    '    - { name: P3 }',
    ...(o.completeness ? ['completeness: { company: company, title: title, email: email }'] : []),
    'accounts:',
    ...keys.map((k) => `  ${k}`),
    '  engaged: { score: engagement, gte: 15 }',
    '  activity: last_activity',
    '  roles:',
    "    decision_maker: { column: title, matches: '/chief|vp/i' }",
    '    user: { column: title, equals: Analyst }',
    '  rules:',
    '    - { name: contacts, per: account_leads, points: 3, max: 30 }',
    '    - { name: engaged contacts, per: account_engaged_leads, points: 7 }',
    '    - { name: best lead, when: { column: account_score_max, gte: 30 }, points: 9.99 }',
    '    - { name: decision maker, when: { column: account_has_decision_maker, equals: true }, points: 20 }',
    ...(o.files ? [
      '    - { name: intent, when: { column: surge, gte: 50 }, points: 11 }',
      '  files:',
      '    intent: { file: intent.csv, key: Domain, columns: { surge: Surge } }',
    ] : []),
    '  stages:',
    '    - name: target',
    '    - name: engaged',
    '      when: { column: account_score, gte: 30 }',
    '    - name: mqa',
    '      when: { column: account_score, gte: 60 }',
    ...(o.rename ? ['output:', '  rename: { account: crm_account, account_score: acct_score, account_stage: acct_tier }'] : []),
  ].join('\n') + '\n';
}

interface LeadOptions {
  seed: number;
  leads: number;
  companies: number;
  /** a company name beginning with = or + for some companies */
  formulas?: boolean;
  /** first lead number (several inputs number their leads on) */
  from?: number;
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Lead rows (no header) in random company order; some with no key at all, some cells with quoted line breaks. */
function leadRows(o: LeadOptions): string[] {
  const rand = mulberry32(o.seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const rows: string[] = [];
  for (let n = 0; n < o.leads; n++) {
    const i = (o.from ?? 0) + n;
    const c = Math.floor(rand() * o.companies);
    const r = rand();
    const email = r < 0.55 ? `p${i}@${pick(['co', 'CO', 'Co'])}${c}.example` : r < 0.7 ? `p${i}@gmail.com` : r < 0.8 ? `p${i}@yahoo.com` : r < 0.9 ? '' : 'not-an-email';
    const w = rand();
    const website = w < 0.3 ? `https://www.co${c}.example/about` : w < 0.4 ? `co${c}.example` : w < 0.45 ? 'gmail.com' : '';
    let company = '';
    if (rand() < 0.75) {
      // with formulas: also accented names (windows-1252 has é)
      const base = o.formulas && c % 23 === 0 ? `${c % 2 === 0 ? '=' : '+'}Company ${c}` : o.formulas && c % 7 === 3 ? `Société ${c}` : `Company ${c}`;
      company = `${rand() < 0.3 ? base.toUpperCase() : base}${pick(['', ', Inc.', ' Inc', ' GmbH', ' LLC'])}`;
    }
    const title = pick(['Chief Revenue Officer', 'VP Ops', 'Analyst', 'Engineer', '']);
    const day = rand() < 0.8 ? `2026-${String(1 + Math.floor(rand() * 10)).padStart(2, '0')}-15` : '';
    // long enough after its line break that many small blocks are cut inside it
    const note = rand() < 0.1 ? `line one\nline two, "quoted", and a tail long enough to hold a block's cut ${i}` : `n${i}`;
    const id = c % 5 === 0 && rand() < 0.6 ? `ID-${c}` : '';
    rows.push([`L${i}`, email, website, company, title, String(Math.floor(rand() * 6)), day, note, id].map(csvCell).join(','));
  }
  return rows;
}

let made = 0;
/** A fresh folder under the suite's temp dir. */
function fresh(name: string): string {
  const d = path.join(dir, `${made++}-${name}`);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

function writeFile(folder: string, name: string, text: string | Buffer): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, text);
  return file;
}

/** The deferred ruleset and its forced two-pass twin in `folder`. */
function writeRules(folder: string, o: RulesOptions = {}): { deferred: string; forced: string } {
  return { deferred: writeFile(folder, 'deferred.yaml', rulesText(o)), forced: writeFile(folder, 'forced.yaml', rulesText({ ...o, forced: true })) };
}

interface Ran { code: number | null; out: Buffer; err: string }

function leadq(args: string[]): Ran {
  const r = spawnSync(process.execPath, [BIN, 'score', ...args, '-q'], { maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr.toString('utf8') };
}

/** null when equal, else where the bytes first differ and a little of each side. */
function firstDifference(a: Buffer, b: Buffer): null | { at: number; a: string; b: string } {
  if (a.equals(b)) return null;
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  return { at, a: a.subarray(Math.max(0, at - 80), at + 80).toString('latin1'), b: b.subarray(Math.max(0, at - 80), at + 80).toString('latin1') };
}

function expectSameBytes(name: string, actual: Buffer, expected: Buffer): void {
  expect([name, firstDifference(actual, expected)]).toEqual([name, null]);
}

type Json = Record<string, unknown>;

/** summary.json without the rules path. */
function comparableSummary(file: string): Json {
  // the never disqualifier leaves no trace in the summary (it never fires): only the ruleset's path differs
  const { rules, ...rest } = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
  expect(rules).toMatch(/(deferred|forced)\.yaml$/);
  return rest;
}

/** Every file of the two out dirs: the same names, the CSVs byte-identical, the summaries equal but for the never disqualifier. */
function expectSameOutDirs(actual: string, expected: string): string[] {
  const names = fs.readdirSync(expected).sort();
  expect(fs.readdirSync(actual).sort()).toEqual(names);
  for (const name of names) {
    if (name === 'summary.json') expect(comparableSummary(path.join(actual, name))).toEqual(comparableSummary(path.join(expected, name)));
    else if (name.endsWith('.csv')) expectSameBytes(name, fs.readFileSync(path.join(actual, name)), fs.readFileSync(path.join(expected, name)));
  }
  return names;
}

const readCsv = (file: string, delimiter = ','): Record<string, string>[] => parse(fs.readFileSync(file), { columns: true, bom: true, delimiter, relax_column_count: true }) as Record<string, string>[];
const scratchFiles = (folder: string) => fs.readdirSync(folder).filter((n) => n.startsWith('.leadq-rows-'));

/** Facts that an empty or account-less output would not have. */
function expectSubstantial(out: string, leads: number, accountColumn = 'account', share = 0.5): void {
  const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
  const scored = readCsv(path.join(out, 'scored.csv'));
  expect(scored.length).toBe(summary.rows.read - summary.rows.rejected);
  expect(scored.length).toBeGreaterThan(leads * 0.9);
  const withAccount = scored.filter((r) => r[accountColumn] !== '').length;
  expect(withAccount).toBeGreaterThan(scored.length * share);
  expect(withAccount).toBeLessThan(scored.length);
  expect(readCsv(path.join(out, 'accounts.csv')).length).toBeGreaterThan(10);
  expect(summary.accounts.leads_with_account).toBe(withAccount);
}

describe('deferred accounts: the same bytes as the accounts pass and the lead pass', () => {
  const base = fresh('base');
  const input = writeFile(base, 'leads.csv', `${[HEADER, ...leadRows({ seed: 11, leads: 3000, companies: 300 })].join('\r\n')}\r\n`);
  const rules = writeRules(base);
  const reference = path.join(base, 'two-pass');

  test('the deferred ruleset reads no account value in a lead rule; the forced one does', () => {
    const reads = (file: string) => {
      const { ruleset, issues } = validateRuleset(parseRules(fs.readFileSync(file, 'utf8'), file), file);
      expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
      return leadRulesReadAccounts(ruleset);
    };
    expect([reads(rules.deferred), reads(rules.forced)]).toEqual([false, true]);
    for (const o of [{ completeness: true, rename: true }, { files: true, footer: true }, { keys: ['domain: email'] }]) {
      const r = writeRules(fresh('check'), o);
      expect([reads(r.deferred), reads(r.forced)]).toEqual([false, true]);
    }
  });

  test('two passes, one thread: the reference', () => {
    expect(leadq([input, '-r', rules.forced, '--out-dir', reference, '--threads', '1'])).toMatchObject({ code: 0, err: '' });
    expectSubstantial(reference, 3000);
    const names = fs.readdirSync(reference);
    expect(names).toEqual(expect.arrayContaining(['scored.csv', 'accounts.csv', 'lead.csv', 'mql.csv', 'sql.csv', 'disqualified.csv', 'summary.json']));
    // the account cells after the result columns
    const header = Object.keys(readCsv(path.join(reference, 'scored.csv'))[0]);
    expect(header.slice(-3)).toEqual(['account', 'account_score', 'account_stage']);
    // some cells with quoted line breaks made it through
    expect(readCsv(path.join(reference, 'scored.csv')).filter((r) => r.note.includes('\n')).length).toBeGreaterThan(50);
    expect(readCsv(path.join(reference, 'disqualified.csv')).length).toBeGreaterThan(50);
  }, 30_000);

  test.each([
    ['default threads', []],
    ['one thread', ['--threads', '1']],
    ['two threads', ['--threads', '2']],
    ['two threads, small blocks cut inside quoted records', ['--threads', '2', '--block-size', '1024']],
    ['one thread, small blocks', ['--threads', '1', '--block-size', '1024']],
  ])('deferred, %s: every output as the two passes wrote it', (_name, extra) => {
    const out = path.join(base, `deferred${extra.join('')}`);
    expect(leadq([input, '-r', rules.deferred, '--out-dir', out, ...extra])).toMatchObject({ code: 0, err: '' });
    expectSameOutDirs(out, reference);
    expect(scratchFiles(out)).toEqual([]);
  }, 30_000);

  test('--previous: changes.csv the same too', () => {
    const previous = writeFile(base, 'previous.yaml', rulesText().replace('per: visits, points: 7.5', 'per: visits, points: 5'));
    const earlier = path.join(base, 'earlier.csv');
    expect(leadq([input, '-r', previous, '--out', earlier])).toMatchObject({ code: 0, err: '' });
    const { twoPass } = bothIntoDirs(fresh('previous'), rules, [input], ['--previous', earlier]);
    expect(readCsv(path.join(twoPass, 'changes.csv')).length).toBeGreaterThan(100);
  }, 30_000);

  test('two passes, small blocks in two threads: the same as the reference too', () => {
    const out = path.join(base, 'two-pass-small');
    expect(leadq([input, '-r', rules.forced, '--out-dir', out, '--threads', '2', '--block-size', '1024'])).toMatchObject({ code: 0, err: '' });
    expectSameOutDirs(out, reference);
  }, 30_000);
});

/** `leadq score inputs…` with the deferred ruleset and with its forced twin, into out dirs `deferred` and `two-pass` of `folder`; both must succeed alike. */
function bothIntoDirs(folder: string, rules: { deferred: string; forced: string }, inputs: string[], extra: string[] = [], code = 0): { deferred: string; twoPass: string } {
  const twoPass = path.join(folder, 'two-pass');
  const deferred = path.join(folder, 'deferred');
  const forcedRun = leadq([...inputs, '-r', rules.forced, '--out-dir', twoPass, ...extra]);
  expect(forcedRun.code).toBe(code);
  // the deferred run in two threads and small blocks, cut inside quoted records
  const deferredRun = leadq([...inputs, '-r', rules.deferred, '--out-dir', deferred, '--threads', '2', '--block-size', '1024', ...extra]);
  expect(deferredRun.code).toBe(code);
  // the same messages (a rejected row's names its out dir)
  expect(deferredRun.err.replaceAll(deferred, 'OUT')).toBe(forcedRun.err.replaceAll(twoPass, 'OUT'));
  if (code === 0) expect(deferredRun.err).toBe('');
  expectSameOutDirs(deferred, twoPass);
  expect(scratchFiles(deferred)).toEqual([]);
  return { deferred, twoPass };
}

const exportText = (rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`;

describe('grouping: every key the same in one read as in two', () => {
  const rows = leadRows({ seed: 23, leads: 2500, companies: 250 });
  test.each([
    ['the account id column', ['id_column: account_id'], 'id'],
    ['email domains (free mail forms no account)', ['domain: email'], 'domain'],
    ['email, then website domains', ['domain: [email, { column: website, as: url }]'], 'domain'],
    ['company names', ['company: company'], 'name'],
  ])('%s', (name, keys, keyType) => {
    const folder = fresh(keyType);
    const input = writeFile(folder, 'leads.csv', exportText(rows));
    const { twoPass } = bothIntoDirs(folder, writeRules(folder, { keys }), [input]);
    // only some leads have an account id
    expectSubstantial(twoPass, 2500, 'account', keyType === 'id' ? 0.08 : 0.5);
    const accounts = readCsv(path.join(twoPass, 'accounts.csv'));
    expect(new Set(accounts.map((a) => a.key_type))).toEqual(new Set([keyType]));
    const scored = readCsv(path.join(twoPass, 'scored.csv'));
    if (name.startsWith('email domains')) {
      // a gmail.com address is no company's domain: no account, empty cells
      const free = scored.filter((r) => r.email.endsWith('@gmail.com'));
      expect(free.length).toBeGreaterThan(100);
      expect(free.every((r) => r.account === '' && r.account_score === '' && r.account_stage === '')).toBe(true);
    }
    if (keyType === 'name') {
      // "Company 7, Inc." and "COMPANY 7" are one account
      const of7 = new Set(scored.filter((r) => /^company 7(\b|,)/i.test(r.company) && !/^company 7\d/i.test(r.company)).map((r) => r.account));
      const spellings = new Set(scored.filter((r) => /^company 7(\b|,)/i.test(r.company) && !/^company 7\d/i.test(r.company)).map((r) => r.company));
      expect(spellings.size).toBeGreaterThan(2);
      expect(of7.size).toBe(1);
    }
  }, 30_000);
});

describe('completeness, renamed account columns, rejects, a repeated header, a footer and an account file', () => {
  test('completeness after the renamed account cells', () => {
    const folder = fresh('completeness');
    const input = writeFile(folder, 'leads.csv', exportText(leadRows({ seed: 31, leads: 2000, companies: 200 })));
    const { twoPass } = bothIntoDirs(folder, writeRules(folder, { completeness: true, rename: true }), [input]);
    expectSubstantial(twoPass, 2000, 'crm_account');
    const scored = readCsv(path.join(twoPass, 'scored.csv'));
    expect(Object.keys(scored[0]).slice(-4)).toEqual(['crm_account', 'acct_score', 'acct_tier', 'completeness']);
    expect(scored.some((r) => r.completeness === '3')).toBe(true);
  }, 30_000);

  test('rejected rows, a header line repeated mid-file, a Grand Totals footer, intent by domain', () => {
    const folder = fresh('rejects');
    const rows = leadRows({ seed: 37, leads: 2500, companies: 250 });
    // a row of the wrong width every so often, the header again in the middle (exports joined together)
    const mixed = rows.flatMap((r, i) => (i % 301 === 150 ? [r, `bad${i},only,three`] : [r]));
    mixed.splice(1200, 0, HEADER);
    const footer = ['', 'Grand Totals (2500 records)', '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."'];
    const input = writeFile(folder, 'leads.csv', `${[HEADER, ...mixed, ...footer].join('\r\n')}\r\n`);
    const rand = mulberry32(41);
    writeFile(folder, 'intent.csv', `Domain,Surge\n${Array.from({ length: 150 }, (_, c) => `${rand() < 0.5 ? 'https://www.' : ''}co${c * 2}.example,${Math.floor(rand() * 100)}`).join('\n')}\n`);
    const { twoPass } = bothIntoDirs(folder, writeRules(folder, { files: true, footer: true }), [input], [], 3);
    expectSubstantial(twoPass, 2500);
    const rejects = readCsv(path.join(twoPass, 'rejects.csv'));
    // the eight short rows and the repeated header; the footer's lines (one cell each) are not rejects
    expect(rejects.length).toBe(9);
    expect(rejects.filter((r) => r.reason.includes('repeated header')).length).toBe(1);
    const summary = JSON.parse(fs.readFileSync(path.join(twoPass, 'summary.json'), 'utf8'));
    expect(summary.rows.read - summary.rows.rejected).toBe(2500);
    const accounts = readCsv(path.join(twoPass, 'accounts.csv'));
    expect(accounts.filter((a) => a.surge !== '').length).toBeGreaterThan(20);
    expect(accounts.some((a) => a.reasons.includes('intent'))).toBe(true);
  }, 30_000);
});

describe('several inputs, standard output, --out FILE, another delimiter and encoding, formula-like names', () => {
  const folder = fresh('outputs');
  const a = leadRows({ seed: 43, leads: 1500, companies: 200, formulas: true });
  const b = leadRows({ seed: 47, leads: 1500, companies: 200, formulas: true, from: 1500 });
  b.splice(700, 0, 'short,row');
  const inputs = [writeFile(folder, 'a.csv', exportText(a)), writeFile(folder, 'b.csv', exportText(b))];
  const rules = writeRules(folder);

  test('the names the formulas come from are in the export', () => {
    expect(a.filter((r) => /,"?[=+]company \d+/i.test(r)).length).toBeGreaterThan(20);
  });

  test.each([
    ['standard output, no --out', []],
    ['standard output, -o -', ['-o', '-']],
    ['standard output, ; and windows-1252', ['--out-delimiter', ';', '--out-encoding', 'windows-1252']],
  ])('%s: the same bytes', (_name, extra) => {
    const forced = leadq([...inputs, '-r', rules.forced, ...extra]);
    const deferred = leadq([...inputs, '-r', rules.deferred, '--threads', '2', '--block-size', '1024', ...extra]);
    expect([forced.code, deferred.code]).toEqual([3, 3]);
    expect(deferred.err).toBe(forced.err);
    expectSameBytes('stdout', deferred.out, forced.out);
    const delimiter = extra.includes(';') ? ';' : ',';
    const text = extra.includes('windows-1252') ? deferred.out.toString('latin1') : deferred.out.toString('utf8');
    const rows = parse(text, { columns: true, delimiter }) as Record<string, string>[];
    expect(rows.length).toBe(3000);
    expect(rows.filter((r) => r.account !== '').length).toBeGreaterThan(1500);
    // a name beginning with = or + is escaped in its cells; the account key comes from the name, escaped or not
    const formulas = rows.filter((r) => /^'[=+]/.test(r.company));
    expect(formulas.length).toBeGreaterThan(20);
    expect(formulas.filter((r) => r.account !== '').length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.company.startsWith('Société')).length).toBeGreaterThan(100);
  }, 30_000);

  test('--out FILE with --rejects beside it, ; and windows-1252; no scratch file left in its folder', () => {
    const outs = ['forced', 'deferred'].map((tag) => fresh(`out-file-${tag}`));
    const [forced, deferred] = [rules.forced, rules.deferred].map((r, i) => leadq([...inputs, '-r', r, '--out', path.join(outs[i], 'scored.csv'), '--rejects', path.join(outs[i], 'rejects.csv'),
      '--out-delimiter', ';', '--out-encoding', 'windows-1252', ...(i === 1 ? ['--threads', '2', '--block-size', '1024'] : [])]));
    expect([forced.code, deferred.code]).toEqual([3, 3]);
    expect(deferred.err.replaceAll(outs[1], 'OUT')).toBe(forced.err.replaceAll(outs[0], 'OUT'));
    for (const name of ['scored.csv', 'rejects.csv']) expectSameBytes(name, fs.readFileSync(path.join(outs[1], name)), fs.readFileSync(path.join(outs[0], name)));
    expect(fs.readdirSync(outs[1]).sort()).toEqual(['rejects.csv', 'scored.csv']);
    const scored = readCsv(path.join(outs[1], 'scored.csv'), ';');
    expect(scored.length).toBe(3000);
    expect(scored.filter((r) => r.account !== '').length).toBeGreaterThan(1500);
    expect(readCsv(path.join(outs[1], 'rejects.csv'), ';').length).toBe(1);
  }, 30_000);

  test('--out-dir, ; and windows-1252: every file', () => {
    const { twoPass } = bothIntoDirs(fresh('dir-1252'), rules, inputs, ['--out-delimiter', ';', '--out-encoding', 'windows-1252'], 3);
    expect(readCsv(path.join(twoPass, 'scored.csv'), ';').length).toBe(3000);
    expect(readCsv(path.join(twoPass, 'accounts.csv'), ';').length).toBeGreaterThan(100);
  }, 30_000);
});

/** Every file of a folder (dotfiles too) with a digest of its bytes (jest compares long buffers slowly). */
const filesOf = (folder: string) => new Map(fs.readdirSync(folder).sort().map((n) => [n, createHash('sha256').update(fs.readFileSync(path.join(folder, n))).digest('hex')]));

describe('no scratch file left behind; a failing run replaces no output', () => {
  const folder = fresh('failing');
  const rows = leadRows({ seed: 53, leads: 2000, companies: 200 });
  const good = writeFile(folder, 'good.csv', exportText(rows));
  const rejected = writeFile(folder, 'rejected.csv', exportText(rows.map((r, i) => (i === 1500 ? 'too,few' : r))));
  const huge = writeFile(folder, 'huge.csv', exportText(rows.map((r, i) => (i === 1500 ? r.replace(/,n1500,|,"line one/, `,${'x'.repeat(20_000)},`) : r))));
  const rules = writeRules(folder);
  const failures: [string, string, string[]][] = [
    ['--max-rejects 0 and a rejected row (the read stops there)', rejected, ['--max-rejects', '0']],
    ['a row larger than --max-record-size', huge, ['--max-record-size', '5000']],
  ];

  test('the huge row is in its export', () => {
    expect(fs.readFileSync(huge, 'utf8')).toContain('x'.repeat(20_000));
  });

  test.each(failures)('--out-dir, %s: exit 1 as with two passes, the earlier outputs as they were', (_name, input, extra) => {
    const out = fresh('out-dir');
    expect(leadq([good, '-r', rules.deferred, '--out-dir', out])).toMatchObject({ code: 0, err: '' });
    expect(scratchFiles(out)).toEqual([]);
    expectSubstantial(out, 2000);
    const before = filesOf(out);
    const forced = leadq([input, '-r', rules.forced, '--out-dir', out, ...extra]);
    for (const threads of [['--threads', '1'], ['--threads', '2', '--block-size', '1024']]) {
      const failed = leadq([input, '-r', rules.deferred, '--out-dir', out, ...threads, ...extra]);
      expect(failed.code).toBe(1);
      expect(failed.err).toBe(forced.err);
      expect(failed.err).toMatch(/^leadq: /);
      expect(scratchFiles(out)).toEqual([]);
      expect(filesOf(out)).toEqual(before);
    }
  }, 30_000);

  test.each(failures)('--out FILE, %s: its folder holds the earlier scored file only', (_name, input, extra) => {
    const out = fresh('out-file');
    const file = path.join(out, 'scored.csv');
    expect(leadq([good, '-r', rules.deferred, '--out', file])).toMatchObject({ code: 0, err: '' });
    const before = filesOf(out);
    expect([...before.keys()]).toEqual(['scored.csv']);
    const failed = leadq([input, '-r', rules.deferred, '--out', file, '--threads', '2', '--block-size', '1024', ...extra]);
    expect(failed.code).toBe(1);
    expect(filesOf(out)).toEqual(before);
  }, 30_000);

  test('standard output: the scratch file in the temp folder, gone after the run, failed or not', () => {
    const ok = spawnSync(process.execPath, [BIN, 'score', good, '-r', rules.deferred, '-q', '--threads', '2', '--block-size', '1024'], { maxBuffer: 1 << 28 });
    expect(ok.status).toBe(0);
    expect(ok.stdout.length).toBeGreaterThan(100_000);
    const failed = spawnSync(process.execPath, [BIN, 'score', huge, '-r', rules.deferred, '-q', '--max-record-size', '5000'], { maxBuffer: 1 << 28 });
    expect(failed.status).toBe(1);
    const left = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`.leadq-rows-${ok.pid}-`) || n.startsWith(`.leadq-rows-${failed.pid}-`));
    expect(left).toEqual([]);
  }, 30_000);

  test('standard output, and no temporary folder to write the scratch file in: exit 1 before any output, with what to do', () => {
    const nowhere = path.join(os.tmpdir(), `leadq-no-such-folder-${process.pid}`);
    const failed = spawnSync(process.execPath, [BIN, 'score', good, '-r', rules.deferred, '-q'], { maxBuffer: 1 << 28, env: { ...process.env, TMPDIR: nowhere } });
    expect(failed.status).toBe(1);
    // not even the header: a cron job's redirect gets an empty file, not a header that looks like a run without leads
    expect(failed.stdout.length).toBe(0);
    expect(failed.stderr.toString()).toMatch(/cannot write the scratch file of the scored rows .*: the directory does not exist \[OUTPUT_WRITE\]\n {2}hint: .*point TMPDIR at a folder with room, or write with --out FILE or --out-dir DIR/);
  }, 30_000);
});

describe('leadRulesReadAccounts: whether a lead rule waits for the accounts', () => {
  const ACCOUNTS = [
    'accounts:',
    '  domain: email',
    '  engaged: { score: engagement, gte: 10 }',
    "  roles: { decision_maker: { column: title, matches: '/chief/i' } }",
    '  rules:',
    '    - { name: contacts, per: account_leads, points: 5 }',
    '    - { name: boss, when: { column: account_has_decision_maker, equals: true }, points: 5 }',
    '    - { name: intent, when: { column: surge, gte: 50 }, points: 5 }',
    '  files: { intent: { file: intent.csv, key: Domain, columns: { surge: Surge } } }',
    '  stages:',
    '    - name: target',
    '    - name: mqa',
    '      when: { column: account_score, gte: 10 }',
  ];
  const text = (lead: string[], accounts = ACCOUNTS) => ['engagement:', '  - { name: visit, per: visits, points: 5 }', ...lead, ...accounts].join('\n') + '\n';
  const reads = (source: string) => {
    const { ruleset, issues } = validateRuleset(parseRules(source, 'rules.yaml'), 'rules.yaml');
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    return leadRulesReadAccounts(ruleset);
  };
  const stage = (when: string) => ['stages:', '  - name: lead', '  - name: sql', `    when: ${when}`];

  test.each([
    ['a stage reads account_score', stage('{ column: account_score, gte: 30 }')],
    ['a stage reads an account stage', stage('{ column: account_at_mqa, equals: true }')],
    ['a stage reads a role', stage('{ all: [{ score: engagement, gte: 5 }, { column: account_has_decision_maker, equals: true }] }')],
    ['a stage reads an account file column', stage('{ column: surge, gte: 50 }')],
    ['a stage reads the account leads under not', stage('{ not: { column: account_leads, lt: 2 } }')],
    ['a disqualifier', ['disqualifiers:', '  - { reason: lonely, when: { column: account_leads, lt: 2 } }', ...stage('{ score: engagement, gte: 5 }')]],
    ['a priority band', [...stage('{ score: engagement, gte: 5 }'), 'priority:', '  bands:', '    - { name: P1, when: { column: account_engaged_leads, gte: 2 } }', '    - { name: P2 }']],
    ['a stage through a named condition', ['conditions:', '  big: { column: account_score_max, gte: 10 }', '  bigger: { any: [{ condition: big }, { column: title, equals: CEO }] }', ...stage('{ condition: bigger }')]],
    ['a disqualifier through a named condition', ['conditions:', '  dead: { column: account_last_activity, older_than_days: 365 }', 'disqualifiers:', '  - { reason: dead, when: { condition: dead } }', ...stage('{ score: engagement, gte: 5 }')]],
  ])('true: %s', (_name, lead) => {
    expect(reads(text(lead))).toBe(true);
  });

  test.each([
    ['only the account rules, stages, engaged and roles read them', stage('{ score: engagement, gte: 5 }')],
    ['lead rules read lead columns, a named condition too', ['conditions:', '  senior: { column: title, matches: \'/chief/i\' }',
      'disqualifiers:', '  - { reason: junk, when: { column: email, empty: true } }', ...stage('{ condition: senior }'),
      'priority:', '  bands:', '    - { name: P1, when: { condition: senior } }', '    - { name: P2 }']],
    ['an unused named condition reads an account value', ['conditions:', '  big: { column: account_score, gte: 10 }', ...stage('{ score: engagement, gte: 5 }')]],
  ])('false: %s', (_name, lead) => {
    expect(reads(text(lead))).toBe(false);
  });

  test('false without accounts, even for a column named like an account value', () => {
    expect(reads(text(stage('{ column: account_score, gte: 30 }'), []))).toBe(false);
    expect(reads(text(['disqualifiers:', '  - { reason: x, when: { column: account_at_mqa, equals: true } }', ...stage('{ score: engagement, gte: 5 }')], []))).toBe(false);
  });
});
