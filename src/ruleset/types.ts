/**
 * The ruleset after validation: every key checked, every default filled in, positions kept for
 * the column references that can only be checked against an export's header. The compiler turns
 * this into functions; the engine never re-checks what the validator guaranteed.
 */
import type { Pos } from './tree.js';
import type { ColumnFormat } from '../model/formats.js';
import type { RulesetCode } from './issue-codes.js';
import type { BantKey } from '../model/bant.js';
import type { Decay } from '../model/recency.js';
import type { OutputEncoding } from '../model/encodings.js';
import type { NumberFormat } from '../model/formats.js';
import type { Aggregate } from '../model/related.js';
import type { CompletenessPart } from '../model/accounts.js';

export type { Pos };

/** Scores a condition may compare; `total` is engagement + fit, `bant_count` the criteria met. */
export const SCORE_NAMES = ['engagement', 'fit', 'total', 'bant_count'] as const;
/** a built-in score, or a named score of `scores:` */
export type ScoreName = string;

/** The cost metrics of the summary: cost per MQL, per SQL (CPSQL) and per SQO. */
export const COST_METRICS = ['mql', 'sql', 'sqo'] as const;
export type CostMetric = (typeof COST_METRICS)[number];
/** The stage each cost metric counts leads at (that stage or above); null: the metric is not available. */
export type CostStages = Record<CostMetric, string | null>;

export interface ColumnRef {
  name: string;
  pos: Pos;
}

export type Condition =
  | { kind: 'all' | 'any'; items: Condition[]; pos: Pos }
  | { kind: 'not'; item: Condition; pos: Pos }
  | { kind: 'ref'; name: string; pos: Pos }
  | { kind: 'column'; column: ColumnRef; op: string; arg: unknown; pos: Pos }
  | { kind: 'score'; score: ScoreName; op: string; arg: unknown; pos: Pos }
  | { kind: 'criteria'; names: BantKey[]; /** where each name is written */ positions: Pos[]; pos: Pos }
  | { kind: 'stage'; name: string; pos: Pos }
  /** `grades`: bit fitGrade * 4 + engagementGrade set for each grade the test accepts */
  | { kind: 'grade'; mask: number; pos: Pos };

export interface ScoreRule {
  name: string;
  when?: Condition;
  points: number;
  /** points are multiplied by this column's number (a count); empty counts as 0 */
  per?: ColumnRef;
  /** cap on the size of the rule's contribution, whatever its sign */
  max?: number;
  /** with `per`: the most occurrences counted (1 = once); absent = every occurrence */
  repeat?: number;
  /** the date column recency is measured on (the rule's own or its group's) */
  date?: ColumnRef;
  /** counts only when the date is at most this many days before the as-of date */
  window?: number;
  decay?: Decay;
  /** the name of the group the rule belongs to; its rules stand together in the list */
  group?: string;
  pos: Pos;
}

/** A group of rules whose points share a cap. */
export interface RuleGroup {
  name: string;
  max?: number;
  pos: Pos;
}

/** A score's rules and bounds: engagement, fit, or a named score of `scores:`. */
export interface ScoreDef {
  name: string;
  rules: ScoreRule[];
  groups: RuleGroup[];
  floor?: number;
  ceiling?: number;
  pos?: Pos;
}

/** Fit bands → letters A–D, engagement bands → digits 1–4: the lowest score of the first three. */
export interface Grades {
  fit: [number, number, number];
  engagement: [number, number, number];
}

export const GRADE_LETTERS = ['A', 'B', 'C', 'D'] as const;
export const GRADE_DIGITS = ['1', '2', '3', '4'] as const;

export interface Disqualifier {
  reason: string;
  when: Condition;
  pos: Pos;
}

export interface Stage {
  name: string;
  /** absent only for the lowest stage, which every lead not disqualified reaches */
  when?: Condition;
  /** `counts_as:` the cost metric this stage is the stage of, and where that is written */
  countsAs?: { metric: CostMetric; pos: Pos };
  pos: Pos;
}

export interface PriorityBand {
  name: string;
  /** lowest score in the band; absent for the last, catch-all band */
  min?: number;
  /** a condition the lead must also meet (results scope: scores, grades, stages, …) */
  when?: Condition;
}

