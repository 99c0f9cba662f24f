/**
 * The calibration procedure of `calibrate`, on plain arrays: which of the export's columns can be
 * candidates and as what (numbers or values), the leakage screen, the honest evaluation, and the
 * final scorecard.
 *
 * Evaluation is honest in one of two ways. With a date for each lead, a time split: the scorecard
 * is fitted on the earlier leads and judged on the later ones it never saw — and that scorecard is
 * the one written, so scoring those later leads with the written ruleset gives the AUC reported.
 * Without dates, stratified k-fold cross-validation with a fixed seed: the whole procedure (bins,
 * groups, fit, points) is repeated on each k−1 folds and judged on the fold left out; the mean is
 * the AUC to expect on new leads, and the scorecard written is fitted on all of them.
 */
import { parseDay } from '../model/days.js';
import { auc } from './auc.js';
import { leakageScreen, type LeakageResult } from './leakage.js';
import { fitScorecard, prepareCandidates, scoreLeads, type Candidate, type RuleFeature, type Scorecard, type ScorecardOptions } from './scorecard.js';
import { cutForFraction, indicesWhere, stratifiedFolds } from './split.js';

/** A column of the export as captured: each lead's number (NaN: none) and text code. */
export interface ColumnData {
  readonly name: string;
  readonly numbers: Float64Array;
  readonly codes: Uint32Array;
  /** the text of each code (the empty cell is "") */
  readonly labels: readonly string[];
  /** more distinct values than were kept */
  readonly overflow: boolean;
  /** named with --columns: kept unless it cannot be used at all */
  readonly explicit: boolean;
}

export interface CandidateChoice {
  readonly candidates: Candidate[];
  /** per candidate (categorical), the labels of its codes */
  readonly labels: Map<string, readonly string[]>;
  readonly skipped: { name: string; reason: string }[];
}

/** A numeric column: nearly every non-empty cell a number, and more than two distinct numbers. */
const NUMERIC_SHARE = 0.95;
/** Column names of personal details: a first name that happened to convert well in training is noise, not evidence. */
/**
 * Column names of the lead's company: which companies converted in training says nothing about the
 * next lead (a rule "Company Name: Contoso" scores one customer's colleagues), and accounts:
 * scores the company as a whole.
 */
const COMPANY = /^(company|account|organi[sz]ation|employer)([ _-]?name)?$|^(company|account)[ _-]?(id|domain|website|url)$|^(company )?(website|domain)$/i;
const PERSONAL = /^(first|last|full|given|family|middle|sur)[ _-]?name$|^name$|^(contact|owner|lead)[ _-]?name$|^(work |personal |business |primary )?e-?mail( address)?$|phone|mobile|^fax$|street|^address|zip ?code|postal|post ?code/i;

/** A numeric column with a distinct number for at least this share of its leads is an id. */
const ID_SHARE = 0.9;
/** A categorical column with more distinct values than this (and than half its filled cells) names leads rather than groups them. */
const MAX_VALUES = 200;

/**
 * Which columns can be scored and how, judged on the leads `rows`: numeric when nearly every
 * non-empty cell is a number; a date, a constant, or a column with a distinct value for nearly
 * every lead (an id, an email, free text) is skipped with the reason.
 */
export function chooseCandidates(columns: readonly ColumnData[], rows: Uint32Array): CandidateChoice {
  const candidates: Candidate[] = [];
  const labels = new Map<string, readonly string[]>();
  const skipped: { name: string; reason: string }[] = [];
  for (const col of columns) {
    // a code past the labels kept (too many distinct values) is some non-empty value
    const label = (c: number) => (c < col.labels.length ? col.labels[c] : '\u0000');
    let filled = 0;
    let parsed = 0;
    const distinctNumbers = new Set<number>();
    const cap = Math.max(3, Math.ceil(ID_SHARE * rows.length));
    const seen = new Set<number>();
    for (const i of rows) {
      const code = col.codes[i];
      seen.add(code);
      if (label(code) !== '') filled++;
      const v = col.numbers[i];
      if (!Number.isNaN(v)) { parsed++; if (distinctNumbers.size <= cap) distinctNumbers.add(v); }
    }
    const distinct = [...seen].filter((c) => label(c) !== '').length;
    if (filled === 0) { skipped.push({ name: col.name, reason: 'empty' }); continue; }
    if (parsed >= NUMERIC_SHARE * filled && distinctNumbers.size >= 3) {
      if (!col.explicit && parsed >= 100 && distinctNumbers.size >= ID_SHARE * parsed) {
        skipped.push({ name: col.name, reason: 'a different number for nearly every lead (an id)' });
        continue;
      }
      candidates.push({ name: col.name, kind: 'numeric', values: col.numbers });
      continue;
    }
    if (seen.size < 2) { skipped.push({ name: col.name, reason: 'the same value for every lead' }); continue; }
    if (!col.explicit && PERSONAL.test(col.name)) { skipped.push({ name: col.name, reason: 'names or reaches a person rather than describes a lead (name it with --columns to use it)' }); continue; }
    if (!col.explicit && COMPANY.test(col.name)) { skipped.push({ name: col.name, reason: 'names the lead\'s company rather than describes the lead (name it with --columns to use it; accounts: scores companies)' }); continue; }
    const datelike = [...seen].filter((c) => label(c) !== '' && !Number.isNaN(parseDay(label(c)))).length;
    if (datelike >= 0.9 * distinct) { skipped.push({ name: col.name, reason: 'a date (write recency rules with within_days by hand)' }); continue; }
    if (!col.explicit && (col.overflow || (distinct > MAX_VALUES && distinct > 0.5 * filled))) {
      skipped.push({ name: col.name, reason: 'a different value for nearly every lead (an id, a name or free text)' });
      continue;
    }
    candidates.push({ name: col.name, kind: 'categorical', codes: col.codes });
    labels.set(col.name, col.labels);
  }
  return { candidates, labels, skipped };
}

