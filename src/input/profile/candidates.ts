/**
 * The number and date formats a column may be written in, and per column the ones still in the
 * running. A candidate stays while its misfits are few (up to 10% of the filled cells, after a
 * grace of 10): one `1,000+` must not hide that a column holds numbers, and an analyst wants to
 * see the cells that will not parse. Text columns lose every candidate within their first few
 * cells, so the work per cell stays small. Pure.
 */
import { detach } from '../../model/detach.js';
import { parseDay } from '../../model/days.js';
import { datePatternParser, type NumberFormat } from '../../model/formats.js';
import { parseNumber } from '../values/coerce.js';
import { numberParser } from '../values/formats.js';

/** A format `formats:` would need for the column: absent when the plain reading fits. */
export interface SuggestedFormat {
  number?: string;
  currency?: boolean;
  suffixes?: boolean;
  date?: string;
  multi?: string;
}

export interface Candidate {
  format: SuggestedFormat | null;
  parse: (text: string) => number;
}

export const SAMPLES = 3;
/** a cell longer than this is no number or date */
const MAX_VALUE_LENGTH = 40;
const GRACE = 10;
const TOLERANCE = 0.1;

export function numberCandidates(european: boolean): Candidate[] {
  const pattern = (p: string, currency = false, suffixes = false): Candidate => {
    const format: NumberFormat = { pattern: p, currency, suffixes };
    return { format: { number: p, ...(currency ? { currency } : {}), ...(suffixes ? { suffixes } : {}) }, parse: numberParser(format) };
  };
  const us = ['1,234.56', '1234.56'];
  const eu = ['1.234,56', '1234,56', '1 234,56'];
  const order = european ? [...eu, ...us] : [...us, ...eu];
  return [
    { format: null, parse: parseNumber },
    ...order.filter((p) => p !== '1234.56').map((p) => pattern(p)),
    pattern("1'234.56"),
    ...order.map((p) => pattern(p, true)),
    ...order.map((p) => pattern(p, true, true)),
  ];
}

export function dateCandidates(european: boolean): Candidate[] {
  const us = ['MM/dd/yyyy', 'M/d/yyyy', 'MM-dd-yyyy', 'MM/dd/yy', 'M/d/yy'];
  const eu = ['dd/MM/yyyy', 'd/M/yyyy', 'dd-MM-yyyy', 'dd/MM/yy'];
  const either = ['dd.MM.yyyy', 'd.M.yyyy', 'dd.MM.yy', 'yyyy/MM/dd', 'd MMM yyyy', 'd MMM, yyyy', 'MMM d, yyyy', 'dd-MMM-yyyy', 'd-MMM-yy'];
  const days = european ? [...eu, ...either, ...us] : [...us, ...either, ...eu];
  const times = ['', ' HH:mm', ' HH:mm:ss', ' H:mm', ' H:mm:ss', ' h:mm a', ' hh:mm a', ' h:mm:ss a', ' hh:mm:ss a'];
  const out: Candidate[] = [{ format: null, parse: parseDay }];
  for (const d of days) {
    for (const t of times) {
      const compiled = datePatternParser(d + t);
      if ('parse' in compiled) out.push({ format: { date: d + t }, parse: compiled.parse });
    }
  }
  return out;
}

/** Cells that do not fit a reading: how many, and the first few. */
export class Misfits {
  count = 0;
  readonly samples: string[] = [];

  fail(text: string): void {
    this.count++;
    if (this.samples.length < SAMPLES && !this.samples.includes(text)) this.samples.push(detach(text));
  }
}

/** Candidate formats of one column, dropping out as cells do not fit them. */
export class Candidates {
  private alive: number[];
  private readonly misfits: Misfits[];

  constructor(private readonly list: Candidate[]) {
    this.alive = list.map((_, i) => i);
    this.misfits = list.map(() => new Misfits());
  }

  test(text: string, filled: number): void {
    if (this.alive.length === 0) return;
    let dropped = false;
    for (const i of this.alive) {
      if (text.length <= MAX_VALUE_LENGTH && !Number.isNaN(this.list[i].parse(text))) continue;
      dropped = this.miss(i, text, filled) || dropped;
    }
    if (dropped) this.prune(filled);
  }

  /** A cell no candidate may read (an id that a currency reading would take for `0 AAA`). */
  refuse(text: string, filled: number): void {
    let dropped = false;
    for (const i of this.alive) dropped = this.miss(i, text, filled) || dropped;
    if (dropped) this.prune(filled);
  }

  /** The candidate with the fewest misfits (the earlier on a tie), if they are within tolerance. */
  best(filled: number): { candidate: Candidate; misfits: Misfits } | undefined {
    let best = -1;
    for (const i of this.alive) if (best < 0 || this.misfits[i].count < this.misfits[best].count) best = i;
    return best >= 0 && this.misfits[best].count <= allowedMisfits(filled) ? { candidate: this.list[best], misfits: this.misfits[best] } : undefined;
  }

  private miss(i: number, text: string, filled: number): boolean {
    const m = this.misfits[i];
    m.fail(text);
    return pastGrace(m.count, filled);
  }

  private prune(filled: number): void {
    this.alive = this.alive.filter((i) => !pastGrace(this.misfits[i].count, filled));
  }
}

/** Misfits beyond the grace: the reading is out of the running (a text column stops paying for it). */
export function pastGrace(misfits: number, filled: number): boolean {
  return misfits > GRACE + filled * TOLERANCE;
}

/** Misfits a type tolerates: 10% of the filled cells, at least one once there are five. */
export function allowedMisfits(filled: number): number {
  return filled < 5 ? 0 : Math.max(1, Math.floor(filled * TOLERANCE));
}
