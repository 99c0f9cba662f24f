/**
 * What the engine works on: a ruleset compiled against one export's header. Everything here is
 * resolved (column indexes, regexes, sets, the as-of day), so scoring a row is plain function calls.
 */
import type { BantKey } from '../ruleset/types.js';

/** One input row with the typed values the ruleset needs, parsed once at the input boundary. */
export interface TypedRow {
  fields: string[];
  /** by column index: the number in the cell, NaN when empty or unparseable */
  num: Float64Array;
  /** by column index: the day number of the date in the cell, NaN when empty or unparseable */
  day: Float64Array;
  /** by column index: 1 true, 0 false, -1 empty or unparseable */
  bool: Int8Array;
}

/** The results a stage condition can test, filled in before stages are evaluated. */
export interface Evaluation {
  engagement: number;
  fit: number;
  total: number;
  bantCount: number;
  /** bit i set when BANT criterion i (budget, authority, need, timeline) holds */
  bantMask: number;
}

export type Test = (row: TypedRow, ev: Evaluation) => boolean;

export interface CompiledRule {
  name: string;
  when: Test | null;
  points: number;
  /** column index of the count, or -1 */
  per: number;
  max: number;
  /** for rules without `per`: the contribution and its reason, fixed at compile time */
  fixed: number;
  fixedReason: string;
  /** for `per` rules: reasons by whole count, filled as counts are seen */
  reasonCache: string[];
}

export interface CoercionPlan {
  numberColumns: number[];
  dateColumns: number[];
  booleanColumns: number[];
  /** columns read as text (and the lead source): the fast row path makes strings only of these */
  textColumns: number[];
}

export interface CompiledRuleset {
  header: string[];
  plan: CoercionPlan;
  engagement: CompiledRule[];
  fit: CompiledRule[];
  /** one per BANT key in order; null when the ruleset does not define it */
  bant: (Test | null)[];
  bantKeys: readonly BantKey[];
  disqualifiers: { reason: string; when: Test }[];
  /** lowest first; the first stage's test is null (the default) */
  stages: { name: string; when: Test | null }[];
  priority: { score: 'engagement' | 'fit' | 'total'; bands: { name: string; min: number }[] };
  /** column index of the lead source, or -1 */
  sourceIndex: number;
  /** appended output column names, after renames */
  resultHeader: string[];
}

export interface LeadResult {
  engagement: number;
  fit: number;
  total: number;
  bantMask: number;
  /** index into `stages`, or -1 when disqualified */
  stage: number;
  disqualifiedReason: string;
  priority: string;
  /** each fired rule with its contribution, in rule order: engagement rules first, then fit */
  reasons: string[];
}