export interface Ruleset {
  file: string;
  asOf?: string;
  columns: Map<string, ColumnRef>;
  /** `columns: { preset: hubspot }`: standard names → that CRM's headers (ruleset/presets.ts) */
  preset?: string;
  /** cells read as empty (`placeholders:`); absent: the built-in list (input/formats.ts) */
  placeholders?: string[];
  /** how columns write their values (`formats:`), by the name rules use */
  formats?: Map<string, ColumnFormatRef>;
  sourceColumn?: ColumnRef;
  spend: Map<string, number>;
  /** where each source of `spend` is written, for the warning when it matches no lead source */
  spendAt: Map<string, Pos>;
  freeMailDomains?: string[];
  conditions: Map<string, Condition>;
  engagement: ScoreRule[];
  fit: ScoreRule[];
  /** groups of engagement and fit rules */
  groups: RuleGroup[];
  /** floor and ceiling of engagement and fit */
  bounds: Map<'engagement' | 'fit', { floor?: number; ceiling?: number }>;
  /** named scores besides engagement and fit, in the order written */
  scores: ScoreDef[];
  grades?: Grades;
  /** the column that identifies a lead for `leadq explain --lead` */
  idColumn?: ColumnRef;
  bant: Map<BantKey, Condition>;
  disqualifiers: Disqualifier[];
  stages: Stage[];
  /** the stages of the cost metrics: marked with counts_as, else named mql, sql and sqo */
  costStages: CostStages;
  priority: { score: string; bands: PriorityBand[] };
  /** result column → new name; keys are the result columns' names (model/result-columns.ts), `grade` and `<named score>_score` */
  rename: Map<string, string>;
  /** one row per lead, when set */
  dedupe?: Dedupe;
  /** `input:` how the export is read; flags override (validate-exports.ts) */
  input: InputSettings;
  /** `sources:` each spelling (trimmed, lower case) → the canonical source it means */
  sources: Map<string, string>;
  /** `spend: { file: … }`: spend read from a cost export instead of listed */
  spendFile?: SpendFileRef;
  /** `output.encoding` and `output.escape_formulas`; flags override */
  outputSettings: { encoding?: OutputEncoding; escapeFormulas?: boolean };
  /** related files (`related:`), in the order written; absent when none */
  related?: RelatedFile[];
  /** `accounts:` leads grouped into accounts, account rules and the account ladder; absent when none */
  accounts?: Accounts;
  /** `completeness:` the columns of each part of the lead's completeness measure; absent when none */
  completeness?: Completeness;
}

/**
 * `accounts:` how leads are grouped into accounts (an id column, else the company domain of an
 * email or a website column, else the normalised company name), what makes a lead engaged, the
 * buying-group roles, the account rules and the account stage ladder.
 */
export interface Accounts {
  idColumn?: ColumnRef;
  /** the columns whose company domain keys the account, tried in order: the first that gives one wins */
  domain?: DomainColumn[];
  /** the company name column, normalised (case, punctuation, legal suffixes) */
  company?: ColumnRef;
  /** free-mail domains that never form an account (lower case); absent: the ruleset's free_mail_domains, else the built-in list */
  freeMailDomains?: string[];
  /** company cells that name no company (replaces NOT_COMPANIES), as written */
  notCompanies?: string[];
  /** a lead condition (column, score, criteria and grade tests): the lead counts as engaged */
  engaged?: Condition;
  /** a date column of the export: the account's latest activity is its leads' latest */
  activity?: ColumnRef;
  /** role name → the condition a lead has it by (a job title pattern, a role column) */
  roles: { name: string; when: Condition; pos: Pos }[];
  /** the account score: rules over account values, with groups, floor and ceiling */
  score: ScoreDef;
  /** the account ladder, lowest first (default: one stage, `account`) */
  stages: Stage[];
  /** files keyed by account whose number columns become account values, in the order written */
  files: AccountFile[];
  pos: Pos;
}

/**
 * An item of `accounts.domain`: a column and how its cells are read. `email`: the domain after the
 * `@` (a cell without one gives none, so `ann.lee` never becomes a domain); `url`: the host of a
 * website or a bare domain (model/website-domain.ts). A bare column name is `email`.
 */
