/** The dialects by name. */
import type { Dialect, DialectName } from '../dialect.js';
import { bigquery } from './bigquery.js';
import { duckdb } from './duckdb.js';
import { postgres } from './postgres.js';
import { snowflake } from './snowflake.js';
import { spark } from './spark.js';

export const DIALECT: Readonly<Record<DialectName, Dialect>> = { duckdb, postgres, bigquery, snowflake, spark };
