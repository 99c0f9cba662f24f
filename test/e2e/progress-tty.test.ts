/**
 * Progress under a real pseudo-terminal: `script` (util-linux) runs the built CLI with standard
 * error on a terminal, so the progress line appears; with --quiet, or with standard error a pipe,
 * it does not. LEADQ_PROGRESS_DELAY_MS=0 shows it from the first block (the default waits a
 * second, so quick runs stay quiet); small blocks make many updates.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, tempDir, write } from './helpers.js';
import { assertBuilt, BIN, HEADER, leadRows } from '../safety/cli-process.js';

afterEach(cleanTempDirs);

/** `script` comes with util-linux on every machine these tests run on: a missing one fails, never skips. */
function assertScript(): void {
  try { execFileSync('script', ['--version'], { stdio: 'ignore' }); } catch { throw new Error('these tests need script(1) from util-linux (apt-get install bsdutils) to run leadq under a pseudo-terminal'); }
}
const RULES = 'stages:\n  - name: lead\n  - name: mql\n    when: { column: employees, gte: 100 }\n';

/** The command under a pseudo-terminal; standard output and error both arrive on the terminal. */
function underTty(args: string[], env: Record<string, string> = {}): string {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('script', ['-qec', `stty cols 100; ${quoted}`, '/dev/null'], {
    encoding: 'utf8', env: { ...process.env, LEADQ_PROGRESS_DELAY_MS: '0', NO_COLOR: '1', ...env }, timeout: 60_000,
  });
  return r.stdout;
}

describe('progress on standard error (item 9)', () => {
  const setUp = () => {
    assertBuilt();
    assertScript();
    const dir = tempDir();
    return { dir, input: write(dir, 'in.csv', HEADER + leadRows(20_000)), rules: write(dir, 'rules.yaml', RULES) };
  };

  test('score on a terminal: rows, MB/s, elapsed and time left, then the line is erased', () => {
    const { dir, input, rules } = setUp();
    const out = underTty(['score', input, '-r', rules, '--out-dir', path.join(dir, 'out'), '--block-size', '4096', '--threads', '1']);
    expect(out).toMatch(/\rleadq: scoring [\d,]+ rows · [\d.]+ of [\d.]+ MB · [\d.]+ MB\/s · 0:\d\d elapsed · \d+:\d\d left\x1b\[K/);
    expect(out).toContain('\r\x1b[K');
    // the summary table follows on a clean line
    expect(out).toMatch(/\r\x1b\[Kleadq summary/);
  }, 60_000);

  test('--quiet: no progress', () => {
    const { dir, input, rules } = setUp();
    const out = underTty(['score', input, '-r', rules, '--out-dir', path.join(dir, 'out'), '--block-size', '4096', '-q']);
    expect(out).not.toContain('scoring');
  }, 60_000);

  test('standard input from a pipe: no size, so no time left', () => {
    const { dir, input, rules } = setUp();
    // `script` gives its command a terminal as standard input: the file comes through cat
    const piped = spawnSync('script', ['-qec', `cat '${input}' | '${process.execPath}' '${BIN}' score - -r '${rules}' --out '${path.join(dir, 'p.csv')}' --block-size 4096 --threads 1`, '/dev/null'], {
      encoding: 'utf8', env: { ...process.env, LEADQ_PROGRESS_DELAY_MS: '0', NO_COLOR: '1' }, timeout: 60_000,
    }).stdout;
    expect(piped).toMatch(/leadq: scoring [\d,]+ rows · [\d.]+ MB · [\d.]+ MB\/s · 0:\d\d elapsed\x1b\[K/);
    expect(piped).not.toMatch(/ left\x1b/);
  }, 60_000);

  test('inspect and diff on a terminal show it too', () => {
    const { dir, input, rules } = setUp();
    expect(underTty(['inspect', input])).toMatch(/leadq: reading [\d,]+ rows/);
    const a = path.join(dir, 'a');
    spawnSync(process.execPath, [BIN, 'score', input, '-r', rules, '--out-dir', a, '-q', '--as-of', '2026-11-01']);
    expect(underTty(['diff', path.join(a, 'scored.csv'), path.join(a, 'scored.csv'), '--out', path.join(dir, 'changes.csv')])).toMatch(/leadq: comparing [\d,]+ rows/);
  }, 60_000);

  test('not a terminal: no progress, whatever the delay', () => {
    const { dir, input, rules } = setUp();
    const r = spawnSync(process.execPath, [BIN, 'score', input, '-r', rules, '--out', path.join(dir, 'o.csv'), '--block-size', '4096'], {
      encoding: 'utf8', env: { ...process.env, LEADQ_PROGRESS_DELAY_MS: '0' },
    });
    expect(r.stderr).not.toContain('scoring');
    expect(fs.existsSync(path.join(dir, 'o.csv'))).toBe(true);
  }, 60_000);
});
