/**
 * Runs a diff over two scored files, for `leadq diff` and `leadq score --previous`: the older
 * file is read into the compact side, the newer one streamed past it, and, when some removed lead
 * passes the filter, the older file is read once more to hand over those rows. Orchestration
 * only: reading is input/csv/read-records.ts, comparing diff/compare.ts, writing output/changes.ts.
 */
import { LeadqError } from '../model/errors.js';
import { replayStdin } from '../input/csv/stdin-replay.js';
import { openRecords, type RecordReader, type RecordOptions } from '../input/csv/read-records.js';
import { Differ } from '../diff/compare.js';
import { planDiff, type DiffOptions, type DiffPlan } from '../diff/plan.js';
import type { ChangeWriter } from '../output/changes.js';
import type { Progress } from '../output/progress.js';

export interface DiffFile {
  path: string;
  /** the name in messages (score --previous reads its scored output before it is in place) */
  name?: string;
  reading?: RecordOptions;
}

/** A lead left out of a file would show as new or removed: every row must be read. */
const RECORD_HINT = 'diff reads every row of a scored file (a row left out would show as a new or removed lead); fix the line or score the export again';

export interface OpenDiff {
  plan: DiffPlan;
  before: RecordReader;
  after: RecordReader;
  beforeFile: DiffFile;
  close(): Promise<void>;
}

/** Opens both files, reads their headers and plans the diff; throws before anything is written. */
export async function openDiff(beforeFile: DiffFile, afterFile: DiffFile, options: DiffOptions): Promise<OpenDiff> {
  if (beforeFile.path === '-' && afterFile.path === '-') throw new LeadqError('USAGE', 'standard input (-) can be read only once: give one of the two files by its path');
  // the older file is read twice (its removed leads are fetched again): standard input is copied as it is read
  if (beforeFile.path === '-') replayStdin();
  const open = (f: DiffFile) => openRecords(f.path, { ...f.reading, name: f.name, recordHint: RECORD_HINT });
  const before = await open(beforeFile);
  let after: RecordReader | undefined;
  try {
    after = await open(afterFile);
    const plan = planDiff(before, after, options);
    const opened = after;
    return { plan, before, after: opened, beforeFile, close: async () => { await before.close(); await opened.close(); } };
  } catch (error) {
    await before.close();
    await after?.close();
    throw error;
  }
}

/**
 * Compares the files and hands each change that passes the filter to `writer`: the newer file's
 * in its order, then the removed leads in the older file's order. `drain` runs between blocks.
 */
export async function runDiff(opened: OpenDiff, writer: ChangeWriter, drain: () => Promise<void>, progress?: Progress): Promise<Differ> {
  const { plan } = opened;
  const differ = new Differ(plan.ladder, plan.filter, plan.before, plan.after);
  const write = writer.write.bind(writer);
  // on a terminal: rows of both files and their bytes, after each block
  let rows = 0;
  const tick = async () => { progress?.update(rows, opened.before.bytesRead + opened.after.bytesRead); };
  await opened.before.forEach((row) => { rows++; differ.addBefore(row); }, tick);
  await opened.after.forEach((row) => { rows++; differ.addAfter(row, write); }, async () => { await tick(); await drain(); });
  const lines = differ.removedLines();
  if (lines.length > 0) {
    const again = await openRecords(opened.beforeFile.path, { ...opened.beforeFile.reading, name: opened.beforeFile.name, recordHint: RECORD_HINT });
    let next = 0;
    await again.forEach((row) => {
      if (row.line !== lines[next]) return true;
      differ.emitRemoved(row, write);
      return ++next < lines.length;
    }, drain);
  }
  writer.end();
  return differ;
}
