/**
 * Every command the README shows runs: the Quick start line(s) on a temp copy of examples/ and
 * rules.example.yaml, and each other code block's `leadq` lines in a temp dir of their own.
 * Relative paths in the commands are rewritten to absolute ones under the temp dir (no chdir).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, readCsv, REPO, run, summaryOf, tempDir } from './helpers.js';

/**
 * The example export holds a few values on purpose that do not parse ("50-200", "TBD"): one line
 * per column; its activity log a contact no longer in the export and a date that is not a date.
 */
const withoutValueWarnings = (err: string) => err
  .replace(/^leadq: warning: \d+ of \d+ values of column [^\n]*\n/gm, '')
  .replace(/^leadq: warning: 3 of [\d,]+ rows of "[^"\n]*activities\.csv" match no lead [^\n]*\n/gm, '')
  .replace(/^leadq: warning: 1 row of "[^"\n]*activities\.csv" has no timestamp that parses in column "Activity Date" [^\n]*"unknown"\)\n/gm, '');

afterEach(cleanTempDirs);

const README = path.join(REPO, 'README.md');
/** What the Quick start is expected to say, used only while README.md does not exist yet. */
const EXPECTED_QUICK_START = 'npx leadq score examples/leads.csv --rules rules.example.yaml --spend examples/spend.csv --out-dir out/';

interface Block {
  heading: string;
  lines: string[];
}

/** The fenced code blocks of a Markdown text, each with the heading it stands under. */
function codeBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let heading = '';
  let current: Block | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    if (current) {
      if (/^\s*(```|~~~)/.test(line)) { blocks.push(current); current = undefined; } else current.lines.push(line);
    } else if (/^\s*(```|~~~)/.test(line)) current = { heading, lines: [] };
    else if (/^#{1,6}\s/.test(line)) heading = line.replace(/^#+\s*/, '');
  }
  return blocks;
}

