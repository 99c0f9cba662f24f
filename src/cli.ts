/**
 * The command-line interface: declares commands and options, maps errors to exit codes in one
 * place. `main(argv)` runs in-process (tests call it) and returns the exit code. Each command's
 * modules are loaded when it runs, so start-up pays only for the one in use.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Io } from './commands/io.js';
import { parseMaxRejects, type MaxRejects } from './run/reject-limit.js';
import { EXIT, exitCodeFor, LeadqError, troubleCode } from './model/errors.js';
import { parseDay } from './model/days.js';
import { makeChalk, type ColorMode } from './output/color.js';
import { PipeClosed, stdout } from './output/stdout.js';
import { packageVersion } from './commands/version.js';
import { OUTPUT_ENCODINGS } from './model/encodings.js';

/** The exit codes a command's help lists; 3, with what it means there, only where rows can be set aside. */
const exitCodes = (rejected: string | null) => `
Exit codes:
  0    success
  1    failed at run time (unreadable input, bad CSV, write error); no output replaced
  2    bad usage or invalid ruleset; nothing read${rejected === null ? '' : `
  3    ${rejected}`}
  129  hung up (SIGHUP), 130 interrupted (SIGINT), 143 terminated (SIGTERM); no output replaced`;
/** leadq's own help, which speaks for every command */
const EXIT_CODES = exitCodes('finished, but some rows were rejected (score: see the rejects file; backtest, calibrate: see the report)');
const SCORE_EXIT_CODES = exitCodes('finished, but some rows were rejected (see the rejects file)');
const CAPTURE_EXIT_CODES = exitCodes('finished, but some rows could not be read: left out, counted in the report and named on standard error');
/** validate, explain, inspect, sql: they read rows, if any, without setting rejected ones aside */
const EXIT_CODES_NO_REJECTS = exitCodes(null);

const DIFF_EXIT_CODES = `
Exit codes:
  0    success; with --exit-code: no change passed the filter
  1    failed at run time (unreadable input, bad CSV, a stage not on the ladder, write error); no output replaced
       with --exit-code: some change passed the filter (and a failure exits 2)
  2    bad usage (a key column missing, a file leadq score did not write); nothing read
  129  hung up (SIGHUP), 130 interrupted (SIGINT), 143 terminated (SIGTERM); no output replaced`;

const DIFF_EXAMPLES = `
Examples:
  $ leadq diff yesterday/scored.csv today/scored.csv --only entered:sql,left:sql --out calls.csv
  $ leadq diff yesterday/scored.csv today/scored.csv -r rules.yaml --only entered:sql --exit-code > new-sql.csv
  $ leadq diff before.csv after.csv --json | jq -r '.[] | select(.change == "up") | .key'
  (entered:sql also takes a lead that jumps from mql to sqo, and a new lead at sql or above)
`;

const SCORE_EXAMPLES = `
Examples:
  $ leadq score examples/leads.csv --rules rules.example.yaml --spend examples/spend.csv --out-dir out/
  $ leadq score leads.csv -r rules.yaml --as-of 2026-11-01 --out scored.csv --summary summary.md
  $ cat leads.csv | leadq score - -r rules.yaml --quiet | head
`;

const BACKTEST_EXAMPLES = `
Examples:
  $ leadq backtest examples/history.csv --rules rules.example.yaml --related activities=examples/history-activities.csv --outcome Converted --as-of 2026-05-01
  $ leadq backtest leads.csv -r rules.yaml --won "Lead Status=Closed Won" --created "Create Date" --horizon 90d --by "Original Source" --out-dir report/
  $ leadq backtest leads.csv -r new.yaml --outcome Converted --compare rules.yaml --min-auc 0.75
  $ leadq backtest leads.csv -r calibrated.yaml --outcome Converted --created "Create Date" --since 2026-03-06
`;

