/**
 * `accounts:` and `completeness:` in the ruleset: what is read, and every mistake with its code at
 * its line — in particular the order of evaluation (lead scores → accounts → account score and
 * stage → lead stages), whose cycles are refused.
 */
import { describe, expect, test } from '@jest/globals';
import { compileRuleset } from '../../src/engine/compile.js';
import type { RulesetCode } from '../../src/ruleset/issue-codes.js';
import { parseRules } from '../../src/ruleset/load.js';
import { resolveRuleset } from '../../src/ruleset/resolve.js';
import { validateRuleset } from '../../src/ruleset/validate.js';

const HEADER = ['id', 'email', 'company', 'title', 'role', 'engaged', 'last_activity', 'phone', 'name', 'account_id'];
const validate = (text: string) => validateRuleset(parseRules(text, 'rules.yaml'), 'rules.yaml');
/** Lines 1–2 stages, line 3 `accounts:`, its keys from line 4; then `rest`. */
const source = (accounts: string[], rest: string[] = []) => ['stages:', '  - name: lead', 'accounts:', ...accounts.map((a) => `  ${a}`), ...rest].join('\n') + '\n';
const codes = (issues: { pos?: { line: number }; code: string; severity: string }[]) => issues.filter((i) => i.severity === 'error').map((i) => [i.pos?.line, i.code]);
const resolve = (text: string, header = HEADER) => {
  const { ruleset, issues } = validate(text);
  expect(codes(issues)).toEqual([]);
  return resolveRuleset(ruleset, header, 'leads.csv');
};

describe('accepted', () => {
  test('every key, read and resolved', () => {
    const { resolved, issues } = resolve(source([
      'id_column: account_id', 'domain: email', 'company: company', 'free_mail_domains: [Gmail.com]', 'activity: last_activity',
      'engaged: { score: engagement, gte: 10 }',
      'roles:', "  decision_maker: { column: title, matches: '/chief/i' }", '  user: { column: role, equals: User }',
      'rules:', '  - { name: contacts, per: account_leads, points: 5, max: 20 }',
      'stages:', '  - name: target', '  - name: mqa', '    when: { column: account_score, gte: 10 }',
    ], ['completeness:', '  name: name', '  email: [email]']));
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const a = resolved.accounts!;
    expect([a.idColumn, a.domains, a.company, a.activity, a.freeMailDomains]).toEqual([9, [{ index: 1, as: 'email', name: 'email' }], 2, 6, ['gmail.com']]);
    expect(a.roles.map((r) => r.name)).toEqual(['decision_maker', 'user']);
    expect(a.stages.map((s) => s.name)).toEqual(['target', 'mqa']);
    // the account values stand after the header: the hidden account number, the values, one per role and per stage
    expect(a.index).toBe(HEADER.length);
    expect(a.values.map((v) => [v.name, v.index])).toEqual([
      'account_leads', 'account_engaged_leads', 'account_roles', 'account_score_sum', 'account_score_max', 'account_score_avg',
      'account_last_activity', 'account_score', 'account_has_decision_maker', 'account_has_user', 'account_at_target', 'account_at_mqa',
    ].map((name, i) => [name, HEADER.length + 1 + i]));
    expect(resolved.completeness).toEqual({ parts: [{ part: 'name', columns: [8] }, { part: 'email', columns: [1] }], index: HEADER.length + 13 });
    // the key columns are read as text, the activity as a date
    expect(resolved.reads.text).toEqual(expect.arrayContaining([1, 2, 8, 9]));
    expect(resolved.reads.date).toContain(6);
    expect(resolved.resultHeader.slice(-4)).toEqual(['account', 'account_score', 'account_stage', 'completeness']);
  });

  test('without stages: one account stage, "account"; the free-mail list of the ruleset', () => {
    const { resolved } = resolve(source(['domain: email'], ['free_mail_domains: [corp.example]']));
    expect(resolved.accounts!.stages).toEqual([{ name: 'account', when: null }]);
    expect(resolved.accounts!.freeMailDomains).toEqual(['corp.example']);
  });

  test('lead stages, priority and disqualifiers may read account values; the rows get room for them', () => {
    const text = source(['domain: email', 'stages: [{ name: target }, { name: mqa, when: { column: account_score, gte: 1 } }]'], [
      '  - name: sql', '    when: { column: account_at_mqa, equals: true }',
      'disqualifiers:', '  - { reason: lonely, when: { column: account_leads, lt: 2 } }',
      'priority:', '  bands:', '    - { name: P1, min: 0, when: { column: account_roles, gte: 1 } }', '    - { name: P2 }',
    ]).replace('stages:\n  - name: lead\n', '').replace(/\n {2}- name: sql/, '\nstages:\n  - name: lead\n  - name: sql');
    const { ruleset, issues } = validate(text);
    expect(codes(issues)).toEqual([]);
    const { compiled, issues: resolveIssues } = compileRuleset(ruleset, HEADER, 'leads.csv', '2026-11-01');
    expect(codes(resolveIssues)).toEqual([]);
    expect(compiled.plan.derived?.count).toBe(1 + 8 + 0 + 2);
  });

  test('a ruleset without accounts appends no account columns', () => {
    const { resolved } = resolve('stages:\n  - name: lead\n');
    expect(resolved.resultHeader).not.toContain('account');
    expect(resolved.accounts).toBeUndefined();
  });
});

