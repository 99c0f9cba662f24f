/**
 * `leadq backtest`: how well a ruleset ranks and stages leads whose outcome is known. The export
 * is read once per ruleset with the `capture` job (scores, stages, fired rules and the outcome in
 * typed arrays), the leads without an outcome (and, with --horizon, those too recent to have
 * converted) are left out and counted, and the report is built from the rest (output/backtest-
 * report.ts): on standard output, and with --out-dir as JSON, CSV tables and SVG charts,
 * committed together. --min-auc turns it into a gate: exit 1 below it, after the report.
 */
import { resolve as resolvePath } from 'node:path';
import { replayStdin } from '../input/csv/stdin-replay.js';
import { asOfDay } from '../engine/compile.js';
import { InputSeries } from '../input/csv/input-series.js';
import { DEFAULT_MAX_RECORD_SIZE } from '../input/csv/read-csv.js';
import { parseDay } from '../model/days.js';
import { EXIT, LeadqError, quoteData } from '../model/errors.js';
import { buildReport, type Judged, type RuleInfo } from '../output/backtest-report.js';
import { renderCsvs, renderJson, renderTerminal } from '../output/backtest-render.js';
import { backtestCharts } from '../output/charts/backtest-charts.js';
import { guardOutputs } from '../output/guard.js';
import { makeOutDir } from '../output/output-paths.js';
import { OutputSet } from '../output/sinks.js';
import { formatIssue, loadRuleset } from '../ruleset/index.js';
import type { ResolvedRuleset } from '../ruleset/resolved.js';
import type { Ruleset } from '../ruleset/types.js';
import type { CaptureFields, Captured } from '../run/jobs/capture.js';
import { defaultThreads } from '../run/pipeline.js';
import { WorkerPool } from '../run/worker-pool.js';
import { resolveOptionColumn } from './option-column.js';
import { captureInputs, optionalColumn, outcomeSpec, prepareRuleset, withReads, type ReadOptions } from './capture-run.js';
import { judgedLeads, whyNoneJudged } from './judged-leads.js';
import { readingSettings } from './settings.js';
import { rulesetFiles } from './ruleset-files.js';
import type { Io } from './io.js';
import { watchSignals } from './signals.js';

export interface BacktestOptions extends ReadOptions {
  rules: string;
  outcome?: string;
  /** `Column=Value`, repeatable: the values that mean converted */
  won?: string[];
  /** leave out leads created fewer than this many days before the as-of date */
  horizon?: number;
  /** judge only the leads created on or after this day (YYYY-MM-DD): e.g. calibrate's hold-out */
  since?: string;
  created?: string;
  by?: string;
  compare?: string;
  minAuc?: number;
  bands?: number;
  outDir?: string;
  json?: boolean;
}

/** The outcome column and the values that mean converted, from --outcome and --won. */
export function outcomeChoice(options: { outcome?: string; won?: string[] }): { column: string; won: string[] } {
  const won = (options.won ?? []).map((w) => {
    const at = w.indexOf('=');
    const column = at < 0 ? '' : w.slice(0, at).trim();
    const value = at < 0 ? '' : w.slice(at + 1).trim();
    // an empty value would mean "an empty cell converted": empty cells are "not known yet", left out
    if (column === '' || value === '') throw new LeadqError('USAGE', `--won ${quoteData(w)}: expected Column=Value with both a column and a value, e.g. --won "Status=Closed Won"`);
    return { column, value };
  });
  const columns = new Set(won.map((w) => w.column));
  if (columns.size > 1) throw new LeadqError('USAGE', `--won names several columns (${[...columns].map((c) => quoteData(c)).join(', ')}); the outcome is one column`);
  const column = options.outcome ?? won[0]?.column;
  if (column === undefined) throw new LeadqError('USAGE', 'say which column holds the outcome: --outcome <column> (converted: 1, true, yes, won, converted) or --won "Column=Value"');
  if (won.length > 0 && won[0].column !== column) throw new LeadqError('USAGE', `--outcome ${quoteData(column)} and --won ${quoteData(won[0].column)} name different columns`);
  return { column, won: won.map((w) => w.value) };
}

/** The rules as the report names them, by statistics index, with their points. */
export function ruleInfos(resolved: ResolvedRuleset): { rules: RuleInfo[]; amounts: number[] } {
  const rules: RuleInfo[] = resolved.stats.map((s) => ({ name: s.name, score: s.score, points: null, per: false, amount: -1 }));
  const amounts: number[] = [];
  for (const score of resolved.scores) {
    for (const rule of score.rules) {
      const info = rules[rule.stat];
      info.points = rule.points;
      info.per = rule.per !== null;
      if (info.per) { info.amount = amounts.length; amounts.push(rule.stat); }
    }
  }
  return { rules, amounts };
}

