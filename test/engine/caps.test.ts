/**
 * Caps: a rule's max (after decay), repeat control of count columns, a group's max (taken back
 * from its last rules first) and a score's floor and ceiling (an entry of their own). In every
 * case the reasons show what was cut and their amounts add up exactly to the scores.
 */
import { describe, expect, test } from '@jest/globals';
import type { RuleTally } from '../../src/engine/types.js';
import { cents, contribution, scorer } from './helpers.js';

const sum = (reasons: string[]) => reasons.reduce((a, r) => a + cents(contribution(r)), 0);

describe('a rule\'s max applies after decay', () => {
  const s = scorer(`
engagement:
  - { name: downloads, per: downloads, points: 10, max: 30, date: last, decay: { half_life: 30d } }
stages: [{ name: lead }]
`, ['downloads', 'last']);

  test.each([
    // 5 downloads = 50; fresh → capped at 30; a month old → 25, under the cap; two months → 12.5
    ['2026-11-01', 30, 'downloads 5x10=+50 → +30 (max 30)'],
    ['2026-10-02', 25, 'downloads 5x10=+50 → +25 (decay 30d)'],
    ['2026-10-20', 30, 'downloads 5x10=+50 → +37.89 (decay 12d) → +30 (max 30)'],
    ['2026-09-02', 12.5, 'downloads 5x10=+50 → +12.5 (decay 60d)'],
  ])('five downloads, last on %p → %p', (date, points, reason) => {
    const r = s.score({ downloads: '5', last: date });
    expect([r.engagement, r.reasons]).toEqual([points, [reason]]);
  });
});

describe('repeat control of a count column', () => {
  const s = scorer(`
engagement:
  - { name: once, per: n, points: 10, repeat: once }
  - { name: at most 3, per: n, points: 10, repeat: 3 }
  - { name: every, per: n, points: 10, repeat: every }
  - { name: at most 3 capped, per: n, points: 10, repeat: 3, max: 25 }
stages: [{ name: lead }]
`, ['n']);

  test.each([
    ['1', ['once 1x10=+10', 'at most 3 1x10=+10', 'every 1x10=+10', 'at most 3 capped 1x10=+10']],
    ['3', ['once 3x10=+30 → +10 (once)', 'at most 3 3x10=+30', 'every 3x10=+30', 'at most 3 capped 3x10=+30 → +25 (max 25)']],
    ['5', ['once 5x10=+50 → +10 (once)', 'at most 3 5x10=+50 → +30 (at most 3 times)', 'every 5x10=+50',
      'at most 3 capped 5x10=+50 → +30 (at most 3 times) → +25 (max 25)']],
    ['2.5', ['once 2.5x10=+25 → +10 (once)', 'at most 3 2.5x10=+25', 'every 2.5x10=+25', 'at most 3 capped 2.5x10=+25']],
    ['0', []],
  ])('a count of %p', (n, reasons) => {
    const r = s.score({ n });
    expect(r.reasons).toEqual(reasons);
    expect(cents(r.engagement)).toBe(sum(reasons));
  });
});

describe('a group\'s max', () => {
  const s = scorer(`
engagement:
  - { name: before, per: before, points: 1 }
  - group: email
    max: 20
    rules:
      - { name: open, per: opens, points: 1 }
      - { name: click, per: clicks, points: 2 }
      - { name: unsubscribe, when: { column: unsub, equals: true }, points: -5 }
  - { name: after, per: after, points: 1 }
stages: [{ name: lead }]
`, ['before', 'opens', 'clicks', 'unsub', 'after']);

  test.each<[Record<string, string>, number, string[]]>([
    [{ opens: '8', clicks: '5' }, 18, ['open 8x1=+8', 'click 5x2=+10']],
    [{ opens: '8', clicks: '6' }, 20, ['open 8x1=+8', 'click 6x2=+12']], // exactly at the cap
    [{ opens: '8', clicks: '7' }, 20, ['open 8x1=+8', 'click 7x2=+14 → +12 (group email max 20)']],
    // the cut is taken from the last rules first: the click goes to 0, then the open is cut
    [{ opens: '25', clicks: '3' }, 20, ['open 25x1=+25 → +20 (group email max 20)', 'click 3x2=+6 → +0 (group email max 20)']],
    // the group's net counts: a negative rule makes room
    [{ opens: '8', clicks: '7', unsub: 'yes' }, 17, ['open 8x1=+8', 'click 7x2=+14', 'unsubscribe -5']],
    [{ opens: '20', clicks: '7', unsub: 'yes' }, 20, ['open 20x1=+20', 'click 7x2=+14 → +5 (group email max 20)', 'unsubscribe -5']],
    // rules outside the group are never cut
    [{ before: '50', opens: '30', after: '40' }, 110, ['before 50x1=+50', 'open 30x1=+30 → +20 (group email max 20)', 'after 40x1=+40']],
  ])('%p → %p', (cells, engagement, reasons) => {
    const r = s.score(cells);
    expect([r.engagement, r.reasons]).toEqual([engagement, reasons]);
    expect(cents(r.engagement)).toBe(sum(reasons));
  });

  test('a negative group is capped by size too', () => {
    const n = scorer(`
engagement:
  - group: penalties
    max: 10
    rules:
      - { name: bounce, per: bounces, points: -4 }
      - { name: complaint, when: { column: complaint, equals: true }, points: -8 }
stages: [{ name: lead }]
`, ['bounces', 'complaint']);
    const r = n.score({ bounces: '2', complaint: 'yes' });
    expect([r.engagement, r.reasons]).toEqual([-10, ['bounce 2x-4=-8', 'complaint -8 → -2 (group penalties max 10)']]);
  });

  test('decay, the rule max and the group max on one rule, in that order', () => {
    const d = scorer(`
engagement:
  - group: web
    max: 12
    date: last
    decay: { half_life: 30d }
    rules:
      - { name: visit, per: visits, points: 4, max: 10 }
      - { name: click, per: clicks, points: 2 }
stages: [{ name: lead }]
`, ['visits', 'clicks', 'last']);
    const r = d.score({ visits: '6', clicks: '5', last: '2026-10-02' });
    expect(r.reasons).toEqual(['visit 6x4=+24 → +12 (decay 30d) → +10 (max 10)', 'click 5x2=+10 → +5 (decay 30d) → +2 (group web max 12)']);
    expect(r.engagement).toBe(12);
  });
});

