/**
 * A ruleset resolved against one export's header: plain data, no closures, serialisable. Columns
 * are indexes into the header, conditions are trees with operators by name (model/operators.ts
 * says what each means), rules carry their points, caps, windows and decay as numbers. Every
 * back-end starts here: the JS engine compiles it into closures (engine/compile.ts), explain
 * walks it, and an SQL back-end can translate it. The as-of date is not in it: it is an argument
 * of evaluation, so one resolved ruleset scores "as of" any day.
 *
 * Absent limits are null, not Infinity, so that JSON holds them.
 */
import type { BantKey } from '../model/bant.js';
import type { ColumnFormat } from '../model/formats.js';
import type { ValueKind } from '../model/operators.js';
import type { Decay } from '../model/recency.js';
import type { Aggregate } from '../model/related.js';
import type { CompletenessPart } from '../model/accounts.js';
import type { DomainForm } from './types.js';

/** A column as a rule names it, and where it is in the header (-1: missing, reported as an issue). */
export interface ResolvedColumn {
  index: number;
  /** the name as the ruleset writes it (explain shows it) */
  name: string;
}

export type ResolvedCondition =
  | { kind: 'all' | 'any'; items: ResolvedCondition[] }
  | { kind: 'not'; item: ResolvedCondition }
  /** a named condition of `conditions:` (ResolvedRuleset.conditions) */
  | { kind: 'ref'; name: string }
  /** `reads`: how the cell is read for the operator (model/operators.ts); `multi`: the separator of a multi-value column */
  | { kind: 'column'; column: ResolvedColumn; op: string; arg: unknown; reads: ValueKind; multi: string | null }
  /** `score`: engagement, fit, total, bant_count or a named score */
  | { kind: 'score'; score: string; op: string; arg: unknown }
  /** every BANT criterion of the mask holds (bit i: BANT_KEYS[i]) */
  | { kind: 'criteria'; mask: number; names: BantKey[] }
  /** the condition of a lower stage holds (the lowest stage always does) */
  | { kind: 'stage'; stage: number; name: string }
  /** the grade is one of the mask's (bit fitGrade * 4 + engagementGrade) */
  | { kind: 'grade'; mask: number };

export interface ResolvedRule {
  name: string;
  when: ResolvedCondition | null;
  points: number;
  /** a count column: points are multiplied by its number */
  per: ResolvedColumn | null;
  /** cap on the size of the rule's contribution */
  max: number | null;
  /** with per: the most occurrences counted */
  repeat: number | null;
  /** the date column recency is measured on (the rule's own or its group's) */
  date: ResolvedColumn | null;
  /** counts only at most this many days before the as-of date */
  window: number | null;
  decay: Decay | null;
  /** the group the rule belongs to (its name), whether or not the group has a cap */
  group: string | null;
  /** index into `stats`: the summary counts the rule there */
  stat: number;
}

/** A capped group: rules [start, end) of its score share `max`. */
export interface ResolvedGroup {
  name: string;
  start: number;
  end: number;
  max: number;
}

/** engagement, fit, or a named score. */
export interface ResolvedScore {
  name: string;
  /** named scores are prefixed in reasons (`product_a: rule`), engagement and fit are not */
  named: boolean;
  rules: ResolvedRule[];
  /** the groups with a cap; the others only shared recency */
  groups: ResolvedGroup[];
  floor: number | null;
  ceiling: number | null;
  /** index into `stats` of the floor/ceiling adjustments, -1 without bounds */
  boundStat: number;
}

export interface ResolvedRuleset {
  header: string[];
  /** the ruleset's `as_of`, or null: the run's date (or --as-of) */
  asOf: string | null;
  /** the columns the rules read, by how they are read; the input side parses these only */
  reads: Record<ValueKind, number[]>;
  /** column formats (`formats:`), by column index */
  formats: { column: number; format: ColumnFormat }[];
  /** cells read as empty; null: the built-in list */
  placeholders: string[] | null;
  freeMailDomains: string[];
  /** the named conditions that are used, resolved */
  conditions: Record<string, ResolvedCondition>;
  /** engagement, fit, then the named scores */
  scores: ResolvedScore[];
  /** the lowest fit and engagement scores of grades A/1, B/2, C/3; null without grades */
  grades: { fit: number[]; engagement: number[] } | null;
  /** one per BANT key in order; null when the ruleset does not define it */
  bant: (ResolvedCondition | null)[];
  disqualifiers: { reason: string; when: ResolvedCondition }[];
  /** lowest first; the lowest has no condition */
  stages: { name: string; when: ResolvedCondition | null }[];
  priority: { score: string; bands: { name: string; min: number | null; when: ResolvedCondition | null }[] };
  /** -1 when absent */
  sourceColumn: number;
  idColumn: number;
  dedupe: { key: number; keep: 'first' | 'latest' | 'highest_score'; date: number } | null;
  /** the appended output columns' names, after renames */
  resultHeader: string[];
  /** every rule (and score bound) the summary counts, by statistics index */
  stats: { name: string; score: string }[];
  /**
   * related files, in the order written (absent: none). Their derived columns are read by rules
   * like export columns, at indexes after the header's: `header.length`, `header.length + 1`, …
   */
  related?: ResolvedRelated[];
  /** accounts (absent: none); their values are read by rules at indexes after the related files' derived columns */
  accounts?: ResolvedAccounts;
  /** the completeness measure (absent: none), a number column after the account values */
  completeness?: ResolvedCompleteness;
}

