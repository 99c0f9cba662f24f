/**
 * The ruleset after validation: every key checked, every default filled in, positions kept for
 * the column references that can only be checked against an export's header. The compiler turns
 * this into functions; the engine never re-checks what the validator guaranteed.
 */
import type { Pos } from './tree.js';

export type { Pos };

export const BANT_KEYS = ['budget', 'authority', 'need', 'timeline'] as const;
export type BantKey = (typeof BANT_KEYS)[number];
export const BANT_LETTERS: Record<BantKey, string> = { budget: 'B', authority: 'A', need: 'N', timeline: 'T' };

/** Scores a condition may compare; `total` is engagement + fit, `bant_count` the criteria met. */
export const SCORE_NAMES = ['engagement', 'fit', 'total', 'bant_count'] as const;
export type ScoreName = (typeof SCORE_NAMES)[number];

/** The output columns leadq appends, in order; `output.rename` may change their names. */
export const RESULT_COLUMNS = [
  'engagement_score', 'fit_score', 'score', 'bant', 'stage', 'priority', 'reasons', 'disqualified_reason',
] as const;
export type ResultColumn = (typeof RESULT_COLUMNS)[number];

export const DISQUALIFIED = 'disqualified';

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
  | { kind: 'stage'; name: string; pos: Pos };

export interface ScoreRule {
  name: string;
  when?: Condition;
  points: number;
  /** points are multiplied by this column's number (a count); empty counts as 0 */
  per?: ColumnRef;
  /** cap on the size of the rule's contribution, whatever its sign */
  max?: number;
  pos: Pos;
}

export interface Disqualifier {
  reason: string;
  when: Condition;
  pos: Pos;
}

export interface Stage {
  name: string;
  /** absent only for the lowest stage, which every lead not disqualified reaches */
  when?: Condition;
  pos: Pos;
}

export interface PriorityBand {
  name: string;
  /** lowest score in the band; absent for the last, catch-all band */
  min?: number;
}

export interface Ruleset {
  file: string;
  asOf?: string;
  columns: Map<string, ColumnRef>;
  sourceColumn?: ColumnRef;
  spend: Map<string, number>;
  freeMailDomains?: string[];
  conditions: Map<string, Condition>;
  engagement: ScoreRule[];
  fit: ScoreRule[];
  bant: Map<BantKey, Condition>;
  disqualifiers: Disqualifier[];
  stages: Stage[];
  priority: { score: 'engagement' | 'fit' | 'total'; bands: PriorityBand[] };
  rename: Map<ResultColumn, string>;
}

export interface RulesetIssue {
  severity: 'error' | 'warning';
  message: string;
  /** where in the ruleset; absent for problems of the export itself (a header collision) */
  pos?: Pos;
}
