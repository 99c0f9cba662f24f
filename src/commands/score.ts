/**
 * `leadq score`: ruleset → input header → compiled rules → rows scored and written → summary.
 * Orchestration only; every step lives in its own module. Outputs are committed together at the
 * end, or not at all.
 */
import { resolve } from 'node:path';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { EXIT, LeadqError } from '../errors.js';
import { openBlockInput } from '../input/read-blocks.js';
import { DEFAULT_MAX_RECORD_SIZE } from '../input/read-csv.js';
import { readSpendFile } from '../input/spend.js';
import { CsvFormatter } from '../output/csv-format.js';
import { renderSummary, renderTerminal, summaryFormatFor } from '../output/report.js';
import { OutputSet, type Sink } from '../output/sinks.js';
import { SummaryBuilder } from '../output/summary.js';
import { compileRuleset } from '../ruleset/compile.js';
import { formatIssue, issuesError, loadRuleset } from '../ruleset/index.js';
import { DISQUALIFIED } from '../ruleset/types.js';
import { defaultThreads, runPipeline } from '../run/pipeline.js';
import { refuseOutputOverInput } from './guard.js';
import type { Io } from './io.js';
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
  /** worker threads (default: up to 2); 1 scores in the main thread */
  threads?: number;
  /** bytes per block handed to a thread; small values exercise block boundaries in tests */
  blockSize?: number;
  quiet: boolean;
}

export async function scoreCommand(inputPath: string, options: ScoreOptions, io: Io): Promise<number> {
  const { ruleset, warnings, source } = loadRuleset(options.rules);
  if (!options.quiet) for (const w of warnings) io.err(`${formatIssue(options.rules, w)}\n`);
  const spend = options.spend ? readSpendFile(options.spend) : ruleset.spend;
  const paths = outputPaths(options, ruleset.stages.map((s) => s.name));
  refuseOutputOverInput([inputPath, options.rules, ...(options.spend ? [options.spend] : [])], paths.all);
  refuseOutputClashes(paths.all);

  const input = await openBlockInput(inputPath, {
    encoding: options.encoding, delimiter: options.delimiter,
    maxRecordSize: options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE, blockSize: options.blockSize,
  });
  let outputs: OutputSet | undefined;
  let stopWatching = () => {};
  try {
    const { compiled, issues, asOf } = compileRuleset(ruleset, input.header, input.name, options.asOf);
    const collisions = issues.filter((i) => !i.pos);
    if (issues.length > collisions.length) throw issuesError('RULES_COLUMN_MISSING', options.rules, issues.filter((i) => i.pos));
    if (collisions.length > 0) throw new LeadqError('OUTPUT_COLLISION', collisions.map((i) => i.message).join('\n'), { file: input.name });

    if (options.outDir) makeOutDir(options.outDir);
    const out = (outputs = new OutputSet());
    stopWatching = watchSignals(() => out.abort());
    const fmt = new CsvFormatter({ delimiter: input.delimiter, escapeFormulas: options.escapeFormulas });
    const headerLine = `${fmt.row([...input.header, ...compiled.resultHeader])}\n`;
    const scored = out.open(paths.scored);
    scored.write(headerLine);
    const stageSinks: Sink[] = paths.stages.map((p) => out.open(p));
    for (const s of stageSinks) s.write(headerLine);
    let rejects: Sink | undefined;
    const rejectedLines: number[] = [];
    const summary = new SummaryBuilder(compiled.stages.length);

    await runPipeline(input, {
      compiled, rulesSource: source, rulesFile: options.rules, asOf,
      threads: options.threads ?? defaultThreads(),
      blockOptions: {
        delimiter: input.delimiter, escapeFormulas: options.escapeFormulas, byStage: stageSinks.length > 0,
        maxRecordSize: options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE, file: input.name,
      },
    }, async (block, lineShift) => {
      scored.write(block.scored);
      block.stages.forEach((text, i) => stageSinks[i].write(text));
      for (const r of block.rejects) {
        const line = r.line + lineShift;
        if (rejectedLines.length < 10) rejectedLines.push(line);
        if (!paths.rejects) continue;
        rejects ??= openRejects(out, paths.rejects, fmt);
        rejects.write(`${fmt.row([String(line), r.reason, fmt.row(r.fields)])}\n`);
      }
      summary.merge(block.counts, lineShift);
      await out.drain();
    });

    const result = summary.finish({
      asOf, rules: options.rules, inputs: [input.name], header: input.header, stageNames: compiled.stages.map((s) => s.name), spend,
    });
    for (const [path, format] of paths.summaries) out.open(path).write(renderSummary(result, format));
    // a rejects.csv left in --out-dir by an earlier run would describe rows this run scored
    if (options.outDir && !rejects && paths.rejects) out.removeOnCommit(paths.rejects);
    await out.commit();

    if (result.rows.rejected > 0) {
      const where = paths.rejects ? `written to ${paths.rejects}` : `at lines ${rejectedLines.join(', ')}${result.rows.rejected > rejectedLines.length ? ', …' : ''}; pass --rejects FILE to keep them`;
      io.err(`leadq: ${result.rows.rejected} of ${result.rows.read} rows rejected, ${where}\n`);
    }
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

function openRejects(outputs: OutputSet, path: string, fmt: CsvFormatter): Sink {
  const sink = outputs.open(path);
  sink.write(`${fmt.row(['line', 'reason', 'record'])}\n`);
  return sink;
}

interface OutputPaths {
  scored: string;
  /** one per stage in ladder order, then disqualified; empty without --out-dir */
  stages: string[];
  rejects?: string;
  summaries: [string, 'json' | 'md' | 'csv'][];
  all: string[];
}

function outputPaths(options: ScoreOptions, stageNames: string[]): OutputPaths {
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
  paths.all = [paths.scored, ...paths.stages, ...(paths.rejects ? [paths.rejects] : []), ...summaries.map(([p]) => p)];
  return paths;
}
