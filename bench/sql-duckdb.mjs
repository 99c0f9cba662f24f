#!/usr/bin/env node
// The generated SQL on DuckDB (in process, @duckdb/node-api) over a benchmark export:
//
//   node bench/sql-duckdb.mjs bench/data/leads-1000000.csv
//
// Loads the CSV as all-VARCHAR columns (as a warehouse loads an export as text; timed apart), then
// times `CREATE TABLE scored AS <leadq sql … --dialect duckdb>`: every input column and every result
// column computed and stored. Prints one JSON line: rows, load and query seconds, and the stage counts.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const input = process.argv[2];
const gen = spawnSync(process.execPath, [join(root, 'bin', 'leadq.js'), 'sql', join(root, 'bench', 'reference.rules.yaml'), '--dialect', 'duckdb', '--table', 'leads'], { encoding: 'utf8', maxBuffer: 1 << 28 });
if (gen.status !== 0) throw new Error(gen.stderr);
const instance = await DuckDBInstance.create(':memory:');
const c = await instance.connect();
const time = async (sql) => { const t = process.hrtime.bigint(); await c.run(sql); return Number(process.hrtime.bigint() - t) / 1e9; };
const path = input.replace(/'/g, "''");
const load = await time(`CREATE TABLE leads AS SELECT * FROM read_csv('${path}', all_varchar = true, header = true)`);
const query = await time(`CREATE TABLE scored AS ${gen.stdout}`);
const counts = (await c.runAndReadAll('SELECT stage, COUNT(*)::INTEGER FROM scored GROUP BY stage ORDER BY stage')).getRows();
const rows = Number((await c.runAndReadAll('SELECT COUNT(*)::INTEGER FROM scored')).getRows()[0][0]);
console.log(JSON.stringify({ rows, load, query, stages: Object.fromEntries(counts) }));
