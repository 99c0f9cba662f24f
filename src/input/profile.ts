/**
 * What `leadq inspect` learns about an export's columns, one record at a time, in bounded
 * memory: per column a few counters, the candidate formats still in the running (they only ever
 * drop out), up to three samples per finding and the placeholders seen, each copied (`detach`) so
 * that no kept value holds on to the block of text it came from. Pure: no I/O.
 *
 * The inferred type is the narrowest that fits the filled cells: boolean (yes/no words, or only
 * 0 and 1), number (plain, or a format such as `1.234,56` or `$342.09K`), percentage (`12.5 %`,
 * which leadq reads as text), date (ISO, or a pattern such as `MM/dd/yyyy`), email, else text.
 * Codes made of digits are text, never numbers: values with leading zeros (`00501`), Salesforce
 * ids, and columns named like an id, a postal code or a phone. Up to 10% of misfits (at least
 * one) are tolerated and reported (`1,000+` in a column of numbers is what an analyst must see,
 * not a reason to call the column text). Where several formats fit (`1,200` reads in both
 * conventions), the usual one for the export's delimiter is suggested first: `1.234,56` and
 * `dd/MM/yyyy` for semicolon files (European Excel), `1,234.56` and `MM/dd/yyyy` otherwise.
 *
 * Cells that show how the export was made are flagged per column with samples: mojibake,
 * Excel's dates and scientific notation. The lead source column's values are counted (see
 * profile/sources.ts).
 */
import { detach } from '../model/detach.js';
import { isValidEmail } from '../model/email.js';
import { BOOL_INVALID, parseBoolean } from './values/coerce.js';
import { Placeholders } from './values/formats.js';
import { allowedMisfits, Candidates, dateCandidates, Misfits, numberCandidates, pastGrace, SAMPLES, type Candidate, type SuggestedFormat } from './profile/candidates.js';
import { SourceCounter } from './profile/sources.js';
import { excelDate, excelScientific, extraPlaceholder, identifierName, isMojibake, leadingZeros, percentage, salesforceId, type FlagKind } from './profile/value-flags.js';

export type { SuggestedFormat } from './profile/candidates.js';
export type { FlagKind } from './profile/value-flags.js';

export type InferredType = 'empty' | 'boolean' | 'number' | 'percentage' | 'date' | 'email' | 'text';

/** Cells of one kind worth a word (mojibake, an Excel date, …): how many, and the first few. */
export interface ColumnFlag {
  kind: FlagKind;
  count: number;
  samples: string[];
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
  /** words that mean "no value" in this typed column but are not placeholders yet (`unknown`, `TBD`) → count */
  newPlaceholders: Record<string, number>;
  samples: string[];
  /** filled cells that do not read as the type (up to 10% are tolerated): they would be value warnings */
  misfits: number;
  misfitSamples: string[];
  /** values such as `10.000` in a column read as plain numbers: ten, unless `formats:` says `1.234,56` */
  dotThousands: string[];
  flags: ColumnFlag[];
  /** whole numbers only, none negative: a count (`per:` material) */
  counts: boolean;
}

export interface ProfilerOptions {
  /** the placeholders in force (the built-in list) */
  placeholders: readonly string[];
  /** the column whose values are counted for near-duplicate spellings; -1 for none */
  sourceColumn?: number;
}

/** distinct placeholder spellings kept per column */
const PLACEHOLDER_KINDS = 20;

/** The candidate lists, compiled once per inspect run and shared by all columns. */
export class Profiler {
  private readonly placeholders: Placeholders | null;
  private readonly columns: ColumnState[];
  readonly sources: SourceCounter | null;
  private readonly sourceColumn: number;
  rows = 0;

  constructor(header: readonly string[], delimiter: string, options: ProfilerOptions) {
    const european = delimiter === ';';
    const numbers = numberCandidates(european);
    const dates = dateCandidates(european);
    this.placeholders = options.placeholders.length > 0 ? new Placeholders(options.placeholders) : null;
    this.columns = header.map((name) => new ColumnState(name, numbers, dates, delimiter, european));
    this.sourceColumn = options.sourceColumn ?? -1;
    this.sources = this.sourceColumn >= 0 && this.sourceColumn < header.length ? new SourceCounter() : null;
  }

