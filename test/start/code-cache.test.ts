/**
 * The bundle loader of bin/leadq.js: a CommonJS file runs as Node would run it, with V8's code
 * cache when one fits, and without it (compiled from scratch) when it is missing or does not fit.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheContent, cacheFileFor, loadBundle } from '../../src/code-cache.js';

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
    writeFileSync(cacheFileFor(file), cacheContent(file, first.script.createCachedData()));
    const second = loadBundle(file);
    expect(second.rejected).toBe(false);
    expect((second.exports.total as (xs: number[]) => number)([4, 5])).toBe(9);
  });

  test('a cache made before the bundle changed is not used, even when the size stayed the same', () => {
    const file = writeBundle();
    writeFileSync(cacheFileFor(file), cacheContent(file, loadBundle(file).script.createCachedData()));
    // V8 itself would take it: it checks the source only by its length
    writeFileSync(file, readFileSync(file, 'utf8').replace('s += x', 's -= x'));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const loaded = loadBundle(file);
    expect(loaded.rejected).toBeUndefined();
    expect((loaded.exports.total as (xs: number[]) => number)([4, 5])).toBe(-9);
  });

  test('a cache V8 cannot use (another Node, or garbage) is refused and the bundle still runs', () => {
    const file = writeBundle();
    writeFileSync(cacheFileFor(file), cacheContent(file, Buffer.from('not a code cache')));
    const loaded = loadBundle(file);
    expect(loaded.rejected).toBe(true);
    expect((loaded.exports.total as (xs: number[]) => number)([2, 2])).toBe(4);
    writeFileSync(cacheFileFor(file), Buffer.from('short')); // not even a stamp
    expect(loadBundle(file).rejected).toBeUndefined();
  });
});

describe('the build (npm run build)', () => {
  test('leaves a bundle whose code cache a plain `node` (as bin/leadq.js runs) takes', () => {
    const root = resolve(fileURLToPath(new URL('../../', import.meta.url)));
    // and runs strict, as the ES modules it was made from (a function's .caller throws then)
    const probe = "import('./dist/code-cache.js').then((m) => { const b = m.loadBundle(process.argv[1]); let strict = false; try { b.exports.defaultIo.caller; } catch { strict = true; } process.stdout.write(`${typeof b.exports.main} ${b.rejected} strict:${strict}`); })";
    const r = spawnSync(process.execPath, ['-e', probe, join(root, 'dist', 'bundle', 'leadq.js')], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('function false strict:true');
  });
});
