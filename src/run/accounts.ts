/**
 * A run's accounts pass, between the related files (and dedupe's first pass) and scoring: every
 * input's leads scored as the lead pass will score them, each adding what it brings to its
 * account (jobs/account-leads.ts, in the worker threads), folded in input order on this thread
 * (engine/account-fold.ts). Memory grows with the accounts, not the leads. The accounts' values,
 * scores and stages are then plain data the lead pass's threads are handed (jobs/compiled.ts).
 */
import { AccountFold, LEAD_INTS, type AccountFileWarning, type FoldedAccounts } from '../engine/account-fold.js';
import { openCsvInput, type CsvInput } from '../input/csv/read-csv.js';
import type { ParsedRecord } from '../input/csv/csv-parser.js';
import { parseNumber } from '../input/values/coerce.js';
import { DEFAULT_PLACEHOLDERS, Placeholders } from '../input/values/formats.js';
import { normalizeAccountId, normalizeCompanyName } from '../model/accounts.js';
import { LeadqError, quoteData } from '../model/errors.js';
import { didYouMean } from '../model/suggest.js';
import { websiteDomain } from '../model/website-domain.js';
import type { ResolvedAccounts } from '../ruleset/resolved.js';
import type { Ruleset } from '../ruleset/types.js';
import { besideRuleset } from '../ruleset/ruleset-paths.js';
import type { CompiledRuleset } from '../engine/types.js';
import type { BlockInput } from '../input/csv/read-blocks.js';
import type { InputSeries } from '../input/csv/input-series.js';
import type { RulesJobOptions } from './jobs/compiled.js';
import { AccountLeadsJob, type AccountLeadsSpec } from './jobs/account-leads.js';
import { accountFile, checkDeclaredEncoding } from './declared-encoding.js';
import { keysHint } from './related-errors.js';
import type { Losers } from './jobs/score.js';
import { runPipeline } from './pipeline.js';
import type { WorkerPool } from './worker-pool.js';

export interface AccountsRun {
  compiled: CompiledRuleset;
  inputs: InputSeries;
  asOfDay: number;
  threads: number;
  pool: WorkerPool;
  /** what the jobs of one input are built from */
  jobOptions: (input: BlockInput) => RulesJobOptions;
  /** dedupe: the losing rows of input `i`'s block `index`, which belong to no account */
  losers?: (i: number, index: number) => Losers | undefined;
  /** after each block: its scored leads (progress) */
  onBlock?: (input: BlockInput, leads: number) => void;
  /** after each input */
  onInputEnd?: (input: BlockInput) => void;
  /** where each of `accounts.files` is read from (resolved against the ruleset's folder by the command) */
  files?: string[];
}

/** Where each account file is read from: its `file:` relative to the ruleset's folder. */
export function accountFilePaths(ruleset: Ruleset, rulesFile: string): string[] {
  return (ruleset.accounts?.files ?? []).map((f) => besideRuleset(rulesFile, f.file.path));
}

export async function aggregateAccounts(run: AccountsRun): Promise<FoldedAccounts> {
  // opened (their headers checked) before the export is read: a missing file or column stops the run at once
  const files = await openAccountFiles(run.compiled.accounts!.resolved.files, run.files ?? []);
  try {
    const fold = new AccountFold();
    await foldLeads(run, fold);
    return await finishAccounts(run, files, fold);
  } finally {
    for (const f of files) await f.input.close();
  }
}

/** Once every lead is folded: the account files matched to the accounts, then each account's values, score and stage. */
export async function finishAccounts(run: Pick<AccountsRun, 'compiled' | 'asOfDay'>, files: readonly OpenAccountFile[], fold: AccountFold): Promise<FoldedAccounts> {
  const warnings: AccountFileWarning[] = [];
  const fileValues = await readAccountFiles(run.compiled.accounts!.resolved, files, fold, warnings);
  return { ...fold.finish(run.compiled.accounts!, run.compiled.header.length + (run.compiled.plan.derived?.count ?? 0), run.asOfDay, fileValues), fileWarnings: warnings };
}

/** The accounts pass: every lead of every input folded into its account. */
async function foldLeads(run: AccountsRun, fold: AccountFold): Promise<void> {
  for (let i = 0; i < run.inputs.paths.length; i++) {
    const input = await run.inputs.read(i, i > 0 ? run.compiled.header : undefined);
    // every thread's job for this input numbers its strings anew
    fold.restart();
    const options = run.jobOptions(input);
    const job = { kind: 'account-leads', options } satisfies AccountLeadsSpec;
    const losers = run.losers;
    await runPipeline(input, {
      job, local: new AccountLeadsJob(run.compiled, options.block), threads: run.threads, pool: run.pool, recycle: true,
      dataFor: losers && ((index: number) => losers(i, index)),
      discarded: (result) => { if ('strings' in result) fold.learn(result); },
    }, (block) => { fold.add(block); run.onBlock?.(input, block.ints.length / LEAD_INTS.width); });
    run.onInputEnd?.(input);
  }
  // the threads' numbering of every key they met is of no further use: gone with them, before the
  // accounts are scored, not left as garbage beside the lead pass's memory (restarted when next needed)
  await run.pool.restart();
}

/** An account file opened, its key and value columns found in its header. */
export interface OpenAccountFile {
  input: CsvInput;
  key: number;
  columns: number[];
}

/**
 * Each account file opened for its header (`paths`: where each is read from; default its `file:`
 * as written); a file that cannot be read, or lacks a column the ruleset names, is an error naming
 * it (and what it has). What was opened before is closed again on an error.
 */
