/**
 * The appended output cells for one lead, written as bytes, in the order of the result-column
 * table (model/result-columns.ts): one writer per column, chosen once by the column's cell kind.
 * Everything that comes from the ruleset (stage and priority names, reason codes, BANT letters,
 * grades) is escaped and encoded once here; per row only the numbers and the reasons are written,
 * the numbers digit by digit and each reason as it is (the reasons of fixed rules are the same
 * string objects every row, so whether one needs quoting is remembered).
 */
import { bantLetters } from '../../model/bant.js';
import { formatNumber, round2 } from '../../model/cents.js';
import { REASON_SEPARATOR } from '../../model/reasons.js';
import { DISQUALIFIED, isAccountColumn, resultColumns, type LeadValues, type ResultColumn } from '../../model/result-columns.js';
import type { CompiledRuleset } from '../../engine/types.js';
import { AccountCells } from './account-cells.js';
import { OutputBuffer } from './output-buffer.js';
import { needsFormulaEscape } from '../../model/formula-escape.js';
import type { CsvFormatter } from './csv-format.js';

const REMEMBERED_REASONS = 10_000;
const REMEMBERED_CELLS = 10_000;

interface EncodedReason {
  kind: number;
  bytes: Uint8Array;
}

const FORMULA_START = /^[\s\u3000\u00a0]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\u2212]/;

type CellWriter = (lead: LeadValues, out: OutputBuffer) => void;

export class ResultFormatter {
  private readonly d: string;
  private readonly cellCache = new Map<string, string>();
  private readonly delimiter: Uint8Array;
  private readonly separator: Uint8Array;
  /** one per appended column, in order */
  private readonly writers: CellWriter[];
  /** the current row's reason cells (reused: no array per row) */
  private readonly reasonScratch: (EncodedReason | undefined)[] = [];
  private readonly encoded = new Map<string, Uint8Array>();
  /** per reason text: its bytes, and whether it can stand in the reasons cell as it is (see reasonCell) */
  private readonly reasonCells = new Map<string, EncodedReason>();
  /** the separator itself would need quoting with this delimiter */
  private readonly separatorNeedsQuotes: boolean;
  private readonly accounts: AccountCells;
  /** with `deferAccounts`: where the account cells were left out of the last row written (its delimiter's offset in `out`) */
  accountAt = -1;
  /** with `deferAccounts`: the index in `writers` before which the account cells belong */
  private readonly deferAt: number;
  /** the account columns' writers (`accountCells`) */
  private readonly accountWriters: CellWriter[];

  /**
   * `deferAccounts`: the account cells are left out of every row (the lead pass scores before the
   * accounts are known: run/deferred-accounts.ts), and where they belong is told by `accountAt`.
   */
  constructor(rs: CompiledRuleset, private readonly fmt: CsvFormatter, deferAccounts = false) {
    this.d = fmt.format.delimiter;
    const bytes = (text: string) => Buffer.from(text, 'utf8');
    this.delimiter = bytes(this.d);
    this.separator = bytes(REASON_SEPARATOR);
    this.separatorNeedsQuotes = fmt.cell(REASON_SEPARATOR) !== REASON_SEPARATOR || REASON_SEPARATOR.includes(this.d);
    this.accounts = new AccountCells((key) => fmt.cell(key));
    const stages = rs.stages.map((st) => bytes(fmt.cell(st.name)));
    const disqualified = bytes(fmt.cell(DISQUALIFIED));
    const bant = Array.from({ length: 1 << rs.bantKeys.length }, (_, mask) => bytes(fmt.cell(bantLetters(mask))));
    const writer = (column: ResultColumn): CellWriter => {
      const value = column.value;
      switch (column.cell) {
        case 'number': return (lead, out) => writeNumber(out, value(lead) as number);
        case 'optional-number': return (lead, out) => { const v = value(lead) as number; if (!Number.isNaN(v)) writeNumber(out, v); };
        case 'text': return (lead, out) => this.writeText(value(lead) as string, out);
        case 'bant': return (lead, out) => out.bytes(bant[value(lead) as number]);
        case 'stage': return (lead, out) => { const stage = value(lead) as number; out.bytes(stage < 0 ? disqualified : stages[stage]); };
        case 'reasons': return (lead, out) => this.writeReasons(value(lead) as string[], out);
        case 'account': return (lead, out) => {
          const n = lead.accountNumber ?? -1;
          if (n < 0) this.writeText(value(lead) as string, out);
          else this.accounts.write(n, value(lead) as string, out);
        };
      }
    };
    const columns = resultColumns(rs.scores.slice(2).map((sc) => sc.name), rs.grades !== null, rs.resolved.accounts !== undefined, rs.resolved.completeness !== undefined);
    this.accountWriters = columns.filter(isAccountColumn).map(writer);
    const defer = deferAccounts && this.accountWriters.length > 0;
    this.deferAt = defer ? columns.findIndex(isAccountColumn) : -1;
    this.writers = (defer ? columns.filter((c) => !isAccountColumn(c)) : columns).map(writer);
  }