const CALIBRATE_EXAMPLES = `
Examples:
  $ leadq calibrate examples/history.csv --rules rules.example.yaml --related activities=examples/history-activities.csv --outcome Converted --as-of 2026-05-01 --discover --out calibrated.yaml
  $ leadq calibrate leads.csv -r rules.yaml --outcome Converted --discover --exclude "Tags,Lead Quality" --created "Create Date" --out calibrated.yaml
  $ leadq calibrate leads.csv -r rules.yaml --won "Lead Status=Closed Won" --target-volume 500 --out calibrated.yaml
`;

export function defaultIo(): Io {
  return {
    out: (text) => { stdout.write(text); },
    err: (text) => { process.stderr.write(text); },
    errIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stderr.isTTY ? process.stderr.columns : undefined,
    chalk: makeChalk('auto', Boolean(process.stderr.isTTY), process.env),
    flush: () => stdout.drain(),
  };
}

function asOfDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(parseDay(value))) throw new InvalidArgumentError('expected a date written YYYY-MM-DD, e.g. 2026-11-01');
  return value;
}

function delimiter(value: string): string {
  const d = value === '\\t' || value.toLowerCase() === 'tab' ? '\t' : value;
  if (d.length !== 1 || d === '"' || d === '\n' || d === '\r') throw new InvalidArgumentError('expected one character, e.g. , ; | or tab');
  return d;
}

function maxRejects(value: string): MaxRejects {
  const limit = parseMaxRejects(value);
  if (!limit) throw new InvalidArgumentError('expected a number of rows (e.g. 100) or a percentage of the rows read (e.g. 0.5%)');
  return limit;
}

function maxWarnings(value: string): MaxRejects {
  const limit = parseMaxRejects(value);
  if (!limit) throw new InvalidArgumentError('expected a number of values (e.g. 0) or a percentage of the rows read (e.g. 1%)');
  return limit;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return n;
}

const RELATED_FLAGS = '--related <name=file>';
const RELATED_HELP = 'read the ruleset\'s related file NAME (related:) from FILE instead of its path (repeatable)';

/** A repeatable option: each value is appended (--only a --only b,c). */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A duration in days: 90d, 12w, 90 days. */
function horizon(value: string): number {
  const m = /^\s*(\d+)\s*(d|days?|w|weeks?)\s*$/i.exec(value);
  if (!m) throw new InvalidArgumentError('expected days or weeks, e.g. 90d or 12w');
  return Number(m[1]) * (m[2].toLowerCase().startsWith('w') ? 7 : 1);
}

/** A number of leads (500) or a share of them (10%). */
function targetVolume(value: string): { count?: number; share?: number; text: string } {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(value);
  if (!m || (m[2] === '' && !Number.isInteger(Number(m[1]))) || Number(m[1]) <= 0 || (m[2] === '%' && Number(m[1]) > 100)) throw new InvalidArgumentError('expected a number of leads (500) or a percentage of them (10%)');
  return m[2] === '%' ? { share: Number(m[1]) / 100, text: value } : { count: Number(m[1]), text: value };
}

/** A number from 0 to 1 (an AUC, a share). */
function unitInterval(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1, e.g. 0.75');
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a whole number above 0');
  return n;
}

/**
 * How CSVs are written for the tools that read them back: the encoding, and formula escaping on
 * or off; unset, the ruleset's output: section decides (commands/settings.ts).
 */
function writingOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--out-encoding <name>', 'encoding of the written CSVs (default: the ruleset\'s output.encoding, else utf-8): utf-8-bom for Excel on Windows').choices(OUTPUT_ENCODINGS))
    // both forms, no default: neither given leaves it to the ruleset (output.escape_formulas), then on
    .option('--escape-formulas', 'prefix \' to cells that Excel would run as formulas (the default)')
    .option('--no-escape-formulas', 'do not prefix \' to cells that Excel would run as formulas (a CRM re-import)');
}

/** How an export is read: the same options, with the same meaning, on every command that reads one. */
function readingOptions(cmd: Command, of = 'the input'): Command {
  return cmd
    .option('--encoding <name>', `encoding of ${of} when it has no byte-order mark (default utf-8), e.g. windows-1252`)
    .option('--delimiter <char>', `delimiter of ${of} (default: sniffed from the header line)`, delimiter)
    .option('--skip-lines <n>', `lines above the header of ${of} to skip (report titles)`, nonNegativeInt);
}

