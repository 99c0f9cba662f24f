/**
 * `leadq validate`: every problem of a ruleset in one run, as `rules.yaml:line:col message`;
 * with --input, also every column the rules name that the export's header lacks.
 */
import { EXIT, LeadqError, quoteData } from '../model/errors.js';
import { openCsvInput, type CsvInput } from '../input/csv/read-csv.js';
import { headerHint } from '../input/csv/reject-diagnosis.js';
import { RowCoercer } from '../input/rows/typed-row.js';
import type { CompiledRuleset } from '../engine/types.js';
import { SummaryBuilder } from '../output/summary.js';
import { columnFormatHint, describeColumnWarnings } from '../output/value-warnings.js';
import { relatedDateHint, relatedFormatHint } from '../output/related-summary.js';
import { compileRuleset } from '../engine/compile.js';
import { detailsOnce, formatIssue } from '../ruleset/index.js';
import { parseRules, readRulesFile, rulesName } from '../ruleset/load.js';
import type { RulesetIssue } from '../ruleset/types.js';
import { validateRuleset } from '../ruleset/validate.js';
import { costStageWarnings } from '../ruleset/validate-cost-stages.js';
import type { Io } from './io.js';
import { readingSettings } from './settings.js';
import { pathAt } from '../ruleset/tree.js';
import type { Ruleset } from '../ruleset/types.js';
import { accountFilePaths, openAccountFiles } from '../run/accounts.js';
import { resolvedAccountFiles } from '../ruleset/resolve-accounts.js';
import { resolveRuleset } from '../ruleset/resolve.js';
import { relatedOverrides, relatedPaths } from '../run/related.js';
import { openRelatedCsv } from './explain-related.js';
import { RelatedRows } from '../engine/related-rows.js';
import { SampleRejects } from './validate-rejects.js';
import { validateOkLine } from '../output/validate-ok.js';
import { keysHint } from '../run/related-errors.js';

export interface ValidateOptions {
  input?: string;
  encoding?: string;
  skipLines?: number;
  delimiter?: string;
  /** NAME=FILE: read the related file NAME from FILE */
  related?: string[];
}

/** Rows read from --input to see whether the values the rules read parse. */
export const SAMPLE_ROWS = 1000;

/**
 * The first rows of the export through the same coercion as `score`: a column whose values do
 * not parse as the number, date or boolean the rules read (an export in another date format)
 * is a warning here, before a cron job scores every lead as if the column were empty.
 */
async function sampleWarnings(csv: CsvInput, compiled: CompiledRuleset, ruleset: Ruleset): Promise<RulesetIssue[]> {
  const coercer = new RowCoercer(compiled.plan, csv.header.length);
  const counts = new SummaryBuilder(compiled.stages.length);
  const rejects = new SampleRejects(csv, ruleset);
  let rows = 0;
  for await (const batch of csv.batches()) {
    for (const record of batch) {
      if (rejects.take(record)) {
        const warnings = coercer.load(record.fields);
        if (warnings !== null) counts.addWarnings(warnings, record.line);
      }
      if (++rows === SAMPLE_ROWS || rejects.ended) break;
    }
    if (rows === SAMPLE_ROWS || rejects.ended) break;
  }
  counts.addParsed(coercer.takeParsed());
  const summary = counts.finish({ asOf: '', rules: '', inputs: [], header: csv.header, stageNames: compiled.stages.map((st) => st.name), spend: new Map() });
  const sample = rows === SAMPLE_ROWS ? `in the first ${SAMPLE_ROWS} rows of ${csv.name}` : `in ${csv.name}`;
  return [...rejects.issues(sample), ...summary.warnings.by_column.map((w): RulesetIssue => ({
    severity: 'warning',
    code: 'COLUMN_VALUES_UNPARSED',
    message: `${sample}, ${describeColumnWarnings(w)}${w.mostly_unparsed ? `; ${columnFormatHint(w)}` : ''}`,
  }))];
}

