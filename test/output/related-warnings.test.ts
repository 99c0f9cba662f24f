/**
 * What standard error says about a related file: a few rows without a key, a timestamp or a lead
 * are a plain line each; most of the file is a louder line with a hint (an export whose date
 * format or key column changed would otherwise leave every lead without its activity, exit 0).
 */
import { describe, expect, test } from '@jest/globals';
import { relatedWarningLines, type RelatedSummary } from '../../src/output/related-summary.js';

const summary = (over: Partial<RelatedSummary>): RelatedSummary => ({
  name: 'calls', file: 'calls.csv', rows: 10, matched: 10, unmatched: 0, unmatched_first_lines: [], rejected: 0,
  rejected_first_lines: [], after_as_of: 0, warnings: [], ...over,
});
const timestamps = (count: number, value: string) => ({ column: 'Call Start Time', kind: 'timestamp', count, first_lines: [2], first_value: value });

describe('related warnings on standard error', () => {
  test('a few rows: one plain line, no hint', () => {
    const lines = relatedWarningLines(summary({ matched: 6, warnings: [timestamps(4, '03/11/2026 02:05 PM')] }));
    expect(lines).toEqual(['4 rows of "calls.csv" have no timestamp that parses in column "Call Start Time" and do not count (first at line 2, …: "03/11/2026 02:05 PM")']);
  });

  test('most timestamps: says so, with the related file\'s formats: entry, read off the first value', () => {
    const [line] = relatedWarningLines(summary({ matched: 4, warnings: [timestamps(6, '03/11/2026 02:05 PM')] }));
    expect(line).toMatch(/^most rows of "calls\.csv" have no timestamp that parses in column "Call Start Time": 6 of 10 \(60%\)/);
    expect(line).toContain('\n  hint: give the file\'s date format in related.calls of the ruleset, e.g. formats: { "Call Start Time": { date: \'MM/dd/yyyy h:mm a\' } }');
  });

  test.each([['1730419200', 'unix'], ['1730419200000', 'unix_ms']])('most timestamps Unix timestamps (%s): the hint names the format, %s', (value, format) => {
    const [line] = relatedWarningLines(summary({ matched: 4, warnings: [timestamps(6, value)] }));
    expect(line).toContain(`e.g. formats: { "Call Start Time": { date: '${format}' } }`);
  });

  test('most timestamps in no shape leadq knows: the entry to fill in, and inspect', () => {
    const [line] = relatedWarningLines(summary({ matched: 4, warnings: [timestamps(6, 'yesterday')] }));
    expect(line).toContain('of the ruleset: formats: { "Call Start Time": { date: \'<pattern>\' } } (docs/rules.md#formats); `leadq inspect calls.csv`');
  });

  test('most keys empty: is it the key column?', () => {
    const [line] = relatedWarningLines(summary({ matched: 3, warnings: [{ column: 'LEADID', kind: 'key', count: 7, first_lines: [2], first_value: '' }] }));
    expect(line).toMatch(/^most rows of "calls\.csv" have no key in column "LEADID": 7 of 10 \(70%\).*\n {2}hint: is "key" the column/);
  });

  test('most rows matching no lead: the hint asks whether the keys are of one kind', () => {
    expect(relatedWarningLines(summary({ matched: 5, unmatched: 5, unmatched_first_lines: [2] }))).toEqual(['5 of 10 rows of "calls.csv" match no lead (first at line 2, …)']);
    const [line] = relatedWarningLines(summary({ matched: 4, unmatched: 6, unmatched_first_lines: [2] }));
    expect(line).toMatch(/^most rows of "calls\.csv" match no lead: 6 of 10 \(60%\).*\n {2}hint: do "key" and "matches" hold the same kind of key/);
  });

  test('a file with a header and no rows says so (a failed export looks like that)', () => {
    expect(relatedWarningLines(summary({ rows: 0, matched: 0 }))).toEqual(['"calls.csv" has no rows: every lead gets each derived column\'s value for no row (0, false or empty)']);
  });

  test('most values a derived column reads not parsing: the related file\'s formats: entry', () => {
    const amounts = (count: number) => ({ column: 'Amount', kind: 'number', count, first_lines: [2], first_value: '1.500,00' });
    expect(relatedWarningLines(summary({ warnings: [amounts(5)] }))[0]).not.toContain('hint');
    expect(relatedWarningLines(summary({ warnings: [amounts(6)] }))[0]).toMatch(/read as empty \(first at line 2, …: "1\.500,00"\)\n {2}hint: has the file's format changed\? .*a formats: entry in related\.calls of the ruleset reads it/);
  });
});
