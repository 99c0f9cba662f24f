/**
 * The resolved ruleset is plain data and the as-of date an argument of evaluation (issue #11):
 *  - resolving gives data without a function anywhere, which survives a JSON round trip, and the
 *    ruleset compiled from the round-tripped copy scores every lead exactly as the original;
 *  - one compiled ruleset evaluated "as of" several days gives what compiling it for each day
 *    did, for the date operators, windows and decay alike.
 */
import fs from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { compileResolved, compileRuleset } from '../../src/engine/compile.js';
import { evaluateLead } from '../../src/engine/evaluate.js';
import { RowCoercer } from '../../src/input/rows/typed-row.js';
import { formatDay, parseDay } from '../../src/model/days.js';
import { loadRuleset } from '../../src/ruleset/index.js';
import { resolveRuleset } from '../../src/ruleset/resolve.js';
import type { ResolvedRuleset } from '../../src/ruleset/resolved.js';
import { fixture } from '../e2e/helpers.js';
import { mulberry32, scorer } from './helpers.js';

/** Every value reachable from `x` that is a function or a class instance (Map, Set, RegExp, typed array). */
function notPlain(x: unknown, path = 'resolved'): string[] {
  if (x === null || typeof x !== 'object') return typeof x === 'function' ? [path] : [];
  if (Array.isArray(x)) return x.flatMap((v, i) => notPlain(v, `${path}[${i}]`));
  if (Object.getPrototypeOf(x) !== Object.prototype) return [`${path} (${(x as object).constructor.name})`];
  return Object.entries(x).flatMap(([k, v]) => notPlain(v, `${path}.${k}`));
}

const RULESETS = [
  ['the e2e fixture', fixture('rules.yaml'), fixture('leads.csv')],
  ['the bundled example', 'rules.example.yaml', 'examples/leads.csv'],
] as const;

describe('the resolved ruleset is plain data', () => {
  test.each(RULESETS)('%s: no function, no class instance, and JSON keeps all of it', (_name, rules, leads) => {
    const { ruleset } = loadRuleset(rules);
    const [header] = parse(fs.readFileSync(leads), { to_line: 1, bom: true }) as string[][];
    const { resolved, issues } = resolveRuleset(ruleset, header, leads);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(notPlain(resolved)).toEqual([]);
    expect(JSON.parse(JSON.stringify(resolved))).toEqual(resolved);
  });

  test.each(RULESETS)('%s: compiled from its JSON copy, every lead gets the same result', (_name, rules, leads) => {
    const { ruleset } = loadRuleset(rules);
    const [header, ...rows] = parse(fs.readFileSync(leads), { bom: true }) as string[][];
    const { compiled } = compileRuleset(ruleset, header, leads, '2026-11-01');
    const copy = compileResolved(JSON.parse(JSON.stringify(compiled.resolved)) as ResolvedRuleset);
    const day = parseDay('2026-11-01');
    const original = new RowCoercer(compiled.plan, header.length);
    const fromCopy = new RowCoercer(copy.plan, header.length);
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      original.load(row);
      fromCopy.load(row);
      expect(evaluateLead(fromCopy.row, copy, day)).toEqual(evaluateLead(original.row, compiled, day));
    }
  });
});

describe('the as-of date is an argument of evaluation', () => {
  const RULES = `
engagement:
  - name: recent visit
    when: { column: last_visit, within_days: 30 }
    points: 10
  - name: webinar
    per: webinars
    points: 20
    date: webinar_date
    window: 90d
    decay: { half_life: 30d }
  - name: demo
    when: { column: demo, equals: yes }
    points: 25
    date: demo_date
    decay: { step: 14d, factor: 0.5 }
fit:
  - name: dormant
    when: { column: last_visit, older_than_days: 180 }
    points: -15
stages:
  - name: lead
  - name: warm
    when: { score: engagement, gte: 20 }
`;
  const HEADER = ['last_visit', 'webinars', 'webinar_date', 'demo', 'demo_date'];
  const days = ['2026-01-15', '2026-06-30', '2026-11-01', '2027-03-01'];

  test('one compiled ruleset, evaluated as of each day, equals the ruleset compiled for that day', () => {
    const rand = mulberry32(11);
    const date = () => formatDay(parseDay('2025-10-01') + Math.floor(rand() * 520));
    const once = scorer(RULES, HEADER, '2026-11-01');
    for (let lead = 0; lead < 200; lead++) {
      const cells = { last_visit: date(), webinars: String(Math.floor(rand() * 4)), webinar_date: date(), demo: rand() < 0.5 ? 'yes' : 'no', demo_date: date() };
      for (const asOf of days) {
        const fresh = scorer(RULES, HEADER, asOf);
        const expected = fresh.score(cells);
        const actual = evaluateLead(once.row(cells), once.compiled, parseDay(asOf));
        expect({ lead, asOf, result: actual }).toEqual({ lead, asOf, result: { ...expected, stageName: undefined } });
      }
    }
  });

  test('the as-of day changes the outcome: a visit 20 days before one day is 200 days before another', () => {
    const s = scorer(RULES, HEADER, '2026-11-01');
    const cells = { last_visit: '2026-10-12', webinars: '', webinar_date: '', demo: '', demo_date: '' };
    expect(evaluateLead(s.row(cells), s.compiled, parseDay('2026-11-01')).reasons).toEqual(['recent visit +10']);
    expect(evaluateLead(s.row(cells), s.compiled, parseDay('2027-05-01')).reasons).toEqual(['dormant -15']);
  });
});
