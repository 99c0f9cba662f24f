/**
 * Seeded property test: for random rulesets (per rules with repeat and max, conditions, dates
 * with windows and both kinds of decay, groups with caps and shared recency, floors and
 * ceilings, a named score) and random leads:
 *  - the reasons of each score add up exactly (to the cent) to that score, and total = engagement + fit;
 *  - no score leaves its floor and ceiling;
 *  - the explaining evaluation agrees: its per-rule final points and bound moves add up to each
 *    score, and the reasons it describes are the reasons the engine wrote;
 *  - the summary's tally adds up to the scores over all leads.
 */
import { describe, expect, test } from '@jest/globals';
import { explainLead } from '../../src/engine/explain.js';
import type { RuleTally } from '../../src/engine/types.js';
import { formatDay, parseDay } from '../../src/model/days.js';
import { cents, contribution, mulberry32, scorer } from './helpers.js';

const AS_OF = '2026-11-01';
const COUNTS = ['c0', 'c1', 'c2', 'c3'];
const DATES = ['d0', 'd1'];
const FLAGS = ['f0', 'f1', 'f2'];
const HEADER = [...COUNTS, ...DATES, ...FLAGS];

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)];
const chance = (rand: Rand, p: number) => rand() < p;
/** a number with 0, 1 or 2 decimals in [lo, hi] */
const amount = (rand: Rand, lo: number, hi: number) => Number((lo + rand() * (hi - lo)).toFixed(pick(rand, [0, 1, 2])));

function recency(rand: Rand): string[] {
  const out: string[] = [];
  if (chance(rand, 0.5)) out.push(`window: ${pick(rand, [0, 30, 90, 180])}d`);
  if (chance(rand, 0.5)) out.push(chance(rand, 0.5) ? `decay: { half_life: ${pick(rand, [7, 30, 60])}d }` : `decay: { step: ${pick(rand, [10, 30])}d, factor: ${pick(rand, [0, 0.5, 0.75, 0.9])} }`);
  if (out.length) out.unshift(`date: ${pick(rand, DATES)}`);
  return out;
}

function rule(rand: Rand, name: string, inGroup: boolean): string {
  const keys = [`name: ${name}`, `points: ${amount(rand, -30, 30)}`];
  if (chance(rand, 0.6)) {
    keys.push(`per: ${pick(rand, COUNTS)}`);
    if (chance(rand, 0.3)) keys.push(`repeat: ${pick(rand, ['once', 'every', '2', '3'])}`);
    if (chance(rand, 0.3)) keys.push(`when: { column: ${pick(rand, FLAGS)}, equals: true }`);
  } else keys.push(`when: { column: ${pick(rand, FLAGS)}, equals: ${chance(rand, 0.7)} }`);
  if (chance(rand, 0.3)) keys.push(`max: ${amount(rand, 0, 25)}`);
  if (!inGroup || chance(rand, 0.3)) keys.push(...recency(rand));
  return `{ ${keys.join(', ')} }`;
}

function ruleList(rand: Rand, prefix: string, indent: string): string[] {
  const out: string[] = [];
  let n = 0;
  for (let i = 0, items = 1 + Math.floor(rand() * 4); i < items; i++) {
    if (chance(rand, 0.35)) {
      out.push(`${indent}- group: ${prefix}g${i}`);
      if (chance(rand, 0.8)) out.push(`${indent}  max: ${amount(rand, 0, 30)}`);
      const shared = recency(rand);
      for (const k of shared) out.push(`${indent}  ${k}`);
      out.push(`${indent}  rules:`);
      for (let j = 0, size = 1 + Math.floor(rand() * 3); j < size; j++) out.push(`${indent}    - ${rule(rand, `${prefix}${n++}`, true)}`);
    } else out.push(`${indent}- ${rule(rand, `${prefix}${n++}`, false)}`);
  }
  return out;
}

/** Random `floor` and `ceiling` keys (floor ≤ ceiling), possibly none. */
function bounds(rand: Rand): string[] {
  const floor = chance(rand, 0.4) ? amount(rand, -20, 10) : undefined;
  const ceiling = chance(rand, 0.4) ? Number(((floor ?? -20) + amount(rand, 0, 60)).toFixed(2)) : undefined;
  return [floor === undefined ? '' : `floor: ${floor}`, ceiling === undefined ? '' : `ceiling: ${ceiling}`].filter(Boolean);
}

