/**
 * What `leadq calibrate` reports beside the ruleset it writes: how the leads were split, which
 * columns were used or left out (and why, leaks first), the AUC the written ruleset reaches on
 * leads it was not fitted on, the thresholds moved, and the calibrated stages. Plain data, then
 * text for the terminal or versioned JSON.
 */
import { escapeControls } from '../model/errors.js';
import { renderJson as json } from './backtest-render.js';
import type { AucRow, StageRow } from './backtest-report.js';

export const CALIBRATE_VERSION = 1;

export interface CalibrateReport {
  version: number;
  rules: string;
  inputs: string[];
  as_of: string;
  out: string;
  outcome: { column: string; won: string[] | null };
  leads: { read: number; rejected: number; duplicates: number; scored: number; without_outcome: number; too_recent: number; judged: number; converted: number; conversion: number | null };
  evaluation:
    | { kind: 'time'; created: string; cut: string; train: number; holdout: number; undated: number; lambda: number }
    | { kind: 'folds'; folds: number; seed: number; fold_aucs: number[]; mean: number | null; min: number | null; max: number | null; lambda: number };
  /** the written ruleset's AUC on the held-out leads (time split) or on all leads (in-sample, k-fold) as `leadq score` scores it */
  auc: { on: 'holdout' | 'all'; leads: number; written: AucRow; original: AucRow; expected: number | null };
  columns: {
    used: { name: string; kind: 'numeric' | 'categorical'; score: string; levels: number; rules: number }[];
    dropped: { name: string; reason: string }[];
    skipped: { name: string; reason: string }[];
    leaks: { name: string; auc: number | null }[];
    screen: { name: string; auc: number | null; flagged: boolean }[];
  };
  /** `removed`: why the rule was taken out (its column binned instead, or no points beside the others) */
  points: { reset: { rule: string; score: string; from: number; to: number; removed?: string }[]; added: number; pdo: number };
  thresholds: { where: string; score: string; op: string; from: number; to: number; share: number; new_share: number }[];
  target: { kind: 'volume' | 'precision'; value: number; stage: string | null; threshold: number; leads: number; precision: number | null; recall: number | null; lift: number | null; applied: boolean } | null;
  stages: StageRow[];
}

export const renderCalibrateJson = (r: CalibrateReport): string => json(r);

const pct = (v: number | null, d = 1) => (v === null ? '–' : `${(v * 100).toFixed(d)}%`);
const int = (v: number) => v.toLocaleString('en-US');
const a4 = (v: number | null) => (v === null ? 'n/a' : v.toFixed(4));

function aucLine(a: AucRow): string {
  return `${a4(a.auc)}${a.lower !== null && a.upper !== null ? ` (95% interval ${a.lower.toFixed(4)}–${a.upper.toFixed(4)})` : ''}`;
}

