/**
 * `leadq score`: ruleset → input header → compiled rules → rows scored and written → summary.
 * Orchestration only; every step lives in the folder of its stage. Outputs are committed
 * together at the end, or not at all.
 */
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { replayStdin } from '../input/csv/stdin-replay.js';
import { EXIT, formatLocated, LeadqError } from '../model/errors.js';
import type { BlockInput } from '../input/csv/read-blocks.js';
import { InputSeries } from '../input/csv/input-series.js';
import { DEFAULT_MAX_RECORD_SIZE } from '../input/csv/read-csv.js';
import { headerHint } from '../input/csv/reject-diagnosis.js';
import { missingColumnsHint } from '../run/related-errors.js';
import { readSpendFile, type SpendFile } from '../input/spend.js';
import { CsvFormatter } from '../output/csv/csv-format.js';
import { makeOutDir, outputPaths, type OutputPaths } from '../output/output-paths.js';
import { renderSummary } from '../output/report.js';
import { renderSummarySvg } from '../output/summary-svg.js';
import { footerMessage, noRowsWarning, rejectedMessage } from '../output/score-messages.js';
import { ScoreFiles } from '../output/score-files.js';
import { valueWarningLines } from '../output/value-warnings.js';
import { OutputSet } from '../output/sinks.js';
import { SummaryBuilder, type Summary } from '../output/summary.js';
import { asOfDay, compileRuleset } from '../engine/compile.js';
import type { CompiledRuleset } from '../engine/types.js';
import { formatIssue, headerIssuesError, loadRuleset, rulesName } from '../ruleset/index.js';
import type { Ruleset } from '../ruleset/types.js';
import type { RulesJobOptions } from '../run/jobs/compiled.js';
import type { DuplicateFinder } from '../run/jobs/dedupe.js';
import { findDuplicates } from '../run/find-duplicates.js';
import { ScoreJob, type ScoreJobSpec } from '../run/jobs/score.js';
import { defaultThreads, runPipeline } from '../run/pipeline.js';
import { WorkerPool } from '../run/worker-pool.js';
import { guardOutputs } from '../output/guard.js';
import { rulesetFiles } from './ruleset-files.js';
import { unmatchedSpendWarnings } from '../output/spend-warnings.js';
import type { Io } from './io.js';
import { checkWarnings, RejectTally, type MaxRejects } from '../run/reject-limit.js';
import { checkRelatedWarnings } from '../run/related-limits.js';
import { watchSignals } from './signals.js';
import { checkPrevious, type Previous } from './previous.js';
import { footerSettings, readingSettings, writingSettings } from './settings.js';
import type { OutputEncoding } from '../model/encodings.js';
import { outputNotes } from '../output/output-notes.js';
import { progressFor, type Progress } from '../output/progress.js';
import { knownSize } from '../input/csv/byte-source.js';
import type { RelatedHeader } from '../ruleset/resolve-related.js';
import { relatedWarningLines, type RelatedSummary } from '../output/related-summary.js';
import { attachAccounts, attachRelated } from '../run/jobs/compiled.js';
import { accountFilePaths, aggregateAccounts } from '../run/accounts.js';
import { scoreBeforeAccounts } from '../run/deferred-accounts.js';
import { RowSpool } from '../output/row-spool.js';
import type { AccountFileWarning, FoldedAccounts } from '../engine/account-fold.js';
import { leadRulesReadAccounts } from '../ruleset/resolve-accounts.js';
import type { BlockResult } from '../run/jobs/score-block.js';
import type { AccountTable } from '../engine/accounts.js';
import { accountFileWarningLine, accountsSummary, rewrittenIdsLine, writeAccountsCsv, type AccountsSummary } from '../output/accounts.js';
import type { RelatedTables } from '../events/lookup.js';
import { aggregateRelated, closeRelated, openRelated, relatedHeaders, type RelatedInput } from '../run/related.js';

