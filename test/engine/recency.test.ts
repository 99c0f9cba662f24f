/**
 * Recency: `window` and `decay` count whole calendar days between the date written in a cell and
 * the as-of date. Boundaries: exactly at the window, a day past it, leap years, times and zones
 * (ignored: a date is the day as written), dates after the as-of date, empty dates.
 */
import { describe, expect, test } from '@jest/globals';
import { scorer } from './helpers.js';

const HEADER = ['webinar', 'webinar_date'];
const webinar = (keys: string, asOf = '2026-11-01') => scorer(`
engagement:
  - name: webinar attended
    when: { column: webinar, equals: true }
    points: 20
    date: webinar_date
${keys}
stages: [{ name: lead }]
`, HEADER, asOf);

describe('window: 90d counts a date at most 90 whole days before the as-of date', () => {
  const s = webinar('    window: 90d');
  test.each([
    ['2026-11-01', 20], // the as-of day itself
    ['2026-08-03', 20], // exactly 90 days before
    ['2026-08-02', 0], // 91 days before
    ['2026-08-03 23:59', 20], // a time does not make a day older or younger
    ['2026-08-03T00:00:00Z', 20],
    ['2026-08-03T23:30:00-05:00', 20], // the calendar day as written, whatever the zone
    ['2026-08-02T23:59:59+14:00', 0],
    ['2027-01-15', 20], // after the as-of date: age 0, inside
    ['', 0], // no date: the activity cannot be placed in time
    ['03.08.2026', 0], // not a date (a value warning): as if empty
  ])('webinar on %p → %p points', (date, points) => {
    const r = s.score({ webinar: 'yes', webinar_date: date });
    expect(r.engagement).toBe(points);
    expect(r.reasons).toEqual(points ? ['webinar attended +20'] : []);
  });

  test.each([
    // the same calendar dates, 90 days apart across a leap February and 89 across a common one
    ['2024-03-01', '2023-12-02', 20],
    ['2026-03-01', '2025-12-02', 20],
    ['2024-03-01', '2023-12-01', 0],
    ['2026-03-01', '2025-12-01', 20],
    ['2024-03-01', '2024-02-29', 20],
  ])('as of %p a webinar on %p → %p points', (asOf, date, points) => {
    expect(webinar('    window: 90d', asOf).score({ webinar: 'yes', webinar_date: date }).engagement).toBe(points);
  });

  test('window: 0d counts the as-of day and later only', () => {
    const s0 = webinar('    window: 0d');
    expect([s0.score({ webinar: 'y', webinar_date: '2026-11-01' }).engagement, s0.score({ webinar: 'y', webinar_date: '2026-10-31' }).engagement]).toEqual([20, 0]);
  });
});

describe('decay', () => {
  test.each([
    // half-life 30 days: 20 × 0.5^(age/30), to cents
    ['2026-11-01', 20, 'webinar attended +20'],
    ['2026-10-02', 10, 'webinar attended +20 → +10 (decay 30d)'],
    ['2026-09-10', 6.02, 'webinar attended +20 → +6.02 (decay 52d)'],
    ['2026-09-02', 5, 'webinar attended +20 → +5 (decay 60d)'],
    ['2026-10-31T23:59:00Z', 19.54, 'webinar attended +20 → +19.54 (decay 1d)'],
    ['2027-03-01', 20, 'webinar attended +20'], // a date after the as-of date does not decay
    ['2016-11-01', 0, 'webinar attended +20 → +0 (decay 3652d)'], // a decade: it still fired, worth 0
  ])('half_life 30d, webinar on %p → %p', (date, points, reason) => {
    const r = webinar('    decay: { half_life: 30d }').score({ webinar: 'yes', webinar_date: date });
    expect([r.engagement, r.reasons]).toEqual([points, [reason]]);
  });

  test('half_life 60d at 52 days, the form of the issue\'s example: +20 → +10.97', () => {
    const r = webinar('    decay: { half_life: 60d }').score({ webinar: 'yes', webinar_date: '2026-09-10' });
    expect(r.reasons).toEqual(['webinar attended +20 → +10.97 (decay 52d)']); // 20 × 0.5^(52/60) = 10.966
  });

  test.each([
    // −25% per full 30 days: 0.75^floor(age/30)
    ['2026-11-01', 20],
    ['2026-10-03', 20], // 29 days: no full step yet
    ['2026-10-02', 15], // 30 days: one step
    ['2026-09-03', 15], // 59 days
    ['2026-09-02', 11.25], // 60 days: two steps
    ['2026-08-03', 8.44], // 90 days: three steps, 8.4375 to cents
  ])('step 30d factor 0.75, webinar on %p → %p', (date, points) => {
    expect(webinar('    decay: { step: 30d, factor: 0.75 }').score({ webinar: 'yes', webinar_date: date }).engagement).toBe(points);
  });

  test.each([
    ['2026-10-02', 15], // inside: decayed one step
    ['2026-08-03', 8.44], // exactly at the window: still counts, decayed
    ['2026-08-02', 0], // past the window: nothing, no reason
  ])('window 90d and step decay on one rule, webinar on %p → %p', (date, points) => {
    const r = webinar('    window: 90d\n    decay: { step: 30d, factor: 0.75 }').score({ webinar: 'yes', webinar_date: date });
    expect([r.engagement, r.reasons.length]).toEqual([points, points ? 1 : 0]);
  });

  test('a per rule decays its whole amount', () => {
    const s = scorer(`
engagement:
  - { name: email click, per: clicks, points: 2, date: last, decay: { half_life: 30d } }
stages: [{ name: lead }]
`, ['clicks', 'last']);
    expect(s.score({ clicks: '7', last: '2026-10-02' }).reasons).toEqual(['email click 7x2=+14 → +7 (decay 30d)']);
  });
});

describe('a group shares its recency', () => {
  const s = scorer(`
engagement:
  - group: email
    date: last_email
    window: 60d
    decay: { half_life: 30d }
    rules:
      - { name: open, per: opens, points: 1 }
      - { name: click, per: clicks, points: 2, window: 10d }
stages: [{ name: lead }]
`, ['opens', 'clicks', 'last_email']);

  test.each([
    ['2026-11-01', 4 + 6, ['open 4x1=+4', 'click 3x2=+6']],
    ['2026-10-02', 2 + 0, ['open 4x1=+4 → +2 (decay 30d)']], // the click's own window is 10 days
    ['2026-09-01', 0, []], // 61 days: outside the group's window
  ])('last email on %p → %p', (date, points, reasons) => {
    const r = s.score({ opens: '4', clicks: '3', last_email: date });
    expect([r.engagement, r.reasons]).toEqual([points, reasons]);
  });
});
