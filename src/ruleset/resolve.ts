/**
 * A validated ruleset + an export's header → `ResolvedRuleset` (resolved.ts): names become column
 * indexes, and everything a back-end needs is decided once, as plain data. Problems that only the
 * header can show (a missing or repeated column, an output column clashing with an input one) are
 * returned as issues; the ruleset cannot run while there are errors among them.
 */
import { BANT_KEYS } from '../model/bant.js';
import { FREE_MAIL_DOMAINS } from '../model/email.js';
import { quoteData } from '../model/errors.js';
import type { ColumnFormat } from '../model/formats.js';
import { OPERATORS, type ValueKind } from '../model/operators.js';
import { resultColumns } from '../model/result-columns.js';
import { ColumnResolver } from './columns.js';
import type { ResolvedColumn, ResolvedCondition, ResolvedGroup, ResolvedRule, ResolvedRuleset, ResolvedScore } from './resolved.js';
import type { ColumnRef, Condition, RuleGroup, Ruleset, RulesetIssue, ScoreDef, ScoreRule } from './types.js';

export interface Resolved {
  resolved: ResolvedRuleset;
  issues: RulesetIssue[];
}

export function resolveRuleset(ruleset: Ruleset, header: string[], inputName: string): Resolved {
  const columns = new ColumnResolver(ruleset, header, inputName);
  const reads = new Reads();
  const formats = resolveFormats(ruleset, columns);
  const conditions: Record<string, ResolvedCondition> = {};
  const stageNames = ruleset.stages.map((s) => s.name.toLowerCase());
  const column = (ref: ColumnRef): ResolvedColumn => ({ index: columns.resolve(ref), name: ref.name });

  const condition = (c: Condition): ResolvedCondition => {
    switch (c.kind) {
      case 'all': case 'any': return { kind: c.kind, items: c.items.map(condition) };
      case 'not': return { kind: 'not', item: condition(c.item) };
      case 'ref':
        // named conditions are resolved where used: one nobody uses names no column that must exist
        if (!Object.hasOwn(conditions, c.name)) conditions[c.name] = condition(ruleset.conditions.get(c.name)!);
        return { kind: 'ref', name: c.name };
      case 'column': {
        const col = column(c.column);
        const kind = OPERATORS[c.op].reads(c.arg);
        reads.add(kind, col.index);
        return { kind: 'column', column: col, op: c.op, arg: c.arg, reads: kind, multi: formats.get(col.index)?.multi ?? null };
      }
      case 'score': return { kind: 'score', score: c.score, op: c.op, arg: c.arg };
      case 'criteria': return { kind: 'criteria', names: [...c.names], mask: c.names.reduce((m, name) => m | (1 << BANT_KEYS.indexOf(name)), 0) };
      case 'stage': return { kind: 'stage', stage: stageNames.indexOf(c.name.toLowerCase()), name: c.name };
      case 'grade': return { kind: 'grade', mask: c.mask };
    }
  };

  const stats: ResolvedRuleset['stats'] = [];
  const scores = scoreDefs(ruleset).map((def, i) => resolveScore(def, i >= 2, { condition, column, reads, stats }));
  const bant = BANT_KEYS.map((key) => { const c = ruleset.bant.get(key); return c ? condition(c) : null; });
  const disqualifiers = ruleset.disqualifiers.map((d) => ({ reason: d.reason, when: condition(d.when) }));
  const stages = ruleset.stages.map((s) => ({ name: s.name, when: s.when ? condition(s.when) : null }));
  const bands = ruleset.priority.bands.map((b) => ({ name: b.name, min: b.min ?? null, when: b.when ? condition(b.when) : null }));
  const sourceColumn = ruleset.sourceColumn ? columns.resolve(ruleset.sourceColumn) : -1;
  const dedupe = ruleset.dedupe ? {
    key: columns.resolve(ruleset.dedupe.key),
    keep: ruleset.dedupe.keep,
    date: ruleset.dedupe.date ? columns.resolve(ruleset.dedupe.date) : -1,
  } : null;
  // the lead source and the dedupe key are read as text, the dedupe date as a date, on every path
  if (dedupe) { reads.add('text', dedupe.key); reads.add('date', dedupe.date); }
  if (sourceColumn >= 0) reads.add('text', sourceColumn);
  const idColumn = ruleset.idColumn ? columns.resolve(ruleset.idColumn) : -1;

  const original = resultColumns(ruleset.scores.map((s) => s.name), ruleset.grades !== undefined).map((c) => c.name);
  const resultHeader = original.map((name) => ruleset.rename.get(name) ?? name);
  const resolved: ResolvedRuleset = {
    header,
    asOf: ruleset.asOf ?? null,
    reads: reads.lists(),
    formats: [...formats].map(([index, format]) => ({ column: index, format })),
    placeholders: ruleset.placeholders ? [...ruleset.placeholders] : null,
    // the built-in free-mail domains stand in when the ruleset lists none
    freeMailDomains: [...(ruleset.freeMailDomains ?? FREE_MAIL_DOMAINS)],
    conditions,
    scores,
    grades: ruleset.grades ? { fit: [...ruleset.grades.fit], engagement: [...ruleset.grades.engagement] } : null,
    bant, disqualifiers, stages,
    priority: { score: ruleset.priority.score, bands },
    sourceColumn, idColumn, dedupe, resultHeader, stats,
  };
  const issues = [...columns.issues, ...collisions(original, header, resultHeader), ...columns.repeatedUnread()];
  return { resolved, issues };
}

