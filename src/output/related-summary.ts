/**
 * What reading a related file came to, per file: rows read, matched to a lead, matching no lead,
 * rejected, dated after the as-of date, and the cells that did not parse (a key, a timestamp, a
 * value a derived column reads), each with its first lines. A pure reducer like summary.ts:
 * blocks add their counts (in input order, their lines shifted), `finish` gives the summary's
 * entry, and the renderings say it in words.
 */
import { detach } from '../model/detach.js';
import { guessDatePattern, isZeroDate } from '../input/profile/guess-date.js';
import { quoteData } from '../model/errors.js';

const FIRST_LINES_KEPT = 5;

export interface RelatedSummary {
  name: string;
  file: string;
  /** data rows read: matched + unmatched + rejected + rows without a key or a timestamp */
  rows: number;
  /** rows whose key is a lead's (those dated after the as-of date included) */
  matched: number;
  unmatched: number;
  unmatched_first_lines: number[];
  rejected: number;
  rejected_first_lines: number[];
  /** matched rows dated after the as-of date, which never count */
  after_as_of: number;
  /** the line of a report footer (Salesforce's "Grand Totals"), where reading stopped; absent without one */
  footer_line?: number;
  /**
   * cells that did not parse, by column: `key` (empty), `key_list` (several keys in one cell), `key_name` (`Name <address>`),
   * `key_number` (an id a spreadsheet rewrote as a number: `1002.0`, `4.15E+18`),
   * `timestamp` (empty or not a date), or the kind a derived column reads
   */
  warnings: { column: string; kind: string; count: number; first_lines: number[]; first_value: string }[];
}

interface Warned {
  column: number;
  kind: string;
  count: number;
  firstLines: number[];
  firstValue: string;
}

/** A block's share, structured-clone safe. */
export interface RelatedCounts {
  rows: number;
  matched: number;
  unmatched: number;
  unmatchedLines: number[];
  rejected: number;
  rejectedLines: number[];
  afterAsOf: number;
  /** block-relative line of a report footer; 0: none */
  footerLine: number;
  warnings: Warned[];
}

export class RelatedTally {
  private rows = 0;
  private matched = 0;
  private unmatched = 0;
  private readonly unmatchedLines: number[] = [];
  private rejected = 0;
  private readonly rejectedLines: number[] = [];
  private afterAsOf = 0;
  private footerLine = 0;
  private readonly warnings = new Map<string, Warned>();

  read(): void { this.rows++; }
  footer(line: number): void { if (this.footerLine === 0) this.footerLine = line; }
  match(afterAsOf: boolean): void { this.matched++; if (afterAsOf) this.afterAsOf++; }

  miss(line: number): void {
    this.unmatched++;
    if (this.unmatchedLines.length < FIRST_LINES_KEPT) this.unmatchedLines.push(line);
  }

  reject(line: number): void {
    this.rows++;
    this.rejected++;
    if (this.rejectedLines.length < FIRST_LINES_KEPT) this.rejectedLines.push(line);
  }

  warn(column: number, kind: string, value: string, line: number): void {
    const key = `${column}:${kind}`;
    let w = this.warnings.get(key);
    if (!w) this.warnings.set(key, (w = { column, kind, count: 0, firstLines: [], firstValue: detach(value) }));
    w.count++;
    if (w.firstLines.length < FIRST_LINES_KEPT) w.firstLines.push(line);
  }

  snapshot(): RelatedCounts {
    return {
      rows: this.rows, matched: this.matched, unmatched: this.unmatched, unmatchedLines: this.unmatchedLines, rejected: this.rejected,
      rejectedLines: this.rejectedLines, afterAsOf: this.afterAsOf, footerLine: this.footerLine, warnings: [...this.warnings.values()],
    };
  }

  /** Adds a block's counts, its lines shifted by `lineShift`. */
  merge(c: RelatedCounts, lineShift: number): void {
    this.rows += c.rows;
    this.matched += c.matched;
    this.unmatched += c.unmatched;
    this.rejected += c.rejected;
    this.afterAsOf += c.afterAsOf;
    if (c.footerLine > 0 && this.footerLine === 0) this.footerLine = c.footerLine + lineShift;
    for (const line of c.unmatchedLines) if (this.unmatchedLines.length < FIRST_LINES_KEPT) this.unmatchedLines.push(line + lineShift);
    for (const line of c.rejectedLines) if (this.rejectedLines.length < FIRST_LINES_KEPT) this.rejectedLines.push(line + lineShift);
    for (const w of c.warnings) {
      const key = `${w.column}:${w.kind}`;
      let mine = this.warnings.get(key);
      if (!mine) this.warnings.set(key, (mine = { column: w.column, kind: w.kind, count: 0, firstLines: [], firstValue: w.firstValue }));
      mine.count += w.count;
      for (const line of w.firstLines) if (mine.firstLines.length < FIRST_LINES_KEPT) mine.firstLines.push(line + lineShift);
    }
  }