describe('refused', () => {
  test.each<[string, string[], string[], [number, RulesetCode][]]>([
    ['nothing to group by', ['activity: last_activity'], [], [[4, 'ACCOUNT_KEY_MISSING']]],
    ['a named condition in an account rule', ['domain: email', 'rules:', '  - { name: x, when: { condition: c }, points: 1 }'], ['conditions:', '  c: { column: title, present: true }'], [[6, 'ACCOUNT_CONDITION']]],
    ['a named condition in an account stage', ['domain: email', 'stages:', '  - name: a', '  - { name: b, when: { condition: c } }'], ['conditions:', '  c: { column: title, present: true }'], [[7, 'ACCOUNT_CONDITION']]],
    ['engaged testing a lead stage', ['domain: email', 'engaged: { stage: lead }'], [], [[5, 'ACCOUNT_CYCLE']]],
    ['a score test in a role', ['domain: email', 'roles:', '  x: { score: fit, gte: 1 }'], [], [[6, 'CONDITION_RESULTS_ONLY']]],
    ['an account stage named like no column can be', ['domain: email', 'stages: [{ name: Target }]'], [], [[5, 'VALUE_PATTERN']]],
    ['an account stage twice', ['domain: email', 'stages: [{ name: a }, { name: a, when: { column: account_leads, gte: 1 } }]'], [], [[5, 'STAGE_NAME_DUPLICATE']]],
    ['an account ladder whose higher stage demands a lower account score', ['domain: email', 'stages: [{ name: a }, { name: b, when: { column: account_score, gte: 30 } }, { name: c, when: { all: [{ column: account_score, gte: 20 }] } }]'], [], [[5, 'STAGE_THRESHOLD_ORDER']]],
    ['an upper account stage without when', ['domain: email', 'stages: [{ name: a }, { name: b }]'], [], [[5, 'STAGE_WHEN_MISSING']]],
    ['a floor above the ceiling', ['domain: email', 'floor: 10', 'ceiling: 5'], [], [[5, 'SCORE_BOUNDS_ORDER']]],
    ['an unknown key', ['domain: email', 'bogus: 1'], [], [[5, 'KEY_UNKNOWN']]],
    ['an account file\'s value named like leadq\'s own', ['domain: email', 'files: { a: { file: a.csv, key: K, columns: { account_surge: S } } }'], [], [[5, 'ACCOUNT_NAME_CLASH']]],
    ['an account file\'s value named twice', ['domain: email', 'files:', '  a: { file: a.csv, key: K, columns: { surge: S } }', '  b: { file: b.csv, key: K, columns: { surge: T } }'], [], [[7, 'ACCOUNT_NAME_CLASH']]],
    ['an account file without columns', ['domain: email', 'files: { a: { file: a.csv, key: K, columns: {} } }'], [], [[5, 'MAPPING_EMPTY']]],
    // the order of evaluation: known from the names, without the export's header
    ['a lead rule reading the account score', ['domain: email'], ['fit:', '  - { name: x, when: { column: account_score, gte: 1 }, points: 1 }'], [[6, 'ACCOUNT_CYCLE']]],
    ['a lead rule counting per account lead', ['domain: email'], ['engagement:', '  - { name: x, per: account_leads, points: 1 }'], [[6, 'ACCOUNT_CYCLE']]],
    ['a lead rule through a named condition', ['domain: email'], ['conditions:', '  big: { column: account_leads, gte: 3 }', 'fit:', '  - { name: x, when: { condition: big }, points: 1 }'], [[6, 'ACCOUNT_CYCLE']]],
    ['a BANT criterion', ['domain: email', 'roles: { boss: { column: title, present: true } }'], ['bant:', '  authority: { column: account_has_boss, equals: true }'], [[7, 'ACCOUNT_CYCLE']]],
    ['engaged reading an account value', ['domain: email', 'engaged: { column: account_leads, gte: 2 }'], [], [[5, 'ACCOUNT_CYCLE']]],
    ['a role reading an account value', ['domain: email', 'roles:', '  boss: { column: account_roles, gte: 1 }'], [], [[6, 'ACCOUNT_CYCLE']]],
    ['a completeness part that is no part', ['domain: email'], ['completeness: { title: title, fax: fax }'], [[5, 'KEY_UNKNOWN']]],
  ])('%s', (_name, accounts, rest, expected) => {
    expect(codes(validate(source(accounts, rest)).issues)).toEqual(expected);
  });

  test.each<[string, string[], string[], [number, RulesetCode][]]>([
    ['an account rule reading the account score', ['domain: email', 'rules:', '  - { name: x, when: { column: account_score, gte: 1 }, points: 1 }'], [], [[6, 'ACCOUNT_CYCLE']]],
    ['an account stage reading a stage', ['domain: email', 'stages:', '  - name: a', '  - { name: b, when: { column: account_at_a, equals: true } }'], [], [[7, 'ACCOUNT_CYCLE']]],
    ['an account rule reading a lead column', ['domain: email', 'rules:', '  - { name: x, when: { column: title, present: true }, points: 1 }'], [], [[6, 'ACCOUNT_COLUMN']]],
    ['an account rule per a lead column', ['domain: email', 'rules:', '  - { name: x, per: engaged, points: 1 }'], [], [[6, 'ACCOUNT_COLUMN']]],
    ['an account value read as text', ['domain: email', 'rules:', '  - { name: x, when: { column: account_leads, contains: "1" }, points: 1 }'], [], [[6, 'RELATED_KIND']]],
    ['a key column the export lacks', ['domain: mail'], [], [[4, 'COLUMN_MISSING']]],
  ])('against the header: %s', (_name, accounts, rest, expected) => {
    const { ruleset, issues } = validate(source(accounts, rest));
    expect(codes(issues)).toEqual([]);
    expect(codes(resolveRuleset(ruleset, HEADER, 'leads.csv').issues)).toEqual(expected);
  });

  test('the cycle message says the order', () => {
    const [issue] = validate(source(['domain: email'], ['fit:', '  - { name: big account, when: { column: account_score, gte: 1 }, points: 1 }'])).issues;
    expect(issue.message).toMatch(/the fit rule "big account" reads the account value "account_score".*lead scores → accounts → account score and stage → lead stages/);
  });

  test.each([['account_leads'], ['completeness']])('a header named like the virtual column %s', (name) => {
    const { ruleset } = validate(source(['domain: email'], ['completeness: { email: email }']));
    const { issues } = resolveRuleset(ruleset, [...HEADER, name.toUpperCase()], 'leads.csv');
    // at the accounts mapping (line 4) or the completeness one (line 5)
    expect(codes(issues)).toEqual([[name === 'completeness' ? 5 : 4, 'ACCOUNT_NAME_CLASH']]);
  });
});

