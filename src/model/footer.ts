/**
 * A report footer pattern (`input.footer`, or a preset's): a regular expression for the first cell
 * of the line where the footer begins. It runs on re2js (linear time), so an analyst's pattern
 * cannot hang a cron job, and ignores case, as the presets' patterns do. Throws on a pattern RE2
 * cannot compile (the validator reports it at its line first).
 */
import { RE2JS } from 're2js';

export function footerTest(source: string): (cell: string) => boolean {
  const re = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  return (cell) => re.test(cell);
}
