/**
 * `leadq score`: ruleset → input header → compiled rules → rows scored and written → summary.
 * Orchestration only; every step lives in its own module. Outputs are committed together at the
 * end, or not at all.
 */
import { resolve } from 'node:path';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { EXIT, formatLocated, LeadqError, quoteData } from '../model/errors.js';
import { openBlockInput } from '../input/csv/read-blocks.js';
import { DEFAULT_MAX_RECORD_SIZE } from '../input/csv/read-csv.js';
import { readSpendFile } from '../input/spend.js';
import { CsvFormatter } from '../output/csv/csv-format.js';
import { renderSummary, renderTerminal, summaryFormatFor } from '../output/report.js';
import { valueWarningLines } from '../output/value-warnings.js';
import { OutputSet, type Sink } from '../output/sinks.js';
import { SummaryBuilder } from '../output/summary.js';
import { compileRuleset } from '../engine/compile.js';
import { formatIssue, issuesError, loadRuleset } from '../ruleset/index.js';
import { presetFooter } from '../ruleset/presets.js';
import { DISQUALIFIED } from '../ruleset/types.js';
import type { BlockOptions } from '../run/jobs/score-block.js';
import { DuplicateFinder } from '../run/jobs/dedupe.js';
import { DedupeKeysJob } from '../run/jobs/dedupe-keys.js';
import { ScoreJob } from '../run/jobs/score.js';
import type { RulesJobOptions } from '../run/jobs/compiled.js';
import { defaultThreads, runPipeline } from '../run/pipeline.js';
import { refuseOutputOverInput } from '../output/guard.js';
import { unmatchedSpendWarnings } from '../output/spend-warnings.js';
import type { Io } from './io.js';
import { checkWarnings, RejectTally, type MaxRejects } from '../run/reject-limit.js';
import { headerHint } from '../input/csv/reject-diagnosis.js';
import { watchSignals } from './signals.js';

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
  escapeFormulas: boolean;
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
  quiet: boolean;
}

