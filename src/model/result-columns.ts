/**
 * The columns leadq appends to every scored row, in order: the one table the writers, explain,
 * the summary and (later) the SQL back-end read. An output column is one entry here, the value
 * it shows on `LeadValues`, and the golden files.
 */

/** What an evaluated lead has to show; the engine's LeadResult is this. */
export interface LeadValues {
  engagement: number;
  fit: number;
  total: number;
  /** bit i set when BANT criterion i holds (budget, authority, need, timeline) */
  bantMask: number;
  /** index into the stage ladder, or -1 when disqualified */
  stage: number;
  priority: string;
  /** one entry per fired rule (reasons.ts) */
  reasons: string[];
  disqualifiedReason: string;
  /** the named scores, in ruleset order */
  named: number[];
  /** fitGrade * 4 + engagementGrade (A1 = 0 … D4 = 15), -1 without grades */
  grade: number;
  /** with accounts: the lead's account key ('' without one), its score (NaN without one) and stage name ('' without one) */
  account?: string;
  /** with accounts: the number of the lead's account (-1 without one), by which its cell's bytes are kept */
  accountNumber?: number;
  accountScore?: number;
  accountStage?: string;
  /** with `completeness:`: the lead's completeness, 0 to 5 */
  completeness?: number;
}

/**
 * How a cell is written: `number` rounded to cents (`optional-number`: empty when NaN), `text` as it is, `bant` the criteria letters,
 * `stage` the stage's name (or `disqualified`), `reasons` the entries joined by `; `, `account` text
 * too, one of as many values as there are accounts (its bytes are kept by the account's number).
 */
export type CellKind = 'number' | 'optional-number' | 'text' | 'bant' | 'stage' | 'reasons' | 'account';

export interface ResultColumn {
  name: string;
  cell: CellKind;
  /** the number, text, mask or stage index the cell shows */
  value: (lead: LeadValues) => number | string | string[];
}

/** The columns every ruleset appends, in order; `output.rename` may change their names. */
export const RESULT_COLUMNS: readonly ResultColumn[] = [
  { name: 'engagement_score', cell: 'number', value: (l) => l.engagement },
  { name: 'fit_score', cell: 'number', value: (l) => l.fit },
  { name: 'score', cell: 'number', value: (l) => l.total },
  { name: 'bant', cell: 'bant', value: (l) => l.bantMask },
  { name: 'stage', cell: 'stage', value: (l) => l.stage },
  { name: 'priority', cell: 'text', value: (l) => l.priority },
  { name: 'reasons', cell: 'reasons', value: (l) => l.reasons },
  { name: 'disqualified_reason', cell: 'text', value: (l) => l.disqualifiedReason },
];

export const RESULT_COLUMN_NAMES: readonly string[] = RESULT_COLUMNS.map((c) => c.name);

/** The grade column, appended after the named scores when the ruleset defines grades. */
export const GRADE_COLUMN = 'grade';

/** The column of a named score. */
export const namedScoreColumn = (score: string): string => `${score}_score`;

/**
 * Every appended column of a ruleset before renames: the table's, then one per named score, then
 * `grade` when the ruleset has grades, the account columns with accounts, `completeness` with the
 * completeness measure (so a ruleset without them writes what it always did).
 */
export function resultColumns(namedScores: readonly string[], grades: boolean, accounts = false, completeness = false): ResultColumn[] {
  return [
    ...RESULT_COLUMNS,
    ...namedScores.map((score, i): ResultColumn => ({ name: namedScoreColumn(score), cell: 'number', value: (l) => l.named[i] })),
    ...(grades ? [{ name: GRADE_COLUMN, cell: 'text', value: (l: LeadValues) => gradeLabel(l.grade) } satisfies ResultColumn] : []),
    ...(accounts ? ACCOUNT_COLUMNS : []),
    ...(completeness ? [COMPLETENESS_RESULT] : []),
  ];
}

/**
 * With `completeness:`, the lead's completeness (0 to 5) in a column of its own, last: sales can
 * filter the leads whose contact data is verified without the ruleset making a stage of it.
 */
export const COMPLETENESS_RESULT_COLUMN = 'completeness';
const COMPLETENESS_RESULT: ResultColumn = { name: COMPLETENESS_RESULT_COLUMN, cell: 'number', value: (l) => l.completeness ?? 0 };

/**
 * The columns a ruleset with accounts appends last (only then, so outputs without accounts stay as
 * they were): the lead's account key, the account's score and stage; empty for a lead without one.
 */
const ACCOUNT_COLUMNS: readonly ResultColumn[] = [
  { name: 'account', cell: 'account', value: (l) => l.account ?? '' },
  { name: 'account_score', cell: 'optional-number', value: (l) => l.accountScore ?? NaN },
  { name: 'account_stage', cell: 'text', value: (l) => l.accountStage ?? '' },
];
/** Whether a column of `resultColumns` is one of the account columns (they always stand together). */
export const isAccountColumn = (column: ResultColumn): boolean => ACCOUNT_COLUMNS.includes(column);

/** The names of the account columns, which output.rename may rename too. */
export const ACCOUNT_COLUMN_NAMES: readonly string[] = ACCOUNT_COLUMNS.map((c) => c.name);

/**
 * Every name leadq may append to a scored row, before renames: the table's, one per named score,
 * `grade`, the account columns, `completeness` (whether or not this ruleset has them: the names
 * `output.rename` knows, and names a derived column may not take).
 */
export function appendedColumnNames(namedScores: readonly string[]): string[] {
  return [...RESULT_COLUMN_NAMES, ...namedScores.map(namedScoreColumn), GRADE_COLUMN, ...ACCOUNT_COLUMN_NAMES, COMPLETENESS_RESULT_COLUMN];
}

/** The name of the stage a lead is at: the ladder's, or `disqualified`. */
export const DISQUALIFIED = 'disqualified';

/** A grade index (fitGrade * 4 + engagementGrade) as its label, A1 … D4; empty without grades. */
export function gradeLabel(grade: number): string {
  return grade < 0 ? '' : 'ABCD'[grade >> 2] + String((grade & 3) + 1);
}