  /** Writes the appended cells, each after a delimiter, into `out` (the row's line break is the caller's). */
  writeTo(r: LeadValues, out: OutputBuffer): void {
    const writers = this.writers;
    for (let i = 0; i < writers.length; i++) {
      if (i === this.deferAt) this.accountAt = out.length;
      out.bytes(this.delimiter);
      writers[i](r, out);
    }
    if (this.deferAt === writers.length) this.accountAt = out.length;
  }

  /** The account cells alone, each after a delimiter, as `writeTo` writes them (for the cells it left out). */
  writeAccountCells(r: LeadValues, out: OutputBuffer): void {
    for (const write of this.accountWriters) {
      out.bytes(this.delimiter);
      write(r, out);
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
          if (i > 0) out.bytes(this.separator);
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

  private writeText(value: string, out: OutputBuffer): void {
    const cell = this.encoded.get(value);
    if (cell !== undefined) { out.bytes(cell); return; }
    // a column of many values (an account key per company) is not remembered past a limit
    if (this.encoded.size >= REMEMBERED_CELLS) { out.write(this.fmt.cell(value)); return; }
    const bytes = Buffer.from(this.cached(value), 'utf8');
    this.encoded.set(value, bytes);
    out.bytes(bytes);
  }

  /** The appended cells joined by the delimiter, escaped and quoted as needed, as text. */
  cells(r: LeadValues): string {
    const out = new OutputBuffer(0);
    this.writeTo(r, out);
    // writeTo puts a delimiter before each cell; the text form starts with the first cell
    return Buffer.from(out.take()).toString('utf8').slice(this.d.length);
  }

  private cached(value: string): string {
    let cell = this.cellCache.get(value);
    if (cell === undefined) {
      cell = this.fmt.cell(value);
      if (this.cellCache.size < REMEMBERED_CELLS) this.cellCache.set(value, cell);
    }
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

/** The appended cells as separate values (unescaped), for callers that are not writing CSV. */
export function resultCells(result: LeadValues, rs: CompiledRuleset): string[] {
  return resultColumns(rs.scores.slice(2).map((sc) => sc.name), rs.grades !== null, rs.resolved.accounts !== undefined, rs.resolved.completeness !== undefined).map((column) => {
    const value = column.value(result);
    switch (column.cell) {
      case 'number': return formatNumber(value as number);
      case 'optional-number': return Number.isNaN(value as number) ? '' : formatNumber(value as number);
      case 'text': case 'account': return value as string;
      case 'bant': return bantLetters(value as number);
      case 'stage': return (value as number) < 0 ? DISQUALIFIED : rs.stages[value as number].name;
      case 'reasons': return (value as string[]).join(REASON_SEPARATOR);
    }
  });
}
