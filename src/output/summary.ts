/**
 * The run's summary as a pure reducer: rows are added one by one, `finish` computes the funnel,
 * spend and cost per stage. No I/O; report.ts renders it.
 *
 * Funnel counts are cumulative: a lead at SQL has also reached MQL. "Cost per X" is spend divided
 * by the leads at stage X or above (so CPSQL = spend / leads at SQL or above), and is null — "not
 * available" — when no lead reached X, or when there is no spend to divide (no spend given at
 * all, or for a source, no spend entry naming it). Sources are grouped in sources.ts.
 */
import type { LeadResult, RuleStat, RuleTally } from '../engine/types.js';
import type { ValueWarning } from '../input/rows/typed-row.js';
import { COST_METRICS, type CostStages } from '../ruleset/types.js';
import { DISQUALIFIED } from '../model/result-columns.js';
import { fromCents } from '../model/cents.js';
import { detach } from '../model/detach.js';
import { compareText, groupSources, NO_SOURCE, type UnmatchedSpend } from './sources.js';
import type { RelatedSummary } from './related-summary.js';
import type { AccountsSummary } from './accounts.js';

export type { UnmatchedSpend };
export const SUMMARY_VERSION = 1;
const FIRST_LINES_KEPT = 5;

export interface SourceSummary {
  source: string;
  leads: number;
  stages: Record<string, number>;
  /** 0 when no spend entry names the source; its costs are then null */
  spend: number;
  cost_per_mql: number | null;
  cost_per_sql: number | null;
  cost_per_sqo: number | null;
}

export interface Summary {
  leadq_summary_version: number;
  as_of: string;
  rules: string;
  inputs: string[];
  /** read = scored + rejected (+ duplicates, with dedupe) */
  rows: { read: number; scored: number; rejected: number; duplicates?: number };
  stages: Record<string, number>;
  funnel: { stage: string; reached: number; from_previous: number | null; from_first: number | null }[];
  /** the stage each cost metric counts leads at (or above); null: that cost is not available */
  cost_stages: CostStages;
  spend_total: number;
  cost_per_mql: number | null;
  cpsql: number | null;
  cost_per_sqo: number | null;
  /** sources differing only in case or surrounding spaces are one, shown by the most frequent spelling */
  by_source: SourceSummary[];
  /** spend entries that name no source with leads: their spend counts in the total only */
  unmatched_spend: UnmatchedSpend[];
  /**
   * Cells that did not parse as the number, date or boolean a rule reads (they count as empty),
   * by column: how many, of how many non-empty values, the first lines and value, and whether
   * most of the column's values failed (a format the export changed, a `formats:` entry missing).
   */
  warnings: { total: number; by_column: ColumnWarnings[] };
  /**
   * Formula escaping of the input cells of scored rows: how many were prefixed with `'`, and how
   * many hold a list separator followed by a formula trigger (split into a formula by an Excel
   * whose separator is that character; left unchanged, so flagged). Zeros with --no-escape-formulas.
   */
  formulas: { escaping: boolean; escaped_cells: number; split_risk_cells: number; split_risk_first_lines: number[] };
  /**
   * Per rule, in ruleset order: the leads it fired for and the points it added in total (after
   * decay and caps). A score's floor/ceiling has an entry of its own, so the points of a score's
   * entries add up to the sum of that score over all leads.
   */
  by_rule: RuleSummary[];
  /** per related file (only with related: files): rows read, matched to a lead, unmatched, rejected, and the cells that did not parse */
  related?: RelatedSummary[];
  /** only with accounts: how many, how leads were grouped, the account funnel */
  accounts?: AccountsSummary;
  /** only with completeness: per stage (then disqualified), its leads' average completeness and how many have each value 0–5 */
  completeness?: { stage: string; leads: number; average: number | null; leads_by_value: number[] }[];
}

export interface ColumnWarnings {
  column: string;
  kind: string;
  count: number;
  /** the column's non-empty values (those that parsed and those that did not) */
  values: number;
  /** more than half of the non-empty values did not parse */
  mostly_unparsed: boolean;
  first_lines: number[];
  /** the first value that did not parse, as it stood */
  first_value: string;
}

export interface RuleSummary {
  rule: string;
  score: string;
  leads: number;
  points: number;
}

