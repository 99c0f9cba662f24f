/**
 * Score bands, highest scores first (deciles by default): per band its conversion and lift, and
 * down to it the cumulative gains (share of all converted leads captured), cumulative lift and
 * the Kolmogorov–Smirnov separation. Read from the sorted score groups (ranking.ts), so a band
 * costs nothing per lead beyond the one sort.
 *
 * Ties are never split: leads with the same score always share a band. Each tie group goes to the
 * band its middle position falls in (positions counted from the top, band b covering
 * [b·n/k, (b+1)·n/k)), which keeps bands as even as the ties allow. A score shared by many leads
 * can leave a band empty; empty bands are dropped and the rest numbered 1, 2, … from the top, so
 * a heavily tied score gives fewer bands than asked for.
 */
import { bandOfTie, scoreGroups } from './ranking.js';

export interface Band {
  /** 1 for the highest scores */
  readonly band: number;
  readonly minScore: number;
  readonly maxScore: number;
  readonly leads: number;
  readonly converted: number;
  readonly conversion: number;
  /** conversion over the overall rate; null when nobody converted */
  readonly lift: number | null;
  /** leads from the top down to and including this band */
  readonly cumulativeLeads: number;
  readonly cumulativeConverted: number;
  /** share of all converted leads in the bands down to this one; null when nobody converted */
  readonly gains: number | null;
  readonly cumulativeLift: number | null;
  /** share of converted minus share of unconverted leads captured down to this band; null without both */
  readonly separation: number | null;
}

export interface BandTable {
  readonly bands: Band[];
  readonly leads: number;
  readonly converted: number;
  /** Kolmogorov–Smirnov statistic: the largest |separation| at any score, not only at band edges */
  readonly ks: number | null;
  /** the score whose "at or above" reaches it */
  readonly ksScore: number | null;
}

/** Leads banded by score into `count` bands (10: deciles), ties kept together. */
export function scoreBands(scores: Float64Array, outcomes: Uint8Array, count = 10): BandTable {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`band count must be a positive integer, got ${count}`);
  const g = scoreGroups(scores, outcomes);
  const n = scores.length;
  const P = g.totalPositives;
  const N = g.totalNegatives;
  const base = n === 0 ? 0 : P / n;
  const bands: Band[] = [];
  let position = 0;
  let cumLeads = 0;
  let cumConv = 0;
  let ks: number | null = null;
  let ksScore: number | null = null;
  let open: { index: number; min: number; max: number; leads: number; converted: number } | null = null;
  const close = () => {
    if (!open) return;
    const conversion = open.converted / open.leads;
    bands.push({
      band: bands.length + 1,
      minScore: open.min,
      maxScore: open.max,
      leads: open.leads,
      converted: open.converted,
      conversion,
      lift: base === 0 ? null : conversion / base,
      cumulativeLeads: cumLeads,
      cumulativeConverted: cumConv,
      gains: P === 0 ? null : cumConv / P,
      cumulativeLift: base === 0 ? null : cumConv / cumLeads / base,
      separation: P === 0 || N === 0 ? null : cumConv / P - (cumLeads - cumConv) / N,
    });
  };
  for (let j = g.values.length - 1; j >= 0; j--) {
    const size = g.positives[j] + g.negatives[j];
    const index = bandOfTie(position, size, n, count);
    if (open && open.index !== index) close();
    if (!open || open.index !== index) open = { index, min: g.values[j], max: g.values[j], leads: 0, converted: 0 };
    open.min = g.values[j];
    open.leads += size;
    open.converted += g.positives[j];
    position += size;
    cumLeads += size;
    cumConv += g.positives[j];
    if (P > 0 && N > 0) {
      const d = Math.abs(cumConv / P - (cumLeads - cumConv) / N);
      if (ks === null || d > ks) { ks = d; ksScore = g.values[j]; }
    }
  }
  close();
  return { bands, leads: n, converted: P, ks, ksScore };
}