  /** One record of the header's width. */
  add(fields: readonly string[]): void {
    this.rows++;
    for (let i = 0; i < this.columns.length; i++) this.columns[i].cell(fields[i], this.placeholders);
    if (this.sources) this.sources.add(fields[this.sourceColumn], this.placeholders);
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

function hasNonAscii(t: string): boolean {
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) > 127) return true;
  return false;
}

/** `10.000`, `1.200`: ten and 1.2 to the plain reader, ten thousand and 1200 to a European eye. */
const DOT_THOUSANDS = /^[+-]?\d{1,3}(?:\.\d{3})+$/;

class ColumnState {
  filled = 0;
  empty = 0;
  placeholders: Record<string, number> = Object.create(null);
  maybePlaceholders: Record<string, number> = Object.create(null);
  samples: string[] = [];
  readonly boolean = new Misfits();
  /** yes/no is out of the running (as the number and date candidates drop out) */
  booleanOut = false;
  booleanWord = false;
  /** cells other than `0` and `1` */
  notBits = 0;
  /** cells that are not plain digits */
  notDigits = 0;
  zeros = 0;
  ones = 0;
  readonly email = new Misfits();
  emailOut = false;
  readonly percent = new Misfits();
  multiCells = 0;
  /** the first few values such as `10.000` (ambiguous without a format) */
  readonly dotThousands: string[] = [];
  readonly flags: Record<FlagKind, Misfits> = {
    'mojibake': new Misfits(), 'excel-date': new Misfits(), 'excel-scientific': new Misfits(),
    'leading-zeros': new Misfits(), 'salesforce-id': new Misfits(), 'identifier': new Misfits(),
  };
  /** HubSpot's multi-value separator, unless it separates the fields of this export */
  readonly multi: string;
  readonly numbers: Candidates;
  readonly dates: Candidates;

  constructor(readonly name: string, numbers: Candidate[], dates: Candidate[], delimiter: string, readonly european: boolean) {
    this.numbers = new Candidates(numbers);
    this.dates = new Candidates(dates);
    this.multi = delimiter === ';' ? '' : ';';
  }

  cell(text: string, placeholders: Placeholders | null): void {
    const t = text.trim();
    if (t === '') { this.empty++; return; }
    if (placeholders?.has(text)) { this.empty++; count(this.placeholders, t); return; }
    if (extraPlaceholder(t)) { count(this.maybePlaceholders, t); return; }
    this.filled++;
    if (this.samples.length < SAMPLES && !this.samples.includes(t)) this.samples.push(detach(t));
    if (!this.booleanOut) this.yesNo(t);
    if (t !== '0' && t !== '1') this.notBits++;
    if (!this.emailOut && !isValidEmail(t)) {
      this.email.fail(t);
      this.emailOut = pastGrace(this.email.count, this.filled);
    }
    if (this.multi !== '' && t.includes(this.multi)) this.multiCells++;
    if (this.dotThousands.length < SAMPLES && DOT_THOUSANDS.test(t) && !this.dotThousands.includes(t)) this.dotThousands.push(detach(t));
    if (allDigits(t)) {
      // plain digits read the same in every number format (formats.ts): no candidate can drop out
      if (leadingZeros(t)) this.flags['leading-zeros'].fail(t);
    } else {
      this.notDigits++;
      this.others(t);
    }
    this.dates.test(t, this.filled);
    if (hasNonAscii(t) && isMojibake(t)) this.flags.mojibake.fail(t);
  }

  private yesNo(t: string): void {
    const b = parseBoolean(t);
    if (b === BOOL_INVALID) {
      this.boolean.fail(t);
      this.booleanOut = pastGrace(this.boolean.count, this.filled);
    } else if (t === '0') this.zeros++;
    else if (t === '1') this.ones++;
    else this.booleanWord = true;
  }

