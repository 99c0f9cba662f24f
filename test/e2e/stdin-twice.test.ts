/**
 * Runs that read the export twice (related files' keys first, accounts, dedupe, backtest, calibrate,
 * diff's older file) take it from standard input too: leadq copies standard input to a temporary
 * file as it reads it and reads the copy the second time. The outputs are those of the same file
 * given by its path, in one block or many, and the copy is gone when the run ends.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, read, REPO, tempDir, write } from './helpers.js';
import { assertBuilt, BIN } from '../safety/cli-process.js';

afterEach(cleanTempDirs);

const example = (name: string) => path.join(REPO, 'examples', name);

/** `leadq args` in a child process with `input` on standard input and TMPDIR set to `tmp` */
function leadq(args: string[], input: Buffer | string, tmp: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TMPDIR: tmp } });
}

/** The same run with the export from standard input and by its path: both outputs, and the temporary folder after the first. */
function both(args: (input: string, out: string) => string[], file: string) {
  assertBuilt();
  const dir = tempDir();
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp);
  const piped = leadq(args('-', path.join(dir, 'piped')), fs.readFileSync(file), tmp);
  const leftInTmp = fs.readdirSync(tmp);
  const named = leadq(args(file, path.join(dir, 'named')), '', tmp);
  return { dir, piped, named, leftInTmp };
}

