/**
 * A column named on the command line (`backtest --outcome`, `calibrate --exclude`, `sql
 * --order-by`), resolved against an export's header as a rule's column is: through `columns:` and
 * the CRM preset, ignoring case, and refused like a rule's (exit 2) with the nearest header and
 * the ones there are.
 */
import { headerHint } from '../input/csv/reject-diagnosis.js';
import { LeadqError } from '../model/errors.js';
import { ColumnResolver } from '../ruleset/columns.js';
import { derivedIndexes } from '../ruleset/resolve-related.js';
import type { Ruleset } from '../ruleset/types.js';

/** What is needed of an opened export (a BlockInput or a CsvInput). */
export interface HeaderOf {
  name: string;
  header: string[];
  delimiter: string;
  realHeaderSkip(): number | undefined;
}

/**
 * The column index of `name` as a rule would read it, or a usage error naming `option`. With
 * `derived`, a related file's derived column may be named too (the outcome: "has a won deal").
 */
export function resolveOptionColumn(ruleset: Ruleset, input: HeaderOf, name: string, option: string, derived = false): number {
  const indexes = derived ? new Map([...derivedIndexes(ruleset, input.header.length)].map(([n, d]) => [n, d.index])) : undefined;
  const resolver = new ColumnResolver(ruleset, input.header, input.name, indexes);
  const index = resolver.resolve({ name, pos: { line: 0, col: 0 } });
  if (index >= 0) return index;
  const issue = resolver.issues[0];
  const why = issue ? `${issue.message}${issue.detail ? `\n${issue.detail}` : ''}` : `column "${name}" is not in ${input.name}`;
  throw new LeadqError('USAGE', `${option}: ${why}`, { hint: headerHint(input.header, input.delimiter, input.realHeaderSkip()) });
}
