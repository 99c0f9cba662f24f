/**
 * Reads a spend file: a header line, then one row per lead source with its amount (the first
 * two columns, whatever their names). Small, so it is parsed whole with csv-parse.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { escapeControls, LeadqError, quoteData } from '../model/errors.js';
import { parseNumber } from './values/coerce.js';
import { sniffDelimiter } from './csv/sniff.js';

export interface SpendFile {
  /** amount per source (trimmed); a source listed twice has its amounts added */
  amounts: Map<string, number>;
  /** the line each source is first listed on, for the warning when it matches no lead source */
  lines: Map<string, number>;
}

export function readSpendFile(path: string): SpendFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LeadqError('SPEND_INVALID', `cannot read the spend file: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { file: path });
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // loaded here, not at start-up: most runs have no spend file
    const { parse } = createRequire(import.meta.url)('csv-parse/sync') as typeof import('csv-parse/sync');
    records = parse(text, { bom: true, delimiter: sniffDelimiter(text.split(/\r?\n|\r/, 1)[0]), skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (error) {
    // csv-parse quotes the offending text in its messages
    throw new LeadqError('SPEND_INVALID', escapeControls((error as Error).message), { file: path });
  }
  const spend = new Map<string, number>();
  const lines = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const [source = '', amountText = ''] = record;
    const amount = parseNumber(amountText);
    if (!(amount >= 0)) {
      throw new LeadqError('SPEND_INVALID', `the amount for ${quoteData(source)} must be a number of 0 or more; got ${quoteData(amountText)}`, { file: path, line: info.lines, col: source.length + 2 });
    }
    spend.set(source.trim(), (spend.get(source.trim()) ?? 0) + amount);
    if (!lines.has(source.trim())) lines.set(source.trim(), info.lines);
  }
  if (records.length === 0) throw new LeadqError('SPEND_INVALID', 'the spend file is empty; expected a header line, then source,amount rows', { file: path });
  return { amounts: spend, lines };
}
