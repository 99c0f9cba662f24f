/**
 * `leadq score`: ruleset → input header → compiled rules → rows scored and written → summary.
 * Orchestration only; every step lives in its own module. Outputs are committed together at the
 * end, or not at all.
 */
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { EXIT, LeadqError } from '../errors.js';
import { evaluateLead } from '../engine/evaluate.js';
import { openCsvInput, DEFAULT_MAX_RECORD_SIZE } from '../input/read-csv.js';
import { readSpendFile } from '../input/spend.js';
import { RowCoercer } from '../input/typed-row.js';
import { CsvFormatter } from '../output/csv-format.js';
import { renderSummary, renderTerminal, summaryFormatFor } from '../output/report.js';
import { resultCells } from '../output/result-cells.js';
import { OutputSet, type Sink } from '../output/sinks.js';
import { SummaryBuilder } from '../output/summary.js';
import { compileRuleset } from '../ruleset/compile.js';
import { formatIssue, issuesError, loadRuleset } from '../ruleset/index.js';
import { DISQUALIFIED } from '../ruleset/types.js';
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
  quiet: boolean;
}

export async function scoreCommand(input: string, options: ScoreOptions, io: Io): Promise<number> {
  const { ruleset, warnings } = loadRuleset(options.rules);
  if (!options.quiet) for (const w of warnings) io.err(`${formatIssue(options.rules, w)}\n`);
  const spend = options.spend ? readSpendFile(options.spend) : ruleset.spend;
  const paths = outputPaths(options, ruleset.stages.map((s) => s.name));
  refuseOutputOverInput([input, options.rules, ...(options.spend ? [options.spend] : [])], paths.all);
  if (options.outDir) mkdirSync(options.outDir, { recursive: true });

  const csv = await openCsvInput(input, { encoding: options.encoding, delimiter: options.delimiter, maxRecordSize: options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE });
  const { compiled, issues, asOf } = compileRuleset(ruleset, csv.header, csv.name, options.asOf);
  if (issues.length > 0) throw issuesError('RULES_COLUMN_MISSING', options.rules, issues);

  const outputs = new OutputSet();
  const stopWatching = watchSignals(() => outputs.abort());
  try {
    const fmt = new CsvFormatter({ delimiter: csv.delimiter, escapeFormulas: options.escapeFormulas });
    const headerLine = `${fmt.row([...csv.header, ...compiled.resultHeader])}\n`;
    const scored = outputs.open(paths.scored);
    scored.write(headerLine);
    const stageSinks: Sink[] = paths.stages.map((p) => outputs.open(p));
    for (const s of stageSinks) s.write(headerLine);
    let rejects: Sink | undefined;
    const rejectedLines: number[] = [];

    const coercer = new RowCoercer(compiled.plan, csv.header.length);
    const summary = new SummaryBuilder(compiled.stages.length);
    const width = csv.header.length;
    for await (const batch of csv.batches()) {
      for (const record of batch) {
        const problem = record.malformed ?? (record.fields.length !== width ? `expected ${width} fields, got ${record.fields.length}` : undefined);
        if (problem) {
          summary.addRejected();
          if (rejectedLines.length < 10) rejectedLines.push(record.line);
          if (paths.rejects) {
            rejects ??= openRejects(outputs, paths.rejects, fmt);
            rejects.write(`${fmt.row([String(record.line), problem, fmt.row(record.fields)])}\n`);
          }
          continue;
        }
        const valueWarnings = coercer.load(record.fields);
        if (valueWarnings) summary.addWarnings(valueWarnings, record.line);
        const result = evaluateLead(coercer.row, compiled);
        const line = `${fmt.row(record.fields)}${csv.delimiter}${fmt.row(resultCells(result, compiled))}\n`;
        scored.write(line);
        if (stageSinks.length) stageSinks[result.stage < 0 ? stageSinks.length - 1 : result.stage].write(line);
        summary.addScored(result, compiled.sourceIndex >= 0 ? record.fields[compiled.sourceIndex] : '');
      }
      await outputs.drain();
    }

    const result = summary.finish({
      asOf, rules: options.rules, inputs: [csv.name], header: csv.header, stageNames: compiled.stages.map((s) => s.name), spend,
    });
    for (const [path, format] of paths.summaries) outputs.open(path).write(renderSummary(result, format));
    // a rejects.csv left in --out-dir by an earlier run would describe rows this run scored
    if (options.outDir && !rejects && paths.rejects) outputs.removeOnCommit(paths.rejects);
    await outputs.commit();

    if (result.rows.rejected > 0) {
      const where = paths.rejects ? `written to ${paths.rejects}` : `at lines ${rejectedLines.join(', ')}${result.rows.rejected > rejectedLines.length ? ', …' : ''}; pass --rejects FILE to keep them`;
      io.err(`leadq: ${result.rows.rejected} of ${result.rows.read} rows rejected, ${where}\n`);
    }
    if (!options.quiet && io.errIsTTY) io.err(renderTerminal(result, io.chalk));
    return result.rows.rejected > 0 ? EXIT.rejected : EXIT.ok;
  } catch (error) {
    outputs.abort();
    throw error;
  } finally {
    stopWatching();
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
