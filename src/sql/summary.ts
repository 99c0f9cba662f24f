/**
 * `leadq sql --summary`: the summary's numbers (output/summary.ts, output/sources.ts) as one query
 * over the same scoring steps. One row per lead source and a last row `total`: leads, the count at
 * each final stage (and disqualified), the funnel (reached, from previous, from first, rounded to
 * 4 decimals), spend and cost per MQL, SQL (CPSQL) and SQO, rounded to cents, NULL where leadq's
 * summary has null (no lead reached the stage, no spend entry, no spend at all).
 *
 * Sources are grouped as leadq groups them: spellings alike ignoring case and surrounding spaces
 * are one source, shown by its most frequent spelling (ties: the first in character-code order);
 * spend entries are matched the same way, and one that names no lead source is a row of its own
 * with 0 leads. Spend comes inline (VALUES) or from a table with columns source and amount.
 */
import { DISQUALIFIED } from '../model/result-columns.js';
import { NO_SOURCE_NAME } from './names.js';
import type { ResolvedRuleset } from '../ruleset/resolved.js';
import type { CostStages } from '../ruleset/types.js';
import { scoredSteps, stepCtes } from './compile.js';
import { print, type Dialect } from './dialect.js';
import { bin, col, fn, ifThen, str } from './ir.js';
import { helper } from './typed.js';

export interface SummaryOptions {
  table: string;
  asOf: string | null;
  /** spend per source as the spend list spells it; empty: no spend given, so no costs */
  spend: Map<string, number>;
  /** a table with columns source and amount, instead of the inline spend */
  spendTable?: string;
  costStages: CostStages;
  /** the table of each related file, by its name in the ruleset (default: that name) */
  related?: ReadonlyMap<string, string>;
}