export interface ScoreOptions {
  rules: string;
  out?: string;
  outDir?: string;
  summary?: string;
  rejects?: string;
  spend?: string;
  asOf?: string;
  encoding?: string;
  delimiter?: string;
  /** undefined: the ruleset's output.escape_formulas, else on */
  escapeFormulas?: boolean;
  /** encoding of the written CSVs (default: the ruleset's output.encoding, else UTF-8) */
  outEncoding?: OutputEncoding;
  /** columns of the spend file that hold the source and the amount (default: the first two) */
  spendSource?: string;
  spendAmount?: string;
  maxRecordSize?: number;
  /** past it the run fails (exit 1) and no output is replaced */
  maxRejects?: MaxRejects;
  /** past it the run fails (exit 1) and no output is replaced */
  maxWarnings?: MaxRejects;
  /** worker threads (default: up to 2); 1 scores in the main thread */
  threads?: number;
  /** bytes per block handed to a thread; small values exercise block boundaries in tests */
  blockSize?: number;
  /** lines above the header to skip (report titles) */
  skipLines?: number;
  /** the output's delimiter (default: the input's) */
  outDelimiter?: string;
  /** an earlier run's scored.csv: also write changes.csv (commands/previous.ts) */
  previous?: string;
  /** NAME=FILE: read the related file NAME from FILE instead of the ruleset's path */
  related?: string[];
  quiet: boolean;
}

/** The options with the ruleset's settings filled in where no flag was given (settings.ts). */
type Settled = ScoreOptions & { escapeFormulas: boolean; spendPath?: string };

