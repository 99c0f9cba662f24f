/**
 * Reading an export for `backtest` and `calibrate`: the ruleset compiled against the header (as
 * `score` compiles it), the columns the command names besides the rules' (outcome, created date,
 * --by, candidates) resolved like a rule's columns and added to what the row path parses, and
 * every input run through the `capture` job. The scores captured are the scores `score` writes:
 * the ruleset's `input:` settings and footer apply, its related files are read and aggregated
 * as `score` reads them, so rules (and the outcome) may use their derived columns, and with
 * `dedupe:` the rows captured are those `score` keeps (the same first pass).
 */
import { compileResolved, runDate } from '../engine/compile.js';
import type { RelatedTables } from '../events/lookup.js';
import type { CompiledRuleset } from '../engine/types.js';
import type { BlockInput } from '../input/csv/read-blocks.js';
import type { InputSeries } from '../input/csv/input-series.js';
import { DEFAULT_MAX_RECORD_SIZE } from '../input/csv/read-csv.js';
import { headerHint } from '../input/csv/reject-diagnosis.js';
import { missingColumnsHint } from '../run/related-errors.js';
import { asOfDay } from '../engine/compile.js';
import { dayNumber } from '../model/days.js';
import { formatLocated, LeadqError } from '../model/errors.js';
import type { ValueKind } from '../model/operators.js';
import { ColumnResolver } from '../ruleset/columns.js';
import { headerIssuesError } from '../ruleset/index.js';
import { derivedIndexes, type RelatedHeader } from '../ruleset/resolve-related.js';
import { resolveRuleset } from '../ruleset/resolve.js';
import type { ResolvedRuleset } from '../ruleset/resolved.js';
import type { Ruleset } from '../ruleset/types.js';
import { CaptureCollector, CaptureJob, type CaptureFields, type CaptureSpec, type Captured, type OutcomeSpec } from '../run/jobs/capture.js';
import { attachRelated } from '../run/jobs/compiled.js';
import type { BlockOptions } from '../run/jobs/score-block.js';
import { defaultThreads, runPipeline } from '../run/pipeline.js';
import { aggregateRelated, closeRelated, openRelated, relatedHeaders, type RelatedPath } from '../run/related.js';
import { rulesetFiles } from './ruleset-files.js';
import type { WorkerPool } from '../run/worker-pool.js';
import { relatedWarningLines } from '../output/related-summary.js';
import { accountFilePaths, aggregateAccounts } from '../run/accounts.js';
import { attachAccounts } from '../run/jobs/compiled.js';
import type { DuplicateFinder } from '../run/jobs/dedupe.js';
import { findDuplicates } from '../run/find-duplicates.js';
import type { AccountTable } from '../engine/accounts.js';
import type { Io } from './io.js';
import { footerSettings } from './settings.js';

/** How the export is read: the options every reading command shares. */
export interface ReadOptions {
  encoding?: string;
  delimiter?: string;
  skipLines?: number;
  maxRecordSize?: number;
  blockSize?: number;
  threads?: number;
  asOf?: string;
  /** NAME=FILE: read the related file NAME from FILE (--related) */
  related?: string[];
  quiet: boolean;
}

/**
 * How the outcome is read from column `index`: a derived column by its kind, from `late` (its
 * values over every row, whatever its date: `Prepared.outcomeValues`), an export column by its text.
 */
export function outcomeSpec(ruleset: Ruleset, input: BlockInput, index: number, won: string[], late?: RelatedTables): OutcomeSpec {
  if (index < input.header.length) return { index, won };
  const derived = [...derivedIndexes(ruleset, input.header.length).entries()].find(([, d]) => d.index === index)!;
  if (won.length > 0) throw new LeadqError('USAGE', `--won compares a column's text, and "${derived[0]}" is a derived column (a ${derived[1].kind}); name it with --outcome alone: a lead converted when it is there and not 0 or false`);
  if (!late) throw new Error(`outcomeSpec: the derived outcome "${derived[0]}" needs its values past the as-of date (prepareRuleset with the outcome)`);
  return { index, won, derived: derived[1].kind, late };
}