function loadQuietly(file: string, options: ReadOptions, io: Io): Ruleset {
  const { ruleset, warnings } = loadRuleset(file);
  if (!options.quiet) for (const w of warnings) io.err(`${formatIssue(file, w)}\n`);
  return ruleset;
}

export const OUT_FILES = ['backtest.json', 'auc.csv', 'stages.csv', 'bands.csv', 'rules.csv', 'by.csv', 'gains.svg', 'stages.svg', 'bands.svg', 'calibration.svg'];

export async function backtestCommand(inputPaths: string[], options: BacktestOptions, io: Io): Promise<number> {
  const outcome = outcomeChoice(options);
  const ruleset = loadQuietly(options.rules, options, io);
  const other = options.compare ? loadQuietly(options.compare, options, io) : undefined;
  if (inputPaths.filter((p) => p === '-').length > 1) throw new LeadqError('USAGE', 'standard input (-) can be read only once');
  // --compare, related files, accounts and dedupe read the export more than once: standard input is copied as it is read
  const readsTwice = other !== undefined || [ruleset, other].some((r) => r !== undefined && (Boolean(r.related?.length) || r.accounts !== undefined || r.dedupe !== undefined));
  if (inputPaths.includes('-') && readsTwice) replayStdin();
  const outFiles = options.outDir ? OUT_FILES.map((f) => resolvePath(options.outDir!, f)) : [];
  const reads = [...rulesetFiles(ruleset, options.rules, options).guarded, ...(other ? rulesetFiles(other, options.compare!, options, false).guarded : [])];
  guardOutputs([...inputPaths, ...reads], outFiles);

  const inputs = new InputSeries(inputPaths, {
    ...readingSettings(options, ruleset),
    maxRecordSize: options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE, blockSize: options.blockSize,
  });
  const pool = new WorkerPool(options.threads ?? defaultThreads());
  let outputs: OutputSet | undefined;
  let stopWatching = () => {};
  try {
    const first = await inputs.openFirst();
    const outcomeIndex = resolveOptionColumn(ruleset, first, outcome.column, options.won?.length ? '--won' : '--outcome', true);
    const { resolved, asOf, relatedTables, relatedRejected, outcomeValues } = await prepareRuleset(ruleset, options.rules, inputs, first, options, pool, io, true, outcomeIndex);
    let created = -1;
    if (options.horizon !== undefined || options.since !== undefined) {
      created = options.created ? resolveOptionColumn(ruleset, first, options.created, '--created') : optionalColumn(ruleset, first, 'created');
      if (created < 0) throw new LeadqError('USAGE', `${options.horizon !== undefined ? '--horizon' : '--since'} needs the date each lead was created: --created <column> (or a ruleset whose CRM preset knows the created date)`);
    }
    const by = options.by ? resolveOptionColumn(ruleset, first, options.by, '--by') : -1;
    // made before the export is read: a file in its way fails now, not after the whole backtest
    if (options.outDir) makeOutDir(options.outDir);
    const { rules, amounts } = ruleInfos(resolved);
    const fields: CaptureFields = { outcome: outcomeSpec(ruleset, first, outcomeIndex, outcome.won, outcomeValues), created, by, columns: [], amounts };
    const plan = { resolved: withReads(resolved, { text: [outcomeIndex, by], date: [created] }), ruleset, asOf, fields, relatedTables };
    const main = await captureInputs(inputs, plan, options, pool);
    const keep = judgedLeads(main.captured, options.horizon, asOfDay(asOf), options.since === undefined ? undefined : parseDay(options.since));
    const judged = judge(main.captured, keep.mask, rules, resolved, by >= 0 ? first.header[by] ?? options.by! : null);

    let compared: (Judged & { rules_file: string }) | null = null;
    if (other) {
      const o = await prepareRuleset(other, options.compare!, inputs, first, { ...options, asOf }, pool, io, false);
      const oi = ruleInfos(o.resolved);
      // judged lead by lead against the first ruleset: on the rows it keeps (its dedupe:), whatever the other's
      const oc = await captureInputs(inputs, { resolved: o.resolved, ruleset: other, asOf, fields: { outcome: null, created: -1, by: -1, columns: [], amounts: oi.amounts }, relatedTables: o.relatedTables, rows: main.kept }, options, pool);
      if (oc.captured.leads !== main.captured.leads) throw new LeadqError('INPUT_READ', `the two rulesets read a different number of leads (${main.captured.leads} and ${oc.captured.leads}); a CRM preset that stops at a report footer?`);
      compared = { ...judge(oc.captured, keep.mask, oi.rules, o.resolved, null), outcome: judged.outcome, rules_file: options.compare! };
    }

    const report = buildReport(judged, {
      rules: options.rules, inputs: inputs.paths.map((p) => (p === '-' ? 'stdin' : p)), asOf, outcome: { column: outcome.column, won: outcome.won.length ? outcome.won : null, derived: fields.outcome!.derived !== undefined },
      horizonDays: options.horizon ?? null, bands: options.bands ?? 10, minAuc: options.minAuc ?? null,
      counts: { read: main.captured.leads + main.captured.rejected + main.captured.duplicates, rejected: main.captured.rejected, duplicates: main.captured.duplicates, scored: main.captured.leads, without_outcome: keep.withoutOutcome, too_recent: keep.tooRecent, before_since: keep.beforeSince, undated: keep.undated },
      since: options.since ?? null,
    }, compared);

    if (options.outDir) {
      const out = (outputs = new OutputSet());
      stopWatching = watchSignals(() => out.abort());
      const files = new Map<string, string>([['backtest.json', renderJson(report)], ...renderCsvs(report), ...backtestCharts(report)]);
      for (const [name, content] of files) out.open(resolvePath(options.outDir, name)).write(content);
      await out.commit();
    }
    io.out(options.json ? renderJson(report) : renderTerminal(report));
    if (main.captured.rejected > 0 && !options.quiet) {
      const first10 = main.captured.rejects.map((r) => r.line).join(', ');
      io.err(`leadq: warning: ${main.captured.rejected} rows could not be read and are left out (first lines: ${first10}); leadq score --rejects shows why\n`);
    }
    if (judged.outcome.length === 0 && !options.quiet) io.err(`leadq: warning: ${whyNoneJudged(keep, main.captured.leads, main.captured.rejected, outcome.column, options.since)}; nothing to judge\n`);
    else if (!options.quiet) {
      // one outcome only: nothing can be ranked; a --won value the column never holds is the usual cause
      const converted = judged.outcome.reduce((n, y) => n + y, 0);
      const column = quoteData(outcome.column);
      const why = converted === judged.outcome.length ? `every judged lead converted (${column})`
        : outcome.won.length ? `no judged lead converted: ${column} never reads ${outcome.won.map((w) => quoteData(w)).join(' or ')} (--won)`
          : `no judged lead converted: no cell of ${column} reads 1, true, yes, won or converted`;
      if (converted === 0 || converted === judged.outcome.length) io.err(`leadq: warning: ${why}; with one outcome only, nothing can be ranked\n`);
    }
    if (report.min_auc && !report.min_auc.passed) {
      const got = report.auc[report.auc.length - 1].auc;
      io.err(`leadq: the total score's AUC ${got === null ? 'cannot be measured' : `is ${got.toFixed(4)}`}, below --min-auc ${report.min_auc.threshold}\n`);
      return EXIT.runtime;
    }
    return main.captured.rejected > 0 || relatedRejected > 0 ? EXIT.rejected : EXIT.ok;
  } catch (error) {
    outputs?.abort();
    throw error;
  } finally {
    stopWatching();
    await pool.close();
    await inputs.close();
  }
}