export async function scoreCommand(inputPaths: string[], options: ScoreOptions, io: Io): Promise<number> {
  const { ruleset, warnings, source } = loadRuleset(options.rules);
  if (!options.quiet) for (const w of warnings) io.err(`${formatIssue(options.rules, w)}\n`);
  const spendFile = options.spend ? readSpendFile(options.spend) : undefined;
  const spend = spendFile?.amounts ?? ruleset.spend;
  const paths = outputPaths(options, ruleset.stages.map((s) => s.name), Boolean(ruleset.dedupe));
  refuseOutputOverInput([...inputPaths, options.rules, ...(options.spend ? [options.spend] : [])], paths.all);
  refuseOutputClashes(paths.all);
  if (inputPaths.filter((p) => p === '-').length > 1) throw new LeadqError('USAGE', 'standard input (-) can be read only once');
  if (ruleset.dedupe && inputPaths.includes('-')) throw new LeadqError('USAGE', 'dedupe reads the input twice, so it needs files, not standard input (-)');

  const open = (path: string) => openBlockInput(path, {
    encoding: options.encoding, delimiter: options.delimiter, skipLines: options.skipLines,
    maxRecordSize: options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE, blockSize: options.blockSize,
  });
  // the first input's header is the export's; the others must repeat it
  let input = await open(inputPaths[0]);
  let outputs: OutputSet | undefined;
  let stopWatching = () => {};
  try {
    const { compiled, issues, asOf } = compileRuleset(ruleset, input.header, input.name, options.asOf);
    const errors = issues.filter((i) => i.severity === 'error');
    const collisions = errors.filter((i) => !i.pos);
    if (errors.length > collisions.length) {
      const error = issuesError('RULES_COLUMN_MISSING', options.rules, errors.filter((i) => i.pos));
      throw new LeadqError(error.code, error.message, { hint: headerHint(input.header, input.delimiter) });
    }
    if (collisions.length > 0) throw new LeadqError('OUTPUT_COLLISION', collisions.map((i) => i.message).join('\n'), { file: input.name });
    if (!options.quiet) for (const w of issues.filter((i) => i.severity === 'warning')) io.err(`${formatLocated(`warning: ${w.message}`, input.name, 1)}\n`);

    if (options.outDir) makeOutDir(options.outDir);
    const out = (outputs = new OutputSet());
    stopWatching = watchSignals(() => out.abort());
    const outDelimiter = options.outDelimiter ?? input.delimiter;
    const fmt = new CsvFormatter({ delimiter: outDelimiter, escapeFormulas: options.escapeFormulas });
    const headerLine = `${fmt.row([...input.header, ...compiled.resultHeader])}\n`;
    const scored = out.open(paths.scored);
    scored.write(headerLine);
    const stageSinks: Sink[] = paths.stages.map((p) => out.open(p));
    for (const s of stageSinks) s.write(headerLine);
    let rejects: Sink | undefined;
    const tally = new RejectTally(options.maxRejects, input.name, input.header, input.delimiter);
    const summary = new SummaryBuilder(compiled.stages.length, compiled.stats.length);

    const several = inputPaths.length > 1;
    const footers: string[] = [];
    const threads = options.threads ?? defaultThreads();
    const jobOptions = (name: string, delimiter: string, header: string[]): RulesJobOptions => ({
      rulesSource: source, rulesFile: options.rules, asOf, header: compiled.header,
      block: {
        delimiter, outDelimiter, header, footer: presetFooter(ruleset.preset),
        escapeFormulas: options.escapeFormulas, byStage: stageSinks.length > 0,
        maxRecordSize: options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE, file: name,
      } satisfies BlockOptions,
    });
    // dedupe: a first pass finds the rows that lose to another row of their key
    const finder = compiled.dedupe ? new DuplicateFinder() : undefined;
    if (finder) {
      for (let i = 0; i < inputPaths.length; i++) {
        // `input` is always the open one, so the finally below closes it whatever fails
        if (i > 0) {
          input = await open(inputPaths[i]);
          refuseOtherHeader(input.name, input.header, compiled.header);
        }
        const o = jobOptions(input.name, input.delimiter, input.header);
        // nothing is written, nothing kept: every block's memory can be reused
        await runPipeline(input, { job: { kind: 'dedupe-keys', options: o }, local: new DedupeKeysJob(compiled, o.block), threads, recycle: true },
          (block, _lineShift, index) => finder.add(i, index, block.keys, block.ranks));
      }
      input = await open(inputPaths[0]);
    }
    const duplicates = finder && paths.duplicates ? out.open(paths.duplicates) : undefined;
    duplicates?.write(headerLine);
    for (let i = 0; i < inputPaths.length; i++) {
      if (i > 0) {
        input = await open(inputPaths[i]);
        refuseOtherHeader(input.name, input.header, compiled.header);
      }
      const name = input.name;
      const o = jobOptions(name, input.delimiter, input.header);
      const job = { kind: 'score', options: o };
      await runPipeline(input, { job, local: new ScoreJob(compiled, o.block), threads, recycle: !out.writesToPipe, dataFor: finder && ((index) => finder.losersIn(i, index)) }, async (block, lineShift, index) => {
        finder?.checkBlock(i, index, block.counts.read - block.counts.rejected, name);
        duplicates?.write(block.duplicates);
        scored.write(block.scored);
        block.stages.forEach((text, s) => stageSinks[s].write(text));
        tally.addRead(block.counts.read);
        for (const r of block.rejects) {
          const line = r.line + lineShift;
          tally.add(line, r.reason, r.fields, name);
          if (!paths.rejects) continue;
          rejects ??= openRejects(out, paths.rejects, fmt, several);
          // with several inputs a line number alone is ambiguous: the file comes first; the
          // record as it stood in the input shows what to fix
          rejects.write(`${fmt.row([...(several ? [name] : []), String(line), r.reason, r.text])}\n`);
        }
        if (block.footerLine > 0) footers.push(`${name}:${block.footerLine + lineShift}`);
        summary.merge(block.counts, lineShift);
        await out.drain();
      });
      await input.close();
    }

    tally.checkEnd();
    const result = summary.finish({
      asOf, rules: options.rules, inputs: inputPaths.map((p) => (p === '-' ? 'stdin' : p)), header: compiled.header, stageNames: compiled.stages.map((s) => s.name), costStages: ruleset.costStages, spend,
      escapeFormulas: options.escapeFormulas, ruleStats: compiled.stats, dedupe: Boolean(compiled.dedupe),
    });
    if (!options.quiet) io.err(valueWarningLines(result, io.chalk));
    const worst = [...result.warnings.by_column].sort((a, b) => b.count - a.count)[0];
    checkWarnings(options.maxWarnings, result.warnings.total, result.rows.read, worst);
    for (const [path, format] of paths.summaries) out.open(path).write(renderSummary(result, format, options.escapeFormulas));
    // a rejects.csv left in --out-dir by an earlier run would describe rows this run scored
    if (options.outDir && !rejects && paths.rejects) out.removeOnCommit(paths.rejects);
    await out.commit();

    if (result.rows.rejected > 0) {
      const lines = tally.firstLines;
      const where = paths.rejects ? `written to ${paths.rejects}` : `at lines ${lines.join(', ')}${result.rows.rejected > lines.length ? ', …' : ''}; pass --rejects FILE to keep them`;
      const hint = tally.diagnosis();
      io.err(`leadq: ${result.rows.rejected} of ${result.rows.read} rows rejected, ${where}\n${hint ? `  hint: ${hint}\n` : ''}`);
    }
    if (!options.quiet && result.rows.read === 0) {
      io.err(`leadq: warning: ${several ? 'the inputs hold' : `${quoteData(input.name)} holds`} a header but 0 data rows; the outputs hold the header only\n`);
    }
    if (!options.quiet && result.unmatched_spend.length > 0) {
      const origin = options.spend && spendFile ? { file: options.spend, lines: spendFile.lines } : { file: options.rules, positions: ruleset.spendAt };
      io.err(unmatchedSpendWarnings(result.unmatched_spend, origin));
    }
    if (!options.quiet && footers.length > 0) io.err(`leadq: stopped at the report footer at ${footers.join(', ')}\n`);
    if (!options.quiet && io.errIsTTY) io.err(renderTerminal(result, io.chalk));
    return result.rows.rejected > 0 ? EXIT.rejected : EXIT.ok;
  } catch (error) {
    outputs?.abort();
    throw error;
  } finally {
    stopWatching();
    await input.close();
  }
}

