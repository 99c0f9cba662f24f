import { describe, expect, test } from '@jest/globals';
import { evaluateLead } from '../../src/engine/evaluate.js';
import type { LeadResult } from '../../src/engine/types.js';
import { RowCoercer, type ValueWarning } from '../../src/input/rows/typed-row.js';
import { asOfDay, compileRuleset } from '../../src/engine/compile.js';
import { parseRules } from '../../src/ruleset/load.js';
import { validateRuleset } from '../../src/ruleset/validate.js';
import { mulberry32 } from '../support/random.js';

/** The real pipeline: YAML → tree → validated ruleset → compiled against `header` → per-row evaluation. */
function scorer(yaml: string, header: string[]) {
  const { ruleset, issues } = validateRuleset(parseRules(yaml, 'rules.yaml'), 'rules.yaml');
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  const { compiled, issues: compileIssues } = compileRuleset(ruleset, header, 'leads.csv', '2026-11-01');
  expect(compileIssues).toEqual([]);
  const coercer = new RowCoercer(compiled.plan, header.length);
  return (cells: Record<string, string>): LeadResult & { stageName: string; warnings: ValueWarning[] | null } => {
    const warnings = coercer.load(header.map((h) => cells[h] ?? ''));
    const result = evaluateLead(coercer.row, compiled, asOfDay('2026-11-01'));
    return { ...result, stageName: result.stage < 0 ? 'disqualified' : compiled.stages[result.stage].name, warnings };
  };
}

describe('score rules: per, max and reasons', () => {
  const score = scorer(String.raw`
engagement:
  - { name: pricing visit, per: visits, points: 5, max: 25 }
  - { name: click, per: clicks, points: 0.5 }
  - { name: unsubscribed, when: { column: unsub, equals: true }, points: -30, max: 20 }
  - { name: bounce, per: bounces, points: -4, max: 10 }
fit:
  - { name: big company, when: { column: employees, gte: 1000 }, points: 15 }
stages: [{ name: lead }]
`, ['visits', 'clicks', 'unsub', 'bounces', 'employees']);

  test.each([
    [{ visits: '3' }, 15, ['pricing visit 3x5=+15']],
    [{ visits: '5' }, 25, ['pricing visit 5x5=+25']], // exactly at the cap: not capped
    [{ visits: '7' }, 25, ['pricing visit 7x5=+35 → +25 (max 25)']],
    [{ visits: '2.5' }, 12.5, ['pricing visit 2.5x5=+12.5']],
    [{ visits: '' }, 0, []],
    [{ visits: '0' }, 0, []],
    [{ visits: '-2' }, 0, []], // a negative count is not an occurrence
    [{ visits: 'many' }, 0, []],
    [{ clicks: '3' }, 1.5, ['click 3x0.5=+1.5']],
    [{ unsub: 'yes' }, -20, ['unsubscribed -30 → -20 (max 20)']], // the cap bounds the size, whatever the sign
    [{ bounces: '2' }, -8, ['bounce 2x-4=-8']],
    [{ bounces: '5' }, -10, ['bounce 5x-4=-20 → -10 (max 10)']],
    [{ visits: '9', clicks: '1', unsub: 'y', bounces: '1' }, 25 + 0.5 - 20 - 4,
      ['pricing visit 9x5=+45 → +25 (max 25)', 'click 1x0.5=+0.5', 'unsubscribed -30 → -20 (max 20)', 'bounce 1x-4=-4']],
  ])('%p → engagement %p', (cells, engagement, reasons) => {
    const r = score(cells);
    expect([r.engagement, r.fit, r.total, r.reasons]).toEqual([engagement, 0, engagement, reasons]);
  });

  test('fit reasons follow engagement reasons', () => {
    const r = score({ employees: '1000', visits: '1' });
    expect(r.reasons).toEqual(['pricing visit 1x5=+5', 'big company +15']);
    expect([r.engagement, r.fit, r.total]).toEqual([5, 15, 20]);
  });
});

