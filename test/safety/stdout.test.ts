/**
 * Standard output as cron uses it: a write error there (a full disk, `ulimit -f`, /dev/full)
 * fails the run with exit 1 and a message, and leaves the other outputs as they were; a reader
 * that goes away (`| head`) ends any command quietly with 0; `--version` is leadq's own.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { AS_OF, cleanTempDirs, REPO, tempDir, write } from '../e2e/helpers.js';
import { assertBuilt, BIN, exited, HEADER, leadq, leadRows } from './cli-process.js';

const RULES = fileURLToPath(new URL('./fixtures/rules.yaml', import.meta.url));
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

beforeAll(assertBuilt);
afterEach(cleanTempDirs);
jest.setTimeout(30_000);

/** Runs the CLI with standard output opened on `target` (a path, opened for writing). */
function runTo(target: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const fd = fs.openSync(target, 'w');
  try {
    return spawnSync(process.execPath, [BIN, ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  } finally {
    fs.closeSync(fd);
  }
}

describe('a write error on standard output fails the run', () => {
  test.each([
    ['score', () => ['score', write(tempDir(), 'in.csv', HEADER + leadRows(50)), '--rules', RULES, '--as-of', AS_OF]],
    ['score, large (worker threads)', () => ['score', write(tempDir(), 'in.csv', HEADER + leadRows(60_000)), '--rules', RULES, '--as-of', AS_OF, '--threads', '2']],
    ['validate', () => ['validate', RULES]],
    ['--version', () => ['--version']],
    ['--help', () => ['--help']],
  ])('%s > /dev/full: exit 1, the message names standard output and the cause', (_name, args) => {
    const result = runTo('/dev/full', args());
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('cannot write to standard output: the disk is full');
    expect(result.stderr).toContain('[OUTPUT_WRITE]');
    expect(result.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  });

  test('score > /dev/full with --summary: the summary keeps its previous contents, no temp file', () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', HEADER + leadRows(50));
    const summary = write(dir, 'summary.json', '{ "earlier": true }\n');
    const result = runTo('/dev/full', ['score', input, '--rules', RULES, '--as-of', AS_OF, '--summary', summary]);
    expect(result.status).toBe(1);
    expect(fs.readFileSync(summary, 'utf8')).toBe('{ "earlier": true }\n');
    expect(fs.readdirSync(dir).sort()).toEqual(['in.csv', 'summary.json']);
  });

  test('score > file past `ulimit -f`: exit 1 with EFBIG named (not killed by SIGXFSZ, not exit 0)', () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', HEADER + leadRows(20_000));
    const script = `ulimit -f 64; "${process.execPath}" "${BIN}" score "${input}" --rules "${RULES}" --as-of ${AS_OF} > "$DIR/scored.csv" 2> "$DIR/err.txt"; echo "exit=$?"`;
    const stdout = execFileSync('sh', ['-c', script], { env: { ...process.env, DIR: dir }, encoding: 'utf8' });
    expect(stdout.trim()).toBe('exit=1');
    const err = fs.readFileSync(path.join(dir, 'err.txt'), 'utf8');
    expect(err).toContain('cannot write to standard output: the file is larger than the system allows');
  });

  test('--out past `ulimit -f`: exit 1, the earlier file unchanged, no temp file', () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', HEADER + leadRows(20_000));
    const out = write(dir, 'scored.csv', 'earlier\n');
    const script = `ulimit -f 64; "${process.execPath}" "${BIN}" score "${input}" --rules "${RULES}" --as-of ${AS_OF} --out "${out}" 2>/dev/null; echo "exit=$?"`;
    expect(execFileSync('sh', ['-c', script], { encoding: 'utf8' }).trim()).toBe('exit=1');
    expect(fs.readFileSync(out, 'utf8')).toBe('earlier\n');
    expect(fs.readdirSync(dir).sort()).toEqual(['in.csv', 'scored.csv']);
  });
});

describe('the reader of standard output is gone before leadq writes', () => {
  // the pipe's reading end is closed at once, so the first write fails with EPIPE
  test.each([
    [['--help']],
    [['score', '--help']],
    [['validate', '--help']],
    [['validate', RULES]],
    [['--version']],
    [['inspect', path.join(REPO, 'examples', 'leads.csv')]],
  ])('leadq %p exits 0 with nothing on standard error', async (args) => {
    const child = leadq(args);
    child.stdout!.destroy();
    const result = await exited(child);
    expect(result).toEqual({ code: 0, signal: null, stderr: '' });
  });
});

describe('--version', () => {
  test('is the version in leadq\'s package.json, whatever npm_package_version says', () => {
    const result = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', env: { ...process.env, npm_package_version: '9.9.9-other-project' } });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(VERSION);
  });
});
