/**
 * Writes the changes of `leadq diff` (and `score --previous`'s changes.csv): one row per change,
 * the diff's columns first, then the lead's own columns as the newer file names them.
 *
 * CSV: written with the CSV formatter, so formula escaping and quoting are those of every CSV
 * leadq writes. The cells come from scored files, escaped or not: they lose the `'` escaping put
 * there first (the key already has), so the diff's own --no-escape-formulas holds for every cell
 * and, escaping on, an escaped cell is written as it stood. JSON: an array with one change object per line (valid JSON for jq, and lines for
 * grep); the lead's columns are an object under "lead", numbers are numbers, a side the lead is
 * not in is null.
 */
import type { Change } from '../diff/compare.js';
import { unescapeFormula } from '../model/formula-escape.js';
import type { CsvFormatter } from './csv/csv-format.js';
import type { Sink } from './sinks.js';

export const CHANGE_COLUMNS = [
  'key', 'change', 'stage_before', 'stage_after', 'score_before', 'score_after', 'score_delta',
  'priority_before', 'priority_after', 'reasons', 'disqualified_reason',
] as const;

export interface ChangeWriter {
  write(change: Change): void;
  /** after the last change */
  end(): void;
}

/** A score as leadq writes it: no trailing zeros, no exponent for the values scores take, -0 as 0. */
export function formatScore(x: number): string {
  return x === 0 ? '0' : String(x);
}

/** after − before, in hundredths as scores are (so 26.35 − 10.1 is 16.25, not 16.250000000000004). */
export function scoreDelta(before: number, after: number): number {
  return Math.round((after - before) * 100) / 100;
}

/** The diff's cells of a change, as text (empty for a side the lead is not in). */
function changeCells(c: Change): string[] {
  const b = c.before;
  const a = c.after;
  return [
    c.key, c.kind,
    b?.stage ?? '', a?.stage ?? '',
    b ? formatScore(b.score) : '', a ? formatScore(a.score) : '', a && b ? formatScore(scoreDelta(b.score, a.score)) : '',
    b?.priority ?? '', a?.priority ?? '',
    unescapeFormula(a?.reasons ?? ''), unescapeFormula(a?.disqualifiedReason ?? ''),
  ];
}

export class CsvChangeWriter implements ChangeWriter {
  private readonly withLead: boolean;

  constructor(private readonly sink: Sink, private readonly fmt: CsvFormatter, leadHeader: string[]) {
    sink.write(`${fmt.row([...CHANGE_COLUMNS, ...leadHeader])}\n`);
    this.withLead = leadHeader.length > 0;
  }

  write(change: Change): void {
    const d = this.fmt.format.delimiter;
    let line = this.fmt.row(changeCells(change));
    // the lead's cells as they stand in the newer file when nothing in them needs escaping (and
    // an escape there may stay: escaping is on)
    const copied = this.fmt.format.escapeFormulas ? change.lead.csv(d) : null;
    if (this.withLead) line += d + (copied ?? this.fmt.row(change.lead.cells().map(unescapeFormula)));
    this.sink.write(`${line}\n`);
  }

  end(): void {}
}

export class JsonChangeWriter implements ChangeWriter {
  private count = 0;

  constructor(private readonly sink: Sink, private readonly leadHeader: string[]) {
    sink.write('[');
  }

  write(c: Change): void {
    const lead: Record<string, string> = {};
    // defineProperty: a column named __proto__ is a column like any other
    // JSON is read by programs, not spreadsheets: the cells without the formula escape scored.csv has
    const cells = c.lead.cells();
    this.leadHeader.forEach((h, i) => Object.defineProperty(lead, h, { value: unescapeFormula(cells[i] ?? ''), enumerable: true, writable: true, configurable: true }));
    const b = c.before;
    const a = c.after;
    const json = {
      key: c.key, change: c.kind,
      stage_before: b?.stage ?? null, stage_after: a?.stage ?? null,
      score_before: b ? b.score : null, score_after: a ? a.score : null, score_delta: a && b ? scoreDelta(b.score, a.score) : null,
      priority_before: b?.priority ?? null, priority_after: a?.priority ?? null,
      reasons: a ? unescapeFormula(a.reasons) : null, disqualified_reason: a ? unescapeFormula(a.disqualifiedReason) : null,
      lead,
    };
    this.sink.write(`${this.count++ === 0 ? '\n' : ',\n'}${JSON.stringify(json)}`);
  }

  end(): void {
    this.sink.write('\n]\n');
  }
}
