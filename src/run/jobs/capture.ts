/**
 * The `capture` job, what `backtest` and `calibrate` read an export with: each lead scored as
 * `score` scores it (the same BlockScorer, so the same rows are read, rejected and typed) and,
 * instead of a written row, a handful of numbers in typed arrays: every score and the total, the
 * stage, the outcome, which rules fired, and on request the created day, a group (`--by`) and the
 * values of candidate columns (calibrate). No row objects survive a lead: a million leads are a
 * few dozen bytes each. With dedupe, a block is handed the ordinals of its rows that lose to
 * another row of their key (as the `score` job is), which are counted, not captured.
 *
 * Text values (the `--by` column, candidate columns) become codes of a per-block dictionary;
 * `CaptureCollector` folds the blocks in input order into one dictionary per column, so codes are
 * assigned in order of first appearance: the same input gives the same codes with any number of
 * threads. A column with more distinct values than `MAX_LABELS` stops growing its dictionary:
 * later values share the code `OVERFLOW` (such a column names leads rather than groups them).
 */
import { evaluateLead } from '../../engine/evaluate.js';
import type { CompiledRuleset, RuleTally } from '../../engine/types.js';
import { DerivedLookup, type RelatedTables } from '../../events/lookup.js';
import type { TypedRow } from '../../input/rows/types.js';
import { fromCents } from '../../model/cents.js';
import { detach } from '../../model/detach.js';
import type { BlockJob, BlockOutcome, BlockTask, JobSpec } from '../job.js';
import type { RulesJobOptions } from './compiled.js';
import { BlockScorer, type BlockOptions, type BlockResult } from './score-block.js';
import type { Losers } from './score.js';

/** An outcome not known for a lead (an empty cell): such leads are counted and left out. */
export const UNKNOWN = 2;
/** The code of a value past a column's `MAX_LABELS` distinct values. */
export const OVERFLOW = 0xffffffff;
export const MAX_LABELS = 4096;

/** Outcome words that mean converted when no `--won` value is given (compared ignoring case and spaces). */
export const TRUTHY = ['1', 'true', 'yes', 'y', 'won', 'converted', 'closed won'] as const;

/** How the outcome is read: a column, and the values that mean converted (`--won`), else the truthy words. */
export interface OutcomeSpec {
  index: number;
  /** values meaning converted, compared like `equals` (trimmed, any case); empty: TRUTHY */
  won: string[];
  /**
   * the outcome is a related file's derived column (`won_deals: { exists: true }`), of this kind:
   * a lead converted when its value is there and not zero or false (no rows: not converted)
   */
  derived?: 'number' | 'date' | 'boolean';
  /**
   * with `derived`: the column aggregated once more over every row of its file, whatever its
   * date (deals close after the as-of day), read for the outcome only: the rules read the column
   * as of the as-of day, as `score` fills it (shared memory, like the related tables)
   */
  late?: RelatedTables;
}

/** What a capture takes besides scores, stages and fired rules: plain data (it crosses threads). */
export interface CaptureFields {
  outcome: OutcomeSpec | null;
  /** the created-date column (--horizon, a time split), or -1 */
  created: number;
  /** the --by column, or -1 */
  by: number;
  /** candidate columns of calibrate: each lead's number and text code */
  columns: number[];
  /** rules (statistics indexes) whose points per lead are kept too: per rules, whose count matters */
  amounts: number[];
}

export interface CaptureJobOptions extends RulesJobOptions {
  capture: CaptureFields;
}

export type CaptureSpec = JobSpec<'capture', CaptureJobOptions>;

/** One block's leads, in order. */
export interface CaptureBlock extends BlockOutcome {
  leads: number;
  rejected: number;
  /** rows that lost to another row of their key (dedupe): read, not captured */
  duplicates: number;
  /** the first rejected rows: block-relative line and why */
  rejects: { line: number; reason: string }[];
  /** per lead: every score (engagement, fit, the named scores) then the total */
  scores: Float64Array;
  stage: Int8Array;
  outcome: Uint8Array;
  /** per lead, per rule (statistics index): 1 when it fired */
  fired: Uint8Array;
  /** per lead, per rule of `amounts`: the points it added (single precision: counts times points) */
  amounts: Float32Array;
  created: Float64Array;
  by: Uint32Array;
  byLabels: string[];
  /** per lead, per candidate column: the number (NaN when none) and the text code */
  numbers: Float64Array;
  codes: Uint32Array;
  labels: string[][];
}

