/**
 * A points scorecard fitted from evidence, as `calibrate` builds one. Each candidate column is cut
 * on the training leads into monotone bins (numeric) or groups of values (categorical) with
 * binning.ts; every bin or group but one reference level becomes an indicator feature, the
 * ruleset's own rules are dense features (fired 0/1, or the count a `per` rule counted), and one
 * L2 logistic regression fits them all together (sparse-logistic.ts): columns that carry the same
 * evidence (a lead origin and the source it implies) share it instead of each taking it whole.
 * A numeric column's fitted bin weights must stay monotone: where the joint fit reverses the
 * order of neighbouring bins, pool-adjacent-violators merges them and the fit is repeated, until
 * more visits never earn fewer points. Weights become integer points on the PDO scale (points.ts).
 *
 * Each column's largest level (bin, empty cells, group, or pool of rare values) is its reference:
 * it gets 0 points and needs no rule, and the penalty pulls the other levels towards the typical
 * lead rather than towards a small, noisy one. A value never seen in training scores as the pool
 * of rare values when there is one, else as the reference — as the written rules score it.
 *
 * Everything works on row indexes into the full arrays: training rows fit, `scoreLeads` scores
 * any rows with the integer points, exactly as the written rules add them up.
 */
import { binOf, groupCategories, groupOf, type CategoricalGrouping, type NumericBin, type NumericBinning } from './binning.js';
import { bandOfTie } from './ranking.js';
import { DEFAULT_PDO, pointsForLogOdds, roundPoints } from './points.js';
import { fitSparseLogistic, type SparseDesign } from './sparse-logistic.js';

export type Candidate =
  | { readonly name: string; readonly kind: 'numeric'; readonly values: Float64Array }
  | { readonly name: string; readonly kind: 'categorical'; readonly codes: Uint32Array };

/** One of the ruleset's rules as a feature: per lead 0/1 (fired) or the count it counted. */
export interface RuleFeature {
  readonly name: string;
  readonly values: Float64Array;
  /** the one column the rule reads, if it reads one: a candidate binning that column carries the rule's evidence */
  readonly column?: string;
}

export interface ScorecardOptions {
  /** points that double the odds (default 20) */
  readonly pdo?: number;
  /** L2 penalty on the weights (log-odds of a bin against its column's reference; default 1) */
  readonly lambda?: number;
  /** fewest training leads in a numeric bin (default: 1% of the leads, at least 50) */
  readonly minBinLeads?: number;
  /** fewest training leads in a named group of values (default: 0.5% of the leads, at least 20) */
  readonly minGroupLeads?: number;
  readonly maxBins?: number;
  /** merge groups whose conversion the data cannot tell apart at this |z| (default 1) */
  readonly mergeZ?: number;
}

export interface NumericPart {
  readonly kind: 'numeric';
  readonly name: string;
  readonly binning: NumericBinning;
  /** points per bin (same order as binning.bins), and of an empty cell (no number) */
  readonly points: Int32Array;
  readonly emptyPoints: number;
  /** fitted log-odds per bin against the reference */
  readonly effects: Float64Array;
  /** the bin that gets 0 points, or -1 when the reference is the empty cell */
  readonly reference: number;
}

export interface CategoricalPart {
  readonly kind: 'categorical';
  readonly name: string;
  readonly grouping: CategoricalGrouping;
  /** points per group (same order as grouping.groups); a code in no group scores 0 */
  readonly points: Int32Array;
  readonly unseenPoints: number;
  readonly effects: Float64Array;
  /** the group that gets 0 points (the largest) */
  readonly reference: number;
}

export type ColumnPart = NumericPart | CategoricalPart;

export interface RulePart {
  readonly name: string;
  /** log-odds per unit (per firing, or per occurrence) */
  readonly effect: number;
  readonly points: number;
}