describe('floor and ceiling', () => {
  const s = scorer(`
scores:
  engagement: { floor: 0, ceiling: 50 }
  fit: { floor: -10 }
engagement:
  - { name: visits, per: visits, points: 10 }
  - { name: unsubscribed, when: { column: unsub, equals: true }, points: -30 }
fit:
  - { name: free mail, when: { column: freemail, equals: true }, points: -25 }
stages: [{ name: lead }]
`, ['visits', 'unsub', 'freemail']);

  test.each<[Record<string, string>, number, number, string[]]>([
    [{ visits: '3' }, 30, 0, ['visits 3x10=+30']],
    [{ visits: '5' }, 50, 0, ['visits 5x10=+50']], // at the ceiling: nothing to say
    [{ visits: '8' }, 50, 0, ['visits 8x10=+80', 'engagement ceiling 50 -30']],
    [{ visits: '1', unsub: 'y' }, 0, 0, ['visits 1x10=+10', 'unsubscribed -30', 'engagement floor 0 +20']],
    [{ freemail: 'y' }, 0, -10, ['free mail -25', 'fit floor -10 +15']],
    [{}, 0, 0, []],
  ])('%p → engagement %p, fit %p', (cells, engagement, fit, reasons) => {
    const r = s.score(cells);
    expect([r.engagement, r.fit, r.total, r.reasons]).toEqual([engagement, fit, engagement + fit, reasons]);
  });

  test('a floor above 0 lifts a lead no rule fired for', () => {
    const f = scorer('scores: { fit: { floor: 5 } }\nfit:\n  - { name: x, per: x, points: 1 }\nstages: [{ name: lead }]\n', ['x']);
    expect(f.score({}).reasons).toEqual(['fit floor 5 +5']);
  });
});

describe('the tally: leads and points per rule', () => {
  const s = scorer(`
scores:
  engagement: { ceiling: 25 }
engagement:
  - group: web
    max: 15
    rules:
      - { name: visit, per: visits, points: 5 }
      - { name: click, per: clicks, points: 1 }
  - { name: demo, when: { column: demo, equals: true }, points: 20 }
stages: [{ name: lead }]
`, ['visits', 'clicks', 'demo']);

  test('fired counts and points after every cap, with the ceiling as an entry of its own', () => {
    expect(s.compiled.stats).toEqual([
      { name: 'visit', score: 'engagement' }, { name: 'click', score: 'engagement' }, { name: 'demo', score: 'engagement' },
      { name: 'engagement floor/ceiling', score: 'engagement' },
    ]);
    const tally: RuleTally = { fired: new Int32Array(4), cents: new Float64Array(4) };
    const rows: Record<string, string>[] = [{ visits: '2', clicks: '9', demo: 'y' }, { visits: '1' }, { clicks: '3', demo: 'n' }, {}];
    const total = rows.reduce((a, cells) => a + cents(s.score(cells, tally).engagement), 0);
    // row 1: visit 10, click 9 → 5 (group), demo 20, ceiling −10; row 2: visit 5; row 3: click 3
    expect([...tally.fired]).toEqual([2, 2, 1, 1]);
    expect([...tally.cents]).toEqual([1500, 800, 2000, -1000]);
    expect(total).toBe(1500 + 800 + 2000 - 1000);
  });
});
