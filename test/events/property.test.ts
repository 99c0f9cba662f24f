/**
 * The derived columns against a brute-force recomputation: seeded random leads, activity logs in
 * random order (keys in other cases and with spaces, keys of no lead, dates that are not dates,
 * rows after the as-of date) and derived columns with random aggregates and options. The oracle
 * here is written plainly and apart from the implementation: per lead, the matching rows filtered,
 * sorted by day, capped per day and spaced greedily by hand, weighed and added. The real passes run
 * at several block sizes (a log many blocks long, blocks cut anywhere) and must agree with it.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { mulberry32 } from '../support/random.js';
import { AS_OF, cleanDeriveDirs, daysBefore, derive, type Derived } from './helpers.js';

afterAll(cleanDeriveDirs);

const TYPES = ['Meeting', 'Call', 'Email Reply', 'Form'];

interface Row { type: string; age: number | null; key: string; amount: number | null; amountText: string }
interface Spec {
  name: string; aggregate: string; where: string | null; within: number | null;
  perDayMax: number | null; onceEvery: number | null; decay: { kind: 'half_life' | 'step'; days: number; factor: number } | null;
}

function makeCase(seed: number) {
  const rand = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const emails = Array.from({ length: 30 }, (_, i) => `p${i}.x${int(0, 9)}@co${i % 7}.example`);
  const leads = Array.from({ length: 40 }, (_, i) => {
    const e = rand() < 0.1 ? '' : pick(emails);
    return { id: `L${i}`, email: rand() < 0.2 ? e.toUpperCase() : e };
  });
  const rows: Row[] = Array.from({ length: int(200, 600) }, () => {
    const base = rand() < 0.08 ? `stranger${int(0, 5)}@else.example` : pick(emails);
    const key = rand() < 0.1 ? ` ${base.toUpperCase()} ` : base;
    const age = rand() < 0.03 ? null : int(-5, 70);
    const amount = rand() < 0.2 ? null : int(0, 4000) / 100;
    return { type: pick(TYPES), age, key, amount, amountText: amount === null ? pick(['', 'abc']) : String(amount) };
  });
  const aggregates = ['count', 'exists', 'distinct_days', 'sum', 'min', 'max', 'first', 'last'];
  const specs: Spec[] = Array.from({ length: 8 }, (_, i) => {
    const aggregate = i < aggregates.length ? aggregates[i] : pick(aggregates);
    const dayRules = aggregate === 'count' || aggregate === 'distinct_days';
    return {
      name: `c${i}`, aggregate,
      where: rand() < 0.6 ? pick(TYPES) : null,
      within: rand() < 0.5 ? int(0, 60) : null,
      perDayMax: aggregate === 'count' && rand() < 0.5 ? int(1, 3) : null,
      onceEvery: dayRules && rand() < 0.4 ? int(1, 10) : null,
      decay: (dayRules || aggregate === 'sum') && rand() < 0.5 ? (rand() < 0.5 ? { kind: 'half_life', days: int(1, 40), factor: 0 } : { kind: 'step', days: int(1, 20), factor: int(1, 9) / 10 }) : null,
    };
  });
  return { leads, rows, specs };
}

function yamlOf(s: Spec): string {
  const value = s.aggregate === 'sum' || s.aggregate === 'min' || s.aggregate === 'max' ? 'Amount' : 'true';
  const parts = [`${s.aggregate}: ${value}`];
  if (s.where) parts.push(`where: { column: Type, equals: ${s.where} }`);
  if (s.within !== null) parts.push(`within: ${s.within}d`);
  if (s.perDayMax !== null) parts.push(`per_day_max: ${s.perDayMax}`);
  if (s.onceEvery !== null) parts.push(`once_every: ${s.onceEvery}d`);
  if (s.decay) parts.push(s.decay.kind === 'half_life' ? `decay: { half_life: ${s.decay.days}d }` : `decay: { step: ${s.decay.days}d, factor: ${s.decay.factor} }`);
  return `      ${s.name}: { ${parts.join(', ')} }`;
}

/** The brute force: one lead, one column, from the rows as written. */
function oracle(leadEmail: string, rows: Row[], s: Spec): Derived {
  const key = leadEmail.trim().toLowerCase();
  const none = s.aggregate === 'exists' ? false : ['count', 'distinct_days', 'sum'].includes(s.aggregate) ? 0 : null;
  if (key === '') return none;
  const weight = (age: number) => (s.decay === null ? 1 : s.decay.kind === 'half_life' ? Math.pow(0.5, age / s.decay.days) : Math.pow(s.decay.factor, Math.floor(age / s.decay.days)));
  // the rows of this lead that count before the day rules, in file order
  const rowsOf = rows.filter((r) => r.key.trim().toLowerCase() === key && r.age !== null && r.age >= 0
    && (s.where === null || r.type === s.where) && (s.within === null || r.age <= s.within)
    && (!['sum', 'min', 'max'].includes(s.aggregate) || r.amount !== null));
  switch (s.aggregate) {
    case 'exists': return rowsOf.length > 0;
    // each value (times its weight) to whole millionths, added exactly, the total to the cent half up
    case 'sum': { let t = 0; for (const r of rowsOf) t += Math.round((s.decay ? r.amount! * weight(r.age!) : r.amount!) * 1e6); return Math.round(t / 1e4) / 100 + 0; }
    case 'min': return rowsOf.length ? Math.min(...rowsOf.map((r) => r.amount!)) : null;
    case 'max': return rowsOf.length ? Math.max(...rowsOf.map((r) => r.amount!)) : null;
    case 'first': return rowsOf.length ? dayText(Math.max(...rowsOf.map((r) => r.age!))) : null;
    case 'last': return rowsOf.length ? dayText(Math.min(...rowsOf.map((r) => r.age!))) : null;
  }
  // count, distinct_days: walk the days from the oldest; a day gives at most its cap (one for
  // distinct days and once-every), a once-every day only N or more days after the last one counted
  const ages = [...new Set(rowsOf.map((r) => r.age!))].sort((a, b) => b - a);
  let units = 0;
  let lastCounted: number | null = null;
  for (const age of ages) {
    let n = rowsOf.filter((r) => r.age === age).length;
    if (s.aggregate === 'distinct_days') n = Math.min(n, 1);
    if (s.perDayMax !== null) n = Math.min(n, s.perDayMax);
    if (s.onceEvery !== null) {
      if (lastCounted !== null && lastCounted - age < s.onceEvery) n = 0;
      n = Math.min(n, 1);
      if (n > 0) lastCounted = age;
    }
    units += n * Math.round(weight(age) * 1e9);
  }
  return Math.round((units / 1e9) * 100) / 100;
}