export interface Scorecard {
  readonly columns: ColumnPart[];
  /** candidates left out and why */
  readonly dropped: { name: string; reason: string }[];
  readonly rules: RulePart[];
  readonly pdo: number;
  readonly converged: boolean;
  /** fits run (one more per round of merging reversed bins) */
  readonly fits: number;
}

/** The full-length array's values at `rows`. */
function at<T extends Float64Array | Uint32Array | Uint8Array>(a: T, rows: Uint32Array): T {
  const out = new (a.constructor as new (n: number) => T)(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = a[rows[i]];
  return out;
}

const valueOf = (c: Candidate, i: number) => (c.kind === 'numeric' ? c.values[i] : c.codes[i]);

/**
 * A candidate made ready for many fits (the folds of a cross-validation, the rounds of merging):
 * a numeric column's values cut once into quantile pre-bins, so a fit only counts leads per
 * pre-bin. The cuts see values only, never outcomes.
 */
export type Prepared =
  | { readonly kind: 'numeric'; readonly name: string; readonly values: Float64Array; readonly pre: Uint16Array; readonly empty: number }
  | { readonly kind: 'categorical'; readonly name: string; readonly codes: Uint32Array; readonly size: number };

/** Quantile pre-bins of each numeric candidate over the leads `rows` (ties never split), as codes for every lead. */
export function prepareCandidates(candidates: readonly Candidate[], rows: Uint32Array, maxBins = 20): Prepared[] {
  return candidates.map((c): Prepared => {
    if (c.kind === 'categorical') {
      let size = 0;
      for (let i = 0; i < c.codes.length; i++) if (c.codes[i] + 1 > size) size = c.codes[i] + 1;
      return { kind: 'categorical', name: c.name, codes: c.codes, size };
    }
    const sorted = at(c.values, rows).filter((v) => !Number.isNaN(v)).sort();
    const n = sorted.length;
    // the first value of each band: a lead's pre-bin is the last band whose first value it reaches
    const edges: number[] = [];
    let last = -1;
    for (let start = 0; start < n;) {
      let end = start + 1;
      while (end < n && sorted[end] === sorted[start]) end++;
      const band = bandOfTie(start, end - start, n, maxBins);
      if (band !== last) { edges.push(sorted[start]); last = band; }
      start = end;
    }
    const e = Float64Array.from(edges);
    const empty = e.length;
    const pre = new Uint16Array(c.values.length);
    for (let i = 0; i < pre.length; i++) {
      const v = c.values[i];
      if (Number.isNaN(v)) { pre[i] = empty; continue; }
      let lo = 0;
      let hi = e.length - 1;
      while (lo < hi) { const mid = (lo + hi + 1) >>> 1; if (e[mid] <= v) lo = mid; else hi = mid - 1; }
      pre[i] = lo;
    }
    return { kind: 'numeric', name: c.name, values: c.values, pre, empty };
  });
}

/** The level with the most training leads: the reference the others are weighed against. */
function largest(sizes: number[]): number {
  let best = 0;
  sizes.forEach((v, i) => { if (v > sizes[best]) best = i; });
  return best;
}

/** Bins [from, to] merged into one. */
function mergeBins(bins: NumericBin[], from: number, to: number, base: number): NumericBin {
  let leads = 0;
  let converted = 0;
  for (let j = from; j <= to; j++) { leads += bins[j].leads; converted += bins[j].converted; }
  return evidenceBin(bins[from].lower, bins[to].upper, leads, converted, base);
}

function evidenceBin(lower: number, upper: number, leads: number, converted: number, base: number): NumericBin {
  const logOdds = Math.log((converted + 0.5) / (leads - converted + 0.5));
  const baseLogOdds = Math.log((base + 1e-12) / (1 - base + 1e-12));
  const rate = leads === 0 ? 0 : converted / leads;
  return { lower, upper, leads, converted, rate, lift: base === 0 ? null : rate / base, logOdds, woe: logOdds - baseLogOdds };
}

/**
 * A numeric column during the fit: its bins (runs of pre-bins), which bin each pre-bin is in, and
 * its direction. The order of the bins is settled by the joint fit, not by the column alone: a
 * column that helps only beside others (fewer page views per visit, once time on site is known)
 * must not be made monotone the wrong way round before the fit has seen it.
 */
interface NumericState {
  bins: NumericBin[];
  /** bin of each pre-bin (−1: no training lead there); the empty code maps to bins.length when there are empty cells */
  binOfPre: Int32Array;
  empty: NumericBin | null;
  direction: 'increasing' | 'decreasing';
}

/** Training counts per pre-bin, bins smaller than `minLeads` merged into their smaller neighbour. */
function numericState(c: Extract<Prepared, { kind: 'numeric' }>, rows: Uint32Array, y: Uint8Array, minLeads: number, base: number): NumericState {
  const k = c.empty + 1;
  const leads = new Float64Array(k);
  const conv = new Float64Array(k);
  const lo = new Float64Array(k).fill(Infinity);
  const hi = new Float64Array(k).fill(-Infinity);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    const p = c.pre[i];
    leads[p]++;
    conv[p] += y[r];
    const v = c.values[i];
    if (v < lo[p]) lo[p] = v;
    if (v > hi[p]) hi[p] = v;
  }
  let bins: NumericBin[] = [];
  let runs: [number, number][] = [];
  for (let p = 0; p < c.empty; p++) if (leads[p] > 0) { bins.push(evidenceBin(lo[p], hi[p], leads[p], conv[p], base)); runs.push([p, p]); }
  while (bins.length > 1) {
    let s = -1;
    for (let j = 0; j < bins.length; j++) if (bins[j].leads < minLeads && (s < 0 || bins[j].leads < bins[s].leads)) s = j;
    if (s < 0) break;
    const j = s === 0 ? 1 : s === bins.length - 1 ? s - 1 : bins[s - 1].leads <= bins[s + 1].leads ? s - 1 : s + 1;
    const [from, to] = j < s ? [j, s] : [s, j];
    bins = [...bins.slice(0, from), mergeBins(bins, from, to, base), ...bins.slice(to + 1)];
    runs = [...runs.slice(0, from), [runs[from][0], runs[to][1]], ...runs.slice(to + 1)];
  }
  const binOfPre = new Int32Array(k).fill(-1);
  runs.forEach(([from, to], b) => { for (let p = from; p <= to; p++) if (leads[p] > 0) binOfPre[p] = b; });
  const empty = leads[c.empty] > 0 ? evidenceBin(NaN, NaN, leads[c.empty], conv[c.empty], base) : null;
  if (empty) binOfPre[c.empty] = bins.length;
  // the column's own direction (its AUC against ½), only until the joint fit decides
  let below = 0;
  let twice = 0;
  let positives = 0;
  let negatives = 0;
  for (const b of bins) { positives += b.converted; negatives += b.leads - b.converted; }
  for (const b of bins) { twice += b.converted * (2 * below + (b.leads - b.converted)); below += b.leads - b.converted; }
  const increasing = positives === 0 || negatives === 0 || twice >= positives * negatives;
  return { bins, binOfPre, empty, direction: increasing ? 'increasing' : 'decreasing' };
}

