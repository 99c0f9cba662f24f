/**
 * Renders an `Explanation` (engine/explain.ts): a plain-text walk through one lead for the
 * terminal, and a stable JSON document for machines. Pure: the command decides where text goes.
 * Cells come from the export and are quoted with control characters escaped; related files
 * are rendered by explain-related-report.ts.
 */
import type { AccountTrace, ConditionTrace, Explanation, RuleTrace } from '../engine/explain.js';
import { formatNumber, signed } from '../model/cents.js';
import { quoteData } from '../model/errors.js';
import { cell, mark, YES } from './explain-marks.js';
import { relatedLines } from './explain-related-report.js';

export const EXPLAIN_VERSION = 1;

export interface ExplainMeta {
  input: string;
  line: number;
  /** the value given to --lead, and the column it was found in */
  lead: string;
  column: string;
  asOf: string;
  /** lines of other rows with the same id or email */
  otherLines: number[];
}

export function explanationJson(e: Explanation, meta: ExplainMeta): string {
  const { result: _result, ...rest } = e;
  const doc = {
    leadq_explain_version: EXPLAIN_VERSION,
    input: meta.input, line: meta.line, lead: meta.lead, column: meta.column, as_of: meta.asOf, other_lines: meta.otherLines,
    disqualified_reason: e.result.disqualifiedReason, priority_band: e.result.priority, reasons: e.result.reasons,
    ...rest,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}


export function renderExplanation(e: Explanation, meta: ExplainMeta): string {
  const out: string[] = [];
  out.push(`lead ${quoteData(meta.lead)} (${meta.column}) · ${meta.input} line ${meta.line} · as of ${meta.asOf}`);
  if (meta.otherLines.length) out.push(`  note: ${meta.otherLines.length} other row${meta.otherLines.length === 1 ? '' : 's'} match (line ${meta.otherLines.join(', ')}); this is the first`);
  out.push('');
  const dq = e.result.disqualifiedReason;
  out.push(`stage ${e.stage}${dq ? ` (${dq})` : ''}${e.result.priority ? ` · priority ${e.result.priority}` : ''}${e.grade !== null ? ` · grade ${e.grade}` : ''}`);
  out.push(`scores: ${e.scores.map((s) => `${s.name} ${formatNumber(s.value)}`).join(', ')}; total ${formatNumber(e.result.total)}`);

  for (const score of e.scores) {
    const rules = e.rules.filter((r) => r.score === score.name);
    if (rules.length === 0 && score.bounded === 0) continue;
    out.push('', `${score.name} ${formatNumber(score.value)}${boundsText(score.floor, score.ceiling)}`);
    for (const rule of rules) out.push(...ruleLines(rule));
    if (score.bounded !== 0) out.push(`  ${YES} ${signed(score.bounded).padStart(8)}  ${score.bounded < 0 ? 'ceiling' : 'floor'} of ${score.name}`);
  }

  for (const r of e.related ?? []) out.push('', ...relatedLines(r));

  out.push('', 'BANT');
  for (const b of e.bant) {
    const head = `  ${b.defined ? mark(b.held) : '-'} ${b.letter} ${b.key}:`;
    if (!b.when) out.push(`${head} not defined`);
    else out.push(...conditionLines(b.when, head, 6));
  }

  if (e.account !== undefined) out.push('', ...accountLines(e.account));

  if (e.disqualifiers.length) {
    out.push('', 'disqualifiers (the first that holds decides)');
    for (const d of e.disqualifiers) out.push(...conditionLines(d.when, `  ${mark(d.held)} ${d.reason}:`, 6));
  }

  out.push('', dq ? `stages (not applied: the lead is disqualified, ${dq})` : 'stages (lowest first; the highest whose condition holds is the stage)');
  for (const s of e.stages) {
    const chosen = s.name === e.stage ? '   ← stage' : '';
    if (!s.when) out.push(`  ${YES} ${s.name}: the lowest stage, every lead's default${chosen}`);
    else out.push(...conditionLines(s.when, `  ${mark(s.held)} ${s.name}:`, 6, chosen));
  }

  if (e.priority) {
    out.push('', dq ? 'priority (none: the lead is disqualified)' : `priority on ${e.priority.score} ${formatNumber(e.priority.value)}: the first band that holds`);
    // the first band that holds, by position: two bands may share a name (P1 by score, P1 by grade)
    const first = e.priority.bands.findIndex((b) => b.held);
    for (const [i, b] of e.priority.bands.entries()) {
      const chosen = !dq && i === first ? '   ← priority' : '';
      const head = `  ${mark(b.held)} ${b.name}${b.min === null ? '' : ` (min ${formatNumber(b.min)})`}`;
      out.push(...(b.when ? conditionLines(b.when, `${head} and`, 6, chosen) : [head + chosen]));
    }
  }
  return `${out.join('\n')}\n`;
}

function boundsText(floor: number | null, ceiling: number | null): string {
  const parts = [floor !== null ? `floor ${formatNumber(floor)}` : '', ceiling !== null ? `ceiling ${formatNumber(ceiling)}` : ''].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function ruleLines(rule: RuleTrace): string[] {
  const counted = rule.points !== null;
  const points = counted ? signed(rule.points!.final) : '—';
  const head = `  ${mark(counted)} ${points.padStart(8)}  ${rule.name}${rule.group ? ` [group ${rule.group}]` : ''}`;
  const lines = [head];
  const pad = ' '.repeat(14);
  if (rule.when) lines.push(...conditionLines(rule.when, `${pad}when`, 16));
  if (rule.count) lines.push(`${pad}per ${rule.count.column}: ${cell(rule.count.cell)}${rule.count.counted !== null ? `, counted ${formatNumber(rule.count.counted)}` : ''}`);
  if (rule.date) {
    const age = rule.date.age === null ? 'no date' : `${rule.date.age} day${rule.date.age === 1 ? '' : 's'} before the as-of date`;
    lines.push(`${pad}date ${rule.date.column}: ${cell(rule.date.cell)}, ${age}${rule.date.window !== null ? `; window ${rule.date.window}d` : ''}`);
  }
  if (rule.held && rule.skipped) lines.push(`${pad}not counted: ${SKIPPED[rule.skipped]}`);
  if (counted) lines.push(`${pad}reason ${rule.reason}`);
  return lines;
}

const SKIPPED: Record<string, string> = {
  'no count': 'the count is empty or 0',
  'no date': 'the date is empty or not a date, so the activity cannot be placed in time',
  'outside window': 'the date is outside the window',
};

/** A condition and its parts, one per line: whether each held and what it saw. */
function conditionLines(t: ConditionTrace, head: string, indent: number, suffix = ''): string[] {
  const lines = [`${head} ${describe(t)}${suffix}`];
  const walk = (items: ConditionTrace[] | undefined, depth: number) => {
    for (const item of items ?? []) {
      lines.push(`${' '.repeat(depth)}${mark(item.held)} ${describe(item)}`);
      walk(item.items, depth + 2);
    }
  };
  walk(t.items, indent);
  return lines;
}

function describe(t: ConditionTrace): string {
  const saw = t.saw === undefined ? '' : ` — saw ${/^-?[\d.]+$/.test(t.saw) ? t.saw : cell(t.saw)}`;
  return `${t.text}${t.items ? (t.held ? ': holds' : ': does not hold') : ''}${saw}`;
}

/** The lead's account: its key, values, score with reasons, and its ladder (account values are known before the lead's stage). */
function accountLines(a: AccountTrace | null): string[] {
  if (a === null) return ['account: none (no account id, company email domain or company name)'];
  const out = [`account ${quoteData(a.key)} (by ${a.key_type}${a.name ? `, ${quoteData(a.name)}` : ''}) · stage ${a.stage} · score ${formatNumber(a.score)}`];
  const from = a.lead_key.column === undefined ? '' : ` (from its column ${quoteData(a.lead_key.column)})`;
  if (a.lead_key.key !== a.key || a.lead_key.key_type !== a.key_type) {
    out.push(`  the lead is recognised by ${a.lead_key.key_type} ${quoteData(a.lead_key.key)}${from}, linked to this account`);
  } else if (a.lead_key.column !== undefined) out.push(`  the lead's domain is from its column ${quoteData(a.lead_key.column)}`);
  if (a.linked.length > 0) out.push(`  ${linkedLine(a.linked)}`);
  out.push(`  ${a.values.filter((v) => v.value !== '').map((v) => `${v.name} ${v.value}`).join(', ')}`);
  for (const r of a.reasons) out.push(`  ${r}`);
  out.push('  account stages (lowest first; the highest whose condition holds is the stage)');
  for (const s of a.stages) {
    const chosen = s.name === a.stage ? '   ← account stage' : '';
    if (!s.when) out.push(`    ${YES} ${s.name}: the lowest account stage${chosen}`);
    else out.push(...conditionLines(s.when, `    ${mark(s.held)} ${s.name}:`, 8, chosen));
  }
  return out;
}

/** `includes 3 leads recognised by domain "acme.example" (2) and name "acme" (1)`: the keys linked into an account. */
function linkedLine(linked: AccountTrace['linked']): string {
  const leads = linked.reduce((n, l) => n + l.leads, 0);
  // one key: its leads are all of them
  const keys = linked.map((l) => `${l.key_type} ${quoteData(l.key)}${linked.length > 1 ? ` (${l.leads})` : ''}`);
  const list = keys.length === 1 ? keys[0] : `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`;
  return `includes ${leads} lead${leads === 1 ? '' : 's'} recognised by ${list}`;
}