  finish(name: string, file: string, header: readonly string[]): RelatedSummary {
    return {
      name, file, rows: this.rows, matched: this.matched, unmatched: this.unmatched, unmatched_first_lines: [...this.unmatchedLines],
      rejected: this.rejected, rejected_first_lines: [...this.rejectedLines], after_as_of: this.afterAsOf,
      ...(this.footerLine > 0 ? { footer_line: this.footerLine } : {}),
      warnings: [...this.warnings.values()].sort((a, b) => a.column - b.column || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)).map((w) => ({
        column: header[w.column], kind: w.kind, count: w.count, first_lines: w.firstLines, first_value: w.firstValue,
      })),
    };
  }
}

const lines = (first: number[], count: number) => `line${first.length === 1 ? '' : 's'} ${first.join(', ')}${count > first.length ? ', …' : ''}`;
const A_KIND: Record<string, string> = { number: 'a number', date: 'a date', boolean: 'true or false' };

/** What reading a related file came to, in lines for standard error (none when all went well). */
export function relatedWarningLines(s: RelatedSummary): string[] {
  const name = quoteData(s.file);
  const out: string[] = [];
  // a header and nothing else is what a failed or filtered-to-nothing export looks like
  if (s.rows === 0) out.push(`${name} has no rows: every lead gets each derived column's value for no row (0, false or empty)`);
  if (s.unmatched > 0) {
    const first = `(first at ${lines(s.unmatched_first_lines, s.unmatched)})`;
    out.push(mostly(s.unmatched, s.rows)
      ? `most rows of ${name} match no lead: ${n(s.unmatched)} of ${n(s.rows)} (${share(s.unmatched, s.rows)}) ${first}\n  hint: ${UNMATCHED_HINT}`
      : `${n(s.unmatched)} of ${n(s.rows)} rows of ${name} match no lead ${first}`);
  }
  for (const w of s.warnings) {
    const one = w.count === 1;
    const where = `(first at ${lines(w.first_lines, w.count)}: ${quoteData(w.first_value)})`;
    if (w.kind === 'key_list' || w.kind === 'key_name') {
      // one key per cell: the row is the cell's shape, not a key no lead has
      const what = w.kind === 'key_list' ? 'several keys' : 'a name with the address';
      out.push(`${w.count} row${one ? '' : 's'} of ${name} hold${one ? 's' : ''} ${what} in column ${quoteData(w.column)} and match${one ? 'es' : ''} no lead: leadq matches one key per cell ${where}`);
    } else if (w.kind === 'key_number') {
      out.push(`${w.count} row${one ? '' : 's'} of ${name} hold${one ? 's' : ''} an id a spreadsheet or script rewrote as a number in column ${quoteData(w.column)} and match${one ? 'es' : ''} no lead ${where}\n  hint: ${KEY_NUMBER_HINT}`);
    } else if (w.kind === 'key' || w.kind === 'timestamp') {
      const what = w.kind === 'key' ? 'no key' : 'no timestamp that parses';
      if (mostly(w.count, s.rows)) {
        // a format or a column that changed: every lead would lose its activity without a louder word
        out.push(`most rows of ${name} have ${what} in column ${quoteData(w.column)}: ${n(w.count)} of ${n(s.rows)} (${share(w.count, s.rows)}), which do not count ${where}\n  hint: ${w.kind === 'key' ? keyHint(s) : timestampHint(s, w)}`);
      } else {
        out.push(`${w.count} row${one ? '' : 's'} of ${name} ha${one ? 's' : 've'} ${what} in column ${quoteData(w.column)} and do${one ? 'es' : ''} not count ${where}`);
      }
    } else {
      const line = `${w.count} value${one ? '' : 's'} of column ${quoteData(w.column)} of ${name} ${one ? 'is' : 'are'} not ${A_KIND[w.kind] ?? w.kind}, read as empty ${where}`;
      out.push(mostly(w.count, s.rows) ? `${line}\n  hint: ${relatedFormatHint(s.name, s.file)}` : line);
    }
  }
  return out;
}