/** The judged leads' arrays from a capture: the capture's own when every lead is judged, else gathered. */
function judge(c: Captured, mask: Uint8Array, rules: RuleInfo[], resolved: ResolvedRuleset, byColumn: string | null): Judged {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i];
  const all = n === mask.length;
  const rows = new Uint32Array(all ? 0 : n);
  if (!all) for (let i = 0, r = 0; i < mask.length; i++) if (mask[i]) rows[r++] = i;
  const pick = <T extends Float64Array | Float32Array | Uint8Array | Int8Array | Uint32Array>(a: T, width = 1): T => {
    if (all) return a;
    const out = new (a.constructor as new (n: number) => T)(n * width);
    for (let r = 0; r < n; r++) for (let j = 0, from = rows[r] * width; j < width; j++) out[r * width + j] = a[from + j];
    return out;
  };
  const a = rules.filter((x) => x.amount >= 0).length;
  const amounts = pick(c.amounts, a);
  return {
    outcome: pick(c.outcome),
    scores: c.scores.map((s) => pick(s)),
    scoreNames: [...resolved.scores.map((x) => x.name), 'total'],
    stage: pick(c.stage),
    stageNames: resolved.stages.map((x) => x.name),
    fired: pick(c.fired, c.ruleCount),
    rules,
    amounts: Array.from({ length: a }, (_, j) => { const out = new Float64Array(n); for (let i = 0; i < n; i++) out[i] = amounts[i * a + j]; return out; }),
    by: byColumn === null || c.by === null ? null : { column: byColumn, codes: pick(c.by.codes), labels: c.by.labels },
  };
}
