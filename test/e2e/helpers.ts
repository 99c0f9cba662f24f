/** Shared by the end-to-end tests: run the CLI in-process with a capturing Io, temp dirs, file reads. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Chalk } from 'chalk';
import { parse } from 'csv-parse/sync';
import { main } from '../../src/cli.js';
import type { Io } from '../../src/commands/io.js';

export const REPO = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));
export const FIXTURES = path.join(REPO, 'test', 'e2e', 'fixtures');
export const GOLDEN = path.join(REPO, 'test', 'e2e', 'golden');
export const AS_OF = '2026-11-01';

export const fixture = (name: string): string => path.join(FIXTURES, name);

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs `leadq argv` in-process; `errIsTTY` makes stderr look like a terminal (the human summary). */
export async function run(argv: string[], errIsTTY = false): Promise<Run> {
  const outs: string[] = [];
  const errs: string[] = [];
  const io: Io = { out: (t) => { outs.push(t); }, err: (t) => { errs.push(t); }, errIsTTY, chalk: new Chalk({ level: 0 }) };
  const code = await main(argv, io);
  return { code, out: outs.join(''), err: errs.join('') };
}

/** `leadq score input --rules rules --as-of 2026-11-01 ...extra` */
export function score(input: string, rules: string, ...extra: string[]): Promise<Run> {
  return run(['score', input, '--rules', rules, '--as-of', AS_OF, ...extra]);
}

const made: string[] = [];

/** A fresh temp dir, removed by `cleanTempDirs` (call it in afterEach). */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadq-'));
  made.push(dir);
  return dir;
}

export function cleanTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function write(dir: string, name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

export const read = (file: string): string => fs.readFileSync(file, 'utf8');

export function readCsv(file: string): string[][] {
  return parse(fs.readFileSync(file, 'utf8'), { bom: true, relax_column_count: true }) as string[][];
}

/**
 * Everything under a directory (dotfiles too): files with their bytes, subdirectories walked,
 * symlinks as their target (never followed).
 */
export function snapshot(dir: string, prefix = ''): Map<string, Buffer | string> {
  const out = new Map<string, Buffer | string>();
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const stat = fs.lstatSync(full);
    if (stat.isSymbolicLink()) out.set(`${prefix}${name}`, `-> ${fs.readlinkSync(full)}`);
    else if (stat.isDirectory()) {
      out.set(`${prefix}${name}/`, 'dir');
      for (const [k, v] of snapshot(full, `${prefix}${name}/`)) out.set(k, v);
    } else out.set(`${prefix}${name}`, fs.readFileSync(full));
  }
  return out;
}

/** The summary.json of a run, parsed. */
export function summaryOf(dir: string): SummaryJson {
  return JSON.parse(read(path.join(dir, 'summary.json'))) as SummaryJson;
}

/** The parts of summary.json these tests look at. */
export interface SummaryJson {
  as_of: string;
  rows: { read: number; scored: number; rejected: number };
  stages: Record<string, number>;
  cpsql: number | null;
  cost_per_mql: number | null;
  cost_per_sqo: number | null;
  warnings: { total: number; by_column: { column: string; kind: string; count: number; first_lines: number[] }[] };
}

/** Line and column (1-based) of the first occurrence of `needle` on the line containing `lineMarker`. */
export function positionOf(text: string, lineMarker: string, needle: string): { line: number; col: number } {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.includes(lineMarker));
  if (index < 0) throw new Error(`no line contains ${lineMarker}`);
  const col = lines[index].indexOf(needle, lines[index].indexOf(lineMarker));
  if (col < 0) throw new Error(`line ${index + 1} does not contain ${needle}`);
  return { line: index + 1, col: col + 1 };
}
