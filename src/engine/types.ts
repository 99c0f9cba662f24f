/**
 * What the engine works on: a resolved ruleset (ruleset/resolved.ts) compiled into closures for
 * one export's header. Column indexes, regexes and sets are built in, so scoring a row is plain
 * function calls; the as-of day is not: evaluation takes it as an argument.
 */
import type { CoercionPlan, TypedRow } from '../input/rows/types.js';
import type { BantKey } from '../model/bant.js';
import type { LeadValues } from '../model/result-columns.js';
import type { ResolvedRuleset } from '../ruleset/resolved.js';
import type { CompiledAccounts, LeadFill } from './accounts.js';

/** The results a stage condition can test, filled in before stages are evaluated. */
export interface Evaluation {
  engagement: number;
  fit: number;
  total: number;
  bantCount: number;
  /** bit i set when BANT criterion i (budget, authority, need, timeline) holds */
  bantMask: number;
  /** the named scores, in the order of `CompiledRuleset.scores` after engagement and fit */
  named: number[];
  /** fitGrade * 4 + engagementGrade (A1 = 0, D4 = 15), or -1 when the ruleset has no grades */
  grade: number;
  /** "today" as a day number: the date operators, windows and decay count from it */
  asOfDay: number;
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
  /** the name as reasons show it (a named score's rules carry the score's name in front) */
  label: string;
  /** index into the rule statistics of the summary */
  stat: number;
  /**
   * true when the rule uses none of repeat, date, window, decay or a group cap: it takes the
   * fast path with the reasons fixed or cached at compile time
   */
  plain: boolean;
  /** with `per`: the most occurrences counted (Infinity = every) and how reasons say it */
  repeat: number;
  repeatNote: string;
  /** column index of the date recency is measured on, or -1 */
  date: number;
  /** counts only at most this many days before the as-of date (Infinity = no window) */
  window: number;
  /** what is left of the points at an age in days, or null */
  decay: ((age: number) => number) | null;
  /** the capped group this rule belongs to, or null */
  group: CompiledGroup | null;
  /** set on the last rule of a capped group: the cap is applied after it */
  closes: CompiledGroup | null;
}

/** A group of rules sharing a cap: rules [start, end) of its score. */
export interface CompiledGroup {
  name: string;
  start: number;
  end: number;
  max: number;
  /** ` (group NAME max 20)`, appended to the reason of a rule the cap cut */
  note: string;
}

/** One score: engagement, fit, or a named score. */
export interface CompiledScore {
  name: string;
  rules: CompiledRule[];
  floor: number;
  ceiling: number;
  /** the reason added when the floor or ceiling moved the score, without the amount */
  floorReason: string;
  ceilingReason: string;
  /** statistics index of the floor and ceiling adjustments, or -1 without bounds */
  boundStat: number;
  /** scratch per rule for group caps: the rule's points this row (NaN: not fired) and its reason's index */
  slots: Float64Array;
  reasonAt: Int32Array;
}

/** Per rule (by `CompiledRule.stat`): leads it fired for and the points it added, in cents. */
export interface RuleTally {
  fired: Int32Array;
  cents: Float64Array;
}

/** What the summary's rule table lists, by statistics index. */
export interface RuleStat {
  name: string;
  score: string;
}

export interface CompiledRuleset {
  header: string[];
  plan: CoercionPlan;
  /** engagement, fit, then the named scores */
  scores: CompiledScore[];
  /** the rules of scores[0] and scores[1] */
  engagement: CompiledRule[];
  fit: CompiledRule[];
  /** every rule (and score bound) the summary counts, by statistics index */
  stats: RuleStat[];
  /** the lowest fit and engagement score of grades A/1, B/2, C/3, or null without grades */
  grades: { fit: number[]; engagement: number[] } | null;
  /** one per BANT key in order; null when the ruleset does not define it */
  bant: (Test | null)[];
  bantKeys: readonly BantKey[];
  disqualifiers: { reason: string; when: Test }[];
  /** lowest first; the first stage's test is null (the default) */
  stages: { name: string; when: Test | null }[];
  priority: { score: string; read: (ev: Evaluation) => number; bands: { name: string; min: number; when: Test | null }[] };
  /** column index that identifies a lead for explain (`id_column`), or -1 */
  idIndex: number;
  /** column index of the lead source, or -1 */
  sourceIndex: number;
  /** one row per lead: the key column, which row is kept, and for keep: latest the date column (-1 otherwise) */
  dedupe?: { key: number; keep: 'first' | 'latest' | 'highest_score'; date: number };
  /** appended output column names, after renames */
  resultHeader: string[];
  /** what this was compiled from: explain walks its conditions, workers are handed it */
  resolved: ResolvedRuleset;
  /** accounts: the account key, engaged, roles, the account score and ladder (engine/accounts.ts) */
  accounts?: CompiledAccounts;
  /** with accounts or completeness: what fills those columns of each row read (and the related files' derived columns) */
  fill?: LeadFill;
}

/**
 * One lead's result (model/result-columns.ts says what each value is). Reasons list each fired
 * rule with its contribution, in rule order: engagement rules first, then fit, then the named
 * scores' (prefixed with the score's name); a floor or ceiling that moved a score adds one entry.
 */
export type LeadResult = LeadValues;
