/**
 * `leadq explain <input> --rules <rules> --lead <id or email>`: why one lead got its scores,
 * stage and priority. Orchestration only: the ruleset is loaded and compiled exactly as for
 * `score`, the lead is found (find-lead.ts), evaluated by the explaining evaluation
 * (engine/explain.ts) and rendered (output/explain-report.ts) as text or JSON on standard output.
 */
import { EXIT, LeadqError } from '../model/errors.js';
import { replayStdin } from '../input/csv/stdin-replay.js';
import { explainLead } from '../engine/explain.js';
import { openCsvInput } from '../input/csv/read-csv.js';
import { headerHint } from '../input/csv/reject-diagnosis.js';
import { RowCoercer } from '../input/rows/typed-row.js';
import { explanationJson, renderExplanation } from '../output/explain-report.js';
import { relatedRejectedLine } from '../output/explain-related-report.js';
import { ColumnResolver } from '../ruleset/columns.js';
import { asOfDay, compileRuleset } from '../engine/compile.js';
import { formatIssue, issuesError, loadRuleset, rulesName } from '../ruleset/index.js';
import { findLead } from '../input/rows/find-lead.js';
import { idColumns } from '../ruleset/id-columns.js';
import type { Io } from './io.js';
import { readingSettings } from './settings.js';
import { relatedOverrides, relatedPaths } from '../run/related.js';
import { leadRelated, openRelatedCsv } from './explain-related.js';
import type { CsvInput } from '../input/csv/read-csv.js';
import type { TypedRow } from '../input/rows/types.js';
import { AccountKeyer, virtualTexts } from '../engine/accounts.js';
import { ACCOUNT_KEY_TYPES } from '../model/accounts.js';
import { accountStageTraces, type AccountTrace } from '../engine/explain.js';
import type { FoldedAccounts } from '../engine/account-fold.js';
import type { CompiledRuleset } from '../engine/types.js';
import { explainAccounts } from './explain-accounts.js';
import type { MaxRejects } from '../run/reject-limit.js';

/** AccountKeyer.type as a key type's name */
const KEY_TYPE_NAMES = ACCOUNT_KEY_TYPES;

export interface ExplainOptions {
  rules: string;
  lead: string;
  asOf?: string;
  json?: boolean;
  encoding?: string;
  delimiter?: string;
  skipLines?: number;
  /** NAME=FILE: read the related file NAME from FILE */
  related?: string[];
  /** rejected rows a related file may have before the run fails, as score's (default: half of its rows) */
  maxRejects?: MaxRejects;
  /** no warnings of the ruleset on standard error */
  quiet?: boolean;
}

