/**
 * A run's related files, start to finish: each opened for its header before anything else (a
 * missing or unreadable file stops the run naming it), then two passes over blocks:
 *
 * 1. the leads' keys (run/jobs/lead-keys.ts) into one shared table per lead column a related file
 *    matches, in this thread: memory grows with the leads, whatever the size of the related files;
 * 2. each related file's rows (run/jobs/aggregate-related.ts), matched to those keys in the
 *    worker threads, folded in input order on this thread into one value per lead and derived
 *    column (events/accumulate.ts), in shared memory.
 *
 * The result (`RelatedTables`) is plain data over shared memory: the scoring threads are handed
 * it once and fill each lead's derived columns from it (events/lookup.ts).
 */
import { besideRuleset } from '../ruleset/ruleset-paths.js';
import { DerivedAccumulator, emptyValue } from '../events/accumulate.js';
import type { RelatedTables } from '../events/lookup.js';
import { openBlockInput, type BlockInput } from '../input/csv/read-blocks.js';
import type { InputSeries } from '../input/csv/input-series.js';
import { KeyTable, type KeyTableParts } from '../input/keys/key-table.js';
import { LeadqError, quoteData } from '../model/errors.js';
import { relatedError, type RelatedPathFrom } from './related-errors.js';
import { checkDeclaredEncoding, relatedFile } from './declared-encoding.js';
import { didYouMean } from '../model/suggest.js';
import { RelatedTally, type RelatedSummary } from '../output/related-summary.js';
import type { RelatedHeader } from '../ruleset/resolve-related.js';
import type { ResolvedRuleset } from '../ruleset/resolved.js';
import type { Ruleset } from '../ruleset/types.js';
import { AggregateRelatedJob, type AggregateRelatedSpec } from './jobs/aggregate-related.js';
import { LeadKeysJob, type LeadKeySpec, type LeadKeysSpec } from './jobs/lead-keys.js';
import { runPipeline } from './pipeline.js';
import { RejectTally, type MaxRejects } from './reject-limit.js';
import type { WorkerPool } from './worker-pool.js';

/** A related file opened for its header (its rows are read later, once). */
export interface RelatedInput {
  name: string;
  /** the path it is read from */
  path: string;
  input: BlockInput;
}

/**
 * `NAME=FILE` overrides (--related) by related name; an unknown name, a malformed one, or one
 * given twice with different files is a usage error. Paths given on the command line are the user's, relative to where they stand.
 */
export function relatedOverrides(ruleset: Ruleset, given: readonly string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const names = (ruleset.related ?? []).map((r) => r.name);
  for (const item of given ?? []) {
    const at = item.indexOf('=');
    const name = at < 0 ? '' : item.slice(0, at).trim();
    const path = at < 0 ? '' : item.slice(at + 1);
    if (name === '' || path === '') throw new LeadqError('USAGE', `--related ${quoteData(item)}: expected NAME=FILE, e.g. --related activities=exports/activities.csv`);
    if (!names.includes(name)) {
      throw new LeadqError('USAGE', `--related ${name}=…: the ruleset has no related file named ${quoteData(name)}; ${names.length ? `it has ${names.join(', ')}${didYouMean(name, names)}` : 'it defines no related: files'}`);
    }
    const before = out.get(name);
    if (before !== undefined && before !== path) throw new LeadqError('USAGE', `--related ${name}= is given twice (${quoteData(before)} and ${quoteData(path)}); a related file is read from one path`);
    out.set(name, path);
  }
  return out;
}

/** Where a related file is read from, and whence that path came (what a hint about a missing file says). */
export interface RelatedPath {
  name: string;
  path: string;
  from: RelatedPathFrom;
}

/** Where each related file is read from: --related, else its `file:` relative to the ruleset's folder. */
export function relatedPaths(ruleset: Ruleset, rulesFile: string, overrides: ReadonlyMap<string, string>): RelatedPath[] {
  return (ruleset.related ?? []).map((r) => {
    const given = overrides.get(r.name);
    return given !== undefined ? { name: r.name, path: given, from: 'command line' } : { name: r.name, path: besideRuleset(rulesFile, r.file.path), from: 'ruleset' };
  });
}

/** Opens every related file for its header, in the ruleset's order; a file that cannot be read stops the run (exit 1) naming it. */
export async function openRelated(ruleset: Ruleset, paths: RelatedPath[], maxRecordSize: number, blockSize?: number): Promise<RelatedInput[]> {
  const opened: RelatedInput[] = [];
  try {
    for (const [i, file] of (ruleset.related ?? []).entries()) {
      const { path, from } = paths[i];
      try {
        await checkDeclaredEncoding(relatedFile(file.name), path, file.encoding);
        const input = await openBlockInput(path, { encoding: file.encoding, delimiter: file.delimiter, skipLines: file.skipLines, maxRecordSize, blockSize });
        opened.push({ name: file.name, path, input });
      } catch (error) {
        throw relatedError(file.name, path, error, from);
      }
    }
    return opened;
  } catch (error) {
    await closeRelated(opened);
    throw error;
  }
}

export async function closeRelated(inputs: readonly RelatedInput[]): Promise<void> {
  for (const r of inputs) await r.input.close();
}

/** The headers to resolve the ruleset with, by related name. */
export function relatedHeaders(inputs: readonly RelatedInput[]): Map<string, RelatedHeader> {
  return new Map(inputs.map((r) => [r.name, { header: r.input.header, file: r.input.name, delimiter: r.input.delimiter, realHeaderSkip: () => r.input.realHeaderSkip() }]));
}