describe('reasons add up to the scores (seeded property)', () => {
  const header = ['visits', 'clicks', 'demo', 'unsub', 'last_activity', 'employees', 'title', 'email', 'country'];
  const score = scorer(String.raw`
engagement:
  - { name: visit, per: visits, points: 2.5, max: 20 }
  - { name: click, per: clicks, points: -1.25, max: 7.5 }
  - { name: demo, when: { column: demo, equals: true }, points: 33.33 }
  - { name: unsubscribed, when: { column: unsub, equals: true }, points: -12.5, max: 10 }
  - { name: stale, when: { column: last_activity, older_than_days: 90 }, points: -20 }
fit:
  - { name: size, per: employees, points: 0.01, max: 15 }
  - { name: senior, when: { column: title, matches: '/\b(VP|Head)\b/i' }, points: 20 }
  - { name: free mail, when: { column: email, free_mail: true }, points: -15.75 }
  - { name: country, when: { column: country, in: [DE, AT] }, points: 7.1 }
stages: [{ name: lead }]
`, header);
  const FIT = new Set(['size', 'senior', 'free mail', 'country']);
  const VALUES: Record<string, string[]> = {
    visits: ['', '0', '1', '3', '7.5', '8', '12', '1e1', '-2', 'x'],
    clicks: ['', '1', '2', '3.3', '6', '7', '40'],
    demo: ['', 'yes', 'no', 'maybe'],
    unsub: ['', 'true', 'false'],
    last_activity: ['', '2026-08-02', '2026-08-03', '2026-10-31', '2025-01-01', 'soon'],
    employees: ['', '17.3', '49', '999', '1499', '1500', '1501', '3333', '120000'],
    title: ['', 'VP Sales', 'Headhunter', 'head of it', 'SVP'],
    email: ['', 'a@gmail.com', 'b@acme.de', 'C@GMX.DE', 'bad'],
    country: ['', 'DE', 'at', 'US'],
  };
  /** The signed number each reason contributes: after "→" when capped, else after "=", else the last one. */
  const contribution = (reason: string) => Number((/→ ([+-][\d.]+) \(max/.exec(reason) ?? /=([+-][\d.]+)$/.exec(reason) ?? / ([+-][\d.]+)$/.exec(reason))![1]);
  const cents = (x: number) => Math.round(x * 100);

  test.each([1, 2, 3])('seed %p: 500 random rows', (seed) => {
    const rand = mulberry32(seed);
    for (let i = 0; i < 500; i++) {
      const cells = Object.fromEntries(header.map((h) => [h, VALUES[h][Math.floor(rand() * VALUES[h].length)]]));
      const r = score(cells);
      const sum = (fit: boolean) => r.reasons.filter((x) => FIT.has(x.replace(/ [-+\d].*$/, '')) === fit).reduce((a, x) => a + contribution(x), 0);
      expect({ cells, engagement: cents(sum(false)), fit: cents(sum(true)) }).toEqual({ cells, engagement: cents(r.engagement), fit: cents(r.fit) });
      expect(cents(r.total)).toBe(cents(r.engagement) + cents(r.fit));
    }
  });
});

describe('BANT', () => {
  const score = scorer(`
bant:
  budget: { column: budget, gte: 10000 }
  authority: { column: decision_maker, equals: true }
  need: { column: pain_point, present: true }
  timeline: { column: timeline, lte: 6 }
stages:
  - name: lead
  - name: need_and_time
    when: { criteria: [need, timeline] }
  - name: three
    when: { score: bant_count, gte: 3 }
`, ['budget', 'decision_maker', 'pain_point', 'timeline']);

  test.each([
    [{}, 0, 'lead'],
    [{ budget: '10000' }, 0b0001, 'lead'],
    [{ budget: '9999.99' }, 0, 'lead'],
    [{ budget: '10,000' }, 0, 'lead'],
    [{ decision_maker: 'Yes' }, 0b0010, 'lead'],
    [{ pain_point: 'manual reports' }, 0b0100, 'lead'],
    [{ timeline: '6' }, 0b1000, 'lead'],
    [{ timeline: '' }, 0, 'lead'], // empty is not "≤ 6"
    [{ pain_point: 'x', timeline: '0' }, 0b1100, 'need_and_time'],
    [{ budget: '1e5', decision_maker: 'y', pain_point: 'x' }, 0b0111, 'three'],
    [{ budget: '10000', decision_maker: 'true', pain_point: 'x', timeline: '3' }, 0b1111, 'three'],
  ])('%p → mask %p, stage %p', (cells, mask, stage) => {
    const r = score(cells);
    expect([r.bantMask, r.stageName]).toEqual([mask, stage]);
  });

  test('an undefined criterion keeps its bit position and never holds', () => {
    const only = scorer('bant: { timeline: { column: t, lte: 6 } }\nstages: [{ name: lead }]\n', ['t']);
    expect(only({ t: '2' }).bantMask).toBe(0b1000);
  });
});

describe('disqualifiers', () => {
  const score = scorer(`
engagement:
  - { name: demo, when: { column: demo, equals: true }, points: 50 }
disqualifiers:
  - { reason: do_not_contact, when: { column: dnc, equals: true } }
  - { reason: competitor, when: { column: email, email_domain_in: [rival.example] } }
  - { reason: invalid_email, when: { column: email, valid_email: false } }
stages:
  - name: lead
  - name: mql
    when: { score: engagement, gte: 40 }
priority:
  bands: [{ name: P1, min: 30 }, { name: P2 }]
`, ['email', 'dnc', 'demo']);

  test.each([
    [{ email: 'ann@acme.com' }, '', 'lead', 'P2'],
    [{ email: 'ann@acme.com', demo: 'yes' }, '', 'mql', 'P1'],
    [{ email: 'x@rival.example', dnc: 'true', demo: 'yes' }, 'do_not_contact', 'disqualified', ''],
    [{ email: 'not-an-email', dnc: 'yes' }, 'do_not_contact', 'disqualified', ''],
    [{ email: 'X@Rival.Example', demo: 'yes' }, 'competitor', 'disqualified', ''],
    [{ email: 'bob@rival', demo: 'yes' }, 'invalid_email', 'disqualified', ''],
    [{ email: '' }, 'invalid_email', 'disqualified', ''],
  ])('%p → %p', (cells, reason, stage, priority) => {
    const r = score(cells);
    expect([r.disqualifiedReason, r.stageName, r.priority]).toEqual([reason, stage, priority]);
  });

  test('a disqualified lead still gets its scores and reasons', () => {
    const r = score({ email: 'x@rival.example', demo: 'yes' });
    expect([r.stage, r.engagement, r.total, r.reasons]).toEqual([-1, 50, 50, ['demo +50']]);
  });
});

const LADDER_HEADER = ['eng', 'fit', 'b', 'a', 'n', 't', 'status', 'demo', 'penalty', 'dnc'];
const ladder = (priorityScore = 'engagement', bands = '[{ name: P1, min: 100 }, { name: P2, min: 60 }, { name: P3 }]') => scorer(`
engagement:
  - { name: eng, per: eng, points: 1 }
  - { name: penalty, when: { column: penalty, equals: true }, points: -10 }
fit:
  - { name: fit, per: fit, points: 1 }
bant:
  budget: { column: b, equals: true }
  authority: { column: a, equals: true }
  need: { column: n, equals: true }
  timeline: { column: t, equals: true }
disqualifiers:
  - { reason: dnc, when: { column: dnc, equals: true } }
stages:
  - name: lead
  - name: warm
    when: { score: engagement, gte: 10 }
  - name: mql
    when: { score: engagement, gte: 40 }
  - name: sal
    when: { column: status, in: [Accepted, Working] }
  - name: sql
    when:
      all:
        - { score: total, gte: 70 }
        - { score: fit, gte: 30 }
        - { score: bant_count, gte: 3 }
  - name: sqo
    when:
      all:
        - { stage: sql }
        - { column: demo, equals: true }
        - { criteria: [budget, authority, need, timeline] }
priority:
  score: ${priorityScore}
  bands: ${bands}
`, LADDER_HEADER);

describe('stages: the highest whose condition holds', () => {
  const score = ladder();
  const BAN = { b: 'y', a: 'y', n: 'y' };
  const BANT = { ...BAN, t: 'y' };
  test.each([
    ['nothing', {}, 'lead'],
    ['engagement 9.99', { eng: '9.99' }, 'lead'],
    ['engagement 10', { eng: '10' }, 'warm'],
    ['engagement 40', { eng: '40' }, 'mql'],
    ['sal without engagement', { status: ' accepted ' }, 'sal'],
    ['sal above mql', { eng: '45', status: 'Working' }, 'sal'],
    ['sql at the thresholds', { eng: '40', fit: '30', ...BAN }, 'sql'],
    ['sql does not need mql', { eng: '10', fit: '60', ...BAN }, 'sql'],
    ['fit just below 30', { eng: '45', fit: '29.99', ...BANT }, 'mql'],
    ['total just below 70', { eng: '39.99', fit: '30', ...BANT }, 'warm'],
    ['only 2 BANT', { eng: '40', fit: '30', b: 'y', a: 'y' }, 'mql'],
    ['sqo', { eng: '40', fit: '30', ...BANT, demo: 'yes' }, 'sqo'],
    ['sqo needs all four criteria', { eng: '40', fit: '30', ...BAN, demo: 'yes' }, 'sql'],
    ['sqo needs the sql condition', { ...BANT, demo: 'yes' }, 'lead'],
    ['disqualified overrides all', { eng: '40', fit: '30', ...BANT, demo: 'yes', dnc: 'yes' }, 'disqualified'],
  ])('%s', (_name, cells, stage) => {
    expect(score(cells).stageName).toBe(stage);
  });
});

describe('priority bands: the first band whose min the score reaches', () => {
  test.each([
    ['engagement', { eng: '100' }, 'P1'],
    ['engagement', { eng: '99.99' }, 'P2'],
    ['engagement', { eng: '60' }, 'P2'],
    ['engagement', { eng: '59' }, 'P3'],
    ['engagement', { penalty: 'yes' }, 'P3'], // -10 still falls in the catch-all band
    ['engagement', { eng: '150', dnc: 'yes' }, ''], // disqualified: no priority
    ['engagement', { eng: '70', fit: '35' }, 'P2'],
    ['fit', { eng: '70', fit: '35' }, 'P3'],
    ['total', { eng: '70', fit: '35' }, 'P1'],
  ])('on %s: %p → %p', (priorityScore, cells, priority) => {
    expect(ladder(priorityScore)(cells).priority).toBe(priority);
  });

  test('without a catch-all band a low score has no priority', () => {
    const score = ladder('total', '[{ name: P1, min: 50 }]');
    expect([score({ eng: '50' }).priority, score({ eng: '49.99' }).priority]).toEqual(['P1', '']);
  });
});

describe('named conditions and all / any / not', () => {
  const score = scorer(String.raw`
conditions:
  senior: { column: title, matches: '/\b(VP|Head|Director)\b/i' }
  dach: { column: country, in: [DE, AT, CH] }
  senior_dach: { all: [{ condition: senior }, { condition: dach }] }
fit:
  - { name: senior in DACH, when: { condition: senior_dach }, points: 10 }
  - name: senior elsewhere or no title
    when:
      any:
        - all: [{ condition: senior }, { not: { condition: dach } }]
        - { column: title, empty: true }
    points: 3
  - { name: not senior, when: { not: { condition: senior } }, points: 1 }
  - { name: neither DACH nor US, when: { not: { any: [{ condition: dach }, { column: country, equals: US }] } }, points: 100 }
stages: [{ name: lead }]
`, ['title', 'country']);

  test.each([
    [{ title: 'VP Sales', country: 'DE' }, 10],
    [{ title: 'head of IT', country: 'us' }, 3],
    [{ title: '', country: 'AT' }, 3 + 1],
    [{ title: 'Engineer', country: 'CH' }, 1],
    [{ title: 'Headhunter', country: 'DE' }, 1],
    [{ title: 'Director', country: 'FR' }, 3 + 100],
  ])('%p → fit %p', (cells, fit) => {
    expect(score(cells).fit).toBe(fit);
  });
});

describe('value warnings from RowCoercer.load', () => {
  const score = scorer(`
engagement:
  - { name: visits, per: visits, points: 1 }
  - { name: recent, when: { column: last_activity, within_days: 30 }, points: 5 }
  - { name: demo, when: { column: demo, equals: true }, points: 10 }
fit:
  - { name: titled, when: { column: title, present: true }, points: 1 }
stages: [{ name: lead }]
`, ['visits', 'last_activity', 'demo', 'title']);

  test.each([
    [{ visits: '2', last_activity: '2026-10-30', demo: 'no', title: 'x' }, null, 7],
    [{}, null, 0], // empty cells are empty, not wrong
    [{ title: '=cmd()' }, null, 0], // text columns are never coerced
    [{ visits: '2 visits' }, [{ column: 0, kind: 'number', value: '2 visits' }], 0],
    [{ last_activity: '2026-02-30' }, [{ column: 1, kind: 'date', value: '2026-02-30' }], 0],
    [{ demo: 'maybe' }, [{ column: 2, kind: 'boolean', value: 'maybe' }], 0],
    [{ visits: 'x', last_activity: '30.10.2026', demo: 'ja' },
      [{ column: 0, kind: 'number', value: 'x' }, { column: 1, kind: 'date', value: '30.10.2026' }, { column: 2, kind: 'boolean', value: 'ja' }], 0],
  ])('%p → warnings %p', (cells, warnings, engagement) => {
    const r = score(cells);
    expect(r.warnings).toEqual(warnings);
    expect(r.engagement).toBe(engagement);
  });

  test('a bad value does not leave the previous row\'s value behind', () => {
    expect(score({ visits: '4', demo: 'yes' }).engagement).toBe(14);
    expect(score({ visits: 'four', demo: 'maybe' }).engagement).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// The reference workload (/work/shared/bench/reference-ruleset.md) as a leadq ruleset, checked on
// leads worked out by hand from the reference rules (as of 2026-11-01).

const REFERENCE_HEADER = [
  'lead_id', 'email', 'first_name', 'last_name', 'company', 'job_title', 'industry', 'employees',
  'country', 'lead_source', 'created_at', 'last_activity_at',
  'page_views', 'email_opens', 'email_clicks', 'whitepaper_downloads', 'webinar_attended',
  'newsletter_subscribed', 'demo_requested', 'pricing_page_visits',
  'budget', 'decision_maker', 'pain_point', 'purchase_timeline_months', 'do_not_contact',
];

const REFERENCE_RULES = String.raw`
version: 1
as_of: 2026-11-01
free_mail_domains: [gmail.com, yahoo.com, hotmail.com, outlook.com, gmx.de, web.de]
engagement:
  - { name: whitepaper download, per: whitepaper_downloads, points: 10, max: 30 }
  - { name: newsletter signup, when: { column: newsletter_subscribed, equals: true }, points: 5 }
  - { name: webinar attended, when: { column: webinar_attended, equals: true }, points: 20 }
  - { name: demo requested, when: { column: demo_requested, equals: true }, points: 50 }
  - { name: pricing page visit, per: pricing_page_visits, points: 5, max: 25 }
  - { name: email click, per: email_clicks, points: 2, max: 20 }
  - { name: page view, per: page_views, points: 1, max: 15 }
  - { name: inactive 90 days, when: { column: last_activity_at, older_than_days: 90 }, points: -20 }
fit:
  - { name: target industry, when: { column: industry, in: [Software, Manufacturing, Financial Services, Healthcare] }, points: 15 }
  - { name: company size 50-5000, when: { column: employees, between: [50, 5000] }, points: 15 }
  - { name: senior title, when: { column: job_title, matches: '/\b(VP|Vice President|Director|Head|Chief|CEO|CFO|CTO|CIO|Owner)\b/i' }, points: 20 }
  - { name: target country, when: { column: country, in: [DE, AT, CH, NL, DK, BE, FR, GB, US] }, points: 10 }
  - { name: free-mail address, when: { column: email, free_mail: true }, points: -15 }
bant:
  budget: { column: budget, gte: 10000 }
  authority: { column: decision_maker, equals: true }
  need: { column: pain_point, present: true }
  timeline: { column: purchase_timeline_months, lte: 6 }
disqualifiers:
  - { reason: do_not_contact, when: { column: do_not_contact, equals: true } }
  - { reason: competitor, when: { column: email, email_domain_in: [competitor.example, rival.example] } }
  - { reason: invalid_email, when: { column: email, valid_email: false } }
stages:
  - name: lead
  - name: mql
    when: { score: engagement, gte: 40 }
  - name: sql
    when:
      all:
        - { score: total, gte: 70 }
        - { score: fit, gte: 30 }
        - { score: bant_count, gte: 3 }
  - name: sqo
    when:
      all:
        - { stage: sql }
        - { column: demo_requested, equals: true }
        - { criteria: [budget, authority, need, timeline] }
`;

describe('the reference workload, leads worked out by hand', () => {
  const score = scorer(REFERENCE_RULES, REFERENCE_HEADER);
  const base = {
    lead_id: '1', first_name: 'X', last_name: 'Y', company: 'Acme, Inc.', lead_source: 'paid_search', created_at: '2026-01-05',
    page_views: '0', email_opens: '0', email_clicks: '0', whitepaper_downloads: '0', webinar_attended: 'no',
    newsletter_subscribed: 'no', demo_requested: 'no', pricing_page_visits: '0', do_not_contact: 'false',
  };

  test.each([
    ['A: sqo', {
      email: 'ann.lee@acme-software.de', job_title: 'VP of Sales', industry: 'Software', employees: '250', country: 'DE',
      last_activity_at: '2026-10-20', page_views: '40', email_opens: '12', email_clicks: '4', whitepaper_downloads: '1',
      webinar_attended: 'yes', demo_requested: 'yes', pricing_page_visits: '2',
      budget: '25000', decision_maker: 'yes', pain_point: 'manual reporting', purchase_timeline_months: '3',
    },
    // engagement: 1x10 + webinar 20 + demo 50 + 2x5 + 4x2 + min(40x1, 15) = 10+20+50+10+8+15 = 113 (opens do not count)
    // fit: industry 15 + size 15 + VP 20 + DE 10 = 60; total 173; BANT all four (mask 15): sql holds, demo, all criteria → sqo
    113, 60, 173, 15, 'sqo', ''],
    ['B: caps, free mail, stale', {
      email: 'Bob@GMAIL.COM', job_title: 'Headhunter', industry: 'Manufacturing', employees: '5000', country: 'US',
      last_activity_at: '2026-08-02', page_views: '3', email_clicks: '15', whitepaper_downloads: '5', newsletter_subscribed: 'yes',
      budget: '', decision_maker: '', pain_point: '', purchase_timeline_months: '',
    },
    // engagement: min(5x10, 30) + newsletter 5 + min(15x2, 20) + 3x1 - 20 (2026-08-02 is 91 days old) = 30+5+20+3-20 = 38
    // fit: industry 15 + size 15 (5000 inclusive) + Headhunter 0 + US 10 - free mail 15 (case-insensitive) = 25; total 63
    // BANT none; 38 < 40 → lead
    38, 25, 63, 0, 'lead', ''],
    ['B\': the same, active exactly 90 days ago', {
      email: 'Bob@GMAIL.COM', job_title: 'Headhunter', industry: 'Manufacturing', employees: '5000', country: 'US',
      last_activity_at: '2026-08-03', page_views: '3', email_clicks: '15', whitepaper_downloads: '5', newsletter_subscribed: 'yes',
    },
    // engagement 30+5+20+3 = 58 (no penalty at exactly 90 days); fit 25; total 83; fit < 30 → not sql; 58 ≥ 40 → mql
    58, 25, 83, 0, 'mql', ''],
    ['C: sql, Co-Owner, no activity date', {
      email: 'carla@bank.nl', job_title: 'Co-Owner', industry: 'Financial Services', employees: '50', country: 'NL',
      last_activity_at: '', whitepaper_downloads: '2', webinar_attended: 'yes', newsletter_subscribed: 'yes', pricing_page_visits: '6',
      budget: '10000', decision_maker: 'no', pain_point: 'legacy CRM', purchase_timeline_months: '6',
    },
    // engagement: 2x10 + 5 + 20 + min(6x5, 25) = 20+5+20+25 = 70 (empty date: no penalty)
    // fit: 15 + 15 (50 inclusive) + Co-Owner 20 + NL 10 = 60; total 130
    // BANT: budget (1) + need (4) + timeline (8) = 13, three criteria → sql; no demo → not sqo
    70, 60, 130, 13, 'sql', ''],
    ['D: competitor, still scored', {
      email: 'dave@Rival.Example', job_title: 'CTO', industry: 'Software', employees: '4999', country: 'GB',
      last_activity_at: '2026-10-31', demo_requested: 'yes', pricing_page_visits: '1',
      budget: '50000', decision_maker: 'yes', pain_point: '', purchase_timeline_months: '12',
    },
    // engagement: demo 50 + 1x5 = 55; fit: 15 + 15 + CTO 20 + GB 10 = 60; total 115
    // BANT: budget (1) + authority (2) = 3; the domain is rival.example → competitor
    55, 60, 115, 3, 'disqualified', 'competitor'],
    ['E: do_not_contact before invalid_email', {
      email: 'not-an-email', job_title: 'SVP Marketing', industry: 'Retail', employees: '49', country: 'ES',
      last_activity_at: '2026-01-15', page_views: '20', do_not_contact: 'true',
    },
    // engagement: min(20x1, 15) - 20 (stale) = -5; fit: SVP no, 49 employees no, Retail no, ES no = 0; total -5
    -5, 0, -5, 0, 'disqualified', 'do_not_contact'],
    ['F: mql, sql blocked by fit', {
      email: 'frank@gmail.com', job_title: 'Engineer', industry: 'Software', employees: '20000', country: 'ES',
      last_activity_at: '2026-10-01', demo_requested: 'yes',
      budget: '20000', decision_maker: 'yes', pain_point: 'x', purchase_timeline_months: '1',
    },
    // engagement: demo 50; fit: Software 15 - free mail 15 = 0; total 50; all BANT but fit < 30 and total < 70 → mql
    50, 0, 50, 15, 'mql', ''],
    ['G: invalid email only', { email: 'erin@localhost', employees: '', budget: 'n/a' },
    // nothing fires; no dot in the domain → invalid_email
    0, 0, 0, 0, 'disqualified', 'invalid_email'],
  ])('%s', (_name, cells, engagement, fit, total, bantMask, stage, reason) => {
    const r = score({ ...base, ...cells });
    expect({ engagement: r.engagement, fit: r.fit, total: r.total, bantMask: r.bantMask, stage: r.stageName, reason: r.disqualifiedReason })
      .toEqual({ engagement, fit, total, bantMask, stage, reason });
  });

  test('reasons for lead B list every capped rule', () => {
    const r = score({
      ...base, email: 'Bob@GMAIL.COM', job_title: 'Headhunter', industry: 'Manufacturing', employees: '5000', country: 'US',
      last_activity_at: '2026-08-02', page_views: '3', email_clicks: '15', whitepaper_downloads: '5', newsletter_subscribed: 'yes',
    });
    expect(r.reasons).toEqual([
      'whitepaper download 5x10=+50 → +30 (max 30)', 'newsletter signup +5', 'email click 15x2=+30 → +20 (max 20)',
      'page view 3x1=+3', 'inactive 90 days -20',
      'target industry +15', 'company size 50-5000 +15', 'target country +10', 'free-mail address -15',
    ]);
  });
});
