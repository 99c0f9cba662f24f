/**
 * The report of `leadq backtest`, as plain data: what each table and chart shows, computed from
 * the captured leads (typed arrays) with the statistics of stats/. Pure: the same leads give the
 * same report. Rendering (terminal, CSV, JSON, SVG) is in backtest-render.ts and charts/.
 */
import { auc, compareAucs, delong } from '../stats/auc.js';
import { zForLevel } from '../stats/normal.js';
import { scoreBands, type Band } from '../stats/bands.js';
import { sigmoid } from '../stats/logistic.js';
import { impliedPoints, ruleEvidence, rulesetScale } from '../stats/points.js';
import { selection, table, wilson, type Interval } from '../stats/proportions.js';
import { scoreGroups } from '../stats/ranking.js';
import { holdOut, indicesWhere } from '../stats/split.js';

export const BACKTEST_VERSION = 1;
/** A single rule or score with an AUC above this likely records the outcome (leakage). */
export const LEAK_AUC = 0.95;
/** Leads the joint fit of implied points uses at most (a stratified sample beyond). */
const IMPLIED_SAMPLE = 100_000;
/** Groups of --by shown by name; the rest are pooled. */
const BY_GROUPS = 12;

/** A rule as the report names it. */
export interface RuleInfo {
  name: string;
  score: string;
  /** the points the rule gives (per occurrence for a per rule); null for a floor/ceiling entry */
  points: number | null;
  per: boolean;
  /** index into `amounts` for a per rule, else -1 */
  amount: number;
}

/** The leads judged, one entry per lead in every array. */
export interface Judged {
  outcome: Uint8Array;
  /** every score, then the total, each per lead */
  scores: Float64Array[];
  scoreNames: string[];
  stage: Int8Array;
  stageNames: string[];
  /** leads × rules */
  fired: Uint8Array;
  rules: RuleInfo[];
  /** per rule of RuleInfo.amount: points per lead */
  amounts: Float64Array[];
  by: { column: string; codes: Uint32Array; labels: string[] } | null;
}

/** How many leads were read, left out, judged. */
export interface LeadCounts {
  read: number;
  rejected: number;
  /** rows of a key another row was kept for (dedupe): not leads, as in `score` */
  duplicates: number;
  scored: number;
  /** outcome cell empty */
  without_outcome: number;
  /** --horizon: created too recently to have converted */
  too_recent: number;
  /** --since: created before it */
  before_since: number;
  /** --horizon: no created date */
  undated: number;
  judged: number;
  converted: number;
  conversion: number | null;
}

export interface AucRow { score: string; auc: number | null; se: number | null; lower: number | null; upper: number | null }

export interface StageRow {
  stage: string;
  /** leads whose stage is this one */
  at: number;
  at_converted: number;
  at_conversion: number | null;
  at_interval: Interval | null;
  /** "at or above this stage" as a selection (not for disqualified) */
  at_or_above: number | null;
  at_or_above_converted: number | null;
  precision: number | null;
  interval: Interval | null;
  recall: number | null;
  lift: number | null;
}

export interface RuleRow {
  rule: string;
  score: string;
  points: number | null;
  per: boolean;
  fired: number;
  fired_converted: number;
  conversion_fired: number | null;
  conversion_not_fired: number | null;
  lift: number | null;
  odds_ratio: number | null;
  /** the AUC of "fired" alone, as a single 0/1 column */
  auc: number | null;
  implied_points: number | null;
}

export interface ByGroup { value: string; leads: number; converted: number; conversion: number | null; stages: StageRow[] }

export interface CalibrationPoint { band: number; leads: number; predicted: number; observed: number; interval: Interval | null }

export interface Finding { kind: 'leak' | 'order'; subject: string; auc?: number; message: string }

export interface Comparison {
  rules: string;
  auc: AucRow[];
  /** DeLong's paired test; difference: the compared ruleset's AUC minus this one's */
  paired: { auc_rules: number; auc_compare: number; difference: number; se: number; z: number | null; p: number } | null;
  stages: StageRow[];
  moves: { up: number; down: number; same: number; into_disqualified: number; out_of_disqualified: number; by_rank: boolean };
  bands: Band[];
  gains: [number, number][];
}

export interface BacktestReport {
  version: number;
  rules: string;
  inputs: string[];
  as_of: string;
  /** derived: the outcome is a related file's derived column (converted when there and not 0 or false) */
  outcome: { column: string; won: string[] | null; derived: boolean };
  horizon_days: number | null;
  /** --since: only the leads created on or after this day are judged */
  since: string | null;
  leads: LeadCounts;
  auc: AucRow[];
  stages: StageRow[];
  bands: { count: number; ks: number | null; ks_score: number | null; rows: Band[] };
  /** cumulative gains: [share of leads from the top score down, share of converted leads among them] */
  gains: [number, number][];
  rules_table: RuleRow[];
  scale: { slope: number; intercept: number } | null;
  calibration: CalibrationPoint[];
  by: { column: string; groups: ByGroup[] } | null;
  findings: Finding[];
  compare: Comparison | null;
  min_auc: { threshold: number; passed: boolean } | null;
}