/** The direction whose monotone fit of the weights (pool-adjacent-violators, by leads) is closer. */
function direction(effects: Float64Array, bins: NumericBin[], fallback: 'increasing' | 'decreasing'): 'increasing' | 'decreasing' {
  const misfit = (increasing: boolean) => {
    const runs = monotoneRuns(effects, bins, increasing) ?? bins.map((_, j) => [j, j] as [number, number]);
    let err = 0;
    for (const [from, to] of runs) {
      let sum = 0;
      let weight = 0;
      for (let j = from; j <= to; j++) { sum += effects[j] * bins[j].leads; weight += bins[j].leads; }
      for (let j = from; j <= to; j++) err += bins[j].leads * (effects[j] - sum / weight) ** 2;
    }
    return err;
  };
  const up = misfit(true);
  const down = misfit(false);
  return up < down ? 'increasing' : down < up ? 'decreasing' : fallback;
}

/** Runs of bins whose weights reverse the direction, pooled (weighted by leads); null when none do. */
function monotoneRuns(effects: Float64Array, bins: NumericBin[], increasing: boolean): [number, number][] | null {
  const sign = increasing ? 1 : -1;
  const stack: { from: number; to: number; sum: number; weight: number }[] = [];
  for (let j = 0; j < bins.length; j++) {
    let top = { from: j, to: j, sum: effects[j] * bins[j].leads, weight: bins[j].leads };
    while (stack.length > 0) {
      const prev = stack[stack.length - 1];
      if (sign * (top.sum / top.weight - prev.sum / prev.weight) >= -1e-12) break;
      stack.pop();
      top = { from: prev.from, to: top.to, sum: prev.sum + top.sum, weight: prev.weight + top.weight };
    }
    stack.push(top);
  }
  return stack.length === bins.length ? null : stack.map((x) => [x.from, x.to]);
}

