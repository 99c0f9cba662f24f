/**
 * The bundle loader of bin/leadq.js: a CommonJS file runs as Node would run it, with V8's code
 * cache when one fits, and without it (compiled from scratch) when it is missing or does not fit.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheFileFor, loadBundle } from '../../src/code-cache.js';

function writeBundle(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leadq-cache-'));
  const file = join(dir, 'bundle.js');
  writeFileSync(file, [
    "const { basename } = require('node:path');",
    'function total(xs) { let s = 0; for (const x of xs) s += x; return s; }',
    'module.exports = { total, file: basename(__filename), dir: __dirname, self: this === module.exports };',
  ].join('\n'));
  return file;
}

describe('loadBundle', () => {
  test('without a cache: the module runs with require, module, __filename and __dirname', () => {
    const file = writeBundle();
    const { exports, rejected } = loadBundle(file);
    expect(rejected).toBeUndefined();
    expect((exports.total as (xs: number[]) => number)([1, 2, 3])).toBe(6);
    expect(exports.file).toBe('bundle.js');
    expect(exports.dir).toBe(join(file, '..'));
    expect(exports.self).toBe(true);
  });

  test('the cache it writes is taken the next time', () => {
    const file = writeBundle();
    const first = loadBundle(file);
    (first.exports.total as (xs: number[]) => number)([1]);
    writeFileSync(cacheFileFor(file), first.script.createCachedData());
    const second = loadBundle(file);
    expect(second.rejected).toBe(false);
    expect((second.exports.total as (xs: number[]) => number)([4, 5])).toBe(9);
  });

  test('a cache that does not fit (another source, or garbage) is refused and the bundle still runs', () => {
    const file = writeBundle();
    writeFileSync(cacheFileFor(file), Buffer.from('not a code cache'));
    const loaded = loadBundle(file);
    expect(loaded.rejected).toBe(true);
    expect((loaded.exports.total as (xs: number[]) => number)([2, 2])).toBe(4);
  });
});

describe('the build (npm run build)', () => {
  test('leaves a bundle whose code cache a plain `node` (as bin/leadq.js runs) takes', () => {
    const root = resolve(fileURLToPath(new URL('../../', import.meta.url)));
    const probe = "import('./dist/code-cache.js').then((m) => { const b = m.loadBundle(process.argv[1]); process.stdout.write(`${typeof b.exports.main} ${b.rejected}`); })";
    const r = spawnSync(process.execPath, ['-e', probe, join(root, 'dist', 'bundle', 'leadq.js')], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('function false');
  });
});
