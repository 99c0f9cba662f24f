/**
 * Without an export at hand, the header the query reads is the one the ruleset names: every
 * column a rule, BANT criterion, disqualifier, stage, band, format, the lead source or dedupe
 * reads, as `columns:` maps it. A CRM preset names several candidate headers per standard name,
 * so it needs the export's header (`--input`).
 */
import type { RelatedHeader } from '../ruleset/resolve-related.js';
import type { ColumnRef, Condition, Ruleset } from '../ruleset/types.js';
import { NoFaithfulForm } from './dialect.js';

export function headerFromRuleset(ruleset: Ruleset): string[] {
  const names: string[] = [];
  // derived columns are read from the related tables, never from the export's
  const derived = new Set((ruleset.related ?? []).flatMap((r) => r.columns.map((c) => c.name)));
  const add = (ref: ColumnRef | undefined) => {
    if (!ref || derived.has(ref.name)) return;
    const mapped = ruleset.columns.get(ref.name);
    if (!mapped && ruleset.preset) throw new NoFaithfulForm(`the ruleset uses the ${ruleset.preset} preset, whose standard names match several headers: pass --input with an export to read its header`);
    const name = mapped?.name ?? ref.name;
    if (!names.includes(name)) names.push(name);
  };
  const walk = (c: Condition | undefined): void => {
    if (!c) return;
    switch (c.kind) {
      case 'all': case 'any': c.items.forEach(walk); return;
      case 'not': walk(c.item); return;
      case 'ref': walk(ruleset.conditions.get(c.name)); return;
      case 'column': add(c.column); return;
      default: return;
    }
  };
  for (const rule of [...ruleset.engagement, ...ruleset.fit, ...ruleset.scores.flatMap((s) => s.rules)]) {
    add(rule.per);
    add(rule.date);
    walk(rule.when);
  }
  for (const c of ruleset.bant.values()) walk(c);
  for (const q of ruleset.disqualifiers) walk(q.when);
  for (const s of ruleset.stages) walk(s.when);
  for (const b of ruleset.priority.bands) walk(b.when);
  for (const f of ruleset.formats?.values() ?? []) add(f.column);
  add(ruleset.sourceColumn);
  add(ruleset.idColumn);
  if (ruleset.dedupe) { add(ruleset.dedupe.key); add(ruleset.dedupe.date); }
  for (const r of ruleset.related ?? []) add(r.matches);
  return names;
}

/**
 * Each related file's header as its table holds it: the columns its key, timestamp, aggregates,
 * conditions and formats name, as written (a related table's columns are named as its CSV header,
 * and a related file's names are that header's; `columns:` is the export's only).
 */
export function relatedHeadersFromRuleset(ruleset: Ruleset): Map<string, RelatedHeader> {
  const out = new Map<string, RelatedHeader>();
  for (const file of ruleset.related ?? []) {
    const names: string[] = [];
    const add = (ref: ColumnRef | undefined) => { if (ref && !names.includes(ref.name)) names.push(ref.name); };
    const walk = (c: Condition | undefined): void => {
      if (!c) return;
      if (c.kind === 'all' || c.kind === 'any') c.items.forEach(walk);
      else if (c.kind === 'not') walk(c.item);
      else if (c.kind === 'column') add(c.column);
    };
    add(file.key);
    add(file.at);
    for (const d of file.columns) { add(d.of); walk(d.where); }
    for (const f of file.formats?.values() ?? []) add(f.column);
    out.set(file.name, { header: names, file: `the table of related file "${file.name}"` });
  }
  return out;
}
