/**
 * Identifiers come from the export's header and from the command line (`--order-by`): whatever
 * they hold, each dialect's quoting must keep them one name. A Spark name once escaped its
 * backtick with a backslash, which Spark does not read as an escape: `` x\` `` ended the name
 * and the rest of it was SQL of its own (a second statement). Checked with sqlparser-rs's Spark
 * dialect, which reads backticks as Spark does.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { init as initSqlparser, Parser as Sqlparser, SparkDialect } from '@guanmingchiu/sqlparser-ts';
import { DIALECT } from '../../src/sql/dialects/index.js';

const NAMES = ['Record ID', 'a`b', 'x` FROM t; DROP TABLE leads; --', 'back\\slash', 'back\\`tick', '"quoted"', "it's"];

describe('spark', () => {
  let spark: Sqlparser;
  beforeAll(async () => {
    await initSqlparser();
    spark = new Sqlparser(new SparkDialect());
  });

  test.each(NAMES)('%p is one name', (name) => {
    const statements = spark.parse(`SELECT 1 AS ${DIALECT.spark.ident(name)} FROM t ORDER BY ${DIALECT.spark.ident(name)}`);
    expect(statements).toHaveLength(1);
    expect(JSON.stringify(statements)).toContain(JSON.stringify({ value: name, quote_style: '`' }).slice(1, -1));
  });
});

describe('double-quoting dialects', () => {
  test.each(['duckdb', 'postgres', 'snowflake'] as const)('%s doubles the quote and nothing else', (dialect) => {
    expect(DIALECT[dialect].ident('a"b`c\\d')).toBe('"a""b`c\\d"');
  });
});
