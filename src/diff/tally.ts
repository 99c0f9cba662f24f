/**
 * The counts of one diff, for the line on standard error and scripts: every change by kind
 * (whether it passed `--only` or not), leads that entered and left the stages the filter names
 * (else the SQL stage), and the changes written.
 *
 *   leadq: 12 entered sql, 3 left sql; 40 new, 5 removed, 130 up, 45 down, 812 score; 52 changes written
 */
import { CHANGE_KINDS, entered, left, type ChangeKind, type Filter } from './filter.js';
import type { Ladder } from './ladder.js';

export interface TallyJson {
  changes: Record<ChangeKind, number>;
  entered: Record<string, number>;
  left: Record<string, number>;
  written: number;
}

export class Tally {
  readonly byKind: Record<ChangeKind, number> = { new: 0, removed: 0, up: 0, down: 0, score: 0 };
  /** ranks of the stages whose entries and exits are counted */
  private readonly stages: number[];
  private readonly enteredCount: number[];
  private readonly leftCount: number[];
  written = 0;

  constructor(private readonly ladder: Ladder, filter: Filter | null) {
    const named = filter ? [...new Set([...filter.entered, ...filter.left])] : [];
    const sql = ladder.sqlStage === null ? -1 : ladder.rank(ladder.sqlStage);
    this.stages = named.length > 0 ? named.sort((a, b) => b - a) : sql > 0 ? [sql] : [];
    this.enteredCount = this.stages.map(() => 0);
    this.leftCount = this.stages.map(() => 0);
  }

  add(kind: ChangeKind, before: number, after: number, written: boolean): void {
    this.byKind[kind]++;
    if (written) this.written++;
    for (let i = 0; i < this.stages.length; i++) {
      if (entered(this.stages[i], before, after)) this.enteredCount[i]++;
      else if (left(this.stages[i], before, after)) this.leftCount[i]++;
    }
  }

  get total(): number {
    return CHANGE_KINDS.reduce((sum, k) => sum + this.byKind[k], 0);
  }

  /** One line without the `leadq: ` prefix. */
  line(): string {
    const stages = this.stages.flatMap((s, i) => [`${this.enteredCount[i]} entered ${this.ladder.names[s]}`, `${this.leftCount[i]} left ${this.ladder.names[s]}`]);
    const kinds = CHANGE_KINDS.map((k) => `${this.byKind[k]} ${k}`);
    const written = `${this.written} change${this.written === 1 ? '' : 's'} written`;
    return `${stages.length > 0 ? `${stages.join(', ')}; ` : ''}${kinds.join(', ')}; ${written}`;
  }

  toJson(): TallyJson {
    const byStage = (counts: number[]) => Object.fromEntries(this.stages.map((s, i) => [this.ladder.names[s], counts[i]]));
    return { changes: { ...this.byKind }, entered: byStage(this.enteredCount), left: byStage(this.leftCount), written: this.written };
  }
}