export async function explainCommand(inputPath: string, options: ExplainOptions, io: Io): Promise<number> {
  if (options.rules === '-' && inputPath === '-') throw new LeadqError('USAGE', 'standard input (-) can be read only once: give the ruleset or the export as a file');
  const { ruleset, warnings } = loadRuleset(options.rules);
  const rulesFile = rulesName(options.rules);
  if (!options.quiet) for (const w of warnings) io.err(`${formatIssue(rulesFile, w)}\n`);
  const paths = relatedPaths(ruleset, options.rules, relatedOverrides(ruleset, options.related));
  // with accounts the export is read twice (every lead of the lead's account): standard input is copied as it is read
  if (ruleset.accounts && inputPath === '-') replayStdin();
  const input = await openCsvInput(inputPath, readingSettings(options, ruleset));
  let related: CsvInput[] = [];
  try {
    related = await openRelatedCsv(ruleset, paths);
    const headers = new Map(related.map((r, i) => [paths[i].name, { header: r.header, file: r.name }]));
    const { compiled, issues, asOf } = compileRuleset(ruleset, input.header, input.name, options.asOf, headers);
    // output column clashes do not matter here: explain writes no CSV
    const missing = issues.filter((i) => i.pos && i.severity === 'error');
    if (missing.length > 0) {
      // a header that cannot be the real one (a title line, another delimiter): the hint score gives
      const error = issuesError('RULES_COLUMN_MISSING', rulesFile, missing);
      throw new LeadqError(error.code, error.message, { hint: headerHint(input.header, input.delimiter, input.realHeaderSkip()) });
    }
    const columns = idColumns(ruleset, input.header, new ColumnResolver(ruleset, input.header, input.name));
    if (columns.length === 0) {
      throw new LeadqError('USAGE', `cannot tell which column of ${input.name} identifies a lead: no column is named like an id or an email`, {
        hint: 'set id_column in the ruleset, e.g. id_column: Record ID',
      });
    }
    const lead = await findLead(input, columns, options.lead);
    // the lead's rows of each related file, folded as score folds them; its derived columns read those values
    const derived = await leadRelated(compiled.resolved, related, lead.fields, asOfDay(asOf), options.maxRejects);
    // accounts: every lead of the export makes the accounts (commands/explain-accounts.ts)
    const accounts = compiled.accounts ? await explainAccounts(ruleset, compiled, inputPath, readingSettings(options, ruleset), paths, asOfDay(asOf), options.maxRejects) : undefined;
    if (compiled.plan.derived) {
      const relatedFill = { complete: (row: TypedRow) => { for (const [index, v] of derived.values) { row.num[index] = v; row.day[index] = v; row.bool[index] = v; } } };
      if (compiled.fill) {
        compiled.fill.related = relatedFill;
        if (accounts) compiled.fill.attach(accounts.table);
      } else compiled.plan.derived.fill = relatedFill;
    }
    const coercer = new RowCoercer(compiled.plan, input.header.length);
    // the derived columns' values as text after the export's, for what conditions saw (accounts and completeness known once the row is read)
    coercer.load([...lead.fields, ...[...derived.texts.values()]]);
    coercer.load([...lead.fields, ...[...derived.texts.values()], ...virtualTexts(coercer.row, compiled.resolved)]);
    const explanation = {
      ...explainLead(coercer.row, compiled, asOfDay(asOf)), ...(derived.traces.length ? { related: derived.traces } : {}),
      ...(accounts ? { account: accountTrace(coercer.row, compiled, accounts, asOfDay(asOf)) } : {}),
    };
    const meta = {
      input: input.name, line: lead.line, lead: lead.fields[lead.column.index].trim(), column: lead.column.name, asOf, otherLines: lead.otherLines,
    };
    io.out(options.json ? explanationJson(explanation, meta) : renderExplanation(explanation, meta));
    // as score: rows of a related file rejected, within --max-rejects, finish with exit 3
    const rejected = derived.traces.filter((t) => t.rejected.rows > 0);
    for (const t of rejected) io.err(`${relatedRejectedLine(t)}\n`);
    return rejected.length > 0 ? EXIT.rejected : EXIT.ok;
  } finally {
    await input.close();
    for (const r of related) await r.close();
  }
}

/** The lead's account: its values, score with reasons, and why it is at its stage; null without an account. */
function accountTrace(row: TypedRow, compiled: CompiledRuleset, folded: FoldedAccounts, day: number): AccountTrace | null {
  const a = compiled.resolved.accounts!;
  const n = row.num[a.index];
  if (Number.isNaN(n)) return null;
  const account = folded.rows.at(n);
  const texts = virtualTexts(row, compiled.resolved).slice(1);
  // the lead's own key: its account's, or one linked into it
  const keyer = new AccountKeyer(a, compiled.accounts!.freeMail);
  const key = keyer.value(row);
  // with several domain columns, the one that gave the lead's domain (one column says itself)
  const column = keyer.type === 1 && a.domains.length > 1 ? { column: a.domains[keyer.domainFrom].name } : {};
  return {
    key: account.key, key_type: account.keyType, name: account.name,
    lead_key: { key, key_type: KEY_TYPE_NAMES[keyer.type], ...column }, linked: account.linked.map((l) => ({ key: l.key, key_type: l.keyType, leads: l.leads })),
    score: account.score, reasons: account.reasons,
    stage: a.stages[account.stage].name, values: a.values.map((v, i) => ({ name: v.name, value: texts[i] })), stages: accountStageTraces(row, compiled, day),
  };
}