const norm = (s: string) => s.trim().toLowerCase();

/** Reads a lead's outcome: 1 converted, 0 not, UNKNOWN for an empty cell. */
export function outcomeReader(spec: OutcomeSpec): (row: TypedRow) => number {
  const index = spec.index;
  if (spec.derived !== undefined) {
    const value = derivedValue(spec);
    if (spec.derived === 'boolean') return (row) => (value(row) === 1 ? 1 : 0);
    if (spec.derived === 'date') return (row) => (Number.isNaN(value(row)) ? 0 : 1);
    return (row) => { const v = value(row); return v > 0 || v < 0 ? 1 : 0; };
  }
  const yes = new Set((spec.won.length > 0 ? spec.won : TRUTHY).map(norm));
  const numeric = spec.won.length === 0;
  return (row) => {
    const text = norm(row.fields[index] ?? '');
    if (text === '') return UNKNOWN;
    if (yes.has(text)) return 1;
    // 1.0 is as true as 1
    return numeric && /^[+]?0*1(\.0*)?$/.test(text) ? 1 : 0;
  };
}

/** A derived outcome's value for a lead: its late values when given (never the row's, which the rules read as of the as-of day). */
function derivedValue(spec: OutcomeSpec): (row: TypedRow) => number {
  const { index, late } = spec;
  if (late) {
    const lookup = new DerivedLookup(late);
    const column = late.columns.findIndex((c) => c.index === index);
    return (row) => lookup.valueOf(row, column);
  }
  if (spec.derived === 'boolean') return (row) => row.bool[index];
  return spec.derived === 'date' ? (row) => row.day[index] : (row) => row.num[index];
}

/** A growable typed array. */
class Grow<T extends Float64Array | Float32Array | Uint8Array | Int8Array | Uint32Array | Int32Array> {
  length = 0;
  constructor(public data: T) {}

  push(v: number): void {
    if (this.length === this.data.length) this.reserve(this.length + 1);
    this.data[this.length++] = v;
  }

  reserve(n: number): void {
    if (n <= this.data.length) return;
    const next = new (this.data.constructor as new (n: number) => T)(Math.max(n, this.data.length * 2, 64));
    next.set(this.data.subarray(0, this.length) as never);
    this.data = next;
  }

  /** The values so far, in a buffer of their own. */
  take(): T {
    return this.data.slice(0, this.length) as T;
  }

  /** The values so far, without a copy when they fill most of the buffer (a million leads: no second copy at the end). */
  done(): T {
    return this.length >= 0.75 * this.data.length ? this.data.subarray(0, this.length) as T : this.take();
  }
}

/** Codes of one text column within one block. */
class BlockDictionary {
  readonly labels: string[] = [];
  private readonly codes = new Map<string, number>();

  code(text: string): number {
    const key = norm(text);
    let code = this.codes.get(key);
    if (code === undefined) {
      if (this.labels.length >= MAX_LABELS) return OVERFLOW;
      code = this.labels.length;
      this.codes.set(detach(key), code);
      this.labels.push(detach(text.trim()));
    }
    return code;
  }
}

export class CaptureJob implements BlockJob<CaptureBlock, Losers> {
  private readonly scorer: BlockScorer;
  private readonly tally: RuleTally;
  private readonly outcome: ((row: TypedRow) => number) | null;
  private readonly scoreCount: number;
  private readonly ruleCount: number;
  // the block being captured
  private leads = 0;
  private scores = new Grow(new Float64Array(0));
  private stage = new Grow(new Int8Array(0));
  private outcomes = new Grow(new Uint8Array(0));
  private fired = new Grow(new Uint8Array(0));
  private amounts = new Grow(new Float32Array(0));
  private created = new Grow(new Float64Array(0));
  private by = new Grow(new Uint32Array(0));
  private byDictionary = new BlockDictionary();
  private numbers = new Grow(new Float64Array(0));
  private codes = new Grow(new Uint32Array(0));
  private dictionaries: BlockDictionary[] = [];

  constructor(private readonly compiled: CompiledRuleset, private readonly options: BlockOptions, private readonly fields: CaptureFields) {
    this.scorer = new BlockScorer(compiled, options, false, (row) => this.capture(row));
    this.ruleCount = compiled.stats.length;
    this.tally = { fired: new Int32Array(this.ruleCount), cents: new Float64Array(this.ruleCount) };
    this.outcome = fields.outcome ? outcomeReader(fields.outcome) : null;
    this.scoreCount = compiled.scores.length + 1;
  }