export async function scoreCommand(inputPaths: string[], given: ScoreOptions, io: Io): Promise<number> {
  if (given.rules === '-' && inputPaths.includes('-')) throw new LeadqError('USAGE', 'standard input (-) can be read only once: give the ruleset or the export as a file');
  const { ruleset, warnings } = loadRuleset(given.rules);
  // `--rules -`: messages and the summary name it stdin
  const rulesFile = rulesName(given.rules);
  if (!given.quiet) for (const w of warnings) io.err(`${formatIssue(rulesFile, w)}\n`);
  const { spend, related, guarded } = rulesetFiles(ruleset, given.rules, given);
  const options: Settled = { ...given, ...readingSettings(given, ruleset), ...writingSettings(given, ruleset), spendPath: spend.path, rules: rulesFile };
  const paths = outputPaths(options, ruleset.stages.map((s) => s.name), Boolean(ruleset.dedupe), Boolean(ruleset.accounts));
  const readPaths = [...inputPaths, ...guarded];
  guardOutputs(readPaths, paths.all);
  const spendFile = spend.path ? readSpendFile(spend.path, spend.columns) : undefined;
  if ([...inputPaths, ...related.map((r) => r.path)].filter((p) => p === '-').length > 1) throw new LeadqError('USAGE', 'standard input (-) can be read only once');
  // accounts read by lead rules (or beside dedupe) need an accounts pass of their own; the others are found while scoring (run/deferred-accounts.ts)
  const accountsPass = ruleset.accounts !== undefined && (ruleset.dedupe !== undefined || leadRulesReadAccounts(ruleset));
  // dedupe, an accounts pass and related files read the export twice: standard input is copied as it is read
  if (inputPaths.includes('-') && (ruleset.dedupe || accountsPass || related.length > 0)) replayStdin();

  const inputs = new InputSeries(inputPaths, {
    encoding: options.encoding, delimiter: options.delimiter, skipLines: options.skipLines,
    maxRecordSize: options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE, blockSize: options.blockSize,
  });
  // one set of threads for every input and both of dedupe's passes
  const pool = new WorkerPool(options.threads ?? defaultThreads());
  let outputs: OutputSet | undefined;
  let progress: Progress | undefined;
  let stopWatching = () => {};
  let relatedInputs: RelatedInput[] = [];
  let spool: RowSpool | undefined;
  try {
    // the first input's header is the export's; the others must repeat it
    const first = await inputs.openFirst();
    // related files: each header read before anything else; one that cannot be read stops the run
    const maxRecordSize = options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE;
    relatedInputs = await openRelated(ruleset, related, maxRecordSize, options.blockSize);
    const { compiled, asOf } = compileFor(ruleset, first, options, io, relatedHeaders(relatedInputs));
    // --previous: changes.csv beside the outputs, committed with them (commands/previous.ts)
    const previous = await checkPrevious(options, ruleset, [...first.header, ...compiled.resultHeader], options.outDelimiter ?? first.delimiter,
      readPaths, paths.all);
    if (options.outDir) makeOutDir(options.outDir);
    // accounts no lead rule reads: the rows wait for their account cells in a scratch file. To
    // standard output the header goes at once, so the file is made first (a failure writes nothing);
    // beside a file output, once the outputs are open (their errors name the path as given)
    const deferAccounts = ruleset.accounts !== undefined && !accountsPass;
    if (deferAccounts && paths.scored === '-') spool = rowSpool(paths);
    const out = (outputs = new OutputSet());
    // --out-dir: files of an earlier run that this one does not write go at the commit (manifest.ts)
    if (options.outDir) out.keepManifest(options.outDir);
    stopWatching = watchSignals(() => out.abort());
    const outDelimiter = options.outDelimiter ?? first.delimiter;
    const fmt = new CsvFormatter({ delimiter: outDelimiter, escapeFormulas: options.escapeFormulas });
    const files = new ScoreFiles(out, paths, fmt, [...first.header, ...compiled.resultHeader], inputs.several, options.outEncoding);
    if (deferAccounts) spool ??= rowSpool(paths);
    // on a terminal, long runs show how far they are (dedupe reads every input twice)
    const sizes = inputPaths.map(knownSize);
    // dedupe and an accounts pass each read every input once more before scoring
    const passes = 1 + (compiled.dedupe ? 1 : 0) + (accountsPass ? 1 : 0);
    const total = sizes.every((n) => n !== undefined) ? sizes.reduce((a, b) => a! + b!, 0)! * passes : undefined;
    progress = progressFor(io, options.quiet, compiled.dedupe ? 'deduplicating' : accountsPass ? 'grouping accounts' : 'scoring', total);
    const run: Run = {
      ruleset, compiled, asOf, options, io, inputs, paths, out, files, spendFile, outDelimiter, pool, threads: options.threads ?? defaultThreads(), previous,
      progress: progress && { bar: progress, rows: 0, bytes: 0 },
      relatedHeaders: relatedHeaders(relatedInputs),
    };
    // related files: aggregated per lead before any lead is scored (dedupe's keep: highest_score reads them too)
    if (relatedInputs.length > 0) await prepareRelated(run, relatedInputs);
    // dedupe: a first pass finds the rows that lose to another row of their key
    const finder = compiled.dedupe ? await duplicatesOf(run) : undefined;
    // accounts: every lead's account values before any lead's stage (run/accounts.ts)
    if (accountsPass) await prepareAccounts(run, finder);
    if (run.progress) { run.progress.bar.phase('scoring'); run.progress.rows = 0; }
    const tally = new RejectTally(options.maxRejects, first.name, first.header, first.delimiter, () => first.realHeaderSkip());
    // accounts no lead rule reads: found while the leads are scored, the rows put aside for their account cells
    const scored = spool ? await scoreDeferringAccounts(run, spool, tally) : await scoreInputs(run, finder, tally);
    progress?.done();
    const { result, changes } = await finish(run, scored);
    await report(run, result, scored, inputs.several ? undefined : first.name, changes);
    return result.rows.rejected > 0 || (run.relatedRejected ?? 0) > 0 ? EXIT.rejected : EXIT.ok;
  } catch (error) {
    outputs?.abort();
    throw error;
  } finally {
    spool?.close();
    progress?.done();
    stopWatching();
    await pool.close();
    await inputs.close();
    await closeRelated(relatedInputs);
  }
}

