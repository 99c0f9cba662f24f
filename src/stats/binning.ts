/**
 * Turning a column into evidence for rules: monotone bins of a numeric column, groups of a
 * categorical one, each with its conversion, log-odds and weight of evidence.
 *
 * Numeric: the non-empty values are cut into up to `maxBins` quantile pre-bins (a value is never
 * split across bins, as in bands.ts); the direction is the sign of the rank correlation with the
 * outcome (the column's AUC above or below ½) unless the caller fixes it — "more visits never earn
 * fewer points" is `direction: 'increasing'`; pool-adjacent-violators then merges neighbours until
 * conversion rises (or falls) monotonically, and a bin with fewer than `minLeads` leads is merged
 * into the neighbour with the closer rate, which keeps the order. Empty cells (NaN) are a bin of
 * their own outside the order: "no value" is evidence too, often strong evidence.
 *
 * Categorical (codes 0 … K−1, the caller keeps the labels; an empty cell is just another code):
 * values with fewer than `minLeads` leads are pooled into "other"; the rest, in order of conversion,
 * are merged pairwise while the closest pair's two-proportion z is below `mergeZ` (1.96: rates the
 * data cannot tell apart at 5%). Simple and order-free: the result depends only on the counts.
 *
 * Log-odds are smoothed by ½ per cell, ln((converted + ½)/(unconverted + ½)), so an all-converted
 * bin is finite; the weight of evidence is a bin's log-odds minus the whole column's.
 */
import { bandOfTie, scoreGroups } from './ranking.js';

/** Counts and evidence of one bin or group. */
export interface Evidence {
  readonly leads: number;
  readonly converted: number;
  readonly rate: number;
  /** rate over the whole column's rate (null when nobody converted) */
  readonly lift: number | null;
  readonly logOdds: number;
  readonly woe: number;
}

export interface NumericBin extends Evidence {
  /** smallest value in the bin: the bin holds values ≥ lower and < the next bin's lower */
  readonly lower: number;
  /** largest value seen in the bin */
  readonly upper: number;
}

export interface NumericBinning {
  readonly bins: NumericBin[];
  /** leads without a value, or null if every lead has one */
  readonly empty: Evidence | null;
  readonly direction: 'increasing' | 'decreasing';
}

export interface BinningOptions {
  /** fewest leads in a bin or a named group (default: 2% of the leads, at least 30) */
  readonly minLeads?: number;
  /** quantile pre-bins before merging (default 20) */
  readonly maxBins?: number;
  readonly direction?: 'auto' | 'increasing' | 'decreasing';
}

export const defaultMinLeads = (n: number) => Math.max(30, Math.ceil(0.02 * n));

const logOdds = (converted: number, leads: number) => Math.log((converted + 0.5) / (leads - converted + 0.5));

/** A bin's evidence against the whole column: its overall rate and (smoothed) log-odds. */
function evidence(leads: number, converted: number, overall: { rate: number; logOdds: number }): Evidence {
  const lo = logOdds(converted, leads);
  const rate = leads === 0 ? 0 : converted / leads;
  return { leads, converted, rate, lift: overall.rate === 0 ? null : rate / overall.rate, logOdds: lo, woe: lo - overall.logOdds };
}

const overallOf = (converted: number, leads: number) => ({ rate: leads === 0 ? 0 : converted / leads, logOdds: logOdds(converted, leads) });

interface Block { lower: number; upper: number; leads: number; converted: number }

const merge = (a: Block, b: Block): Block => ({ lower: Math.min(a.lower, b.lower), upper: Math.max(a.upper, b.upper), leads: a.leads + b.leads, converted: a.converted + b.converted });

