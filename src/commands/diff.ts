/**
 * `leadq diff <before/scored.csv> <after/scored.csv>`: the leads whose stage, score or priority
 * changed between two runs of `leadq score`, new ones and removed ones, one row per change (CSV,
 * or JSON with --json) and a tally on standard error. Orchestration only: see diff-files.ts.
 */
import { EXIT } from '../model/errors.js';
import { loadRuleset, formatIssue } from '../ruleset/index.js';
import { CsvFormatter } from '../output/csv/csv-format.js';
import { CsvChangeWriter, JsonChangeWriter, type ChangeWriter } from '../output/changes.js';
import { columnClashWarning, oddityWarnings, tallyLine } from '../output/diff-report.js';
import { guardOutputs } from '../output/guard.js';
import { rulesetFiles } from './ruleset-files.js';
import { OutputSet } from '../output/sinks.js';
import { openDiff, runDiff } from './diff-files.js';
import type { Io } from './io.js';
import { watchSignals } from './signals.js';
import { writingSettings } from './settings.js';
import type { OutputEncoding } from '../model/encodings.js';
import { outputNotes } from '../output/output-notes.js';
import { progressFor, type Progress } from '../output/progress.js';
import { knownSize } from '../input/csv/byte-source.js';

export interface DiffCommandOptions {
  key?: string;
  rules?: string;
  only?: string[];
  out?: string;
  json: boolean;
  /** exit 1 when some change passed the filter (the trouble codes are cli.ts's) */
  exitCode: boolean;
  outDelimiter?: string;
  /** undefined: the ruleset's output.escape_formulas (with --rules), else on */
  escapeFormulas?: boolean;
  outEncoding?: OutputEncoding;
  encoding?: string;
  delimiter?: string;
  skipLines?: number;
  maxRecordSize?: number;
  quiet: boolean;
  /** bytes per block (tests) */
  blockSize?: number;
}

export async function diffCommand(beforePath: string, afterPath: string, options: DiffCommandOptions, io: Io): Promise<number> {
  const loaded = options.rules ? loadRuleset(options.rules) : undefined;
  if (loaded && !options.quiet) for (const w of loaded.warnings) io.err(`${formatIssue(options.rules!, w)}\n`);
  const out = options.out ?? '-';
  guardOutputs([beforePath, afterPath, ...(loaded ? rulesetFiles(loaded.ruleset, options.rules!, {}).guarded : [])], [out]);
  // the ruleset that scored the files also says how they, and the changes, are written (output:);
  // Windows-1252 has no byte-order mark to recognise it by
  const writing = writingSettings(options, loaded?.ruleset);
  const encoding = options.encoding ?? (writing.outEncoding === 'windows-1252' ? 'windows-1252' : undefined);
  const reading = { encoding, delimiter: options.delimiter, skipLines: options.skipLines, maxRecordSize: options.maxRecordSize, blockSize: options.blockSize };
  const opened = await openDiff({ path: beforePath, reading }, { path: afterPath, reading }, {
    key: options.key, ruleset: loaded?.ruleset, rulesFile: options.rules, only: options.only,
  });
  const outputs = new OutputSet();
  const stopWatching = watchSignals(() => outputs.abort());
  let progress: Progress | undefined;
  try {
    const sink = outputs.open(out, options.json ? undefined : writing.outEncoding);
    const { plan } = opened;
    const writer: ChangeWriter = options.json
      ? new JsonChangeWriter(sink, plan.leadHeader)
      : new CsvChangeWriter(sink, new CsvFormatter({ delimiter: options.outDelimiter ?? opened.after.delimiter, escapeFormulas: writing.escapeFormulas }), plan.leadHeader);
    // both files are read whole: their sizes, when known, say how far it is
    const sizes = [beforePath, afterPath].map(knownSize);
    progress = progressFor(io, options.quiet, 'comparing', sizes.every((n) => n !== undefined) ? sizes[0]! + sizes[1]! : undefined);
    const differ = await runDiff(opened, writer, () => outputs.drain(), progress);
    progress?.done();
    await outputs.commit();
    if (!options.quiet) {
      io.err(columnClashWarning(plan.leadHeader));
      io.err(oddityWarnings(plan.before.name, differ.beforeOdd, plan.key) + oddityWarnings(plan.after.name, differ.afterOdd, plan.key));
      io.err(tallyLine(differ.tally));
      io.err(outputNotes(outputs, false));
    }
    return options.exitCode && differ.tally.written > 0 ? EXIT.changes : EXIT.ok;
  } catch (error) {
    outputs.abort();
    throw error;
  } finally {
    progress?.done();
    stopWatching();
    await opened.close();
  }
}
