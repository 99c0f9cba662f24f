/**
 * Which stages the cost metrics use (issue #10, item 6): the stages named mql, sql and sqo by
 * default, or the stages marked `counts_as: mql | sql | sqo`. Mistakes are errors at their
 * position; a ladder without an SQL stage is a warning of `leadq validate`.
 */
import { describe, expect, test } from '@jest/globals';
import { parseRules } from '../../src/ruleset/load.js';
import type { RulesetCode } from '../../src/ruleset/issue-codes.js';
import type { CostStages } from '../../src/ruleset/types.js';
import { costStageWarnings } from '../../src/ruleset/validate-cost-stages.js';
import { validateRuleset } from '../../src/ruleset/validate.js';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;
/** A ladder: `lead` on line 2, then one stage per argument, each 2 or 3 lines (name, when, counts_as). */
function ladder(...stages: [name: string, countsAs?: string][]): string {
  return lines('stages:', '  - name: lead', ...stages.flatMap(([name, countsAs]) => [
    `  - name: ${name}`,
    `    when: { column: level, equals: ${name} }`,
    ...(countsAs === undefined ? [] : [`    counts_as: ${countsAs}`]),
  ]));
}

function validate(source: string) {
  return validateRuleset(parseRules(source, 'rules.yaml'), 'rules.yaml');
}

const none: CostStages = { mql: null, sql: null, sqo: null };

describe('which stage each cost metric uses', () => {
  test.each<[string, string, CostStages]>([
    ['the default names', ladder(['mql'], ['sql'], ['sqo']), { mql: 'mql', sql: 'sql', sqo: 'sqo' }],
    ['default names in any case', ladder(['MQL'], ['Sql']), { mql: 'MQL', sql: 'Sql', sqo: null }],
    ['other names and no counts_as', ladder(['marketing_qualified'], ['sales_qualified']), none],
    ['counts_as on each', ladder(['marketing_qualified', 'mql'], ['sales_qualified', 'sql'], ['opportunity', 'sqo']),
      { mql: 'marketing_qualified', sql: 'sales_qualified', sqo: 'opportunity' }],
    ['counts_as for SQL only; the others by name', ladder(['mql'], ['sales_qualified', 'sql'], ['sqo']), { mql: 'mql', sql: 'sales_qualified', sqo: 'sqo' }],
    ['counts_as wins over a stage named like the metric', ladder(['sql'], ['qualified', 'sql']), { mql: null, sql: 'qualified', sqo: null }],
    ['a stage named mql that counts as sql is not also the MQL stage', ladder(['mql', 'sql']), { mql: null, sql: 'mql', sqo: null }],
    ['counts_as saying what the name says', ladder(['sql', 'sql']), { mql: null, sql: 'sql', sqo: null }],
  ])('%s', (_name, source, expected) => {
    const { ruleset, issues } = validate(source);
    expect(issues).toEqual([]);
    expect(ruleset.costStages).toEqual(expected);
  });
});

describe('counts_as mistakes are errors at their position', () => {
  test.each<[string, string, [number, number, RulesetCode, string, RegExp?][]]>([
    ['a metric that does not exist', ladder(['sales_qualified', 'sqll']), [[5, 16, 'VALUE_ENUM', 'stages[1].counts_as', /got the text "sqll"; did you mean "sql"\?/]]],
    ['upper case', ladder(['sales_qualified', 'SQL']), [[5, 16, 'VALUE_ENUM', 'stages[1].counts_as', /did you mean "sql"\?/]]],
    ['a stage name instead of a metric', ladder(['sales_qualified', 'sales_qualified']), [[5, 16, 'VALUE_ENUM', 'stages[1].counts_as']]],
    ['a number', ladder(['sales_qualified', '3']), [[5, 16, 'VALUE_TYPE', 'stages[1].counts_as']]],
    ['one stage for two metrics', ladder(['qualified', '[sql, sqo]']), [[5, 16, 'VALUE_TYPE', 'stages[1].counts_as']]],
    ['two stages for one metric', ladder(['sales_qualified', 'sql'], ['sales_accepted', 'mql'], ['opportunity', 'sql']), [
      [11, 16, 'COST_STAGE_DUPLICATE', 'stages[3].counts_as', /"opportunity" counts as sql, and so does "sales_qualified" \(line 5\)/],
    ]],
  ])('%s', (_name, source, expected) => {
    const { issues } = validate(source);
    expect(issues.map((i) => [i.severity, i.pos?.line, i.pos?.col, i.code, i.path])).toEqual(expected.map(([line, col, code, path]) => ['error', line, col, code, path]));
    issues.forEach((issue, i) => { if (expected[i][4]) expect(issue.message).toMatch(expected[i][4]!); });
  });

  test('every counts_as mistake of a ruleset in one run', () => {
    const { issues } = validate(ladder(['a', 'sqll'], ['b', 'sql'], ['c', 'sql'], ['d', '[mql]']));
    expect(issues.map((i) => i.pos?.line).sort((a, b) => a! - b!)).toEqual([5, 11, 14]);
  });
});

describe('leadq validate warns when no stage counts as SQL', () => {
  test.each([
    ['a ladder ending in sales_qualified', ladder(['marketing_qualified'], ['sales_qualified']), 5],
    ['a ladder without SQL', ladder(['mql']), 3],
    ['only one stage', lines('stages:', '  - name: lead'), 2],
  ])('%s: a warning at the highest stage', (_name, source, line) => {
    const { ruleset, issues } = validate(source);
    expect(issues).toEqual([]);
    const warnings = costStageWarnings(ruleset);
    expect(warnings.map((w) => [w.severity, w.pos?.line, w.pos?.col, w.code])).toEqual([['warning', line, 5, 'COST_STAGE_SQL_MISSING']]);
  });

  test.each([
    ['a stage named sql', ladder(['mql'], ['sql'])],
    ['a stage marked counts_as: sql', ladder(['sales_qualified', 'sql'])],
  ])('%s: no warning', (_name, source) => {
    expect(costStageWarnings(validate(source).ruleset)).toEqual([]);
  });
});