/** Several inputs are one export: each must have the first one's header, column for column. */
function refuseOtherHeader(name: string, header: string[], expected: string[]): void {
  const at = expected.findIndex((h, i) => header[i] !== h);
  if (at < 0 && header.length === expected.length) return;
  const column = at < 0 ? expected.length : at;
  const got = header[column] === undefined ? 'nothing' : quoteData(header[column]);
  const want = expected[column] === undefined ? 'no column' : quoteData(expected[column]);
  throw new LeadqError('INPUT_HEADER', `the header differs from the first input's at column ${column + 1}: ${got} where the first input has ${want}; several inputs must be one export with one header`, { file: name, line: 1 });
}

/** Two outputs of one run on the same file would overwrite each other. */
function refuseOutputClashes(paths: string[]): void {
  const seen = new Map<string, string>();
  for (const p of paths) {
    if (p === '-') continue;
    const key = resolve(p);
    const before = seen.get(key);
    if (before) throw new LeadqError('OUTPUT_COLLISION', `${before} and ${p} are the same file; give each output its own name`);
    seen.set(key, p);
    if (existsSync(key) && statSync(key).isDirectory()) throw new LeadqError('USAGE', `the output ${p} is a directory; expected a file name`);
  }
}

function makeOutDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EEXIST' || (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'a file of that name is in the way' : (error as Error).message;
    throw new LeadqError('OUTPUT_WRITE', `cannot create the output directory: ${reason}`, { file: dir });
  }
}

function openRejects(outputs: OutputSet, path: string, fmt: CsvFormatter, withFile: boolean): Sink {
  const sink = outputs.open(path);
  sink.write(`${fmt.row([...(withFile ? ['file'] : []), 'line', 'reason', 'record'])}\n`);
  return sink;
}

interface OutputPaths {
  scored: string;
  /** one per stage in ladder order, then disqualified; empty without --out-dir */
  stages: string[];
  rejects?: string;
  /** rows of keys already kept (dedupe); in --out-dir only */
  duplicates?: string;
  summaries: [string, 'json' | 'md' | 'csv'][];
  all: string[];
}

function outputPaths(options: ScoreOptions, stageNames: string[], dedupe: boolean): OutputPaths {
  if (options.out && options.outDir) throw new LeadqError('USAGE', '--out and --out-dir cannot be used together; --out-dir already writes scored.csv');
  const summaries: OutputPaths['summaries'] = [];
  if (options.summary) {
    const format = summaryFormatFor(options.summary);
    if (!format) throw new LeadqError('USAGE', `--summary ${options.summary}: the format comes from the extension; use .json, .md or .csv`);
    summaries.push([options.summary, format]);
  }
  let paths: OutputPaths;
  if (options.outDir) {
    const dir = options.outDir;
    const file = (name: string) => resolve(dir, name);
    summaries.unshift([file('summary.json'), 'json']);
    paths = {
      scored: file('scored.csv'),
      stages: [...stageNames, DISQUALIFIED].map((s) => file(`${s}.csv`)),
      rejects: options.rejects ?? file('rejects.csv'),
      duplicates: dedupe ? file('duplicates.csv') : undefined,
      summaries,
      all: [],
    };
  } else {
    const out = options.out ?? '-';
    paths = {
      scored: out,
      stages: [],
      rejects: options.rejects ?? (out === '-' ? undefined : out.replace(/(\.csv)?$/i, '.rejects.csv')),
      summaries,
      all: [],
    };
  }
  paths.all = [paths.scored, ...paths.stages, ...(paths.rejects ? [paths.rejects] : []), ...(paths.duplicates ? [paths.duplicates] : []), ...summaries.map(([p]) => p)];
  return paths;
}
