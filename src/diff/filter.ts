/**
 * What a change is, and which changes `--only` keeps.
 *
 * A lead in both files changed when its stage, score or priority did: `up` or `down` when the
 * stage moved (by the ladder's order), `score` when the stage stayed and the score or priority
 * moved. A lead in one file only is `new` or `removed`. Reasons that change while the score stays
 * are no change.
 *
 * `--only` takes comma-separated terms (and may be repeated); a change passes when any term holds:
 *
 *   new, removed, up, down, score   the change kind
 *   entered:<stage>                 at or above the stage now, below it before (or new): mql → sqo
 *                                   has entered sql; entered:disqualified = disqualified now, not before
 *   left:<stage>                    at or above the stage before, below it now (or removed)
 */
import { LeadqError, quoteData } from '../model/errors.js';
import { didYouMean } from '../model/suggest.js';
import { ABSENT, type Ladder } from './ladder.js';

export const CHANGE_KINDS = ['new', 'removed', 'up', 'down', 'score'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The change between two sides, or null when there is none; ranks are ABSENT for a missing side. */
export function classify(rankBefore: number, rankAfter: number, scoreBefore: number, scoreAfter: number, priorityBefore: number, priorityAfter: number): ChangeKind | null {
  if (rankBefore === ABSENT) return 'new';
  if (rankAfter === ABSENT) return 'removed';
  if (rankAfter > rankBefore) return 'up';
  if (rankAfter < rankBefore) return 'down';
  return scoreAfter !== scoreBefore || priorityAfter !== priorityBefore ? 'score' : null;
}

/** Whether a lead entered the stage of rank `stage` (0 = disqualified) between the two sides. */
export function entered(stage: number, before: number, after: number): boolean {
  return stage === 0 ? after === 0 && before !== 0 : after >= stage && before < stage;
}

/** Whether a lead left the stage of rank `stage`. */
export function left(stage: number, before: number, after: number): boolean {
  return stage === 0 ? before === 0 && after !== 0 : before >= stage && after < stage;
}

export interface Filter {
  /** the terms as written, for messages */
  readonly terms: string[];
  readonly kinds: ReadonlySet<ChangeKind>;
  /** ranks of the entered:/left: stages */
  readonly entered: number[];
  readonly left: number[];
}

/** Parses `--only` values (each a comma-separated list); null when none was given (every change passes). */
export function parseFilter(values: readonly string[] | undefined, ladder: Ladder): Filter | null {
  if (!values || values.length === 0) return null;
  const terms = values.flatMap((v) => v.split(',')).map((t) => t.trim()).filter((t) => t !== '');
  if (terms.length === 0) throw new LeadqError('USAGE', '--only needs at least one term, e.g. --only entered:sql,new');
  const kinds = new Set<ChangeKind>();
  const enteredRanks: number[] = [];
  const leftRanks: number[] = [];
  for (const term of terms) {
    const m = /^(entered|left):(.*)$/.exec(term);
    if (m) {
      const rank = ladder.rank(m[2]);
      if (rank < 0) {
        const stages = ladder.names;
        throw new LeadqError('USAGE', `--only ${term}: ${quoteData(m[2])} is not a stage of ${ladder.isDefault ? 'the default ladder' : ladder.origin}; expected one of ${stages.join(', ')}${didYouMean(m[2], stages)}`, {
          hint: ladder.isDefault ? 'a ruleset with other stages: pass it with --rules' : undefined,
        });
      }
      (m[1] === 'entered' ? enteredRanks : leftRanks).push(rank);
    } else if ((CHANGE_KINDS as readonly string[]).includes(term)) {
      kinds.add(term as ChangeKind);
    } else {
      const known = [...CHANGE_KINDS, 'entered:<stage>', 'left:<stage>'];
      throw new LeadqError('USAGE', `--only: unknown term ${quoteData(term)}; expected ${known.join(', ')} (comma-separated)${didYouMean(term, CHANGE_KINDS)}`);
    }
  }
  return { terms, kinds, entered: enteredRanks, left: leftRanks };
}

/** Whether a change passes the filter (null: every change does). */
export function passes(filter: Filter | null, kind: ChangeKind, before: number, after: number): boolean {
  if (filter === null || filter.kinds.has(kind)) return true;
  for (const s of filter.entered) if (entered(s, before, after)) return true;
  for (const s of filter.left) if (left(s, before, after)) return true;
  return false;
}
