/**
 * The accounts pass types a lead with only the columns it reads (engine/accounts-pass.ts): what the
 * scores, engaged, roles, activity and keys read, BANT only when one of those tests it. Checked by
 * the columns left out, and by what matters: over random rows, every lead's total score, engaged,
 * roles and activity are the same as with the whole ruleset's reading.
 */
import { describe, expect, test } from '@jest/globals';
import { accountsPassReads, accountsPassRuleset } from '../../src/engine/accounts-pass.js';
import { leadFacts } from '../../src/engine/accounts.js';
import { evaluateScores } from '../../src/engine/evaluate.js';
import { RowCoercer } from '../../src/input/rows/typed-row.js';
import { mulberry32, scorer } from '../engine/helpers.js';

const HEADER = ['email', 'company', 'title', 'visits', 'last_activity', 'budget', 'need', 'dnc', 'source', 'industry', 'phone', 'size'];

const rules = (engaged: string) => `
as_of: 2026-11-01
source_column: source
engagement:
  - { name: visit, per: visits, points: 7.5, max: 30 }
  - { name: recent, when: { column: last_activity, within_days: 30 }, points: 5 }
fit:
  - { name: industry, when: { column: industry, in: [Software, Retail] }, points: 10 }
  - { name: complete, per: completeness, points: 1.25 }
scores:
  size:
    rules:
      - { name: big, when: { column: size, gte: 500 }, points: 3 }
bant:
  budget: { column: budget, gte: 10000 }
  need: { column: need, present: true }
disqualifiers:
  - { reason: do_not_contact, when: { column: dnc, equals: true } }
stages:
  - name: lead
  - name: sql
    when: { all: [{ score: bant_count, gte: 2 }, { column: account_at_mqa, equals: true }] }
completeness: { company: company, title: title, email: email, phone: phone }
accounts:
  domain: email
  company: company
  activity: last_activity
  engaged: ${engaged}
  roles:
    senior: { column: title, matches: '/chief|vp/i' }
  rules:
    - { name: contacts, per: account_leads, points: 5 }
  stages:
    - name: target
    - name: mqa
      when: { column: account_score, gte: 10 }
`;

const named = (s: ReturnType<typeof scorer>, columns: Set<number>) => [...columns].map((c) => s.header[c]).sort();

describe('the accounts pass reads', () => {
  test('what its scores, engaged, roles, activity, keys and completeness read; not BANT, disqualifiers or the lead source', () => {
    const s = scorer(rules('{ score: engagement, gte: 15 }'), HEADER);
    const { columns, bant } = accountsPassReads(s.compiled.resolved);
    expect(named(s, columns)).toEqual(['company', 'email', 'industry', 'last_activity', 'phone', 'size', 'title', 'visits']);
    expect(bant).toBe(false);
    expect(accountsPassRuleset(s.compiled).bant).toEqual([null, null, null, null]);
  });

  test.each(['{ criteria: [budget] }', '{ score: bant_count, gte: 1 }', '{ any: [{ score: engagement, gte: 99 }, { criteria: [need] }] }'])('BANT too when engaged tests it: %s', (engaged) => {
    const s = scorer(rules(engaged), HEADER);
    const { columns, bant } = accountsPassReads(s.compiled.resolved);
    expect(bant).toBe(true);
    expect(named(s, columns)).toEqual(expect.arrayContaining(['budget', 'need']));
    expect(named(s, columns)).not.toContain('dnc');
  });

  test.each(['{ score: engagement, gte: 15 }', '{ criteria: [budget, need] }', '{ all: [{ score: bant_count, gte: 1 }, { score: size, gte: 3 }] }'])(
    'every lead\'s total, engaged, roles and activity as with the whole reading, over 5,000 random rows (engaged %s)', (engaged) => {
      const s = scorer(rules(engaged), HEADER);
      const pass = accountsPassRuleset(s.compiled);
      const whole = new RowCoercer(s.compiled.plan, HEADER.length);
      const part = new RowCoercer(pass.plan, HEADER.length);
      const rand = mulberry32(11);
      const pick = (list: string[]) => list[Math.floor(rand() * list.length)];
      const seen = { engaged: 0, roles: 0 };
      for (let i = 0; i < 5000; i++) {
        const fields = [pick(['a@acme.example', 'b@gmail.com', '', 'x']), pick(['Acme', '', 'N/A']), pick(['CEO', 'VP Sales', 'Analyst', '']),
          pick(['0', '1', '3', '7', '', 'n/a']), pick(['2026-10-20', '2026-01-01', '', 'soon']), pick(['5000', '20000', '', 'lots']), pick(['yes', '', 'pricing']),
          pick(['true', 'false', '']), pick(['web', 'event']), pick(['Software', 'Retail', 'Mining', '']), pick(['', '555']), pick(['10', '900', ''])];
        const expected = facts(s.compiled, whole, fields, s.asOfDay);
        expect([fields, facts(pass, part, fields, s.asOfDay)]).toEqual([fields, expected]);
        if (expected.engaged) seen.engaged++;
        if (expected.roles) seen.roles++;
      }
      expect(seen.engaged).toBeGreaterThan(500);
      expect(seen.roles).toBeGreaterThan(500);
    });
});

function facts(compiled: ReturnType<typeof scorer>['compiled'], coercer: RowCoercer, fields: string[], day: number) {
  coercer.load([...fields]);
  const ev = evaluateScores(coercer.row, compiled, day, []);
  return { total: ev.total, ...leadFacts(coercer.row, ev, compiled.accounts!, day) };
}
