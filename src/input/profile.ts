/**
 * What `leadq inspect` learns about an export's columns, one record at a time, in bounded
 * memory: per column a few counters, the candidate formats still in the running (they only ever
 * drop out), up to three samples and the placeholders seen, each copied (`detach`) so that no
 * kept value holds on to the block of text it came from. Pure: no I/O.
 *
 * The inferred type is the narrowest that fits the filled cells: boolean (yes/no words), number
 * (plain, or a format such as `1.234,56` or `$342.09K`), date (ISO, or a pattern such as
 * `MM/dd/yyyy`), email, else text. Up to 10% of misfits (at least one) are tolerated and reported (`1,000+` in a
 * column of numbers is what an analyst must see, not a reason to call the column text). Where several formats fit (`1,200` reads in both conventions),
 * the usual one for the export's delimiter is suggested first: `1.234,56` and `dd/MM/yyyy` for
 * semicolon files (European Excel), `1,234.56` and `MM/dd/yyyy` otherwise.
 */
import { detach } from '../model/detach.js';
import { isValidEmail } from '../model/email.js';
import { BOOL_INVALID, parseBoolean, parseNumber } from './values/coerce.js';
import { parseDay } from '../model/days.js';
import { numberParser, Placeholders } from './values/formats.js';
import { datePatternParser, type NumberFormat } from '../model/formats.js';

export type InferredType = 'empty' | 'boolean' | 'number' | 'date' | 'email' | 'text';

/** A format `formats:` would need for the column: absent when the plain reading fits. */
export interface SuggestedFormat {
  number?: string;
  currency?: boolean;
  suffixes?: boolean;
  date?: string;
  multi?: string;
}

export interface ColumnProfile {
  name: string;
  type: InferredType;
  format: SuggestedFormat | null;
  /** cells with text that is not a placeholder */
  filled: number;
  /** blank cells and placeholders */
  empty: number;
  /** placeholder as written (trimmed) → count */
  placeholders: Record<string, number>;
  samples: string[];
  /** filled cells that do not read as the type (up to 10% are tolerated): they would be value warnings */
  misfits: number;
  misfitSamples: string[];
  /** values such as `10.000` in a column read as plain numbers: ten, unless `formats:` says `1.234,56` */
  dotThousands: string[];
}

interface Candidate {
  format: SuggestedFormat | null;
  parse: (text: string) => number;
}

const SAMPLES = 3;
/** distinct placeholder spellings kept per column */
const PLACEHOLDER_KINDS = 20;
/** a cell longer than this is no number or date */
const MAX_VALUE_LENGTH = 40;

