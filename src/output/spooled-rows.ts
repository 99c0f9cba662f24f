/**
 * The scored rows put aside by the lead pass that ran before the accounts were known
 * (run/deferred-accounts.ts), written out now: each row with its account's cells put in where
 * they belong, to the scored output and, with --out-dir, to its stage's file. The rows are then
 * byte for byte what the lead pass writes when it runs after the accounts pass.
 */
import type { CompiledRuleset, LeadResult } from '../engine/types.js';
import { CsvFormatter } from './csv/csv-format.js';
import { OutputBuffer } from './csv/output-buffer.js';
import { ResultFormatter } from './csv/result-cells.js';
import type { RowSpool } from './row-spool.js';
import type { ScoreFiles } from './score-files.js';

/** Where a lead's row stands, per lead in a spooled block's `places` (jobs/score-accounts.ts ROW_PLACE). */
export interface RowPlace {
  accountAt: number;
  end: number;
  stage: number;
  width: number;
}

/**
 * Every account's cells (account, account_score, account_stage, each after a delimiter) as the
 * lead pass writes them, side by side in one buffer, and a lead's without an account last.
 */
export class AccountRowCells {
  private readonly bytes: Buffer;
  /** account k's cells are bytes [at[k], at[k + 1]); k = count: none */
  private readonly at: Int32Array;

  /** `compiled`: with the accounts attached (its fill describes each account); `fmt`: the scored output's */
  constructor(compiled: CompiledRuleset, fmt: CsvFormatter, count: number) {
    const results = new ResultFormatter(compiled, new CsvFormatter(fmt.format));
    const out = new OutputBuffer(0, false);
    const lead = {} as LeadResult;
    this.at = new Int32Array(count + 2);
    for (let k = 0; k <= count; k++) {
      compiled.fill!.describeAccount(lead, k < count ? k : -1);
      results.writeAccountCells(lead, out);
      this.at[k + 1] = out.length;
    }
    this.bytes = out.buf;
  }

  /** Account `k`'s cells (-1: a lead without an account) into `out`. */
  write(k: number, out: OutputBuffer): void {
    const n = k < 0 ? this.at.length - 2 : k;
    out.bytesOf(this.bytes, this.at[n], this.at[n + 1]);
  }
}

/**
 * Writes the spooled rows with their account cells: `accountOf` turns a lead's slot into its
 * account (-1: none); `stageCount`: the ladder's length (a disqualified lead's row goes to the
 * file after the ladder's); `drain`: lets a pipe catch up after each block; `reuse`: the outputs
 * are written at once (files, not a pipe, which may still hold a block when the next is made),
 * so one block's buffers serve the next.
 */
export async function writeSpooledRows(spool: RowSpool, place: RowPlace, accountOf: (slot: number) => number, cells: AccountRowCells,
  files: ScoreFiles, stageCount: number, drain: () => Promise<void>, reuse: boolean): Promise<void> {
  let out: OutputBuffer | undefined;
  let stages: OutputBuffer[] = [];
  for (const block of spool.read(place.width)) {
    const { rows, places, slots } = block;
    if (!reuse || out === undefined) {
      out = new OutputBuffer(rows.length + slots.length * 32, false);
      stages = files.byStage ? Array.from({ length: stageCount + 1 }, () => new OutputBuffer(rows.length >> 2, false)) : [];
    }
    out.length = 0;
    for (const s of stages) s.length = 0;
    let start = 0;
    for (let lead = 0; lead < slots.length; lead++) {
      const p = lead * place.width;
      const at = places[p + place.accountAt];
      const end = places[p + place.end];
      const rowStart = out.length;
      out.copy(rows, start, at);
      cells.write(accountOf(slots[lead]), out);
      out.copy(rows, at, end);
      if (stages.length > 0) {
        const stage = places[p + place.stage];
        stages[stage < 0 ? stageCount : stage].copy(out.buf, rowStart, out.length);
      }
      start = end;
    }
    files.write({ scored: out.take(), stages: stages.map((s) => s.take()), duplicates: EMPTY });
    await drain();
  }
}

const EMPTY = new Uint8Array(0);
