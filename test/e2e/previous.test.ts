/**
 * `leadq score … --previous yesterday/scored.csv`: changes.csv beside the outputs, the bytes
 * `leadq diff` writes for the same files, committed with the other outputs or not at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, read, REPO, run, snapshot, tempDir, write } from './helpers.js';

afterEach(cleanTempDirs);

const RULES = path.join(REPO, 'rules.example.yaml');
const LEADS = path.join(REPO, 'examples', 'leads.csv');

/** A directory with yesterday's run of the example export, and a second export for today. */
async function nights(): Promise<{ dir: string; yesterday: string; today: string }> {
  const dir = tempDir();
  const yesterday = path.join(dir, 'yesterday');
  expect((await run(['score', LEADS, '-r', RULES, '--as-of', '2026-11-01', '-q', '--out-dir', yesterday])).code).toBe(0);
  // today's export: one lead fewer, one more
  const lines = read(LEADS).split('\n');
  const added = lines[2].replace(/^\d+,/, '99999,');
  const today = write(dir, 'today.csv', [...lines.slice(0, 3), ...lines.slice(4, -1), added, ''].join('\n'));
  return { dir, yesterday, today };
}

const score = (input: string, ...extra: string[]) => run(['score', input, '-r', RULES, '--as-of', '2027-01-15', ...extra]);

describe('score --previous', () => {
  test('writes changes.csv into --out-dir: the bytes leadq diff writes for the same two files', async () => {
    const { dir, yesterday, today } = await nights();
    const out = path.join(dir, 'today');
    const result = await score(today, '--out-dir', out, '--previous', path.join(yesterday, 'scored.csv'));
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/^leadq: since .*yesterday\/scored\.csv: \d+ entered sql, \d+ left sql; 1 new, 1 removed, \d+ up, \d+ down, \d+ score; \d+ changes written$/m);
    const changes = read(path.join(out, 'changes.csv'));
    const diffOut = path.join(dir, 'diff.csv');
    expect((await run(['diff', path.join(yesterday, 'scored.csv'), path.join(out, 'scored.csv'), '-r', RULES, '--out', diffOut, '-q'])).code).toBe(0);
    expect(changes).toBe(read(diffOut));
    expect(changes).toMatch(/\n99999,new,/);
  });

  test('may read the scored.csv it replaces: compared before the outputs are moved into place', async () => {
    const { yesterday, today } = await nights();
    const earlier = read(path.join(yesterday, 'scored.csv'));
    const result = await score(today, '--out-dir', yesterday, '--previous', path.join(yesterday, 'scored.csv'), '-q');
    expect([result.code, result.err]).toEqual([0, '']);
    expect(read(path.join(yesterday, 'scored.csv'))).not.toBe(earlier);
    expect(read(path.join(yesterday, 'changes.csv'))).toMatch(/\n99999,new,/);
  });

  test('with --out FILE, beside it as <name>.changes.csv', async () => {
    const { dir, yesterday, today } = await nights();
    const result = await score(today, '--out', path.join(dir, 'scored-today.csv'), '--previous', path.join(yesterday, 'scored.csv'), '-q');
    expect(result.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'scored-today.changes.csv'))).toBe(true);
  });

  test.each([
    ['standard output', [], 2, 'USAGE', /give --out-dir DIR or --out FILE/],
    ['a previous file leadq score did not write', ['--previous-file', LEADS], 2, 'DIFF_NOT_SCORED', /leads\.csv has no column .*: not a file leadq score wrote/],
    ['a previous file from other stages', ['--previous-file', 'other-stages'], 1, 'DIFF_STAGES', /stage "hot" is not on the ladder of/],
    ['another output on changes.csv', ['--out-dir', 'out', '--summary', 'out/changes.csv'], 2, 'OUTPUT_COLLISION', /changes\.csv would be written twice/],
  ])('%s: nothing written or replaced', async (_what, extra, code, errorCode, message) => {
    const { dir, yesterday, today } = await nights();
    const args = [...extra];
    let previous = path.join(yesterday, 'scored.csv');
    const at = args.indexOf('--previous-file');
    if (at >= 0) {
      previous = args[at + 1] === 'other-stages'
        ? write(dir, 'other.csv', read(previous).replace(/,lead,P3,/, ',hot,P3,'))
        : args[at + 1];
      args.splice(at, 2, '--out-dir', path.join(dir, 'yesterday'));
    }
    const resolved = args.map((a) => (a === 'out' || a.startsWith('out/') ? path.join(dir, a) : a));
    const before = snapshot(dir);
    const result = await score(today, ...resolved, '--previous', previous);
    expect(result.code).toBe(code);
    expect(result.err).toContain(`[${errorCode}]`);
    expect(result.err).toMatch(message);
    expect(snapshot(dir)).toEqual(before);
  });
});
