/**
 * `leadq sql`: the ruleset as one SELECT for a warehouse (src/sql/), written to standard output or
 * --out; --summary writes the summary's query instead, --self-test the query that checks the
 * dialect's primitives in the user's warehouse. Orchestration only.
 */
import { LeadqError, quoteData } from '../model/errors.js';
import { didYouMean } from '../model/suggest.js';
import { openCsvInput } from '../input/csv/read-csv.js';
import { readSpendFile } from '../input/spend.js';
import { guardOutputs } from '../output/guard.js';
import { OutputSet } from '../output/sinks.js';
import { formatIssue, headerIssuesError, loadRuleset } from '../ruleset/index.js';
import { resolveRuleset } from '../ruleset/resolve.js';
import type { Ruleset } from '../ruleset/types.js';
import { compileSql } from '../sql/compile.js';
import { NoFaithfulForm, type DialectName } from '../sql/dialect.js';
import { DIALECT } from '../sql/dialects/index.js';
import { headerFromRuleset, relatedHeadersFromRuleset } from '../sql/header.js';
import { selfTestSql } from '../sql/self-test.js';
import { summarySql } from '../sql/summary.js';
import type { Io } from './io.js';
import { rulesetFiles, type RulesetFiles } from './ruleset-files.js';
import { resolveOptionColumn, type HeaderOf } from './option-column.js';
import { refuseIgnoredOptions } from './sql-options.js';

export interface SqlOptions {
  dialect: DialectName;
  table?: string;
  out?: string;
  asOf?: string;
  orderBy?: string;
  input?: string;
  encoding?: string;
  delimiter?: string;
  skipLines?: number;
  summary?: boolean;
  spend?: string;
  spendTable?: string;
  selfTest?: boolean;
  /** NAME=TABLE: the table holding the related file NAME (default: a table named NAME) */
  related?: string[];
  quiet: boolean;
}

export async function sqlCommand(rules: string | undefined, options: SqlOptions, io: Io): Promise<number> {
  const dialect = DIALECT[options.dialect];
  refuseIgnoredOptions(rules, options);
  let text: string;
  const out = options.out ?? '-';
  if (options.selfTest) {
    guardOutputs([], [out]);
    text = selfTestSql(dialect);
  } else {
    if (!rules) throw new LeadqError('USAGE', 'leadq sql needs the ruleset (or --self-test)');
    if (!options.table) throw new LeadqError('USAGE', '--table is required: the table (or view) that holds the export, every column as text');
    const { ruleset, warnings } = loadRuleset(rules);
    if (!options.quiet) for (const w of warnings) io.err(`${formatIssue(rules, w)}\n`);
    // --related names tables here, not files: the ruleset's own files are guarded all the same
    const files = rulesetFiles(ruleset, rules, { spend: options.spend });
    const reads = [...files.guarded, ...(options.input ? [options.input] : [])];
    guardOutputs(reads, [out]);
    // before the columns are resolved: without an export, the account values would read as missing columns
    const unsupported = [ruleset.accounts && 'accounts (grouping leads, account rules and the account ladder)', ruleset.completeness && 'the completeness measure'].filter(Boolean);
    if (unsupported.length > 0) throw new LeadqError('SQL_UNSUPPORTED', `${unsupported.join(' and ')} ${unsupported.length > 1 ? 'have' : 'has'} no SQL form in leadq sql yet (dialect ${dialect.name}); nothing written`, { file: rules });
    const { header, inputName, input } = await headerOf(ruleset, options);
    // as a rule's column: checked against --input's header and written as the header spells it
    // (a quoted identifier is case-sensitive in most warehouses); without --input, as given
    const orderBy = input && options.orderBy !== undefined ? header[resolveOptionColumn(ruleset, input, options.orderBy, '--order-by')] : options.orderBy;
    const related = relatedTables(ruleset, options.related);
    const { resolved, issues } = resolveRuleset(ruleset, header, inputName, relatedHeadersFromRuleset(ruleset));
    const errors = issues.filter((i) => i.severity === 'error');
    if (errors.some((i) => i.pos)) throw headerIssuesError(rules, errors.filter((i) => i.pos));
    if (errors.length > 0) throw new LeadqError('OUTPUT_COLLISION', errors.map((i) => i.message).join('\n'), { file: inputName });
    const asOf = options.asOf ?? resolved.asOf;
    try {
      text = options.summary
        ? summarySql(resolved, dialect, { table: options.table, asOf, spend: spendOf(files.spend, ruleset, options.spendTable), spendTable: options.spendTable, costStages: ruleset.costStages, related })
        : compileSql(resolved, dialect, { table: options.table, asOf, orderBy, related });
    } catch (error) {
      if (error instanceof NoFaithfulForm) throw new LeadqError('SQL_UNSUPPORTED', `${error.message} (dialect ${dialect.name}); nothing written`, { file: rules });
      throw error;
    }
  }
  const outputs = new OutputSet();
  try {
    outputs.open(out).write(text);
    await outputs.commit();
  } catch (error) {
    outputs.abort();
    throw error;
  }
  return 0;
}

/** `--related NAME=TABLE` by related name; an unknown name or a malformed one is a usage error. */
function relatedTables(ruleset: ReturnType<typeof loadRuleset>['ruleset'], given: readonly string[] | undefined): Map<string, string> {
  const names = (ruleset.related ?? []).map((r) => r.name);
  const out = new Map<string, string>();
  for (const item of given ?? []) {
    const at = item.indexOf('=');
    const name = at < 0 ? '' : item.slice(0, at).trim();
    const table = at < 0 ? '' : item.slice(at + 1).trim();
    if (name === '' || table === '') throw new LeadqError('USAGE', `--related ${quoteData(item)}: expected NAME=TABLE, e.g. --related activities=crm.activities_raw`);
    if (!names.includes(name)) {
      throw new LeadqError('USAGE', `--related ${name}=…: the ruleset has no related file named ${quoteData(name)}; ${names.length ? `it has ${names.join(', ')}${didYouMean(name, names)}` : 'it defines no related: files'}`);
    }
    out.set(name, table);
  }
  return out;
}

/** The export's header (--input, then also `input`), or the names the ruleset reads. */
async function headerOf(ruleset: ReturnType<typeof loadRuleset>['ruleset'], options: SqlOptions): Promise<{ header: string[]; inputName: string; input?: HeaderOf }> {
  if (!options.input) {
    try {
      return { header: headerFromRuleset(ruleset), inputName: 'the table' };
    } catch (error) {
      if (error instanceof NoFaithfulForm) throw new LeadqError('USAGE', error.message);
      throw error;
    }
  }
  const csv = await openCsvInput(options.input, { encoding: options.encoding, delimiter: options.delimiter, skipLines: options.skipLines });
  try {
    return { header: csv.header, inputName: csv.name, input: csv };
  } finally {
    await csv.close();
  }
}

/**
 * The spend the summary query divides by, as `score` reads it: --spend, else the ruleset's
 * `spend: { file: … }` (with its columns and amount format), else its listed amounts; none to
 * read with --spend-table, whose rows are the spend.
 */
function spendOf(spend: RulesetFiles['spend'], ruleset: Ruleset, spendTable: string | undefined): Map<string, number> {
  if (spendTable !== undefined || spend.path === undefined) return ruleset.spend;
  return readSpendFile(spend.path, spend.columns).amounts;
}