  /** `task.data`: with dedupe, the block's rows that lose to another row of their key, which are not captured */
  runBytes(bytes: Buffer, final: boolean, task: BlockTask<Losers>): CaptureBlock {
    this.begin();
    return this.finish(this.scorer.scoreBytes(bytes, final, task.data));
  }

  runText(text: string, final: boolean, task: BlockTask<Losers>): CaptureBlock {
    this.begin();
    return this.finish(this.scorer.scoreText(text, final, task.data));
  }

  transfer(result: CaptureBlock): ArrayBuffer[] {
    const arrays = [result.scores, result.stage, result.outcome, result.fired, result.amounts, result.created, result.by, result.numbers, result.codes];
    return arrays.map((a) => a.buffer as ArrayBuffer);
  }

  private begin(): void {
    this.leads = 0;
    for (const g of [this.scores, this.stage, this.outcomes, this.fired, this.amounts, this.created, this.by, this.numbers, this.codes]) g.length = 0;
    this.byDictionary = new BlockDictionary();
    this.dictionaries = this.fields.columns.map(() => new BlockDictionary());
  }

  private capture(row: TypedRow): void {
    const { compiled, tally, fields } = this;
    const result = evaluateLead(row, compiled, this.options.asOfDay, tally);
    this.leads++;
    this.scores.push(result.engagement);
    this.scores.push(result.fit);
    for (const v of result.named) this.scores.push(v);
    this.scores.push(result.total);
    this.stage.push(result.stage);
    this.outcomes.push(this.outcome === null ? UNKNOWN : this.outcome(row));
    const f = this.fired;
    f.reserve(f.length + this.ruleCount);
    for (let r = 0; r < this.ruleCount; r++) {
      f.data[f.length++] = tally.fired[r] > 0 ? 1 : 0;
      tally.fired[r] = 0;
    }
    for (const r of fields.amounts) this.amounts.push(fromCents(tally.cents[r]));
    tally.cents.fill(0);
    if (fields.created >= 0) this.created.push(row.day[fields.created]);
    if (fields.by >= 0) this.by.push(this.byDictionary.code(row.fields[fields.by] ?? ''));
    const columns = fields.columns;
    for (let c = 0; c < columns.length; c++) {
      this.numbers.push(row.num[columns[c]]);
      this.codes.push(this.dictionaries[c].code(row.fields[columns[c]] ?? ''));
    }
  }

  private finish(r: BlockResult): CaptureBlock {
    return {
      lines: r.lines, leftover: r.leftover, footerLine: r.footerLine, error: r.error,
      leads: this.leads, rejected: r.counts.rejected, duplicates: r.counts.duplicates, rejects: r.rejects.slice(0, 10).map((x) => ({ line: x.line, reason: x.reason })),
      scores: this.scores.take(), stage: this.stage.take(), outcome: this.outcomes.take(), fired: this.fired.take(), amounts: this.amounts.take(),
      created: this.created.take(), by: this.by.take(), byLabels: this.byDictionary.labels,
      numbers: this.numbers.take(), codes: this.codes.take(), labels: this.dictionaries.map((d) => d.labels),
    };
  }
}

/** A text column's codes over the whole input, with its labels (the first spelling of each value). */
export interface CodedColumn {
  codes: Uint32Array;
  labels: string[];
  /** true when the column had more than MAX_LABELS distinct values (codes past them are OVERFLOW) */
  overflow: boolean;
}

/** Everything captured, lead by lead in input order. */
export interface Captured {
  leads: number;
  rejected: number;
  /** rows left out as duplicates of a kept row of their key (dedupe) */
  duplicates: number;
  /** the first rejected rows: absolute line and why */
  rejects: { line: number; reason: string }[];
  /** per score (every score, then the total): its value for each lead */
  scores: Float64Array[];
  stage: Int8Array;
  outcome: Uint8Array;
  /** leads × ruleCount */
  fired: Uint8Array;
  ruleCount: number;
  /** leads × amounts.length */
  amounts: Float32Array;
  created: Float64Array;
  by: CodedColumn | null;
  /** per candidate column: numbers (leads) and codes */
  numbers: Float64Array[];
  columns: CodedColumn[];
}

/** Maps one block's dictionary onto the global one. */
class GlobalDictionary {
  readonly labels: string[] = [];
  private readonly codes = new Map<string, number>();
  overflow = false;

