/**
 * `leadq explain <input> --rules <rules> --lead <id or email>`: why one lead got its scores,
 * stage and priority. Orchestration only: the ruleset is loaded and compiled exactly as for
 * `score`, the lead is found (find-lead.ts), evaluated by the explaining evaluation
 * (engine/explain.ts) and rendered (output/explain-report.ts) as text or JSON on standard output.
 */
import { EXIT, LeadqError } from '../model/errors.js';
import { explainLead } from '../engine/explain.js';
import { openCsvInput } from '../input/csv/read-csv.js';
import { RowCoercer } from '../input/rows/typed-row.js';
import { explanationJson, renderExplanation } from '../output/explain-report.js';
import { ColumnResolver } from '../ruleset/columns.js';
import { asOfDay, compileRuleset } from '../engine/compile.js';
import { formatIssue, issuesError, loadRuleset, rulesName } from '../ruleset/index.js';
import { findLead } from '../input/rows/find-lead.js';
import { idColumns } from '../ruleset/id-columns.js';
import type { Io } from './io.js';
import { readingSettings } from './settings.js';

export interface ExplainOptions {
  rules: string;
  lead: string;
  asOf?: string;
  json?: boolean;
  encoding?: string;
  delimiter?: string;
  skipLines?: number;
}

export async function explainCommand(inputPath: string, options: ExplainOptions, io: Io): Promise<number> {
  if (options.rules === '-' && inputPath === '-') throw new LeadqError('USAGE', 'standard input (-) can be read only once: give the ruleset or the export as a file');
  const { ruleset, warnings } = loadRuleset(options.rules);
  const rulesFile = rulesName(options.rules);
  for (const w of warnings) io.err(`${formatIssue(rulesFile, w)}\n`);
  const input = await openCsvInput(inputPath, readingSettings(options, ruleset));
  try {
    const { compiled, issues, asOf } = compileRuleset(ruleset, input.header, input.name, options.asOf);
    // output column clashes do not matter here: explain writes no CSV
    const missing = issues.filter((i) => i.pos && i.severity === 'error');
    if (missing.length > 0) throw issuesError('RULES_COLUMN_MISSING', rulesFile, missing);
    const columns = idColumns(ruleset, input.header, new ColumnResolver(ruleset, input.header, input.name));
    if (columns.length === 0) {
      throw new LeadqError('USAGE', `cannot tell which column of ${input.name} identifies a lead: no column is named like an id or an email`, {
        hint: 'set id_column in the ruleset, e.g. id_column: Record ID',
      });
    }
    const lead = await findLead(input, columns, options.lead);
    const coercer = new RowCoercer(compiled.plan, input.header.length);
    coercer.load(lead.fields);
    const explanation = explainLead(coercer.row, compiled, asOfDay(asOf));
    const meta = {
      input: input.name, line: lead.line, lead: lead.fields[lead.column.index].trim(), column: lead.column.name, asOf, otherLines: lead.otherLines,
    };
    io.out(options.json ? explanationJson(explanation, meta) : renderExplanation(explanation, meta));
    return EXIT.ok;
  } finally {
    await input.close();
  }
}
