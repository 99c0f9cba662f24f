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
import { COMPLETENESS_RESULT_COLUMN, resultColumns } from '../model/result-columns.js';
import { ColumnResolver } from './columns.js';
import { Reads } from './reads.js';
import { derivedIndexes, derivedKindIssue, issue, resolveRelated, type RelatedHeader } from './resolve-related.js';
import type { ResolvedAccounts, ResolvedColumn, ResolvedCondition, ResolvedGroup, ResolvedRule, ResolvedRuleset, ResolvedScore } from './resolved.js';
import { accountColumn, accountCondition, accountLayout, clashes, layoutColumns, resolveAccounts, resolveCompleteness } from './resolve-accounts.js';
import type { ColumnRef, Condition, RuleGroup, Ruleset, RulesetIssue, ScoreDef, ScoreRule } from './types.js';

export interface Resolved {
  resolved: ResolvedRuleset;
  issues: RulesetIssue[];
}

/**
 * `related`: the headers of the related files (by related name) when they were opened; a related
 * file without one still gives its derived columns to the rules, by name and kind.
 */
export function resolveRuleset(ruleset: Ruleset, header: string[], inputName: string, related: ReadonlyMap<string, RelatedHeader> = new Map()): Resolved {
  const derived = derivedIndexes(ruleset, header.length);
  // accounts and completeness: virtual columns after the related files' (resolve-accounts.ts)
  const layout = accountLayout(ruleset, header.length + derived.size);
  for (const v of layoutColumns(layout)) if (!derived.has(v.name)) derived.set(v.name, { index: v.index, kind: v.kind });
  const columns = new ColumnResolver(ruleset, header, inputName, new Map([...derived].map(([name, d]) => [name, d.index])));
  const derivedAt = new Map([...derived].map(([name, d]) => [d.index, { name, kind: d.kind }]));
  const kindIssues: RulesetIssue[] = [];
  const reads = new Reads(header.length);
  const formats = resolveFormats(ruleset, columns);
  const conditions: Record<string, ResolvedCondition> = {};
  const stageNames = ruleset.stages.map((s) => s.name.toLowerCase());
  /** a derived column read as `kind` by `what`: an issue unless it is of that kind */
  const checkKind = (ref: ColumnRef, index: number, kind: ValueKind, what: string) => {
    const d = derivedAt.get(index);
    const problem = d && derivedKindIssue(d, kind, what);
    if (problem) issue(kindIssues, ref.pos, 'RELATED_KIND', problem);
  };
  const column = (ref: ColumnRef): ResolvedColumn => ({ index: columns.resolve(ref), name: ref.name });
  /** a column that must be the export's own (the lead source, an id, dedupe's key): a derived one is an issue */
  const exportColumn = (ref: ColumnRef, what: string): number => {
    const index = columns.resolve(ref);
    if (!columns.isDerived(index)) return index;
    issue(kindIssues, ref.pos, 'RELATED_KIND', `${what} names the derived column "${ref.name}"; derived columns are read by rules only`);
    return -1;
  };

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
        checkKind(c.column, col.index, kind, `"${c.op}"`);
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
  const scores = scoreDefs(ruleset).map((def, i) => resolveScore(def, i >= 2, { condition, column, reads, stats, checkKind }));
  const bant = BANT_KEYS.map((key) => { const c = ruleset.bant.get(key); return c ? condition(c) : null; });
  const disqualifiers = ruleset.disqualifiers.map((d) => ({ reason: d.reason, when: condition(d.when) }));
  const stages = ruleset.stages.map((s) => ({ name: s.name, when: s.when ? condition(s.when) : null }));
  const bands = ruleset.priority.bands.map((b) => ({ name: b.name, min: b.min ?? null, when: b.when ? condition(b.when) : null }));
  const sourceColumn = ruleset.sourceColumn ? exportColumn(ruleset.sourceColumn, '"source_column"') : -1;
  const dedupe = ruleset.dedupe ? {
    key: exportColumn(ruleset.dedupe.key, 'dedupe\'s "key"'),
    keep: ruleset.dedupe.keep,
    date: ruleset.dedupe.date ? exportColumn(ruleset.dedupe.date, 'dedupe\'s "date"') : -1,
  } : null;
  // the lead source and the dedupe key are read as text, the dedupe date as a date, on every path
  if (dedupe) { reads.add('text', dedupe.key); reads.add('date', dedupe.date); }
  if (sourceColumn >= 0) reads.add('text', sourceColumn);
  const idColumn = ruleset.idColumn ? exportColumn(ruleset.idColumn, '"id_column"') : -1;
  const relatedIssues: RulesetIssue[] = [];
  const relatedFiles = ruleset.related?.length ? resolveRelated(ruleset, columns, related, relatedIssues) : undefined;
  // the lead's key is read as text, on every path
  for (const file of relatedFiles ?? []) reads.add('text', file.matches.index);
  const accountIssues: RulesetIssue[] = [];
  const freeMailDomains = [...(ruleset.freeMailDomains ?? FREE_MAIL_DOMAINS)];
  let accounts: ResolvedAccounts | undefined;
  if (ruleset.accounts) {
    clashes(ruleset, layout, header, new Set(derivedIndexes(ruleset, header.length).keys()), accountIssues);
    const base = resolveAccounts(ruleset, { layout, condition, exportColumn, freeMailDomains, issues: accountIssues });
    for (const c of [base.idColumn, ...base.domains.map((d) => d.index), base.company]) reads.add('text', c);
    reads.add('date', base.activity);
    // account rules read account values only, on a row per account: nothing of the export is parsed for them
    const accountStats: ResolvedRuleset['stats'] = [];
    const cx: ScoreContext = {
      condition: (c) => accountCondition(c, layout, accountIssues, 'rule'),
      column: (ref) => ({ index: accountColumn(ref, layout, accountIssues, 'rule'), name: ref.name }),
      reads: new Reads(), stats: accountStats, checkKind,
    };
    accounts = { ...base, score: resolveScore(ruleset.accounts.score, false, cx), stats: accountStats };
  } else if (ruleset.completeness) {
    clashes(ruleset, layout, header, new Set(derivedIndexes(ruleset, header.length).keys()), accountIssues);
  }
  const completeness = ruleset.completeness ? resolveCompleteness(ruleset, layout, exportColumn) : undefined;
  for (const part of completeness?.parts ?? []) for (const c of part.columns) reads.add('text', c);

  const original = resultColumns(ruleset.scores.map((s) => s.name), ruleset.grades !== undefined, accounts !== undefined, completeness !== undefined).map((c) => c.name);
  const resultHeader = original.map((name) => ruleset.rename.get(name) ?? name);
  const resolved: ResolvedRuleset = {
    header,
    asOf: ruleset.asOf ?? null,
    reads: reads.lists(),
    formats: [...formats].map(([index, format]) => ({ column: index, format })),
    placeholders: ruleset.placeholders ? [...ruleset.placeholders] : null,
    // the built-in free-mail domains stand in when the ruleset lists none
    freeMailDomains,
    conditions,
    scores,
    grades: ruleset.grades ? { fit: [...ruleset.grades.fit], engagement: [...ruleset.grades.engagement] } : null,
    bant, disqualifiers, stages,
    priority: { score: ruleset.priority.score, bands },
    sourceColumn, idColumn, dedupe, resultHeader, stats,
    ...(relatedFiles ? { related: relatedFiles } : {}),
    ...(accounts ? { accounts } : {}),
    ...(completeness ? { completeness } : {}),
  };
  const issues = [...columns.issues, ...kindIssues, ...relatedIssues, ...accountIssues, ...collisions(original, header, resultHeader), ...columns.repeatedUnread()];
  return { resolved, issues };
}

