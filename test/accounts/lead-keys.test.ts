/**
 * The accounts pass numbers each lead's keys (engine/account-lead-keys.ts, the domain read as
 * bytes) as AccountKeyer reads them as text: checked string for string over random rows of ids,
 * emails and company names, with free mail, odd case, brackets and characters beyond ASCII.
 */
import { expect, test } from '@jest/globals';
import { LeadKeyNumbers } from '../../src/engine/account-lead-keys.js';
import { StringNumbers } from '../../src/engine/account-strings.js';
import { AccountKeyer } from '../../src/engine/accounts.js';
import type { TypedRow } from '../../src/input/rows/types.js';
import type { ResolvedAccounts } from '../../src/ruleset/resolved.js';
import { mulberry32 } from '../support/random.js';
import { companyKey, normalizeCompanyName, NOT_COMPANIES } from '../../src/model/accounts.js';

const NOT = new Set(NOT_COMPANIES.map(normalizeCompanyName));

const FREE = ['gmail.com', 'web.de', 'Yahoo.com', 'mail.é.example'];

/** the email in column 1; with `website`, the website in column 3 after it (`as: url`) */
function accounts(idColumn: number, company: number, website = false): ResolvedAccounts {
  const domains: ResolvedAccounts['domains'] = [{ index: 1, as: 'email', name: 'email' }];
  if (website) domains.push({ index: 3, as: 'url', name: 'website' });
  return {
    idColumn, domains, company, freeMailDomains: FREE, notCompanies: NOT_COMPANIES.map(normalizeCompanyName), engaged: null, activity: -1, roles: [],
    score: { name: 'account', rules: [] } as unknown as ResolvedAccounts['score'], stats: [], stages: [{ name: 'account', when: null }], index: 3, values: [], files: [],
  };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];

test.each([[-1, 2, false], [0, 2, false], [0, -1, false], [-1, 2, true], [0, 2, true]])('the keys numbered are AccountKeyer\'s (id column %i, company column %i, a website column %p), over 20,000 random rows', (idColumn, company, website) => {
  const rand = mulberry32(5 + idColumn + company + (website ? 100 : 0));
  const domains = ['acme.example', 'Acme.Example', 'müller.example', 'MÜLLER.example', 'gmail.com', 'GMail.com', 'web.de', 'yahoo.com', 'mail.é.example',
    'other.example', 'x-y.example', 'acme.example.', 'acme_example.com', 'localhost', ''];
  const emails = (d: string) => [`a@${d}`, ` Anna <anna@${d}>`, `(b@${d})`, `${d}`, `c@ ${d} `, `d@${d};`, `e@${d}\u00a0`];
  const companies = ['Acme, Inc.', 'ACME Inc', ' ACME Inc ', 'Müller GmbH', 'Inc.', '', '  ', 'Rheintal Maschinenbau', 'Ünïcode & Söhne', 'The Company', 'Self-employed', 'STUDENT', 'n/a'];
  const ids = ['', ' ', '0015X', ' 0015X ', '0015x', 'ÄÖ-1'];
  const sites = (d: string) => [`https://www.${d}/about`, d, `WWW.${d.toUpperCase()}:443`, `http://${d}.`, `${d}/x?y`, '', 'n/a', '192.168.0.1'];
  const a = accounts(idColumn, company, website);
  const keyer = new AccountKeyer(a, new Set(FREE));
  const numbers = new StringNumbers();
  const keys = new LeadKeyNumbers(a, new Set(FREE), numbers);
  const strings: string[] = [];
  const text = (n: number) => (n < 0 ? '' : strings[n]);
  const types = [0, 0, 0, 0];
  for (let i = 0; i < 20_000; i++) {
    const fields = [pick(rand, ids), pick(rand, emails(pick(rand, domains))), pick(rand, companies), website ? pick(rand, sites(pick(rand, domains))) : ''];
    const row: TypedRow = { fields, num: new Float64Array(4), day: new Float64Array(4), bool: new Int8Array(4), ids: new Int32Array(4) };
    const key = keyer.value(row, true);
    keys.read(row);
    strings.push(...numbers.take());
    // a cell that names no company (a legal form alone, Self-employed) names no account either
    const spelling = keyer.type >= 0 && company >= 0 && companyKey(fields[company], NOT) !== '' ? fields[company].trim() : '';
    expect([fields, keys.type, text(keys.key), text(keys.company), text(keys.linkDomain), text(keys.linkName)])
      .toEqual([fields, keyer.type, key, spelling, keyer.linkDomain, keyer.linkName]);
    types[keyer.type + 1]++;
  }
  // leads of no account and of each kind the columns allow were read
  expect(types.filter((n) => n > 500).length).toBe(idColumn < 0 ? 3 : company < 0 ? 3 : 4);
});
