/**
 * The promises that need a real process (the built CLI as a child): a signal mid-run exits
 * 130/143/129 leaving the earlier outputs byte-identical and no temp file; `leadq … | head` ends
 * quietly; standard streams redirected onto the input are refused; a write that fails mid-run
 * (a full disk) replaces nothing.
 *
 * Runs wait for events (a temp file appearing, the first bytes on stdout), never for a time:
 * the input comes through a pipe the test keeps open, so the child is always mid-run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { AS_OF, cleanTempDirs, snapshot, tempDir, write } from '../e2e/helpers.js';
import { assertBuilt, BIN, exited, HEADER, leadq, leadRows, until } from './cli-process.js';

const RULES = fileURLToPath(new URL('./fixtures/rules.yaml', import.meta.url));

beforeAll(assertBuilt);
afterEach(cleanTempDirs);
// each case takes well under a second; the limit only turns a hang into a failure on a busy machine
jest.setTimeout(30_000);

/** An --out-dir holding what an earlier run wrote. */
function earlierOutputs(dir: string): string {
  const out = path.join(dir, 'out');
  for (const [name, text] of [['scored.csv', 'id\nearlier\n'], ['lead.csv', 'id\n'], ['summary.json', '{ "earlier": true }\n']]) write(out, name, text);
  return out;
}

const sizeOf = (file: string) => { try { return fs.statSync(file).size; } catch { return -1; } };
const temps = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('a signal mid-run', () => {
  test.each([
    ['SIGINT', 130, ['--threads', '1']],
    ['SIGTERM', 143, ['--threads', '1']],
    ['SIGHUP', 129, ['--threads', '1']],
    // several blocks in, two worker threads scoring
    ['SIGINT', 130, ['--threads', '2']],
    ['SIGTERM', 143, ['--threads', '2']],
  ] as const)('%s exits %i, earlier outputs byte-identical, no temp file left (%p)', async (signal, code, extra) => {
    const dir = tempDir();
    const out = earlierOutputs(dir);
    const before = snapshot(out);
    const child = leadq(['score', '-', '--rules', RULES, '--out-dir', out, '--as-of', AS_OF, ...extra], ['pipe', 'ignore', 'pipe']);
    const done = exited(child);
    // 3 MB of rows, then the pipe stays open: the run cannot finish before the signal
    child.stdin!.on('error', () => {}); // what is still unread when the child ends
    child.stdin!.write(HEADER + leadRows(60_000));
    const scoredTemp = () => temps(out).find((f) => f.startsWith('.scored.csv.'));
    // the temp files exist once the run is under way (and its signal handlers installed);
    // rows written to them show that blocks are being scored
    let ended = false;
    void done.then(() => { ended = true; });
    await until(() => { const t = scoredTemp(); return ended || (t !== undefined && sizeOf(path.join(out, t)) > 0); });
    if (ended) throw new Error(`leadq ended before the signal: ${(await done).stderr}`);
    child.kill(signal);
    const result = await done;
    child.stdin!.destroy();
    expect({ code: result.code, signal: result.signal }).toEqual({ code, signal: null });
    expect(result.stderr).toContain(signal);
    expect(result.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(snapshot(out)).toEqual(before);
  });
});

describe('the reader of standard output goes away (`leadq … | head`)', () => {
  test.each([[['--threads', '1']], [['--threads', '2']]])('exit 0, nothing on stderr, no summary half-written (%p)', async (extra) => {
    const dir = tempDir();
    const input = write(dir, 'big.csv', HEADER + leadRows(60_000));
    const summary = write(dir, 'summary.json', '{ "earlier": true }\n');
    const child = leadq(['score', input, '--rules', RULES, '--as-of', AS_OF, '--summary', summary, ...extra]);
    const done = exited(child);
    // like head: read the first lines, then close the pipe
    await new Promise<void>((resolve) => child.stdout!.once('data', () => { child.stdout!.destroy(); resolve(); }));
    const result = await done;
    expect(result).toEqual({ code: 0, signal: null, stderr: '' });
    expect(fs.readFileSync(summary, 'utf8')).toBe('{ "earlier": true }\n');
    expect(temps(dir)).toEqual([]);
  });
});

describe('standard streams redirected onto the input', () => {
  test('stdout appended to the input (`leadq score in.csv >> in.csv`): exit 2, the input unchanged', async () => {
    const dir = tempDir();
    const text = HEADER + leadRows(10);
    const input = write(dir, 'in.csv', text);
    const fd = fs.openSync(input, 'a');
    try {
      const result = await exited(leadq(['score', input, '--rules', RULES], ['ignore', fd, 'pipe']));
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('[OUTPUT_IS_INPUT]');
    } finally {
      fs.closeSync(fd);
    }
    expect(fs.readFileSync(input, 'utf8')).toBe(text);
  });

  test('stdin read from the --out file (`leadq score - < in.csv --out in.csv`): exit 2, the input unchanged', async () => {
    const dir = tempDir();
    const text = HEADER + leadRows(10);
    const input = write(dir, 'in.csv', text);
    const fd = fs.openSync(input, 'r');
    try {
      const result = await exited(leadq(['score', '-', '--rules', RULES, '--out', input], [fd, 'ignore', 'pipe']));
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('[OUTPUT_IS_INPUT]');
    } finally {
      fs.closeSync(fd);
    }
    expect(fs.readFileSync(input, 'utf8')).toBe(text);
    expect(fs.readdirSync(dir)).toEqual(['in.csv']);
  });
});

/**
 * A disk that fills up mid-run: a 256 KiB tmpfs mounted over the output directory in a private
 * mount namespace (`unshare`: no root needed, gone when the shell exits), so the writes fail
 * with ENOSPC. Where namespaces are not allowed, a file-size limit (`ulimit -f`) makes the same
 * writes fail with EFBIG (Node ignores SIGXFSZ). The shell copies what the directory held
 * afterwards to `after/`, where the test can see it.
 */
const CAN_MOUNT = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'true']).status === 0;