/** The leadq command lines of a block: `leadq …` or `npx leadq …`, a `$ ` prompt and `# comments` dropped. */
function commandLines(block: Block): string[] {
  const joined = block.lines.join('\n').replace(/\\\n\s*/g, ' ').split('\n');
  return joined
    .map((l) => l.trim().replace(/^\$\s+/, ''))
    .filter((l) => /^(npx )?leadq /.test(l))
    .map((l) => l.replace(/\s+#.*$/, '').trim());
}

/** Splits a command line like a shell would (quotes, no expansion). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}

/**
 * argv for main(): `npx leadq` / `leadq` stripped, relative paths (any word with a dot or a slash
 * that is not an option, and the FILE of `--related NAME=FILE`) made absolute under `dir`, so
 * nothing is ever written into the repo.
 */
function toArgv(line: string, dir: string): string[] {
  const words = shellWords(line);
  const start = words[0] === 'npx' ? 2 : 1;
  const local = (w: string) => (!w.startsWith('-') && !path.isAbsolute(w) && /[./]/.test(w) ? path.join(dir, w) : w);
  const given = words.slice(start);
  // --related NAME=FILE: only the file is a path
  const argv = given.map((w, i) => (given[i - 1] === '--related' ? w.replace(/=(.*)$/, (_all, file: string) => `=${local(file)}`) : local(w)));
  // `leadq init` alone writes rules.yaml in the current directory
  if (argv[0] === 'init' && argv.slice(1).every((a) => a.startsWith('-'))) argv.splice(1, 0, path.join(dir, 'rules.yaml'));
  return argv;
}

/** A temp dir holding a copy of examples/ and rules.example.yaml. */
function exampleCopy(): string {
  const dir = tempDir();
  fs.cpSync(path.join(REPO, 'examples'), path.join(dir, 'examples'), { recursive: true });
  fs.copyFileSync(path.join(REPO, 'rules.example.yaml'), path.join(dir, 'rules.example.yaml'));
  return dir;
}

const readme = fs.existsSync(README) ? fs.readFileSync(README, 'utf8') : undefined;
const blocks = readme === undefined ? [] : codeBlocks(readme);
const quickStartBlocks = blocks.filter((b) => /quick start/i.test(b.heading));
const quickStart = readme === undefined ? [EXPECTED_QUICK_START] : quickStartBlocks.flatMap(commandLines);

describe('README quick start', () => {
  test('has leadq commands, among them a score --out-dir', () => {
    expect(quickStart.length).toBeGreaterThan(0);
    expect(quickStart.some((l) => / score /.test(l) && /--out-dir|-d /.test(l))).toBe(true);
  });

  test('runs as written on a copy of the examples: exit 0, 300 scored rows, a numeric CPSQL', async () => {
    const dir = exampleCopy();
    for (const line of quickStart) {
      const argv = toArgv(line, dir);
      const result = await run(argv);
      expect({ line, code: result.code, err: withoutValueWarnings(result.err) }).toEqual({ line, code: 0, err: '' });
      const outDirAt = argv.findIndex((a) => a === '--out-dir' || a === '-d');
      if (argv[0] !== 'score' || outDirAt < 0) continue;
      const outDir = argv[outDirAt + 1];
      expect(readCsv(path.join(outDir, 'scored.csv'))).toHaveLength(1 + 300);
      expect(typeof summaryOf(outDir).cpsql).toBe('number');
      expect(summaryOf(outDir).rows).toEqual({ read: 300, scored: 300, rejected: 0 });
    }
  });

  test('rules.example.yaml validates against examples/leads.csv: no ruleset issue, the sample\'s odd values named', async () => {
    const result = await run(['validate', path.join(REPO, 'rules.example.yaml'), '--input', path.join(REPO, 'examples', 'leads.csv')]);
    expect(result.code).toBe(0);
    const lines = result.out.trim().split('\n');
    // the example export holds "50-200" employees and a "TBD" budget on purpose
    expect(lines.slice(0, -1)).toEqual([
      expect.stringMatching(/^warning: in .*leads\.csv, 2 of \d+ values of column "Number of Employees" are not a number.*"50-200"/),
      expect.stringMatching(/^warning: in .*leads\.csv, 2 of \d+ values of column "Budget" are not a number.*"TBD"/),
      expect.stringMatching(/^warning: in .*activities\.csv, 1 of \d+ rows have no timestamp that parses in "Activity Date" .*"unknown"/),
    ]);
    expect(lines.at(-1)).toMatch(/: ok — .*; 3 warnings; every column found in .*leads\.csv and its related files \(activities\)/);
    expect(result.out).not.toMatch(/error/);
  });
});

// The other blocks: lines with <placeholders>, [optional] parts or pipes are synopses, not runnable as they stand.
const runnable = blocks
  .filter((b) => !/quick start/i.test(b.heading))
  .map((b) => ({ heading: b.heading, lines: commandLines(b).filter((l) => !/[<>|[\]]/.test(l)) }))
  .filter((b) => b.lines.length > 0);

describe('README example blocks', () => {
  test('the README exists', () => {
    expect(readme).toBeDefined();
  });

  // export.csv and leads.csv stand for the user's own export: the bundled one here
  // (guarded: jest refuses an empty table, and a README without example blocks is fine)
  if (runnable.length > 0) test.each(runnable.map((b, i) => [i + 1, b.heading, b.lines] as const))('block %i (under "%s") runs in order', async (_i, _heading, lines) => {
    const dir = exampleCopy();
    for (const name of ['export.csv', 'leads.csv']) fs.copyFileSync(path.join(REPO, 'examples', 'leads.csv'), path.join(dir, name));
    for (const line of lines) {
      const result = await run(toArgv(line, dir));
      expect({ line, code: result.code, err: withoutValueWarnings(result.err) }).toEqual({ line, code: 0, err: '' });
    }
  }, 120_000);
});