function numberCandidates(european: boolean): Candidate[] {
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

function dateCandidates(european: boolean): Candidate[] {
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

/** The candidate lists, compiled once per inspect run and shared by all columns. */
export class Profiler {
  private readonly numbers: Candidate[];
  private readonly dates: Candidate[];
  private readonly placeholders: Placeholders | null;
  private readonly columns: ColumnState[];
  rows = 0;

  constructor(header: readonly string[], delimiter: string, placeholders: readonly string[]) {
    const european = delimiter === ';';
    this.numbers = numberCandidates(european);
    this.dates = dateCandidates(european);
    this.placeholders = placeholders.length > 0 ? new Placeholders(placeholders) : null;
    this.columns = header.map((name) => new ColumnState(name, this.numbers, this.dates, delimiter, european));
  }

  /** One record of the header's width. */
  add(fields: readonly string[]): void {
    this.rows++;
    for (let i = 0; i < this.columns.length; i++) this.cell(this.columns[i], fields[i]);
  }

  private cell(col: ColumnState, text: string): void {
    const t = text.trim();
    if (t === '') { col.empty++; return; }
    if (this.placeholders?.has(text)) {
      col.empty++;
      if (t in col.placeholders || Object.keys(col.placeholders).length < PLACEHOLDER_KINDS) col.placeholders[t in col.placeholders ? t : detach(t)] = (col.placeholders[t] ?? 0) + 1;
      return;
    }
    col.filled++;
    if (col.samples.length < SAMPLES && !col.samples.includes(t)) col.samples.push(detach(t));
    const b = parseBoolean(t);
    if (b === BOOL_INVALID) col.boolean.fail(t);
    else if (t !== '0' && t !== '1') col.booleanWord = true;
    if (!isValidEmail(t)) col.email.fail(t);
    if (col.multi !== '' && t.includes(col.multi)) col.multiCells++;
    if (col.dotThousands.length < SAMPLES && DOT_THOUSANDS.test(t) && !col.dotThousands.includes(t)) col.dotThousands.push(detach(t));
    // plain digits read the same in every number format (formats.ts): no candidate can drop out
    if (!allDigits(t)) col.numbers.test(t, col.filled);
    col.dates.test(t, col.filled);
  }

  finish(): ColumnProfile[] {
    return this.columns.map((c) => c.profile());
  }
}

function allDigits(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Cells that do not fit a reading: how many, and the first few. */
class Misfits {
  count = 0;
  readonly samples: string[] = [];

  fail(text: string): void {
    this.count++;
    if (this.samples.length < SAMPLES && !this.samples.includes(text)) this.samples.push(detach(text));
  }
}

/**
 * Candidate formats of one column. A candidate stays while its misfits are few (up to 10% of the
 * filled cells, after a grace of 10): one `1,000+` must not hide that a column holds numbers, and
 * an analyst wants to see the cells that will not parse. Text columns lose every candidate within
 * their first few cells, so the work per cell stays small.
 */
class Candidates {
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
      const m = this.misfits[i];
      m.fail(text);
      if (m.count > GRACE + filled * TOLERANCE) dropped = true;
    }
    if (dropped) this.alive = this.alive.filter((i) => this.misfits[i].count <= GRACE + filled * TOLERANCE);
  }

  /** The candidate with the fewest misfits (the earlier on a tie), if they are within tolerance. */
  best(filled: number): { candidate: Candidate; misfits: Misfits } | undefined {
    let best = -1;
    for (const i of this.alive) if (best < 0 || this.misfits[i].count < this.misfits[best].count) best = i;
    return best >= 0 && this.misfits[best].count <= allowedMisfits(filled) ? { candidate: this.list[best], misfits: this.misfits[best] } : undefined;
  }
}

const GRACE = 10;
const TOLERANCE = 0.1;

/** Misfits a type tolerates: 10% of the filled cells, at least one once there are five. */
function allowedMisfits(filled: number): number {
  return filled < 5 ? 0 : Math.max(1, Math.floor(filled * TOLERANCE));
}

/** `10.000`, `1.200`: ten and 1.2 to the plain reader, ten thousand and 1200 to a European eye. */
const DOT_THOUSANDS = /^[+-]?\d{1,3}(?:\.\d{3})+$/;

class ColumnState {
  filled = 0;
  empty = 0;
  placeholders: Record<string, number> = Object.create(null);
  samples: string[] = [];
  readonly boolean = new Misfits();
  booleanWord = false;
  readonly email = new Misfits();
  multiCells = 0;
  /** the first few values such as `10.000` (ambiguous without a format) */
  readonly dotThousands: string[] = [];
  /** HubSpot's multi-value separator, unless it separates the fields of this export */
  readonly multi: string;
  readonly numbers: Candidates;
  readonly dates: Candidates;

  constructor(readonly name: string, numbers: Candidate[], dates: Candidate[], delimiter: string, readonly european: boolean) {
    this.numbers = new Candidates(numbers);
    this.dates = new Candidates(dates);
    this.multi = delimiter === ';' ? '' : ';';
  }

  profile(): ColumnProfile {
    const base = { name: this.name, filled: this.filled, empty: this.empty, placeholders: { ...this.placeholders }, samples: this.samples };
    const tolerated = (m: Misfits) => m.count <= allowedMisfits(this.filled);
    const typed = (type: InferredType, format: SuggestedFormat | null, m: Misfits): ColumnProfile =>
      ({ ...base, type, format, misfits: m.count, misfitSamples: m.samples, dotThousands: type === 'number' && format === null ? this.dotThousands : [] });
    if (this.filled === 0) return { ...base, type: 'empty', format: null, misfits: 0, misfitSamples: [], dotThousands: [] };
    if (this.booleanWord && tolerated(this.boolean)) return typed('boolean', null, this.boolean);
    const number = this.numbers.best(this.filled);
    if (number) {
      // plain digits with dot groups in a semicolon file: the European reading is the likely one
      const format = number.candidate.format ?? (this.dotThousands.length > 0 && this.european ? { number: '1.234,56' } : null);
      return typed('number', format, number.misfits);
    }
    const date = this.dates.best(this.filled);
    if (date) return typed('date', date.candidate.format, date.misfits);
    if (tolerated(this.email)) return typed('email', null, this.email);
    // several values in a good share of the cells: HubSpot's multiple checkboxes
    const multi = this.multi !== '' && this.multiCells >= Math.max(2, this.filled / 10) ? { multi: this.multi } : null;
    return { ...base, type: 'text', format: multi, misfits: 0, misfitSamples: [], dotThousands: [] };
  }
}
