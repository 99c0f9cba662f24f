/**
 * Derived columns of related files (ResolvedRelated) in SQL: each related file is a table holding
 * its CSV's columns as text, named as its header (`--related name=table`, default: the related
 * file's name). Its rows are parsed as input/ parses them (typed.ts, with the file's own formats
 * and placeholders), keyed as input/keys/normalize-key.ts keys them, measured as
 * engine/related-rows.ts measures them, and grouped per key as events/accumulate.ts folds them;
 * the leads join the groups by their normalised key (a lead without a key, or without counted
 * rows, gets the aggregate's "none" value: 0, false or empty).
 *
 * The day rules (model/related.ts countDays) are set-based: a daily cap counts min(rows, cap) per
 * day, distinct days one per day, and decay weighs each day by its age, in whole billionths as
 * leadq adds them. Once every N days is a greedy walk over a lead's days (a day counts when the
 * last counted one is N days or more before it), written set-based in once-every.ts.
 *
 * A sum adds each row's value (times its decay weight) in whole millionths and brings the total
 * back to two decimals, as leadq does (model/related.ts SUM_UNITS): exact, so no row order matters.
 */
import { parseDay } from '../model/days.js';
import { DEFAULT_PLACEHOLDERS } from '../input/values/formats.js';
import { SUM_UNITS, UNITS } from '../model/related.js';
import type { ResolvedDerived, ResolvedRelated, ResolvedRuleset } from '../ruleset/resolved.js';
import { ConditionCompiler } from './conditions.js';
import { cte, fullMatch, NoFaithfulForm, print, type Dialect } from './dialect.js';
import { and, bin, col, fn, holds, ifThen, jsRound, notNull, NULL, num, round2, str, TRUE, type Expr } from './ir.js';
import { levels, walk } from './once-every.js';
import { decayFactor } from './scores.js';
import { helper, typedSteps, type Step } from './typed.js';

/** Keys longer than this many UTF-8 bytes match nothing (input/keys/normalize-key.ts MAX_KEY_BYTES). */
const MAX_KEY_BYTES = 1024;

export interface RelatedSql {
  /** CTEs (without WITH) that come before the scoring steps */
  ctes: string[];
  /** `LEFT JOIN …` clauses for the first step, which reads the leads' table */
  joins: string;
  /** the derived columns as the first step adds them: helper name → value (the "none" value when no row counts) */
  values: [string, Expr][];
  /** the names the joined CTEs' columns have (an input column must not be named so) */
  names: string[];
}

/** A derived column's helper, where conditions and rules read it (typed.ts names, by its index). */
export function derivedHelper(d: ResolvedDerived): string {
  return d.kind === 'number' ? helper.number(d.index) : d.kind === 'date' ? helper.date(d.index) : helper.boolean(d.index);
}

/** The related files' CTEs, joins and values; `tables`: the table of each related file, by name. */
export function relatedSql(resolved: ResolvedRuleset, d: Dialect, asOf: string | null, tables: ReadonlyMap<string, string>): RelatedSql | null {
  const files = (resolved.related ?? []).filter((f) => f.columns.length > 0);
  if (files.length === 0) return null;
  const out: RelatedSql = { ctes: [], joins: '', values: [], names: [] };
  const asOfExpr = asOf === null ? fn('today') : num(parseDay(asOf));
  files.forEach((file, f) => {
    const where = `the related file "${file.name}" (derived columns ${file.columns.map((c) => `"${c.name}"`).join(', ')})`;
    try {
      fileSql(resolved, file, f + 1, d, asOf, asOfExpr, tables.get(file.name) ?? d.ident(file.name), out);
    } catch (error) {
      if (error instanceof NoFaithfulForm && !error.message.startsWith('the derived column')) throw new NoFaithfulForm(`${where}: ${error.message}`);
      throw error;
    }
  });
  return out;
}