export async function openAccountFiles(files: ResolvedAccounts['files'], paths: readonly string[]): Promise<OpenAccountFile[]> {
  const out: OpenAccountFile[] = [];
  try {
    for (const [i, file] of files.entries()) {
      const input = await openFile(file, paths[i] ?? file.file);
      out.push({ input, key: -1, columns: [] });
      const at = (header: string) => {
        const exact = input.header.indexOf(header);
        const index = exact >= 0 ? exact : input.header.findIndex((h) => h.trim().toLowerCase() === header.trim().toLowerCase());
        if (index < 0) {
          throw new LeadqError('RULES_COLUMN_MISSING',
            `column ${quoteData(header)} of the account file ${quoteData(file.name)} is not in ${input.name}; available: ${input.header.map((h) => quoteData(h)).join(', ')}${didYouMean(header, input.header)}`,
            { file: input.name });
        }
        return index;
      };
      out[i].key = at(file.key);
      out[i].columns = file.columns.map((c) => at(c.header));
    }
    return out;
  } catch (error) {
    for (const f of out) await f.input.close();
    throw error;
  }
}

/**
 * The account files (intent surges by domain, firmographics by account id), read once the
 * accounts are known: each row's key is matched to an account as an id, else a company domain,
 * else a company name, and its number columns kept, the highest per account (among the rows naming
 * any of its keys: its own and those linked into it). Rows of no account
 * are skipped. Memory grows with the accounts the files name.
 */
async function readAccountFiles(a: ResolvedAccounts, files: readonly OpenAccountFile[], fold: AccountFold, warnings: AccountFileWarning[]): Promise<Map<string, Float64Array>> {
  const out = new Map<string, Float64Array>();
  const width = a.files.reduce((n, f) => n + f.columns.length, 0);
  let offset = 0;
  for (const [f, { input, key, columns }] of files.entries()) {
    // per column: its values that are not a number, in any row (whether its key names an account or not)
    const unparsed = columns.map((c): AccountFileWarning => ({ name: a.files[f].name, file: input.name, column: input.header[c], count: 0, firstLine: 0, firstValue: '' }));
    const given = a.files[f].placeholders;
    const placeholders = given === null ? DEFAULT_PLACEHOLDER_SET : new Placeholders(given);
    const batches = input.batches();
    for (;;) {
      let next: IteratorResult<ParsedRecord[]>;
      try {
        next = await batches.next();
      } catch (error) {
        throw accountFileError(a.files[f].name, input.name, error);
      }
      if (next.done) break;
      for (const record of next.value) {
        const numbers = columns.map((c, j) => {
          const cell = record.fields[c] ?? '';
          const v = placeholders.has(cell) ? NaN : parseNumber(cell);
          if (v !== v && cell.trim() !== '' && !placeholders.has(cell)) {
            const w = unparsed[j];
            if (w.count++ === 0) { w.firstLine = record.line; w.firstValue = cell; }
          }
          return v;
        });
        const account = accountOf(record.fields[key] ?? '', fold);
        if (account === undefined) continue;
        let values = out.get(account);
        if (!values) out.set(account, (values = new Float64Array(width).fill(NaN)));
        numbers.forEach((v, j) => {
          if (v === v && !(v <= values[offset + j])) values[offset + j] = v;
        });
      }
    }
    warnings.push(...unparsed.filter((w) => w.count > 0));
    offset += columns.length;
  }
  return out;
}

async function openFile(file: ResolvedAccounts['files'][number], path: string): Promise<CsvInput> {
  try {
    await checkDeclaredEncoding(accountFile(file.name), path, file.encoding);
    return await openCsvInput(path, { encoding: file.encoding ?? undefined, delimiter: file.delimiter ?? undefined, skipLines: file.skipLines });
  } catch (error) {
    throw accountFileError(file.name, path, error);
  }
}

/**
 * `error`, thrown opening or reading the account file `name`, as the user should read it: the
 * file's name in the message, and hints in its ruleset keys (`set encoding: windows-1252 in
 * accounts.files.intent`), not in the export's flags, which do not reach it.
 */
function accountFileError(name: string, path: string, error: unknown): unknown {
  if (!(error instanceof LeadqError)) return error;
  const unreadable = /^cannot read the input: /.exec(error.message);
  const prefix = `the account file ${quoteData(name)}`;
  const message = error.message.startsWith(prefix) ? error.message : unreadable ? `${prefix} cannot be read: ${error.message.slice(unreadable[0].length)}` : `${prefix}: ${error.message}`;
  const hint = error.hint !== undefined ? keysHint(`accounts.files.${name}`, error.hint) : 'account files are read from their path relative to the ruleset';
  return new LeadqError(error.code, message, { file: error.file ?? path, line: error.line, col: error.col, hint });
}

/** cells that mean "no value" (N/A, -, #N/A…): empty, not a number that did not parse */
const DEFAULT_PLACEHOLDER_SET = new Placeholders(DEFAULT_PLACEHOLDERS);

/** a free-mail domain has no account to name: no list to look it up in */
const NO_FREE_MAIL: ReadonlySet<string> = new Set();

/**
 * The prefixed key of the account a file's key cell names: an id, else a domain (a URL or an
 * email's too), else a company name; a domain or a name linked into an account names that account
 * (engine/account-fold.ts `target`), so an id account has the rows of the domains linked to it.
 */
function accountOf(cell: string, fold: AccountFold): string | undefined {
  const id = normalizeAccountId(cell);
  if (id === '') return undefined;
  const byId = fold.target(0, id);
  if (byId !== undefined) return byId;
  // read as a website column of the export is (`as: url`), so a file names the domain its leads are at
  return fold.target(1, websiteDomain(id, NO_FREE_MAIL)) ?? fold.target(2, normalizeCompanyName(cell));
}
