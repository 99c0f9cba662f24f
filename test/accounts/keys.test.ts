/**
 * How an account is recognised: a company name normalised (case, punctuation, legal suffixes),
 * an email's domain (free-mail never), an id as written. Cases are what analysts see in exports.
 */
import { describe, expect, test } from '@jest/globals';
import { accountDomain, normalizeAccountId, normalizeCompanyName } from '../../src/model/accounts.js';
import { FREE_MAIL_DOMAINS } from '../../src/model/email.js';

describe('company names', () => {
  test.each<[string, string[]]>([
    ['acme', ['Acme, Inc.', 'ACME Inc', 'acme inc.', 'Acme Incorporated', '  Acme   ', 'ACME, INC', 'Acme Inc. ']],
    ['rheintal maschinenbau', ['Rheintal Maschinenbau GmbH', 'RHEINTAL MASCHINENBAU', 'Rheintal-Maschinenbau GmbH']],
    ['grachten finance', ['Grachten Finance B.V.', 'Grachten Finance BV', 'grachten finance, b.v.']],
    ['kyoto ledger', ['Kyoto Ledger K.K.', 'Kyoto Ledger KK']],
    ['mumbai mills', ['Mumbai Mills Pvt Ltd', 'Mumbai Mills Private Limited']],
    ['johnson and johnson', ['Johnson & Johnson', 'JOHNSON AND JOHNSON', 'Johnson&Johnson Inc']],
    ['obrien consulting', ["O'Brien Consulting LLC", 'OBrien Consulting']],
    ['müller werkzeuge', ['Müller Werkzeuge AG', 'MÜLLER WERKZEUGE']],
  ])('%s', (key, spellings) => {
    for (const s of spellings) expect([s, normalizeCompanyName(s)]).toEqual([s, key]);
  });

  test('only trailing legal words go, and never the last word', () => {
    expect(normalizeCompanyName('The Company')).toBe('the company');
    expect(normalizeCompanyName('AG Software GmbH')).toBe('ag software');
    expect(normalizeCompanyName('Group Holdings Ltd')).toBe('group');
  });

  test('different companies stay different', () => {
    expect(normalizeCompanyName('Acme Logistics')).not.toBe(normalizeCompanyName('Acme'));
    expect(normalizeCompanyName('Acme 2')).not.toBe(normalizeCompanyName('Acme'));
  });

  test.each(['', '   ', ',.-', 'Inc', 'Inc.', 'LLC', 'Co., Ltd.', '&', 'GmbH & Co. KG'])('nothing left, or a legal form alone: no account (%j)', (cell) => {
    expect(normalizeCompanyName(cell)).toBe('');
  });
});

describe('email domains', () => {
  const freeMail = new Set(FREE_MAIL_DOMAINS);
  test.each<[string, string]>([
    ['anna@Acme-Corp.Example', 'acme-corp.example'],
    [' anna@acme.example ', 'acme.example'],
    ['"anna@x"@acme.example', 'acme.example'],
    ['anna@acme.example.', 'acme.example'],
    ['anna@gmail.com', ''],
    ['ANNA@GMAIL.COM', ''],
    ['anna@web.de', ''],
    ['anna@localhost', ''],
    ['acme.example', ''],
    ['@acme.example', ''],
    ['anna@', ''],
    ['', ''],
    // an address written with its name or in brackets, and what no domain holds
    ['Anna <anna@acme.example>', 'acme.example'],
    ['(bob@acme.example)', 'acme.example'],
    ['bob@acme.example;', 'acme.example'],
    ['bob@acme_example.com', ''],
    ['bob@acme.example/x', ''],
    ['bob@acme.exa mple', ''],
    ['bob@müller.example', 'müller.example'],
    // the big providers' country domains are free mail too
    ['anna@yahoo.de', ''],
    ['anna@Hotmail.co.uk', ''],
    ['anna@gmx.at', ''],
    ['anna@orange.fr', ''],
  ])('%j → %j', (email, domain) => {
    expect(accountDomain(email, freeMail)).toBe(domain);
  });

  test('the free-mail list is the caller\'s', () => {
    expect(accountDomain('anna@gmail.com', new Set())).toBe('gmail.com');
    expect(accountDomain('anna@acme.example', new Set(['acme.example']))).toBe('');
  });
});

test('ids are exact but for surrounding spaces', () => {
  expect(normalizeAccountId(' 0015g00000XyZ ')).toBe('0015g00000XyZ');
  expect(normalizeAccountId('0015g00000xyz')).not.toBe(normalizeAccountId('0015g00000XyZ'));
});
