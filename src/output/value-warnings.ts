/**
 * Value warnings in words: on standard error after `score` (one line per column, terminal or
 * cron mail, unless --quiet) and in `validate --input`'s report on a sample of rows. A column
 * most of whose values did not parse gets a louder line: the sign of an export whose date or
 * number format changed, which would otherwise score every lead as if the column were empty.
 */
import type { ChalkInstance } from 'chalk';
import { guessDatePattern, isZeroDate } from '../input/profile/guess-date.js';
import { quoteData } from '../model/errors.js';
import type { ColumnWarnings, Summary } from './summary.js';

const A_KIND: Record<string, string> = { number: 'a number', date: 'a date', boolean: 'true or false' };

export const FORMAT_HINT = 'has the export\'s format changed? `leadq inspect` shows the column\'s format; a formats: entry in the ruleset reads it (docs/rules.md#formats)';

/** A date column mostly `0000-00-00`: no format reads it; saying it means no value is the ruleset's choice. */
const ZERO_DATE_HINT = 'the year 0000 is how SQL dumps write no date: if it means none here, list the value in placeholders: of the ruleset (a list of your own replaces the built-in one: copy it; docs/rules.md#placeholders)';

/**
 * The hint of a mostly unparsed column: for dates whose first misfit a format reads (`unix` for
 * 1730419200, `excel` for 46309, `MM/dd/yyyy` …), the `formats:` entry itself, so the name of the
 * format is in the message; otherwise FORMAT_HINT.
 */
export function columnFormatHint(w: ColumnWarnings): string {
  if (w.kind === 'date' && isZeroDate(w.first_value)) return ZERO_DATE_HINT;
  const pattern = w.kind === 'date' ? guessDatePattern(w.first_value) : undefined;
  if (pattern === undefined) return FORMAT_HINT;
  return `has the export's format changed? a formats: entry in the ruleset reads it, e.g. formats: { ${JSON.stringify(w.column)}: { date: '${pattern}' } }; \`leadq inspect\` shows the column's format (docs/rules.md#formats)`;
}

/** What did not parse in one column, as a sentence without a prefix. */
export function describeColumnWarnings(w: ColumnWarnings): string {
  const kind = A_KIND[w.kind] ?? w.kind;
  const more = w.count > w.first_lines.length ? ', …' : '';
  const where = `first at line${w.first_lines.length === 1 ? '' : 's'} ${w.first_lines.join(', ')}${more}: ${quoteData(w.first_value)}`;
  if (!w.mostly_unparsed) return `${w.count} of ${w.values} values of column ${quoteData(w.column)} are not ${kind}, read as empty (${where})`;
  const share = Math.round((w.count / w.values) * 100);
  return `most values of column ${quoteData(w.column)} are not ${kind}: ${w.count} of ${w.values} (${share}%), read as empty, so rules reading it rarely hold (${where})`;
}

export function valueWarningLines(s: Summary, chalk: ChalkInstance): string {
  return s.warnings.by_column.map((w) => {
    const line = `leadq: warning: ${describeColumnWarnings(w)}`;
    return w.mostly_unparsed ? `${chalk.red.bold(line)}\n${chalk.red(`  hint: ${columnFormatHint(w)}`)}\n` : `${chalk.yellow(line)}\n`;
  }).join('');
}
