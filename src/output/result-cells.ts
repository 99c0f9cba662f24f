/**
 * The appended output cells for one lead, in the order of RESULT_COLUMNS. Everything that comes
 * from the ruleset (stage and priority names, reasons codes, BANT letters) is escaped once here,
 * not per row; only the numbers and the reasons text are built per row.
 */
import { gradeLabel } from '../engine/evaluate.js';
import { formatNumber } from '../engine/score.js';
import type { CompiledRuleset, LeadResult } from '../engine/types.js';
import { BANT_LETTERS, DISQUALIFIED } from '../ruleset/types.js';
import type { CsvFormatter } from './csv-format.js';

export class ResultFormatter {
  private readonly stageCells: string[];
  private readonly disqualifiedCell: string;
  private readonly bantCells: string[];
  private readonly cellCache = new Map<string, string>();
  private readonly d: string;
  /** named scores and grade are appended only when the ruleset has them */
  private readonly extra: boolean;
  private readonly gradeCells: string[] | null;

  constructor(private readonly rs: CompiledRuleset, private readonly fmt: CsvFormatter) {
    this.d = fmt.format.delimiter;
    this.stageCells = rs.stages.map((s) => fmt.cell(s.name));
    this.disqualifiedCell = fmt.cell(DISQUALIFIED);
    this.bantCells = Array.from({ length: 1 << rs.bantKeys.length }, (_, mask) => fmt.cell(bantLetters(rs, mask)));
    this.gradeCells = rs.grades ? Array.from({ length: 16 }, (_, g) => fmt.cell(gradeLabel(g))) : null;
    this.extra = rs.scores.length > 2 || rs.grades !== null;
  }

  /** The appended cells joined by the delimiter, escaped and quoted as needed. */
  cells(r: LeadResult): string {
    const d = this.d;
    return formatNumber(r.engagement) + d + formatNumber(r.fit) + d + formatNumber(r.total) + d
      + this.bantCells[r.bantMask] + d
      + (r.stage < 0 ? this.disqualifiedCell : this.stageCells[r.stage]) + d
      + this.cached(r.priority) + d
      + this.fmt.cell(r.reasons.join('; ')) + d
      + this.cached(r.disqualifiedReason)
      + (this.extra ? this.extraCells(r) : '');
  }

  /** Named scores, then the grade. */
  private extraCells(r: LeadResult): string {
    let out = '';
    for (let i = 0; i < r.named.length; i++) out += this.d + formatNumber(r.named[i]);
    if (this.gradeCells !== null) out += this.d + this.gradeCells[r.grade];
    return out;
  }

  private cached(value: string): string {
    let cell = this.cellCache.get(value);
    if (cell === undefined) this.cellCache.set(value, (cell = this.fmt.cell(value)));
    return cell;
  }
}

/** The BANT criteria that hold, as letters in BANT order: `B,A,T`. */
export function bantLetters(rs: CompiledRuleset, mask: number): string {
  const letters: string[] = [];
  rs.bantKeys.forEach((key, i) => { if (mask & (1 << i)) letters.push(BANT_LETTERS[key]); });
  return letters.join(',');
}

/** The appended cells as separate values (unescaped), for callers that are not writing CSV. */
export function resultCells(result: LeadResult, rs: CompiledRuleset): string[] {
  return [
    formatNumber(result.engagement),
    formatNumber(result.fit),
    formatNumber(result.total),
    bantLetters(rs, result.bantMask),
    result.stage < 0 ? DISQUALIFIED : rs.stages[result.stage].name,
    result.priority,
    result.reasons.join('; '),
    result.disqualifiedReason,
    ...result.named.map(formatNumber),
    ...(rs.grades ? [gradeLabel(result.grade)] : []),
  ];
}
