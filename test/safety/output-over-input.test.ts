/**
 * No command writes an output over a file it reads or its ruleset names: the ruleset, the exports,
 * related files (the ruleset's paths and --related's, of a --compare ruleset too), account files
 * and the spend file (the ruleset's and --spend's). Each is refused before anything is read
 * (exit 2, OUTPUT_IS_INPUT), and every file in the folder keeps its bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test } from '@jest/globals';
import { cleanTempDirs, REPO, run, snapshot, tempDir, write } from '../e2e/helpers.js';

afterEach(cleanTempDirs);

const example = (name: string) => fs.readFileSync(path.join(REPO, name), 'utf8');
/** the ruleset's spend: list replaced by the file form, so that the ruleset names a spend file */
const withSpendFile = (text: string, file: string) => text.replace(/^spend:\n(?: {2}.*\n)+/m, `spend: { file: ${file} }\n`);

interface Folder { dir: string; sql: string; accounts: string; out: string }

/**
 * rules.yaml: the example ruleset (a related file, examples/activities.csv, and a spend file),
 * for leadq sql; accounts.yaml: the accounts example (related activities.csv, account file
 * intent.csv, spend file spend.csv). out/ holds an earlier backtest's stages.csv.
 */
function folder(): Folder {
  const dir = tempDir();
  const sql = write(dir, 'rules.yaml', withSpendFile(example('rules.example.yaml'), 'examples/spend.csv'));
  for (const name of ['activities.csv', 'spend.csv']) write(dir, `examples/${name}`, example(`examples/${name}`));
  const accounts = write(dir, 'accounts.yaml', withSpendFile(example('examples/accounts.yaml'), 'spend.csv'));
  for (const name of ['activities.csv', 'intent.csv', 'spend.csv', 'history.csv']) write(dir, name, example(`examples/${name}`));
  // a --compare ruleset whose activity log is the out/stages.csv a backtest --out-dir out writes
  write(dir, 'out/other.yaml', example('examples/accounts.yaml').replace('file: activities.csv', 'file: stages.csv').replace('file: intent.csv', 'file: ../intent.csv'));
  write(dir, 'out/stages.csv', example('examples/activities.csv'));
  return { dir, sql, accounts, out: path.join(dir, 'out') };
}

const at = (f: Folder, name: string) => path.join(f.dir, name);
const sql = (f: Folder, ...extra: string[]) => ['sql', f.sql, '--dialect', 'duckdb', '--table', 'leads', ...extra];
const history = (f: Folder, command: string, ...extra: string[]) => [command, at(f, 'history.csv'), '-r', f.accounts, '--outcome', 'Converted', '-q', ...extra];

test.each<[string, (f: Folder) => string[]]>([
  ['sql --out the ruleset', (f) => sql(f, '--out', f.sql)],
  ['sql --out the --spend file', (f) => sql(f, '--summary', '--spend', at(f, 'spend.csv'), '--out', at(f, 'spend.csv'))],
  ['sql --out the ruleset\'s spend file', (f) => sql(f, '--summary', '--out', at(f, 'examples/spend.csv'))],
  ['sql --out the --input export', (f) => sql(f, '--input', at(f, 'history.csv'), '--out', at(f, 'history.csv'))],
  ['sql --out the ruleset\'s related file (a table in SQL, a file all the same)', (f) => sql(f, '--out', at(f, 'examples/activities.csv'))],
  ['calibrate --out a related file', (f) => history(f, 'calibrate', '--out', at(f, 'activities.csv'))],
  ['calibrate --out the --related file', (f) => history(f, 'calibrate', '--related', `activities=${at(f, 'out/stages.csv')}`, '--out', at(f, 'out/stages.csv'))],
  ['calibrate --out an account file', (f) => history(f, 'calibrate', '--out', at(f, 'intent.csv'))],
  ['calibrate --out the spend file', (f) => history(f, 'calibrate', '--out', at(f, 'spend.csv'))],
  ['backtest --out-dir over the --related file', (f) => history(f, 'backtest', '--related', `activities=${at(f, 'out/stages.csv')}`, '--out-dir', f.out)],
  ['backtest --out-dir over the --compare ruleset\'s related file', (f) => history(f, 'backtest', '--compare', at(f, 'out/other.yaml'), '--out-dir', f.out)],
  ['diff --out the related file of its --rules', (f) => ['diff', at(f, 'history.csv'), at(f, 'history.csv'), '-r', f.accounts, '--out', at(f, 'activities.csv')]],
])('%s: exit 2 before reading, every file unchanged', async (_what, argv) => {
  const f = folder();
  const before = snapshot(f.dir);
  const result = await run(argv(f));
  expect(result.err).toContain('[OUTPUT_IS_INPUT]');
  expect(result.code).toBe(2);
  expect(snapshot(f.dir)).toEqual(before);
});

test('the same commands write where no input is', async () => {
  const f = folder();
  expect((await run(sql(f, '--summary', '--spend', at(f, 'spend.csv'), '--out', at(f, 'summary.sql')))).code).toBe(0);
  expect((await run(history(f, 'backtest', '--out-dir', path.join(f.dir, 'report')))).code).toBe(0);
  expect(fs.existsSync(path.join(f.dir, 'report', 'stages.csv'))).toBe(true);
});
