/**
 * The SQL back-end: a resolved ruleset (ruleset/resolved.ts) → one SELECT in a dialect, giving
 * every input column and the columns `leadq score` appends, with the same values. The query is a
 * chain of steps (CTEs), each adding helper columns over the previous one: the typed cells
 * (typed.ts), each rule's amount and reason (scores.ts), the scores, BANT, grade, disqualifier
 * and stage; the last SELECT writes the result columns and leaves the helpers out.
 */
import { BANT_KEYS, BANT_LETTERS } from '../model/bant.js';
import { REASON_SEPARATOR } from '../model/reasons.js';
import { DISQUALIFIED } from '../model/result-columns.js';
import type { ResolvedCondition, ResolvedRuleset } from '../ruleset/resolved.js';
import { ConditionCompiler } from './conditions.js';
import { NoFaithfulForm, print, type Dialect } from './dialect.js';
import { bin, coalesce, col, concat, fn, ifThen, num, round2, str, type Expr } from './ir.js';
import { relatedSql, type RelatedSql } from './related.js';
import { scoreSteps } from './scores.js';
import { helper, typedSteps, type Step } from './typed.js';

export interface SqlOptions {
  /** the table (or view) holding the export, every column as text */
  table: string;
  /** YYYY-MM-DD, or null: the warehouse's current date */
  asOf: string | null;
  /** a column of the input to order the rows by */
  orderBy?: string;
  /** the table of each related file, by its name in the ruleset (default: that name) */
  related?: ReadonlyMap<string, string>;
}

/** The query; NoFaithfulForm names the rule (or key) that cannot be written in the dialect. */
export function compileSql(resolved: ResolvedRuleset, d: Dialect, options: SqlOptions): string {
  const { steps, results, related } = scoredSteps(resolved, d, options.asOf, options.related);
  return assemble(d, steps, results, resolved, options, related);
}

/** The steps that score each row, and the appended columns' expressions over the last step. */
export function scoredSteps(resolved: ResolvedRuleset, d: Dialect, asOf: string | null, tables: ReadonlyMap<string, string> = new Map()): { steps: Step[]; results: Expr[]; related: RelatedSql | null } {
  if (resolved.accounts) throw new NoFaithfulForm('accounts (grouping leads, account rules and the account ladder) have no SQL form in leadq sql yet');
  if (resolved.completeness) throw new NoFaithfulForm('the completeness measure has no SQL form in leadq sql yet');
  if (resolved.dedupe) throw new NoFaithfulForm(`dedupe has no SQL form in leadq sql: keep one row per lead in the table first (QUALIFY ROW_NUMBER() OVER (PARTITION BY …) = 1)`);
  const conditions = new ConditionCompiler(resolved, d);
  const within = <T>(where: string, make: () => T): T => {
    try { return make(); } catch (error) {
      if (error instanceof NoFaithfulForm) throw new NoFaithfulForm(`${where}: ${error.message}`);
      throw error;
    }
  };
  const cond = (where: string, c: ResolvedCondition | null): Expr => (c === null ? { k: 'bool', value: true } : within(where, () => conditions.compile(c)));

  const steps: Step[] = [...typedSteps(resolved, d, (i) => col(resolved.header[i]), asOf)];
  // the derived columns join the first step, which reads the leads' table
  const related = relatedSql(resolved, d, asOf, tables);
  if (related) {
    if (steps.length === 0) steps.push([]);
    steps[0].push(...related.values);
  }
  const scoring = scoreSteps(resolved, conditions, (rule, score) => `the ${score} rule "${rule}"`);
  steps.push(...scoring.steps);

  const [engagement, fit] = [col(helper.score(0)), col(helper.score(1))];
  const gradeOf = (mins: number[], score: Expr): Expr => ifThen(mins.map((m, i): [Expr, Expr] => [bin('>=', score, num(m)), num(i)]), num(mins.length));
  steps.push([
    [helper.total, round2(bin('+', engagement, fit))],
    ...(resolved.grades ? [[helper.grade, bin('+', bin('*', gradeOf(resolved.grades.fit, fit), num(4)), gradeOf(resolved.grades.engagement, engagement))] as [string, Expr]] : []),
    ...resolved.bant.flatMap((c, i): [string, Expr][] => (c ? [[helper.bant(i), cond(`bant ${BANT_KEYS[i]}`, c)]] : [])),
  ]);
  steps.push([[helper.bantCount, resolved.bant.reduce<Expr>((sum, c, i) => (c ? bin('+', sum, ifThen([[col(helper.bant(i)), num(1)]], num(0))) : sum), num(0))]]);

  const dq = ifThen(resolved.disqualifiers.map((q): [Expr, Expr] => [cond(`the disqualifier "${q.reason}"`, q.when), str(q.reason)]), str(''));
  const ladder: [Expr, Expr][] = [];
  for (let i = resolved.stages.length - 1; i > 0; i--) ladder.push([cond(`the stage "${resolved.stages[i].name}"`, resolved.stages[i].when), num(i)]);
  steps.push([['_lq_dq', dq]]);
  steps.push([['_lq_stage', ifThen([[bin('<>', col('_lq_dq'), str('')), num(-1)], ...ladder], num(0))]]);

  const stage = col('_lq_stage');
  const { priority } = resolved;
  const score = conditions.scoreValue(priority.score);
  const bands: [Expr, Expr][] = priority.bands.map((b) => [
    { k: 'and', items: [b.min === null ? { k: 'bool', value: true } : bin('>=', score, num(b.min)), cond(`the priority band "${b.name}"`, b.when)] },
    str(b.name),
  ]);
  const bantText = fn('substr', concat(...resolved.bant.map((c, i) => (c ? ifThen([[col(helper.bant(i)), str(`,${BANT_LETTERS[BANT_KEYS[i]]}`)]], str('')) : str('')))), num(2));
  const reasons = fn('substr', concat(...scoring.reasons.map((r) => coalesce(concat(str(REASON_SEPARATOR), r), str('')))), num(REASON_SEPARATOR.length + 1));
  const named = resolved.scores.slice(2).map((_, i) => col(helper.score(2 + i)));
  const results: Expr[] = [
    engagement, fit, col(helper.total),
    resolved.bant.some((c) => c) ? bantText : str(''),
    ifThen([[bin('<', stage, num(0)), str(DISQUALIFIED)], ...resolved.stages.map((s, i): [Expr, Expr] => [bin('=', stage, num(i)), str(s.name)])], str('')),
    ifThen([[bin('<', stage, num(0)), str('')], ...bands], str('')),
    scoring.reasons.length === 0 ? str('') : reasons,
    col('_lq_dq'),
    ...named,
    ...(resolved.grades ? [gradeLabel(col(helper.grade))] : []),
  ];
  return { steps, results, related };
}