const dayText = (age: number) => daysBefore(age).slice(0, 10);

function files(c: ReturnType<typeof makeCase>) {
  const leads = `id,email\n${c.leads.map((l) => `${l.id},${l.email}`).join('\n')}\n`;
  const related = `Type,When,Contact,Amount\n${c.rows.map((r) => `${r.type},${r.age === null ? 'someday' : daysBefore(r.age, `${String(r.age % 24).padStart(2, '0')}:30`)},"${r.key}",${r.amountText}`).join('\n')}\n`;
  const entry = `    key: Contact\n    matches: email\n    at: When\n    columns:\n${c.specs.map(yamlOf).join('\n')}\n`;
  return { leads, related, entry };
}

describe('derived columns equal a brute-force recomputation', () => {
  test.each(Array.from({ length: 12 }, (_, i) => [1000 + i]))('seed %i, at block sizes 97, 1000 and the default', async (seed) => {
    const c = makeCase(seed);
    const { leads, related, entry } = files(c);
    const expected = new Map(c.leads.map((l) => [l.id, Object.fromEntries(c.specs.map((s) => [s.name, oracle(l.email, c.rows, s)]))]));
    for (const blockSize of [97, 1000, undefined]) {
      const { values } = await derive({ leads, related, entry, asOf: AS_OF, blockSize });
      const wrong = c.leads.filter((l) => JSON.stringify(values.get(l.id)) !== JSON.stringify(expected.get(l.id)))
        .map((l) => ({ lead: l.id, blockSize, got: values.get(l.id), expected: expected.get(l.id), specs: c.specs }));
      expect(wrong.slice(0, 1)).toEqual([]);
    }
  });
});
