/**
 * The appended output cells for one lead, in the order of RESULT_COLUMNS, written as bytes.
 * Everything that comes from the ruleset (stage and priority names, reason codes, BANT letters,
 * grades) is escaped and encoded once here; per row only the numbers and the reasons are written,
 * the numbers digit by digit and each reason as it is (the reasons of fixed rules are the same
 * string objects every row, so whether one needs quoting is remembered).
 */
import { gradeLabel } from '../../engine/evaluate.js';
import { formatNumber, round2 } from '../../engine/score.js';
import type { CompiledRuleset, LeadResult } from '../../engine/types.js';
import { BANT_LETTERS, DISQUALIFIED } from '../../ruleset/types.js';
import { OutputBuffer } from './output-buffer.js';
import { needsFormulaEscape, type CsvFormatter } from './csv-format.js';

const REASON_SEPARATOR = '; ';
const REMEMBERED_REASONS = 10_000;

interface EncodedReason {
  kind: number;
  bytes: Uint8Array;
}

const FORMULA_START = /^[\s\u3000\u00a0]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\u2212]/;

export class ResultFormatter {
  private readonly stageCells: string[];
  private readonly disqualifiedCell: string;
  private readonly bantCells: string[];
  private readonly cellCache = new Map<string, string>();
  private readonly d: string;
  /** named scores and grade are appended only when the ruleset has them */
  private readonly extra: boolean;
  private readonly gradeCells: string[] | null;

  private readonly enc: {
    delimiter: Uint8Array;
    stages: Uint8Array[];
    disqualified: Uint8Array;
    bant: Uint8Array[];
    grades: Uint8Array[] | null;
    separator: Uint8Array;
  };
  /** the current row's reason cells (reused: no array per row) */
  private readonly reasonScratch: (EncodedReason | undefined)[] = [];
  private readonly encoded = new Map<string, Uint8Array>();
  /** per reason text: its bytes, and whether it can stand in the reasons cell as it is (see reasonCell) */
  private readonly reasonCells = new Map<string, EncodedReason>();
  /** the separator itself would need quoting with this delimiter */
  private readonly separatorNeedsQuotes: boolean;

  constructor(rs: CompiledRuleset, private readonly fmt: CsvFormatter) {
    this.d = fmt.format.delimiter;
    const bytes = (s: string) => Buffer.from(s, 'utf8');
    this.stageCells = rs.stages.map((s) => fmt.cell(s.name));
    this.disqualifiedCell = fmt.cell(DISQUALIFIED);
    this.bantCells = Array.from({ length: 1 << rs.bantKeys.length }, (_, mask) => fmt.cell(bantLetters(rs, mask)));
    this.gradeCells = rs.grades ? Array.from({ length: 16 }, (_, g) => fmt.cell(gradeLabel(g))) : null;
    this.extra = rs.scores.length > 2 || rs.grades !== null;
    this.enc = {
      delimiter: bytes(this.d),
      stages: this.stageCells.map(bytes),
      disqualified: bytes(this.disqualifiedCell),
      bant: this.bantCells.map(bytes),
      grades: this.gradeCells?.map(bytes) ?? null,
      separator: bytes(REASON_SEPARATOR),
    };
    this.separatorNeedsQuotes = fmt.cell(REASON_SEPARATOR) !== REASON_SEPARATOR || REASON_SEPARATOR.includes(this.d);
  }

  /** Writes the appended cells, each after a delimiter, into `out` (the row's line break is the caller's). */
  writeTo(r: LeadResult, out: OutputBuffer): void {
    const d = this.enc.delimiter;
    out.bytes(d); writeNumber(out, r.engagement);
    out.bytes(d); writeNumber(out, r.fit);
    out.bytes(d); writeNumber(out, r.total);
    out.bytes(d); out.bytes(this.enc.bant[r.bantMask]);
    out.bytes(d); out.bytes(r.stage < 0 ? this.enc.disqualified : this.enc.stages[r.stage]);
    out.bytes(d); out.bytes(this.encodedCell(r.priority));
    out.bytes(d); this.writeReasons(r.reasons, out);
    out.bytes(d); out.bytes(this.encodedCell(r.disqualifiedReason));
    if (this.extra) {
      for (let i = 0; i < r.named.length; i++) { out.bytes(d); writeNumber(out, r.named[i]); }
      if (this.enc.grades !== null) { out.bytes(d); out.bytes(this.enc.grades[r.grade]); }
    }
  }

  private writeReasons(reasons: string[], out: OutputBuffer): void {
    if (reasons.length === 0) return;
    if (!this.separatorNeedsQuotes) {
      // the reasons of a row are mostly the same string objects as in earlier rows (fixed
      // reasons, and `per` reasons cached by count): their bytes are looked up, not encoded again
      const cells = this.reasonScratch;
      let plain = true;
      for (let i = 0; i < reasons.length && plain; i++) {
        const cell = this.reasonCell(reasons[i]);
        cells[i] = cell;
        plain = (cell.kind & (i === 0 ? 3 : 1)) === 0;
      }
      if (plain) {
        for (let i = 0; i < reasons.length; i++) {
          if (i > 0) out.bytes(this.enc.separator);
          out.bytes(cells[i]!.bytes);
        }
        return;
      }
    }
    out.write(this.fmt.cell(reasons.join(REASON_SEPARATOR)));
  }

  /**
   * A reason's bytes and kind. Kind bit 1: the text would need quoting in a cell (a delimiter, a
   * quote or a line break); bit 2: a cell starting with it may need a formula escape (judged
   * without the numbers exemption, so the joined cell is never written wrongly). Either sends the
   * row's reasons to the formatter.
   */
  private reasonCell(reason: string): EncodedReason {
    let cell = this.reasonCells.get(reason);
    if (cell === undefined) {
      const kind = (reason.includes(this.d) || /["\r\n]/.test(reason) ? 1 : 0)
        | (this.fmt.format.escapeFormulas && (needsFormulaEscape(reason) || FORMULA_START.test(reason)) ? 2 : 0);
      cell = { kind, bytes: Buffer.from(reason, 'utf8') };
      if (this.reasonCells.size < REMEMBERED_REASONS) this.reasonCells.set(reason, cell);
    }
    return cell;
  }

  private encodedCell(value: string): Uint8Array {
    let cell = this.encoded.get(value);
    if (cell === undefined) this.encoded.set(value, (cell = Buffer.from(this.cached(value), 'utf8')));
    return cell;
  }

  /** The appended cells joined by the delimiter, escaped and quoted as needed, as text. */
  cells(r: LeadResult): string {
    const out = new OutputBuffer(0);
    this.writeTo(r, out);
    // writeTo puts a delimiter before each cell; the text form starts with the first cell
    return Buffer.from(out.take()).toString('utf8').slice(this.d.length);
  }

  private cached(value: string): string {
    let cell = this.cellCache.get(value);
    if (cell === undefined) this.cellCache.set(value, (cell = this.fmt.cell(value)));
    return cell;
  }
}

/** A score as formatNumber writes it: whole numbers digit by digit, others through String(). */
function writeNumber(out: OutputBuffer, x: number): void {
  const v = round2(x);
  if (Number.isInteger(v) && v > -1e15 && v < 1e15) {
    if (v < 0) { out.byte(45); writeDigits(out, -v); } else writeDigits(out, v);
  } else {
    out.ascii(formatNumber(v));
  }
}

function writeDigits(out: OutputBuffer, v: number): void {
  if (v >= 10) writeDigits(out, Math.floor(v / 10));
  out.byte(48 + (v % 10));
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
