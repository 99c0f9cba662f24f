/**
 * The built CLI (`node bin/leadq.js`, from dist/) as a child process, for what an in-process run
 * cannot show: signals, a reader that goes away, redirected standard streams, worker threads.
 * `npm test` builds first.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from '../e2e/helpers.js';

export const BIN = path.join(REPO, 'bin', 'leadq.js');

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(REPO, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does) before these tests');
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

export function leadq(args: string[], stdio: StdioOptions = ['ignore', 'pipe', 'pipe']): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: REPO, stdio, env: { ...process.env, NO_COLOR: '1' } });
}

export function exited(child: ChildProcess): Promise<Exit> {
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (t: string) => { stderr += t; });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

/** Waits until `ready()` holds, checking every few milliseconds (the test's timeout bounds it). */
export async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((r) => setTimeout(r, 5));
}

/** `rows` simple lead rows after the header of fixtures/rules.yaml's columns. */
export function leadRows(rows: number, from = 0): string {
  const out: string[] = [];
  for (let i = from; i < from + rows; i++) out.push(`${i},Lead ${i},${i % 3 ? 'x' : 'y'},${i % 200},2026-10-${String(1 + (i % 28)).padStart(2, '0')},${['Web', 'Events', 'Partner'][i % 3]}\n`);
  return out.join('');
}

export const HEADER = 'id,name,note,employees,signup,source\n';