/** The columns read as each kind, in the order the rules first read them. */
class Reads {
  private readonly sets: Record<ValueKind, Set<number>> = { number: new Set(), date: new Set(), boolean: new Set(), text: new Set() };

  add(kind: ValueKind, index: number): void {
    if (index >= 0) this.sets[kind].add(index);
  }

  lists(): Record<ValueKind, number[]> {
    return { number: [...this.sets.number], date: [...this.sets.date], boolean: [...this.sets.boolean], text: [...this.sets.text] };
  }
}

/** Column index → its format; a column named twice (by two names) takes the later entry's keys over the earlier's. */
function resolveFormats(ruleset: Ruleset, columns: ColumnResolver): Map<number, ColumnFormat> {
  const out = new Map<number, ColumnFormat>();
  for (const entry of ruleset.formats?.values() ?? []) {
    const index = columns.resolve(entry.column);
    if (index < 0) continue; // reported as a missing column
    const { column: _name, ...format } = entry;
    out.set(index, { ...out.get(index), ...format });
  }
  return out;
}

/** engagement, fit and the named scores, as one list of definitions. */
function scoreDefs(ruleset: Ruleset): ScoreDef[] {
  const inList = (rules: ScoreRule[]) => ruleset.groups.filter((g) => rules.some((r) => r.group === g.name));
  return [
    { name: 'engagement', rules: ruleset.engagement, groups: inList(ruleset.engagement), ...ruleset.bounds.get('engagement') },
    { name: 'fit', rules: ruleset.fit, groups: inList(ruleset.fit), ...ruleset.bounds.get('fit') },
    ...ruleset.scores,
  ];
}

interface ScoreContext {
  condition: (c: Condition) => ResolvedCondition;
  column: (ref: ColumnRef) => ResolvedColumn;
  reads: Reads;
  stats: ResolvedRuleset['stats'];
}

function resolveScore(def: ScoreDef, named: boolean, cx: ScoreContext): ResolvedScore {
  const rules = def.rules.map((r): ResolvedRule => {
    // the count and date columns first, then the condition: the order the rules' columns are read in
    const per = r.per ? cx.column(r.per) : null;
    if (per) cx.reads.add('number', per.index);
    const date = r.date ? cx.column(r.date) : null;
    if (date) cx.reads.add('date', date.index);
    const stat = cx.stats.length;
    cx.stats.push({ name: r.name, score: def.name });
    return {
      name: r.name, when: r.when ? cx.condition(r.when) : null, points: r.points, per, max: r.max ?? null,
      repeat: r.repeat ?? null, date, window: r.window ?? null, decay: r.decay ?? null, group: r.group ?? null, stat,
    };
  });
  const bounded = def.floor !== undefined || def.ceiling !== undefined;
  if (bounded) cx.stats.push({ name: `${def.name} floor/ceiling`, score: def.name });
  return {
    name: def.name, named, rules,
    groups: def.groups.flatMap((g) => cappedGroup(g, def.rules)),
    floor: def.floor ?? null, ceiling: def.ceiling ?? null,
    boundStat: bounded ? cx.stats.length - 1 : -1,
  };
}

/** A group with a cap, as the range of its rules; a group without one only shared recency. */
function cappedGroup(g: RuleGroup, rules: ScoreRule[]): ResolvedGroup[] {
  if (g.max === undefined) return [];
  const start = rules.findIndex((r) => r.group === g.name);
  let end = start;
  while (end < rules.length && rules[end].group === g.name) end++;
  return start < 0 ? [] : [{ name: g.name, start, end, max: g.max }];
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
