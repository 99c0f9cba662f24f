/**
 * The order of the stages, which a scored file does not hold: its `stage` column names a stage,
 * not where it stands. With the ruleset that scored the files (`--rules`) the ladder is its
 * stages in order; without one it is the funnel of the glossary, lead → warm → mql → sal → sql →
 * sqo, of which a ruleset's ladder is usually a part. Either way `disqualified` is below all.
 * A stage a file names that is not on the ladder means the files were scored with other stages:
 * comparing them would be guesswork, so it is an error naming the stage and the line.
 */
import { LeadqError, quoteData } from '../model/errors.js';
import { type Ruleset } from '../ruleset/types.js';
import { DISQUALIFIED } from '../model/result-columns.js';

/** The funnel of the glossary, lowest first; used when no ruleset is given. */
export const DEFAULT_LADDER = ['lead', 'warm', 'mql', 'sal', 'sql', 'sqo'] as const;

/** The rank of a lead that is not in a file (new or removed): below every stage. */
export const ABSENT = -1;

export class Ladder {
  /** every stage lowest first: disqualified (rank 0), then the ladder's stages (ranks 1, 2, …) */
  readonly names: string[];
  private readonly encoded: Uint8Array[];
  private readonly ranks = new Map<string, number>();

  constructor(
    stages: readonly string[],
    /** where the ladder comes from, for messages: the ruleset's file, or "the default ladder" */
    readonly origin: string,
    /** the stage sales calls SQL (the cost metrics' sql stage), for the tally; null when none */
    readonly sqlStage: string | null,
    /** true when the ladder is the default one (messages then suggest --rules) */
    readonly isDefault = false,
  ) {
    this.names = [DISQUALIFIED, ...stages];
    this.names.forEach((name, rank) => this.ranks.set(name, rank));
    this.encoded = this.names.map((name) => Buffer.from(name, 'utf8'));
  }

  static fromRuleset(ruleset: Ruleset, file: string): Ladder {
    return new Ladder(ruleset.stages.map((s) => s.name), file, ruleset.costStages.sql);
  }

  static default(): Ladder {
    return new Ladder(DEFAULT_LADDER, 'the default ladder', 'sql', true);
  }

  /** The rank of a stage name, or -1 when it is not on the ladder. */
  rank(name: string): number {
    return this.ranks.get(name) ?? -1;
  }

  /** The rank of the stage whose UTF-8 bytes are `b[from, to)`, or -1 (no string is made). */
  rankOfBytes(b: Uint8Array, from: number, to: number): number {
    const len = to - from;
    next: for (let r = 0; r < this.encoded.length; r++) {
      const name = this.encoded[r];
      if (name.length !== len) continue;
      for (let i = 0; i < len; i++) if (name[i] !== b[from + i]) continue next;
      return r;
    }
    return -1;
  }

  /** The error for a stage a file names that is not on this ladder. */
  unknownStage(stage: string, file: string, line: number): LeadqError {
    const ladder = this.names.slice(1).join(' → ');
    return new LeadqError('DIFF_STAGES', `stage ${quoteData(stage)} is not on ${this.isDefault ? 'the default ladder' : `the ladder of ${this.origin}`} (${ladder}, and ${DISQUALIFIED} below all): were the files scored with other stages?`, {
      file, line,
      hint: this.isDefault
        ? 'pass --rules with the ruleset that scored the files: its stages give the order'
        : 'score both files with the same stages, or pass the ruleset that scored them',
    });
  }
}