export type Evaluation =
  | { readonly kind: 'time'; readonly cut: number; readonly train: Uint32Array; readonly test: Uint32Array; readonly undated: number }
  | { readonly kind: 'folds'; readonly folds: number; readonly seed: number; readonly rows: Uint32Array };

/** The time split of the judged leads `rows`: about `fraction` of the dated ones, the latest, held out. */
export function timeEvaluation(days: Float64Array, rows: Uint32Array, fraction: number): Extract<Evaluation, { kind: 'time' }> | null {
  const dated = Float64Array.from(rows, (i) => days[i]);
  const cut = cutForFraction(dated, fraction);
  if (cut === null) return null;
  const train: number[] = [];
  const test: number[] = [];
  let undated = 0;
  for (const i of rows) {
    const d = days[i];
    if (Number.isNaN(d)) undated++;
    else if (d >= cut) test.push(i);
    else train.push(i);
  }
  if (train.length === 0 || test.length === 0) return null;
  return { kind: 'time', cut, train: Uint32Array.from(train), test: Uint32Array.from(test), undated };
}

export interface CalibrationOptions extends ScorecardOptions {
  /** flag (and leave out) a candidate whose out-of-fold AUC alone is above this (default 0.95) */
  readonly leakThreshold?: number;
}

/** The penalties tried when the leads are few enough that the choice matters (and is cheap). */
export const LAMBDAS = [1, 3, 10, 30, 100];
/** Above this many training leads the penalty hardly matters: λ = 1 without a search. */
export const LAMBDA_SEARCH_LEADS = 30_000;

export interface Calibration {
  readonly card: Scorecard;
  /** the L2 penalty used: given, or the best of LAMBDAS by cross-validation on the training leads */
  readonly lambda: number;
  /** the rule features fitted (card.rules in the same order): those whose one column is not a candidate */
  readonly features: RuleFeature[];
  /** rules left out of the fit because a candidate bins the one column they read */
  readonly covered: string[];
  /** the leads the written scorecard was fitted on */
  readonly trainRows: Uint32Array;
  readonly leakage: LeakageResult[];
  /** candidates left out as leaks */
  readonly leaks: string[];
  /** k-fold: each fold's AUC of the integer points fitted without it */
  readonly folds: number[] | null;
  /** time split: the AUC of the integer points on the held-out leads */
  readonly holdout: number | null;
}

const sub = (a: Uint32Array, keep: Uint8Array) => a.filter((_, i) => keep[i] === 1);