export interface SummaryMeta {
  asOf: string;
  rules: string;
  inputs: string[];
  header: string[];
  stageNames: string[];
  /** the ruleset's stages of the cost metrics (counts_as); default: the stages named mql, sql, sqo */
  costStages?: CostStages;
  /** spend per source as the spend list spells it; empty: no spend given, so no costs */
  spend: Map<string, number>;
  /** the rules the engine counted, by statistics index (CompiledRuleset.stats) */
  ruleStats?: RuleStat[];
  /** formula escaping was on (default true) */
  escapeFormulas?: boolean;
  /** the ruleset dedupes: rows counts duplicates */
  dedupe?: boolean;
  /** `sources:` of the ruleset: each spelling's key (trimmed, lower case) → its canonical source */
  sources?: ReadonlyMap<string, string>;
  /** what reading each related file came to */
  related?: RelatedSummary[];
  accounts?: AccountsSummary;
  /** the ruleset defines completeness: the summary reports it per stage */
  completeness?: boolean;
}

interface WarningCount {
  column: number;
  kind: string;
  count: number;
  firstLines: number[];
  firstValue: string;
}

/** What part of a run (a block of rows, possibly scored in a worker) contributes; structured-clone safe. */
export interface SummaryCounts {
  read: number;
  rejected: number;
  /** rows of a key already kept (dedupe): read, scored, but not counted as leads */
  duplicates: number;
  bySource: [string, number[]][];
  warnings: [string, WarningCount][];
  /** per column index, the typed cells that parsed (see RowCoercer.takeParsed); empty when none were read */
  parsed: number[];
  escaped: number;
  splitRisk: number;
  splitRiskLines: number[];
  /** per rule (by statistics index): leads fired for, and points added in cents */
  fired: Int32Array;
  cents: Float64Array;
  /** per stage (then disqualified) × completeness 0–5: leads; empty without completeness */
  completeness: number[];
}

/** The values completeness takes: 0 to 5. */
const COMPLETENESS_VALUES = 6;

export class SummaryBuilder {
  private read = 0;
  private rejected = 0;
  private duplicates = 0;
  /**
   * per source as spelt (trimmed): counts by stage index, the last slot disqualified. Spellings
   * are grouped only in `finish`, so blocks merge by plain addition, in any order.
   */
  private readonly bySource = new Map<string, number[]>();
  private readonly warnings = new Map<string, WarningCount>();
  /** per column index, the typed cells that parsed */
  private readonly parsed: number[] = [];
  private escaped = 0;
  private splitRisk = 0;
  private readonly splitRiskLines: number[] = [];
  private readonly completeness: number[] = [];

  /** filled by the engine as it scores (evaluateLead's tally): per rule, leads and cents */
  readonly tally: RuleTally;

  constructor(private readonly stageCount: number, ruleCount = 0) {
    this.tally = { fired: new Int32Array(ruleCount), cents: new Float64Array(ruleCount) };
  }

  snapshot(): SummaryCounts {
    return {
      read: this.read, rejected: this.rejected, duplicates: this.duplicates, bySource: [...this.bySource], warnings: [...this.warnings],
      parsed: this.parsed, escaped: this.escaped, splitRisk: this.splitRisk, splitRiskLines: this.splitRiskLines,
      fired: this.tally.fired, cents: this.tally.cents, completeness: this.completeness,
    };
  }

  /** Adds a block's counts; its line numbers are shifted by `lineShift` (blocks merge in input order). */
  merge(counts: SummaryCounts, lineShift: number): void {
    this.read += counts.read;
    this.rejected += counts.rejected;
    this.duplicates += counts.duplicates;
    for (const [source, add] of counts.bySource) {
      const mine = this.bySource.get(source);
      if (!mine) this.bySource.set(source, [...add]);
      else add.forEach((n, i) => { mine[i] += n; });
    }
    for (const [key, w] of counts.warnings) {
      let mine = this.warnings.get(key);
      if (!mine) this.warnings.set(key, (mine = { column: w.column, kind: w.kind, count: 0, firstLines: [], firstValue: w.firstValue }));
      mine.count += w.count;
      for (const line of w.firstLines) if (mine.firstLines.length < FIRST_LINES_KEPT) mine.firstLines.push(line + lineShift);
    }
    this.addParsed(counts.parsed);
    const { fired, cents } = this.tally;
    for (let i = 0; i < fired.length && i < counts.fired.length; i++) { fired[i] += counts.fired[i]; cents[i] += counts.cents[i]; }
    counts.completeness.forEach((n, i) => { this.completeness[i] = (this.completeness[i] ?? 0) + n; });
    this.escaped += counts.escaped;
    this.splitRisk += counts.splitRisk;
    for (const line of counts.splitRiskLines) if (this.splitRiskLines.length < FIRST_LINES_KEPT) this.splitRiskLines.push(line + lineShift);
  }