/** The column `name` if the ruleset or its preset knows it (e.g. the preset's `created`), else -1, silently. */
export function optionalColumn(ruleset: Ruleset, input: BlockInput, name: string): number {
  return new ColumnResolver(ruleset, input.header, input.name).resolve({ name, pos: { line: 0, col: 0 } });
}

/** The resolved ruleset with more columns parsed: what a capture reads besides the rules' own (export columns only: derived ones are filled, not parsed). */
export function withReads(resolved: ResolvedRuleset, extra: Partial<Record<ValueKind, number[]>>): ResolvedRuleset {
  const reads = { ...resolved.reads };
  const width = resolved.header.length;
  for (const kind of Object.keys(extra) as ValueKind[]) {
    const have = new Set(reads[kind]);
    reads[kind] = [...reads[kind], ...(extra[kind] ?? []).filter((i) => i >= 0 && i < width && !have.has(i) && (have.add(i), true))];
  }
  return { ...resolved, reads };
}

/** The ruleset resolved against the export's header (and its related files' headers); errors as `score` reports them, warnings on standard error. */
export function resolveFor(ruleset: Ruleset, rulesFile: string, input: BlockInput, options: ReadOptions, io: Io, related?: ReadonlyMap<string, RelatedHeader>): { resolved: ResolvedRuleset; asOf: string } {
  const { resolved, issues } = resolveRuleset(ruleset, input.header, input.name, related);
  const errors = issues.filter((i) => i.severity === 'error');
  const collisions = errors.filter((i) => !i.pos);
  if (errors.length > collisions.length) {
    const error = headerIssuesError(rulesFile, errors.filter((i) => i.pos));
    throw new LeadqError(error.code, error.message, { hint: missingColumnsHint(errors, headerHint(input.header, input.delimiter, input.realHeaderSkip()), related) });
  }
  if (collisions.length > 0) throw new LeadqError('OUTPUT_COLLISION', collisions.map((i) => i.message).join('\n'), { file: input.name });
  if (!options.quiet) for (const w of issues.filter((i) => i.severity === 'warning')) io.err(`${formatLocated(`warning: ${w.message}`, input.name, 1)}\n`);
  return { resolved, asOf: runDate(resolved, options.asOf) };
}

/** A ruleset ready to capture an export with: resolved, and what its related files came to. */
export interface Prepared {
  resolved: ResolvedRuleset;
  asOf: string;
  /** what the related files were aggregated into, and their headers; absent without related files */
  relatedTables?: RelatedTables;
  relatedHeaders?: ReadonlyMap<string, RelatedHeader>;
  /** rows of the related files rejected (the command exits 3 when some were) */
  relatedRejected: number;
  /** an outcome that is a derived column: its values counting every row, whatever its date (for the outcome alone; rules read `relatedTables`) */
  outcomeValues?: RelatedTables;
}

/**
 * The ruleset resolved against the export and its related files, which are read and aggregated
 * per lead as `score` does (a related file that cannot be read stops the command, naming it; their
 * warnings go to standard error). `strict`: an unknown --related name is an error (false for
 * --compare's ruleset, which may have other related files than the main one).
 */
