/**
 * A validated ruleset + an export's header → `CompiledRuleset`: column names become indexes,
 * operators become closures, named conditions are inlined. Runs once per run, never per row.
 */
import { formatDay, parseDay } from '../model/days.js';
import { FREE_MAIL_DOMAINS } from '../model/email.js';
import { multiValueTest, OPERATORS, type BuildContext, type ValueKind } from '../model/operators.js';
import type { CompiledRuleset, Evaluation, Test } from './types.js';
import type { TypedRow } from '../input/rows/types.js';
import { detach } from '../model/detach.js';
import { MAX_VALUES } from '../input/values/cell-strings.js';
import { quoteData } from '../model/errors.js';
import { ColumnResolver } from '../ruleset/columns.js';
import { compileScores } from './compile-scores.js';
import { coercionPlan, compileFormats } from './compile-plan.js';
import { BANT_KEYS, RESULT_COLUMNS, type Condition, type Ruleset, type RulesetIssue } from '../ruleset/types.js';

export interface Compiled {
  compiled: CompiledRuleset;
  /**
   * Errors: missing or repeated columns a rule reads, output name collisions; the ruleset cannot
   * run while there are any. Warnings: repeated header names no rule reads.
   */
  issues: RulesetIssue[];
  asOf: string;
}

export function compileRuleset(ruleset: Ruleset, header: string[], inputName: string, asOfOverride?: string): Compiled {
  const asOf = asOfOverride ?? ruleset.asOf ?? formatDay(Math.floor(Date.now() / 86_400_000));
  const ctx: BuildContext = {
    asOfDay: parseDay(asOf),
    freeMailDomains: new Set(ruleset.freeMailDomains ?? FREE_MAIL_DOMAINS),
  };
  const columns = new ColumnResolver(ruleset, header, inputName);
  const formats = compileFormats(ruleset, columns);
  const kinds = new Map<ValueKind, Set<number>>([['number', new Set()], ['date', new Set()], ['boolean', new Set()], ['text', new Set()]]);
  const stageTests: (Test | null)[] = [];
  const conditionTests = new Map<Condition, Test>();
  const conditionColumns = new Map<Condition, number>();
  const named = ruleset.scores.map((s) => s.name);

  const compile = (c: Condition): Test => {
    const test = compileCondition(c);
    conditionTests.set(c, test);
    return test;
  };
  const compileCondition = (c: Condition): Test => {
    switch (c.kind) {
      case 'all': { const items = c.items.map(compile); return (row, ev) => items.every((t) => t(row, ev)); }
      case 'any': { const items = c.items.map(compile); return (row, ev) => items.some((t) => t(row, ev)); }
      case 'not': { const item = compile(c.item); return (row, ev) => !item(row, ev); }
      case 'ref': return compile(ruleset.conditions.get(c.name)!);
      case 'column': {
        const index = columns.resolve(c.column);
        conditionColumns.set(c, index);
        return columnTest(c, index, ctx, kinds, formats.get(index)?.multi);
      }
      case 'score': return scoreTest(c, scoreReader(c.score, named));
      case 'grade': { const mask = c.mask; return (_row, ev) => ev.grade >= 0 && ((mask >> ev.grade) & 1) === 1; }
      case 'criteria': {
        const mask = c.names.reduce((m, name) => m | (1 << BANT_KEYS.indexOf(name)), 0);
        return (_row, ev) => (ev.bantMask & mask) === mask;
      }
      case 'stage': {
        const target = ruleset.stages.findIndex((s) => s.name.toLowerCase() === c.name.toLowerCase());
        const test = stageTests[target];
        return test ?? (() => true);
      }
    }
  };

  const { scores, stats } = compileScores(ruleset, { compile, columns, kinds });
  const bant = BANT_KEYS.map((key) => { const c = ruleset.bant.get(key); return c ? compile(c) : null; });
  const disqualifiers = ruleset.disqualifiers.map((d) => ({ reason: d.reason, when: compile(d.when) }));
  for (const stage of ruleset.stages) stageTests.push(stage.when ? compile(stage.when) : null);
  const bands = ruleset.priority.bands.map((b) => ({ name: b.name, min: b.min ?? -Infinity, when: b.when ? compile(b.when) : null }));
  const sourceIndex = ruleset.sourceColumn ? columns.resolve(ruleset.sourceColumn) : -1;
  const dedupe = ruleset.dedupe && {
    key: columns.resolve(ruleset.dedupe.key),
    keep: ruleset.dedupe.keep,
    date: ruleset.dedupe.date ? columns.resolve(ruleset.dedupe.date) : -1,
  };
  // the key is read as text and the date as a date, on every path
  if (dedupe && dedupe.key >= 0) kinds.get('text')!.add(dedupe.key);
  if (dedupe && dedupe.date >= 0) kinds.get('date')!.add(dedupe.date);
  const idIndex = ruleset.idColumn ? columns.resolve(ruleset.idColumn) : -1;
  const original = resultColumns(ruleset);
  const resultHeader = original.map((name) => ruleset.rename.get(name) ?? name);

  const issues = [...columns.issues, ...collisions(original, header, resultHeader), ...columns.repeatedUnread()];
  const compiled: CompiledRuleset = {
    header,
    plan: coercionPlan(kinds, sourceIndex, formats, ruleset),
    scores, engagement: scores[0].rules, fit: scores[1].rules, asOfDay: ctx.asOfDay, stats,
    grades: ruleset.grades ? { fit: [...ruleset.grades.fit], engagement: [...ruleset.grades.engagement] } : null,
    bant, bantKeys: BANT_KEYS, disqualifiers,
    stages: ruleset.stages.map((s, i) => ({ name: s.name, when: stageTests[i] })),
    priority: { score: ruleset.priority.score, read: scoreReader(ruleset.priority.score, named), bands },
    sourceIndex,
    dedupe,
    idIndex,
    resultHeader,
    conditionTests,
    conditionColumns,
  };
  return { compiled, issues, asOf };
}

