/** The columns a ruleset reads, by how it reads them (a number, a date, true/false, text), in the order first read. */
import type { ValueKind } from '../model/operators.js';

export class Reads {
  private readonly sets: Record<ValueKind, Set<number>> = { number: new Set(), date: new Set(), boolean: new Set(), text: new Set() };

  /** `width`: columns from this index on are derived (filled from related files, never parsed) and not recorded */
  constructor(private readonly width = Infinity) {}

  add(kind: ValueKind, index: number): void {
    if (index >= 0 && index < this.width) this.sets[kind].add(index);
  }

  lists(): Record<ValueKind, number[]> {
    return { number: [...this.sets.number], date: [...this.sets.date], boolean: [...this.sets.boolean], text: [...this.sets.text] };
  }
}
