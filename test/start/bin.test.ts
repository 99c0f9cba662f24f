/**
 * bin/leadq.js starts from the bundle when the build made one, and from dist/ when there is none
 * or when tsc has compiled dist/ again since (a stale bundle would run yesterday's code).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), 'leadq-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// a copy of the built package, whose bundle only says that it ran
cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
const bundle = join(dir, 'dist', 'bundle', 'leadq.js');
writeFileSync(bundle, 'exports.main = async () => 42;\n');
rmSync(`${bundle}.cache`, { force: true });

const leadq = () => spawnSync(process.execPath, [join(dir, 'bin', 'leadq.js'), '--version'], { encoding: 'utf8' });
const age = (file: string, secondsAgo: number) => utimesSync(file, new Date(), new Date(Date.now() - secondsAgo * 1000));

describe('bin/leadq.js', () => {
  test('runs the bundle when it is at least as new as dist/', () => {
    age(join(dir, 'dist', 'cli.js'), 60);
    age(bundle, 0);
    expect(leadq().status).toBe(42);
  });

  test('runs dist/ when tsc compiled it after the bundle was made', () => {
    age(bundle, 60);
    age(join(dir, 'dist', 'cli.js'), 0);
    const r = leadq();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('runs dist/ when there is no bundle', () => {
    rmSync(join(dir, 'dist', 'bundle'), { recursive: true });
    expect(leadq().status).toBe(0);
  });
});
