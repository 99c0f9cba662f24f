/**
 * Company cells that name no company (`Freelance`, `Self-employed`, `N/A`…) form no account, or
 * every freelancer and student of an export would be one buying group; `accounts.not_companies`
 * replaces the built-in list, compared normalised like the names. Likewise a free-mail domain
 * listed with its `@` (`@mycorp.example`) is that domain.
 */
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { companyKey, normalizeCompanyName, NOT_COMPANIES } from '../../src/model/accounts.js';
import { cleanTempDirs, readCsv, run, tempDir, write } from '../e2e/helpers.js';

afterEach(cleanTempDirs);

const defaults = new Set(NOT_COMPANIES.map(normalizeCompanyName));

describe('companyKey', () => {
  test.each(['Self-employed', 'SELF EMPLOYED', 'self-employed.', 'Freelance', 'freelancer', 'Student', 'N/A', 'n.a.', 'None', 'Unknown', 'TBD', '0', 'Private'])('%j names no company', (cell) => {
    expect(companyKey(cell, defaults)).toBe('');
  });

  test.each([['Acme Inc', 'acme'], ['Student Loan Company', 'student loan'], ['Freelance Media GmbH', 'freelance media'], ['Unknown Worlds Entertainment', 'unknown worlds entertainment']])('%j is a company (%s)', (cell, key) => {
    expect(companyKey(cell, defaults)).toBe(key);
  });
});

describe('accounts by company name', () => {
  const LEADS = ['Email,Company', 'a@gmail.com,Acme Inc', 'b@gmail.com,ACME', 'c@gmail.com,Freelance', 'd@gmail.com,freelancer',
    'e@gmail.com,Self-employed', 'f@gmail.com,Student', 'g@gmail.com,Consulting Partners', 'h@gmail.com,consulting partners'].join('\n') + '\n';
  const rules = (extra = '') => `as_of: 2026-11-01
engagement:
  - { name: any, when: { column: Email, present: true }, points: 1 }
stages:
  - name: lead
accounts:
  domain: Email
  company: Company
${extra}  stages:
    - name: target
`;

  async function accountsOf(extra: string): Promise<string[]> {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    const result = await run(['score', write(dir, 'leads.csv', LEADS), '-r', write(dir, 'rules.yaml', rules(extra)), '--out-dir', out, '-q']);
    expect(result.code).toBe(0);
    const rows = readCsv(path.join(out, 'scored.csv'));
    return rows.slice(1).map((r) => r[rows[0].indexOf('account')]);
  }

  test('by default freelancers, the self-employed and students have no account; companies do', async () => {
    expect(await accountsOf('')).toEqual(['acme', 'acme', '', '', '', '', 'consulting partners', 'consulting partners']);
  });

  test('not_companies replaces the list, its entries normalised like names', async () => {
    expect(await accountsOf("  not_companies: ['Consulting Partners', 'SELF-EMPLOYED']\n")).toEqual(['acme', 'acme', 'freelance', 'freelancer', '', 'student', '', '']);
  });
});

describe('free-mail domains written with their @', () => {
  test('are the domains: leads there form no account, and free_mail: true holds for them', async () => {
    const dir = tempDir();
    const leads = write(dir, 'leads.csv', 'Email,Company\na@MyCorp.example,Acme\nb@mycorp.example,Beta\nc@acme.example,Acme\n');
    const rules = write(dir, 'rules.yaml', `as_of: 2026-11-01
free_mail_domains: ['@MyCorp.example']
engagement:
  - { name: free, when: { column: Email, free_mail: true }, points: 1 }
stages:
  - name: lead
accounts:
  domain: Email
  company: Company
  free_mail_domains: [' @mycorp.example']
  stages:
    - name: target
`);
    const out = path.join(dir, 'out');
    expect((await run(['score', leads, '-r', rules, '--out-dir', out, '-q'])).code).toBe(0);
    const rows = readCsv(path.join(out, 'scored.csv'));
    const at = (name: string) => rows[0].indexOf(name);
    // at a free-mail domain: recognised by the company name instead (a@… joins Acme's domain account by its vote)
    expect(rows.slice(1).map((r) => [r[at('score')], r[at('account')]])).toEqual([['1', 'acme.example'], ['1', 'beta'], ['0', 'acme.example']]);
  });
});

describe("an account's name", () => {
  test('is never a cell that names no company, however often its leads write it', async () => {
    const dir = tempDir();
    const leads = write(dir, 'leads.csv', 'Email,Company\na@acme.example,Inc.\nb@acme.example,Inc.\nc@acme.example,Freelance\nd@acme.example,Freelance\ne@acme.example,Acme Labs\nf@solo.example,Inc.\n');
    const rules = write(dir, 'rules.yaml', `as_of: 2026-11-01
engagement:
  - { name: any, when: { column: Email, present: true }, points: 1 }
stages:
  - name: lead
accounts:
  domain: Email
  company: Company
  stages:
    - name: target
`);
    const out = path.join(dir, 'out');
    expect((await run(['score', leads, '-r', rules, '--out-dir', out, '-q'])).code).toBe(0);
    const rows = readCsv(path.join(out, 'accounts.csv'));
    expect(rows.slice(1).map((r) => [r[0], r[rows[0].indexOf('name')], r[rows[0].indexOf('leads')]])).toEqual([['acme.example', 'Acme Labs', '5'], ['solo.example', '', '1']]);
  });
});