/** Quantile pre-bins over the ascending value groups; a tie group goes where its middle falls. */
function preBins(values: Float64Array, outcomes: Uint8Array, maxBins: number): { blocks: Block[]; auc: number | null } {
  const g = scoreGroups(values, outcomes);
  const n = values.length;
  const blocks: Block[] = [];
  let position = 0;
  let last = -1;
  let below = 0;
  let twice = 0;
  for (let j = 0; j < g.values.length; j++) {
    const size = g.positives[j] + g.negatives[j];
    const index = bandOfTie(position, size, n, maxBins);
    if (index !== last) blocks.push({ lower: g.values[j], upper: g.values[j], leads: 0, converted: 0 });
    const b = blocks[blocks.length - 1];
    b.upper = g.values[j];
    b.leads += size;
    b.converted += g.positives[j];
    last = index;
    position += size;
    twice += g.positives[j] * (2 * below + g.negatives[j]);
    below += g.negatives[j];
  }
  const pn = g.totalPositives * g.totalNegatives;
  return { blocks, auc: pn === 0 ? null : twice / (2 * pn) };
}

/** Pool-adjacent-violators: merges neighbours until rates are monotone (weakly) in `sign`. */
function poolAdjacentViolators(blocks: Block[], sign: 1 | -1): Block[] {
  const stack: Block[] = [];
  for (const b of blocks) {
    let top = b;
    // violation: the previous block's rate is beyond this one's in the wrong direction (cross-multiplied, exact)
    while (stack.length > 0 && sign * (stack[stack.length - 1].converted * top.leads - top.converted * stack[stack.length - 1].leads) > 0) {
      top = merge(stack.pop()!, top);
    }
    stack.push(top);
  }
  return stack;
}

/** Merges every bin smaller than `minLeads` into the neighbour with the closer rate (the lower one on a tie). */
function enforceMinimum(blocks: Block[], minLeads: number): Block[] {
  const out = blocks.slice();
  while (out.length > 1) {
    let k = -1;
    for (let i = 0; i < out.length; i++) if (out[i].leads < minLeads && (k < 0 || out[i].leads < out[k].leads)) k = i;
    if (k < 0) break;
    const rate = (b: Block) => b.converted / b.leads;
    const left = k > 0 ? Math.abs(rate(out[k - 1]) - rate(out[k])) : Infinity;
    const right = k < out.length - 1 ? Math.abs(rate(out[k + 1]) - rate(out[k])) : Infinity;
    const j = left <= right ? k - 1 : k + 1;
    const [a, b] = j < k ? [j, k] : [k, j];
    out.splice(a, 2, merge(out[a], out[b]));
  }
  return out;
}

/** Monotone bins of a numeric column (NaN = empty cell) against 0/1 outcomes. */
export function monotoneBins(values: Float64Array, outcomes: Uint8Array, options: BinningOptions = {}): NumericBinning {
  if (values.length !== outcomes.length) throw new RangeError(`values and outcomes differ in length: ${values.length} and ${outcomes.length}`);
  const { minLeads = defaultMinLeads(values.length), maxBins = 20, direction = 'auto' } = options;
  let filled = 0;
  let positives = 0;
  for (let i = 0; i < values.length; i++) { if (!Number.isNaN(values[i])) filled++; positives += outcomes[i]; }
  const v = new Float64Array(filled);
  const y = new Uint8Array(filled);
  let emptyConverted = 0;
  for (let i = 0, r = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) emptyConverted += outcomes[i];
    else { v[r] = values[i]; y[r++] = outcomes[i]; }
  }
  const base = overallOf(positives, values.length);
  const { blocks, auc } = filled === 0 ? { blocks: [], auc: null } : preBins(v, y, maxBins);
  const dir = direction === 'auto' ? (auc === null || auc >= 0.5 ? 'increasing' : 'decreasing') : direction;
  const bins = enforceMinimum(poolAdjacentViolators(blocks, dir === 'increasing' ? 1 : -1), minLeads);
  return {
    bins: bins.map((b) => ({ lower: b.lower, upper: b.upper, ...evidence(b.leads, b.converted, base) })),
    empty: filled === values.length ? null : evidence(values.length - filled, emptyConverted, base),
    direction: dir,
  };
}

/**
 * The bin a value falls in: the last bin whose lower bound is ≤ the value (values below the first
 * bin count as the first), or −1 for an empty cell.
 */
