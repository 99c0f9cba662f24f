/**
 * Linked keys, each case worked out by hand in the comments: a name or a domain joins the account
 * most of its leads' colleagues are recognised by; ties go to the id before the domain, then to the
 * smallest key; two ids are never joined, nor two domains by way of a name; a name follows its
 * domain's own link to an id; and the rows' order does not matter.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { cleanTempDirs, read, readCsv, run, score, tempDir, write } from '../e2e/helpers.js';

afterEach(cleanTempDirs);

const RULES = `
as_of: 2026-11-01
engagement:
  - { name: visit, per: visits, points: 10 }
stages:
  - name: lead
accounts:
  id_column: account_id
  domain: email
  company: company
  rules:
    - { name: contacts, per: account_leads, points: 5 }
`;

const HEADER = 'id,email,company,account_id,visits';
const LEADS = [
  // a name tied between two domains: zeta has one lead at alpha.example and one at beta.example → alpha.example, the smaller
  'T1,a@alpha.example,Zeta,,1',
  'T2,b@beta.example,Zeta Inc,,2',
  'T3,c@gmail.com,ZETA,,3',
  // a name tied between an id and a domain: omega has one lead of O-9 and one at omega-two.example → O-9, the id
  'T4,d@omega-one.example,Omega,O-9,0',
  'T5,e@omega-two.example,Omega,,0',
  'T6,f@gmail.com,Omega,,4',
  // a domain tied between two ids: twin.example has one lead of Z-2 and one of Y-1 → Y-1, the smaller
  'T7,g@twin.example,,Z-2,0',
  'T8,h@twin.example,,Y-1,0',
  'T9,i@twin.example,,,1',
  // two ids at one domain: they stay two accounts; the lead without an id joins B-2, which has two leads there to A-1's one
  'S1,a@shared.example,,B-2,0',
  'S2,b@shared.example,,B-2,0',
  'S3,c@shared.example,,A-1,0',
  'S4,d@shared.example,,,2',
  // a name at two domains: orbit has two leads at orbit.example and one at orbit-de.example → orbit.example; the domains stay apart
  'N1,a@orbit.example,Orbit,,0',
  'N2,b@orbit.example,Orbit GmbH,,0',
  'N3,c@orbit-de.example,Orbit AG,,0',
  'N4,d@web.de,Orbit,,1',
  // a name follows its domain's link: chain has one lead of K-1 and two at chain.example, so → chain.example, which is K-1's
  'C1,a@chain.example,Chain,K-1,0',
  'C2,b@chain.example,Chain,,0',
  'C3,c@chain.example,Chain,,0',
  'C4,d@gmail.com,Chain,,5',
];

async function scored(rows: string[]) {
  const dir = tempDir();
  const input = write(dir, 'leads.csv', `${HEADER}\n${rows.join('\n')}\n`);
  const rules = write(dir, 'rules.yaml', RULES);
  const out = path.join(dir, 'out');
  const r = await score(input, rules, '--out-dir', out);
  expect([r.code, r.err]).toEqual([0, '']);
  const table = (file: string) => {
    const [header, ...rest] = readCsv(path.join(out, file));
    return rest.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
  };
  return { accounts: table('accounts.csv'), leads: table('scored.csv'), text: read(path.join(out, 'accounts.csv')), input, rules };
}

describe('linked keys', () => {
  test('each account with its leads and the keys linked into it, in key order', async () => {
    const { accounts } = await scored(LEADS);
    expect(accounts.map((a) => [a.account, a.key_type, a.leads, a.linked, a.lead_score_sum, a.score])).toEqual([
      ['alpha.example', 'domain', '2', 'name zeta (1)', '40', '10'],
      ['beta.example', 'domain', '1', '', '20', '5'],
      ['omega-two.example', 'domain', '1', '', '0', '5'],
      ['orbit-de.example', 'domain', '1', '', '0', '5'],
      ['orbit.example', 'domain', '3', 'name orbit (1)', '10', '15'],
      ['A-1', 'id', '1', '', '0', '5'],
      ['B-2', 'id', '3', 'domain shared.example (1)', '20', '15'],
      ['K-1', 'id', '4', 'domain chain.example (2); name chain (1)', '50', '20'],
      ['O-9', 'id', '2', 'name omega (1)', '40', '10'],
      ['Y-1', 'id', '2', 'domain twin.example (1)', '10', '10'],
      ['Z-2', 'id', '1', '', '0', '5'],
    ]);
  });

  test('every lead has the account its key is linked into, and its values', async () => {
    const { leads } = await scored(LEADS);
    expect(leads.map((l) => [l.id, l.account, l.account_score])).toEqual([
      ['T1', 'alpha.example', '10'], ['T2', 'beta.example', '5'], ['T3', 'alpha.example', '10'],
      ['T4', 'O-9', '10'], ['T5', 'omega-two.example', '5'], ['T6', 'O-9', '10'],
      ['T7', 'Z-2', '5'], ['T8', 'Y-1', '10'], ['T9', 'Y-1', '10'],
      ['S1', 'B-2', '15'], ['S2', 'B-2', '15'], ['S3', 'A-1', '5'], ['S4', 'B-2', '15'],
      ['N1', 'orbit.example', '15'], ['N2', 'orbit.example', '15'], ['N3', 'orbit-de.example', '5'], ['N4', 'orbit.example', '15'],
      ['C1', 'K-1', '20'], ['C2', 'K-1', '20'], ['C3', 'K-1', '20'], ['C4', 'K-1', '20'],
    ]);
  });

  test('the rows in any order: the same accounts, byte for byte', async () => {
    const reference = (await scored(LEADS)).text;
    // reversed, and every third row first: the ties are decided by the keys, not by who came first
    expect((await scored([...LEADS].reverse())).text).toBe(reference);
    expect((await scored([...LEADS.filter((_, i) => i % 3 === 2), ...LEADS.filter((_, i) => i % 3 !== 2)])).text).toBe(reference);
  });

  test('one more vote decides: a second lead of beta.example named Zeta takes the name from alpha.example', async () => {
    const { accounts } = await scored([...LEADS, 'T10,j@beta.example,Zeta,,0']);
    expect(accounts.filter((a) => a.account.endsWith('a.example')).map((a) => [a.account, a.leads, a.linked])).toEqual([
      ['alpha.example', '1', ''], ['beta.example', '3', 'name zeta (1)'],
    ]);
  });

  test('explain: the lead\'s own key and the keys its account includes', async () => {
    const { input, rules } = await scored(LEADS);
    const r = await run(['explain', input, '--rules', rules, '--lead', 'C4']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^account "K-1" \(by id, "Chain"\) · stage account · score 20\n {2}the lead is recognised by name "chain", linked to this account\n {2}includes 3 leads recognised by domain "chain\.example" \(2\) and name "chain" \(1\)$/m);
    const own = await run(['explain', input, '--rules', rules, '--lead', 'C1', '--json']);
    const account = JSON.parse(own.out).account;
    expect([account.lead_key, account.linked]).toEqual([{ key: 'K-1', key_type: 'id' }, [{ key: 'chain.example', key_type: 'domain', leads: 2 }, { key: 'chain', key_type: 'name', leads: 1 }]]);
  });
});
