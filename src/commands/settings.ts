/**
 * Settings a ruleset may carry for a cron job (`input:`, `output.encoding`,
 * `output.escape_formulas`, the file form of `spend:`) merged with the command line: a flag
 * given wins, then the ruleset, then the default. One place, so every command that reads an
 * export or writes CSV settles them alike.
 */
import { dirname, resolve } from 'node:path';
import { LeadqError } from '../model/errors.js';
import type { OutputEncoding } from '../model/encodings.js';
import type { SpendColumns } from '../input/spend.js';
import { presetFooter } from '../ruleset/presets.js';
import type { Ruleset } from '../ruleset/types.js';

/** How an export is read, as the flags give it. */
export interface ReadingFlags {
  encoding?: string;
  delimiter?: string;
  skipLines?: number;
}

/** The flags first, then `input:`. */
export function readingSettings(flags: ReadingFlags, ruleset: Ruleset | undefined): ReadingFlags {
  const input = ruleset?.input ?? {};
  return {
    encoding: flags.encoding ?? input.encoding,
    delimiter: flags.delimiter ?? input.delimiter,
    skipLines: flags.skipLines ?? input.skipLines,
  };
}

/** The report footer: `input.footer` (a line of any width), else the preset's (a shorter line only). */
export function footerSettings(ruleset: Ruleset): { footer?: string; footerAnyWidth: boolean } {
  if (ruleset.input.footer !== undefined) return { footer: ruleset.input.footer, footerAnyWidth: true };
  return { footer: presetFooter(ruleset.preset), footerAnyWidth: false };
}

/** How CSVs are written, as the flags give it (undefined: not given). */
export interface WritingFlags {
  outEncoding?: OutputEncoding;
  escapeFormulas?: boolean;
}

/** The flags first, then `output:`; formula escaping is on unless turned off. */
export function writingSettings(flags: WritingFlags, ruleset: Ruleset | undefined): { outEncoding: OutputEncoding | undefined; escapeFormulas: boolean } {
  const output = ruleset?.outputSettings ?? {};
  return {
    outEncoding: flags.outEncoding ?? output.encoding,
    escapeFormulas: flags.escapeFormulas ?? output.escapeFormulas ?? true,
  };
}

export interface SpendFlags {
  spend?: string;
  spendSource?: string;
  spendAmount?: string;
}

/**
 * Where spend comes from: `--spend FILE`, else the ruleset's `spend: { file }` (relative to the
 * ruleset), else the ruleset's mapping (no path). Columns from the flags, else the ruleset's.
 */
export function spendSettings(flags: SpendFlags, ruleset: Ruleset, rulesFile: string): { path?: string; columns: SpendColumns } {
  const ref = ruleset.spendFile;
  const columns: SpendColumns = {
    source: flags.spendSource ?? ref?.source,
    amount: flags.spendAmount ?? ref?.amount,
    format: ref?.format,
  };
  if (flags.spend !== undefined) return { path: flags.spend, columns };
  if (ref) return { path: rulesFile === '-' ? resolve(ref.file) : resolve(dirname(rulesFile), ref.file), columns };
  if (flags.spendSource !== undefined || flags.spendAmount !== undefined) {
    throw new LeadqError('USAGE', '--spend-source and --spend-amount name columns of a spend file: give it with --spend FILE (or spend: { file: … } in the ruleset)');
  }
  return { columns };
}