/** The related files aggregated per lead; the compiled ruleset then fills each lead's derived columns from them. */
async function prepareRelated(run: Run, relatedInputs: RelatedInput[]): Promise<void> {
  const { tables, summaries, rejected } = await aggregateRelated({
    resolved: run.compiled.resolved, asOfDay: asOfDay(run.asOf), leads: run.inputs, related: relatedInputs, threads: run.threads, pool: run.pool,
    maxRecordSize: run.options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE, maxRejects: run.options.maxRejects, expectedLeads: expectedRows(run.inputs.paths),
    // a related file's rejected rows go to the rejects file too, each with its file's name
    onReject: (file, line, reason, text) => { run.files.nameFiles(); run.files.reject(file, line, reason, text); },
  });
  attachRelated(run.compiled, tables);
  run.relatedTables = tables;
  run.relatedSummaries = summaries;
  run.relatedRejected = rejected;
}

/** The accounts pass: each account's values, score and stage; accounts.csv with --out-dir; the lead pass then reads them. */
async function prepareAccounts(run: Run, finder: DuplicateFinder | undefined): Promise<void> {
  if (run.progress) { run.progress.bar.phase('grouping accounts'); run.progress.rows = 0; }
  const folded = await aggregateAccounts({
    compiled: run.compiled, inputs: run.inputs, asOfDay: asOfDay(run.asOf), threads: run.threads, pool: run.pool,
    jobOptions: (input) => jobOptions(run, input), files: accountFilePaths(run.ruleset, run.options.rules),
    ...(finder ? { losers: (i: number, index: number) => finder.losersIn(i, index) } : {}),
    onBlock: (input, leads) => advance(run, input, leads),
    onInputEnd: (input) => advance(run, input, 0, true),
  });
  useAccounts(run, folded);
}

/** The accounts known: the lead pass reads them, the summary counts them, accounts.csv (with --out-dir) lists them. */
function useAccounts(run: Run, folded: FoldedAccounts): void {
  attachAccounts(run.compiled, folded.table);
  run.accountTable = folded.table;
  const stageNames = run.compiled.resolved.accounts!.stages.map((s) => s.name);
  run.accountsSummary = accountsSummary(folded.rows, stageNames, folded.leadsWithout);
  run.accountFileWarnings = folded.fileWarnings;
  run.rewrittenIds = folded.rewrittenIds;
  if (run.paths.accounts) {
    const fmt = new CsvFormatter({ delimiter: run.outDelimiter, escapeFormulas: run.options.escapeFormulas });
    const fileColumns = run.compiled.resolved.accounts!.files.flatMap((f) => f.columns.map((c) => c.name));
    const sink = run.out.open(run.paths.accounts, run.options.outEncoding);
    writeAccountsCsv((text) => sink.write(text), folded.rows, stageNames, fmt, fileColumns);
  }
}

/** What the steps of a run share. */
interface Run {
  ruleset: Ruleset;
  compiled: CompiledRuleset;
  asOf: string;
  options: Settled;
  io: Io;
  inputs: InputSeries;
  paths: OutputPaths;
  out: OutputSet;
  files: ScoreFiles;
  spendFile: SpendFile | undefined;
  outDelimiter: string;
  pool: WorkerPool;
  threads: number;
  /** --previous: writes changes.csv before the commit */
  previous: Previous | undefined;
  /** on a terminal: the progress line, and the rows and bytes of the inputs done before the one read now */
  progress?: { bar: Progress; rows: number; bytes: number };
  /** related files: their headers, what was aggregated from them (for the threads), the summary's entries and rows rejected */
  relatedHeaders: Map<string, RelatedHeader>;
  relatedTables?: RelatedTables;
  relatedSummaries?: RelatedSummary[];
  relatedRejected?: number;
  /** accounts: each account's values and stage (for the threads) and the summary's entry */
  accountTable?: AccountTable;
  accountsSummary?: AccountsSummary;
  /** account files' values that are not a number (said once the outputs are in place) */
  accountFileWarnings?: AccountFileWarning[];
  /** accounts by an id a spreadsheet rewrote as a number (said likewise) */
  rewrittenIds?: FoldedAccounts['rewrittenIds'];
}

