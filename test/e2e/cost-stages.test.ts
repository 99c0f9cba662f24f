/**
 * A ladder whose stages are not named mql / sql / sqo (issue #10, item 6): `counts_as` says which
 * stages the cost metrics use; without it `leadq validate` warns and `score` reports CPSQL n/a.
 */
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, positionOf, read, run, score, summaryOf, tempDir, write } from './helpers.js';

afterEach(cleanTempDirs);

const ladder = (marks: { mql?: string; sql?: string; sqo?: string } = {}) => `source_column: source
spend:
  Ads: 1200
stages:
  - name: lead
  - name: marketing_qualified
    when: { column: level, in: [mql, sql, sqo] }${marks.mql ? `\n    counts_as: ${marks.mql}` : ''}
  - name: sales_qualified
    when: { column: level, in: [sql, sqo] }${marks.sql ? `\n    counts_as: ${marks.sql}` : ''}
  - name: opportunity
    when: { column: level, equals: sqo }${marks.sqo ? `\n    counts_as: ${marks.sqo}` : ''}
`;

// 4 at the lowest stage, 3 at marketing_qualified, 2 at sales_qualified, 1 at opportunity
const LEADS = `id,source,level\n${['lead', 'lead', 'lead', 'lead', 'mql', 'mql', 'mql', 'sql', 'sql', 'sqo'].map((l, i) => `${i + 1},Ads,${l}`).join('\n')}\n`;

describe('leadq score', () => {
  test('counts_as on the stages: cost per MQL, SQL and SQO of that ladder', async () => {
    const dir = tempDir();
    const rules = write(dir, 'rules.yaml', ladder({ mql: 'mql', sql: 'sql', sqo: 'sqo' }));
    const result = await score(write(dir, 'leads.csv', LEADS), rules, '--out-dir', path.join(dir, 'out'), '--summary', path.join(dir, 's.md'));
    expect([result.code, result.err]).toEqual([0, '']);
    const summary = summaryOf(path.join(dir, 'out')) as ReturnType<typeof summaryOf> & { cost_stages: unknown };
    // 1200 / 6 leads at marketing_qualified or above, / 3 at sales_qualified or above, / 1
    expect([summary.cost_per_mql, summary.cpsql, summary.cost_per_sqo]).toEqual([200, 400, 1200]);
    expect(summary.cost_stages).toEqual({ mql: 'marketing_qualified', sql: 'sales_qualified', sqo: 'opportunity' });
    expect(read(path.join(dir, 's.md'))).toMatch(/CPSQL 400\b/);
  });

  test('no stage counts as SQL: the run works, CPSQL is n/a and the headline says why', async () => {
    const dir = tempDir();
    const rules = write(dir, 'rules.yaml', ladder());
    const result = await score(write(dir, 'leads.csv', LEADS), rules, '--out-dir', path.join(dir, 'out'), '--summary', path.join(dir, 's.md'));
    expect([result.code, result.err]).toEqual([0, '']);
    expect(summaryOf(path.join(dir, 'out')).cpsql).toBeNull();
    expect(read(path.join(dir, 's.md'))).toMatch(/CPSQL not available \(no stage counts as SQL\)/);
  });
});

describe('leadq validate', () => {
  test('a ladder ending in sales_qualified without counts_as: ok, with a warning at the highest stage', async () => {
    const text = ladder();
    const file = write(tempDir(), 'rules.yaml', text);
    const result = await run(['validate', file]);
    expect(result.code).toBe(0);
    const { line, col } = positionOf(text, 'name: opportunity', 'name');
    const lines = result.out.trim().split('\n');
    expect(lines[0]).toBe(`${file}:${line}:${col} warning: no stage counts as SQL, so the cost per SQL (CPSQL) is not available; mark the sales-qualified stage with "counts_as: sql" (or name it sql) at stages[3] [COST_STAGE_SQL_MISSING]`);
    expect(lines[1]).toMatch(/: ok — .*; 1 warning$/);
  });

  test('with counts_as: sql, no warning', async () => {
    const file = write(tempDir(), 'rules.yaml', ladder({ sql: 'sql' }));
    const result = await run(['validate', file]);
    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(/warning/);
  });

  test('an unknown metric and a metric on two stages: exit 2, each at rules.yaml:line:col', async () => {
    const text = ladder({ mql: 'sqll', sql: 'sql', sqo: 'sql' });
    const file = write(tempDir(), 'rules.yaml', text);
    const result = await run(['validate', file]);
    expect(result.code).toBe(2);
    const lines = result.out.trim().split('\n');
    const sqll = positionOf(text, 'counts_as: sqll', 'sqll');
    // the second stage marked sql: opportunity's counts_as, the last line
    const second = { line: text.split('\n').lastIndexOf('    counts_as: sql') + 1, col: 16 };
    // each line: file:line:col, the message, the key path and the code last
    const at = (l: string) => /^(.*):(\d+):(\d+) .* at (\S+) \[([A-Z_]+)\]$/.exec(l)?.slice(1);
    expect(lines.map((l) => at(l) ?? l)).toEqual([
      [file, String(sqll.line), String(sqll.col), 'stages[1].counts_as', 'VALUE_ENUM'],
      [file, String(second.line), String(second.col), 'stages[3].counts_as', 'COST_STAGE_DUPLICATE'],
      `2 errors, 0 warnings in ${file}`,
    ]);
  });
});