/** More than half of the rows read: the file, not a few rows, is the problem. */
const mostly = (count: number, rows: number) => count * 2 > rows;
const share = (count: number, rows: number) => `${Math.round((count / rows) * 100)}%`;

/** An id column a spreadsheet or script rewrote as numbers (related keys, account ids): how to export it. */
export const KEY_NUMBER_HINT = 'export the file again with the ids as text: Excel keeps only 15 digits and writes 4.15087E+18 (import the column as Text instead of opening the CSV), pandas writes 1002.0 for an id column with a blank (read it with dtype=str)';

const UNMATCHED_HINT = 'do "key" and "matches" hold the same kind of key (emails and emails, ids of the same system and form: a Salesforce id of 15 characters matches its 18-character form only with key_type: salesforce_id)? docs/rules.md#reading-matching-and-what-the-summary-says';

function keyHint(s: RelatedSummary): string {
  return `is "key" the column holding the lead's email or id? \`leadq inspect ${s.file}\` shows its columns and values`;
}

/** The related file's date format as its `formats:` entry would give it, with a pattern read off the first value when one fits. */
function timestampHint(s: RelatedSummary, w: RelatedSummary['warnings'][number]): string {
  return relatedDateHint(s.name, s.file, w.column, w.first_value);
}

/**
 * How to read a related file's dates (for `score` and `validate --input`): its own `formats:`
 * entry — the top-level `formats:` names the export's columns and does not reach it.
 */
export function relatedDateHint(name: string, file: string, column: string, value: string): string {
  // a row without a date cannot count, placeholder or not: the question is the column
  if (isZeroDate(value)) return `${quoteData(value.trim())} is how SQL dumps write no date, so these rows have none; is "at" the column saying when each row happened? \`leadq inspect ${file}\` shows its values`;
  const pattern = guessDatePattern(value);
  const key = JSON.stringify(column);
  const inspect = `\`leadq inspect ${file}\` shows the column's format`;
  // no pattern read off the value: the entry to fill in, not a guess that would not read it either
  if (pattern === undefined) return `give the file's date format in related.${name} of the ruleset: formats: { ${key}: { date: '<pattern>' } } (docs/rules.md#formats); ${inspect}`;
  return `give the file's date format in related.${name} of the ruleset, e.g. formats: { ${key}: { date: '${pattern}' } }; ${inspect}`;
}

/** The same for a value a derived column reads (a number written `1.234,5`, a date). */
export function relatedFormatHint(name: string, file: string): string {
  return `has the file's format changed? \`leadq inspect ${file}\` shows the column's format; a formats: entry in related.${name} of the ruleset reads it (docs/rules.md#formats)`;
}

/**
 * One line per related file: what was read and what became of the rows, the parts adding up to
 * the rows read (matched, unmatched, rejected, without a key, without a timestamp); then what
 * concerns some of them (matched rows after the as-of date, values that did not parse).
 */
export function relatedLine(s: RelatedSummary): string {
  const count = (kind: string) => s.warnings.filter((w) => w.kind === kind).reduce((a, w) => a + w.count, 0);
  const parts = [`${n(s.matched)} matched`, `${n(s.unmatched)} unmatched`];
  if (s.rejected > 0) parts.push(`${n(s.rejected)} rejected`);
  const noKey = count('key');
  if (noKey > 0) parts.push(`${n(noKey)} without a key`);
  const noTimestamp = count('timestamp');
  if (noTimestamp > 0) parts.push(`${n(noTimestamp)} without a timestamp`);
  const notes: string[] = [];
  if (s.after_as_of > 0) notes.push(`${n(s.after_as_of)} matched after the as-of date`);
  const values = s.warnings.filter((w) => !ROW_KINDS.has(w.kind)).reduce((a, w) => a + w.count, 0);
  if (values > 0) notes.push(`${n(values)} value${values === 1 ? '' : 's'} that did not parse`);
  return `${s.name} (${s.file}): ${n(s.rows)} rows read: ${parts.join(', ')}${notes.length > 0 ? `; ${notes.join(', ')}` : ''}`;
}

/** Warnings about a row's key or timestamp (the others are about a value a derived column reads). */
const ROW_KINDS = new Set(['key', 'key_list', 'key_name', 'key_number', 'timestamp']);

/** A count as every message writes it: 1,482. */
function n(count: number): string {
  return count.toLocaleString('en-US');
}