/** The progress line after a block of `input`; at the end of an input, its bytes count as done. */
function advance(run: Run, input: BlockInput, rows: number, ended = false): void {
  const p = run.progress;
  if (!p) return;
  p.rows += rows;
  p.bar.update(p.rows, p.bytes + input.bytesRead);
  if (ended) p.bytes += input.bytesRead;
}

/** The ruleset compiled against the export's header: a column it names and the header lacks is an error, with a hint when the header looks wrong. */
function compileFor(ruleset: Ruleset, input: BlockInput, options: Settled, io: Io, related: Map<string, RelatedHeader>): { compiled: CompiledRuleset; asOf: string } {
  const { compiled, issues, asOf } = compileRuleset(ruleset, input.header, input.name, options.asOf, related);
  const errors = issues.filter((i) => i.severity === 'error');
  const collisions = errors.filter((i) => !i.pos);
  if (errors.length > collisions.length) {
    const error = headerIssuesError(options.rules, errors.filter((i) => i.pos));
    throw new LeadqError(error.code, error.message, { hint: missingColumnsHint(errors, headerHint(input.header, input.delimiter, input.realHeaderSkip()), related) });
  }
  if (collisions.length > 0) throw new LeadqError('OUTPUT_COLLISION', collisions.map((i) => i.message).join('\n'), { file: input.name });
  if (!options.quiet) for (const w of issues.filter((i) => i.severity === 'warning')) io.err(`${formatLocated(`warning: ${w.message}`, input.name, 1)}\n`);
  return { compiled, asOf };
}

/** About how many rows files of these sizes hold (200 bytes a row: exports run 150 to 300), so tables sized by leads rarely grow. */
function expectedRows(paths: string[]): number {
  let bytes = 0;
  for (const p of paths) { try { bytes += statSync(p).size; } catch { /* read later, reported there */ } }
  return Math.floor(bytes / 200);
}

/** What the jobs of one input are built from (plain data: the worker threads build theirs from it). */
function jobOptions(run: Run, input: BlockInput): RulesJobOptions {
  return {
    resolved: run.compiled.resolved,
    ...(run.relatedTables ? { relatedTables: run.relatedTables } : {}),
    ...(run.accountTable ? { accountTable: run.accountTable } : {}),
    block: {
      asOfDay: asOfDay(run.asOf), delimiter: input.delimiter, outDelimiter: run.outDelimiter, header: input.header, ...footerSettings(run.ruleset),
      escapeFormulas: run.options.escapeFormulas, byStage: run.files.byStage,
      maxRecordSize: run.options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE, file: input.name,
    },
  };
}

/** Dedupe's first pass over every input: the rows that lose to another row of their key (run/find-duplicates.ts). */
function duplicatesOf(run: Run): Promise<DuplicateFinder> {
  return findDuplicates({
    compiled: run.compiled, inputs: run.inputs, threads: run.threads, pool: run.pool, jobOptions: (input) => jobOptions(run, input),
    onBlock: (input, rows) => advance(run, input, rows),
    onInputEnd: (input) => advance(run, input, 0, true),
  });
}

/** What scoring the inputs adds up to, besides the rows written. */
interface Scored {
  summary: SummaryBuilder;
  tally: RejectTally;
  /** where reading stopped at a report footer, as file:line */
  footers: string[];
}