export interface ReportMeta {
  rules: string;
  inputs: string[];
  asOf: string;
  /** derived: the outcome is a related file's derived column (converted when there and not 0 or false) */
  outcome: { column: string; won: string[] | null; derived: boolean };
  horizonDays: number | null;
  since: string | null;
  counts: Omit<LeadCounts, 'judged' | 'converted' | 'conversion'>;
  bands: number;
  minAuc: number | null;
}

const count = (a: Uint8Array) => a.reduce((s, v) => s + v, 0);

/**
 * Each score's AUC with its 95% DeLong interval (as stats/auc.ts `aucInterval`, from one sort per
 * score rather than two: DeLong's placements hold the AUC too).
 */
export function aucRows(data: Pick<Judged, 'scores' | 'scoreNames' | 'outcome'>): AucRow[] {
  const z = zForLevel(0.95);
  return data.scoreNames.map((score, i) => {
    const d = delong([data.scores[i]], data.outcome);
    if (d === null) return { score, auc: auc(data.scores[i], data.outcome), se: null, lower: null, upper: null };
    const value = d.aucs[0];
    const se = Math.sqrt(Math.max(0, d.covariance[0]));
    return { score, auc: value, se, lower: Math.max(0, value - z * se), upper: Math.min(1, value + z * se) };
  });
}

/** The AUC of a 0/1 column from its 2×2 table: P(fired | converted)·P(not | unconverted) + ½ the ties. */
export function binaryAuc(t: { a: number; b: number; c: number; d: number }): number | null {
  const p = t.a + t.c;
  const n = t.b + t.d;
  if (p === 0 || n === 0) return null;
  return (t.a * t.d + 0.5 * (t.a * t.b + t.c * t.d)) / (p * n);
}

/** Per stage: the leads at it, and "at or above it" as a selection; disqualified last (stage −1). */
export function stageRows(stage: Int8Array, outcome: Uint8Array, stageNames: string[]): StageRow[] {
  const k = stageNames.length;
  const at = new Float64Array(k + 1);
  const conv = new Float64Array(k + 1);
  for (let i = 0; i < stage.length; i++) {
    const s = stage[i] < 0 ? k : stage[i];
    at[s]++;
    conv[s] += outcome[i];
  }
  const total = stage.length;
  const converted = count(outcome);
  const rows: StageRow[] = [];
  let above = 0;
  let aboveConv = 0;
  const tmp: StageRow[] = [];
  for (let s = k - 1; s >= 0; s--) {
    above += at[s];
    aboveConv += conv[s];
    const sel = selection(above, aboveConv, total, converted);
    tmp.push({
      stage: stageNames[s], at: at[s], at_converted: conv[s], at_conversion: at[s] === 0 ? null : conv[s] / at[s], at_interval: wilson(conv[s], at[s]),
      at_or_above: above, at_or_above_converted: aboveConv, precision: sel.precision, interval: sel.interval, recall: sel.recall, lift: sel.lift,
    });
  }
  rows.push(...tmp.reverse());
  rows.push({
    stage: 'disqualified', at: at[k], at_converted: conv[k], at_conversion: at[k] === 0 ? null : conv[k] / at[k], at_interval: wilson(conv[k], at[k]),
    at_or_above: null, at_or_above_converted: null, precision: null, interval: null, recall: null, lift: null,
  });
  return rows;
}

/** Rule i's firing (0/1) over the leads. */
export function firedColumn(data: Pick<Judged, 'fired' | 'rules'>, r: number, n: number): Uint8Array {
  const k = data.rules.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = data.fired[i * k + r];
  return out;
}

