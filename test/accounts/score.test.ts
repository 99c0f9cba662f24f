/**
 * `leadq score` with accounts, end to end on a small export whose account values were worked out
 * by hand (in the comments): each grouping key and its order of preference, free mail, name
 * normalisation, roles from titles and from a role column, account rules and ladder, lead stages
 * reading account values, completeness in a rule, accounts.csv, the summary's account funnel,
 * linked keys (a name or a domain joining the account its colleagues are recognised by), and the
 * same results for the rows in another order.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { cleanTempDirs, read, readCsv, run, score, tempDir, write } from '../e2e/helpers.js';

afterEach(cleanTempDirs);

const RULES = `
as_of: 2026-11-01
engagement:
  - { name: visit, per: visits, points: 10 }
fit:
  - { name: complete record, when: { column: completeness, gte: 5 }, points: 1 }
stages:
  - name: lead
  - name: sql
    when: { all: [{ score: engagement, gte: 20 }, { column: account_at_mqa, equals: true }] }
completeness:
  company: company
  title: title
  name: [first, last]
  phone: phone
  email: email
accounts:
  id_column: account_id
  domain: email
  company: company
  engaged: { score: engagement, gte: 20 }
  activity: last_activity
  roles:
    decision_maker: { column: title, matches: '/\\b(CEO|VP|Chief)\\b/i' }
    user: { column: role, equals: User }
  rules:
    - { name: contacts, per: account_leads, points: 5, max: 15 }
    - { name: engaged contacts, per: account_engaged_leads, points: 10 }
    - { name: decision maker, when: { column: account_has_decision_maker, equals: true }, points: 20 }
  stages:
    - name: target
    - name: mqa
      when: { column: account_score, gte: 40 }
`;

const HEADER = 'id,first,last,email,phone,company,title,role,account_id,visits,last_activity';
const LEADS = [
  // acme.example by domain: L1 engaged (30), CEO, complete (5 → +1 fit, total 31); L2 a user (10)
  'L1,Ann,A,ann@acme.example,123,"Acme, Inc.",CEO,,,3,2026-10-01',
  'L2,Bob,B,bob@ACME.example,,ACME Inc,Analyst,User,,1,2026-10-20',
  // free mail: the company name, normalised ("acme"); L1 and L2 at acme.example are named so too
  // (two votes acme → acme.example): linked, L3 is a lead of acme.example
  'L3,Cy,C,cy@gmail.com,,"Acme, Inc.",Engineer,,,0,',
  // account id A-1 wins over the domain: L4 engaged (20), VP, complete (total 21); L5 a user
  'L4,Di,D,di@globex.example,555,Globex,VP Sales,,A-1,2,2026-09-01',
  'L5,Ed,E,ed@globex.example,,Globex,Engineer,User,A-1,0,',
  // no id: the domain, which L4 and L5 of A-1 are at (two votes globex.example → A-1): a lead of A-1
  'L6,Flo,F,flo@globex.example,,Globex GmbH,,,,1,',
  // free mail and no company: no account (engagement 50, but no account at mqa: stays a lead)
  'L7,Gus,G,gus@hotmail.com,,,,,,5,',
  // no valid email: the company name
  'L8,,,not-an-email,,Initech LLC,Manager,,,0,',
];

function setup(rows = LEADS, rules = RULES) {
  const dir = tempDir();
  const input = write(dir, 'leads.csv', `${HEADER}\n${rows.join('\n')}\n`);
  const rulesFile = write(dir, 'rules.yaml', rules);
  return { dir, input, rules: rulesFile, out: path.join(dir, 'out') };
}

const byHeader = (rows: string[][]) => rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [h, r[i]])));

/** The reasons' amounts (the last signed number of each entry) add up to the score. */
function reasonsTotal(reasons: string): number {
  if (reasons === '') return 0;
  return reasons.split('; ').reduce((sum, r) => sum + Number(/([+-]\d+(?:\.\d+)?)(?: \([^)]*\))?$/.exec(r)![1]), 0);
}

