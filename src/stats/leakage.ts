/**
 * Leakage screen: a column filled in after or because of the outcome (a rep's "Lead Quality", a
 * close date, a "Closed" tag) predicts it far too well and must not be scored. Each candidate
 * column's single-column AUC is measured and flagged above a threshold (0.95 by default: a real
 * signal alone rarely ranks that well).
 *
 * Every column is first reduced to codes: a categorical column is its codes; a numeric one is cut
 * into up to `bins` quantile bins (ties kept together), with empty cells a code of their own —
 * the classic leak is a field that is empty exactly for the unconverted. Each lead's score is then
 * its code's conversion rate learnt on the other folds (stratified k-fold, fixed seed), shrunk
 * toward those folds' overall rate by `prior` leads' weight. Out-of-fold, a column that merely
 * names each lead (an id) scores no better than chance instead of perfectly; the same encoding
 * catches rising, falling and irregular relations alike.
 */
import { auc } from './auc.js';
import { bandOfTie, groupIndex } from './ranking.js';
import { stratifiedFolds } from './split.js';

export type CandidateColumn =
  | { readonly name: string; readonly kind: 'numeric'; readonly values: Float64Array }
  | { readonly name: string; readonly kind: 'categorical'; readonly codes: Uint32Array };

export interface LeakageOptions {
  /** flag a column whose AUC is above this (default 0.95) */
  readonly threshold?: number;
  readonly folds?: number;
  readonly seed?: number;
  /** quantile bins of a numeric column (default 100) */
  readonly bins?: number;
  /** weight, in leads, of the other folds' overall rate in a code's rate (default 2) */
  readonly prior?: number;
}

export interface LeakageResult {
  readonly name: string;
  /** out-of-fold single-column AUC; null when only one outcome occurs */
  readonly auc: number | null;
  readonly flagged: boolean;
}

/** Quantile-bin codes of a numeric column; empty cells (NaN) get the code after the last bin. */
export function quantileCodes(values: Float64Array, bins: number): Uint32Array {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort();
  const n = sorted.length;
  const distinct: number[] = [];
  const band: number[] = [];
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && sorted[end] === sorted[start]) end++;
    distinct.push(sorted[start]);
    band.push(bandOfTie(start, end - start, n, bins));
    start = end;
  }
  const keys = Float64Array.from(distinct);
  return Uint32Array.from(values, (v) => (Number.isNaN(v) ? bins : band[groupIndex(keys, v)]));
}

/** Each lead's code rate learnt on the other folds, shrunk toward their overall rate. */
export function outOfFoldRates(codes: Uint32Array, outcomes: Uint8Array, fold: Uint8Array, folds: number, prior: number): Float64Array {
  let k = 0;
  for (let i = 0; i < codes.length; i++) k = Math.max(k, codes[i] + 1);
  const leads = new Float64Array(k * folds);
  const conv = new Float64Array(k * folds);
  const foldLeads = new Float64Array(folds);
  const foldConv = new Float64Array(folds);
  for (let i = 0; i < codes.length; i++) {
    leads[codes[i] * folds + fold[i]]++;
    conv[codes[i] * folds + fold[i]] += outcomes[i];
    foldLeads[fold[i]]++;
    foldConv[fold[i]] += outcomes[i];
  }
  const totalLeads = foldLeads.reduce((a, b) => a + b, 0);
  const totalConv = foldConv.reduce((a, b) => a + b, 0);
  const codeLeads = new Float64Array(k);
  const codeConv = new Float64Array(k);
  for (let c = 0; c < k; c++) for (let f = 0; f < folds; f++) { codeLeads[c] += leads[c * folds + f]; codeConv[c] += conv[c * folds + f]; }
  return Float64Array.from(codes, (c, i) => {
    const f = fold[i];
    const restLeads = totalLeads - foldLeads[f];
    const base = restLeads === 0 ? 0 : (totalConv - foldConv[f]) / restLeads;
    const l = codeLeads[c] - leads[c * folds + f];
    const v = codeConv[c] - conv[c * folds + f];
    return (v + prior * base) / (l + prior);
  });
}

/** The out-of-fold single-column AUC of each candidate, flagged above the threshold. */
export function leakageScreen(columns: readonly CandidateColumn[], outcomes: Uint8Array, options: LeakageOptions = {}): LeakageResult[] {
  const { threshold = 0.95, folds = 5, seed = 1, bins = 100, prior = 2 } = options;
  const fold = stratifiedFolds(outcomes, folds, seed);
  return columns.map((col) => {
    const codes = col.kind === 'numeric' ? quantileCodes(col.values, bins) : col.codes;
    if (codes.length !== outcomes.length) throw new RangeError(`column "${col.name}" has ${codes.length} leads; expected ${outcomes.length}`);
    const value = auc(outOfFoldRates(codes, outcomes, fold, folds, prior), outcomes);
    return { name: col.name, auc: value, flagged: value !== null && value > threshold };
  });
}
