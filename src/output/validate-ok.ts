/**
 * The line `leadq validate` ends with when the ruleset has no error: what it holds, counted
 * (`1 disqualifier`, `2 BANT criteria`), and what --input was checked against.
 */
import type { Ruleset } from '../ruleset/types.js';

/** `1 disqualifier`, `0 disqualifiers`, `1 BANT criterion`. */
const counted = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `input`: the --input as given (`-` is standard input), when the columns were checked against it. */
export function validateOkLine(file: string, ruleset: Ruleset, warnings: number, input: string | undefined): string {
  const stages = ruleset.stages.map((s) => s.name).join(' → ');
  const a = ruleset.accounts;
  const by = a ? [a.idColumn && 'id', a.domain && 'domain', a.company && 'company'].filter(Boolean).join(', ') : '';
  const accounts = a ? `; accounts by ${by}, ${counted(a.score.rules.length, 'account rule')}, account stages ${a.stages.map((s) => s.name).join(' → ')}` : '';
  const rules = `${ruleset.engagement.length} engagement and ${ruleset.fit.length} fit ${ruleset.engagement.length + ruleset.fit.length === 1 ? 'rule' : 'rules'}`;
  const held = `${rules}, ${counted(ruleset.bant.size, 'BANT criterion', 'BANT criteria')}, ${counted(ruleset.disqualifiers.length, 'disqualifier')}; stages ${stages}${accounts}`;
  return `${file}: ok — ${held}${warnings ? `; ${counted(warnings, 'warning')}` : ''}${input === undefined ? '' : `; ${checked(ruleset, input)}`}`;
}

/** What the columns were found in: the export, and the related and account files the ruleset reads. */
function checked(ruleset: Ruleset, input: string): string {
  const related = ruleset.related?.length ? ` and its related files (${ruleset.related.map((r) => r.name).join(', ')})` : '';
  const accountFiles = ruleset.accounts?.files.length ? ` and its account files (${ruleset.accounts.files.map((f) => f.name).join(', ')})` : '';
  return `every column found in ${input === '-' ? 'standard input' : input}${related}${accountFiles}`;
}
