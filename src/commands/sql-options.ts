/**
 * Options of `leadq sql` that the query asked for would not read: a usage error (exit 2, nothing
 * written), as `score --spend-source` without a spend file is. Left silent, `--spend-table` on the
 * scoring query or `--order-by` on the summary's would give a query that is not what was asked
 * for, and nothing would say so.
 */
import { LeadqError } from '../model/errors.js';
import type { SqlOptions } from './sql.js';

/** Each option that applies to one query only: when it is given without it, and why. */
const ONLY_WITH: { given: (o: SqlOptions) => boolean; option: string; refused: (o: SqlOptions) => boolean; why: string }[] = [
  { given: (o) => o.spend !== undefined, option: '--spend', refused: (o) => !o.summary, why: 'spend is read by the summary\'s query only: add --summary' },
  { given: (o) => o.spendTable !== undefined, option: '--spend-table', refused: (o) => !o.summary, why: 'spend is read by the summary\'s query only: add --summary' },
  { given: (o) => o.spendTable !== undefined, option: '--spend-table', refused: (o) => o.spend !== undefined, why: 'it and --spend both give the spend: choose one' },
  { given: (o) => o.orderBy !== undefined, option: '--order-by', refused: (o) => o.summary === true, why: 'the summary\'s query has one row per stage and source, in its own order; --order-by orders the scored rows' },
  { given: (o) => o.encoding !== undefined, option: '--encoding', refused: (o) => o.input === undefined, why: 'it says how --input is read: add --input, or leave it out' },
  { given: (o) => o.delimiter !== undefined, option: '--delimiter', refused: (o) => o.input === undefined, why: 'it says how --input is read: add --input, or leave it out' },
  { given: (o) => o.skipLines !== undefined, option: '--skip-lines', refused: (o) => o.input === undefined, why: 'it says how --input is read: add --input, or leave it out' },
];

/** The options `--self-test` leaves unread: its query checks the dialect, whatever the ruleset. */
const NOT_WITH_SELF_TEST: [keyof SqlOptions, string][] = [
  ['table', '--table'], ['summary', '--summary'], ['orderBy', '--order-by'], ['input', '--input'], ['spend', '--spend'],
  ['spendTable', '--spend-table'], ['related', '--related'], ['asOf', '--as-of'],
];

/** `a`, `a and b`, `a, b and c` */
const listed = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

const given = (value: unknown) => value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0);

export function refuseIgnoredOptions(rules: string | undefined, options: SqlOptions): void {
  if (options.selfTest) {
    const unread = [...(rules !== undefined ? ['the ruleset'] : []), ...NOT_WITH_SELF_TEST.filter(([key]) => given(options[key])).map(([, flag]) => flag)];
    if (unread.length > 0) throw new LeadqError('USAGE', `--self-test writes the query that checks the dialect alone, which reads no ruleset and none of its options: leave out ${listed(unread)}, or drop --self-test`);
    return;
  }
  for (const rule of ONLY_WITH) {
    if (rule.given(options) && rule.refused(options)) throw new LeadqError('USAGE', `${rule.option}: ${rule.why}`);
  }
}
