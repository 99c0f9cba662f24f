/**
 * The ruleset as the accounts pass runs it: a lead there brings its total score, engaged, roles,
 * activity and keys to its account, nothing else, so its rows are typed with only the columns those
 * read, and its BANT criteria are left out unless engaged, a role or a score tests them. BANT-only,
 * disqualifier, stage and priority columns are read in the lead pass alone (their conditions may
 * read account values, which the accounts pass makes). At 1M leads of the reference workload that is
 * five of twenty columns not parsed, one of them free text.
 *
 * Everything else is the lead pass's own: the same compiled tests, the same parsers and tables of
 * distinct cells (a text test remembers its answers by a cell's number in them), the same fill of
 * derived columns, so every value read is the value the lead pass reads.
 */
import type { CoercionPlan } from '../input/rows/types.js';
import type { ResolvedCondition, ResolvedRuleset } from '../ruleset/resolved.js';
import type { CompiledRuleset } from './types.js';

export function accountsPassRuleset(compiled: CompiledRuleset): CompiledRuleset {
  const { columns, bant } = accountsPassReads(compiled.resolved);
  return {
    ...compiled,
    plan: planOf(compiled.plan, columns),
    bant: bant ? compiled.bant : compiled.bant.map(() => null),
  };
}

/**
 * The export's columns the accounts pass reads (any kind: a column read as a number and as text is
 * kept for both), and whether it needs the BANT criteria (engaged, a role or a score tests them).
 */
export function accountsPassReads(r: ResolvedRuleset): { columns: Set<number>; bant: boolean } {
  const a = r.accounts!;
  const columns = new Set<number>();
  let bant = false;
  const named = new Set<string>();
  const walk = (c: ResolvedCondition | null): void => {
    if (c === null) return;
    switch (c.kind) {
      case 'all': case 'any': c.items.forEach(walk); break;
      case 'not': walk(c.item); break;
      case 'ref': if (!named.has(c.name)) { named.add(c.name); walk(r.conditions[c.name]); } break;
      case 'column': columns.add(c.column.index); break;
      case 'score': if (c.score === 'bant_count') bant = true; break;
      case 'criteria': bant = true; break;
      // none of the accounts pass's conditions may read a stage; read its columns all the same if one did
      case 'stage': walk(r.stages[c.stage]?.when ?? null); break;
      case 'grade': break;
    }
  };
  for (const score of r.scores) {
    for (const rule of score.rules) {
      if (rule.per) columns.add(rule.per.index);
      if (rule.date) columns.add(rule.date.index);
      walk(rule.when);
    }
  }
  walk(a.engaged);
  for (const role of a.roles) walk(role.when);
  if (bant) for (const c of r.bant) walk(c);
  // the keys and activity; what fills the derived columns rules may read: the related files' lead keys, completeness's parts
  for (const c of [a.idColumn, ...a.domains.map((d) => d.index), a.company, a.activity]) columns.add(c);
  for (const file of r.related ?? []) columns.add(file.matches.index);
  for (const part of r.completeness?.parts ?? []) for (const c of part.columns) columns.add(c);
  columns.delete(-1);
  return { columns, bant };
}

/** `plan` with only `columns` parsed; its parsers, tables of distinct cells and derived fill are the same objects. */
function planOf(plan: CoercionPlan, columns: ReadonlySet<number>): CoercionPlan {
  const kept = (c: number) => columns.has(c);
  const values = plan.values && {
    ...plan.values,
    numbers: plan.values.numbers.filter((p) => kept(p.column)),
    dates: plan.values.dates.filter((p) => kept(p.column)),
    booleans: plan.values.booleans.filter((p) => kept(p.column)),
  };
  return {
    ...plan,
    numberColumns: plan.numberColumns.filter(kept), dateColumns: plan.dateColumns.filter(kept),
    booleanColumns: plan.booleanColumns.filter(kept), textColumns: plan.textColumns.filter(kept),
    ...(values ? { values } : {}),
  };
}