  addScored(result: LeadResult, source: string): void {
    this.read++;
    const key = source.trim() || NO_SOURCE;
    let counts = this.bySource.get(key);
    if (!counts) this.bySource.set(detach(key), (counts = new Array(this.stageCount + 1).fill(0)));
    const stage = result.stage < 0 ? this.stageCount : result.stage;
    counts[stage]++;
    const c = result.completeness;
    if (c !== undefined && c >= 0) {
      const at = stage * COMPLETENESS_VALUES + c;
      this.completeness[at] = (this.completeness[at] ?? 0) + 1;
    }
  }

  addRejected(): void {
    this.read++;
    this.rejected++;
  }

  /** A row counted by addRejected that turned out to be no row (a blank line of a report footer). */
  removeRejected(): void {
    this.read--;
    this.rejected--;
  }

  addDuplicate(): void {
    this.read++;
    this.duplicates++;
  }

  /** Input cells that were written with a leading `'`. */
  addEscaped(cells: number): void {
    this.escaped += cells;
  }

  /** Cells of the row at `line` where a list separator is followed by a formula trigger. */
  addSplitRisk(cells: number, line: number): void {
    this.splitRisk += cells;
    if (this.splitRiskLines.length < FIRST_LINES_KEPT) this.splitRiskLines.push(line);
  }

  /** Typed cells that parsed, per column index (a block's, from the row coercer). */
  addParsed(counts: ArrayLike<number>): void {
    for (let i = 0; i < counts.length; i++) if (counts[i] > 0) this.parsed[i] = (this.parsed[i] ?? 0) + counts[i];
  }

  addWarnings(warnings: ValueWarning[], line: number): void {
    for (const w of warnings) {
      const key = `${w.column}:${w.kind}`;
      let entry = this.warnings.get(key);
      if (!entry) this.warnings.set(key, (entry = { column: w.column, kind: w.kind, count: 0, firstLines: [], firstValue: detach(w.value) }));
      entry.count++;
      if (entry.firstLines.length < FIRST_LINES_KEPT) entry.firstLines.push(line);
    }
  }

  /** Per stage (then disqualified): leads, their average completeness (4 decimals; null for none) and leads by value. */
  private completenessByStage(stageNames: string[]): NonNullable<Summary['completeness']> {
    return stageNames.map((stage, s) => {
      const byValue = Array.from({ length: COMPLETENESS_VALUES }, (_, v) => this.completeness[s * COMPLETENESS_VALUES + v] ?? 0);
      const leads = byValue.reduce((a, b) => a + b, 0);
      const sum = byValue.reduce((a, n, v) => a + n * v, 0);
      return { stage, leads, average: leads === 0 ? null : round(sum / leads, 4), leads_by_value: byValue };
    });
  }

