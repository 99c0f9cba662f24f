/**
 * accounts.domain with a website column, end to end on the built CLI (worker threads run the built
 * code): a HubSpot-like export where some contacts have a company email, some only the company's
 * website, some both (the first column listed wins), and some what is no company domain (a broken
 * address, a free-mail website, an IP). Also: a one-column list is the one column, byte for byte,
 * and the same bytes come out of one thread or several, whatever the block size.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..');
const BIN = path.join(ROOT, 'bin', 'leadq.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadq-accounts-website-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const rules = (domain: string) => `
as_of: 2026-11-01
engagement:
  - { name: visit, per: Visits, points: 10 }
stages:
  - name: lead
accounts:
  domain: ${domain}
  company: Company Name
  rules:
    - { name: contacts, per: account_leads, points: 5 }
`;

const LEADS = [
  'Record ID,Email,Website URL,Company Name,Visits',
  // acme.com: by email, by website alone (a free-mail email, none, or a broken address before it)
  'C1,ann@acme.com,,Acme Inc,1',
  'C2,bob@gmail.com,https://www.Acme.com:443/about?x#y,,2',
  'C3,,acme.com/,,0',
  'C4,cy.lee,www.acme.com,,1',
  // an email and a website: the first column listed wins
  'C5,di@globex.com,https://www.acme.com,,0',
  // no company domain anywhere: a broken address is no domain, nor a free-mail website, an IP, localhost or n/a
  'C6,ed.lee,,,1',
  'C7,,gmail.com,,0',
  'C8,,http://192.168.0.1/,,0',
  'C9,,localhost,,0',
  'C10,fi@yahoo.com,n/a,,0',
  // a company name only: its own account
  'C11,,,Initech,0',
];

function run(out: string, rulesFile: string, ...extra: string[]) {
  const result = spawnSync(process.execPath, [BIN, 'score', path.join(dir, 'leads.csv'), '-r', rulesFile, '--out-dir', out, '-q', ...extra], { encoding: 'utf8' });
  return { code: result.status, err: result.stderr };
}

function explain(rulesFile: string, lead: string, ...extra: string[]) {
  const result = spawnSync(process.execPath, [BIN, 'explain', path.join(dir, 'leads.csv'), '-r', rulesFile, '--lead', lead, ...extra], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function rows(file: string): Record<string, string>[] {
  const [header, ...body] = fs.readFileSync(file, 'utf8').trimEnd().split(/\r?\n/).map((l) => l.split(','));
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const writeRules = (name: string, domain: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, rules(domain));
  return file;
};

describe('a lead with only a website joins its colleagues at that domain', () => {
  fs.writeFileSync(path.join(dir, 'leads.csv'), `${LEADS.join('\n')}\n`);
  const listed = writeRules('list.yaml', '[Email, { column: Website URL, as: url }]');
  const reference = path.join(dir, 'list');

  test('score: the account of each lead', () => {
    expect(run(reference, listed, '--threads', '1')).toEqual({ code: 0, err: '' });
    const scored = rows(path.join(reference, 'scored.csv'));
    expect(scored.map((l) => [l['Record ID'], l.account])).toEqual([
      ['C1', 'acme.com'], ['C2', 'acme.com'], ['C3', 'acme.com'], ['C4', 'acme.com'], ['C5', 'globex.com'],
      ['C6', ''], ['C7', ''], ['C8', ''], ['C9', ''], ['C10', ''], ['C11', 'initech'],
    ]);
    const accounts = rows(path.join(reference, 'accounts.csv'));
    expect(accounts.map((a) => [a.account, a.key_type, a.leads, a.score])).toEqual([
      ['acme.com', 'domain', '4', '20'], ['globex.com', 'domain', '1', '5'], ['initech', 'name', '1', '5'],
    ]);
  });

  test('the email column alone, as before: the website-only leads fall back to their name or none', () => {
    const out = path.join(dir, 'email-only');
    expect(run(out, writeRules('email.yaml', 'Email'), '--threads', '1')).toEqual({ code: 0, err: '' });
    expect(rows(path.join(out, 'scored.csv')).filter((l) => l.account !== '').map((l) => [l['Record ID'], l.account]))
      .toEqual([['C1', 'acme.com'], ['C5', 'globex.com'], ['C11', 'initech']]);
  });

  test('a list of one column is that column: every output byte-identical', () => {
    const one = path.join(dir, 'one');
    const list = path.join(dir, 'one-list');
    // one rules file, rewritten: summary.json names it
    expect(run(one, writeRules('one.yaml', 'Email'), '--threads', '1')).toEqual({ code: 0, err: '' });
    expect(run(list, writeRules('one.yaml', '[Email]'), '--threads', '1')).toEqual({ code: 0, err: '' });
    for (const name of fs.readdirSync(one)) {
      expect([name, fs.readFileSync(path.join(list, name), 'utf8')]).toEqual([name, fs.readFileSync(path.join(one, name), 'utf8')]);
    }
  });

  test.each([
    ['three threads', ['--threads', '3']],
    ['three threads, small blocks', ['--threads', '3', '--block-size', '64']],
  ])('%s: every output byte-identical to one thread', (_name, extra) => {
    const out = path.join(dir, extra.join(''));
    expect(run(out, listed, ...extra)).toEqual({ code: 0, err: '' });
    expect(fs.readdirSync(out).sort()).toEqual(fs.readdirSync(reference).sort());
    for (const name of fs.readdirSync(reference)) {
      expect([name, fs.readFileSync(path.join(out, name), 'utf8')]).toEqual([name, fs.readFileSync(path.join(reference, name), 'utf8')]);
    }
  }, 60_000);

  test('an account file names the domain as a website column reads it: port, www. and case dropped', () => {
    const file = writeRules('intent.yaml', '[Email, { column: Website URL, as: url }]\n  files: { intent: { file: intent.csv, key: Domain, columns: { surge: Surge } } }');
    fs.writeFileSync(path.join(dir, 'intent.csv'), 'Domain,Surge\nhttps://www.ACME.com:443/pricing,80\nwww.globex.com.,30\n');
    const out = path.join(dir, 'intent');
    expect(run(out, file, '--threads', '1')).toEqual({ code: 0, err: '' });
    expect(rows(path.join(out, 'accounts.csv')).map((a) => [a.account, a.surge])).toEqual([['acme.com', '80'], ['globex.com', '30'], ['initech', '']]);
  });

  test('explain says which column gave the lead\'s domain', () => {
    const byWebsite = explain(listed, 'C2');
    expect([byWebsite.code, byWebsite.err]).toEqual([0, '']);
    expect(byWebsite.out).toMatch(/^account "acme\.com" \(by domain, "Acme Inc"\) · stage account · score 20\n {2}the lead's domain is from its column "Website URL"$/m);
    const json = JSON.parse(explain(listed, 'C1', '--json').out);
    expect(json.account.lead_key).toEqual({ key: 'acme.com', key_type: 'domain', column: 'Email' });
    // one domain column says itself
    expect(JSON.parse(explain(path.join(dir, 'email.yaml'), 'C1', '--json').out).account.lead_key).toEqual({ key: 'acme.com', key_type: 'domain' });
  });
});
