/**
 * A rule with no faithful form in a dialect is an error naming the rule and the dialect (exit 2,
 * nothing written), never an approximation; the same rule in a dialect that can express it
 * compiles. Also for an operator the SQL back-end has not learnt yet: a new entry in the
 * operator table works in `leadq score` at once, and `leadq sql` refuses it by name until its
 * SQL form is written.
 */
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { OPERATORS, type Operator } from '../../src/model/operators.js';
import { cleanTempDirs, read, run, tempDir, write } from '../e2e/helpers.js';

afterEach(cleanTempDirs);

const rules = (rule: string, extra = '') => `version: 1
${extra}engagement:
  - name: the rule
${rule}
    points: 5
stages:
  - name: lead
`;

async function sql(yaml: string, dialect: string) {
  const dir = tempDir();
  const out = path.join(dir, 'query.sql');
  const result = await run(['sql', write(dir, 'rules.yaml', yaml), '--dialect', dialect, '--table', 'leads', '--out', out]);
  return { ...result, out };
}

describe('rules with no faithful form are refused by name', () => {
  test.each([
    // PostgreSQL's regexes have no \p{…}; DuckDB runs RE2, as leadq does
    { name: 'a Unicode property in a regex', yaml: rules("    when: { column: name, matches: '\\p{Lu}' }"), refusing: 'postgres', accepting: 'duckdb', names: /the rule/ },
    { name: 'a number format', yaml: rules('    when: { column: budget, gte: 10 }', "formats:\n  budget: { number: '1.234,56' }\n"), refusing: 'snowflake', accepting: null, names: /formats: the number format "1\.234,56" of "budget"/ },
  ])('$name: exit 2 in $refusing, naming the rule (or key) and the dialect', async ({ yaml, refusing, accepting, names }) => {
    const refused = await sql(yaml, refusing);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('[SQL_UNSUPPORTED]');
    expect(refused.err).toMatch(names);
    expect(refused.err).toContain(`dialect ${refusing}`);
    if (accepting !== null) {
      const compiled = await sql(yaml, accepting);
      expect(compiled.code).toBe(0);
    }
  });

  test('an operator the SQL back-end does not know yet: score-able, refused by leadq sql', async () => {
    const table = OPERATORS as Record<string, Operator>;
    table.shiny = { summary: 'a test operator', arg: 'flag', reads: () => 'text', build: (a) => (v: string) => (v === 'shiny') === a };
    try {
      const yaml = rules('    when: { column: name, shiny: true }');
      const dir = tempDir();
      const scored = await run(['score', write(dir, 'in.csv', 'id,name\n1,shiny\n2,dull\n'), '-r', write(dir, 'rules.yaml', yaml), '--out', path.join(dir, 'o.csv')]);
      expect(scored.code).toBe(0);
      expect(read(path.join(dir, 'o.csv')).split('\n').slice(1, 3).map((l) => l.split(',')[4])).toEqual(['5', '0']);
      const result = await sql(yaml, 'duckdb');
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/the rule.*shiny has no SQL form.*\[SQL_UNSUPPORTED\]/s);
    } finally {
      delete table.shiny;
    }
  });
});
