/**
 * `leadq diff` on standard output as cron uses it, with the built CLI: the changes on a pipe,
 * a reader that goes away, a full disk, and --exit-code's codes (2 for any failure, 1 only
 * for changes) with the message written once.
 */
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { cleanTempDirs, tempDir, write } from '../e2e/helpers.js';
import { assertBuilt, BIN } from './cli-process.js';

beforeAll(assertBuilt);
afterEach(cleanTempDirs);
jest.setTimeout(30_000);

const HEADER = 'lead_id,name,engagement_score,fit_score,score,bant,stage,priority,reasons,disqualified_reason\n';
const rows = (n: number, stage: (i: number) => string) => Array.from({ length: n }, (_, i) => `L${i},Lead ${i},0,0,${i},,${stage(i)},P3,rule,\n`).join('');

function files(n: number): { before: string; after: string } {
  const dir = tempDir();
  return {
    before: write(dir, 'before.csv', HEADER + rows(n, () => 'lead')),
    after: write(dir, 'after.csv', HEADER + rows(n, (i) => (i % 2 ? 'mql' : 'lead'))),
  };
}

/** Runs the CLI with standard output on `target`: a path opened for writing, or 'pipe'. */
function leadq(args: string[], target: string | 'pipe') {
  const fd = target === 'pipe' ? 'pipe' : fs.openSync(target, 'w');
  try {
    return spawnSync(process.execPath, [BIN, ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: '1' } });
  } finally {
    if (typeof fd === 'number') fs.closeSync(fd);
  }
}

describe('leadq diff on standard output', () => {
  test('the changes on a pipe, the tally on standard error', () => {
    const f = files(1000);
    const result = leadq(['diff', f.before, f.after], 'pipe');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(501);
    expect(result.stderr).toBe('leadq: 0 entered sql, 0 left sql; 0 new, 0 removed, 500 up, 0 down, 0 score; 500 changes written\n');
  });

  test.each([
    [[], 1],
    [['--exit-code'], 2],
  ])('> /dev/full %p: exit %i, the cause named once', (extra, code) => {
    const f = files(10);
    const result = leadq(['diff', f.before, f.after, '-q', ...extra], '/dev/full');
    expect(result.status).toBe(code);
    expect(result.stderr).toBe('leadq: cannot write to standard output: the disk is full (ENOSPC) [OUTPUT_WRITE]\n');
  });

  test('a reader that goes away (| head) ends it quietly with 0, --exit-code or not', () => {
    const f = files(200_000);
    for (const extra of [[], ['--exit-code']]) {
      const script = `"${process.execPath}" "${BIN}" diff "${f.before}" "${f.after}" -q ${extra.join(' ')} | head -1 > /dev/null; echo "exit=\${PIPESTATUS[0]}"`;
      const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
      expect(result.stdout.trim()).toBe('exit=0');
      expect(result.stderr).toBe('');
    }
  });
});