/** A column's levels during the fit: the level of each code (pre-bin or value code), their sizes, the reference. */
interface Levels {
  /** level by code; −1 for a code no fit lead has (scores as the reference) */
  ofCode: Int32Array;
  sizes: number[];
  reference: number;
}

function numericLevels(st: NumericState): Levels {
  const sizes = [...st.bins.map((b) => b.leads), ...(st.empty ? [st.empty.leads] : [])];
  return { ofCode: st.binOfPre, sizes, reference: largest(sizes) };
}

function categoricalLevels(g: CategoricalGrouping, size: number): Levels {
  const sizes = g.groups.map((x) => x.leads);
  const ofCode = new Int32Array(size);
  for (let c = 0; c < size; c++) ofCode[c] = groupOf(g, c);
  return { ofCode, sizes, reference: largest(sizes) };
}

/**
 * Fits the scorecard on the leads `rows` (indexes into the candidates' and features' arrays).
 * `prepared`: the candidates' pre-bins (prepareCandidates), computed once for many fits.
 */
export function fitScorecard(prepared: readonly Prepared[], features: readonly RuleFeature[], outcomes: Uint8Array, rows: Uint32Array, options: ScorecardOptions = {}): Scorecard {
  const pdo = options.pdo ?? DEFAULT_PDO;
  const n = rows.length;
  const y = at(outcomes, rows);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  const base = n === 0 ? 0 : positives / n;
  const minBin = options.minBinLeads ?? Math.max(50, Math.ceil(0.01 * n));
  const minGroup = options.minGroupLeads ?? Math.max(20, Math.ceil(0.005 * n));
  const states: (NumericState | CategoricalGrouping)[] = prepared.map((c) => (c.kind === 'numeric'
    ? numericState(c, rows, y, minBin, base)
    : groupCategories(at(c.codes, rows), y, { minLeads: minGroup, mergeZ: options.mergeZ ?? 1.96 })));
  const dropped: { name: string; reason: string }[] = [];
  const active = prepared.map((_, j) => j).filter((j) => {
    const st = states[j];
    const levels = 'binOfPre' in st ? st.bins.length + (st.empty ? 1 : 0) : st.groups.length;
    if (levels < 2) dropped.push({ name: prepared[j].name, reason: 'no difference in conversion between its values' });
    return levels >= 2;
  });
  // the codes of the fit leads, per active column: a level is then one array lookup
  const codes = active.map((j) => {
    const c = prepared[j];
    const out = new Uint32Array(n);
    for (let r = 0; r < n; r++) out[r] = c.kind === 'numeric' ? c.pre[rows[r]] : c.codes[rows[r]];
    return out;
  });
  // the rule features on a common scale, so the penalty treats them alike
  const scales = features.map((f) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += f.values[rows[i]] ** 2;
    const rms = Math.sqrt(s / Math.max(1, n));
    return rms > 1e-12 ? rms : 1;
  });
  const dense = new Float64Array(n * features.length);
  features.forEach((f, r) => { for (let i = 0; i < n; i++) dense[i * features.length + r] = f.values[rows[i]] / scales[r]; });
  let previous: { intercept: number; effects: Float64Array[]; rules: Float64Array } | null = null;
  let fits = 0;
  for (;;) {
    fits++;
    const levels = active.map((j) => { const st = states[j]; return 'binOfPre' in st ? numericLevels(st) : categoricalLevels(st, (prepared[j] as { size: number }).size); });
    const firstIndicator: number[] = [];
    let indicators = 0;
    for (const l of levels) { firstIndicator.push(indicators); indicators += l.sizes.length - 1; }
    const indicatorOf = (a: number, level: number) => { const ref = levels[a].reference; return level < 0 || level === ref ? -1 : firstIndicator[a] + (level < ref ? level : level - 1); };
    const offsets = new Uint32Array(n + 1);
    const activeIdx = new Uint32Array(n * active.length);
    let p = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = p;
      for (let a = 0; a < active.length; a++) {
        const f = indicatorOf(a, levels[a].ofCode[codes[a][i]]);
        if (f >= 0) activeIdx[p++] = f;
      }
    }
    offsets[n] = p;
    const design: SparseDesign = { rows: n, indicators, offsets, active: activeIdx.subarray(0, p), dense, denseCount: features.length };
    // warm start: the previous fit's effects on the levels as they now stand
    let start: Float64Array | undefined;
    if (previous !== null) {
      start = new Float64Array(1 + indicators + features.length);
      start[0] = previous.intercept;
      levels.forEach((l, a) => {
        const e = previous!.effects[a];
        for (let level = 0; level < l.sizes.length; level++) { const f = indicatorOf(a, level); if (f >= 0) start![1 + f] = e[level] - e[l.reference]; }
      });
      start.set(previous.rules, 1 + indicators);
    }
    const fit = fitSparseLogistic(design, y, { lambda: options.lambda ?? 1, tolerance: 1e-7, start });
    const effectsOf = (a: number) => Float64Array.from(levels[a].sizes, (_, level) => { const f = indicatorOf(a, level); return f < 0 ? 0 : fit.coefficients[f]; });
    const effects = active.map((_, a) => effectsOf(a));
    // numeric weights that reverse their bins' order: merge those bins and fit again
    let merged = false;
    const nextEffects = effects.map((e) => e);
    active.forEach((j, a) => {
      const st = states[j];
      if (!('binOfPre' in st)) return;
      const k = st.bins.length;
      const valued = effects[a].subarray(0, k);
      const dir = direction(valued, st.bins, st.direction);
      const runs = monotoneRuns(valued, st.bins, dir === 'increasing');
      if (runs === null && dir === st.direction) return;
      merged = true;
      const order = runs ?? st.bins.map((_, b) => [b, b] as [number, number]);
      const newOf = new Int32Array(k);
      order.forEach(([from, to], b) => { for (let q = from; q <= to; q++) newOf[q] = b; });
      const weights = order.map(([from, to]) => { let w = 0; let s = 0; for (let q = from; q <= to; q++) { w += st.bins[q].leads; s += st.bins[q].leads * valued[q]; } return s / w; });
      nextEffects[a] = Float64Array.from([...weights, ...(st.empty ? [effects[a][k]] : [])]);
      const bins = order.map(([from, to]) => (from === to ? st.bins[from] : mergeBins(st.bins, from, to, base)));
      const binOfPre = st.binOfPre.map((b) => (b < 0 ? -1 : b === k ? bins.length : newOf[b]));
      states[j] = { bins, binOfPre, empty: st.empty, direction: dir };
    });
    if (merged && fits < 50) {
      previous = { intercept: fit.intercept, effects: nextEffects, rules: fit.coefficients.slice(indicators) };
      continue;
    }
    const columns: ColumnPart[] = [];
    active.forEach((j, a) => {
      const st = states[j];
      const e = effects[a];
      const name = prepared[j].name;
      if ('binOfPre' in st) {
        const k = st.bins.length;
        const valued = e.subarray(0, k);
        if (k < 2 && !st.empty) { dropped.push({ name, reason: 'its evidence is carried by other columns' }); return; }
        const binning: NumericBinning = niceBounds({ bins: st.bins, empty: st.empty, direction: st.direction });
        const ref = levels[a].reference;
        columns.push({ kind: 'numeric', name, binning, effects: valued, points: Int32Array.from(valued, (v) => roundPoints(pointsForLogOdds(v, pdo))), emptyPoints: st.empty ? roundPoints(pointsForLogOdds(e[k], pdo)) : 0, reference: ref === k ? -1 : ref });
      } else {
        columns.push({ kind: 'categorical', name, grouping: st, effects: e, reference: levels[a].reference, points: Int32Array.from(e, (v) => roundPoints(pointsForLogOdds(v, pdo))), unseenPoints: 0 });
      }
    });
    const rules = features.map((f, r) => {
      const effect = fit.coefficients[indicators + r] / scales[r];
      return { name: f.name, effect, points: roundPoints(pointsForLogOdds(effect, pdo)) };
    });
    return { columns, dropped, rules, pdo, converged: fit.converged, fits };
  }
}