export async function prepareRuleset(ruleset: Ruleset, rulesFile: string, inputs: InputSeries, first: BlockInput, options: ReadOptions, pool: WorkerPool, io: Io, strict = true,
  outcome = -1): Promise<Prepared> {
  const paths = rulesetFiles(ruleset, rulesFile, { related: options.related }, strict).related;
  if (paths.length === 0) return { ...resolveFor(ruleset, rulesFile, first, options, io), relatedRejected: 0 };
  const maxRecordSize = options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE;
  const opened = await openRelated(ruleset, paths, maxRecordSize, options.blockSize);
  try {
    const headers = relatedHeaders(opened);
    const { resolved, asOf } = resolveFor(ruleset, rulesFile, first, options, io, headers);
    const run = { leads: inputs, threads: options.threads ?? defaultThreads(), pool, maxRecordSize, onReject: () => {} };
    const aggregated = await aggregateRelated({ ...run, resolved, asOfDay: asOfDay(asOf), related: opened });
    const { tables, summaries, rejected } = aggregated;
    const outcomeValues = outcome >= first.header.length ? await lateOutcome(tables, resolved, outcome, ruleset, paths, run, options) : undefined;
    for (const r of summaries) {
      if (r.rejected > 0) io.err(`leadq: warning: ${r.rejected} of ${r.rows} rows of ${r.file} could not be read and do not count (first at lines ${r.rejected_first_lines.join(', ')}); leadq score --rejects shows why\n`);
      if (!options.quiet) for (const line of relatedWarningLines(r)) io.err(`leadq: warning: ${line}\n`);
    }
    return { resolved, asOf, relatedTables: tables, relatedHeaders: headers, relatedRejected: rejected, ...(outcomeValues ? { outcomeValues } : {}) };
  } finally {
    await closeRelated(opened);
  }
}

/** A day past any a related file holds: the outcome's rows count whenever they are dated. */
const NO_CUTOFF = dayNumber(9999, 12, 31);

/**
 * An outcome kept in a related file ("has a won deal") is known after the day the leads were
 * scored as of: deals close later. Its derived column is aggregated again, alone, with every
 * row counting whatever its date, into values of its own, which only the outcome reads: a rule
 * reading the same column ("customer already") sees it as of that day, as `score` fills it, or a
 * deal closed later would disqualify the lead it is the outcome of. The leads' keys are those
 * already read (no second key table: one number per lead more). Options measured from the as-of
 * date (within, decay) have no meaning for it and are refused.
 */
async function lateOutcome(tables: RelatedTables, resolved: ResolvedRuleset, outcome: number, ruleset: Ruleset, paths: RelatedPath[],
  run: { leads: InputSeries; threads: number; pool: WorkerPool; maxRecordSize: number; onReject: () => void }, options: ReadOptions): Promise<RelatedTables> {
  const at = resolved.related!.findIndex((f) => f.columns.some((c) => c.index === outcome));
  const file = resolved.related![at];
  const column = file.columns.find((c) => c.index === outcome)!;
  const relative = [column.within !== null && 'within', column.decay !== null && 'decay'].filter(Boolean);
  if (relative.length > 0) {
    throw new LeadqError('USAGE', `--outcome ${column.name}: the outcome counts a lead's rows whenever they are dated (a deal closes after the day the leads were scored as of), so ${relative.join(' and ')}, measured from that day, cannot apply; define a derived column without ${relative.length > 1 ? 'them' : 'it'} for the outcome`);
  }
  const only = { ...resolved, related: [{ ...file, columns: [column] }] };
  const [opened] = await openRelated({ ...ruleset, related: [ruleset.related![at]] }, [paths[at]], run.maxRecordSize, options.blockSize);
  try {
    return (await aggregateRelated({ ...run, resolved: only, asOfDay: NO_CUTOFF, related: [opened], leadKeys: tables.keys })).tables;
  } finally {
    await closeRelated([opened]);
  }
}

/** One capture: a ruleset (resolved, with its extra reads) and what to keep per lead. */
export interface CapturePlan {
  resolved: ResolvedRuleset;
  ruleset: Ruleset;
  asOf: string;
  fields: CaptureFields;
  /** what the ruleset's related files were aggregated into (prepareRuleset) */
  relatedTables?: RelatedTables;
  /**
   * Which rows are leads. Absent: the ruleset's own `dedupe:` decides, in a first pass, as in
   * `score`. Given: the rows another capture kept (its `kept`), whatever this ruleset's dedupe, so
   * that two rulesets are judged lead by lead on the same rows (a `keep: highest_score` would
   * keep other rows by other scores); null: every row.
   */
  rows?: DuplicateFinder | null;
}

