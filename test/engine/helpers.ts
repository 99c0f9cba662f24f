/** Shared by the engine tests: YAML → validated → compiled ruleset, and rows evaluated through it. */
import { expect } from '@jest/globals';
import { evaluateLead } from '../../src/engine/evaluate.js';
import type { CompiledRuleset, LeadResult, RuleTally } from '../../src/engine/types.js';
import type { TypedRow } from '../../src/input/rows/types.js';
import { RowCoercer } from '../../src/input/rows/typed-row.js';
import { asOfDay, compileRuleset } from '../../src/engine/compile.js';
import { parseRules } from '../../src/ruleset/load.js';
import type { Ruleset } from '../../src/ruleset/types.js';
import { validateRuleset } from '../../src/ruleset/validate.js';
export { mulberry32 } from '../support/random.js';

export interface Scorer {
  compiled: CompiledRuleset;
  ruleset: Ruleset;
  header: string[];
  /** the as-of date the scorer evaluates with, as a day number */
  asOfDay: number;
  /** the typed row of `cells` (shared: valid until the next call) */
  row: (cells: Record<string, string>) => TypedRow;
  score: (cells: Record<string, string>, tally?: RuleTally) => LeadResult & { stageName: string };
}

/** The real pipeline: YAML → tree → validated ruleset → compiled against `header` as of `asOf`. */
export function scorer(yaml: string, header: string[], asOf = '2026-11-01'): Scorer {
  const { ruleset, issues } = validateRuleset(parseRules(yaml, 'rules.yaml'), 'rules.yaml');
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  const { compiled, issues: compileIssues } = compileRuleset(ruleset, header, 'leads.csv', asOf);
  expect(compileIssues).toEqual([]);
  const coercer = new RowCoercer(compiled.plan, header.length);
  const row = (cells: Record<string, string>) => {
    coercer.load(header.map((h) => cells[h] ?? ''));
    return coercer.row;
  };
  return {
    compiled, ruleset, header, row, asOfDay: asOfDay(asOf),
    score: (cells, tally) => {
      const result = evaluateLead(row(cells), compiled, asOfDay(asOf), tally ?? null);
      return { ...result, stageName: result.stage < 0 ? 'disqualified' : compiled.stages[result.stage].name };
    },
  };
}

/** The points a reason added: the last signed number, before an optional trailing "(…)". */
export function contribution(reason: string): number {
  return Number(/([+-]\d+(?:\.\d+)?)(?: \([^()]*\))?$/.exec(reason)![1]);
}

export const cents = (x: number): number => Math.round(x * 100);