export interface RelatedRun {
  resolved: ResolvedRuleset;
  asOfDay: number;
  /** the export's inputs (read once here for the keys; the caller reads them again) */
  leads: InputSeries;
  related: RelatedInput[];
  threads: number;
  pool: WorkerPool;
  maxRecordSize: number;
  maxRejects?: MaxRejects;
  /** about how many leads the export holds (from its size), so the key table is made large enough at once */
  expectedLeads?: number;
  /**
   * the leads' keys an earlier aggregation of these files read (its `tables.keys`): looked up
   * again rather than read from the export into a second table (a backtest's outcome, aggregated
   * once more without the as-of cut: commands/capture-run.ts)
   */
  leadKeys?: RelatedTables['keys'];
  /** each rejected row of a related file, in input order */
  onReject: (file: string, line: number, reason: string, text: string) => void;
}

export interface Aggregated {
  tables: RelatedTables;
  summaries: RelatedSummary[];
  /** rows rejected over all related files */
  rejected: number;
}

export async function aggregateRelated(run: RelatedRun): Promise<Aggregated> {
  const files = run.resolved.related ?? [];
  // one key table per lead column and kind of key
  const specs: LeadKeySpec[] = [];
  const specOf = files.map((f) => {
    const email = f.keyType === 'email';
    const salesforce = f.keyType === 'salesforce_id';
    let k = specs.findIndex((s) => s.column === f.matches.index && s.email === email && s.salesforce === salesforce);
    if (k < 0) k = specs.push({ column: f.matches.index, email, salesforce }) - 1;
    return k;
  });
  const tables = run.leadKeys ? specs.map((s) => keysRead(run.leadKeys!, s)) : (await leadKeys(run, specs)).map((t) => t.parts());
  const summaries: RelatedSummary[] = [];
  const columns: RelatedTables['columns'] = [];
  let rejected = 0;
  for (const [i, file] of files.entries()) {
    const source = run.related[i];
    const table = tables[specOf[i]];
    const acc = new DerivedAccumulator(file.columns, table.size, run.asOfDay, true);
    const tally = new RelatedTally();
    const rejects = new RejectTally(run.maxRejects, source.input.name, source.input.header, source.input.delimiter, () => source.input.realHeaderSkip());
    const options = {
      resolved: run.resolved, related: i, keys: table, asOfDay: run.asOfDay, delimiter: source.input.delimiter,
      maxRecordSize: run.maxRecordSize, file: source.input.name,
    };
    const job = { kind: 'aggregate-related', options } satisfies AggregateRelatedSpec;
    try {
      await runPipeline(source.input, { job, local: new AggregateRelatedJob(options), threads: run.threads, pool: run.pool }, (block, lineShift) => {
        acc.add(block.events);
        tally.merge(block.counts, lineShift);
        rejects.addRead(block.counts.rows);
        for (const r of block.rejects) {
          rejects.add(r.line + lineShift, r.reason, r.fields);
          run.onReject(source.input.name, r.line + lineShift, r.reason, r.text);
        }
      });
      rejects.checkEnd();
    } catch (error) {
      // a byte that is not UTF-8 far down the file, too many rejected rows: named as this file's
      throw relatedError(file.name, source.input.name, error, null);
    }
    rejected += rejects.rejected;
    const values = acc.finish();
    file.columns.forEach((d, c) => columns.push({ keys: specOf[i], index: d.index, kind: d.kind, values: values[c], empty: emptyValue(d.aggregate) }));
    summaries.push(tally.finish(file.name, source.input.name, source.input.header));
  }
  return { tables: { keys: specs.map((s, k) => ({ ...s, table: tables[k] })), columns }, summaries, rejected };
}

/** The table of `spec`'s keys among those read before; one is there whenever the same files were aggregated with them. */
function keysRead(read: RelatedTables['keys'], spec: LeadKeySpec): KeyTableParts {
  const found = read.find((k) => k.column === spec.column && k.email === spec.email && k.salesforce === spec.salesforce);
  if (!found) throw new Error(`related: no lead keys of column ${spec.column} were read before`);
  return found.table;
}

/** The leads' keys of every lead column the related files match, from every input of the export, in one pass (in this thread). */
async function leadKeys(run: RelatedRun, specs: LeadKeySpec[]): Promise<KeyTable[]> {
  const tables = specs.map(() => new KeyTable(Math.max(1 << 12, run.expectedLeads ?? 0), undefined, true));
  for (let i = 0; i < run.leads.paths.length; i++) {
    const input = await run.leads.read(i, i > 0 ? run.resolved.header : undefined);
    const options = {
      keys: specs, placeholders: run.resolved.placeholders, header: input.header, delimiter: input.delimiter,
      maxRecordSize: run.maxRecordSize, file: input.name,
    };
    const job = { kind: 'lead-keys', options } satisfies LeadKeysSpec;
    let entries = new Int32Array(1024);
    // in this thread: the keys must be added here anyway, and reading a key is less work than
    // handing its block to a worker and back (measured: a third faster, and less CPU, than two threads)
    await runPipeline(input, { job, local: new LeadKeysJob(options), threads: 1 }, (block) => {
      block.bytes.forEach((bytes, k) => {
        const ends = block.ends[k];
        if (entries.length < ends.length) entries = new Int32Array(ends.length * 2);
        tables[k].addBatch(bytes, ends, ends.length, entries);
      });
    });
  }
  return tables;
}