  /** A cell that is not plain digits: a number candidate may drop out, and it may be worth a flag. */
  private others(t: string): void {
    if (salesforceId(t)) {
      this.flags['salesforce-id'].fail(t);
      this.numbers.refuse(t, this.filled);
      return;
    }
    this.numbers.test(t, this.filled);
    if (percentage(t)) this.percent.fail(t);
    else if (excelDate(t)) this.flags['excel-date'].fail(t);
    else if (excelScientific(t)) this.flags['excel-scientific'].fail(t);
  }

  profile(): ColumnProfile {
    const type = this.type();
    const typed = type.type !== 'text' && type.type !== 'empty';
    // words such as `unknown` are placeholders in a typed column, values in a text one
    const maybe = Object.values(this.maybePlaceholders).reduce((a, b) => a + b, 0);
    const filled = typed || type.type === 'empty' && maybe === 0 ? this.filled : this.filled + maybe;
    const flags = (Object.entries(this.flags) as [FlagKind, Misfits][])
      .filter(([kind, m]) => m.count > 0 && (kind !== 'identifier' || type.identifier))
      .map(([kind, m]) => ({ kind, count: m.count, samples: [...m.samples] }));
    if (type.identifier) flags.push({ kind: 'identifier', count: this.filled, samples: [] });
    return {
      name: this.name, filled, empty: this.empty, placeholders: { ...this.placeholders },
      newPlaceholders: typed ? { ...this.maybePlaceholders } : {}, samples: this.samples,
      type: type.type === 'empty' && maybe > 0 ? 'text' : type.type, format: type.format,
      misfits: type.misfits?.count ?? 0, misfitSamples: type.misfits?.samples ?? [],
      dotThousands: type.type === 'number' && type.format === null ? this.dotThousands : [],
      flags, counts: type.type === 'number' && type.format === null && this.notDigits <= (type.misfits?.count ?? 0),
    };
  }

  private type(): { type: InferredType; format: SuggestedFormat | null; misfits?: Misfits; identifier?: boolean } {
    if (this.filled === 0) return { type: 'empty', format: null };
    const tolerated = (m: Misfits) => m.count <= allowedMisfits(this.filled);
    if (!this.booleanOut && this.booleanWord && tolerated(this.boolean)) return { type: 'boolean', format: null, misfits: this.boolean };
    // a column of only 0 and 1 is a yes/no flag, not a count
    if (this.notBits === 0 && this.zeros > 0 && this.ones > 0) return { type: 'boolean', format: null, misfits: this.boolean };
    const number = this.numbers.best(this.filled);
    if (number) {
      // digits that are codes: `00501`, a column named like an id or a postal code
      if (this.flags['leading-zeros'].count > 0) return { type: 'text', format: null };
      if (number.candidate.format === null && identifierName(this.name)) return { type: 'text', format: null, identifier: true };
      // plain digits with dot groups in a semicolon file: the European reading is the likely one
      const format = number.candidate.format ?? (this.dotThousands.length > 0 && this.european ? { number: '1.234,56' } : null);
      return { type: 'number', format, misfits: number.misfits };
    }
    if (this.percent.count > 0 && this.filled - this.percent.count <= allowedMisfits(this.filled)) {
      const misfits = new Misfits();
      misfits.count = this.filled - this.percent.count;
      return { type: 'percentage', format: null, misfits };
    }
    const date = this.dates.best(this.filled);
    if (date) return { type: 'date', format: date.candidate.format, misfits: date.misfits };
    if (!this.emailOut && tolerated(this.email)) return { type: 'email', format: null, misfits: this.email };
    // several values in a good share of the cells: HubSpot's multiple checkboxes
    const multi = this.multi !== '' && this.multiCells >= Math.max(2, this.filled / 10) ? { multi: this.multi } : null;
    return { type: 'text', format: multi };
  }
}

function count(into: Record<string, number>, t: string): void {
  if (t in into) into[t]++;
  else if (Object.keys(into).length < PLACEHOLDER_KINDS) into[detach(t)] = 1;
}
