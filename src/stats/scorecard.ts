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
import { quantileCodes } from './leakage.js';
import { DEFAULT_PDO, pointsForLogOdds, roundPoints } from './points.js';
import { fitSparseLogistic, type SparseDesign } from './sparse-logistic.js';

export type Candidate =
  | { readonly name: string; readonly kind: 'numeric'; readonly values: Float64Array }
  | { readonly name: string; readonly kind: 'categorical'; readonly codes: Uint32Array };

/** One of the ruleset's rules as a feature: per lead 0/1 (fired) or the count it counted. */
export interface RuleFeature {
  readonly name: string;
  readonly values: Float64Array;
}

export interface ScorecardOptions {
  /** points that double the odds (default 20) */
  readonly pdo?: number;
  /** L2 penalty on the weights (log-odds of a bin against its column's reference; default 1) */
  readonly lambda?: number;
  /** fewest training leads in a numeric bin (default: 1% of the leads, at least 30) */
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

/** A column's levels as indicator features: which level each value is, and which level is the reference. */
interface Levels {
  /** level of a value: 0 … count−1 */
  level(value: number): number;
  count: number;
  reference: number;
}

/** The level with the most training leads: the reference the others are weighed against. */
function largest(sizes: number[]): number {
  let best = 0;
  sizes.forEach((v, i) => { if (v > sizes[best]) best = i; });
  return best;
}

function numericLevels(b: NumericBinning): Levels {
  const k = b.bins.length;
  const sizes = [...b.bins.map((x) => x.leads), ...(b.empty ? [b.empty.leads] : [])];
  return { level: (v) => (Number.isNaN(v) ? k : binOf(b, v)), count: sizes.length, reference: largest(sizes) };
}

function categoricalLevels(g: CategoricalGrouping): Levels {
  const reference = largest(g.groups.map((x) => x.leads));
  // a code in no group (unseen, and no pool of rare values) scores like the reference
  return { level: (code) => { const q = groupOf(g, code); return q < 0 ? reference : q; }, count: g.groups.length, reference };
}

/** Bins [from, to] of a binning merged into one (pool-adjacent-violators on the fitted weights). */
function mergeBins(bins: NumericBin[], from: number, to: number, base: number): NumericBin {
  let leads = 0;
  let converted = 0;
  for (let j = from; j <= to; j++) { leads += bins[j].leads; converted += bins[j].converted; }
  return evidenceBin(bins[from].lower, bins[to].upper, leads, converted, base);
}

/**
 * Quantile pre-bins of a numeric column (ties never split, empty cells apart), bins smaller than
 * `minLeads` merged into their smaller neighbour. Their order is settled by the joint fit, not by
 * the column alone: a column that helps only beside others (fewer page views per visit, once time
 * on site is known) must not be made monotone the wrong way round before the fit has seen it.
 */
function preBins(values: Float64Array, y: Uint8Array, maxBins: number, minLeads: number, base: number): NumericBinning {
  const codes = quantileCodes(values, maxBins);
  const acc = Array.from({ length: maxBins + 1 }, () => ({ lower: Infinity, upper: -Infinity, leads: 0, converted: 0 }));
  for (let i = 0; i < values.length; i++) {
    const a = acc[codes[i]];
    a.leads++;
    a.converted += y[i];
    if (values[i] < a.lower) a.lower = values[i];
    if (values[i] > a.upper) a.upper = values[i];
  }
  const empty = acc[maxBins];
  let bins = acc.slice(0, maxBins).filter((a) => a.leads > 0).map((a) => evidenceBin(a.lower, a.upper, a.leads, a.converted, base));
  while (bins.length > 1) {
    let k = -1;
    for (let j = 0; j < bins.length; j++) if (bins[j].leads < minLeads && (k < 0 || bins[j].leads < bins[k].leads)) k = j;
    if (k < 0) break;
    const j = k === 0 ? 1 : k === bins.length - 1 ? k - 1 : bins[k - 1].leads <= bins[k + 1].leads ? k - 1 : k + 1;
    const [from, to] = j < k ? [j, k] : [k, j];
    bins = [...bins.slice(0, from), mergeBins(bins, from, to, base), ...bins.slice(to + 1)];
  }
  let below = 0;
  let twice = 0;
  // the column's own direction (its AUC against ½), only until the joint fit decides
  let negatives = 0;
  for (const b of bins) negatives += b.leads - b.converted;
  for (const b of bins) { twice += b.converted * (2 * below + (b.leads - b.converted)); below += b.leads - b.converted; }
  let positives = 0;
  for (const b of bins) positives += b.converted;
  const increasing = positives === 0 || negatives === 0 || twice >= positives * negatives;
  return { bins, empty: empty.leads > 0 ? evidenceBin(NaN, NaN, empty.leads, empty.converted, base) : null, direction: increasing ? 'increasing' : 'decreasing' };
}

function evidenceBin(lower: number, upper: number, leads: number, converted: number, base: number): NumericBin {
  const logOdds = Math.log((converted + 0.5) / (leads - converted + 0.5));
  const baseLogOdds = Math.log((base + 1e-12) / (1 - base + 1e-12));
  const rate = leads === 0 ? 0 : converted / leads;
  return { lower, upper, leads, converted, rate, lift: base === 0 ? null : rate / base, logOdds, woe: logOdds - baseLogOdds };
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

/** Runs of bins whose weights reverse the binning's direction, pooled (weighted by leads). */
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
  return stack.length === bins.length ? null : stack.map((s) => [s.from, s.to]);
}

/** Fits the scorecard on the leads `rows` (indexes into the candidates' and features' arrays). */
export function fitScorecard(candidates: readonly Candidate[], features: readonly RuleFeature[], outcomes: Uint8Array, rows: Uint32Array, options: ScorecardOptions = {}): Scorecard {
  const pdo = options.pdo ?? DEFAULT_PDO;
  const n = rows.length;
  const y = at(outcomes, rows);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  const base = n === 0 ? 0 : positives / n;
  const minBin = options.minBinLeads ?? Math.max(30, Math.ceil(0.01 * n));
  const minGroup = options.minGroupLeads ?? Math.max(20, Math.ceil(0.005 * n));
  const parts: (NumericBinning | CategoricalGrouping)[] = candidates.map((c) => (c.kind === 'numeric'
    ? preBins(at(c.values, rows), y, options.maxBins ?? 20, minBin, base)
    : groupCategories(at(c.codes, rows), y, { minLeads: minGroup, mergeZ: options.mergeZ ?? 1 })));
  const dropped: { name: string; reason: string }[] = [];
  const active = candidates.map((_, j) => j).filter((j) => {
    const p = parts[j];
    const levels = 'bins' in p ? p.bins.length + (p.empty ? 1 : 0) : p.groups.length;
    if (levels < 2) dropped.push({ name: candidates[j].name, reason: 'no difference in conversion between its values' });
    return levels >= 2;
  });
  // the rule features on a common scale, so the penalty treats them alike
  const scales = features.map((f) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += f.values[rows[i]] ** 2;
    const rms = Math.sqrt(s / Math.max(1, n));
    return rms > 1e-12 ? rms : 1;
  });
  let fits = 0;
  for (;;) {
    fits++;
    const levels = active.map((j) => ('bins' in parts[j] ? numericLevels(parts[j] as NumericBinning) : categoricalLevels(parts[j] as CategoricalGrouping)));
    const firstIndicator: number[] = [];
    let indicators = 0;
    for (const l of levels) { firstIndicator.push(indicators); indicators += l.count - 1; }
    const indicatorOf = (a: number, level: number) => { const r = levels[a].reference; return level === r ? -1 : firstIndicator[a] + (level < r ? level : level - 1); };
    const offsets = new Uint32Array(n + 1);
    const activeIdx = new Uint32Array(n * active.length);
    let p = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = p;
      for (let a = 0; a < active.length; a++) {
        const f = indicatorOf(a, levels[a].level(valueOf(candidates[active[a]], rows[i])));
        if (f >= 0) activeIdx[p++] = f;
      }
    }
    offsets[n] = p;
    const dense = new Float64Array(n * features.length);
    features.forEach((f, r) => { for (let i = 0; i < n; i++) dense[i * features.length + r] = f.values[rows[i]] / scales[r]; });
    const design: SparseDesign = { rows: n, indicators, offsets, active: activeIdx.subarray(0, p), dense, denseCount: features.length };
    const fit = fitSparseLogistic(design, y, { lambda: options.lambda ?? 1 });
    const effectsOf = (a: number) => Float64Array.from({ length: levels[a].count }, (_, level) => { const f = indicatorOf(a, level); return f < 0 ? 0 : fit.coefficients[f]; });
    // numeric weights that reverse their bins' order: merge those bins and fit again
    let merged = false;
    active.forEach((j, a) => {
      const b = parts[j];
      if (!('bins' in b)) return;
      const effects = effectsOf(a);
      const dir = direction(effects, b.bins, b.direction);
      const runs = monotoneRuns(effects, b.bins, dir === 'increasing');
      if (runs === null && dir === b.direction) return;
      merged = true;
      parts[j] = { ...b, direction: dir, bins: runs === null ? b.bins : runs.map(([from, to]) => (from === to ? b.bins[from] : mergeBins(b.bins, from, to, base))) };
    });
    if (merged && fits < 50) continue;
    const columns: ColumnPart[] = [];
    active.forEach((j, a) => {
      const effects = effectsOf(a);
      const b = parts[j];
      const c = candidates[j];
      if ('bins' in b) {
        const k = b.bins.length;
        const valued = effects.subarray(0, k);
        if (k < 2 && !b.empty) { dropped.push({ name: c.name, reason: 'its evidence is carried by other columns' }); return; }
        const nice = niceBounds(b);
        const ref = levels[a].reference;
        columns.push({ kind: 'numeric', name: c.name, binning: nice, effects: valued, points: Int32Array.from(valued, (e) => roundPoints(pointsForLogOdds(e, pdo))), emptyPoints: b.empty ? roundPoints(pointsForLogOdds(effects[k], pdo)) : 0, reference: ref === k ? -1 : ref });
      } else {
        columns.push({ kind: 'categorical', name: c.name, grouping: b, effects, reference: levels[a].reference, points: Int32Array.from(effects, (e) => roundPoints(pointsForLogOdds(e, pdo))), unseenPoints: 0 });
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
