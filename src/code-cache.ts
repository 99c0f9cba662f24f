/**
 * Runs a CommonJS bundle with V8's code cache: start-up of a short run was mostly Node compiling
 * ~60 modules and the libraries (docs/performance.md, "Start-up from one file"). scripts/bundle.mjs
 * writes the cache after a warm-up run; here it is handed back to V8, which checks it against its own
 * version and flags and compiles from scratch (just slower) when it does not fit. V8 checks the
 * source only by its length, so the cache file starts with the bundle's modification time and
 * size: a bundle changed since (rebuilt, patched) never runs code compiled from the old one.
 * (A hash of the source would be surer, but loading node:crypto alone takes 10 ms.)
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export interface CachedBundle {
  /** What the bundle assigned to `module.exports`. */
  exports: Record<string, unknown>;
  /** The compiled script: `createCachedData()` gives a cache for the functions compiled so far. */
  script: Script;
  /** True when a cache for this bundle was found and V8 refused it; undefined when there was none. */
  rejected: boolean | undefined;
}

export function cacheFileFor(bundle: string): string {
  return `${bundle}.cache`;
}

const STAMP_BYTES = 16;

/** What identifies the bundle file as it is now: its modification time and size. */
function stampOf(bundle: string): Buffer {
  const { mtimeMs, size } = statSync(bundle);
  const stamp = Buffer.alloc(STAMP_BYTES);
  stamp.writeDoubleLE(mtimeMs, 0);
  stamp.writeDoubleLE(size, 8);
  return stamp;
}

/** The cache file's content for `bundle` as it is now: its stamp, then V8's data. */
export function cacheContent(bundle: string, data: Buffer): Buffer {
  return Buffer.concat([stampOf(bundle), data]);
}

/** V8's data from a cache file, or undefined when the file was made for another bundle. */
function cachedDataFor(bundle: string, file: Buffer): Buffer | undefined {
  if (file.length <= STAMP_BYTES || !file.subarray(0, STAMP_BYTES).equals(stampOf(bundle))) return undefined;
  return file.subarray(STAMP_BYTES);
}

/** Loads `bundle` (a CommonJS file) as Node would, with the cache next to it when there is one. */
export function loadBundle(bundle: string): CachedBundle {
  const source = readFileSync(bundle, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = cachedDataFor(bundle, readFileSync(cacheFileFor(bundle)));
  } catch {
    // no cache: compile as usual
  }
  // the same wrapper Node puts around a CommonJS module
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return { exports: module.exports, script, rejected: cachedData ? script.cachedDataRejected : undefined };
}
