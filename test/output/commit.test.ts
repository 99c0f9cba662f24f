/**
 * OutputSet.commit puts a run's files in place all or none: when one cannot be moved into place
 * (here a target that became a directory after the run began, which no up-front check sees),
 * every file already moved gets its previous bytes back, a file that did not exist before is
 * gone again, the stale files of an --out-dir are back, and no temporary or backup file stays.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { LeadqError } from '../../src/model/errors.js';
import { MANIFEST_NAME } from '../../src/output/manifest.js';
import { OutputSet } from '../../src/output/sinks.js';
import { cleanTempDirs, REPO, tempDir, write } from '../e2e/helpers.js';
import { assertBuilt } from '../safety/cli-process.js';

afterEach(cleanTempDirs);

/** A folder as an earlier --out-dir run left it: a.csv, b.csv, c.csv and old.csv, listed in its manifest. */
async function earlierRun(): Promise<string> {
  const dir = tempDir();
  const out = new OutputSet();
  out.keepManifest(dir);
  for (const name of ['a.csv', 'b.csv', 'c.csv', 'old.csv']) out.open(path.join(dir, name)).write(`earlier ${name}\n`);
  await out.commit();
  return dir;
}

/** A run writing a.csv, b.csv, c.csv and new.csv (not old.csv: stale) into `dir`, committed after `before` runs. */
async function commitRun(dir: string, before: () => void): Promise<unknown> {
  const out = new OutputSet();
  out.keepManifest(dir);
  for (const name of ['a.csv', 'new.csv', 'b.csv', 'c.csv']) out.open(path.join(dir, name)).write(`later ${name}\n`);
  before();
  try {
    await out.commit();
    return undefined;
  } catch (error) {
    return error;
  }
}

const names = (dir: string) => fs.readdirSync(dir).sort();

describe('a commit that fails part way', () => {
  test.each([
    ['the first target', 'a.csv'],
    ['a target in the middle, after a new file was placed', 'b.csv'],
    ['the last target', 'c.csv'],
    ['the manifest, after the stale file was taken away', MANIFEST_NAME],
  ])('%s became a directory: every earlier file byte-identical, nothing left over', async (_what, blocked) => {
    const dir = await earlierRun();
    const manifest = fs.readFileSync(path.join(dir, MANIFEST_NAME));
    const error = await commitRun(dir, () => {
      fs.rmSync(path.join(dir, blocked));
      fs.mkdirSync(path.join(dir, blocked));
    });
    expect(error).toBeInstanceOf(LeadqError);
    expect((error as LeadqError).code).toBe('OUTPUT_WRITE');
    expect((error as LeadqError).message).toContain('earlier outputs are unchanged');
    // what the folder held just before the commit (but for the directory), and nothing else
    fs.rmdirSync(path.join(dir, blocked));
    expect(names(dir)).toEqual(['a.csv', 'b.csv', 'c.csv', 'old.csv', MANIFEST_NAME].filter((n) => n !== blocked).sort());
    for (const name of ['a.csv', 'b.csv', 'c.csv', 'old.csv'].filter((n) => n !== blocked)) expect(fs.readFileSync(path.join(dir, name), 'utf8')).toBe(`earlier ${name}\n`);
    if (blocked !== MANIFEST_NAME) expect(fs.readFileSync(path.join(dir, MANIFEST_NAME))).toEqual(manifest);
  });
});

describe('a commit that succeeds', () => {
  test('new bytes in place, the stale file removed, no backup or temporary file left', async () => {
    const dir = await earlierRun();
    const inode = fs.statSync(path.join(dir, 'a.csv')).ino;
    // another name for the previous a.csv (a reader holding it, a hard link): it keeps the previous bytes
    fs.linkSync(path.join(dir, 'a.csv'), path.join(dir, 'a-yesterday.csv'));
    expect(await commitRun(dir, () => {})).toBeUndefined();
    expect(names(dir)).toEqual([MANIFEST_NAME, 'a-yesterday.csv', 'a.csv', 'b.csv', 'c.csv', 'new.csv']);
    expect(fs.readFileSync(path.join(dir, 'a.csv'), 'utf8')).toBe('later a.csv\n');
    expect(fs.readFileSync(path.join(dir, 'a-yesterday.csv'), 'utf8')).toBe('earlier a.csv\n');
    expect(fs.statSync(path.join(dir, 'a-yesterday.csv')).ino).toBe(inode);
  });

  test('a target that is a symlink is replaced by the file, its target untouched', async () => {
    const dir = tempDir();
    const elsewhere = write(dir, 'elsewhere.csv', 'kept\n');
    fs.symlinkSync(elsewhere, path.join(dir, 'scored.csv'));
    const out = new OutputSet();
    out.open(path.join(dir, 'scored.csv')).write('new\n');
    await out.commit();
    expect(fs.lstatSync(path.join(dir, 'scored.csv')).isSymbolicLink()).toBe(false);
    expect([fs.readFileSync(path.join(dir, 'scored.csv'), 'utf8'), fs.readFileSync(elsewhere, 'utf8')]).toEqual(['new\n', 'kept\n']);
    expect(names(dir)).toEqual(['elsewhere.csv', 'scored.csv']);
  });
});

/**
 * Where the file system has no hard links (FAT, some network shares), the previous file is
 * renamed aside instead. A child process of the built sinks with link() failing: Node's own
 * module loader lets the patched fs reach dist/ (jest's does not).
 */
test('without hard links: the previous file renamed aside, put back on failure, gone on success', () => {
  assertBuilt();
  const dir = tempDir();
  for (const name of ['a.csv', 'b.csv']) write(dir, name, `earlier ${name}\n`);
  const script = `
    import fs from 'node:fs';
    import { syncBuiltinESMExports } from 'node:module';
    fs.linkSync = () => { throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' }); };
    syncBuiltinESMExports();
    const { OutputSet } = await import(${JSON.stringify(path.join(REPO, 'dist', 'output', 'sinks.js'))});
    const dir = ${JSON.stringify(dir)};
    const run = async (block) => {
      const out = new OutputSet();
      for (const name of ['a.csv', 'new.csv', 'b.csv']) out.open(dir + '/' + name).write('later ' + name + '\\n');
      if (block) { fs.rmSync(dir + '/b.csv'); fs.mkdirSync(dir + '/b.csv'); }
      try { await out.commit(); } catch (error) { console.log(error.code); }
      if (block) fs.rmdirSync(dir + '/b.csv');
      console.log(JSON.stringify(fs.readdirSync(dir).sort().map((name) => [name, fs.readFileSync(dir + '/' + name, 'utf8')])));
    };
    await run(true);
    fs.writeFileSync(dir + '/b.csv', 'earlier b.csv\\n');
    await run(false);
  `;
  const lines = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim().split('\n');
  expect(lines).toEqual([
    'OUTPUT_WRITE',
    JSON.stringify([['a.csv', 'earlier a.csv\n']]),
    JSON.stringify([['a.csv', 'later a.csv\n'], ['b.csv', 'later b.csv\n'], ['new.csv', 'later new.csv\n']]),
  ]);
});