/** Every input's rows scored and written, in input order; with dedupe, the losers to duplicates.csv. */
async function scoreInputs(run: Run, finder: DuplicateFinder | undefined, tally: RejectTally): Promise<Scored> {
  const { compiled, inputs, files, out } = run;
  const scored: Scored = { summary: new SummaryBuilder(compiled.stages.length, compiled.stats.length), tally, footers: [] };
  for (let i = 0; i < inputs.paths.length; i++) {
    const input = await inputs.read(i, i > 0 ? compiled.header : undefined);
    const name = input.name;
    const options = jobOptions(run, input);
    const job = { kind: 'score', options } satisfies ScoreJobSpec;
    const pipeline = {
      job, local: new ScoreJob(compiled, options.block), threads: run.threads, pool: run.pool,
      recycle: !out.writesToPipe, dataFor: finder && ((index: number) => finder.losersIn(i, index)),
    };
    await runPipeline(input, pipeline, async (block, lineShift, index) => {
      finder?.checkBlock(i, index, block.counts.read - block.counts.rejected, name);
      files.write(block);
      countBlock(run, scored, input, block, lineShift);
      await out.drain();
    });
    advance(run, input, 0, true);
    await inputs.close();
  }
  return scored;
}

/** A block's rows counted, its rejects written, its footer noted, the progress line moved on. */
function countBlock(run: Run, scored: Scored, input: BlockInput, block: BlockResult, lineShift: number): void {
  const name = input.name;
  scored.tally.addRead(block.counts.read);
  for (const r of block.rejects) {
    const line = r.line + lineShift;
    scored.tally.add(line, r.reason, r.fields, name);
    // with several inputs a line number alone is ambiguous: the file comes first
    run.files.reject(name, line, r.reason, r.text);
  }
  if (block.footerLine > 0) scored.footers.push(`${name}:${block.footerLine + lineShift}`);
  scored.summary.merge(block.counts, lineShift);
  advance(run, input, block.counts.read);
}

/**
 * Accounts no lead rule reads, in one read of the inputs (run/deferred-accounts.ts): the leads
 * scored and their accounts folded together, then the accounts scored, then the rows written
 * with their account cells.
 */
async function scoreDeferringAccounts(run: Run, spool: RowSpool, tally: RejectTally): Promise<Scored> {
  const scored: Scored = { summary: new SummaryBuilder(run.compiled.stages.length, run.compiled.stats.length), tally, footers: [] };
  const deferred = await scoreBeforeAccounts({
    compiled: run.compiled, inputs: run.inputs, asOfDay: asOfDay(run.asOf), threads: run.threads, pool: run.pool,
    jobOptions: (input) => jobOptions(run, input), files: accountFilePaths(run.ruleset, run.options.rules), spool,
    onBlock: (input, block, lineShift) => countBlock(run, scored, input, block, lineShift),
    onInputEnd: (input) => advance(run, input, 0, true),
  });
  // every row read: on a terminal the line says what the last seconds are spent on
  const p = run.progress;
  if (p) { p.bar.phase('adding account cells to'); p.bar.update(p.rows, p.bytes); }
  useAccounts(run, deferred.folded);
  const fmt = new CsvFormatter({ delimiter: run.outDelimiter, escapeFormulas: run.options.escapeFormulas });
  await deferred.write(run.compiled, run.files, fmt, () => run.out.drain(), run.out.writesToPipe);
  return scored;
}

/** The scratch file of the rows waiting for their account cells: beside the scored output, or in the temporary folder when it is standard output. */
function rowSpool(paths: OutputPaths): RowSpool {
  if (paths.scored !== '-') return new RowSpool(dirname(resolve(paths.scored)));
  return new RowSpool(tmpdir(), 'the rows go to standard output, so the scratch file goes in the temporary folder: point TMPDIR at a folder with room, or write with --out FILE or --out-dir DIR');
}

/**
 * The summary, checked against --max-rejects and --max-warnings, written, and with --previous
 * changes.csv; then every output committed. `changes`: the lines --previous has to say.
 */