/** What a capture gives: the leads' numbers, the ruleset as compiled, and the rows kept (null: every row). */
export interface Capture {
  captured: Captured;
  compiled: CompiledRuleset;
  kept: DuplicateFinder | null;
}

/** Every input captured with `plan`, leads in input order; with dedupe, the rows `score` keeps. */
export async function captureInputs(inputs: InputSeries, plan: CapturePlan, options: ReadOptions, pool: WorkerPool): Promise<Capture> {
  const compiled = compileResolved(plan.resolved);
  if (plan.relatedTables) attachRelated(compiled, plan.relatedTables);
  const collector = new CaptureCollector(compiled.scores.length + 1, compiled.stats.length, plan.fields);
  const blockFor = (input: BlockInput): BlockOptions => ({
    asOfDay: asOfDay(plan.asOf), delimiter: input.delimiter, header: input.header, ...footerSettings(plan.ruleset),
    escapeFormulas: false, byStage: false, maxRecordSize: options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE, file: input.name,
  });
  const related = plan.relatedTables ? { relatedTables: plan.relatedTables } : {};
  const jobOptions = (input: BlockInput) => ({ resolved: plan.resolved, block: blockFor(input), ...related });
  const threads = options.threads ?? defaultThreads();
  // dedupe: the rows that lose to another row of their key, found first, as in `score` (after the related files: keep: highest_score reads them)
  const kept = plan.rows !== undefined ? plan.rows : compiled.dedupe ? await findDuplicates({ compiled, inputs, threads, pool, jobOptions }) : null;
  const losers = kept ? (i: number, index: number) => kept.losersIn(i, index) : undefined;
  // accounts: the leads' stages read their account, so the accounts pass comes first, as in `score`; duplicates belong to no account
  let accountTable: AccountTable | undefined;
  if (compiled.accounts) {
    accountTable = (await aggregateAccounts({
      compiled, inputs, asOfDay: asOfDay(plan.asOf), threads, pool, files: accountFilePaths(plan.ruleset, plan.ruleset.file), jobOptions, ...(losers ? { losers } : {}),
    })).table;
    attachAccounts(compiled, accountTable);
  }
  for (let i = 0; i < inputs.paths.length; i++) {
    const input = await inputs.read(i, i > 0 ? compiled.header : undefined);
    const block = blockFor(input);
    const job = { kind: 'capture', options: { resolved: plan.resolved, block, capture: plan.fields, ...related, ...(accountTable ? { accountTable } : {}) } } satisfies CaptureSpec;
    await runPipeline(input, {
      job, local: new CaptureJob(compiled, block, plan.fields), threads, pool, recycle: true, dataFor: losers && ((index: number) => losers(i, index)),
    }, (result, lineShift, index) => {
      if (kept) sameRows(kept, i, index, result.leads + result.duplicates, input.name, plan.rows !== undefined);
      collector.add(result, lineShift);
    });
    await inputs.close();
  }
  return { captured: collector.finish(), compiled, kept };
}

/**
 * The first pass names rows by their ordinals in each block: they name these rows only if the
 * block reads as many as it did then. Else the file changed, or (`given`: another ruleset's rows)
 * the two rulesets read different rows, e.g. one stops at a report footer the other reads on.
 */
function sameRows(kept: DuplicateFinder, input: number, block: number, rows: number, file: string, given: boolean): void {
  try {
    kept.checkBlock(input, block, rows, file);
  } catch (error) {
    if (!given) throw error;
    throw new LeadqError('INPUT_READ', 'the two rulesets read different rows; both are judged on the rows the first keeps (its dedupe:), so they must read the same ones: does one stop at a report footer (input: footer, a CRM preset)?', { file });
  }
}