describe('domain columns', () => {
  const H = [...HEADER, 'Website URL'];
  const domains = (domain: string) => resolve(source([`domain: ${domain}`]), H).resolved.accounts!.domains;
  const warnings = (text: string) => validate(text).issues.filter((i) => i.severity === 'warning').map((i) => [i.pos?.line, i.code]);

  test('one column, a list, { column, as }: in the order written, a name alone read as emails', () => {
    expect(domains('email')).toEqual([{ index: 1, as: 'email', name: 'email' }]);
    expect(domains('[email, { column: Website URL, as: url }]')).toEqual([{ index: 1, as: 'email', name: 'email' }, { index: 10, as: 'url', name: 'Website URL' }]);
    expect(domains('[{ column: Website URL, as: url }, { column: email, as: email }]')).toEqual([{ index: 10, as: 'url', name: 'Website URL' }, { index: 1, as: 'email', name: 'email' }]);
    expect(domains('{ column: Website URL, as: url }')).toEqual([{ index: 10, as: 'url', name: 'Website URL' }]);
  });

  test('every domain column is read as text', () => {
    const { resolved } = resolve(source(['domain: [email, { column: Website URL, as: url }]']), H);
    expect(resolved.reads.text).toEqual(expect.arrayContaining([1, 10]));
  });

  test.each<[string, string[], [number, RulesetCode][]]>([
    ['an empty list', ['domain: []'], [[4, 'LIST_EMPTY']]],
    ['a mapping without as', ['domain: [email, { column: website }]'], [[4, 'KEY_REQUIRED']]],
    ['a mapping without column', ['domain: { as: url }'], [[4, 'KEY_REQUIRED']]],
    ['a mapping without column in a list', ['domain: [email, { as: url }]'], [[4, 'KEY_REQUIRED']]],
    ['a list item that is a list', ['domain: [email, [website]]'], [[4, 'VALUE_TYPE']]],
    ['a form that is none', ['domain: [email, { column: website, as: uri }]'], [[4, 'VALUE_ENUM']]],
    ['a key the mapping does not have', ['domain: { column: website, as: url, strip_www: false }'], [[4, 'KEY_UNKNOWN']]],
    ['a number where a column stands', ['domain: [email, true]'], [[4, 'VALUE_TYPE']]],
    ['a column twice, ignoring case', ['domain:', '  - email', '  - { column: Email, as: url }'], [[6, 'ACCOUNT_DOMAIN_DUPLICATE']]],
  ])('refused: %s', (_name, accounts, expected) => {
    expect(codes(validate(source(accounts)).issues)).toEqual(expected);
  });

  test('a domain column the export lacks, at its item', () => {
    const { ruleset, issues } = validate(source(['domain:', '  - email', '  - { column: website, as: url }']));
    expect(codes(issues)).toEqual([]);
    expect(codes(resolveRuleset(ruleset, HEADER, 'leads.csv').issues)).toEqual([[6, 'COLUMN_MISSING']]);
  });

  test('a name that contradicts the form is a warning: a website read as emails, an email read as urls', () => {
    expect(warnings(source(['domain: [email, Website URL]']))).toEqual([[4, 'ACCOUNT_DOMAIN_FORM']]);
    expect(warnings(source(['domain: Company Domain Name']))).toEqual([[4, 'ACCOUNT_DOMAIN_FORM']]);
    expect(warnings(source(['domain: [{ column: Work Email, as: url }]']))).toEqual([[4, 'ACCOUNT_DOMAIN_FORM']]);
    const [issue] = validate(source(['domain: [email, website]'])).issues;
    expect(issue.message).toBe('"website" is read as an email column (the domain after @); a website or domain column is written { column: website, as: url }');
    // as the form says: no warning
    expect(warnings(source(['domain: [email, { column: Website URL, as: url }, { column: Email Domain, as: url }, { column: contact, as: email }]']))).toEqual([]);
  });
});

describe('limits', () => {
  test('at most 30 roles: an account\'s roles are the bits of one integer', () => {
    const roles = Array.from({ length: 31 }, (_, i) => `  r${i}: { column: title, equals: T${i} }`);
    expect(codes(validate(source(['domain: email', 'roles:', ...roles])).issues)).toEqual([[6, 'ACCOUNT_ROLES_TOO_MANY']]);
    expect(codes(validate(source(['domain: email', 'roles:', ...roles.slice(1)])).issues)).toEqual([]);
  });

  test('a lead stage named accounts would overwrite accounts.csv', () => {
    expect(codes(validate('stages:\n  - name: lead\n  - name: accounts\n    when: { column: x, present: true }\n').issues)).toEqual([[3, 'VALUE_RESERVED']]);
  });
});
