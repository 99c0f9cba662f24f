/**
 * `--max-warnings` for related files, checked per file as `--max-rejects` is: a cron job's guard
 * must also catch an activity log whose date format changed, which would otherwise leave every
 * lead without its activity at exit 0 (and, with --quiet, without a word). What counts: rows
 * whose timestamp is empty or does not parse, and values a derived column reads that do not
 * parse — not keys (an empty key is data: an activity of no contact), which are reported only.
 */
import { LeadqError, quoteData } from '../model/errors.js';
import type { RelatedSummary } from '../output/related-summary.js';
import { relatedError } from './related-errors.js';
import { checkWarnings, type MaxRejects } from './reject-limit.js';

const KEY_KINDS = new Set(['key', 'key_list', 'key_name', 'key_number']);

/** Throws INPUT_WARNINGS naming the first related file past the limit. */
export function checkRelatedWarnings(limit: MaxRejects | undefined, summaries: readonly RelatedSummary[] | undefined): void {
  if (limit === undefined) return;
  for (const s of summaries ?? []) {
    const counted = s.warnings.filter((w) => !KEY_KINDS.has(w.kind));
    const total = counted.reduce((a, w) => a + w.count, 0);
    const worst = [...counted].sort((a, b) => b.count - a.count)[0];
    try {
      checkWarnings(limit, total, s.rows, worst);
    } catch (error) {
      const named = relatedError(s.name, s.file, error, null);
      if (!(named instanceof LeadqError) || worst === undefined) throw named;
      // a related file's warning lines come after the outputs, which this run will not write: the hint says the values itself
      const more = worst.count > worst.first_lines.length ? ', …' : '';
      throw new LeadqError(named.code, named.message, {
        file: named.file,
        hint: `most are in column ${quoteData(worst.column)} (${worst.count}; first at line${worst.first_lines.length === 1 ? '' : 's'} ${worst.first_lines.join(', ')}${more}: ${quoteData(worst.first_value)})`,
      });
    }
  }
}
