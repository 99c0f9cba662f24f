/**
 * The queries for the bundled example, one golden file per dialect (reviewed by hand: see
 * golden/README.md), and a syntax check with an SQL parser from npm for the warehouses the tests
 * cannot run: node-sql-parser for BigQuery and Snowflake; for Spark (it has no Spark grammar)
 * sqlparser-rs, Apache DataFusion's SQL parser compiled to WebAssembly (@guanmingchiu/sqlparser-ts),
 * with its Spark SQL dialect. UPDATE_GOLDEN=1 rewrites the files after a change that is meant
 * (then review the diff).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import NodeSqlParser from 'node-sql-parser';
import { init as initSqlparser, Parser as Sqlparser, SparkDialect } from '@guanmingchiu/sqlparser-ts';
import { REPO } from '../e2e/helpers.js';
import { DIALECTS, type DialectName } from '../../src/sql/dialect.js';
import { readExport, querySql } from './harness.js';
import { selfTestSql } from '../../src/sql/self-test.js';
import { summarySql } from '../../src/sql/summary.js';
import { DIALECT } from '../../src/sql/dialects/index.js';
import { rulesetFromText } from '../../src/ruleset/index.js';
import { resolveRuleset } from '../../src/ruleset/resolve.js';
import { readSpendFile } from '../../src/input/spend.js';
import { relatedHeadersFromRuleset } from '../../src/sql/header.js';

const GOLDEN = join(REPO, 'test', 'sql', 'golden');
const rules = readFileSync(join(REPO, 'rules.example.yaml'), 'utf8');
const data = readExport(join(REPO, 'examples', 'leads.csv'));

function queries(dialect: DialectName): Record<string, string> {
  const { ruleset } = rulesetFromText(rules, 'rules.example.yaml');
  const { resolved } = resolveRuleset(ruleset, data.header, 'leads.csv', relatedHeadersFromRuleset(ruleset));
  const spend = readSpendFile(join(REPO, 'examples', 'spend.csv')).amounts;
  return {
    [`${dialect}.sql`]: querySql(rules, data, dialect, 'leads', '2026-11-01', 'Record ID'),
    [`${dialect}.summary.sql`]: summarySql(resolved, DIALECT[dialect], { table: 'leads', asOf: '2026-11-01', spend, costStages: ruleset.costStages }),
    [`${dialect}.self-test.sql`]: selfTestSql(DIALECT[dialect]),
  };
}

describe.each(DIALECTS)('%s', (dialect) => {
  test('the example ruleset\'s queries are the reviewed golden files', () => {
    for (const [name, sql] of Object.entries(queries(dialect))) {
      const file = join(GOLDEN, name);
      if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, sql);
      expect(sql).toBe(readFileSync(file, 'utf8'));
    }
  });
});

describe.each([['bigquery', 'bigquery'], ['snowflake', 'snowflake']] as const)('%s syntax', (dialect, database) => {
  test('node-sql-parser reads the query, the summary and the self-test', () => {
    const parser = new NodeSqlParser.Parser();
    for (const [name, sql] of Object.entries(queries(dialect))) {
      expect(() => parser.astify(sql, { database })).not.toThrow();
      expect(name).toMatch(dialect);
    }
  });
});

describe('spark syntax', () => {
  // sqlparser-rs's own limit on nesting (50 by default) guards its stack, not Spark's grammar: the
  // query nests deeper (its reasons are one `||` chain; spark.sql needs 58), Spark has no such limit
  let spark: Sqlparser;
  beforeAll(async () => {
    await initSqlparser();
    spark = new Sqlparser(new SparkDialect()).withRecursionLimit(500);
  });

  test('sqlparser-rs\'s Spark SQL dialect reads the query, the summary and the self-test', () => {
    for (const [name, sql] of Object.entries(queries('spark'))) {
      expect(name).toMatch('spark');
      expect(spark.parse(sql)).toHaveLength(1);
    }
  });

  test('it rejects the query with a Spark syntax error in it', () => {
    const sql = queries('spark')['spark.sql'];
    const broken = {
      'a missing parenthesis': sql.replace(') AS DOUBLE)', ' AS DOUBLE)'),
      'DuckDB\'s and Snowflake\'s * EXCLUDE for * EXCEPT': sql.replaceAll('* EXCEPT (', '* EXCLUDE ('),
      'PostgreSQL\'s MATERIALIZED CTEs': sql.replace(/^(_lq_\w+) AS \(/gm, '$1 AS MATERIALIZED ('),
      'a CASE without END': sql.replace(/ END\)/, ')'),
    };
    // each variant differs from the query, and each fails with sqlparser-rs's syntax error
    const rejected = (text: string): string => {
      if (text === sql) return 'unchanged';
      try {
        spark.parse(text);
        return 'parsed';
      } catch (error) {
        return /^sql parser error: /.test((error as Error).message) ? 'rejected' : String(error);
      }
    };
    expect(Object.fromEntries(Object.entries(broken).map(([what, text]) => [what, rejected(text)])))
      .toEqual(Object.fromEntries(Object.keys(broken).map((what) => [what, 'rejected'])));
  });
});