/** A key cell without its zero-width characters, trimmed (steps 1 and 2 of input/keys/normalize-key.ts). */
export const trimmedKey = (cell: Expr): Expr => fn('trim', fn('dropZeroWidth', fn('nullToEmpty', cell)));

/** The rest of input/keys/normalize-key.ts on a trimmedKey: Excel's `="…"` unwrapped; an email lower-cased, without `mailto:`; NFC. */
export function normalizedKey(trimmed: Expr, email: boolean): Expr {
  const unwrapped = fn('unwrapFormula', trimmed);
  return fn('nfc', email ? fn('dropMailto', fn('lower', unwrapped)) : unwrapped);
}

/** A key cell (trimmedKey) as leads and related rows are matched by (normalizedKey), or NULL when it is no key. */
function keyOf(trimmed: Expr, keyType: ResolvedRelated['keyType'], placeholders: readonly string[], d: Dialect): Expr {
  const email = keyType === 'email';
  let key = normalizedKey(trimmed, email);
  // an 18-character Salesforce id is matched by its 15-character form (input/keys/normalize-key.ts salesforceIdLength)
  if (keyType === 'salesforce_id') key = ifThen([[fullMatch(d, key, '[A-Za-z0-9]{18}'), fn('substr', key, num(1), num(15))]], key);
  const list = [...new Set(placeholders.map((p) => p.trim().toLowerCase()).filter((p) => p !== ''))];
  return ifThen([[and(
    bin('<>', key, str('')),
    bin('<=', fn('byteLength', key), num(MAX_KEY_BYTES)),
    list.length === 0 ? TRUE : { k: 'not', item: { k: 'in', item: email ? key : fn('lower', key), list: list.map(str) } },
  ), key]], NULL);
}