/**
 * The bins with each lower bound (from the second) moved to the shortest number between the
 * previous bin's largest value and its own smallest: the same training leads in each bin, and
 * rules that read `gte: 400` rather than `gte: 397.83`.
 */
function niceBounds(b: NumericBinning): NumericBinning {
  return { ...b, bins: b.bins.map((bin, j) => (j === 0 ? bin : { ...bin, lower: shortestIn(b.bins[j - 1].upper, bin.lower) })) };
}

/** The number with the fewest significant digits in (low, high]; `high` when none is shorter. */
export function shortestIn(low: number, high: number): number {
  if (!(low < high)) return high;
  for (let digits = 1; digits <= 15; digits++) {
    const step = 10 ** (Math.floor(Math.log10(Math.abs(high) || 1)) - digits + 1);
    // the smallest multiple of step above low, then its neighbours up to high
    const candidate = Number((Math.floor(low / step + 1) * step).toPrecision(15));
    if (candidate > low && candidate <= high) return candidate;
  }
  return high;
}

/** A lead's points from one column part. */
export function partPoints(part: ColumnPart, value: number): number {
  if (part.kind === 'numeric') {
    const b = binOf(part.binning, value);
    return b < 0 ? part.emptyPoints : part.points[b];
  }
  const g = groupOf(part.grouping, value);
  return g < 0 ? part.unseenPoints : part.points[g];
}

/**
 * Integer totals of the leads `rows` under the scorecard: its columns' points plus each rule
 * feature's points times its value (rounded to cents, as rules are). `candidates` are matched by
 * name, `features` by position.
 */
export function scoreLeads(card: Scorecard, candidates: readonly Candidate[], features: readonly RuleFeature[], rows: Uint32Array): Float64Array {
  const byName = new Map(candidates.map((c) => [c.name, c]));
  const total = new Float64Array(rows.length);
  for (const part of card.columns) {
    const c = byName.get(part.name)!;
    for (let i = 0; i < rows.length; i++) total[i] += partPoints(part, valueOf(c, rows[i]));
  }
  card.rules.forEach((r, j) => {
    const f = features[j].values;
    for (let i = 0; i < rows.length; i++) total[i] += Math.round(r.points * f[rows[i]] * 100) / 100;
  });
  return total;
}