function columnTest(c: Extract<Condition, { kind: 'column' }>, index: number, ctx: BuildContext, kinds: Map<ValueKind, Set<number>>, multi?: string): Test {
  const operator = OPERATORS[c.op];
  const kind = operator.reads(c.arg);
  // a multi-value column (formats: multi) tests each value of the cell
  const test: (value: any) => boolean = (multi !== undefined ? multiValueTest(c.op, c.arg, ctx, multi) : null) ?? operator.build(c.arg, ctx);
  if (index < 0) return () => false; // reported as an issue; the ruleset will not run
  kinds.get(kind)!.add(index);
  switch (kind) {
    case 'text': return operator.unique ? (row: TypedRow) => test(row.fields[index]) : memoized(test, index);
    case 'number': return (row: TypedRow) => test(row.num[index]);
    case 'date': return (row: TypedRow) => test(row.day[index]);
    case 'boolean': return (row: TypedRow) => test(row.bool[index]);
  }
}

/**
 * Text tests on columns such as industry, country or job title see the same few values again and
 * again; remembering the answer per distinct value skips the string work (and the regex engine).
 * A cell the row path knows by id (`TypedRow.ids`) is answered from an array, others from a map.
 */
function memoized(test: (value: string) => boolean, index: number): Test {
  const seen = new Map<string, boolean>();
  const byId = new Int8Array(MAX_VALUES); // 0 not asked yet, 1 false, 2 true
  return (row: TypedRow) => {
    const id = row.ids[index];
    if (id >= 0) {
      const known = byId[id];
      if (known !== 0) return known === 2;
      const fresh = test(row.fields[index]);
      byId[id] = fresh ? 2 : 1;
      return fresh;
    }
    const value = row.fields[index];
    let answer = seen.get(value);
    if (answer === undefined) {
      answer = test(value);
      if (seen.size < MEMO_LIMIT) seen.set(detach(value), answer);
    }
    return answer;
  };
}

const MEMO_LIMIT = 10_000;

function scoreTest(c: Extract<Condition, { kind: 'score' }>, read: (ev: Evaluation) => number): Test {
  const test = OPERATORS[c.op].build(c.arg, { asOfDay: 0, freeMailDomains: new Set() });
  return (_row, ev) => test(read(ev));
}

/** Reads a built-in or named score from an evaluation. */
export function scoreReader(score: string, named: string[]): (ev: Evaluation) => number {
  switch (score) {
    case 'engagement': return (ev) => ev.engagement;
    case 'fit': return (ev) => ev.fit;
    case 'total': return (ev) => ev.total;
    case 'bant_count': return (ev) => ev.bantCount;
  }
  const i = named.indexOf(score);
  return (ev) => ev.named[i];
}

/**
 * The appended columns before renames: the result columns, then a column per named score, then
 * `grade` when the ruleset defines grades (so a ruleset without these writes what it always did).
 */
export function resultColumns(ruleset: Ruleset): string[] {
  return [...RESULT_COLUMNS, ...ruleset.scores.map((s) => `${s.name}_score`), ...(ruleset.grades ? ['grade'] : [])];
}

/** An appended column whose name an input header already has would make the output ambiguous. */
function collisions(original: string[], header: string[], resultHeader: string[]): RulesetIssue[] {
  const issues: RulesetIssue[] = [];
  const seen = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  resultHeader.forEach((name, i) => {
    const at = seen.get(name.trim().toLowerCase());
    if (at === undefined) { seen.set(name.trim().toLowerCase(), header.length + i); return; }
    const from = original[i];
    const clash = at < header.length ? `the input column ${quoteData(header[at])} (column ${at + 1})` : `the output column ${quoteData(resultHeader[at - header.length])}`;
    issues.push({
      severity: 'error',
      code: 'OUTPUT_COLLISION',
      message: `the output column ${quoteData(name)} would collide with ${clash}; rename it with output: { rename: { ${from}: lead_${from} } }`,
    });
  });
  return issues;
}
