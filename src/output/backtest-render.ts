/**
 * `leadq backtest`'s report in its forms: aligned tables for the terminal, CSV tables and a
 * versioned JSON document for --out-dir. Numbers in files are plain (no thousands separators)
 * and rounded to 6 decimals, so the same leads give the same bytes.
 */
import { escapeControls } from '../model/errors.js';
import type { Band } from '../stats/bands.js';
import type { Interval } from '../stats/proportions.js';
import { CsvFormatter } from './csv/csv-format.js';
import type { AucRow, BacktestReport, StageRow } from './backtest-report.js';

/** A number rounded to 6 decimals (−0 as 0), for files. */
export function round6(v: number): number {
  const r = Math.round(v * 1e6) / 1e6;
  return r === 0 ? 0 : r;
}

/** The report as JSON: keys in a fixed order, numbers rounded, two-space indent, final newline. */
export function renderJson(report: BacktestReport | object): string {
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? round6(value) : value), 2)}\n`;
}

// ---------------------------------------------------------------- terminal

const int = (v: number | null) => (v === null ? '' : Math.round(v).toLocaleString('en-US'));
const pct = (v: number | null, digits = 1) => (v === null ? '–' : `${(v * 100).toFixed(digits)}%`);
const num = (v: number | null, digits = 3) => (v === null ? '–' : v.toFixed(digits));
const range = (i: Interval | null, f: (v: number) => string) => (i === null ? '–' : `${f(i.lower)}–${f(i.upper)}`);
const pctRange = (i: Interval | null) => range(i, (v) => (v * 100).toFixed(1)).replace(/$/, i === null ? '' : '%');
const signed = (v: number) => (v > 0 ? `+${v}` : String(v));

/** Columns aligned: the first to the left, the others to the right. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [fmt(header), ...rows.map(fmt)];
}

function aucTable(rows: AucRow[]): string[] {
  return table(['score', 'AUC', '95% interval'], rows.map((a) => [a.score, num(a.auc), range(a.lower === null || a.upper === null ? null : { lower: a.lower, upper: a.upper }, (v) => v.toFixed(3))]));
}

function stageTable(rows: StageRow[]): string[] {
  return table(['stage', 'leads at', 'converted', '95% interval', 'at or above', 'precision', 'recall', 'lift'], rows.map((s) => [
    escapeControls(s.stage), int(s.at), pct(s.at_conversion), pctRange(s.at_interval), int(s.at_or_above), pct(s.precision), pct(s.recall), num(s.lift, 2),
  ]));
}

function scoreRange(b: Band): string {
  return b.minScore === b.maxScore ? String(b.minScore) : `${b.minScore} to ${b.maxScore}`;
}

function bandTable(bands: Band[]): string[] {
  return table(['band', 'scores', 'leads', 'converted', 'lift', 'gains', 'cum. lift', 'KS'], bands.map((b) => [
    String(b.band), scoreRange(b), int(b.leads), pct(b.conversion), num(b.lift, 2), pct(b.gains), num(b.cumulativeLift, 2), num(b.separation, 3),
  ]));
}

function pointsText(points: number | null, per: boolean): string {
  if (points === null) return '';
  return `${signed(points)}${per ? ' per' : ''}`;
}

/** The report for a person: the tables a backtest is read by, findings last. */
export function renderTerminal(r: BacktestReport): string {
  const out: string[] = [];
  const inputs = r.inputs.map((p) => escapeControls(p)).join(', ');
  out.push(`leadq backtest · ${escapeControls(r.rules)} on ${inputs} · as of ${r.as_of}`);
  const won = r.outcome.won ? `"${r.outcome.won.map(escapeControls).join('" or "')}" means converted`
    : r.outcome.derived ? 'a derived column: converted when it is there and not 0 or false' : 'converted: 1, true, yes, won, converted';
  out.push(`outcome: ${escapeControls(r.outcome.column)} (${won})`);
  const l = r.leads;
  const left: string[] = [];
  if (l.rejected > 0) left.push(`${int(l.rejected)} rows rejected`);
  if (l.duplicates > 0) left.push(`${int(l.duplicates)} duplicates (dedupe)`);
  if (l.without_outcome > 0) left.push(`${int(l.without_outcome)} without an outcome`);
  if (l.too_recent > 0) left.push(`${int(l.too_recent)} created within the last ${r.horizon_days} days`);
  if (l.before_since > 0) left.push(`${int(l.before_since)} created before ${r.since}`);
  if (l.undated > 0) left.push(`${int(l.undated)} without a created date`);
  out.push(`${int(l.read)} leads read${left.length ? `; left out: ${left.join(', ')}` : ''}; judged ${int(l.judged)}, of which ${int(l.converted)} converted (${pct(l.conversion)})`);
  out.push('', 'Ranking: ROC AUC (chance that a converted lead scores above an unconverted one; 0.5 = coin toss)', ...aucTable(r.auc));
  out.push('', 'Stages: conversion of the leads at each stage, and of "at or above it" (precision, recall, lift)', ...stageTable(r.stages));
  const ks = r.bands.ks === null ? '' : `; KS ${num(r.bands.ks, 3)} at total ≥ ${r.bands.ks_score}`;
  out.push('', `Score bands: the total in ${r.bands.count} bands, highest first (ties kept together)${ks}`, ...bandTable(r.bands.rows));
  if (r.rules_table.length > 0) {
    const scale = r.scale ? `; one point ≈ ${num(r.scale.slope, 4)} log-odds` : '';
    out.push('', `Rules: conversion when each fires; "implied" = the points the evidence gives it beside the others${scale}`);
    out.push(...table(['rule', 'score', 'points', 'implied', 'fired', 'conv. fired', 'conv. not', 'lift'], r.rules_table.map((x) => [
      escapeControls(x.rule), x.score, pointsText(x.points, x.per), x.implied_points === null ? '' : pointsText(x.implied_points, x.per), int(x.fired),
      pct(x.conversion_fired), pct(x.conversion_not_fired), num(x.lift, 2),
    ])));
  }
  if (r.by) {
    const stages = r.stages.filter((s) => s.stage !== 'disqualified').slice(1).map((s) => s.stage);
    out.push('', `By ${escapeControls(r.by.column)}: leads, conversion, and per stage the leads at or above it with their conversion`);
    out.push(...table(['value', 'leads', 'converted', ...stages.map((s) => `≥ ${s}`)], r.by.groups.map((g) => [
      escapeControls(g.value), int(g.leads), pct(g.conversion), ...g.stages.slice(1, 1 + stages.length).map((s) => (s.at_or_above ? `${int(s.at_or_above)} · ${pct(s.precision, 0)}` : '0')),
    ])));
  }
  if (r.compare) out.push('', ...compareLines(r));
  if (r.findings.length > 0) out.push('', 'Findings', ...r.findings.map((f) => `  ! ${escapeControls(f.message)}`));
  if (r.min_auc) out.push('', `--min-auc ${r.min_auc.threshold}: ${r.min_auc.passed ? 'passed' : 'FAILED'} (total AUC ${num(r.auc[r.auc.length - 1].auc, 4)})`);
  return `${out.join('\n')}\n`;
}

function compareLines(r: BacktestReport): string[] {
  const c = r.compare!;
  const out = [`Compared with ${escapeControls(c.rules)} on the same ${int(r.leads.judged)} leads`];
  const mine = r.auc[r.auc.length - 1].auc;
  const theirs = c.auc[c.auc.length - 1].auc;
  const p = c.paired;
  out.push(`  total AUC ${num(mine, 4)} → ${num(theirs, 4)}` + (p ? `: difference ${p.difference >= 0 ? '+' : ''}${p.difference.toFixed(4)} (paired DeLong se ${p.se.toFixed(4)}, ${p.z === null ? 'no variance' : `z ${p.z.toFixed(2)}`}, p ${p.p < 0.0001 ? '< 0.0001' : p.p.toFixed(4)})` : ''));
  const names = [...new Set([...r.stages.map((s) => s.stage), ...c.stages.map((s) => s.stage)])];
  const find = (rows: StageRow[], name: string) => rows.find((s) => s.stage === name);
  out.push(...table(['stage', 'leads at', 'converted', '≥ precision', '|', 'leads at', 'converted', '≥ precision'], names.map((name) => {
    const a = find(r.stages, name);
    const b = find(c.stages, name);
    return [escapeControls(name), int(a?.at ?? null), pct(a?.at_conversion ?? null), pct(a?.precision ?? null), '|', int(b?.at ?? null), pct(b?.at_conversion ?? null), pct(b?.precision ?? null)];
  })).map((line, i) => (i === 0 ? `${line}   (this ruleset | compared)` : line)));
  const m = c.moves;
  out.push(`  leads moving${m.by_rank ? ' (by rank on each ladder: the stage names differ)' : ''}: ${int(m.up)} up, ${int(m.down)} down, ${int(m.same)} unchanged, ${int(m.into_disqualified)} newly disqualified, ${int(m.out_of_disqualified)} no longer disqualified`);
  return out;
}

// ---------------------------------------------------------------- CSV

const cell = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(round6(v)) : v);

function csv(header: string[], rows: (number | string | null | undefined)[][]): string {
  const f = new CsvFormatter({ delimiter: ',', escapeFormulas: true });
  return [header, ...rows.map((r) => r.map(cell))].map((r) => `${f.row(r)}\n`).join('');
}

function stageCsvRows(rows: StageRow[], prefix: (string | number)[] = []): (number | string | null)[][] {
  return rows.map((s) => [...prefix, s.stage, s.at, s.at_converted, s.at_conversion, s.at_interval?.lower ?? null, s.at_interval?.upper ?? null,
    s.at_or_above, s.at_or_above_converted, s.precision, s.interval?.lower ?? null, s.interval?.upper ?? null, s.recall, s.lift]);
}

const STAGE_HEADER = ['stage', 'leads_at', 'converted_at', 'conversion_at', 'conversion_at_lower', 'conversion_at_upper',
  'leads_at_or_above', 'converted_at_or_above', 'precision', 'precision_lower', 'precision_upper', 'recall', 'lift'];

/** The CSV tables of --out-dir, by file name. */
export function renderCsvs(r: BacktestReport): Map<string, string> {
  const files = new Map<string, string>();
  files.set('auc.csv', csv(['ruleset', 'score', 'auc', 'se', 'lower', 'upper'], [
    ...r.auc.map((a) => ['rules', a.score, a.auc, a.se, a.lower, a.upper]),
    ...(r.compare?.auc ?? []).map((a) => ['compare', a.score, a.auc, a.se, a.lower, a.upper]),
  ]));
  files.set('stages.csv', csv(['ruleset', ...STAGE_HEADER], [...stageCsvRows(r.stages, ['rules']), ...(r.compare ? stageCsvRows(r.compare.stages, ['compare']) : [])]));
  files.set('bands.csv', csv(['band', 'min_score', 'max_score', 'leads', 'converted', 'conversion', 'lift', 'cumulative_leads', 'cumulative_converted', 'gains', 'cumulative_lift', 'ks'],
    r.bands.rows.map((b) => [b.band, b.minScore, b.maxScore, b.leads, b.converted, b.conversion, b.lift, b.cumulativeLeads, b.cumulativeConverted, b.gains, b.cumulativeLift, b.separation])));
  files.set('rules.csv', csv(['rule', 'score', 'points', 'per', 'implied_points', 'fired', 'fired_converted', 'conversion_fired', 'conversion_not_fired', 'lift', 'odds_ratio', 'auc'],
    r.rules_table.map((x) => [x.rule, x.score, x.points, x.per ? 'yes' : 'no', x.implied_points, x.fired, x.fired_converted, x.conversion_fired, x.conversion_not_fired, x.lift, x.odds_ratio, x.auc])));
  if (r.by) files.set('by.csv', csv(['value', ...STAGE_HEADER], r.by.groups.flatMap((g) => stageCsvRows(g.stages, [g.value]))));
  return files;
}