export function summarySql(resolved: ResolvedRuleset, d: Dialect, options: SummaryOptions): string {
  const { steps, related } = scoredSteps(resolved, d, options.asOf, options.related);
  const ctes = stepCtes(d, steps, resolved, options.table, related);
  const id = d.ident;
  const last = id(`_lq_${steps.length}`);
  const source = resolved.sourceColumn >= 0 ? fn('trim', col(helper.text(resolved.sourceColumn))) : str('');
  const spelling = print(ifThen([[bin('=', source, str('')), str(NO_SOURCE_NAME)]], source), d);
  const stages = resolved.stages.map((s) => s.name);
  const names = [...stages, DISQUALIFIED];
  const double = (x: string) => `(${d.num(1)} * ${x})`;
  const round = (x: string, places: number) => {
    const y = `(${x} * ${10 ** places})`;
    return `(CASE WHEN ${y} - FLOOR(${y}) >= ${d.num(0.5)} THEN FLOOR(${y}) + 1 ELSE FLOOR(${y}) END) / ${d.num(10 ** places)}`;
  };
  // code-point order (leadq compares code units; they differ only above U+FFFF): PostgreSQL's
  // default collation may be a locale's, the others compare UTF-8 bytes
  const byCode = d.name === 'postgres' ? ' COLLATE "C"' : '';
  const spendRows = options.spendTable
    ? `SELECT ${id('source')} AS src, ${d.prims.toDouble(id('amount'))} AS amount FROM ${options.spendTable}`
    : options.spend.size === 0
      ? `SELECT ${d.str('')} AS src, ${d.num(0)} AS amount FROM (SELECT 1 AS one) AS nothing WHERE 1 = 0`
      : d.values([...options.spend].map(([s, a]) => [d.str(s), d.num(a)]), ['src', 'amount']);
  const hasSpend = options.spendTable !== undefined || options.spend.size > 0;
  const trimmed = print(fn('trim', col('src')), d);
  const lowerOf = (x: string) => d.prims.lower(x);
  const counts = names.map((name, i) => `    SUM(CASE WHEN ${id('_lq_stage')} = ${i === stages.length ? -1 : i} THEN 1 ELSE 0 END) AS ${id(name)}`);
  // reached: the leads at the stage or above, the disqualified left out; the first stage's is every lead
  const reachedAt = (i: number) => (i === 0 ? id('leads') : `(${stages.slice(i).map(id).join(' + ')})`);
  const costAt = (i: number) => `(${stages.slice(i).map(id).join(' + ')})`;
  const metric = (m: keyof CostStages) => stages.indexOf(options.costStages[m] ?? '\u0000');
  const cost = (m: keyof CostStages, spend: string, known: string) => {
    const i = metric(m);
    if (i < 0) return 'NULL';
    return `CASE WHEN ${known} AND ${costAt(i)} > 0 THEN ${round(`${spend} / ${double(costAt(i))}`, 2)} ELSE NULL END`;
  };
  const rate = (n: string, of: string) => `CASE WHEN ${of} = 0 THEN NULL ELSE ${round(`${double(n)} / ${double(of)}`, 4)} END`;
  const funnel = stages.flatMap((name, i) => [
    `${reachedAt(i)} AS ${id(`reached_${name}`)}`,
    `${i === 0 ? 'NULL' : rate(reachedAt(i), reachedAt(i - 1))} AS ${id(`from_previous_${name}`)}`,
    `${i === 0 ? 'NULL' : rate(reachedAt(i), reachedAt(0))} AS ${id(`from_first_${name}`)}`,
  ]);
  const columns = (spend: string, known: string) => [
    ...names.map(id), id('leads'), ...funnel, `${spend} AS ${id('spend')}`,
    `${cost('mql', spend, known)} AS ${id('cost_per_mql')}`, `${cost('sql', spend, known)} AS ${id('cost_per_sql')}`, `${cost('sqo', spend, known)} AS ${id('cost_per_sqo')}`,
  ];
  const sum = (x: string) => `SUM(${x}) AS ${x}`;
  return `WITH
${ctes.join(',\n')},
${id('_lq_leads')} AS (
  SELECT ${id('_lq_stage')}, ${spelling} AS spelling FROM ${last}
),
${id('_lq_spellings')} AS (
  SELECT ${lowerOf('spelling')} AS k, spelling, COUNT(*) AS n FROM ${id('_lq_leads')} GROUP BY ${lowerOf('spelling')}, spelling
),
${id('_lq_shown')} AS (
  SELECT k, spelling FROM (
    SELECT k, spelling, ROW_NUMBER() OVER (PARTITION BY k ORDER BY n DESC, spelling${byCode}) AS rn FROM ${id('_lq_spellings')}
  ) AS ranked WHERE rn = 1
),
${id('_lq_counts')} AS (
  SELECT ${lowerOf('spelling')} AS k, COUNT(*) AS leads,
${counts.join(',\n')}
  FROM ${id('_lq_leads')} GROUP BY ${lowerOf('spelling')}
),
${id('_lq_spend_in')} AS (
  ${spendRows}
),
${id('_lq_spend')} AS (
  SELECT ${lowerOf(trimmed)} AS k, SUM(amount) AS amount, MIN(${trimmed}${byCode}) AS spelling FROM ${id('_lq_spend_in')} GROUP BY ${lowerOf(trimmed)}
),
${id('_lq_sources')} AS (
  SELECT COALESCE(c.k, s.k) AS k, COALESCE(sh.spelling, s.spelling) AS ${id('source')}, COALESCE(c.leads, 0) AS leads,
${names.map((n) => `    COALESCE(c.${id(n)}, 0) AS ${id(n)}`).join(',\n')},
    s.amount AS amount
  FROM ${id('_lq_counts')} AS c
  FULL OUTER JOIN ${id('_lq_spend')} AS s ON c.k = s.k
  LEFT JOIN ${id('_lq_shown')} AS sh ON sh.k = c.k
),
${id('_lq_total')} AS (
  SELECT ${[...names, 'leads'].map((n) => sum(id(n))).join(', ')}, ${round(`SUM(COALESCE(amount, ${d.num(0)}))`, 2)} AS amount FROM ${id('_lq_sources')}
)
SELECT ${id('kind')}, ${id('source')}, ${[...names.map(id), id('leads')].join(', ')}, ${stages.flatMap((n) => [`reached_${n}`, `from_previous_${n}`, `from_first_${n}`]).map(id).join(', ')}, ${id('spend')}, ${id('cost_per_mql')}, ${id('cost_per_sql')}, ${id('cost_per_sqo')}
FROM (
  SELECT 0 AS ord, ${d.str('source')} AS ${id('kind')}, ${id('source')}, ${columns(`COALESCE(amount, ${d.num(0)})`, '(amount IS NOT NULL)').join(', ')}
  FROM ${id('_lq_sources')}
  UNION ALL
  SELECT 1 AS ord, ${d.str('total')} AS ${id('kind')}, ${d.str('total')} AS ${id('source')}, ${columns('amount', hasSpend ? 'TRUE' : 'FALSE').join(', ')}
  FROM ${id('_lq_total')}
) AS ${id('_lq_summary')}
ORDER BY ord, ${id('source')}${byCode}
`;
}