function buildProgram(io: Io, run: (action: () => Promise<number> | number) => void): Command {
  const program = new Command('leadq')
    .description('Score CRM lead exports with a YAML ruleset, label funnel stages and report cost per SQL.')
    .version(packageVersion())
    .addOption(new Option('--color <when>', 'colour the terminal summary').choices(['auto', 'always', 'never']).default('auto'))
    .addHelpText('before', `
Examples:
  $ leadq init rules.yaml
  $ leadq validate rules.yaml --input leads.csv
  $ leadq score leads.csv --rules rules.yaml --spend spend.csv --out-dir out/
  $ leadq diff yesterday/scored.csv out/scored.csv --rules rules.yaml --only entered:sql
`)
    .addHelpText('after', EXIT_CODES)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  const withColor = () => {
    const mode = program.opts().color as ColorMode;
    return { ...io, chalk: makeChalk(mode, io.errIsTTY, process.env) };
  };

  writingOptions(readingOptions(program.command('score')))
    .description('score and stage every lead of a CSV export (use - for standard input)')
    .argument('<inputs...>', 'the CSV export, or - for standard input; several files with one header are read as one export')
    .requiredOption('-r, --rules <file>', 'the YAML ruleset (- for standard input)')
    .option('-o, --out <file>', 'scored CSV (default: standard output; - for standard output)')
    .option('-d, --out-dir <dir>', 'write scored.csv, one <stage>.csv per stage, summary.json, summary.svg, rejects.csv (and accounts.csv with accounts:, duplicates.csv with dedupe:) here (files an earlier run wrote there and this one does not are removed)')
    .option('--summary <file>', 'also write the summary; format from the extension: .json, .md or .csv; - for JSON on standard output')
    .option('--rejects <file>', 'rows that could not be read (wrong field count), with line and reason')
    .option('--out-delimiter <char>', 'delimiter of the written CSVs (default: the input\'s)', delimiter)
    .option('--spend <csv>', 'spend per lead source (columns: source, amount); replaces the ruleset\'s spend')
    .option('--spend-source <column>', 'the spend file\'s column holding the lead source (default: the first)')
    .option('--spend-amount <column>', 'the spend file\'s column holding the amount (default: the second)')
    .option('--as-of <date>', '"today" for time-based rules (YYYY-MM-DD), so reruns give the same bytes', asOfDate)
    .option('--max-record-size <chars>', 'largest record accepted, in characters', positiveInt)
    .option('--max-rejects <n|p%>', 'fail (exit 1, no output replaced) when more rows than this are rejected: a count, or a percentage of the rows read (default 50%)', maxRejects)
    .option('--max-warnings <n|p%>', 'fail (exit 1, no output replaced) when more values than this do not parse: a count, or a percentage of the rows read (each related file checked on its own)', maxWarnings)
    .option('--threads <n>', 'worker threads for large inputs (default: up to 2, one per core); 1 = no workers', positiveInt)
    .addOption(new Option('--block-size <bytes>', 'bytes per block handed to a thread').argParser(positiveInt).hideHelp())
    .option('--previous <scored.csv>', 'the scored.csv of an earlier run: also write changes.csv beside the outputs (what leadq diff writes)')
    .option(RELATED_FLAGS, RELATED_HELP, collect)
    .option('-q, --quiet', 'no summary or warnings on standard error', false)
    .addHelpText('before', SCORE_EXAMPLES)
    .addHelpText('after', SCORE_EXIT_CODES)
    .action((inputs: string[], opts) => run(async () => (await import('./commands/score.js')).scoreCommand(inputs, opts, withColor())));

  writingOptions(readingOptions(program.command('diff'), 'the inputs'))
    .description('the leads whose stage, score or priority changed between two scored files, the new ones and the removed ones')
    .argument('<before>', 'the older scored.csv (a file: it may be read twice)')
    .argument('<after>', 'the newer scored.csv, or - for standard input')
    .option('-k, --key <column>', 'the column that identifies a lead in both files (default: the ruleset\'s id column, else lead_id, id or email)')
    .option('-r, --rules <file>', 'the ruleset that scored the files: stage order, id column, output.rename (without: lead, warm, mql, sal, sql, sqo)')
    .option('--only <terms>', 'keep these changes: new, removed, up, down, score, entered:<stage>, left:<stage> (comma-separated, repeatable)', collect)
    .option('-o, --out <file>', 'the changes (default: standard output; - for standard output)')
    .option('--json', 'write the changes as a JSON array, one change per line', false)
    .option('--exit-code', 'exit 1 when some change passed the filter, 0 when none, 2 on failure (as git diff --exit-code)', false)
    .option('--out-delimiter <char>', 'delimiter of the written CSV (default: the newer file\'s)', delimiter)
    .option('--max-record-size <chars>', 'largest record accepted, in characters', positiveInt)
    .option('-q, --quiet', 'no tally or warnings on standard error', false)
    .addOption(new Option('--block-size <bytes>', 'bytes per block read').argParser(positiveInt).hideHelp())
    .addHelpText('before', DIFF_EXAMPLES)
    .addHelpText('after', DIFF_EXIT_CODES)
    .action((before: string, after: string, opts) => run(async () => {
      const { diffCommand } = await import('./commands/diff.js');
      const io2 = withColor();
      return opts.exitCode ? asDiffExit(io2, () => diffCommand(before, after, opts, io2)) : diffCommand(before, after, opts, io2);
    }));

  readingOptions(program.command('validate'), '--input')
    .description('check a ruleset and report every problem as file:line:col')
    .argument('<rules>', 'the YAML ruleset')
    .option('-i, --input <csv>', 'also check that every column the rules name is in this export\'s header')
    .option(RELATED_FLAGS, `${RELATED_HELP} (with --input, related files are checked too)`, collect)
    .addHelpText('before', `
Examples:
  $ leadq validate rules.yaml
  $ leadq validate rules.yaml --input leads.csv
`)
    .addHelpText('after', EXIT_CODES_NO_REJECTS)
    .action((file: string, opts) => run(async () => (await import('./commands/validate.js')).validateCommand(file, opts, withColor())));

  readingOptions(program.command('explain'))
    .description('show why one lead got its scores, stage and priority: every rule, BANT criterion and stage')
    .argument('<input>', 'the CSV export, or - for standard input')
    .requiredOption('-r, --rules <file>', 'the YAML ruleset')
    .requiredOption('-l, --lead <id-or-email>', 'the lead: its id (id_column, or a column named like id) or its email')
    .option('--as-of <date>', '"today" for time-based rules (YYYY-MM-DD)', asOfDate)
    .option('--json', 'print the explanation as JSON', false)
    .option(RELATED_FLAGS, RELATED_HELP, collect)
    .option('--max-rejects <n|p%>', 'fail (exit 1) when more rows of a related file than this are rejected, as score would: a count, or a percentage of the rows read (default 50%)', maxRejects)
    .option('-q, --quiet', 'no warnings of the ruleset on standard error', false)
    .addHelpText('before', `
Examples:
  $ leadq explain leads.csv --rules rules.yaml --lead 51001
  $ leadq explain leads.csv -r rules.yaml --lead ana@acme.example --json | jq .stages
  $ leadq explain leads.csv -r rules.yaml --lead 51001 --related activities=activities.csv --max-rejects 100%
`)
    .addHelpText('after', `${EXIT_CODES}
  (explain: 1 also when no row has the lead's id or email; the nearest values are listed;
   3 when rows of a related file were rejected: the explanation lists them)`)
    .action((input: string, opts) => run(async () => (await import('./commands/explain.js')).explainCommand(input, opts, withColor())));

  readingOptions(program.command('inspect'))
    .description('describe an export: encoding, delimiter, line breaks, CRM preset, rows, and per column its type, format, empty share, placeholders and samples')
    .argument('<input>', 'the CSV export, or - for standard input')
    .option('--json', 'print the description as JSON', false)
    .option('--all', 'read every row (default: the first 10,000 or so, and the end of the file for its footer)', false)
    .option('--max-record-size <chars>', 'largest record accepted, in characters', positiveInt)
    .option('-q, --quiet', 'no progress line on standard error', false)
    .addHelpText('before', `
Examples:
  $ leadq inspect export.csv
  $ leadq inspect report.csv --all --json | jq '.columns[] | select(.type == "date")'
  $ leadq init --from export.csv rules.yaml     # a starter ruleset built from what inspect finds
`)
    .addHelpText('after', EXIT_CODES_NO_REJECTS)
    .action((input: string, opts) => run(async () => (await import('./commands/inspect.js')).inspectCommand(input, opts, withColor())));

  readingOptions(program.command('sql'), '--input')
    .description('compile the ruleset into one SQL query that scores a warehouse table exactly as score does')
    .argument('[rules]', 'the YAML ruleset')
    .addOption(new Option('--dialect <name>', 'the warehouse\'s SQL').choices(['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark']).makeOptionMandatory())
    .option('-t, --table <name>', 'the table (or view) holding the export, every column as text, named as in its header; written as given')
    .option('-o, --out <file>', 'write the query here (default: standard output)')
    .option('--as-of <date>', '"today" for time-based rules (YYYY-MM-DD); default: the ruleset\'s as_of, else the warehouse\'s current date', asOfDate)
    .option('--order-by <column>', 'order the rows by this input column (with --input: checked, and written as its header spells it); not with --summary')
    .option('-i, --input <csv>', 'an export whose header the table has (needed with a CRM preset; checks every column exists)')
    .option('--summary', 'write the summary\'s query instead: stage counts, funnel, per-source counts, spend and cost per stage')
    .option('--spend <csv>', 'with --summary: spend per lead source (replaces the ruleset\'s spend), inlined as values')
    .option('--spend-table <name>', 'with --summary: a table of spend per source (columns source, amount) instead of inlined values')
    .option('--self-test', 'write a query for the warehouse that returns no rows when every primitive behaves as leadq expects, else names those that do not')
    .option('--related <name=table>', 'the table holding the ruleset\'s related file NAME (related:), its columns as text named as its header; default: a table named NAME (repeatable)', collect)
    .option('-q, --quiet', 'no warnings on standard error', false)
    .addHelpText('before', `
Examples:
  $ leadq sql rules.yaml --dialect duckdb --table leads --order-by "Record ID" > scored.sql
  $ leadq sql rules.yaml --dialect snowflake --table crm.leads_raw --related activities=crm.activities_raw --out scored.sql
  $ leadq sql rules.yaml --dialect bigquery --table crm.leads_raw --as-of 2026-11-01 --out models/scored_leads.sql
  $ leadq sql rules.yaml --dialect postgres --table leads --summary --spend spend.csv
  $ leadq sql --self-test --dialect snowflake | snowsql -f /dev/stdin
`)
    .addHelpText('after', `${EXIT_CODES_NO_REJECTS}
  (sql: 2 also when a rule or a derived column has no faithful form in the dialect; the message names it)`)
    .action((rules: string | undefined, opts) => run(async () => (await import('./commands/sql.js')).sqlCommand(rules, opts, withColor())));

  readingOptions(program.command('backtest'), 'the inputs')
    .description('judge a ruleset on leads whose outcome is known: ranking (AUC), conversion by stage and score band, what each rule is worth')
    .argument('<inputs...>', 'the CSV export with the outcome, or - for standard input; several files with one header are read as one export')
    .requiredOption('-r, --rules <file>', 'the YAML ruleset')
    .option('--outcome <column>', 'the column that says whether a lead converted (1, true, yes, won or converted mean yes); a column name rules could use, or a derived column of a related file (converted when there and not 0 or false)')
    .option('--won <column=value>', 'the value that means converted, compared like equals (repeatable: any of them), e.g. "Status=Closed Won"', collect)
    .option('--horizon <days>', 'leave out leads created less than this long before the as-of date (too young to have converted): 90d, 12w', horizon)
    .option('--created <column>', 'with --horizon or --since: the date each lead was created (default: the CRM preset\'s created date)')
    .option('--since <date>', 'judge only the leads created on or after this day (YYYY-MM-DD), e.g. the hold-out calibrate names', asOfDate)
    .option('--by <column>', 'also the stage table per value of this column (e.g. the lead source)')
    .option('--compare <rules>', 'a second ruleset scored on the same leads: AUC difference (paired DeLong test), stages side by side, leads moving')
    .option('--min-auc <x>', 'exit 1 when the total score\'s AUC is below x (a gate for CI), after the report', unitInterval)
    .option('--bands <n>', 'score bands of the total (default 10: deciles)', positiveInt)
    .option('-d, --out-dir <dir>', 'also write backtest.json, auc.csv, stages.csv, bands.csv, rules.csv (by.csv with --by) and the charts gains.svg, stages.svg, bands.svg, calibration.svg')
    .option('--json', 'print the report as JSON instead of tables', false)
    .option('--as-of <date>', '"today" for time-based rules and --horizon (YYYY-MM-DD)', asOfDate)
    .option(RELATED_FLAGS, RELATED_HELP, collect)
    .option('--max-record-size <chars>', 'largest record accepted, in characters', positiveInt)
    .option('--threads <n>', 'worker threads for large inputs (default: up to 2, one per core); 1 = no workers', positiveInt)
    .addOption(new Option('--block-size <bytes>', 'bytes per block handed to a thread').argParser(positiveInt).hideHelp())
    .option('-q, --quiet', 'no warnings on standard error', false)
    .addHelpText('before', BACKTEST_EXAMPLES)
    .addHelpText('after', `${CAPTURE_EXIT_CODES}
  (backtest: 1 also when the AUC is below --min-auc; the report is written first)`)
    .action((inputs: string[], opts) => run(async () => (await import('./commands/backtest.js')).backtestCommand(inputs, opts, withColor())));

  readingOptions(program.command('calibrate'), 'the inputs')
    .description('propose a ruleset whose points come from the evidence: the original rules re-weighted and, with --discover, new rules from the export\'s columns')
    .argument('<inputs...>', 'the CSV export with the outcome (files: it is read several times)')
    .requiredOption('-r, --rules <file>', 'the YAML ruleset to start from (its stages, BANT and disqualifiers are kept)')
    .requiredOption('-o, --out <file>', 'where to write the calibrated ruleset (never over --rules)')
    .option('--outcome <column>', 'the column that says whether a lead converted (1, true, yes, won or converted mean yes), or a derived column of a related file')
    .option('--won <column=value>', 'the value that means converted, compared like equals (repeatable), e.g. "Status=Closed Won"', collect)
    .option('--discover', 'also write new rules from the export\'s columns: numeric columns in monotone bins, values in groups', false)
    .option('--columns <names>', 'the only columns --discover may use (comma-separated, repeatable; implies --discover); default: every column but the outcome, the created date and the id column', collect)
    .option('--exclude <names>', 'columns --discover must not use, e.g. those in which sales records its own judgement (comma-separated, repeatable)', collect)
    .option('--engagement-columns <names>', 'discovered columns whose rules go to engagement; the others go to fit (default: by name: visits, time, page, activity, clicks, email …)', collect)
    .option('--created <column>', 'the date each lead was created: fit on the earlier leads and report the AUC on the latest --holdout share (a time split); without it, k-fold cross-validation')
    .option('--holdout <share>', 'with --created: the share of leads held out, the latest (default 0.3)', unitInterval)
    .option('--folds <k>', 'without --created: the folds of cross-validation (default 5)', positiveInt)
    .option('--seed <n>', 'the seed of the folds (default 1)', nonNegativeInt)
    .option('--horizon <days>', 'leave out leads created less than this long before the as-of date: 90d, 12w', horizon)
    .option('--pdo <points>', 'points that double the odds of converting (default 20)', positiveInt)
    .option('--target-volume <n|p%>', 'set on the target stage the lowest total-score threshold that selects at most this many leads (or share); exit 2 when the top total alone selects more', targetVolume)
    .option('--target-precision <p>', 'suggest the lowest total-score threshold at which leads convert at least this often (0 to 1), and set it on the target stage', unitInterval)
    .option('--target-stage <name>', 'the stage --target-volume or --target-precision sets (default: the highest stage testing the total)')
    .option('--leak-threshold <auc>', 'leave out a column whose AUC on its own is above this: it records the outcome (default 0.95)', unitInterval)
    .option('--json', 'print the report as JSON', false)
    .option('--as-of <date>', '"today" for time-based rules and --horizon (YYYY-MM-DD)', asOfDate)
    .option(RELATED_FLAGS, RELATED_HELP, collect)
    .option('--max-record-size <chars>', 'largest record accepted, in characters', positiveInt)
    .option('--threads <n>', 'worker threads for large inputs (default: up to 2, one per core); 1 = no workers', positiveInt)
    .addOption(new Option('--block-size <bytes>', 'bytes per block handed to a thread').argParser(positiveInt).hideHelp())
    .option('-q, --quiet', 'no warnings on standard error', false)
    .addHelpText('before', CALIBRATE_EXAMPLES)
    .addHelpText('after', CAPTURE_EXIT_CODES)
    .action((inputs: string[], opts) => run(async () => (await import('./commands/calibrate.js')).calibrateCommand(inputs, opts, withColor())));

  readingOptions(program.command('init'), 'the --from export')
    .description('write a commented starter ruleset (never overwrites a file); --from builds it from an export')
    .argument('[file]', 'where to write it; - for standard output', 'rules.yaml')
    .option('--from <export.csv>', 'build the starter from this export, as leadq inspect reads it: its columns, formats, placeholders, encoding and an example rule per useful column')
    .option('--all', 'with --from: read every row of the export (default: the first 10,000 or so, and its end)', false)
    .addHelpText('before', `
Examples:
  $ leadq init
  $ leadq init rules/hubspot.yaml
  $ leadq init --from export.csv rules.yaml     # then: leadq validate rules.yaml --input export.csv
`)
    .action((file: string, opts) => run(async () => (await import('./commands/init.js')).initCommand(file, withColor(), opts)));

  return program;
}

