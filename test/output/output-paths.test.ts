/** Where `leadq score` writes, and the choices it refuses before reading anything. */
import { afterEach, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { makeOutDir, outputPaths } from '../../src/output/output-paths.js';
import { refuseOutputClashes } from '../../src/output/guard.js';
import { LeadqError } from '../../src/model/errors.js';
import { cleanTempDirs, tempDir } from '../e2e/helpers.js';

afterEach(cleanTempDirs);

const codeOf = (action: () => unknown): string | undefined => {
  try { action(); } catch (error) { if (error instanceof LeadqError) return error.code; throw error; }
  return undefined;
};

describe('outputPaths', () => {
  test('--out: the rejects beside the scored file, no stage files', () => {
    const paths = outputPaths({ out: 'scored.csv', summary: 'run.md' }, ['lead', 'mql'], true);
    expect(paths).toEqual({
      scored: 'scored.csv', stages: [], rejects: 'scored.rejects.csv', summaries: [['run.md', 'md']],
      all: ['scored.csv', 'scored.rejects.csv', 'run.md'],
    });
  });

  test('standard output: no rejects file unless asked for', () => {
    expect(outputPaths({}, ['lead'], false).rejects).toBeUndefined();
    expect(outputPaths({ rejects: 'r.csv' }, ['lead'], false).all).toEqual(['-', 'r.csv']);
  });

  test('--out-dir: a file per stage and disqualified, rejects, duplicates with dedupe, summary.json first', () => {
    const dir = path.resolve('out');
    const paths = outputPaths({ outDir: 'out', summary: 'run.json' }, ['lead', 'mql'], true);
    expect(paths.scored).toBe(path.join(dir, 'scored.csv'));
    expect(paths.stages).toEqual(['lead', 'mql', 'disqualified'].map((s) => path.join(dir, `${s}.csv`)));
    expect([paths.rejects, paths.duplicates]).toEqual([path.join(dir, 'rejects.csv'), path.join(dir, 'duplicates.csv')]);
    expect(paths.summaries).toEqual([[path.join(dir, 'summary.json'), 'json'], ['run.json', 'json']]);
    expect(outputPaths({ outDir: 'out' }, ['lead'], false).duplicates).toBeUndefined();
  });

  test.each([
    [{ out: 'a.csv', outDir: 'out' }],
    [{ summary: 'summary.txt' }],
  ])('%p is a usage error', (choice) => {
    expect(codeOf(() => outputPaths(choice, ['lead'], false))).toBe('USAGE');
  });
});

describe('refuseOutputClashes and makeOutDir', () => {
  test('two outputs on one file, however spelt, clash; standard output never does', () => {
    expect(codeOf(() => refuseOutputClashes(['a.csv', './a.csv']))).toBe('OUTPUT_COLLISION');
    expect(codeOf(() => refuseOutputClashes(['-', '-', 'a.csv']))).toBeUndefined();
  });

  test('an output that is a directory is refused; a missing --out-dir is made, a file in its way is an error', () => {
    const dir = tempDir();
    expect(codeOf(() => refuseOutputClashes([dir]))).toBe('USAGE');
    makeOutDir(path.join(dir, 'a', 'b'));
    expect(fs.statSync(path.join(dir, 'a', 'b')).isDirectory()).toBe(true);
    fs.writeFileSync(path.join(dir, 'file'), '');
    expect(codeOf(() => makeOutDir(path.join(dir, 'file')))).toBe('OUTPUT_WRITE');
  });
});