/** An `accounts.domain` column in the export: its index, how its cells are read, its name as the ruleset writes it (for explain). */
export interface ResolvedDomainColumn {
  index: number;
  as: DomainForm;
  name: string;
}

/** `accounts:` resolved: the key columns in the export, lead conditions, the account score and ladder. */
export interface ResolvedAccounts {
  /** in the export's header; -1 when not given */
  idColumn: number;
  /** tried in order: the first that gives a company domain is the lead's (empty: no domain column) */
  domains: ResolvedDomainColumn[];
  company: number;
  /** domains that never form an account */
  freeMailDomains: string[];
  /** company names that name no company, normalised (model/accounts.ts companyKey) */
  notCompanies: string[];
  /** a lead condition (results scope without stages); null: no lead counts as engaged */
  engaged: ResolvedCondition | null;
  /** a date column of the export, or -1 */
  activity: number;
  roles: { name: string; when: ResolvedCondition }[];
  /** the account score: its rules read account values (by the indexes of `values`) */
  score: ResolvedScore;
  /** the account rules (and bound) by statistics index, apart from the leads' */
  stats: { name: string; score: string }[];
  /** lowest first; the lowest has no condition */
  stages: { name: string; when: ResolvedCondition | null }[];
  /** the hidden column holding the lead's account number (-1: the lead has none); no rule names it */
  index: number;
  /** the account values in column order: model/accounts.ts ACCOUNT_VALUES, the account files' columns, then one per role, then one per stage */
  values: { name: string; kind: 'number' | 'date' | 'boolean'; index: number }[];
  /** files keyed by account: the path as written (relative to the ruleset), the key column and the value columns by header (resolved when the file is read) */
  files: {
    name: string; file: string; key: string; columns: { name: string; header: string }[];
    /** how it is read (null: sniffed or the default); placeholders null: the built-in list */
    encoding: string | null; delimiter: string | null; skipLines: number; placeholders: string[] | null;
  }[];
}

/** The completeness measure: per part, the export's columns that show it; the column rules read it at. */
export interface ResolvedCompleteness {
  parts: { part: CompletenessPart; columns: number[] }[];
  index: number;
}

/** A related file resolved against its header (columns by index there) and the export's (the lead column). */
export interface ResolvedRelated {
  name: string;
  /** the related file's header; null when it was not opened (the derived columns are then known by name and kind only) */
  header: string[] | null;
  /** in the related header: the key and the timestamp */
  key: ResolvedColumn;
  at: ResolvedColumn;
  /** in the export's header: the column the key matches */
  matches: ResolvedColumn;
  keyType: 'email' | 'id' | 'salesforce_id';
  /** how the file is read; null: as the export is by default (sniffed delimiter, UTF-8 unless a byte-order mark says otherwise) */
  encoding: string | null;
  delimiter: string | null;
  skipLines: number;
  /** the related file's columns its conditions and aggregates read, by how they are read */
  reads: Record<ValueKind, number[]>;
  formats: { column: number; format: ColumnFormat }[];
  placeholders: string[] | null;
  columns: ResolvedDerived[];
}

/** A derived column: one aggregate of a related file's rows per lead. */
export interface ResolvedDerived {
  name: string;
  /** where rules read it: an index after the export's header (see ResolvedRuleset.related) */
  index: number;
  aggregate: Aggregate;
  /** how rules read it */
  kind: 'number' | 'date' | 'boolean';
  /** the related column sum, min, max, first and last read (-1 for count, exists, distinct_days) */
  of: ResolvedColumn | null;
  /** the rows that count (count's or exists' condition and where, both); null: every row */
  where: ResolvedCondition | null;
  within: number | null;
  perDayMax: number | null;
  onceEvery: number | null;
  decay: Decay | null;
}