describe('standard input read twice', () => {
  test('related files: the leads\' keys, then the scoring, from one copy; the same output as the file, in one block or many', () => {
    for (const blocks of [[], ['--block-size', '4096', '--threads', '2']]) {
      const { dir, piped, named, leftInTmp } = both((input, out) => ['score', input, '-r', 'rules.example.yaml', '--spend', 'examples/spend.csv', '--out-dir', out, '-q', ...blocks], example('leads.csv'));
      expect([piped.status, piped.stderr]).toEqual([0, '']);
      expect(named.status).toBe(0);
      const written = fs.readdirSync(path.join(dir, 'named')).filter((f) => f.endsWith('.csv'));
      expect(written).toEqual(expect.arrayContaining(['scored.csv', 'sql.csv']));
      expect(fs.readdirSync(path.join(dir, 'piped')).sort()).toEqual(fs.readdirSync(path.join(dir, 'named')).sort());
      for (const f of written) expect(read(path.join(dir, 'piped', f))).toBe(read(path.join(dir, 'named', f)));
      const summary = JSON.parse(read(path.join(dir, 'piped', 'summary.json'))) as { inputs: string[]; related: { matched: number }[] };
      expect(summary.inputs).toEqual(['stdin']);
      expect(summary.related[0].matched).toBeGreaterThan(0);
      expect(leftInTmp).toEqual([]);
    }
  });

  test('accounts: the accounts pass and the scoring pass read the same bytes', () => {
    const { dir, piped, named, leftInTmp } = both((input, out) => ['score', input, '-r', 'examples/accounts.yaml', '--out-dir', out, '-q'], example('leads.csv'));
    expect([piped.status, piped.stderr]).toEqual([0, '']);
    expect(named.status).toBe(0);
    for (const f of ['scored.csv', 'accounts.csv']) expect(read(path.join(dir, 'piped', f))).toBe(read(path.join(dir, 'named', f)));
    expect(leftInTmp).toEqual([]);
  });

  test('dedupe: the keys pass, then the rows that win', () => {
    const dir = tempDir();
    const rules = write(dir, 'rules.yaml', 'columns: { email: Email }\nengagement:\n  - { name: visits, per: Visits, points: 10 }\nstages:\n  - name: lead\ndedupe: { key: email }\n');
    const input = write(dir, 'in.csv', 'ID,Email,Visits\n1,ann@x.example,1\n2,ANN@x.example ,4\n3,bob@x.example,2\n');
    const runs = both((i, out) => ['score', i, '-r', rules, '--out-dir', out, '-q'], input);
    const { piped, named } = runs;
    expect([piped.status, piped.stderr]).toEqual([0, '']);
    expect(named.status).toBe(0);
    const ids = (out: string) => read(path.join(out, 'scored.csv')).trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[0]);
    expect(ids(path.join(runs.dir, 'piped'))).toEqual(['1', '3']);
    for (const f of ['scored.csv', 'duplicates.csv']) expect(read(path.join(runs.dir, 'piped', f))).toBe(read(path.join(runs.dir, 'named', f)));
    // backtest makes the same first pass: from standard input too, the rows score keeps
    const withOutcome = write(dir, 'outcome.csv', 'ID,Email,Visits,Won\n1,ann@x.example,1,no\n2,ANN@x.example ,4,yes\n3,bob@x.example,2,yes\n');
    const back = both((i) => ['backtest', i, '-r', rules, '--outcome', 'Won', '--json'], withOutcome);
    expect([back.piped.status, back.piped.stderr]).toEqual([0, '']);
    const leads = (r: { stdout: string }) => (JSON.parse(r.stdout) as { leads: unknown }).leads;
    expect(leads(back.piped)).toMatchObject({ read: 3, duplicates: 1, judged: 2, converted: 1 });
    expect(leads(back.piped)).toEqual(leads(back.named));
    expect(back.leftInTmp).toEqual([]);
  });

  test('backtest and calibrate with the activity log: the report names stdin and says what the file run says', () => {
    const args = ['--rules', 'rules.example.yaml', '--related', 'activities=examples/history-activities.csv', '--outcome', 'Converted', '--as-of', '2026-05-01'];
    const back = both((input) => ['backtest', input, ...args, '--json'], example('history.csv'));
    expect([back.piped.status, back.piped.stderr]).toEqual([0, '']);
    const report = (r: { stdout: string }) => JSON.parse(r.stdout) as { inputs: string[]; auc: unknown; stages: unknown };
    expect(report(back.piped).inputs).toEqual(['stdin']);
    expect({ ...report(back.piped), inputs: [] }).toEqual({ ...report(back.named), inputs: [] });
    const cal = both((input, out) => ['calibrate', input, ...args, '--out', `${out}.yaml`, '-q'], example('history.csv'));
    expect(cal.piped.status).toBe(0);
    const body = (f: string) => read(f).split('\n').filter((l) => !l.startsWith('# Calibrated by')).join('\n');
    expect(read(path.join(cal.dir, 'piped.yaml'))).toMatch(/^# Calibrated by leadq calibrate from rules\.example\.yaml on stdin /m);
    expect(body(path.join(cal.dir, 'piped.yaml'))).toBe(body(path.join(cal.dir, 'named.yaml')));
    expect(cal.leftInTmp).toEqual([]);
  });

  test('diff: the older file from standard input (its removed leads are fetched again); both from standard input is a usage error', () => {
    assertBuilt();
    const dir = tempDir();
    const tmp = path.join(dir, 'tmp');
    fs.mkdirSync(tmp);
    const scoreAt = (asOf: string, out: string) => leadq(['score', 'examples/leads.csv', '-r', 'rules.example.yaml', '--as-of', asOf, '-o', out, '-q'], '', tmp);
    const before = path.join(dir, 'before.csv');
    const after = path.join(dir, 'after.csv');
    expect(scoreAt('2026-12-01', before).status).toBe(0);
    expect(scoreAt('2026-12-07', after).status).toBe(0);
    // the older file without its last ten leads: ten leads are new in the newer one
    const lines = read(before).split('\n');
    const older = lines.slice(0, lines.length - 11).join('\n') + '\n';
    const piped = leadq(['diff', '-', after], older, tmp);
    const named = leadq(['diff', write(dir, 'older.csv', older), after], '', tmp);
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe(named.stdout);
    expect(piped.stderr).toMatch(/10 new/);
    expect(fs.readdirSync(tmp)).toEqual([]);
    const twice = leadq(['diff', '-', '-'], older, tmp);
    expect([twice.status, twice.stderr]).toEqual([2, expect.stringContaining('standard input (-) can be read only once')]);
  });

  test('a temporary folder that cannot be written: exit 1, the error says why standard input is copied and what to do', () => {
    assertBuilt();
    const dir = tempDir();
    const r = leadq(['score', '-', '-r', 'rules.example.yaml', '-o', path.join(dir, 'out.csv')], read(example('leads.csv')), path.join(dir, 'no', 'such', 'folder'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^leadq: stdin is read twice in this run, so leadq copies it to a temporary file in .*, and that failed: the folder does not exist \[INPUT_READ\]\n\s*hint: give the export as a file, or point TMPDIR at a folder with room for it/);
    expect(fs.existsSync(path.join(dir, 'out.csv'))).toBe(false);
  });
});
