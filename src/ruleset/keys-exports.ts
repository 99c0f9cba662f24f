/**
 * The keys of the key table (keys.ts) that say how an export is read and how outputs are written
 * for the tools that read them back: `input:` (encoding, delimiter, skip_lines, footer), the file
 * form of `spend:` and its amount format, and `output:`'s encoding and formula escaping. Kept apart
 * so the key table's other shapes stay as they were; keys.ts spreads these into its table.
 * Command-line flags override every one of them (commands/settings.ts).
 */
import { NUMBER_PATTERNS } from '../model/formats.js';
import { OUTPUT_ENCODINGS } from '../model/encodings.js';
import type { KeySpec, Shape } from './keys.js';

/** Delimiters a ruleset may name (`tab` and a real tab character are the same). */
export const INPUT_DELIMITERS = [',', ';', '|', '\t', 'tab'] as const;

export const INPUT_SHAPE: Shape = {
  encoding: {
    type: { t: 'string', expected: 'an encoding name such as windows-1252, utf-8 or utf-16le' },
    doc: 'the export\'s encoding when it has no byte-order mark (default utf-8), e.g. windows-1252; --encoding overrides',
  },
  delimiter: {
    type: { t: 'enum', values: INPUT_DELIMITERS, expected: 'one of , ; | or tab' },
    doc: 'the export\'s delimiter (default: sniffed from the header line); --delimiter overrides',
  },
  skip_lines: { type: { t: 'integer', minimum: 0 }, doc: 'lines above the header to skip (report titles); --skip-lines overrides' },
  footer: {
    type: { t: 'string', expected: 'a regular expression (RE2 syntax) for the first cell of a report footer' },
    doc: 'a regular expression (RE2, ignoring case) for the first cell of the line where a report footer begins: reading stops there; default: the preset\'s (salesforce-report)',
  },
};

/** `number`, `currency`, `suffixes`: the number part of `formats:`, for amounts. */
export const AMOUNT_FORMAT_SHAPE: Shape = {
  number: { type: { t: 'enum', values: Object.keys(NUMBER_PATTERNS), asText: true }, doc: 'thousands and decimal separators, written as an example: 1,234.56 or 1.234,56' },
  currency: { type: { t: 'boolean' }, doc: 'a currency sign or code may stand before or after the amount ($5, 5 €, USD 5)' },
  suffixes: { type: { t: 'boolean' }, doc: 'K, M and B multiply by a thousand, a million, a billion ($342.09K)' },
};

export const SPEND_FILE_SHAPE: Shape = {
  file: { type: { t: 'string' }, doc: 'a CSV of spend (a campaign cost export), relative to the ruleset', required: true },
  source: { type: { t: 'string' }, doc: 'the column holding the lead source (default: the first column)' },
  amount: { type: { t: 'string' }, doc: 'the column holding the amount (default: the second column)' },
  format: { type: { t: 'shape', shape: 'amountFormat', minKeys: 1 }, doc: 'how amounts are written: { number: \'1,234.56\', currency: true, suffixes: true }' },
};

/** `output:` besides `rename`. */
export const OUTPUT_SETTINGS: Readonly<Record<string, KeySpec>> = {
  encoding: {
    type: { t: 'enum', values: OUTPUT_ENCODINGS },
    doc: 'encoding of the written CSVs: utf-8 (default), utf-8-bom (Excel on Windows), windows-1252 or utf-16le; --out-encoding overrides',
  },
  escape_formulas: {
    type: { t: 'boolean' },
    doc: 'prefix \' to cells Excel would run as formulas (default true); false for a CRM re-import; --escape-formulas / --no-escape-formulas override',
  },
};