export function renderCalibrateText(r: CalibrateReport): string {
  const out: string[] = [];
  out.push(`leadq calibrate · ${escapeControls(r.rules)} on ${r.inputs.map(escapeControls).join(', ')} · as of ${r.as_of} → ${escapeControls(r.out)}`);
  const l = r.leads;
  const left = [l.rejected ? `${int(l.rejected)} rows rejected` : '', l.duplicates ? `${int(l.duplicates)} duplicates (dedupe)` : '', l.without_outcome ? `${int(l.without_outcome)} without an outcome` : '', l.too_recent ? `${int(l.too_recent)} too recent (--horizon)` : ''].filter(Boolean);
  out.push(`outcome ${escapeControls(r.outcome.column)}: ${int(l.judged)} leads judged, ${int(l.converted)} converted (${pct(l.conversion)})${left.length ? `; left out: ${left.join(', ')}` : ''}`);
  const e = r.evaluation;
  if (e.kind === 'time') {
    out.push(`evaluation: time split on ${escapeControls(e.created)} — fitted on the ${int(e.train)} leads created before ${e.cut}, judged on the ${int(e.holdout)} created on or after it${e.undated ? ` (${int(e.undated)} without a date left out)` : ''}; penalty λ ${e.lambda}`);
  } else {
    out.push(`evaluation: ${e.folds}-fold cross-validation (stratified, seed ${e.seed}): each fold scored by points fitted without it; the ruleset written is fitted on all leads; penalty λ ${e.lambda}`);
  }
  out.push('');
  if (r.columns.leaks.length > 0) {
    out.push('Left out as leaks (a column that alone ranks leads this well records the outcome rather than predicts it):');
    for (const k of r.columns.leaks) out.push(`  ! ${escapeControls(k.name)}: AUC ${a4(k.auc)} on its own`);
    out.push('');
  }
  if (r.columns.used.length > 0) {
    out.push(`Columns discovered (${r.columns.used.length}):`);
    for (const c of r.columns.used) out.push(`  ${escapeControls(c.name)} — ${c.kind}, ${c.levels} ${c.kind === 'numeric' ? 'bins' : 'groups'}, ${c.rules} ${c.rules === 1 ? 'rule' : 'rules'} in ${c.score}`);
    out.push('');
  }
  const skipped = [...r.columns.skipped, ...r.columns.dropped];
  if (skipped.length > 0) {
    out.push('Columns not used:');
    for (const s of skipped) out.push(`  ${escapeControls(s.name)}: ${s.reason}`);
    out.push('');
  }
  if (r.points.reset.length > 0) {
    out.push(`The ruleset's rules (${r.points.pdo} points double the odds of converting):`);
    for (const x of r.points.reset) out.push(`  ${escapeControls(x.rule)} (${x.score}): ${x.from} → ${x.removed !== undefined ? `removed: ${escapeControls(x.removed)}` : x.to}`);
    out.push('');
  }
  if (r.thresholds.length > 0) {
    out.push('Thresholds moved so that each lets through the same share of leads as before:');
    for (const t of r.thresholds) out.push(`  ${escapeControls(t.where)}: ${t.score} ${t.op} ${t.from} → ${t.to} (${pct(t.share)} of leads before, ${pct(t.new_share)} now)`);
    out.push('');
  }
  if (r.target) {
    const t = r.target;
    const what = t.kind === 'volume' ? `the top ${int(t.value)} leads` : `precision ${pct(t.value, 0)}`;
    out.push(`Target ${what}: total ≥ ${t.threshold} selects ${int(t.leads)} leads, ${pct(t.precision)} converted, recall ${pct(t.recall)}, lift ${t.lift === null ? '–' : t.lift.toFixed(2)}${t.applied ? ` — set on stage ${t.stage}` : t.stage ? ` — written as a comment on stage ${t.stage}` : ''}`);
    out.push('');
  }
  const on = r.auc.on === 'holdout' ? `the ${int(r.auc.leads)} held-out leads` : `all ${int(r.auc.leads)} leads (in-sample)`;
  out.push(`The written ruleset, scored as leadq score scores it, on ${on}:`);
  out.push(`  AUC ${aucLine(r.auc.written)}`);
  out.push(`  the original ruleset on the same leads: AUC ${aucLine(r.auc.original)}`);
  if (r.auc.expected !== null && e.kind === 'folds') {
    out.push(`  expected on new leads (cross-validated): AUC ${a4(r.auc.expected)} (folds ${a4(e.min)} to ${a4(e.max)})`);
  }
  // the original was never fitted to these leads: its AUC is honest beside the hold-out's or the cross-validated one
  const honest = r.auc.on === 'holdout' ? r.auc.written.auc : r.auc.expected;
  if (honest !== null && r.auc.original.auc !== null && honest < r.auc.original.auc) {
    out.push(`  ! the original ruleset ranks these leads better than the calibrated one is expected to (${a4(r.auc.original.auc)} against ${a4(honest)}): keep it, or calibrate on more leads`);
  }
  out.push('');
  out.push(`Stages of the written ruleset on ${on}:`);
  const rows = r.stages.map((s) => [escapeControls(s.stage), int(s.at), pct(s.at_conversion), s.at_or_above === null ? '' : int(s.at_or_above), pct(s.precision), pct(s.recall), s.lift === null ? '–' : s.lift.toFixed(2)]);
  const header = ['stage', 'leads at', 'converted', 'at or above', 'precision', 'recall', 'lift'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i].length)));
  for (const row of [header, ...rows]) out.push(`  ${row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`);
  return `${out.join('\n')}\n`;
}
