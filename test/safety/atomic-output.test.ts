/**
 * Outputs are committed together or not at all: a run that fails after hundreds of kilobytes were
 * already written to its temporary files (a quote that never closes, --max-rejects passed
 * late) leaves the earlier outputs byte-identical and no temporary file; a rerun that succeeds
 * keeps the permissions of the files it replaces (scored leads are personal data). An output
 * that cannot be replaced (a directory in its place) is refused before the work, in every command.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from '@jest/globals';
import { AS_OF, cleanTempDirs, REPO, run, snapshot, tempDir, write } from '../e2e/helpers.js';
import { OUT_FILES } from '../../src/commands/backtest.js';
import { HEADER, leadRows } from './cli-process.js';

const RULES = fileURLToPath(new URL('./fixtures/rules.yaml', import.meta.url));

afterEach(cleanTempDirs);

function withEarlierRun(dir: string): string {
  const out = path.join(dir, 'out');
  for (const [name, text] of [['scored.csv', 'id\nearlier\n'], ['warm.csv', 'id\n'], ['summary.json', '{ "earlier": true }\n']]) write(out, name, text);
  return out;
}

describe('a run that fails late', () => {
  test.each([
    ['a quote that does not close within --max-record-size after 3 000 rows', `${HEADER}${leadRows(3_000)}3001,"open,1,2026-10-01,Web\n${leadRows(20)}`, ['--max-record-size', '300'], 'INPUT_CSV'],
    ['a row past --max-rejects after 3 000 rows', `${HEADER}${leadRows(3_000)}3001,short\n`, ['--max-rejects', '0'], 'INPUT_REJECTS'],
    ['invalid UTF-8 after 3 000 rows', Buffer.concat([Buffer.from(HEADER + leadRows(3_000)), Buffer.from([0xff, 0x0a])]), [], 'INPUT_ENCODING'],
  ] as const)('%s: exit 1, earlier outputs byte-identical, no temp file', async (_what, text, extra, code) => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', text);
    const out = withEarlierRun(dir);
    const before = snapshot(dir);
    // small blocks: the rows before the failure are scored and written out first
    const result = await run(['score', input, '--rules', RULES, '--out-dir', out, '--as-of', AS_OF, '--block-size', '16384', ...extra]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`[${code}]`);
    expect(result.err).toContain(`${input}:3002`);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('file permissions', () => {
  test('a replaced output keeps its mode; a new one gets the default', async () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', HEADER + leadRows(5));
    const out = withEarlierRun(dir);
    fs.chmodSync(path.join(out, 'scored.csv'), 0o600);
    fs.chmodSync(path.join(out, 'warm.csv'), 0o640);
    expect((await run(['score', input, '--rules', RULES, '--out-dir', out, '--as-of', AS_OF])).code).toBe(0);
    const mode = (name: string) => fs.statSync(path.join(out, name)).mode & 0o777;
    expect(fs.readFileSync(path.join(out, 'scored.csv'), 'utf8')).toMatch(/^id,name/);
    expect([mode('scored.csv'), mode('warm.csv')]).toEqual([0o600, 0o640]);
    expect(mode('lead.csv')).toBe(0o644 & ~process.umask());
  });
});

describe('an output in the way is found before any work', () => {
  const history = path.join(REPO, 'examples', 'history.csv');
  const example = path.join(REPO, 'rules.example.yaml');
  const backtest = (outDir: string) => ['backtest', history, '-r', example, '--outcome', 'Converted', '--out-dir', outDir, '-q'];

  /** what an earlier backtest --out-dir left, calibration.svg since replaced by a directory */
  function earlierBacktest(dir: string): string {
    const out = path.join(dir, 'report');
    for (const name of OUT_FILES) write(out, name, `earlier ${name}\n`);
    fs.rmSync(path.join(out, 'calibration.svg'));
    fs.mkdirSync(path.join(out, 'calibration.svg'));
    return out;
  }

  test.each<[string, (dir: string) => string[], number, string]>([
    ['backtest --out-dir holding a directory where an output goes', (dir) => backtest(earlierBacktest(dir)), 2, 'USAGE'],
    ['backtest --out-dir naming a file', (dir) => backtest(write(dir, 'report', 'a file\n')), 1, 'OUTPUT_WRITE'],
    ['calibrate --out a directory', (dir) => ['calibrate', history, '-r', example, '--outcome', 'Converted', '--out', earlierBacktest(dir), '-q'], 2, 'USAGE'],
    ['diff --out a directory', (dir) => ['diff', history, history, '--out', earlierBacktest(dir), '-q'], 2, 'USAGE'],
    ['sql --out a directory', (dir) => ['sql', example, '--dialect', 'duckdb', '--table', 'leads', '--out', earlierBacktest(dir)], 2, 'USAGE'],
  ])('%s: refused, every earlier file byte-identical', async (_what, argv, exit, code) => {
    const dir = tempDir();
    const args = argv(dir);
    const before = snapshot(dir);
    const result = await run(args);
    expect(result.err).toContain(`[${code}]`);
    expect(result.code).toBe(exit);
    expect(snapshot(dir)).toEqual(before);
  });
});