export interface DomainColumn {
  column: ColumnRef;
  as: DomainForm;
}

/** How a domain column's cells are read. */
export const DOMAIN_FORMS = ['email', 'url'] as const;
export type DomainForm = (typeof DOMAIN_FORMS)[number];

/** `accounts.files.<name>`: a file keyed by account (an id, a domain or a company name). */
export interface AccountFile extends FileReading {
  name: string;
  /** the path as written, relative to the ruleset's folder */
  file: { path: string; pos: Pos };
  /** the file's column holding the account */
  key: ColumnRef;
  /** account value name → the file's number column (`name` of the ref: its header) */
  columns: { name: string; column: ColumnRef }[];
  pos: Pos;
}

/** How a file the ruleset names beside the export is read (`encoding:` … `placeholders:`); absent: sniffed, or the defaults. */
export interface FileReading {
  encoding?: string;
  delimiter?: string;
  skipLines?: number;
  placeholders?: string[];
}

/** `completeness:` per part, the columns that show it (any present counts; email: any valid). */
export type Completeness = Partial<Record<CompletenessPart, ColumnRef[]>> & { pos: Pos };

/** `input:` as written; absent keys are left to flags and defaults. */
export interface InputSettings {
  encoding?: string;
  delimiter?: string;
  skipLines?: number;
  /** a regex (RE2 syntax, checked) for the first cell of a report footer */
  footer?: string;
}

/** `spend: { file, source, amount, format }`: `file` as written, relative to the ruleset. */
export interface SpendFileRef {
  file: string;
  source?: string;
  amount?: string;
  format?: NumberFormat;
  pos: Pos;
}

/**
 * A related file (`related:`): an activity log, a deals file, a form-submissions file… whose rows
 * are matched to leads by a key and aggregated into derived columns that rules read like the
 * export's own columns.
 */
export interface RelatedFile extends FileReading {
  /** the name of `related:` (for --related NAME=FILE and the summary) */
  name: string;
  /** the path as written, relative to the ruleset's folder */
  file: { path: string; pos: Pos };
  /** the related file's column holding the lead's key */
  key: ColumnRef;
  /** the export's column the key matches, named as rules name columns */
  matches: ColumnRef;
  /** the related file's column saying when the row happened */
  at: ColumnRef;
  /** how keys compare; absent: email when the key or matches column is named like an email, else id */
  keyType?: 'email' | 'id' | 'salesforce_id';
  /** formats of the related file's own columns, by header */
  formats?: Map<string, ColumnFormatRef>;
  columns: DerivedColumn[];
  pos: Pos;
}

/** A derived column of a related file: one aggregate of its rows per lead, and the options that say which rows count. */
export interface DerivedColumn {
  name: string;
  aggregate: Aggregate;
  /** the column sum, min and max read (a number) and first and last read (a date); absent for the others and for first/last of the `at` column */
  of?: ColumnRef;
  /** the condition of count, exists or distinct_days and `where`, both of which must hold; absent: every row */
  where?: Condition;
  within?: number;
  perDayMax?: number;
  onceEvery?: number;
  decay?: Decay;
  /** where its name is written */
  pos: Pos;
}

export interface Dedupe {
  key: ColumnRef;
  keep: 'first' | 'latest' | 'highest_score';
  /** the date that decides for keep: latest */
  date?: ColumnRef;
}

/** One entry of `formats:`: the column (resolved like a rule's) and how its values are written. */
export interface ColumnFormatRef extends ColumnFormat {
  column: ColumnRef;
}

export interface RulesetIssue {
  severity: 'error' | 'warning';
  /** what kind of problem, stable (issue-codes.ts); tests and scripts match on it, not on the message */
  code: RulesetCode;
  message: string;
  /** where in the ruleset; absent for problems of the export itself (a header collision) */
  pos?: Pos;
  /** the key path of that place, e.g. `engagement[3].points`; absent where pos is */
  path?: string;
  /** lines shown under the message: a YAML error's line with a caret, and a hint */
  detail?: string;
}