/** `code`, once standard output has taken everything; a write error there fails the run. */
async function flushed(io: Io, code: number): Promise<number> {
  try {
    await io.flush?.();
    return code;
  } catch (error) {
    if (error instanceof PipeClosed) return code;
    if (error instanceof LeadqError) { io.err(`leadq: ${error.format()}\n`); return exitCodeFor(error); }
    throw error;
  }
}

/** The exit code of a failed run, after telling why on standard error. */
function failed(error: unknown, io: Io): number {
  if (error instanceof PipeClosed) return EXIT.ok;
  if (error instanceof LeadqError) {
    io.err(`leadq: ${error.format()}\n`);
    return exitCodeFor(error);
  }
  io.err(`leadq: internal error: ${(error as Error).stack ?? String(error)}\n`);
  return EXIT.runtime;
}

/** A failure of `diff --exit-code`, whose exit code main() maps with troubleCode. */
class Trouble extends Error {
  constructor(readonly failure: unknown) { super('diff --exit-code failed'); }
}

/**
 * diff --exit-code: 1 means "changes", so a failure, whatever it is, exits 2 (troubleCode).
 * Standard output is flushed here, so that its write error, too, is a failure of this kind.
 */
async function asDiffExit(io: Io, action: () => Promise<number>): Promise<number> {
  try {
    const code = await action();
    await io.flush?.();
    return code;
  } catch (error) {
    throw new Trouble(error);
  }
}

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  let pending: Promise<number> | number = EXIT.ok;
  const program = buildProgram(io, (action) => { pending = Promise.resolve().then(action); });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return await flushed(io, await pending);
  } catch (error) {
    if (error instanceof CommanderError) {
      const ok = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      // help and --version are written to standard output: a failed write is a failed run
      return ok ? await flushed(io, EXIT.ok) : EXIT.usage;
    }
    if (error instanceof Trouble) return troubleCode(failed(error.failure, io));
    return failed(error, io);
  }
}
