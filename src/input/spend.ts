/**
 * Reads a spend file: a header line, then rows with a lead source and an amount. By default the
 * first two columns, whatever their names (`source,amount`); a campaign cost export names its
 * columns instead (`--spend-source Campaign --spend-amount Cost`, or `spend: { file, source,
 * amount }` in the ruleset) and may write amounts as it likes (`$342.09K`, `"$1,117.10K"`), read
 * with the number vocabulary of `formats:` (model/formats.ts). Several rows of one source are
 * added up; a totals row (`Total`, `Grand Total`) is left out, since its amount is the others'
 * sum. Small, so it is parsed whole with csv-parse.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { escapeControls, LeadqError, quoteData } from '../model/errors.js';
import type { NumberFormat } from '../model/formats.js';
import { closest } from '../model/suggest.js';
import { parseNumber } from './values/coerce.js';
import { numberParser } from './values/formats.js';
import { sniffDelimiter } from './csv/sniff.js';

export interface SpendFile {
  /** amount per source (trimmed); a source listed twice has its amounts added */
  amounts: Map<string, number>;
  /** the line each source is first listed on, for the warning when it matches no lead source */
  lines: Map<string, number>;
  /** lines of totals rows, left out */
  totals: number[];
}

/** Which columns hold the source and the amount, and how amounts are written. */
export interface SpendColumns {
  source?: string;
  amount?: string;
  format?: NumberFormat;
}

/** A totals row of a cost export: its amount is the sum of the rows above it. */
const TOTALS = /^(grand\s+)?totals?\b/i;

export function readSpendFile(path: string, columns: SpendColumns = {}): SpendFile {
  const text = readText(path);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // loaded here, not at start-up: most runs have no spend file
    const { parse } = createRequire(import.meta.url)('csv-parse/sync') as typeof import('csv-parse/sync');
    records = parse(text, { bom: true, delimiter: sniffDelimiter(text.split(/\r?\n|\r/, 1)[0]), skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (error) {
    // csv-parse quotes the offending text in its messages
    throw new LeadqError('SPEND_INVALID', escapeControls((error as Error).message), { file: path });
  }
  if (records.length === 0) throw new LeadqError('SPEND_INVALID', 'the spend file is empty; expected a header line, then source,amount rows', { file: path });
  const header = records[0].record;
  const sourceAt = columns.source === undefined ? 0 : columnIn(header, columns.source, path, '--spend-source');
  const amountAt = columns.amount === undefined ? 1 : columnIn(header, columns.amount, path, '--spend-amount');
  const parse = columns.format ? numberParser(columns.format) : parseNumber;
  const spend = new Map<string, number>();
  const lines = new Map<string, number>();
  const totals: number[] = [];
  for (const { record, info } of records.slice(1)) {
    const source = (record[sourceAt] ?? '').trim();
    const amountText = record[amountAt] ?? '';
    if (TOTALS.test(source)) { totals.push(info.lines); continue; }
    // a campaign without a cost in the export: nothing spent on it
    if (amountText.trim() === '') continue;
    const amount = parse(amountText);
    if (!(amount >= 0)) {
      const col = record.slice(0, amountAt).reduce((n, f) => n + f.length + 1, 1);
      throw new LeadqError('SPEND_INVALID', `the amount for ${quoteData(source)} must be a number of 0 or more; got ${quoteData(amountText)}`, {
        file: path, line: info.lines, col, hint: amountHint(amountText, columns.format),
      });
    }
    spend.set(source, (spend.get(source) ?? 0) + amount);
    if (!lines.has(source)) lines.set(source, info.lines);
  }
  return { amounts: spend, lines, totals };
}

function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new LeadqError('SPEND_INVALID', `cannot read the spend file: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { file: path });
  }
  // Excel saves "Unicode text" as UTF-16 with a byte-order mark
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return bytes.toString('utf8');
}

/** The column of that name: exactly, else the one header equal to it ignoring case and surrounding spaces. */
function columnIn(header: string[], name: string, path: string, option: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const loose = header.flatMap((h, i) => (h.trim().toLowerCase() === name.trim().toLowerCase() ? [i] : []));
  if (loose.length === 1) return loose[0];
  const near = closest(name, header);
  throw new LeadqError('SPEND_INVALID', `the spend file has no column ${quoteData(name)}; its columns: ${header.map((h) => quoteData(h)).join(', ')}${near ? `; did you mean ${quoteData(near)}?` : ''}`, {
    file: path, line: 1, hint: `name the column with ${option} (or source: / amount: under spend: in the ruleset)`,
  });
}

/** What to set when an amount is written like a cost export's. */
function amountHint(text: string, format: NumberFormat | undefined): string | undefined {
  if (format) return undefined;
  if (/[^\d.\s-]/.test(text)) {
    return 'amounts with currency signs, thousands separators or K/M suffixes need a format: spend: { file: …, format: { number: \'1,234.56\', currency: true, suffixes: true } } in the ruleset';
  }
  return undefined;
}
