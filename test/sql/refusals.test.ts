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

  const related = (column: string, extra = '') => `version: 1
related:
  log:
    file: log.csv
    key: Email
    matches: email
    at: When
${extra}    columns:
      ${column}
engagement:
  - { name: from the log, per: derived, points: 5 }
stages:
  - name: lead
`;

  test('a related file whose timestamp has a date format: refused naming the related file', async () => {
    const refused = await sql(related('derived: { count: true }', "    formats:\n      When: { date: 'dd.MM.yyyy' }\n"), 'duckdb');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/the related file "log" \(derived columns "derived"\): formats: the date format of "When"/);
    expect(refused.err).toContain('dialect duckdb');
  });

  test.each(['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark'])('count with once_every, per_day_max and decay compiles in %s (set-based; parity on DuckDB and PGlite)', async (dialect) => {
    const compiled = await sql(related('derived: { count: true, within: 180d, per_day_max: 2, once_every: 7d, decay: { half_life: 30d } }'), dialect);
    expect(compiled.err).toBe('');
    expect(compiled.code).toBe(0);
    expect(read(compiled.out)).toContain('LEFT JOIN');
  });

  test('accounts and completeness: refused by name before any column is looked for, with or without --input', async () => {
    const yaml = rules('    when: { column: visits, gte: 1 }', 'accounts:\n  domain: email\ncompleteness:\n  email: email\n');
    const refused = await sql(yaml, 'duckdb');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/accounts \(grouping leads, account rules and the account ladder\) and the completeness measure have no SQL form in leadq sql yet \(dialect duckdb\); nothing written \[SQL_UNSUPPORTED\]/);
    expect(refused.err).not.toMatch(/is not in|named like/);
  });

  test('--related NAME=TABLE names the table; an unknown name is a usage error', async () => {
    const dir = tempDir();
    const rulesFile = write(dir, 'rules.yaml', related('derived: { count: true }'));
    const out = path.join(dir, 'q.sql');
    expect((await run(['sql', rulesFile, '--dialect', 'duckdb', '--table', 'leads', '--related', 'log=crm.activity_log', '--out', out])).code).toBe(0);
    expect(read(out)).toContain('FROM crm.activity_log AS _lq_in');
    const bad = await run(['sql', rulesFile, '--dialect', 'duckdb', '--table', 'leads', '--related', 'logs=x']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/no related file named "logs".*did you mean "log"/);
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
