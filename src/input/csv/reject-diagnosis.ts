/**
 * Why nearly every row of an input was rejected, guessed from the field counts of the header and
 * the rejected rows: a wrong delimiter, a trailing delimiter on every row, a title line above the
 * header. Also the hint for a header that cannot be the real one (a single field).
 *
 * `realHeaderSkip` is the input's (BlockInput.realHeaderSkip): where title lines were found above
 * a real header, the hints name the lines to skip to it, as `leadq inspect` and `init` do; else
 * they guess at one title line.
 */
import { quoteData } from '../../model/errors.js';
import { DELIMITER_CANDIDATES } from './sniff.js';

const shown = (d: string) => (d === '\t' ? 'tab' : `"${d}"`);

/**
 * Compares the header's field count with the rejected rows' counts; `specific` when a pattern
 * was recognised (not just "the counts differ").
 */
export function diagnose(header: readonly string[], rows: readonly string[][], delimiter: string, realHeaderSkip?: number): { hint: string; specific: boolean } | undefined {
  const hint = guess(header, rows, delimiter, realHeaderSkip);
  return hint === undefined ? undefined : { hint: hint.replace(/^\?/, ''), specific: !hint.startsWith('?') };
}

/** The first line as the header, when rules name columns it lacks: a title line, or the wrong delimiter. */
export function headerHint(header: readonly string[], delimiter: string, realHeaderSkip?: number): string | undefined {
  // a title a spreadsheet padded to the table's width (`Leads by Source,,,`): one filled field
  const filled = header.filter((h) => h.trim() !== '');
  if (header.length > 1 && filled.length === 1 && header[0].trim() !== '' && realHeaderSkip !== undefined) {
    return `the line read as the header has one filled field, ${quoteData(header[0])}, and ${header.length - 1} empty: ${skipTo(realHeaderSkip)}`;
  }
  if (header.length !== 1) return undefined;
  const other = DELIMITER_CANDIDATES.find((d) => d !== delimiter && header[0].includes(d));
  if (other) return `the header is one field split on ${shown(delimiter)}, but it holds ${shown(other)}: pass --delimiter ${other === '\t' ? 'tab' : other}`;
  if (realHeaderSkip !== undefined) return `the line read as the header has a single field, ${quoteData(header[0])}: ${skipTo(realHeaderSkip)}`;
  return `the first line has a single field, ${quoteData(header[0])}: if it is a title above the real header, skip it with --skip-lines 1 (leadq reads the first line as the header)`;
}

/** Where the real header was found below title lines, and how to reach it. */
function skipTo(skip: number): string {
  return `it looks like a title, and the real header is on line ${skip + 1}: skip the lines above it with --skip-lines ${skip}`;
}

/** A hint, prefixed with `?` when it is only the generic one. */
function guess(header: readonly string[], rows: readonly string[][], delimiter: string, realHeaderSkip: number | undefined): string | undefined {
  if (rows.length === 0) return undefined;
  const width = header.length;
  const { value: usual, share } = mode(rows.map((r) => r.length));
  const mostly = share >= 0.8;

  // each row split on another delimiter gives the header's width (or its own width, the same for all)
  for (const d of DELIMITER_CANDIDATES) {
    if (d === delimiter) continue;
    const widths = rows.map((r) => r.join(delimiter).split(d).length);
    const byD = mode(widths);
    const headerByD = header.join(delimiter).split(d).length;
    if (byD.share >= 0.8 && byD.value > 1 && (byD.value === width || byD.value === headerByD)) {
      return byD.value === width
        ? `the header was split on ${shown(delimiter)} into ${width} field${width === 1 ? '' : 's'}, but the rows look delimited by ${shown(d)}: the header and the rows must use the same delimiter`
        : `the rows look delimited by ${shown(d)} (${byD.value} fields each, as the header would be), not ${shown(delimiter)}: pass --delimiter ${d === '\t' ? 'tab' : d}`;
    }
  }
  if (mostly && usual === width + 1) {
    const emptyLast = rows.filter((r) => r.length === usual && r[r.length - 1] === '').length;
    if (emptyLast >= rows.length * 0.8) {
      return `the header has ${width} fields and the rows ${usual}, the last one empty: every row ends with a trailing ${shown(delimiter)}. Remove it, or give the last column a name in the header`;
    }
    return `the rows have one field more than the header (${usual} against ${width}): is a column name missing from the header?`;
  }
  if (mostly && usual > width && realHeaderSkip !== undefined) {
    return `the line read as the header has ${width} field${width === 1 ? '' : 's'} but the rows have ${usual}: ${skipTo(realHeaderSkip)}`;
  }
  if (mostly && usual > width) {
    return `the first line has ${width} field${width === 1 ? '' : 's'} but the rows have ${usual}: if the first line is a title above the real header, skip it with --skip-lines 1 (leadq reads the first line as the header)`;
  }
  return `?the header has ${width} field${width === 1 ? '' : 's'}; ${mostly ? `the rows have ${usual}` : 'the rows have varying counts'}: check the delimiter (${shown(delimiter)}; --delimiter sets it) and the quotes`;
}

function mode(values: number[]): { value: number; share: number } {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let value = values[0];
  for (const [v, n] of counts) if (n > counts.get(value)!) value = v;
  return { value, share: counts.get(value)! / values.length };
}
