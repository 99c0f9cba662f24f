/**
 * One related file read for `leadq explain`'s one lead: the rows whose key is the lead's,
 * measured as `score` measures them (engine/related-rows.ts), and the file's rejected rows.
 * Rows are rejected, and a report footer ends the file, exactly as `score` reads it
 * (input/csv/record-problem.ts, run/jobs/related-footer.ts), so the rows explain shows are the
 * rows score counted and its rejected rows are score's; `--max-rejects` is judged on them as
 * score judges it, per file (run/reject-limit.ts).
 */
import type { EventBlock } from '../events/accumulate.js';
import { EventBlockBuilder } from '../events/accumulate.js';
import { RelatedRows, type RowVerdict } from '../engine/related-rows.js';
import { ROWS_SHOWN, type LeadRow, type RejectedRows } from '../engine/explain-related.js';
import type { CsvInput } from '../input/csv/read-csv.js';
import { recordProblem } from '../input/csv/record-problem.js';
import { emptyRecord } from '../input/csv/line-scan.js';
import { KeyPlaceholders, keyScratch, normalizeKeyText, salesforceIdLength } from '../input/keys/normalize-key.js';
import { RowCoercer } from '../input/rows/typed-row.js';
import { DEFAULT_PLACEHOLDERS, Placeholders } from '../input/values/formats.js';
import { detach } from '../model/detach.js';
import type { ResolvedRelated, ResolvedRuleset } from '../ruleset/resolved.js';
import { RelatedFooter, type HeldReject } from '../run/jobs/related-footer.js';
import { RejectTally, type MaxRejects } from '../run/reject-limit.js';

/** The first rejected rows kept with their reasons (the rest are counted). */
const FIRST_REJECTS = 5;

export interface LeadRows {
  /** the lead's rows, in file order */
  rows: LeadRow[];
  /** what they add, for the fold (one lead: entry 0) */
  block: EventBlock;
  rejected: RejectedRows;
}

/** A related file's keys normalised as `score` normalises them, compared with the lead's. */
class LeadKey {
  private readonly scratch = keyScratch();
  private readonly email: boolean;
  private readonly salesforce: boolean;
  private readonly placeholders: KeyPlaceholders;
  private readonly want: Buffer;

  constructor(file: ResolvedRelated, resolved: ResolvedRuleset, leadCell: string) {
    this.email = file.keyType === 'email';
    this.salesforce = file.keyType === 'salesforce_id';
    this.placeholders = new KeyPlaceholders(file.placeholders ?? DEFAULT_PLACEHOLDERS);
    // the lead's cell is read as the export's placeholders say: "n/a" is no key
    const n = new Placeholders(resolved.placeholders ?? DEFAULT_PLACEHOLDERS).has(leadCell) ? 0 : this.normalize(leadCell);
    this.want = Buffer.from(this.scratch.subarray(0, Math.max(0, n)));
  }

  /** Whether the lead has a key at all. */
  get present(): boolean {
    return this.want.length > 0;
  }

  /** Whether `cell` is the lead's key (a placeholder is no one's). */
  is(cell: string): boolean {
    const k = this.normalize(cell);
    return k === this.want.length && k > 0 && Buffer.compare(this.want, this.scratch.subarray(0, k)) === 0 && !this.placeholders.has(this.scratch, k);
  }

  private normalize(cell: string): number {
    const k = normalizeKeyText(cell, this.email, this.scratch);
    return this.salesforce && k > 0 ? salesforceIdLength(this.scratch, 0, k) : k;
  }
}

/**
 * Reads `input`, the related file `file`, for the lead whose key column holds `leadCell`. Throws
 * INPUT_REJECTS when its rejected rows pass `maxRejects` (default: more than half of its rows).
 */
export async function readLeadRows(input: CsvInput, file: ResolvedRelated, resolved: ResolvedRuleset, leadCell: string, asOfDay: number, maxRejects?: MaxRejects): Promise<LeadRows> {
  const key = new LeadKey(file, resolved, leadCell);
  const measure = new RelatedRows(file, resolved);
  const coercer = new RowCoercer(measure.plan, input.header.length);
  const rows: LeadRow[] = [];
  const block = new EventBlockBuilder(file.columns.length);
  const out = new Float64Array(measure.width);
  const why: RowVerdict[] = [];
  const rejected: RejectedRows = { rows: 0, read: 0, first: [], with_key_lines: [] };
  const limit = new RejectTally(maxRejects, input.name, input.header, input.delimiter);
  const reject = (r: HeldReject): void => {
    rejected.rows++;
    rejected.read++;
    limit.addRead(1);
    limit.add(r.line, r.reason, r.fields);
    if (rejected.first.length < FIRST_REJECTS) rejected.first.push({ line: r.line, reason: r.reason });
    if (key.present && rejected.with_key_lines.length < ROWS_SHOWN && holdsKey(r.fields, input.delimiter, key)) rejected.with_key_lines.push(r.line);
  };
  const footer = new RelatedFooter(input.header.length);
  read: for await (const batch of input.batches()) {
    for (const record of batch) {
      const problem = recordProblem(record.fields, record.malformed, input.header);
      if (problem !== undefined) {
        footer.rejected({ line: record.line, reason: problem, fields: record.fields, text: '' }, reject);
        // a report footer ends the file, as score reads it
        if (footer.line > 0) break read;
        continue;
      }
      // a row of empty cells is no row, as a blank line is none
      if (emptyRecord(record.fields)) continue;
      footer.flush(reject);
      rejected.read++;
      limit.addRead(1);
      if (!key.present || !key.is(record.fields[file.key.index])) continue;
      coercer.load(record.fields);
      const row = coercer.row;
      const day = row.day[file.at.index];
      const placed = day === day && day <= asOfDay;
      // a row dated after the as-of date (or not at all) is not measured: it adds nothing anywhere
      out.fill(NaN);
      why.length = 0;
      if (placed && measure.measure(row, day, asOfDay, out, why)) block.add(0, day, out);
      rows.push({
        line: record.line, day, why: placed ? [...why] : file.columns.map(() => ''),
        reads: file.columns.map((_d, c) => measure.reads(row, day, c)), adds: Array.from(out),
        // kept beyond its block: detached from the block's text
        cells: file.columns.map((d, c) => (why[c] === 'no value' && d.of ? detach(record.fields[d.of.index]) : '')),
        ...(day === day ? {} : { timestamp: detach(record.fields[file.at.index]) }),
      });
    }
  }
  footer.flush(reject);
  limit.checkEnd();
  return { rows, block: block.take(), rejected };
}

/**
 * Whether a rejected row holds the lead's key somewhere. Its key column cannot be trusted: fields
 * shift in a row of the wrong width, and a stray quote makes one field of the rest of the line
 * (`a5,"Call,2026-10-29,ana@acme.example`), so any field, and any piece of one between
 * delimiters, quotes stripped, will do.
 */
function holdsKey(fields: readonly string[], delimiter: string, key: LeadKey): boolean {
  return fields.some((f) => key.is(f) || (f.includes(delimiter) && f.split(delimiter).some((piece) => key.is(piece.replace(/^[\s"]+|[\s"]+$/g, '')))));
}
