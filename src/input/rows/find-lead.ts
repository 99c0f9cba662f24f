/**
 * Finds one lead of an export by its id or email, for `leadq explain --lead`, in the columns that
 * identify a lead (ruleset/id-columns.ts decides which). An id matches exactly, an email ignoring
 * case; both ignore surrounding spaces. A lead not found is an error that names the nearest
 * values the export holds.
 */
import { LeadqError, quoteData } from '../../model/errors.js';
import type { CsvInput } from '../csv/read-csv.js';
import { distance } from '../../model/suggest.js';

export interface IdColumn {
  index: number;
  name: string;
  email: boolean;
}

export interface FoundLead {
  fields: string[];
  line: number;
  column: IdColumn;
  /** lines of further rows with the same value */
  otherLines: number[];
}

export async function findLead(input: CsvInput, columns: IdColumn[], wanted: string): Promise<FoundLead> {
  const want = wanted.trim();
  const wantLower = want.toLowerCase();
  const nearest = new Nearest(want, 5);
  let found: FoundLead | undefined;
  for await (const batch of input.batches()) {
    for (const record of batch) {
      if (record.malformed !== undefined || record.fields.length !== input.header.length) continue;
      for (const column of columns) {
        const value = record.fields[column.index].trim();
        const hit = column.email ? value.toLowerCase() === wantLower : value === want;
        if (!hit) {
          if (found === undefined) nearest.offer(value, record.line);
          continue;
        }
        if (found === undefined) found = { fields: record.fields, line: record.line, column, otherLines: [] };
        else if (found.otherLines.length < 10) found.otherLines.push(record.line);
        break;
      }
    }
  }
  if (found) return found;
  const names = columns.map((c) => quoteData(c.name)).join(' or ');
  const near = nearest.list();
  throw new LeadqError('LEAD_NOT_FOUND', `no lead has ${quoteData(want)} in ${names} of ${input.name}`
    + (near.length ? `; nearest: ${near.map((n) => `${quoteData(n.value)} (line ${n.line})`).join(', ')}` : ''), {
    hint: 'ids match exactly, emails ignoring case; set id_column in the ruleset to look the lead up in another column',
  });
}

/** The few values closest to a word by edit distance, each with the first line it is on. */
class Nearest {
  private readonly best: { value: string; line: number; d: number }[] = [];

  private readonly lower: string;
  /** farther than this is not a near match but another lead */
  private readonly near: number;

  constructor(private readonly word: string, private readonly size: number) {
    this.lower = word.toLowerCase();
    this.near = Math.max(3, Math.floor(word.length / 2));
  }

  offer(value: string, line: number): void {
    // the length difference is a lower bound of the distance: most values are skipped here
    const limit = Math.min(this.worst() - 1, this.near);
    if (value === '' || Math.abs(value.length - this.word.length) > limit) return;
    if (this.best.some((b) => b.value === value)) return;
    const d = distance(this.lower, value.toLowerCase());
    if (d > limit) return;
    this.best.push({ value, line, d });
    this.best.sort((a, b) => a.d - b.d || a.line - b.line);
    if (this.best.length > this.size) this.best.pop();
  }

  private worst(): number {
    return this.best.length < this.size ? Infinity : this.best[this.best.length - 1].d;
  }

  list(): { value: string; line: number }[] {
    return this.best;
  }
}