describe(`a write that fails mid-run (${CAN_MOUNT ? 'disk full on a tiny tmpfs' : 'file-size limit'})`, () => {
  test('exit 1 naming the file, earlier outputs byte-identical, no temp file left', () => {
    const dir = tempDir();
    const earlier = earlierOutputs(dir);
    const input = write(dir, 'big.csv', HEADER + leadRows(40_000));
    const out = path.join(dir, 'target');
    const after = path.join(dir, 'after');
    fs.mkdirSync(out);
    fs.mkdirSync(after);
    const leadqRun = `"${process.execPath}" "${BIN}" score "${input}" --rules "${RULES}" --as-of ${AS_OF} --out-dir "$OUT" --threads 1`;
    const script = CAN_MOUNT
      ? `mount -t tmpfs -o size=256k tmpfs "$OUT" && cp -a "$EARLIER/." "$OUT/" && { ${leadqRun}; echo "exit=$?"; } ; cp -a "$OUT/." "$AFTER/"`
      : `cp -a "$EARLIER/." "$OUT/" && { ulimit -f 256; ${leadqRun}; echo "exit=$?"; } ; cp -a "$OUT/." "$AFTER/"`;
    const command = CAN_MOUNT ? ['unshare', '--user', '--map-root-user', '--mount', 'sh', '-c', script] : ['sh', '-c', script];
    const stdout = execFileSync(command[0], command.slice(1), { env: { ...process.env, OUT: out, EARLIER: earlier, AFTER: after }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(stdout.trim()).toBe('exit=1');
    expect(snapshot(after)).toEqual(snapshot(earlier));
  });

  test('the message names the file and the cause', () => {
    const dir = tempDir();
    const input = write(dir, 'big.csv', HEADER + leadRows(40_000));
    const out = path.join(dir, 'target');
    fs.mkdirSync(out);
    const leadqRun = `"${process.execPath}" "${BIN}" score "${input}" --rules "${RULES}" --as-of ${AS_OF} --out-dir "$OUT" 2>&1; true`;
    const script = CAN_MOUNT ? `mount -t tmpfs -o size=256k tmpfs "$OUT" && ${leadqRun}` : `ulimit -f 256; ${leadqRun}`;
    const command = CAN_MOUNT ? ['unshare', '--user', '--map-root-user', '--mount', 'sh', '-c', script] : ['sh', '-c', script];
    const output = execFileSync(command[0], command.slice(1), { env: { ...process.env, OUT: out }, encoding: 'utf8' });
    expect(output).toContain('[OUTPUT_WRITE]');
    expect(output).toMatch(CAN_MOUNT ? /disk is full/ : /larger than the system allows/);
    expect(output).toMatch(new RegExp(`${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\w+\\.csv `));
    expect(output).not.toMatch(/internal error/);
  });
});