describe('accounts from a small export', () => {
  test('accounts.csv: one row per account, by key, as worked out by hand', async () => {
    const s = setup();
    const r = await score(s.input, s.rules, '--out-dir', s.out);
    expect([r.code, r.err]).toEqual([0, '']);
    const rows = byHeader(readCsv(path.join(s.out, 'accounts.csv')));
    expect(rows.map((a) => [a.account, a.key_type, a.name, a.leads, a.linked, a.engaged_leads, a.roles, a.lead_score_sum, a.lead_score_max, a.lead_score_avg, a.last_activity, a.score, a.stage])).toEqual([
      // L1, L2 and L3 (linked by name): 3 contacts ×5, 1 engaged ×10, a decision maker +20 = 45: mqa;
      // "Acme, Inc." twice (L1, L3), "ACME Inc" once; scores 31 + 10 + 0
      ['acme.example', 'domain', 'Acme, Inc.', '3', 'name acme (1)', '1', 'decision_maker; user', '41', '31', '13.67', '2026-10-20', '45', 'mqa'],
      // L4, L5 and L6 (linked by domain): 3 ×5, L4 engaged, L4 a VP = 45; scores 21 + 0 + 10
      ['A-1', 'id', 'Globex', '3', 'domain globex.example (1)', '1', 'decision_maker; user', '31', '21', '10.33', '2026-09-01', '45', 'mqa'],
      // no lead of another key is named Initech: alone
      ['initech', 'name', 'Initech LLC', '1', '', '0', '', '0', '0', '0', '', '5', 'target'],
    ]);
    for (const a of rows) expect([a.account, reasonsTotal(a.reasons)]).toEqual([a.account, Number(a.score)]);
    expect(rows[0].reasons).toBe('contacts 3x5=+15; engaged contacts 1x10=+10; decision maker +20');
  });

  test('lead rows: their account, its score and stage; lead stages read the account', async () => {
    const s = setup();
    await score(s.input, s.rules, '--out-dir', s.out);
    const leads = byHeader(readCsv(path.join(s.out, 'scored.csv')));
    expect(leads.map((l) => [l.id, l.score, l.stage, l.account, l.account_score, l.account_stage])).toEqual([
      ['L1', '31', 'sql', 'acme.example', '45', 'mqa'],
      ['L2', '10', 'lead', 'acme.example', '45', 'mqa'],
      ['L3', '0', 'lead', 'acme.example', '45', 'mqa'],
      ['L4', '21', 'sql', 'A-1', '45', 'mqa'],
      ['L5', '0', 'lead', 'A-1', '45', 'mqa'],
      ['L6', '10', 'lead', 'A-1', '45', 'mqa'],
      ['L7', '50', 'lead', '', '', ''],
      ['L8', '0', 'lead', 'initech', '5', 'target'],
    ]);
  });

  test('an export with its own "account" column: refused until output.rename names the account column otherwise', async () => {
    const rows = LEADS.map((l) => l.replace(/^L/, 'X'));
    const s = setup(rows, RULES);
    const withColumn = write(s.dir, 'own.csv', `${HEADER.replace(/^id/, 'account')}\n${rows.join('\n')}\n`);
    const refused = await score(withColumn, s.rules, '--out-dir', s.out);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/the output column "account" would collide with the input column "account" \(column 1\); rename it with output: \{ rename: \{ account: lead_account \} \}/);
    const renamed = write(s.dir, 'renamed.yaml', `${RULES}output:\n  rename: { account: lead_account, account_stage: account_tier }\n`);
    const r = await score(withColumn, renamed, '--out-dir', s.out);
    expect([r.code, r.err]).toEqual([0, '']);
    const leads = byHeader(readCsv(path.join(s.out, 'scored.csv')));
    expect(leads.map((l) => [l.account, l.lead_account, l.account_tier])).toEqual([['X1', 'acme.example', 'mqa'], ['X2', 'acme.example', 'mqa'], ['X3', 'acme.example', 'mqa'],
      ['X4', 'A-1', 'mqa'], ['X5', 'A-1', 'mqa'], ['X6', 'A-1', 'mqa'], ['X7', '', ''], ['X8', 'initech', 'target']]);
  });

  test('the summary: accounts, how leads were grouped, the account funnel', async () => {
    const s = setup();
    await score(s.input, s.rules, '--out-dir', s.out);
    const summary = JSON.parse(read(path.join(s.out, 'summary.json')));
    expect(summary.accounts).toEqual({
      accounts: 3, leads_with_account: 7, leads_without_account: 1, leads_linked: 2, by_key_type: { id: 1, domain: 1, name: 1 },
      funnel: [{ stage: 'target', reached: 3 }, { stage: 'mqa', reached: 2 }],
    });
  });

  test('the summary: completeness per stage', async () => {
    const s = setup();
    await score(s.input, s.rules, '--out-dir', s.out, '--summary', path.join(s.out, 'summary.md'));
    const summary = JSON.parse(read(path.join(s.out, 'summary.json')));
    // lead: L2, L3, L5 (4 each), L6 (3), L7, L8 (2 each); sql: L1, L4 (5 each)
    expect(summary.completeness).toEqual([
      { stage: 'lead', leads: 6, average: 3.1667, leads_by_value: [0, 0, 2, 1, 3, 0] },
      { stage: 'sql', leads: 2, average: 5, leads_by_value: [0, 0, 0, 0, 0, 2] },
      { stage: 'disqualified', leads: 0, average: null, leads_by_value: [0, 0, 0, 0, 0, 0] },
    ]);
    expect(read(path.join(s.out, 'summary.md'))).toMatch(/## Completeness by stage[\s\S]*\| lead \| 6 \| 3\.17 \| 0 \/ 0 \/ 2 \/ 1 \/ 3 \/ 0 \|/);
    expect(read(path.join(s.out, 'summary.md'))).toMatch(/## Accounts[\s\S]*\| mqa \| 2 \| 66\.7% \| 66\.7% \|/);
  });

  test('completeness: one point per part, email only when valid', async () => {
    const rules = RULES.replace('fit:\n  - { name: complete record, when: { column: completeness, gte: 5 }, points: 1 }',
      'fit:\n  - { name: known, per: completeness, points: 1 }');
    const s = setup(LEADS, rules);
    await score(s.input, s.rules, '--out-dir', s.out);
    const leads = byHeader(readCsv(path.join(s.out, 'scored.csv')));
    // L1 all five; L2 no phone; L3 no phone; L4 all; L5, L6 no phone (L6 no title either); L7 name and email; L8 company and title
    expect(leads.map((l) => [l.id, l.fit_score])).toEqual([['L1', '5'], ['L2', '4'], ['L3', '4'], ['L4', '5'], ['L5', '4'], ['L6', '3'], ['L7', '2'], ['L8', '2']]);
  });

  test('lead rows: the completeness column, last, the value rules read; renamed by output.rename', async () => {
    const s = setup();
    await score(s.input, s.rules, '--out-dir', s.out);
    const rows = readCsv(path.join(s.out, 'scored.csv'));
    expect(rows[0].slice(-4)).toEqual(['account', 'account_score', 'account_stage', 'completeness']);
    // as worked out for the summary: L1 and L4 all five parts, L2, L3, L5 four, L6 three, L7 and L8 two
    expect(byHeader(rows).map((l) => [l.id, l.completeness])).toEqual([['L1', '5'], ['L2', '4'], ['L3', '4'], ['L4', '5'], ['L5', '4'], ['L6', '3'], ['L7', '2'], ['L8', '2']]);
    const renamed = write(s.dir, 'renamed.yaml', `${RULES}output:\n  rename: { completeness: contact_data }\n`);
    await score(s.input, renamed, '--out-dir', s.out);
    const again = readCsv(path.join(s.out, 'scored.csv'));
    expect(again[0].slice(-1)).toEqual(['contact_data']);
    expect(again.slice(1).map((r) => r[r.length - 1])).toEqual(['5', '4', '4', '5', '4', '3', '2', '2']);
  });

  test('without completeness: no completeness column; renaming it is a warning', async () => {
    const rules = RULES.replace(/completeness:\n( {2}.*\n)+/, '').replace('  - { name: complete record, when: { column: completeness, gte: 5 }, points: 1 }\n', '  - { name: any, when: { column: company, present: true }, points: 1 }\n');
    const s = setup(LEADS, `${rules}output:\n  rename: { completeness: contact_data }\n`);
    const r = await score(s.input, s.rules, '--out-dir', s.out);
    expect(r.code).toBe(0);
    expect(readCsv(path.join(s.out, 'scored.csv'))[0].slice(-1)).toEqual(['account_stage']);
    const checked = await run(['validate', s.rules]);
    expect(checked.out + checked.err).toMatch(/warning: there is no completeness column: the ruleset defines no completeness at output\.rename\.completeness \[RENAME_WITHOUT_COMPLETENESS\]/);
  });

  test('a free-mail list of its own: a company domain in it forms no account', async () => {
    const rules = RULES.replace('  domain: email\n', '  domain: email\n  free_mail_domains: [acme.example]\n');
    const s = setup(LEADS, rules);
    await score(s.input, s.rules, '--out-dir', s.out);
    const rows = byHeader(readCsv(path.join(s.out, 'accounts.csv')));
    // the list replaces the built-in one: L1 and L2 fall back to their company's name, and gmail.com and hotmail.com are domains
    // like any: L3, at gmail.com, is the one lead of a domain named Acme, so the name acme (L1, L2) is linked to gmail.com
    expect(rows.map((a) => [a.account, a.leads, a.linked])).toEqual([
      ['gmail.com', '3', 'name acme (2)'], ['hotmail.com', '1', ''], ['A-1', '3', 'domain globex.example (1)'], ['initech', '1', ''],
    ]);
    const leads = byHeader(readCsv(path.join(s.out, 'scored.csv')));
    expect(leads.find((l) => l.id === 'L7')!.account).toBe('hotmail.com');
  });

  test('grouping by the domain only: leads without a company domain stay leads', async () => {
    const rules = RULES.replace('  id_column: account_id\n', '').replace('  company: company\n  engaged', '  engaged');
    const s = setup(LEADS, rules);
    await score(s.input, s.rules, '--out-dir', s.out);
    const rows = byHeader(readCsv(path.join(s.out, 'accounts.csv')));
    expect(rows.map((a) => [a.account, a.leads, a.name])).toEqual([['acme.example', '2', ''], ['globex.example', '3', '']]);
    const leads = byHeader(readCsv(path.join(s.out, 'scored.csv')));
    expect(leads.filter((l) => l.account === '').map((l) => l.id)).toEqual(['L3', 'L7', 'L8']);
  });

  test('rows in another order: the same accounts and the same lead rows', async () => {
    const s = setup();
    await score(s.input, s.rules, '--out-dir', s.out);
    const order = [5, 2, 7, 0, 3, 6, 1, 4];
    const t = setup(order.map((i) => LEADS[i]));
    await score(t.input, t.rules, '--out-dir', t.out);
    expect(read(path.join(t.out, 'accounts.csv'))).toBe(read(path.join(s.out, 'accounts.csv')));
    const sorted = (file: string) => readCsv(file).slice(1).sort((a, b) => a[0].localeCompare(b[0]));
    expect(sorted(path.join(t.out, 'scored.csv'))).toEqual(sorted(path.join(s.out, 'scored.csv')));
  });

  test('explain: the lead\'s account as score made it, and why it has its stage', async () => {
    const s = setup();
    await score(s.input, s.rules, '--out-dir', s.out);
    const account = byHeader(readCsv(path.join(s.out, 'accounts.csv'))).find((a) => a.account === 'acme.example')!;
    const r = await run(['explain', s.input, '--rules', s.rules, '--lead', 'L2', '--json', '--as-of', '2026-11-01']);
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out);
    expect([e.account.key, e.account.key_type, e.account.name, String(e.account.score), e.account.stage, e.account.reasons.join('; ')])
      .toEqual([account.account, account.key_type, account.name, account.score, account.stage, account.reasons]);
    expect(e.account.values.find((v: { name: string }) => v.name === 'account_leads').value).toBe('3');
    expect([e.account.lead_key, e.account.linked]).toEqual([{ key: 'acme.example', key_type: 'domain' }, [{ key: 'acme', key_type: 'name', leads: 1 }]]);
    expect(e.account.stages.map((st: { name: string; held: boolean }) => [st.name, st.held])).toEqual([['target', true], ['mqa', true]]);
    const text = await run(['explain', s.input, '--rules', s.rules, '--lead', 'L7', '--as-of', '2026-11-01']);
    expect(text.out).toMatch(/^account: none/m);
    // a lead of a linked key: its own key, and the account's linked keys
    const l6 = await run(['explain', s.input, '--rules', s.rules, '--lead', 'L6', '--as-of', '2026-11-01']);
    expect(l6.out).toMatch(/^account "A-1" \(by id, "Globex"\) · stage mqa · score 45\n {2}the lead is recognised by domain "globex\.example", linked to this account\n {2}includes 1 lead recognised by domain "globex\.example"$/m);
    const l1 = await run(['explain', s.input, '--rules', s.rules, '--lead', 'L1', '--as-of', '2026-11-01']);
    expect(l1.out).toMatch(/^stage sql/m);
    expect(l1.out).toMatch(/account_at_mqa = true — saw "true"/);
  });

  test('backtest reads the accounts as score does: the same stage per lead', async () => {
    const s = setup(LEADS.map((l, i) => `${l},${i % 2 === 0 ? 'yes' : 'no'}`));
    const file = write(s.dir, 'history.csv', read(s.input).replace(/^id,[^\n]*/, (h) => `${h},converted`));
    await score(file, s.rules, '--out-dir', s.out);
    const stages = byHeader(readCsv(path.join(s.out, 'scored.csv'))).map((l) => l.stage);
    const r = await run(['backtest', file, '--rules', s.rules, '--outcome', 'converted', '--as-of', '2026-11-01', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { stages: { stage: string; at: number }[] };
    // L1 and L4 reach sql only through their accounts' mqa stage
    expect(report.stages.map((st) => [st.stage, st.at])).toEqual([['lead', stages.filter((x) => x === 'lead').length], ['sql', 2], ['disqualified', 0]]);
  });

  test('the terminal summary shows the account funnel', async () => {
    const s = setup();
    const r = await run(['score', s.input, '--rules', s.rules, '--as-of', '2026-11-01', '--out-dir', s.out], true);
    expect(r.err).toMatch(/accounts: 3 \(by id 1, by domain 1, by name 1\); 7 leads in accounts \(2 by a linked name or domain\), 1 without/);
    expect(r.err).toMatch(/account stage\s+accounts[\s\S]*mqa\s+2\s+66\.7%/);
  });

  test('account files: values keyed by domain (a URL too), id or company name, the highest row per account', async () => {
    const rules = RULES.replace('  stages:\n    - name: target', [
      '    - { name: intent, when: { column: surge, gte: 40 }, points: 7 }',
      '  files:',
      '    intent:',
      '      file: intent.csv',
      '      key: Company Key',
      '      columns: { surge: Surge }',
      '  stages:',
      '    - name: target',
    ].join('\n'));
    const s = setup(LEADS, rules);
    write(s.dir, 'intent.csv', [
      'Company Key,Surge', 'acme.example,50', 'https://www.ACME.example/pricing,80', 'A-1,30', 'Initech LLC,45', 'nobody.example,99', 'globex.example,60', 'GLOBEX.example,',
      'Acme Inc.,90',
    ].join('\n') + '\n');
    const r = await score(s.input, s.rules, '--out-dir', s.out);
    expect([r.code, r.err]).toEqual([0, '']);
    const rows = byHeader(readCsv(path.join(s.out, 'accounts.csv')));
    // acme.example: 45 + 7, surge 90 (the row of its linked name acme, the highest); A-1: its own row 30, the row of its
    // linked domain globex.example 60 (the highest), 45 + 7; initech: 5 + 7
    expect(rows.map((a) => [a.account, a.surge, a.score])).toEqual([
      ['acme.example', '90', '52'], ['A-1', '60', '52'], ['initech', '45', '12'],
    ]);
    for (const a of rows) expect(reasonsTotal(a.reasons)).toBe(Number(a.score));
    const leads = byHeader(readCsv(path.join(s.out, 'scored.csv')));
    expect(leads.find((l) => l.id === 'L2')!.account_score).toBe('52');
  });

  test('account files: a missing file stops the run (exit 1), a missing column is the ruleset\'s (exit 2)', async () => {
    const rules = RULES.replace('  stages:\n    - name: target', '  files: { intent: { file: intent.csv, key: Domain, columns: { surge: Surge } } }\n  stages:\n    - name: target');
    const s = setup(LEADS, rules);
    const missing = await score(s.input, s.rules, '--out-dir', s.out);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/intent\.csv the account file "intent" cannot be read: no such file/);
    write(s.dir, 'intent.csv', 'Domain,Surge Score\nacme.example,1\n');
    const column = await score(s.input, s.rules, '--out-dir', s.out);
    expect(column.code).toBe(2);
    expect(column.err).toMatch(/column "Surge" of the account file "intent" is not in .*intent\.csv; available: "Domain", "Surge Score"/);
  });

  test('a lead\'s activity after the as-of day is no account activity (a backtest as of a past day sees no later activity)', async () => {
    const s = setup(LEADS.map((l) => l.replace(/^(L2,.*),2026-10-20$/, '$1,2026-11-20')));
    const r = await score(s.input, s.rules, '--out-dir', s.out);
    expect(r.code).toBe(0);
    const acme = byHeader(readCsv(path.join(s.out, 'accounts.csv'))).find((a) => a.account === 'acme.example')!;
    // L1's 2026-10-01, not L2's 2026-11-20 (after 2026-11-01); as of 2026-11-20 it counts
    expect(acme.last_activity).toBe('2026-10-01');
    const later = await run(['score', s.input, '--rules', s.rules, '--as-of', '2026-11-20', '--out-dir', s.out]);
    expect(later.code).toBe(0);
    expect(byHeader(readCsv(path.join(s.out, 'accounts.csv'))).find((a) => a.account === 'acme.example')!.last_activity).toBe('2026-11-20');
  });

  test('account files are opened before the export is read: a missing one is the error even when the export could not be read to its end', async () => {
    const rules = RULES.replace('  stages:\n    - name: target', '  files: { intent: { file: intent.csv, key: Domain, columns: { surge: Surge } } }\n  stages:\n    - name: target');
    // the last lead is larger than --max-record-size: reading the export stops there
    const s = setup([...LEADS, LEADS[0].replace('Acme', 'A'.repeat(3000))], rules);
    const r = await score(s.input, s.rules, '--out-dir', s.out, '--max-record-size', '1024');
    expect([r.code, r.err]).toEqual([1, expect.stringMatching(/^leadq: \S*intent\.csv the account file "intent" cannot be read: no such file/)]);
    write(s.dir, 'intent.csv', 'Domain,Surge\nacme.example,1\n');
    expect((await score(s.input, s.rules, '--out-dir', s.out, '--max-record-size', '1024')).err).not.toMatch(/account file/);
  });

  test('validate --input checks the account files: one that cannot be read or lacks a column is an ACCOUNT_FILE error at its file:', async () => {
    const rules = RULES.replace('  stages:\n    - name: target', '  files: { intent: { file: intent.csv, key: Domain, columns: { surge: Surge } } }\n  stages:\n    - name: target');
    const s = setup(LEADS, rules);
    const line = rules.split('\n').findIndex((l) => l.includes('files: { intent')) + 1;
    const missing = await run(['validate', s.rules, '--input', s.input]);
    expect(missing.code).toBe(2);
    expect(missing.out).toMatch(new RegExp(`rules\\.yaml:${line}:\\d+ the account file "intent" cannot be read: no such file \\(.*intent\\.csv\\) at accounts\\.files\\.intent\\.file \\[ACCOUNT_FILE\\]`));
    write(s.dir, 'intent.csv', 'Domain,Surge Score\nacme.example,1\n');
    const column = await run(['validate', s.rules, '--input', s.input]);
    expect(column.code).toBe(2);
    expect(column.out).toMatch(/column "Surge" of the account file "intent" is not in .*intent\.csv; available: "Domain", "Surge Score".* \[ACCOUNT_FILE\]/);
    write(s.dir, 'intent.csv', 'Domain,Surge\nacme.example,1\n');
    const ok = await run(['validate', s.rules, '--input', s.input]);
    expect([ok.code, ok.out]).toEqual([0, expect.stringMatching(/and its account files \(intent\)\n$/)]);
  });

  test('validate names the accounts', async () => {
    const s = setup();
    const r = await run(['validate', s.rules, '--input', s.input]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/; accounts by id, domain, company, 3 account rules, account stages target → mqa; every column found/);
  });
});
