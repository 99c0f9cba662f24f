/**
 * Tables for the terminal: columns aligned by display width (a CJK character or an emoji takes
 * two columns, a combining accent none; measured by string-width), the first column left-aligned
 * and the others right-aligned. On a narrow terminal a table is fitted: first the first column
 * (names) is shortened with `…`, then the other columns are split into several tables that each
 * repeat the first column, so no line is wider than the terminal (names shortened only as far as
 * needed, and not both when splitting alone will do).
 */
import stringWidth from 'string-width';

export interface TableStyle {
  /** the terminal's width; undefined: no limit */
  columns?: number;
  header: (line: string) => string;
  /** row index `r` of the rows given */
  row: (line: string, r: number) => string;
}

const GAP = 2;
/** the first column is never shortened below this */
const MIN_NAME = 8;
/** names are shortened to make one table only down to this; narrower, the table is split instead */
const FIT_NAME = 16;

export function alignTable(header: string[], rows: string[][], style: TableStyle): string[] {
  const widths = header.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i]))));
  const limit = style.columns && style.columns > 0 ? style.columns : Infinity;
  const total = (cols: number[]) => cols.reduce((a, i) => a + widths[i], 0) + GAP * (cols.length - 1);
  const rest = header.map((_, i) => i).slice(1);
  const excess = total([0, ...rest]) - limit;
  if (excess > 0) {
    // names a little shorter make one table; else the table is split, names kept as long as can be
    const widest = Math.max(0, ...rest.map((i) => widths[i]));
    widths[0] = widths[0] - excess >= FIT_NAME ? widths[0] - excess : Math.max(Math.min(widths[0], MIN_NAME), Math.min(widths[0], limit - GAP - widest));
  }
  // the other columns in groups that fit beside the first
  const groups: number[][] = [];
  for (const i of rest) {
    const last = groups.at(-1);
    if (last && total([0, ...last, i]) <= limit) last.push(i);
    else groups.push([i]);
  }
  if (groups.length === 0) groups.push([]);
  const cell = (text: string, i: number) => {
    const shown = i === 0 ? clip(text, widths[0]) : text;
    const padding = ' '.repeat(Math.max(0, widths[i] - stringWidth(shown)));
    return i === 0 ? shown + padding : padding + shown;
  };
  const line = (r: string[], cols: number[]) => cols.map((i) => cell(r[i], i)).join(' '.repeat(GAP)).trimEnd();
  const out: string[] = [];
  groups.forEach((group, g) => {
    const cols = [0, ...group];
    if (g > 0) out.push('');
    out.push(style.header(line(header, cols)), ...rows.map((r, k) => style.row(line(r, cols), k)));
  });
  return out;
}

/** The text cut to `width` display columns, with `…` when cut (never inside a character or an emoji). */
export function clip(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const { segment } of new Intl.Segmenter().segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}
