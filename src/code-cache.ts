/**
 * Runs a CommonJS bundle with V8's code cache: start-up of a short run was mostly Node compiling
 * ~60 modules and the libraries (docs/performance.md, "Start-up"). `scripts/bundle.mjs` writes
 * the cache after a warm-up run; here it is handed back to V8, which checks it against the
 * source and its own version and flags, and compiles from scratch (just slower) when it does not fit.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export interface CachedBundle {
  /** What the bundle assigned to `module.exports`. */
  exports: Record<string, unknown>;
  /** The compiled script: `createCachedData()` gives a cache for the functions compiled so far. */
  script: Script;
  /** True when a cache was given and V8 refused it; undefined when there was none. */
  rejected: boolean | undefined;
}

export function cacheFileFor(bundle: string): string {
  return `${bundle}.cache`;
}

/** Loads `bundle` (a CommonJS file) as Node would, with the cache next to it when there is one. */
export function loadBundle(bundle: string): CachedBundle {
  const source = readFileSync(bundle, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFileFor(bundle));
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
