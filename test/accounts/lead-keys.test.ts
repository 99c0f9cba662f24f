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

const FREE = ['gmail.com', 'web.de', 'Yahoo.com', 'mail.é.example'];

function accounts(idColumn: number, company: number): ResolvedAccounts {
  return {
    idColumn, domain: 1, company, freeMailDomains: FREE, engaged: null, activity: -1, roles: [],
    score: { name: 'account', rules: [] } as unknown as ResolvedAccounts['score'], stats: [], stages: [{ name: 'account', when: null }], index: 3, values: [], files: [],
  };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];

test.each([[-1, 2], [0, 2], [0, -1]])('the keys numbered are AccountKeyer\'s (id column %i, company column %i), over 20,000 random rows', (idColumn, company) => {
  const rand = mulberry32(5 + idColumn + company);
  const domains = ['acme.example', 'Acme.Example', 'müller.example', 'MÜLLER.example', 'gmail.com', 'GMail.com', 'web.de', 'yahoo.com', 'mail.é.example',
    'other.example', 'x-y.example', 'acme.example.', 'acme_example.com', 'localhost', ''];
  const emails = (d: string) => [`a@${d}`, ` Anna <anna@${d}>`, `(b@${d})`, `${d}`, `c@ ${d} `, `d@${d};`, `e@${d}\u00a0`];
  const companies = ['Acme, Inc.', 'ACME Inc', ' ACME Inc ', 'Müller GmbH', 'Inc.', '', '  ', 'Rheintal Maschinenbau', 'Ünïcode & Söhne', 'The Company'];
  const ids = ['', ' ', '0015X', ' 0015X ', '0015x', 'ÄÖ-1'];
  const a = accounts(idColumn, company);
  const keyer = new AccountKeyer(a, new Set(FREE));
  const numbers = new StringNumbers();
  const keys = new LeadKeyNumbers(a, new Set(FREE), numbers);
  const strings: string[] = [];
  const text = (n: number) => (n < 0 ? '' : strings[n]);
  const types = [0, 0, 0, 0];
  for (let i = 0; i < 20_000; i++) {
    const fields = [pick(rand, ids), pick(rand, emails(pick(rand, domains))), pick(rand, companies), ''];
    const row: TypedRow = { fields, num: new Float64Array(4), day: new Float64Array(4), bool: new Int8Array(4), ids: new Int32Array(4) };
    const key = keyer.value(row, true);
    keys.read(row);
    strings.push(...numbers.take());
    const spelling = keyer.type >= 0 && company >= 0 ? fields[company].trim() : '';
    expect([fields, keys.type, text(keys.key), text(keys.company), text(keys.linkDomain), text(keys.linkName)])
      .toEqual([fields, keyer.type, key, spelling, keyer.linkDomain, keyer.linkName]);
    types[keyer.type + 1]++;
  }
  // leads of no account and of each kind the columns allow were read
  expect(types.filter((n) => n > 500).length).toBe(idColumn < 0 ? 3 : company < 0 ? 3 : 4);
});
