/**
 * What accounts come to: accounts.csv (one row per account, its reasons adding up to its score)
 * and the summary's account entry (how many accounts, how leads were grouped, the account funnel).
 * Pure: the rows are made by engine/account-fold.ts, the file is written by the caller.
 */
import type { AccountFileWarning, AccountRow, LinkedKey } from '../engine/account-fold.js';
import { quoteData } from '../model/errors.js';
import { KEY_NUMBER_HINT } from './related-summary.js';
import { formatNumber } from '../model/cents.js';
import { formatDay } from '../model/days.js';
import { REASON_SEPARATOR } from '../model/reasons.js';
import type { CsvFormatter } from './csv/csv-format.js';

export const ACCOUNTS_HEADER = [
  'account', 'key_type', 'name', 'leads', 'linked', 'engaged_leads', 'roles', 'lead_score_sum', 'lead_score_max', 'lead_score_avg',
  'last_activity', 'score', 'stage', 'reasons',
] as const;

/**
 * accounts.csv: the header (with the account files' columns after last_activity), then the accounts
 * in key order, handed to `write` line by line: the file is never one string (at 50k accounts that
 * string, its lines and its UTF-8 bytes were the run's peak memory).
 */
export function writeAccountsCsv(write: (text: string) => void, rows: Iterable<AccountRow>, stageNames: readonly string[], fmt: CsvFormatter, fileColumns: readonly string[] = []): void {
  const header: string[] = [...ACCOUNTS_HEADER];
  header.splice(header.indexOf('last_activity') + 1, 0, ...fileColumns);
  write(`${fmt.row(header)}\n`);
  for (const r of rows) {
    write(`${fmt.row([
      r.key, r.keyType, r.name, String(r.leads), linkedText(r.linked), String(r.engagedLeads), r.roles.join(REASON_SEPARATOR),
      formatNumber(r.scoreSum), formatNumber(r.scoreMax), formatNumber(r.scoreAvg),
      Number.isNaN(r.lastActivity) ? '' : formatDay(r.lastActivity),
      ...r.files.map((v) => (Number.isNaN(v) ? '' : formatNumber(v))),
      formatNumber(r.score), stageNames[r.stage], r.reasons.join(REASON_SEPARATOR),
    ])}\n`);
  }
}

/** The keys linked into an account and their leads: `domain acme.example (3); name acme (1)`. */
export function linkedText(linked: readonly LinkedKey[]): string {
  return linked.map((l) => `${l.keyType} ${l.key} (${l.leads})`).join(REASON_SEPARATOR);
}

export interface AccountsSummary {
  accounts: number;
  /** scored leads (duplicates excluded) with an account and without one */
  leads_with_account: number;
  leads_without_account: number;
  /** of the leads with an account, those recognised by a key linked into another account (a name, a domain) */
  leads_linked: number;
  /** accounts by how they were recognised */
  by_key_type: { id: number; domain: number; name: number };
  /** per account stage, lowest first: the accounts at that stage or above (cumulative, as the lead funnel) */
  funnel: { stage: string; reached: number }[];
}

export function accountsSummary(rows: Iterable<AccountRow> & { length: number }, stageNames: readonly string[], leadsWithout: number): AccountsSummary {
  const at = new Array<number>(stageNames.length).fill(0);
  const byType = { id: 0, domain: 0, name: 0 };
  let leads = 0;
  let linked = 0;
  for (const r of rows) { at[r.stage]++; byType[r.keyType]++; leads += r.leads; for (const l of r.linked) linked += l.leads; }
  let reached = 0;
  const funnel = stageNames.map((stage, i) => ({ stage, reached: 0, i })).reverse().map((f) => { reached += at[f.i]; return { stage: f.stage, reached }; }).reverse();
  return { accounts: rows.length, leads_with_account: leads, leads_without_account: leadsWithout, leads_linked: linked, by_key_type: byType, funnel };
}

/** An account file's column whose values are not a number: how many, the first, and what may be wrong. */
export function accountFileWarningLine(w: AccountFileWarning): string {
  const one = w.count === 1;
  return `${w.count} value${one ? '' : 's'} of column ${quoteData(w.column)} of the account file ${quoteData(w.name)} (${w.file}) ${one ? 'is' : 'are'} not a number, read as empty (first at line ${w.firstLine}: ${quoteData(w.firstValue)})`
    + '\n  hint: account files\' values are read as plain numbers (1.5, 70, -3): a decimal comma, a thousands separator or a unit (1,5, 1,250, 70%) is no number there; export them plain';
}

/** Accounts whose id a spreadsheet rewrote as a number: the same account written as text is another. */
export function rewrittenIdsLine(w: { accounts: number; leads: number; first: string }): string {
  const one = w.accounts === 1;
  return `${w.accounts} account${one ? '' : 's'} (${w.leads} lead${w.leads === 1 ? '' : 's'}) ${one ? 'is' : 'are'} recognised by an id a spreadsheet or script rewrote as a number (first: ${quoteData(w.first)}); leads with the same id written as text are another account`
    + `\n  hint: ${KEY_NUMBER_HINT}`;
}