function ruleRows(data: Judged, total: Float64Array): { rows: RuleRow[]; scale: { slope: number; intercept: number } | null } {
  const n = data.outcome.length;
  // the fits run on a stratified sample of a large export: their estimates need no more
  const sample = n > IMPLIED_SAMPLE ? indicesWhere(holdOut(data.outcome, IMPLIED_SAMPLE / n, 1), 1) : null;
  const pick = (i: number) => (sample === null ? i : sample[i]);
  const m = sample === null ? n : sample.length;
  const y = Uint8Array.from({ length: m }, (_, i) => data.outcome[pick(i)]);
  const scale = m > 0 ? rulesetScale(sample === null ? total : Float64Array.from(sample, (i) => total[i]), y) : null;
  // the rules of the total (engagement and fit), jointly: the points the evidence implies
  const joint = data.rules.map((r, i) => (r.points !== null && r.points !== 0 && (r.score === 'engagement' || r.score === 'fit') ? i : -1)).filter((i) => i >= 0);
  const implied = new Map<number, number>();
  if (scale !== null && joint.length > 0) {
    const firing = joint.map((r) => {
      const rule = data.rules[r];
      const f = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        const lead = pick(i);
        f[i] = rule.per && rule.amount >= 0 ? data.amounts[rule.amount][lead] / rule.points! : data.fired[lead * data.rules.length + r];
      }
      return f;
    });
    let positives = 0;
    for (let i = 0; i < m; i++) positives += y[i];
    if (positives > 0 && positives < m) impliedPoints(firing, y, scale).forEach((p, j) => implied.set(joint[j], p.points));
  }
  const rows = data.rules.map((rule, r): RuleRow => {
    const fired = firedColumn(data, r, n);
    const e = ruleEvidence(fired, data.outcome);
    const a = binaryAuc(table(fired, data.outcome));
    return {
      rule: rule.name, score: rule.score, points: rule.points, per: rule.per, fired: e.fired, fired_converted: e.firedConverted,
      conversion_fired: e.conversionFired, conversion_not_fired: e.conversionNotFired, lift: e.lift, odds_ratio: e.oddsRatio?.estimate ?? null,
      auc: a, implied_points: implied.get(r) ?? null,
    };
  });
  return { rows, scale: scale && { slope: scale.slope, intercept: scale.intercept } };
}

/** Per band of the total: the mean probability the score's logistic scale predicts beside the rate observed. */
function calibration(total: Float64Array, bands: Band[], scale: { slope: number; intercept: number } | null): CalibrationPoint[] {
  if (scale === null || bands.length === 0) return [];
  // bands hold disjoint score ranges, highest first
  const sums = new Float64Array(bands.length);
  for (let i = 0; i < total.length; i++) {
    let lo = 0;
    let hi = bands.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (bands[mid].minScore > total[i]) lo = mid + 1;
      else hi = mid;
    }
    sums[lo] += sigmoid(scale.intercept + scale.slope * total[i]);
  }
  return bands.map((b, j) => ({ band: b.band, leads: b.leads, predicted: sums[j] / b.leads, observed: b.conversion, interval: wilson(b.converted, b.leads) }));
}

function byGroups(data: Judged): { column: string; groups: ByGroup[] } | null {
  if (data.by === null) return null;
  const { codes, labels } = data.by;
  const sizes = new Map<number, number>();
  for (const c of codes) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const label = (c: number) => (c >= labels.length ? '(other values)' : labels[c] === '' ? '(empty)' : labels[c]);
  const order = [...sizes.keys()].sort((a, b) => sizes.get(b)! - sizes.get(a)! || label(a).localeCompare(label(b), 'en'));
  const named = order.slice(0, BY_GROUPS);
  const groupOf = new Map(named.map((c, g) => [c, g]));
  const pooled = order.length > BY_GROUPS ? named.length : -1;
  const members: number[][] = [...named.map(() => []), ...(pooled >= 0 ? [[]] : [])];
  for (let i = 0; i < codes.length; i++) members[groupOf.get(codes[i]) ?? pooled].push(i);
  return {
    column: data.by.column,
    groups: members.map((ids, g) => {
      const y = Uint8Array.from(ids, (i) => data.outcome[i]);
      const converted = count(y);
      return {
        value: g === pooled ? `(${order.length - BY_GROUPS} other values)` : label(named[g]), leads: ids.length, converted,
        conversion: ids.length === 0 ? null : converted / ids.length,
        stages: stageRows(Int8Array.from(ids, (i) => data.stage[i]), y, data.stageNames),
      };
    }),
  };
}

