/** What `leadq score` says on standard error about a finished run, besides the summary itself. */
import { quoteData } from '../model/errors.js';
import type { Summary } from './summary.js';

/** Rows were rejected: how many, where to find them, and the likely cause when nearly all were. */
export function rejectedMessage(rows: Summary['rows'], rejectsFile: string | undefined, firstLines: number[], hint: string | undefined): string {
  const where = rejectsFile ? `written to ${rejectsFile}` : `at lines ${firstLines.join(', ')}${rows.rejected > firstLines.length ? ', …' : ''}; pass --rejects FILE to keep them`;
  return `leadq: ${rows.rejected.toLocaleString('en-US')} of ${rows.read.toLocaleString('en-US')} rows rejected, ${where}\n${hint ? `  hint: ${hint}\n` : ''}`;
}

/** The input held a header and no rows: the outputs are headers only. `name`: the input's, or undefined for several. */
export function noRowsWarning(name: string | undefined): string {
  return `leadq: warning: ${name === undefined ? 'the inputs hold' : `${quoteData(name)} holds`} a header but 0 data rows; the outputs hold the header only\n`;
}

/** Reading stopped at a report footer (e.g. Salesforce's "Grand Totals"): where, as file:line. */
export function footerMessage(footers: string[]): string {
  return `leadq: stopped at the report footer at ${footers.join(', ')}\n`;
}