function randomRuleset(rand: Rand): string {
  return [
    'engagement:', ...ruleList(rand, 'e', '  '),
    'fit:', ...ruleList(rand, 'f', '  '),
    'scores:',
    `  engagement: { ${bounds(rand).join(', ')} }`,
    `  fit: { ${bounds(rand).join(', ')} }`,
    '  n0:',
    ...bounds(rand).map((b) => `    ${b}`),
    '    rules:', ...ruleList(rand, 'n', '      '),
    'stages: [{ name: lead }]',
    '',
  ].join('\n');
}

function randomLead(rand: Rand): Record<string, string> {
  const asOf = parseDay(AS_OF);
  const cells: Record<string, string> = {};
  for (const c of COUNTS) cells[c] = pick(rand, ['', '0', '1', '2', '2.5', '3', '7', '12', 'x', '-1']);
  for (const d of DATES) cells[d] = chance(rand, 0.15) ? pick(rand, ['', 'soon']) : formatDay(asOf - Math.floor(rand() * 400) + 20) + pick(rand, ['', ' 09:30', 'T23:59:00Z']);
  for (const f of FLAGS) cells[f] = pick(rand, ['yes', 'no', '']);
  return cells;
}

/** Which score a reason belongs to: a named score's prefix, or engagement/fit by rule name or bound entry. */
function scoreOf(reason: string): string {
  if (reason.startsWith('n0: ')) return 'n0';
  return /^(engagement |e\d)/.test(reason) ? 'engagement' : 'fit';
}

describe.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i', (seed) => {
  const rand = mulberry32(seed);
  test.each(Array.from({ length: 6 }, (_, i) => [i]))('random ruleset %i: 150 random leads', () => {
    const yaml = randomRuleset(rand);
    const s = scorer(yaml, HEADER, AS_OF);
    const tally: RuleTally = { fired: new Int32Array(s.compiled.stats.length), cents: new Float64Array(s.compiled.stats.length) };
    const totals = new Map<string, number>();
    for (let i = 0; i < 150; i++) {
      const cells = randomLead(rand);
      const r = s.score(cells, tally);
      const scores: Record<string, number> = { engagement: r.engagement, fit: r.fit, n0: r.named[0] };
      const sums: Record<string, number> = { engagement: 0, fit: 0, n0: 0 };
      for (const reason of r.reasons) sums[scoreOf(reason)] += cents(contribution(reason));
      const context = { yaml, cells, reasons: r.reasons };
      expect({ ...context, sums }).toEqual({ ...context, sums: { engagement: cents(r.engagement), fit: cents(r.fit), n0: cents(r.named[0]) } });
      expect(cents(r.total)).toBe(cents(r.engagement) + cents(r.fit));
      s.compiled.scores.forEach((sc) => {
        const value = scores[sc.name];
        expect({ ...context, score: sc.name, inside: value >= sc.floor && value <= sc.ceiling }).toEqual({ ...context, score: sc.name, inside: true });
        totals.set(sc.name, (totals.get(sc.name) ?? 0) + cents(value));
      });

      const e = explainLead(s.row(cells), s.compiled, s.asOfDay);
      for (const sc of e.scores) {
        const fromRules = e.rules.filter((t) => t.score === sc.name && t.points).reduce((a, t) => a + cents(t.points!.final), 0);
        expect({ ...context, score: sc.name, explained: fromRules + cents(sc.bounded) }).toEqual({ ...context, score: sc.name, explained: cents(sc.value) });
      }
      const bound = /^(n0: )?(engagement |fit )?(floor|ceiling) -?[\d.]+ [+-]/;
      expect(e.rules.filter((t) => t.reason !== null).map((t) => t.reason)).toEqual(r.reasons.filter((x) => !bound.test(x)));
    }
    const tallied = new Map<string, number>();
    s.compiled.stats.forEach((st, i) => tallied.set(st.score, (tallied.get(st.score) ?? 0) + tally.cents[i]));
    for (const [score, sum] of totals) expect([score, tallied.get(score) ?? 0]).toEqual([score, sum]);
  });
});
