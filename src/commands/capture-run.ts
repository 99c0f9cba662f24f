/**
 * Reading an export for `backtest` and `calibrate`: the ruleset compiled against the header (as
 * `score` compiles it), the columns the command names besides the rules' (outcome, created date,
 * --by, candidates) resolved like a rule's columns and added to what the row path parses, and
 * every input run through the `capture` job. The scores captured are the scores `score` writes.
 */
import { compileResolved, runDate } from '../engine/compile.js';
import type { CompiledRuleset } from '../engine/types.js';
import type { BlockInput } from '../input/csv/read-blocks.js';
import type { InputSeries } from '../input/csv/input-series.js';
import { DEFAULT_MAX_RECORD_SIZE } from '../input/csv/read-csv.js';
import { headerHint } from '../input/csv/reject-diagnosis.js';
import { asOfDay } from '../engine/compile.js';
import { formatLocated, LeadqError } from '../model/errors.js';
import type { ValueKind } from '../model/operators.js';
import { ColumnResolver } from '../ruleset/columns.js';
import { issuesError } from '../ruleset/index.js';
import { presetFooter } from '../ruleset/presets.js';
import { resolveRuleset } from '../ruleset/resolve.js';
import type { ResolvedRuleset } from '../ruleset/resolved.js';
import type { Ruleset } from '../ruleset/types.js';
import { CaptureCollector, CaptureJob, type CaptureFields, type CaptureSpec, type Captured } from '../run/jobs/capture.js';
import type { BlockOptions } from '../run/jobs/score-block.js';
import { defaultThreads, runPipeline } from '../run/pipeline.js';
import type { WorkerPool } from '../run/worker-pool.js';
import { accountFilePaths, aggregateAccounts } from '../run/accounts.js';
import { attachAccounts } from '../run/jobs/compiled.js';
import type { AccountTable } from '../engine/accounts.js';
import type { Io } from './io.js';

/** How the export is read: the options every reading command shares. */
export interface ReadOptions {
  encoding?: string;
  delimiter?: string;
  skipLines?: number;
  maxRecordSize?: number;
  blockSize?: number;
  threads?: number;
  asOf?: string;
  quiet: boolean;
}

/** The column index of `name` as a rule would read it, or a usage error naming `option`. */
export function resolveOptionColumn(ruleset: Ruleset, input: BlockInput, name: string, option: string): number {
  const resolver = new ColumnResolver(ruleset, input.header, input.name);
  const index = resolver.resolve({ name, pos: { line: 0, col: 0 } });
  if (index >= 0) return index;
  const why = resolver.issues[0]?.message ?? `column "${name}" is not in ${input.name}`;
  throw new LeadqError('USAGE', `${option}: ${why}`, { hint: headerHint(input.header, input.delimiter) });
}

/** The column `name` if the ruleset or its preset knows it (e.g. the preset's `created`), else -1, silently. */
export function optionalColumn(ruleset: Ruleset, input: BlockInput, name: string): number {
  return new ColumnResolver(ruleset, input.header, input.name).resolve({ name, pos: { line: 0, col: 0 } });
}

/** The resolved ruleset with more columns parsed: what a capture reads besides the rules' own. */
export function withReads(resolved: ResolvedRuleset, extra: Partial<Record<ValueKind, number[]>>): ResolvedRuleset {
  const reads = { ...resolved.reads };
  for (const kind of Object.keys(extra) as ValueKind[]) {
    const have = new Set(reads[kind]);
    reads[kind] = [...reads[kind], ...(extra[kind] ?? []).filter((i) => i >= 0 && !have.has(i) && (have.add(i), true))];
  }
  return { ...resolved, reads };
}

/** The ruleset resolved against the export's header; errors as `score` reports them, warnings on standard error. */
export function resolveFor(ruleset: Ruleset, rulesFile: string, input: BlockInput, options: ReadOptions, io: Io): { resolved: ResolvedRuleset; asOf: string } {
  const { resolved, issues } = resolveRuleset(ruleset, input.header, input.name);
  const errors = issues.filter((i) => i.severity === 'error');
  const collisions = errors.filter((i) => !i.pos);
  if (errors.length > collisions.length) {
    const error = issuesError('RULES_COLUMN_MISSING', rulesFile, errors.filter((i) => i.pos));
    throw new LeadqError(error.code, error.message, { hint: headerHint(input.header, input.delimiter) });
  }
  if (collisions.length > 0) throw new LeadqError('OUTPUT_COLLISION', collisions.map((i) => i.message).join('\n'), { file: input.name });
  if (!options.quiet) for (const w of issues.filter((i) => i.severity === 'warning')) io.err(`${formatLocated(`warning: ${w.message}`, input.name, 1)}\n`);
  return { resolved, asOf: runDate(resolved, options.asOf) };
}

/** One capture: a ruleset (resolved, with its extra reads) and what to keep per lead. */
export interface CapturePlan {
  resolved: ResolvedRuleset;
  ruleset: Ruleset;
  asOf: string;
  fields: CaptureFields;
}

/** Every input captured with `plan`, leads in input order. */
export async function captureInputs(inputs: InputSeries, plan: CapturePlan, options: ReadOptions, pool: WorkerPool): Promise<{ captured: Captured; compiled: CompiledRuleset }> {
  const compiled = compileResolved(plan.resolved);
  const collector = new CaptureCollector(compiled.scores.length + 1, compiled.stats.length, plan.fields);
  const blockFor = (input: BlockInput): BlockOptions => ({
    asOfDay: asOfDay(plan.asOf), delimiter: input.delimiter, header: input.header, footer: presetFooter(plan.ruleset.preset),
    escapeFormulas: false, byStage: false, maxRecordSize: options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE, file: input.name,
  });
  // accounts: the leads' stages read their account, so the accounts pass comes first, as in `score`
  let accountTable: AccountTable | undefined;
  if (compiled.accounts) {
    accountTable = (await aggregateAccounts({
      compiled, inputs, asOfDay: asOfDay(plan.asOf), threads: options.threads ?? defaultThreads(), pool, files: accountFilePaths(plan.ruleset, plan.ruleset.file),
      jobOptions: (input) => ({ resolved: plan.resolved, block: blockFor(input) }),
    })).table;
    attachAccounts(compiled, accountTable);
  }
  for (let i = 0; i < inputs.paths.length; i++) {
    const input = await inputs.read(i, i > 0 ? compiled.header : undefined);
    const block = blockFor(input);
    const job = { kind: 'capture', options: { resolved: plan.resolved, block, capture: plan.fields, ...(accountTable ? { accountTable } : {}) } } satisfies CaptureSpec;
    await runPipeline(input, { job, local: new CaptureJob(compiled, block, plan.fields), threads: options.threads ?? defaultThreads(), pool, recycle: true },
      (result, lineShift) => collector.add(result, lineShift));
    await inputs.close();
  }
  return { captured: collector.finish(), compiled };
}
