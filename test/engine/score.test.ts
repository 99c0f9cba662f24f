import { describe, expect, test } from '@jest/globals';
import { measureRule, newSteps } from '../../src/engine/score.js';
import { scorer } from './helpers.js';

describe('measureRule: the steps of a rule for one row', () => {
  const s = scorer(`
engagement:
  - { name: pricing visit, per: visits, points: 5, max: 25 }
  - { name: webinar, when: { column: webinar, equals: true }, points: 20, date: webinar_date, window: 90d, decay: { half_life: 30d } }
stages: [{ name: lead }]
`, ['visits', 'webinar', 'webinar_date']);

  test.each([
    [{ visits: '0' }, false, 'no count'],
    [{ visits: '' }, false, 'no count'],
    [{ visits: '7' }, true, ''],
  ])('pricing visit %p counts: %p (%p)', (cells, counts, skipped) => {
    const steps = newSteps();
    expect(measureRule(s.compiled.engagement[0], s.row(cells), s.asOfDay, steps)).toBe(counts);
    expect(steps.skipped).toBe(skipped);
  });

  test('a capped count: raw 35, rule max 25', () => {
    const steps = newSteps();
    measureRule(s.compiled.engagement[0], s.row({ visits: '7' }), s.asOfDay, steps);
    expect([steps.count, steps.raw, steps.afterRepeat, steps.afterDecay, steps.amount]).toEqual([7, 35, 35, 35, 25]);
  });

  test.each([
    ['2026-11-01', 0, 20],
    ['2026-10-02', 30, 10],
    ['2026-09-02', 60, 5],
    ['2026-12-24', 0, 20], // after the as-of date: no decay
  ])('webinar on %p: age %p days, %p points', (date, age, amount) => {
    const steps = newSteps();
    expect(measureRule(s.compiled.engagement[1], s.row({ webinar: 'yes', webinar_date: date }), s.asOfDay, steps)).toBe(true);
    expect([steps.age, steps.amount]).toEqual([age, amount]);
  });
});