  remap(blockLabels: string[]): Uint32Array {
    if (blockLabels.length >= MAX_LABELS) this.overflow = true;
    return Uint32Array.from(blockLabels, (label) => {
      const key = norm(label);
      let code = this.codes.get(key);
      if (code === undefined) {
        if (this.labels.length >= MAX_LABELS) { this.overflow = true; return OVERFLOW; }
        code = this.labels.length;
        this.codes.set(key, code);
        this.labels.push(label);
      }
      return code;
    });
  }
}

/** Folds capture blocks, in input order, into one `Captured`. */
export class CaptureCollector {
  private leads = 0;
  private rejected = 0;
  private duplicates = 0;
  private readonly rejects: { line: number; reason: string }[] = [];
  private readonly scores: Grow<Float64Array>[];
  private readonly stage = new Grow(new Int8Array(0));
  private readonly outcome = new Grow(new Uint8Array(0));
  private readonly fired = new Grow(new Uint8Array(0));
  private readonly amounts = new Grow(new Float32Array(0));
  private readonly created = new Grow(new Float64Array(0));
  private readonly by = new Grow(new Uint32Array(0));
  private readonly byDictionary = new GlobalDictionary();
  private readonly numbers: Grow<Float64Array>[];
  private readonly codes: Grow<Uint32Array>[];
  private readonly dictionaries: GlobalDictionary[];

  constructor(private readonly scoreCount: number, private readonly ruleCount: number, private readonly fields: CaptureFields) {
    this.scores = Array.from({ length: scoreCount }, () => new Grow(new Float64Array(0)));
    this.numbers = fields.columns.map(() => new Grow(new Float64Array(0)));
    this.codes = fields.columns.map(() => new Grow(new Uint32Array(0)));
    this.dictionaries = fields.columns.map(() => new GlobalDictionary());
  }

  add(block: CaptureBlock, lineShift: number): void {
    const n = block.leads;
    this.leads += n;
    this.rejected += block.rejected;
    this.duplicates += block.duplicates;
    for (const r of block.rejects) if (this.rejects.length < 10) this.rejects.push({ line: r.line + lineShift, reason: r.reason });
    const s = this.scoreCount;
    for (let k = 0; k < s; k++) {
      const g = this.scores[k];
      g.reserve(g.length + n);
      for (let i = 0; i < n; i++) g.data[g.length++] = block.scores[i * s + k];
    }
    append(this.stage, block.stage);
    append(this.outcome, block.outcome);
    append(this.fired, block.fired);
    append(this.amounts, block.amounts);
    append(this.created, block.created);
    if (this.fields.by >= 0) {
      const map = this.byDictionary.remap(block.byLabels);
      this.by.reserve(this.by.length + n);
      for (let i = 0; i < n; i++) this.by.data[this.by.length++] = block.by[i] === OVERFLOW ? OVERFLOW : map[block.by[i]];
    }
    const k = this.fields.columns.length;
    for (let c = 0; c < k; c++) {
      const map = this.dictionaries[c].remap(block.labels[c]);
      const nums = this.numbers[c];
      const codes = this.codes[c];
      nums.reserve(nums.length + n);
      codes.reserve(codes.length + n);
      for (let i = 0; i < n; i++) {
        nums.data[nums.length++] = block.numbers[i * k + c];
        const code = block.codes[i * k + c];
        codes.data[codes.length++] = code === OVERFLOW ? OVERFLOW : map[code];
      }
    }
  }

  finish(): Captured {
    const coded = (g: Grow<Uint32Array>, d: GlobalDictionary): CodedColumn => ({ codes: g.done(), labels: d.labels, overflow: d.overflow });
    return {
      leads: this.leads, rejected: this.rejected, duplicates: this.duplicates, rejects: this.rejects,
      scores: this.scores.map((g) => g.done()), stage: this.stage.done(), outcome: this.outcome.done(),
      fired: this.fired.done(), ruleCount: this.ruleCount, amounts: this.amounts.done(),
      created: this.created.done(), by: this.fields.by >= 0 ? coded(this.by, this.byDictionary) : null,
      numbers: this.numbers.map((g) => g.done()), columns: this.codes.map((g, c) => coded(g, this.dictionaries[c])),
    };
  }
}

function append<T extends Float64Array | Float32Array | Uint8Array | Int8Array | Uint32Array>(g: Grow<T>, values: T): void {
  g.reserve(g.length + values.length);
  g.data.set(values as never, g.length);
  g.length += values.length;
}