export async function validateCommand(path: string, options: ValidateOptions, io: Io): Promise<number> {
  // `leadq validate -` reads the ruleset from standard input
  const file = rulesName(path);
  const { ruleset, issues } = validateRuleset(parseRules(readRulesFile(path), file), file);
  const all: RulesetIssue[] = [...issues];
  // a ladder without an SQL stage works, but its CPSQL is never available: worth a word here
  if (!issues.some((i) => i.severity === 'error')) all.push(...costStageWarnings(ruleset));
  // without --input: a derived column read as what it is not is known from the ruleset alone
  if (!options.input && ruleset.related?.length && !issues.some((i) => i.severity === 'error')) all.push(...derivedKindIssues(ruleset, file));
  let headerNote: string | undefined;
  if (options.input && !issues.some((i) => i.severity === 'error')) {
    const csv = await openCsvInput(options.input, readingSettings(options, ruleset));
    const related = await openRelatedFiles(ruleset, path, options.related, all);
    await checkAccountFiles(ruleset, path, all);
    try {
      const headers = new Map(related.map((r) => [r.name, { header: r.input.header, file: r.input.name }]));
      const { compiled, issues: columnIssues } = compileRuleset(ruleset, csv.header, csv.name, undefined, headers);
      all.push(...columnIssues);
      // a header that cannot be the real one (a title line, another delimiter): the hint score gives
      const note = columnIssues.some((i) => i.code === 'COLUMN_MISSING') ? headerHint(csv.header, csv.delimiter, csv.realHeaderSkip()) : undefined;
      if (note !== undefined) headerNote = keysHint('input', note);
      if (!columnIssues.some((i) => i.severity === 'error')) {
        all.push(...await sampleWarnings(csv, compiled, ruleset));
        for (const r of related) all.push(...await sampleRelated(r.input, compiled, r.index));
      }
    } finally {
      await csv.close();
      for (const r of related) await r.input.close();
    }
  }
  all.sort((a, b) => (a.pos?.line ?? 0) - (b.pos?.line ?? 0) || (a.pos?.col ?? 0) - (b.pos?.col ?? 0));
  for (const issue of detailsOnce(all)) io.out(`${formatIssue(file, issue)}\n`);
  const errors = all.filter((i) => i.severity === 'error').length;
  const warnings = all.length - errors;
  if (errors > 0) {
    io.out(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${file}\n`);
    if (headerNote !== undefined) io.out(`  hint: ${headerNote}\n`);
    return EXIT.usage;
  }
  io.out(`${validateOkLine(file, ruleset, warnings, options.input)}\n`);
  return EXIT.ok;
}

/**
 * The RELATED_KIND problems of a ruleset, found without any header: derived columns have their kind
 * from the ruleset (a count is a number, a last a date), so a text test on a count, `per:` on a
 * date or a sum of the timestamp needs no data to be seen. (Resolved against an empty header,
 * whose other problems, every export column missing, are not this check's.)
 */
function derivedKindIssues(ruleset: Ruleset, file: string): RulesetIssue[] {
  return resolveRuleset(ruleset, [], file).issues.filter((i) => i.code === 'RELATED_KIND');
}

/** Each account file opened for its header: one that cannot be read, or lacks a column, is an issue at its `file:`. */
async function checkAccountFiles(ruleset: Ruleset, rulesFile: string, issues: RulesetIssue[]): Promise<void> {
  const paths = accountFilePaths(ruleset, rulesFile);
  for (const [i, file] of (ruleset.accounts?.files ?? []).entries()) {
    try {
      for (const f of await openAccountFiles(resolvedAccountFiles([file]), [paths[i]])) await f.input.close();
    } catch (error) {
      if (!(error instanceof LeadqError)) throw error;
      const path = pathAt(file.file.pos);
      issues.push({
        severity: 'error', code: 'ACCOUNT_FILE', pos: file.file.pos, ...(path ? { path } : {}),
        message: `${error.message} (${[error.file ?? paths[i], error.line].filter((p) => p !== undefined).join(':')})`,
      });
    }
  }
}

/** The related files that open (for their headers); one that cannot be read is an issue at its `file:`. */
async function openRelatedFiles(ruleset: Ruleset, rulesFile: string, given: string[] | undefined, issues: RulesetIssue[]): Promise<{ name: string; index: number; input: CsvInput }[]> {
  const paths = relatedPaths(ruleset, rulesFile, relatedOverrides(ruleset, given));
  const out: { name: string; index: number; input: CsvInput }[] = [];
  for (const [index, file] of (ruleset.related ?? []).entries()) {
    try {
      const [input] = await openRelatedCsv({ ...ruleset, related: [file] }, [paths[index]]);
      out.push({ name: file.name, index, input });
    } catch (error) {
      if (!(error instanceof LeadqError)) throw error;
      const path = pathAt(file.file.pos);
      issues.push({
        severity: 'error', code: 'RELATED_FILE', pos: file.file.pos, ...(path ? { path } : {}),
        message: `${error.message} (${[error.file ?? paths[index].path, error.line].filter((p) => p !== undefined).join(':')}); its columns cannot be checked${error.hint ? `; ${error.hint}` : ''}`,
      });
    }
  }
  return out;
}

/**
 * The first rows of a related file through the reading `score` does: a timestamp or a value a
 * derived column reads that does not parse (a log in another date format) is a warning here,
 * before a cron job counts none of its rows.
 */
async function sampleRelated(csv: CsvInput, compiled: CompiledRuleset, index: number): Promise<RulesetIssue[]> {
  const file = compiled.resolved.related![index];
  const rows = new RelatedRows(file, compiled.resolved);
  const coercer = new RowCoercer(rows.plan, csv.header.length);
  const counts = new SummaryBuilder(0);
  let read = 0;
  let noDate = 0;
  let firstLine = 0;
  let firstValue = '';
  for await (const batch of csv.batches()) {
    for (const record of batch) {
      if (record.malformed !== undefined || record.fields.length !== csv.header.length) continue;
      const warnings = coercer.load(record.fields);
      if (warnings !== null) counts.addWarnings(warnings.filter((w) => w.column !== file.at.index), record.line);
      if (Number.isNaN(coercer.row.day[file.at.index])) {
        if (noDate++ === 0) { firstLine = record.line; firstValue = record.fields[file.at.index]; }
      }
      if (++read === SAMPLE_ROWS) break;
    }
    if (read === SAMPLE_ROWS) break;
  }
  counts.addParsed(coercer.takeParsed());
  const summary = counts.finish({ asOf: '', rules: '', inputs: [], header: csv.header, stageNames: [], spend: new Map() });
  const sample = read === SAMPLE_ROWS ? `in the first ${SAMPLE_ROWS} rows of ${csv.name}` : `in ${csv.name}`;
  const out: RulesetIssue[] = summary.warnings.by_column.map((w) => ({
    severity: 'warning', code: 'COLUMN_VALUES_UNPARSED', message: `${sample}, ${describeColumnWarnings(w)}${w.mostly_unparsed ? `; ${relatedFormatHint(file.name, csv.name)}` : ''}`,
  }));
  if (noDate > 0) {
    const most = noDate * 2 > read;
    out.push({
      severity: 'warning', code: 'COLUMN_VALUES_UNPARSED',
      message: `${sample}, ${noDate} of ${read} rows have no timestamp that parses in ${quoteData(csv.header[file.at.index])} (first at line ${firstLine}: ${quoteData(firstValue)}); such rows never count${most ? `; ${relatedDateHint(file.name, csv.name, csv.header[file.at.index], firstValue)}` : ''}`,
    });
  }
  return out;
}