/** Screens for leaks, evaluates honestly, and fits the scorecard to write. */
export function calibrateScorecard(candidates: readonly Candidate[], features: RuleFeature[], outcomes: Uint8Array, evaluation: Evaluation, options: CalibrationOptions = {}): Calibration {
  const trainRows = evaluation.kind === 'time' ? evaluation.train : evaluation.rows;
  const y = Uint8Array.from(trainRows, (i) => outcomes[i]);
  const leakage = leakageScreen(candidates.map((c) => (c.kind === 'numeric'
    ? { name: c.name, kind: 'numeric' as const, values: Float64Array.from(trainRows, (i) => c.values[i]) }
    : { name: c.name, kind: 'categorical' as const, codes: Uint32Array.from(trainRows, (i) => c.codes[i]) })), y, { threshold: options.leakThreshold ?? 0.95 });
  const leaks = leakage.filter((l) => l.flagged).map((l) => l.name);
  const honest = candidates.filter((c) => !leaks.includes(c.name));
  // a rule that reads one column a candidate bins would say the same twice: the bins carry it
  const binned = new Set(honest.map((c) => c.name));
  const covered = features.filter((f) => f.column !== undefined && binned.has(f.column)).map((f) => f.name);
  features = features.filter((f) => !covered.includes(f.name));
  // pre-bins from the values of the leads the scorecard is fitted on (never their outcomes)
  const prepared = prepareCandidates(honest, trainRows, options.maxBins);
  const folds = evaluation.kind === 'folds' ? evaluation.folds : 5;
  const seed = evaluation.kind === 'folds' ? evaluation.seed : 1;
  const fold = stratifiedFolds(y, folds, seed);
  /** each fold's AUC of the integer points fitted on the other folds with penalty λ */
  const crossValidate = (lambda: number): number[] => {
    const out: number[] = [];
    for (let f = 0; f < folds; f++) {
      const fit = fitScorecard(prepared, features, outcomes, sub(trainRows, Uint8Array.from(fold, (x) => (x === f ? 0 : 1))), { ...options, lambda });
      const rows = Uint32Array.from(indicesWhere(fold, f), (r) => trainRows[r]);
      const a = auc(scoreLeads(fit, honest, features, rows), Uint8Array.from(rows, (i) => outcomes[i]));
      if (a !== null) out.push(a);
    }
    return out;
  };
  const mean = (xs: number[]) => (xs.length === 0 ? -Infinity : xs.reduce((a, b) => a + b, 0) / xs.length);
  // the penalty: given, or chosen by cross-validation where the leads are few (ties go to the stronger)
  let lambda = options.lambda ?? 1;
  let chosen: number[] | null = null;
  if (options.lambda === undefined && trainRows.length <= LAMBDA_SEARCH_LEADS) {
    let best = -Infinity;
    for (const l of LAMBDAS) {
      const scores = crossValidate(l);
      if (mean(scores) >= best - 1e-9) { best = Math.max(best, mean(scores)); lambda = l; chosen = scores; }
    }
  }
  const fitOptions = { ...options, lambda };
  const card = fitScorecard(prepared, features, outcomes, trainRows, fitOptions);
  if (evaluation.kind === 'time') {
    const yTest = Uint8Array.from(evaluation.test, (i) => outcomes[i]);
    return { card, lambda, features, covered, trainRows, leakage, leaks, folds: null, holdout: auc(scoreLeads(card, honest, features, evaluation.test), yTest) };
  }
  return { card, lambda, features, covered, trainRows, leakage, leaks, folds: chosen ?? crossValidate(lambda), holdout: null };
}

/** Whether `v op t` holds for a score test's operator. */
export function passes(v: number, op: string, t: number): boolean {
  return op === 'gte' ? v >= t : op === 'gt' ? v > t : op === 'lte' ? v <= t : v < t;
}

/**
 * The threshold on the new scores that lets through the share of leads the old threshold let
 * through on the old scores (same operator): a stage keeps its volume when its points change.
 * Among the new scores' distinct values, the one whose share is nearest; on a tie the stricter.
 * When no lead passed before, the new threshold lets none pass either.
 */
export function sameShareThreshold(oldScores: Float64Array, op: string, oldThreshold: number, newScores: Float64Array): { threshold: number; share: number; newShare: number } {
  const n = oldScores.length;
  let passed = 0;
  for (let i = 0; i < n; i++) if (passes(oldScores[i], op, oldThreshold)) passed++;
  const share = n === 0 ? 0 : passed / n;
  const sorted = Float64Array.from(newScores).sort();
  const values = [...new Set(sorted)];
  const upward = op === 'gte' || op === 'gt';
  if (values.length === 0) return { threshold: oldThreshold, share, newShare: 0 };
  if (passed === 0) {
    const t = upward ? (op === 'gte' ? sorted[n - 1] + 1 : sorted[n - 1]) : (op === 'lte' ? sorted[0] - 1 : sorted[0]);
    return { threshold: t, share, newShare: 0 };
  }
  // count of new scores passing t, by binary search on the sorted copy
  const below = (t: number, strict: boolean) => { let lo = 0; let hi = n; while (lo < hi) { const m = (lo + hi) >>> 1; if (strict ? sorted[m] < t : sorted[m] <= t) lo = m + 1; else hi = m; } return lo; };
  const shareOf = (t: number) => (op === 'gte' ? n - below(t, true) : op === 'gt' ? n - below(t, false) : op === 'lte' ? below(t, false) : below(t, true)) / n;
  let best = values[0];
  let bestGap = Infinity;
  for (const t of values) {
    const gap = Math.abs(shareOf(t) - share);
    const stricter = upward ? t > best : t < best;
    if (gap < bestGap - 1e-12 || (Math.abs(gap - bestGap) <= 1e-12 && stricter)) { best = t; bestGap = gap; }
  }
  return { threshold: best, share, newShare: shareOf(best) };
}