export function binOf(binning: NumericBinning, value: number): number {
  if (Number.isNaN(value)) return -1;
  const bins = binning.bins;
  let lo = 0;
  let hi = bins.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (bins[mid].lower <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface CategoryGroup extends Evidence {
  /** the codes in the group, ascending */
  readonly codes: number[];
  /** the pool of rare values */
  readonly other: boolean;
}

export interface CategoricalGrouping {
  /** named groups by ascending conversion, then "other" if any value was rare */
  readonly groups: CategoryGroup[];
  /** group index of each code seen (−1 for a code never seen) */
  readonly groupOfCode: Int32Array;
}

export interface GroupingOptions {
  readonly minLeads?: number;
  /** merge neighbours in rate order while their two-proportion |z| is below this (default 1.96) */
  readonly mergeZ?: number;
}

/** Two-proportion z with the pooled rate; 0 when both rates are 0 or both 1. */
function twoProportionZ(a: { leads: number; converted: number }, b: { leads: number; converted: number }): number {
  const p = (a.converted + b.converted) / (a.leads + b.leads);
  const se = Math.sqrt(p * (1 - p) * (1 / a.leads + 1 / b.leads));
  return se === 0 ? 0 : (a.converted / a.leads - b.converted / b.leads) / se;
}

/** Groups the values of a categorical column (codes) by conversion. */
export function groupCategories(codes: Uint32Array, outcomes: Uint8Array, options: GroupingOptions = {}): CategoricalGrouping {
  if (codes.length !== outcomes.length) throw new RangeError(`codes and outcomes differ in length: ${codes.length} and ${outcomes.length}`);
  const { minLeads = defaultMinLeads(codes.length), mergeZ = 1.96 } = options;
  let k = 0;
  for (let i = 0; i < codes.length; i++) k = Math.max(k, codes[i] + 1);
  const leads = new Float64Array(k);
  const conv = new Float64Array(k);
  let positives = 0;
  for (let i = 0; i < codes.length; i++) { leads[codes[i]]++; conv[codes[i]] += outcomes[i]; positives += outcomes[i]; }
  const base = overallOf(positives, codes.length);
  type Pool = { codes: number[]; leads: number; converted: number };
  const named: Pool[] = [];
  const rare: Pool = { codes: [], leads: 0, converted: 0 };
  for (let c = 0; c < k; c++) {
    if (leads[c] === 0) continue;
    if (leads[c] < minLeads) { rare.codes.push(c); rare.leads += leads[c]; rare.converted += conv[c]; }
    else named.push({ codes: [c], leads: leads[c], converted: conv[c] });
  }
  // by rate, exactly (cross-multiplied), then by first code
  named.sort((a, b) => a.converted * b.leads - b.converted * a.leads || a.codes[0] - b.codes[0]);
  while (named.length > 1) {
    let best = -1;
    let bestZ = Infinity;
    for (let i = 0; i + 1 < named.length; i++) {
      const z = Math.abs(twoProportionZ(named[i], named[i + 1]));
      if (z < bestZ) { best = i; bestZ = z; }
    }
    if (bestZ >= mergeZ) break;
    const [a, b] = [named[best], named[best + 1]];
    named.splice(best, 2, { codes: [...a.codes, ...b.codes].sort((x, y) => x - y), leads: a.leads + b.leads, converted: a.converted + b.converted });
  }
  const pools = rare.leads > 0 ? [...named, rare] : named;
  const groupOfCode = new Int32Array(k).fill(-1);
  pools.forEach((p, g) => { for (const c of p.codes) groupOfCode[c] = g; });
  return {
    groups: pools.map((p, g) => ({ codes: p.codes, other: rare.leads > 0 && g === pools.length - 1, ...evidence(p.leads, p.converted, base) })),
    groupOfCode,
  };
}

/** The group of a code: its own, else "other" for a code unseen in training, else −1. */
export function groupOf(grouping: CategoricalGrouping, code: number): number {
  const g = code < grouping.groupOfCode.length ? grouping.groupOfCode[code] : -1;
  if (g >= 0) return g;
  const last = grouping.groups.length - 1;
  return last >= 0 && grouping.groups[last].other ? last : -1;
}