function fileSql(resolved: ResolvedRuleset, file: ResolvedRelated, f: number, d: Dialect, asOfText: string | null, asOf: Expr, table: string, out: RelatedSql): void {
  if (file.header === null || file.key.index < 0 || file.at.index < 0) throw new Error(`the related file "${file.name}" was resolved without its header`);
  const id = d.ident;
  const header = file.header;
  const clash = header.find((h) => /^_lq_/i.test(h));
  if (clash) throw new NoFaithfulForm(`its table has a column named ${clash}, a name the query uses for itself`);
  // the related file as a ruleset of its own: its reads, formats and placeholders; the export's free-mail list
  const own: ResolvedRuleset = { ...resolved, header, reads: file.reads, formats: file.formats, placeholders: file.placeholders, conditions: {} };
  const steps = typedSteps(own, d, (i) => col(header[i]), asOfText);
  const raw: [string, Expr] = ['_lq_kt', trimmedKey(col(header[file.key.index]))];
  if (steps.length === 0) steps.push([]);
  steps[0].push(raw);
  const conditions = new ConditionCompiler(own, d);
  const day = col(helper.date(file.at.index));
  const age = bin('-', col(helper.asOf), day);
  const last: Step = [
    ['_lq_key', keyOf(col('_lq_kt'), file.keyType, file.placeholders ?? DEFAULT_PLACEHOLDERS, d)],
    ['_lq_day', day],
    ...file.columns.map((c, i): [string, Expr] => [`_lq_x${i}`, contribution(c, conditions, age, day)]),
  ];
  steps.push(last);
  const name = (k: string) => `_lq_rel${f}${k}`;
  steps.forEach((step, i) => {
    const from = i === 0 ? `${table} AS ${id('_lq_in')}` : id(name(`_${i}`));
    const list = step.map(([n, e]) => `    ${print(e, d)} AS ${id(n)}`).join(',\n');
    out.ctes.push(cte(d, name(`_${i + 1}`), `SELECT ${i === 0 ? '' : '*,'}\n${list}\n  FROM ${from}`));
  });
  const rows = id(name(`_${steps.length}`));
  const counted = `${id('_lq_key')} IS NOT NULL AND ${id('_lq_day')} IS NOT NULL AND ${id('_lq_day')} <= ${print(asOf, d)}`;
  const k = id('_lq_k');

  // the columns a running total gives: one GROUP BY over the rows that count, which also lists every key
  const plain = file.columns.map((c, i) => ({ c, i })).filter(({ c }) => !daysNeeded(c));
  const aggs = plain.map(({ c, i }) => `,\n    ${plainAggregate(c, id(`_lq_x${i}`))} AS ${id(valueName(c))}`).join('');
  out.ctes.push(cte(d, name('g'), `SELECT ${id('_lq_key')} AS ${k}${aggs}\n  FROM ${rows}\n  WHERE ${counted}\n  GROUP BY ${id('_lq_key')}`));
  // the columns that need a lead's days side by side: one group per key and day, then per key
  const byDays: string[] = [];
  for (const { c, i } of file.columns.map((col, i) => ({ c: col, i })).filter(({ c }) => daysNeeded(c))) {
    const perDay = name(`d${i}`);
    // days as integers: grouped, partitioned and joined on (BigQuery refuses FLOAT64 there)
    const whole = d.prims.toInt(id('_lq_day'));
    out.ctes.push(cte(d, perDay, `SELECT ${id('_lq_key')} AS ${k}, ${whole} AS ${id('_lq_day')}, SUM(${id(`_lq_x${i}`)}) AS ${id('_lq_n')}\n  FROM ${rows}\n  WHERE ${counted} AND ${id(`_lq_x${i}`)} IS NOT NULL\n  GROUP BY ${id('_lq_key')}, ${whole}`));
    const units = c.decay ? jsRound(bin('*', decayFactor(c.decay, bin('-', asOf, col('_lq_day'))), num(UNITS))) : null;
    const n = c.aggregate === 'distinct_days' || (c.onceEvery ?? 0) > 0 ? null
      : c.perDayMax !== null ? ifThen([[bin('>', col('_lq_n'), num(c.perDayMax)), num(c.perDayMax)]], col('_lq_n')) : col('_lq_n');
    const weighted = print(n && units ? bin('*', n, units) : n ?? units ?? num(1), d);
    const total = name(`s${i}`);
    if ((c.onceEvery ?? 0) > 0) {
      out.ctes.push(...walk(d, name(`w${i}`), perDay, weighted, c.onceEvery!, c.within));
      out.ctes.push(cte(d, total, `SELECT ${k}, ${id('_lq_w')}\n  FROM ${id(name(`w${i}_${levels(c.onceEvery!, c.within)}`))}\n  WHERE ${id('_lq_root')} = 1`));
    } else {
      out.ctes.push(cte(d, total, `SELECT ${k}, SUM(${weighted}) AS ${id('_lq_w')}\n  FROM ${id(perDay)}\n  GROUP BY ${k}`));
    }
    byDays.push(`${id(total)}.${id('_lq_w')} AS ${id(valueName(c))}`);
  }
  // one row per key with every derived column, which the leads join by their own key
  const keyCol = `_lq_k${f}`;
  const joins = file.columns.map((c, i) => ({ c, i })).filter(({ c }) => daysNeeded(c)).map(({ i }) => `\n  LEFT JOIN ${id(name(`s${i}`))} ON ${id(name(`s${i}`))}.${k} = ${id(name('g'))}.${k}`).join('');
  const values = [...plain.map(({ c }) => `${id(name('g'))}.${id(valueName(c))}`), ...byDays].map((v) => `,\n    ${v}`).join('');
  out.ctes.push(cte(d, name(''), `SELECT ${id(name('g'))}.${k} AS ${id(keyCol)}${values}\n  FROM ${id(name('g'))}${joins}`));
  const leadKey = print(keyOf(trimmedKey(col(resolved.header[file.matches.index])), file.keyType, resolved.placeholders ?? DEFAULT_PLACEHOLDERS, d), d);
  out.joins += `\n  LEFT JOIN ${id(name(''))} ON ${id(keyCol)} = ${leadKey}`;
  out.names.push(keyCol);
  for (const c of file.columns) {
    out.names.push(valueName(c));
    const none = c.aggregate === 'min' || c.aggregate === 'max' || c.aggregate === 'first' || c.aggregate === 'last' ? NULL : num(0);
    const value = finished(c, col(valueName(c)));
    out.values.push([derivedHelper(c), none === NULL ? value : { k: 'coalesce', items: [value, none] }]);
  }
}