async function finish(run: Run, scored: Scored): Promise<{ result: Summary; changes: string }> {
  const { compiled, ruleset, options, paths, out, io } = run;
  scored.tally.checkEnd();
  const result = scored.summary.finish({
    asOf: run.asOf, rules: options.rules, inputs: run.inputs.paths.map((p) => (p === '-' ? 'stdin' : p)), header: compiled.header, stageNames: compiled.stages.map((s) => s.name), costStages: ruleset.costStages,
    spend: run.spendFile?.amounts ?? ruleset.spend, escapeFormulas: options.escapeFormulas, ruleStats: compiled.stats, dedupe: Boolean(compiled.dedupe),
    sources: ruleset.sources, related: run.relatedSummaries, ...(run.accountsSummary ? { accounts: run.accountsSummary } : {}),
    completeness: Boolean(compiled.resolved.completeness),
  });
  if (!options.quiet) io.err(valueWarningLines(result, io.chalk));
  const worst = [...result.warnings.by_column].sort((a, b) => b.count - a.count)[0];
  checkWarnings(options.maxWarnings, result.warnings.total, result.rows.read, worst);
  checkRelatedWarnings(options.maxWarnings, result.related);
  // a CSV summary is a CSV like the others (--out-encoding); JSON and Markdown stay UTF-8
  for (const [path, format] of paths.summaries) out.open(path, format === 'csv' ? options.outEncoding : undefined).write(renderSummary(result, format, options.escapeFormulas));
  if (paths.svg) out.open(paths.svg).write(renderSummarySvg(result));
  // a rejects.csv left in --out-dir by an earlier run would describe rows this run scored
  if (options.outDir && !run.files.rejectsWritten && paths.rejects) out.removeOnCommit(paths.rejects);
  const changes = run.previous ? await run.previous.write(out, run.files.scoredSink) : '';
  await out.commit();
  return { result, changes };
}

/** What the run says on standard error once its outputs are in place. `name`: the input's, undefined for several. */
async function report(run: Run, result: Summary, scored: Scored, name: string | undefined, changes: string): Promise<void> {
  const { options, io, spendFile } = run;
  if (changes) io.err(changes);
  io.err(outputNotes(run.out, options.quiet, spendFile && options.spendPath ? { file: options.spendPath, totals: spendFile.totals } : undefined));
  if (result.rows.rejected > 0) io.err(rejectedMessage(result.rows, run.paths.rejects, scored.tally.firstLines, scored.tally.diagnosis()));
  for (const r of result.related ?? []) {
    if (r.rejected > 0) io.err(`leadq: ${r.rejected} of ${r.rows} rows of ${r.file} rejected, ${run.paths.rejects ? `written to ${run.paths.rejects}` : `at lines ${r.rejected_first_lines.join(', ')}${r.rejected > r.rejected_first_lines.length ? ', …' : ''}; pass --rejects FILE to keep them`}\n`);
  }
  if (options.quiet) return;
  for (const r of result.related ?? []) for (const line of relatedWarningLines(r)) io.err(`leadq: warning: ${line}\n`);
  for (const w of run.accountFileWarnings ?? []) io.err(`leadq: warning: ${accountFileWarningLine(w)}\n`);
  if (run.rewrittenIds) io.err(`leadq: warning: ${rewrittenIdsLine(run.rewrittenIds)}\n`);
  if (result.rows.read === 0) io.err(noRowsWarning(name));
  if (result.unmatched_spend.length > 0) {
    const origin = options.spendPath && spendFile ? { file: options.spendPath, lines: spendFile.lines } : { file: options.rules, positions: run.ruleset.spendAt };
    io.err(unmatchedSpendWarnings(result.unmatched_spend, origin));
  }
  // the related files' footers too (Salesforce report exports of Tasks and Events)
  const footers = [...scored.footers, ...(result.related ?? []).flatMap((r) => (r.footer_line ? [`${r.file}:${r.footer_line}`] : []))];
  if (footers.length > 0) io.err(footerMessage(footers));
  // loaded only for a terminal: display widths cost start-up time a cron run does not need
  if (io.errIsTTY) io.err((await import('../output/terminal-report.js')).renderTerminal(result, io.chalk, io.columns));
}
