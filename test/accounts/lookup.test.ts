/**
 * The lead pass finds a row's account in the shared key table (engine/account-lookup.ts) as the
 * accounts pass read its key (AccountKeyer) and a map of every key would find it: checked against
 * exactly that over random rows of ids, emails and company names that hit and miss, with free
 * mail, linked keys, odd case, brackets and characters beyond ASCII.
 */
import { describe, expect, test } from '@jest/globals';
import { AccountKeyer, KEY_PREFIXES } from '../../src/engine/accounts.js';
import { accountKeys, AccountLookup } from '../../src/engine/account-lookup.js';
import type { TypedRow } from '../../src/input/rows/types.js';
import { accountDomain, asciiAccountDomain, NOT_ASCII } from '../../src/model/accounts.js';
import type { ResolvedAccounts } from '../../src/ruleset/resolved.js';
import { mulberry32 } from '../support/random.js';
import { normalizeCompanyName, NOT_COMPANIES } from '../../src/model/accounts.js';

const FREE = ['gmail.com', 'web.de', 'Yahoo.com', 'mail.é.example'];

/** the email in column 1; with `website`, the website in column 3 after it (`as: url`) */
function accounts(idColumn: number, website = false): ResolvedAccounts {
  const domains: ResolvedAccounts['domains'] = [{ index: 1, as: 'email', name: 'email' }];
  if (website) domains.push({ index: 3, as: 'url', name: 'website' });
  return {
    idColumn, domains, company: 2, freeMailDomains: FREE, notCompanies: NOT_COMPANIES.map(normalizeCompanyName), engaged: null, activity: -1, roles: [],
    score: { name: 'account', rules: [] } as unknown as ResolvedAccounts['score'], stats: [], stages: [{ name: 'account', when: null }], index: 3, values: [], files: [],
  };
}

function row(fields: string[]): TypedRow {
  return { fields, num: new Float64Array(4), day: new Float64Array(4), bool: new Int8Array(4), ids: new Int32Array(4) };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];

describe('AccountLookup', () => {
  test.each([[-1, false], [0, false], [-1, true], [0, true]])('finds what a map of every key finds (id column %i, a website column %p), over 20,000 random rows', (idColumn, website) => {
    const rand = mulberry32(41 + idColumn + (website ? 100 : 0));
    const domains = ['acme.example', 'Acme.Example', 'müller.example', 'MÜLLER.example', 'gmail.com', 'GMail.com', 'web.de', 'yahoo.com', 'mail.é.example',
      'other.example', 'x-y.example', 'acme.example.', 'acme_example.com', 'localhost', ''];
    const emails = (d: string) => [`a@${d}`, ` Anna <anna@${d}>`, `(b@${d})`, `${d}`, `c@ ${d} `, `d@${d};`, `e@${d}\u00a0`];
    const companies = ['Acme, Inc.', 'ACME Inc', 'Müller GmbH', 'Inc.', '', '  ', 'Rheintal Maschinenbau', 'Other Co', 'Ünïcode & Söhne', 'The Company', 'Self-employed', 'Freelance'];
    const ids = ['', ' ', '0015X', ' 0015X ', '0015x', 'ÄÖ-1', 'id-2'];
    const sites = (d: string) => [`https://www.${d}/about`, d, `WWW.${d.toUpperCase()}:443`, `http://${d}.`, `${d}/x?y`, '', 'n/a', '192.168.0.1'];
    const a = accounts(idColumn, website);
    const keyer = new AccountKeyer(a, new Set(FREE));
    const rows = Array.from({ length: 20_000 }, () => row([pick(rand, ids), pick(rand, emails(pick(rand, domains))), pick(rand, companies), website ? pick(rand, sites(pick(rand, domains))) : '']));
    // the accounts: some of the keys the rows have, a few linked into others
    const seen = new Set<string>();
    for (const r of rows) {
      const key = keyer.value(r);
      if (keyer.type >= 0) seen.add(KEY_PREFIXES[keyer.type] + key);
    }
    const all = [...seen].sort().filter(() => rand() < 0.8);
    const keys = all.filter(() => rand() < 0.7);
    const aliases = all.filter((k) => !keys.includes(k));
    const aliasOf = Int32Array.from(aliases, () => Math.floor(rand() * keys.length));
    const oracle = new Map<string, number>([...keys.map((k, i): [string, number] => [k, i]), ...aliases.map((k, i): [string, number] => [k, aliasOf[i]])]);
    const lookup = new AccountLookup(a, new Set(FREE), accountKeys(keys, aliases, aliasOf));
    let found = 0;
    for (const r of rows) {
      const key = keyer.value(r);
      const expected = keyer.type < 0 ? -1 : oracle.get(KEY_PREFIXES[keyer.type] + key) ?? -1;
      expect(lookup.find(r)).toBe(expected);
      if (expected >= 0) { found++; expect(lookup.shown(expected)).toBe(keys[expected].slice(2)); }
    }
    // both kinds of answer were asked for
    expect(found).toBeGreaterThan(1000);
    expect(found).toBeLessThan(rows.length - 1000);
  });
});

describe('asciiAccountDomain', () => {
  test('the bytes of accountDomain\'s domain (before free mail), or NOT_ASCII, over 50,000 random emails', () => {
    const rand = mulberry32(7);
    // mostly what domains are made of, so that many are read whole
    const alphabet = ['a', 'b', 'c', 'x', 'Z', 'Q', 'm', 'k', '0', '9', 'a', 'b', 'c', 'x', 'Z', 'Q', 'm', 'k', '-', '_', '.', '.', '@', '@', ' ', '\t', '>', ')', ']', ';', ',', '<', '(', 'é', 'Ü', '\u00a0', '\u3000', '/', '"'];
    const out = new Uint8Array(64);
    let domains = 0;
    for (let i = 0; i < 50_000; i++) {
      let email = '';
      const n = Math.floor(rand() * 14);
      for (let j = 0; j < n; j++) email += pick(rand, alphabet);
      if (rand() < 0.5) email = `x@${email.replace(/@/g, '')}.ex`;
      const n2 = asciiAccountDomain(email, out, 1);
      const expected = accountDomain(email, new Set());
      if (n2 === NOT_ASCII) { expect(/[^\x00-\x7f]/.test(email)).toBe(true); continue; }
      expect(Buffer.from(out.subarray(1, 1 + n2)).toString('latin1')).toBe(expected);
      if (n2 > 0) domains++;
    }
    expect(domains).toBeGreaterThan(1500);
  });
});
