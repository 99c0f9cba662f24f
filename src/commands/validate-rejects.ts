/**
 * `leadq validate --input`: the first rows as `leadq score` would take them, counted for rows it
 * would reject (the wrong width, a broken quote). A ruleset that reads the export from the wrong
 * line (title lines not skipped: `input: { skip_lines }` missing or short) names columns of that
 * line and so validates, yet every score run then fails on its rows; validate says so instead of
 * "ok", with the same hint as the failed run.
 */
import { footerTest } from '../model/footer.js';
import type { ParsedRecord } from '../input/csv/csv-parser.js';
import type { CsvInput } from '../input/csv/read-csv.js';
import { diagnose } from '../input/csv/reject-diagnosis.js';
import { DEFAULT_MAX_REJECTS } from '../run/reject-limit.js';
import { keysHint } from '../run/related-errors.js';
import type { Ruleset, RulesetIssue } from '../ruleset/types.js';
import { footerSettings } from './settings.js';

/** Rejected records kept for the diagnosis, as in a score run's tally. */
const SAMPLE = 50;

export class SampleRejects {
  private read = 0;
  private rejected = 0;
  private first: { line: number; reason: string } | undefined;
  private readonly sample: string[][] = [];
  private readonly footer: ((cell: string) => boolean) | null;
  private readonly footerAnyWidth: boolean;
  /** a report footer was reached: score reads no further, and neither does the sample */
  ended = false;

  constructor(private readonly csv: CsvInput, ruleset: Ruleset) {
    const { footer, footerAnyWidth } = footerSettings(ruleset);
    this.footer = footer === undefined ? null : footerTest(footer);
    this.footerAnyWidth = footerAnyWidth;
  }

  /** Whether `record` is a row score would read (not rejected, not the footer); counts it either way. */
  take(record: ParsedRecord): boolean {
    const width = this.csv.header.length;
    const { fields } = record;
    if (this.footer !== null && (fields.length < width || this.footerAnyWidth) && this.footer(fields[0].trim())) {
      this.ended = true;
      return false;
    }
    this.read++;
    if (record.malformed === undefined && fields.length === width) return true;
    this.rejected++;
    this.first ??= { line: record.line, reason: record.malformed ?? `expected ${width} fields, got ${fields.length}` };
    if (this.sample.length < SAMPLE) this.sample.push(fields);
    return false;
  }

  /** An error when more rows are rejected than `leadq score` accepts by default (half), else none. */
  issues(sampled: string): RulesetIssue[] {
    if (this.read === 0 || (this.rejected / this.read) * 100 <= DEFAULT_MAX_REJECTS.percent!) return [];
    const found = diagnose(this.csv.header, this.sample, this.csv.delimiter, this.csv.realHeaderSkip())?.hint;
    // said in the ruleset's keys: validate checks the ruleset, and score then reads them
    const hint = found && keysHint('input', found);
    return [{
      severity: 'error',
      code: 'INPUT_ROWS_REJECTED',
      message: `${sampled}, ${this.rejected} of ${this.read} rows would be rejected (first at line ${this.first!.line}: ${this.first!.reason}); `
        + 'leadq score refuses a file more than half of whose rows are rejected',
      ...(hint ? { detail: `  hint: ${hint}` } : {}),
    }];
  }
}
