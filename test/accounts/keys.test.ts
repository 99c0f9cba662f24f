/**
 * How an account is recognised: a company name normalised (case, punctuation, legal suffixes),
 * an email's domain (free-mail never), an id as written. Cases are what analysts see in exports.
 */
import { describe, expect, test } from '@jest/globals';
import { accountDomain, normalizeAccountId, normalizeCompanyName } from '../../src/model/accounts.js';
import { FREE_MAIL_DOMAINS } from '../../src/model/email.js';
import { mulberry32 } from '../support/random.js';

describe('company names', () => {
  test.each<[string, string[]]>([
    ['acme', ['Acme, Inc.', 'ACME Inc', 'acme inc.', 'Acme Incorporated', '  Acme   ', 'ACME, INC', 'Acme Inc. ']],
    ['rheintal maschinenbau', ['Rheintal Maschinenbau GmbH', 'RHEINTAL MASCHINENBAU', 'Rheintal-Maschinenbau GmbH']],
    ['grachten finance', ['Grachten Finance B.V.', 'Grachten Finance BV', 'grachten finance, b.v.']],
    ['kyoto ledger', ['Kyoto Ledger K.K.', 'Kyoto Ledger KK']],
    ['mumbai mills', ['Mumbai Mills Pvt Ltd', 'Mumbai Mills Private Limited']],
    ['johnson and johnson', ['Johnson & Johnson', 'JOHNSON AND JOHNSON', 'Johnson&Johnson Inc']],
    ['obrien consulting', ["O'Brien Consulting LLC", 'OBrien Consulting']],
    ['muller werkzeuge', ['Müller Werkzeuge AG', 'MÜLLER WERKZEUGE', 'Muller Werkzeuge']],
    // the German limited partnership with a GmbH as its partner, however written
    ['acme', ['Acme GmbH & Co. KG', 'ACME GMBH & CO KG', 'Acme Gmbh und Co KG', 'Acme GmbH', 'Acme AG & Co. KGaA']],
    ['lazard freres', ['Lazard Frères & Cie', 'LAZARD FRERES']],
    ['smith', ['Smith & Co.', 'Smith and Co Ltd']],
    ['societe generale', ['Société Générale S.A.', 'SOCIETE GENERALE SA', 'Societe Generale']],
    ['istanbul', ['İstanbul AŞ', 'ISTANBUL AS', 'Istanbul A.Ş.']],
    ['marks and spencer', ['Marks and Spencer', 'Marks & Spencer plc']],
  ])('%s', (key, spellings) => {
    for (const s of spellings) expect([s, normalizeCompanyName(s)]).toEqual([s, key]);
  });

  test('only trailing legal words go, and never the last word', () => {
    expect(normalizeCompanyName('The Company')).toBe('the company');
    expect(normalizeCompanyName('AG Software GmbH')).toBe('ag software');
    expect(normalizeCompanyName('Group Holdings Ltd')).toBe('group');
  });

  test('the vowel signs of other scripts stay: they are letters there, not accents', () => {
    expect(normalizeCompanyName('टाटा मोटर्स')).toBe('टाटा मोटर्स');
    expect(normalizeCompanyName('कमल')).not.toBe(normalizeCompanyName('कमला'));
    expect(normalizeCompanyName('Газпром ПАО')).toBe('газпром пао');
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

/** normalizeCompanyName as it was written first, with Unicode regexes for every name: the one-pass ASCII reading must agree. */
function regexName(name: string): string {
  const LEGAL = ['inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'llc', 'llp', 'lp', 'ltd', 'limited', 'plc',
    'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'ug', 'ev', 'se', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'oy', 'oyj', 'ab',
    'as', 'asa', 'aps', 'pty', 'pte', 'pvt', 'private', 'kk', 'sl', 'sro', 'zoo', 'sp', 'group', 'holding', 'holdings', 'ohg', 'cie'];
  const naming = ['company', 'group', 'holding', 'holdings', 'private'];
  const words = name.normalize('NFKC').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC')
    .replace(/&/g, ' and ').replace(/[.'’]/g, '').replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim().split(' ').filter((w) => w !== '');
  // trailing legal words, and a joining and/und once one of them went
  for (let dropped = false; words.length > (words[0] === 'the' ? 2 : 1);) {
    const last = words[words.length - 1];
    if (!LEGAL.includes(last) && !(dropped && (last === 'and' || last === 'und'))) break;
    words.pop();
    dropped = true;
  }
  if (words.every((w) => (LEGAL.includes(w) && !naming.includes(w)) || w === 'and')) return '';
  return words.join(' ');
}

test('company names read in one pass agree with the regexes over 50,000 random names', () => {
  const rand = mulberry32(29);
  const parts = ['Acme', 'ACME', 'müller', 'Inc', 'inc.', 'GmbH', 'Co', ' ', '  ', ',', '.', "'", '’', '&', '-', '_', '/', '(', ')', '2', 'The', 'the',
    'Company', 'Group', 'B.V.', 'S.A.', 'and', '\t', '@', '#', 'ß', 'Ⅻ', 'ﬁ', 'x', 'Q9', 'und', 'KG', 'Cie', 'Société', 'İ', 'टाटा'];
  let named = 0;
  for (let i = 0; i < 50_000; i++) {
    let name = '';
    const n = Math.floor(rand() * 7);
    for (let j = 0; j < n; j++) name += parts[Math.floor(rand() * parts.length)];
    const expected = regexName(name);
    expect([name, normalizeCompanyName(name)]).toEqual([name, expected]);
    if (expected !== '') named++;
  }
  expect(named).toBeGreaterThan(10_000);
});