  finish(meta: SummaryMeta): Summary {
    const stageNames = [...meta.stageNames, DISQUALIFIED];
    const totals = new Array(stageNames.length).fill(0);
    for (const counts of this.bySource.values()) counts.forEach((n, i) => { totals[i] += n; });
    const { groups, unmatched } = groupSources(this.bySource, meta.spend, stageNames.length, meta.sources);
    const costStages = meta.costStages ?? costStagesByName(meta.stageNames);
    const costIndexes = stageIndexes(costStages, meta.stageNames);

    const by_source = groups.map(({ source, counts, spend }): SourceSummary => {
      const reached = cumulative(counts, meta.stageNames.length);
      // no spend entry: the cost is unknown, not 0
      const cost = (index: number) => (spend === null ? null : costPer(spend, reached, index));
      return {
        source,
        leads: counts.reduce((a, b) => a + b, 0),
        stages: Object.fromEntries(stageNames.map((s, i) => [s, counts[i]])),
        spend: spend ?? 0,
        cost_per_mql: cost(costIndexes.mql),
        cost_per_sql: cost(costIndexes.sql),
        cost_per_sqo: cost(costIndexes.sqo),
      };
    });

    const scored = this.read - this.rejected - this.duplicates;
    const reached = cumulative(totals, meta.stageNames.length);
    const spendTotal = round(by_source.reduce((a, s) => a + s.spend, 0), 2);
    const totalCost = (index: number) => (meta.spend.size === 0 ? null : costPer(spendTotal, reached, index));
    const funnel = meta.stageNames.map((stage, i) => ({
      stage,
      // every scored lead, disqualified or not, was a lead; higher stages exclude the disqualified
      reached: i === 0 ? scored : reached[i],
      from_previous: null as number | null,
      from_first: null as number | null,
    }));
    funnel.forEach((f, i) => {
      f.from_previous = i === 0 ? null : rate(f.reached, funnel[i - 1].reached);
      f.from_first = i === 0 ? null : rate(f.reached, funnel[0].reached);
    });
    return {
      leadq_summary_version: SUMMARY_VERSION,
      as_of: meta.asOf,
      rules: meta.rules,
      inputs: meta.inputs,
      rows: { read: this.read, scored, rejected: this.rejected, ...(meta.dedupe ? { duplicates: this.duplicates } : {}) },
      stages: Object.fromEntries(stageNames.map((s, i) => [s, totals[i]])),
      funnel,
      cost_stages: costStages,
      spend_total: spendTotal,
      cost_per_mql: totalCost(costIndexes.mql),
      cpsql: totalCost(costIndexes.sql),
      cost_per_sqo: totalCost(costIndexes.sqo),
      by_source,
      unmatched_spend: unmatched,
      warnings: {
        total: [...this.warnings.values()].reduce((a, w) => a + w.count, 0),
        by_column: [...this.warnings.values()]
          .sort((a, b) => a.column - b.column || compareText(a.kind, b.kind))
          .map((w): ColumnWarnings => {
            const values = w.count + (this.parsed[w.column] ?? 0);
            return {
              column: meta.header[w.column], kind: w.kind, count: w.count, values, mostly_unparsed: w.count * 2 > values,
              first_lines: w.firstLines, first_value: w.firstValue,
            };
          }),
      },
      formulas: {
        escaping: meta.escapeFormulas ?? true,
        escaped_cells: this.escaped,
        split_risk_cells: this.splitRisk,
        split_risk_first_lines: this.splitRiskLines,
      },
      by_rule: (meta.ruleStats ?? []).map((r, i) => ({
        rule: r.name, score: r.score, leads: this.tally.fired[i] ?? 0, points: fromCents(this.tally.cents[i] ?? 0),
      })),
      ...(meta.related ? { related: meta.related } : {}),
      ...(meta.accounts ? { accounts: meta.accounts } : {}),
      ...(meta.completeness ? { completeness: this.completenessByStage(stageNames) } : {}),
    };
  }
}

/** Without a ruleset's cost stages: the stages named mql, sql and sqo (any case), if present. */
function costStagesByName(stageNames: string[]): CostStages {
  const find = (metric: string) => stageNames.find((s) => s.toLowerCase() === metric) ?? null;
  return { mql: find('mql'), sql: find('sql'), sqo: find('sqo') };
}

/** Each metric's stage as an index into the ladder; -1: none. */
function stageIndexes(costStages: CostStages, stageNames: string[]): Record<keyof CostStages, number> {
  const out = {} as Record<keyof CostStages, number>;
  for (const metric of COST_METRICS) out[metric] = costStages[metric] === null ? -1 : stageNames.indexOf(costStages[metric]);
  return out;
}

/** reached[i] = leads (not disqualified) at stage i or above. */
function cumulative(counts: number[], stageCount: number): number[] {
  const reached = new Array(stageCount).fill(0);
  let sum = 0;
  for (let i = stageCount - 1; i >= 0; i--) { sum += counts[i]; reached[i] = sum; }
  return reached;
}

function costPer(spend: number, reached: number[], index: number): number | null {
  if (index < 0 || reached[index] === 0) return null;
  return round(spend / reached[index], 2);
}

function rate(n: number, of: number): number | null {
  return of === 0 ? null : round(n / of, 4);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