/** A grade index (fit * 4 + engagement) as A1 … D4. */
function gradeLabel(grade: Expr): Expr {
  const whens: [Expr, Expr][] = [];
  for (let g = 0; g < 16; g++) whens.push([bin('=', grade, num(g)), str('ABCD'[g >> 2] + String((g & 3) + 1))]);
  return ifThen(whens, str(''));
}

/** `expr AS name` lines of a SELECT. */
export const selectList = (d: Dialect, cols: [string, Expr][]): string => cols.map(([name, e]) => `    ${print(e, d)} AS ${d.ident(name)}`).join(',\n');

/** The steps as CTEs `_lq_1` … `_lq_n` (without WITH), each adding its helper columns. */
export function stepCtes(d: Dialect, steps: Step[], resolved: ResolvedRuleset, table: string, related: RelatedSql | null = null): string[] {
  const helpers = [...steps.flatMap((s) => s.map(([name]) => name)), ...(related?.names ?? [])];
  const seen = new Set(resolved.header.map((h) => h.toLowerCase()));
  const clash = helpers.find((h) => seen.has(h.toLowerCase()));
  if (clash) throw new NoFaithfulForm(`the input has a column named ${clash}, a name the query uses for itself`);
  return [...(related?.ctes ?? []), ...steps.map((step, i) => {
    const from = i === 0 ? `${table} AS ${d.ident('_lq_in')}${related?.joins ?? ''}` : d.ident(`_lq_${i}`);
    const keep = i === 0 ? (d.keepRow ? `${d.ident('_lq_in')} AS ${d.ident(d.keepRow.column)}` : `${d.ident('_lq_in')}.*`) : '*';
    return `${d.ident(`_lq_${i + 1}`)} AS ${d.materialize ? 'MATERIALIZED ' : ''}(\n  SELECT ${keep},\n${selectList(d, step)}\n  FROM ${from}\n)`;
  })];
}

/** WITH step1 AS (…), step2 AS (…) … SELECT <input columns>, <results> FROM last. */
function assemble(d: Dialect, steps: Step[], results: Expr[], resolved: ResolvedRuleset, options: SqlOptions, related: RelatedSql | null): string {
  const helpers = steps.flatMap((s) => s.map(([name]) => name));
  const ctes = stepCtes(d, steps, resolved, options.table, related);
  const line = (cols: [string, Expr][]) => selectList(d, cols);
  const outputs = results.map((e, i): [string, Expr] => [resolved.resultHeader[i], e]);
  const order = options.orderBy ? `\nORDER BY ${d.ident(options.orderBy)}` : '';
  const star = d.keepRow ? d.keepRow.expand : d.star(helpers);
  return `WITH\n${ctes.join(',\n')}\nSELECT ${star},\n${line(outputs)}\nFROM ${d.ident(`_lq_${steps.length}`)}${order}\n`;
}