const valueName = (c: ResolvedDerived): string => `_lq_rv${c.index}`;

/** model/related.ts needsDays, with a once_every of 0 days meaning no spacing. */
function daysNeeded(c: ResolvedDerived): boolean {
  return c.aggregate === 'distinct_days' || (c.aggregate === 'count' && (c.perDayMax !== null || (c.onceEvery ?? 0) > 0));
}

/**
 * What a counted row adds to the column (engine/related-rows.ts contribution), NULL when it adds
 * nothing: its condition fails, it is older than the window, or its value is empty.
 */
function contribution(c: ResolvedDerived, conditions: ConditionCompiler, age: Expr, day: Expr): Expr {
  let value: Expr;
  const of = c.of ? c.of.index : -1;
  switch (c.aggregate) {
    case 'count':
      value = daysNeeded(c) || !c.decay ? num(1) : jsRound(bin('*', decayFactor(c.decay, age), num(UNITS)));
      break;
    case 'exists': case 'distinct_days': value = num(1); break;
    case 'sum': value = jsRound(bin('*', c.decay ? bin('*', col(helper.number(of)), decayFactor(c.decay, age)) : col(helper.number(of)), num(SUM_UNITS))); break;
    case 'min': case 'max': value = col(helper.number(of)); break;
    case 'first': case 'last': value = of < 0 ? day : col(helper.date(of)); break;
  }
  let test: Expr;
  try {
    test = and(c.where ? conditions.compile(c.where) : TRUE, c.within === null ? TRUE : holds(bin('<=', age, num(c.within))));
  } catch (error) {
    if (error instanceof NoFaithfulForm) throw new NoFaithfulForm(`the derived column "${c.name}": ${error.message}`);
    throw error;
  }
  if (c.aggregate === 'sum' || c.aggregate === 'min' || c.aggregate === 'max' || ((c.aggregate === 'first' || c.aggregate === 'last') && of >= 0)) {
    test = and(test, notNull(value));
  }
  return ifThen([[test, value]], NULL);
}

/** A column a running total gives (events/accumulate.ts add), over the rows' contributions `x`: the sum before finish. */
function plainAggregate(c: ResolvedDerived, x: string): string {
  switch (c.aggregate) {
    case 'count': case 'sum': return `SUM(${x})`;
    case 'exists': return `MAX(${x})`;
    case 'min': case 'first': return `MIN(${x})`;
    case 'max': case 'last': return `MAX(${x})`;
    case 'distinct_days': throw new Error(`${c.aggregate} has no running total here`);
  }
}

/**
 * events/accumulate.ts finish: decayed counts are whole billionths brought back to two decimals
 * (fromUnits), sums whole millionths (fromSumUnits); the rest are as added. NULL stays NULL (no counted row).
 * Not mirrored: past 90 trillion (2^53 cents) fromSumUnits keeps 15 significant digits; here such a
 * total differs in its last digits, and a score past 9.2e16 overflows centsText's BIGINT anyway.
 */
function finished(c: ResolvedDerived, raw: Expr): Expr {
  if (c.aggregate === 'sum') return bin('/', jsRound(bin('/', raw, num(SUM_UNITS / 100))), num(100));
  return (c.aggregate === 'count' || c.aggregate === 'distinct_days') && c.decay ? round2(bin('/', raw, num(UNITS))) : raw;
}