/** Column index → its format; a column named twice (by two names) takes the later entry's keys over the earlier's. */
function resolveFormats(ruleset: Ruleset, columns: ColumnResolver): Map<number, ColumnFormat> {
  const out = new Map<number, ColumnFormat>();
  for (const entry of ruleset.formats?.values() ?? []) {
    const index = columns.resolve(entry.column);
    if (index < 0 || columns.isDerived(index)) continue; // reported as a missing column; a derived column is parsed by nobody
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
  checkKind: (ref: ColumnRef, index: number, kind: ValueKind, what: string) => void;
}

function resolveScore(def: ScoreDef, named: boolean, cx: ScoreContext): ResolvedScore {
  const rules = def.rules.map((r): ResolvedRule => {
    // the count and date columns first, then the condition: the order the rules' columns are read in
    const per = r.per ? cx.column(r.per) : null;
    if (per) { cx.reads.add('number', per.index); cx.checkKind(r.per!, per.index, 'number', '"per"'); }
    const date = r.date ? cx.column(r.date) : null;
    if (date) { cx.reads.add('date', date.index); cx.checkKind(r.date!, date.index, 'date', '"date"'); }
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
    // a header named completeness is already an error of its own (ACCOUNT_NAME_CLASH: the value rules
    // read by that name), which renaming the output column would not mend
    if (from === COMPLETENESS_RESULT_COLUMN && name === from && at < header.length) return;
    const clash = at < header.length ? `the input column ${quoteData(header[at])} (column ${at + 1})` : `the output column ${quoteData(resultHeader[at - header.length])}`;
    issues.push({
      severity: 'error',
      code: 'OUTPUT_COLLISION',
      message: `the output column ${quoteData(name)} would collide with ${clash}; rename it with output: { rename: { ${from}: lead_${from} } }`,
    });
  });
  return issues;
}
