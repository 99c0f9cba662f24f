/**
 * The parity harness: an export loaded into an in-process engine (DuckDB through @duckdb/node-api,
 * PostgreSQL through PGlite) as one text column per header name, as a warehouse loads a CSV with
 * every column as VARCHAR; the generated query run there; and `leadq score`'s own cells for the
 * same export (the JS engine, through the same resolve), to compare cell by cell.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Chalk } from 'chalk';
import { stringify } from 'csv-stringify/sync';
import { main } from '../../src/cli.js';
import { parse } from 'csv-parse/sync';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { compileSql } from '../../src/sql/compile.js';
import { relatedHeadersFromRuleset } from '../../src/sql/header.js';
import { DIALECT } from '../../src/sql/dialects/index.js';
import type { DialectName } from '../../src/sql/dialect.js';
import { rulesetFromText } from '../../src/ruleset/index.js';
import { resolveRuleset } from '../../src/ruleset/resolve.js';
import { compileResolved } from '../../src/engine/compile.js';
import { evaluateLead } from '../../src/engine/evaluate.js';
import { RowCoercer } from '../../src/input/rows/typed-row.js';
import { resultCells } from '../../src/output/csv/result-cells.js';
import { parseDay } from '../../src/model/days.js';

export interface Export {
  header: string[];
  rows: string[][];
}

export function readExport(path: string): Export {
  const records = parse(readFileSync(path), { bom: true, relax_column_count: false }) as string[][];
  return { header: records[0], rows: records.slice(1) };
}

/** The JS engine's appended cells for each row, as resultCells writes them (no formula escaping). */
export function engineCells(rulesText: string, data: Export, asOf: string): string[][] {
  const { ruleset } = rulesetFromText(rulesText, 'rules.yaml');
  const { resolved } = resolveRuleset(ruleset, data.header, 'leads.csv');
  const compiled = compileResolved(resolved);
  const coercer = new RowCoercer(compiled.plan, data.header.length);
  const day = parseDay(asOf);
  return data.rows.map((fields) => {
    coercer.load(fields);
    return resultCells(evaluateLead(coercer.row, compiled, day), compiled);
  });
}

export function querySql(rulesText: string, data: Export, dialect: DialectName, table: string, asOf: string | null, orderBy?: string): string {
  const { ruleset } = rulesetFromText(rulesText, 'rules.yaml');
  const { resolved } = resolveRuleset(ruleset, data.header, 'leads.csv', relatedHeadersFromRuleset(ruleset));
  return compileSql(resolved, DIALECT[dialect], { table, asOf, orderBy });
}

/** The related files a ruleset names (their `file:` relative to the ruleset's folder), each as the table of its name. */
export function relatedExports(rulesPath: string): Map<string, Export> {
  const { ruleset } = rulesetFromText(readFileSync(rulesPath, 'utf8'), rulesPath);
  return new Map((ruleset.related ?? []).map((r) => [r.name, readExport(join(dirname(rulesPath), r.file.path))]));
}

/** A number cell as leadq writes it; text as it is; NULL as ''. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v === 0 ? 0 : v);
  if (typeof v === 'bigint') return String(v);
  return String(v);
}

export interface Engine {
  load: (table: string, data: Export) => Promise<void>;
  rows: (sql: string) => Promise<unknown[][]>;
  /** rows as objects by column name (numbers from BIGINT as numbers) */
  objects: (sql: string) => Promise<Record<string, unknown>[]>;
  close: () => Promise<void>;
}

export async function duckdbEngine(): Promise<Engine> {
  const instance = await DuckDBInstance.create(':memory:');
  const c: DuckDBConnection = await instance.connect();
  return {
    load: async (table, data) => {
      const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
      await c.run(`CREATE OR REPLACE TABLE ${table} (${data.header.map((h) => `${quote(h)} VARCHAR`).join(', ')})`);
      const appender = await c.createAppender(table);
      for (const row of data.rows) {
        for (const v of row) { if (v === '') appender.appendNull(); else appender.appendVarchar(v); }
        appender.endRow();
      }
      appender.closeSync();
    },
    rows: async (sql) => (await c.runAndReadAll(sql)).getRows() as unknown[][],
    objects: async (sql) => {
      const reader = await c.runAndReadAll(sql);
      const names = reader.columnNames();
      return reader.getRows().map((r) => Object.fromEntries(r.map((v, i) => [names[i], typeof v === 'bigint' ? Number(v) : v])));
    },
    close: async () => { c.closeSync(); instance.closeSync(); },
  };
}

export async function pgliteEngine(): Promise<Engine> {
  const pg = new PGlite();
  return {
    load: async (table, data) => {
      const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
      await pg.exec(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (${data.header.map((h) => `${quote(h)} text`).join(', ')})`);
      const lit = (v: string) => (v === '' ? 'NULL' : `'${v.replace(/'/g, "''").replace(/\u0000/g, '')}'`);
      for (let i = 0; i < data.rows.length; i += 500) {
        const chunk = data.rows.slice(i, i + 500);
        await pg.exec(`INSERT INTO ${table} VALUES ${chunk.map((r) => `(${r.map(lit).join(', ')})`).join(', ')}`);
      }
    },
    rows: async (sql) => (await pg.query<unknown[]>(sql, [], { rowMode: 'array' })).rows,
    objects: async (sql) => (await pg.query<Record<string, unknown>>(sql)).rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]))),
    close: async () => { await pg.close(); },
  };
}

/** `leadq score` itself (in-process, one thread, no formula escaping): the scored file's rows. */
export async function scoredByLeadq(rulesPath: string, csvPath: string, asOf: string): Promise<string[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'leadq-sql-'));
  try {
    const out = join(dir, 'scored.csv');
    const errors: string[] = [];
    const code = await main(['score', csvPath, '-r', rulesPath, '--as-of', asOf, '--no-escape-formulas', '--threads', '1', '-q', '--out', out],
      { out: () => {}, err: (t) => { errors.push(t); }, errIsTTY: false, chalk: new Chalk({ level: 0 }) });
    if (code !== 0) throw new Error(`leadq score exited ${code}: ${errors.join('')}`);
    return (parse(readFileSync(out), { bom: true }) as string[][]).slice(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes an export as CSV (csv-stringify quotes what needs quoting). */
export function writeExport(path: string, data: Export): void {
  writeFileSync(path, stringify([data.header, ...data.rows]));
}

/** Rows that differ between the engine's result and leadq's scored rows (every cell as text), at most `limit`. */
export function differences(got: unknown[][], want: string[][], limit = 5, client: 'exact' | 'drops-leading-bom' = 'exact'): string[] {
  const out: string[] = [];
  if (got.length !== want.length) out.push(`${got.length} rows, leadq wrote ${want.length}`);
  for (let i = 0; i < Math.min(got.length, want.length) && out.length < limit; i++) {
    const g = got[i].map(cellText);
    // both clients decode text with TextDecoder, which drops a leading U+FEFF (the engines keep it: length() counts it)
    const w = client === 'exact' ? want[i] : want[i].map((cell) => cell.replace(/^\ufeff/, ''));
    const at = w.findIndex((cell, c) => cell !== g[c]);
    if (at >= 0 || g.length !== w.length) out.push(`row ${i + 1}, column ${at + 1}: got ${JSON.stringify(g[at])}, leadq wrote ${JSON.stringify(w[at])}\n  row: ${JSON.stringify(w)}`);
  }
  return out;
}