/** Warnings worth a person's attention: leaks, stages that convert less than a lower one. */
function findings(aucs: AucRow[], rules: RuleRow[], stages: StageRow[]): Finding[] {
  const out: Finding[] = [];
  for (const r of rules) {
    if (r.auc === null || r.fired === 0) continue;
    const strength = Math.max(r.auc, 1 - r.auc);
    if (strength > LEAK_AUC) {
      out.push({ kind: 'leak', subject: r.rule, auc: strength, message: `rule "${r.rule}" alone separates converted from unconverted leads with AUC ${strength.toFixed(3)}: its column probably records the outcome (filled in by sales, or after the sale) rather than predicts it` });
    }
  }
  for (const a of aucs) {
    if (a.auc !== null && a.auc > LEAK_AUC) {
      out.push({ kind: 'leak', subject: a.score, auc: a.auc, message: `the ${a.score} score ranks leads with AUC ${a.auc.toFixed(3)}, better than real signals usually do: check that no rule reads a column that records the outcome` });
    }
  }
  const ladder = stages.filter((s) => s.stage !== 'disqualified' && s.at > 0);
  for (let i = 1; i < ladder.length; i++) {
    const lower = ladder[i - 1];
    const upper = ladder[i];
    if (upper.at_conversion !== null && lower.at_conversion !== null && upper.at_conversion < lower.at_conversion) {
      out.push({ kind: 'order', subject: upper.stage, message: `leads at "${upper.stage}" convert less (${pct(upper.at_conversion)}) than leads at the lower stage "${lower.stage}" (${pct(lower.at_conversion)}): the thresholds may be wrong` });
    }
  }
  return out;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export function buildReport(data: Judged, meta: ReportMeta, other: (Judged & { rules_file: string }) | null): BacktestReport {
  const total = data.scores[data.scores.length - 1];
  const n = data.outcome.length;
  const converted = count(data.outcome);
  const auc = aucRows(data);
  const stages = stageRows(data.stage, data.outcome, data.stageNames);
  const bt = scoreBands(total, data.outcome, meta.bands);
  const { rows, scale } = ruleRows(data, total);
  const totalAuc = auc[auc.length - 1].auc;
  return {
    version: BACKTEST_VERSION,
    rules: meta.rules,
    inputs: meta.inputs,
    as_of: meta.asOf,
    outcome: meta.outcome,
    horizon_days: meta.horizonDays,
    since: meta.since,
    leads: { ...meta.counts, judged: n, converted, conversion: n === 0 ? null : converted / n },
    auc,
    stages,
    bands: { count: meta.bands, ks: bt.ks, ks_score: bt.ksScore, rows: bt.bands },
    gains: gainsCurve(total, data.outcome),
    rules_table: rows,
    scale,
    calibration: calibration(total, bt.bands, scale),
    by: byGroups(data),
    findings: findings(auc, rows, stages),
    compare: other === null ? null : comparison(data, other, meta.bands),
    min_auc: meta.minAuc === null ? null : { threshold: meta.minAuc, passed: totalAuc !== null && totalAuc >= meta.minAuc },
  };
}

/** Two rulesets on the same leads: AUCs, DeLong's paired test, the other's stages, and how leads move. */
function comparison(a: Judged, b: Judged & { rules_file: string }, bandCount: number): Comparison {
  const totalA = a.scores[a.scores.length - 1];
  const totalB = b.scores[b.scores.length - 1];
  const test = a.outcome.length > 0 ? compareAucs(totalB, totalA, a.outcome) : null;
  // stage names shared in the same order: compare by name; otherwise by rank on each ladder
  const sameLadder = a.stageNames.length === b.stageNames.length && a.stageNames.every((s, i) => s.toLowerCase() === b.stageNames[i].toLowerCase());
  const moves = { up: 0, down: 0, same: 0, into_disqualified: 0, out_of_disqualified: 0, by_rank: !sameLadder };
  for (let i = 0; i < a.stage.length; i++) {
    const from = a.stage[i];
    const to = b.stage[i];
    if (from < 0 && to < 0) moves.same++;
    else if (to < 0) moves.into_disqualified++;
    else if (from < 0) moves.out_of_disqualified++;
    else if (to > from) moves.up++;
    else if (to < from) moves.down++;
    else moves.same++;
  }
  return {
    rules: b.rules_file,
    auc: aucRows(b),
    paired: test && { auc_rules: test.aucB, auc_compare: test.aucA, difference: test.difference, se: test.se, z: test.z, p: test.p },
    stages: stageRows(b.stage, b.outcome, b.stageNames),
    moves,
    bands: scoreBands(totalB, b.outcome, bandCount).bands,
    gains: gainsCurve(totalB, b.outcome),
  };
}

/**
 * The cumulative gains curve from the top score down, one point per distinct score (ties kept
 * together), thinned to steps of at least 1/`points` of the leads; starts at (0, 0), ends at (1, 1).
 */
export function gainsCurve(total: Float64Array, outcome: Uint8Array, points = 200): [number, number][] {
  const g = scoreGroups(total, outcome);
  const n = total.length;
  const p = g.totalPositives;
  if (n === 0 || p === 0) return [];
  const curve: [number, number][] = [[0, 0]];
  let leads = 0;
  let converted = 0;
  for (let j = g.values.length - 1; j >= 0; j--) {
    leads += g.positives[j] + g.negatives[j];
    converted += g.positives[j];
    const x = leads / n;
    if (j === 0 || x - curve[curve.length - 1][0] >= 1 / points) curve.push([x, converted / p]);
  }
  return curve;
}
