/**
 * Title lines above the header (`Leads by Source`, `As of 10/14/2026`, a blank line), as report
 * exports write them: leadq takes the first line for the header, so every row is then rejected
 * for its width. Found in the first lines of the input: the header is the first record, with at
 * least two names, of the width most records of two fields or more have; the lines above it are
 * titles when each has fewer fields than that, or few of them filled (Excel pads a title with
 * empty cells: `Leads by Source,,,,`). Pure.
 *
 * One-field lines do not vote on the width, and the rows after the header are judged only up to
 * the last one of its width: a report's titles and footer (`Grand Totals (3 records)`,
 * `Confidential …`, `Copyright …`) are such lines, and in a small report they are as many as the
 * leads, and outvoted them.
 */
import { CsvParser, type ParsedRecord } from '../csv/csv-parser.js';
import { DELIMITER_CANDIDATES, sniffDelimiter } from '../csv/sniff.js';

export interface TitleLines {
  /** lines to skip (`input: { skip_lines }`, `--skip-lines`): the titles and any blank lines among them */
  skip: number;
  /** the titles' text, their filled cells joined by a space */
  titles: string[];
}

const RECORDS = 60;

/** The title lines at the start of `head` (the input's first characters), or null when its first line is the header. */
export function findTitleLines(head: string, delimiter: string | undefined, maxRecordSize: number): TitleLines | null {
  const d = delimiter ?? sniffLines(head);
  const records = firstRecords(head, d, maxRecordSize);
  if (records.length < 3) return null;
  const width = mode(records.slice(1).map((r) => r.fields.length).filter((n) => n >= 2));
  if (width === undefined) return null;
  const header = records.findIndex((r) => r.fields.length === width && filled(r) >= 2);
  if (header <= 0 || sameWidthShare(records.slice(header + 1), width) < SAME_WIDTH) return null;
  const titles = records.slice(0, header);
  const few = Math.max(1, Math.floor(width / 3));
  if (!titles.every((r) => r.fields.length < width && filled(r) <= few || filled(r) <= 1)) return null;
  return { skip: records[header].line - 1, titles: titles.map((r) => r.fields.map((f) => f.trim()).filter((f) => f !== '').join(' ')) };
}

/** The delimiter most of the first lines agree on (a title line has none, or another). */
function sniffLines(head: string): string {
  const votes = new Map<string, number>();
  for (const line of head.split(/\r\n|\n|\r/).slice(0, 30)) {
    if (line.trim() === '') continue;
    const d = sniffDelimiter(line);
    if (line.includes(d)) votes.set(d, (votes.get(d) ?? 0) + 1);
  }
  let best: string = DELIMITER_CANDIDATES[0];
  for (const [d, n] of votes) if (n > (votes.get(best) ?? 0)) best = d;
  return best;
}

/** The complete records among the first characters (the last one may be cut off, so it is not taken). */
function firstRecords(head: string, delimiter: string, maxRecordSize: number): ParsedRecord[] {
  const out: ParsedRecord[] = [];
  const parser = new CsvParser({ delimiter, maxRecordSize, file: 'head' });
  try {
    parser.push(head, (fields, line, _raw, malformed) => { if (out.length < RECORDS) out.push({ fields, line, malformed }); });
  } catch {
    // a record too large for the head: what was read so far is all there is to judge
  }
  return out;
}

/** Share of the rows after a header that must have its width: a ragged export is not taken for one with titles. */
const SAME_WIDTH = 0.6;

const filled = (r: ParsedRecord) => r.fields.filter((f) => f.trim() !== '').length;

/**
 * The share of `rows` of `width` fields, counted up to the last of them: the records after it are
 * a footer, or the head ends there. 0 when none has that width.
 */
function sameWidthShare(rows: readonly ParsedRecord[], width: number): number {
  let last = -1;
  for (let i = rows.length - 1; i >= 0 && last < 0; i--) if (rows[i].fields.length === width) last = i;
  if (last < 0) return 0;
  const body = rows.slice(0, last + 1);
  return body.filter((r) => r.fields.length === width).length / body.length;
}

function mode(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let value: number | undefined;
  for (const [v, n] of counts) if (value === undefined || n > counts.get(value)!) value = v;
  return value;
}
