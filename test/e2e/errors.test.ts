/**
 * Errors end to end: exit codes, `rules.yaml:line:col` positions, and the promise that a failed
 * run writes nothing and leaves earlier outputs byte-identical.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, fixture, positionOf, read, readCsv, run, score, snapshot, tempDir, write } from './helpers.js';

afterEach(cleanTempDirs);

const LEADS = fixture('leads.csv');
const RULES = fixture('rules.yaml');
const SIMPLE_RULES = fixture('simple-rules.yaml');

/** Files a failed run left behind in `dir` (the directory may not even exist). */
const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

describe('a rule naming a column the export lacks', () => {
  const rules = fixture('missing-column.yaml');

  test('exits 2 naming the column, rules.yaml:line:col, the headers and a did-you-mean', async () => {
    const out = path.join(tempDir(), 'out');
    const result = await score(LEADS, rules, '--out-dir', out);
    expect(result.code).toBe(2);
    const { line, col } = positionOf(read(rules), 'column: industy', 'industy');
    expect(result.err).toContain(`${rules}:${line}:${col} `);
    expect(result.err).toContain('"industy"');
    expect(result.err).toContain(`available: ${read(LEADS).split('\n')[0].split(',').map((h) => `"${h}"`).join(', ')}`);
    expect(result.err).toMatch(/did you mean "industry"/);
    expect(filesIn(out)).toEqual([]);
  });

  test('creates no --out file', async () => {
    const out = path.join(tempDir(), 'scored.csv');
    expect((await score(LEADS, rules, '--out', out, '--summary', `${out}.json`)).code).toBe(2);
    expect(filesIn(path.dirname(out))).toEqual([]);
  });
});

describe('an invalid ruleset', () => {
  const rules = fixture('invalid.yaml');
  const text = read(rules);

  test('exits 2 listing every problem with its position, and reads nothing', async () => {
    const out = path.join(tempDir(), 'out');
    const result = await score(LEADS, rules, '--out-dir', out);
    expect(result.code).toBe(2);
    const expected = [
      positionOf(text, 'eqals', 'eqals'), // unknown operator
      positionOf(text, 'demo_done', 'demo_done'), // unknown condition
      positionOf(text, 'name: mql', 'name'), // a stage above the lowest without when
      positionOf(text, 'min: 90', '90'), // priority bands not falling
    ];
    for (const { line, col } of expected) expect(result.err).toContain(`${rules}:${line}:${col} `);
    expect(result.err).toMatch(/4 problems/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('exit codes of failures before any row is scored', () => {
  test.each([
    ['a missing input', 1, (d: string) => ['score', path.join(d, 'nope.csv'), '--rules', RULES, '--out', path.join(d, 'o.csv')], /nope\.csv.*no such file/],
    ['an input that is a directory', 1, (d: string) => ['score', d, '--rules', RULES, '--out', path.join(d, 'o.csv')], /directory/],
    ['an empty input', 1, (d: string) => ['score', write(d, 'empty.csv', ''), '--rules', RULES, '--out', path.join(d, 'o.csv')], /empty/],
    ['a missing ruleset', 2, (d: string) => ['score', LEADS, '--rules', path.join(d, 'nope.yaml'), '--out', path.join(d, 'o.csv')], /nope\.yaml.*no such file/],
    ['a missing spend file', 1, (d: string) => ['score', LEADS, '--rules', RULES, '--spend', path.join(d, 'nope.csv'), '--out', path.join(d, 'o.csv')], /nope\.csv/],
    ['no --rules', 2, (d: string) => ['score', LEADS, '--out', path.join(d, 'o.csv')], /--rules/],
    ['an unknown option', 2, (d: string) => ['score', LEADS, '--rules', RULES, '--colour', 'never', '--out', path.join(d, 'o.csv')], /--colour/],
    ['a bad --as-of', 2, (d: string) => ['score', LEADS, '--rules', RULES, '--as-of', '2026-02-30', '--out', path.join(d, 'o.csv')], /YYYY-MM-DD/],
    ['--out with --out-dir', 2, (d: string) => ['score', LEADS, '--rules', RULES, '--out', path.join(d, 'o.csv'), '--out-dir', path.join(d, 'dir')], /--out-dir/],
    ['a --summary of unknown format', 2, (d: string) => ['score', LEADS, '--rules', RULES, '--out', path.join(d, 'o.csv'), '--summary', path.join(d, 's.txt')], /\.json/],
  ])('%s exits %i and writes nothing', async (_what, code, argv, message) => {
    const dir = tempDir();
    const args = argv(dir);
    const before = snapshot(dir);
    const result = await run(args);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('an unclosed quote', () => {
  const broken = fixture('unclosed-quote.csv');

  // the quote opens on line 5 and never closes: lines 3-4 are one record with a quoted line break
  test.each([[[]], [['--block-size', '3']]])('rejects the line it opened on and scores the lines after it (%p)', async (extra) => {
    const dir = tempDir();
    const result = await score(broken, SIMPLE_RULES, '--out-dir', dir, ...extra);
    expect(result.code).toBe(3);
    expect(readCsv(path.join(dir, 'rejects.csv')).slice(1).map((r) => [r[0], r[2]])).toEqual([['5', '3,"c,open']]);
    expect(readCsv(path.join(dir, 'scored.csv')).slice(1).map((r) => r[0])).toEqual(['1', '2', '4', '5']);
  });

  // the record from line 5 to the end is 22 characters: whether the quote would close cannot be known
  test.each([[['--max-record-size', '20']], [['--block-size', '3', '--max-record-size', '20']]])('past --max-record-size, exits 1 naming the line the quote opened on (%p)', async (extra) => {
    const dir = tempDir();
    const result = await score(broken, SIMPLE_RULES, '--out', path.join(dir, 'o.csv'), ...extra);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${broken}:5 `);
    expect(result.err).toMatch(/quote|record/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('leaves the outputs of an earlier run byte-identical and no temp files', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    expect((await score(fixture('simple.csv'), SIMPLE_RULES, '--out-dir', out, '--summary', path.join(dir, 's.md'))).code).toBe(0);
    const before = snapshot(dir);
    const outBefore = snapshot(out);
    expect(outBefore.size).toBe(7); // scored, lead, warm, disqualified, summary.json, summary.svg, the manifest
    const result = await score(broken, SIMPLE_RULES, '--out-dir', out, '--summary', path.join(dir, 's.md'), '--max-record-size', '20');
    expect(result.code).toBe(1);
    expect(snapshot(out)).toEqual(outBefore);
    expect(snapshot(dir)).toEqual(before);
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('invalid UTF-8', () => {
  // line 5, character 3: lines 3-4 are one record with a quoted line break
  const bytes = Buffer.concat([Buffer.from('id,name,note\n1,a,x\n2,"b\nc",y\n3,'), Buffer.from([0xfc]), Buffer.from('d,z\n')]);
  // past the first 64 KiB read: 4000 rows of 20 bytes, then the bad byte on line 4002
  const late = Buffer.concat([
    Buffer.from(`id,name,note\n${Array.from({ length: 4000 }, (_, i) => `${String(i).padStart(6, '0')},abcdefghij,x\n`).join('')}9,`),
    Buffer.from([0xfc]), Buffer.from('d,z\n'),
  ]);

  test.each([
    ['in the first block', bytes, [], 5, 3],
    ['in the first block, --block-size 1', bytes, ['--block-size', '1'], 5, 3],
    ['beyond the first block', late, [], 4002, 3],
    ['beyond the first block, --block-size 1', late, ['--block-size', '1'], 4002, 3],
  ])('%s: exits 1 naming the line and character, with an --encoding hint', async (_what, content, extra, line, col) => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', content);
    const result = await score(input, SIMPLE_RULES, '--out', path.join(dir, 'o.csv'), ...extra);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${input}:${line}:${col} `);
    expect(result.err).toMatch(/--encoding/);
    expect(fs.readdirSync(dir)).toEqual(['in.csv']);
  });

  test('--encoding windows-1252 reads the same bytes as text', async () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', bytes);
    const out = path.join(dir, 'o.csv');
    expect((await score(input, SIMPLE_RULES, '--out', out, '--encoding', 'windows-1252')).code).toBe(0);
    expect(read(out).split('\n')[4]).toMatch(/^3,üd,z,/);
  });
});

describe('an output that is an input', () => {
  type Case = [string, (d: string, input: string) => string[]];
  const cases: Case[] = [
    ['--out the input', (_d, input) => ['--out', input]],
    ['--out the input through ..', (d, input) => ['--out', path.join(d, 'sub', '..', path.basename(input))]],
    ['--out a symlink to the input', (d, input) => { fs.symlinkSync(input, path.join(d, 'link.csv')); return ['--out', path.join(d, 'link.csv')]; }],
    ['--out a hard link to the input', (d, input) => { fs.linkSync(input, path.join(d, 'hard.csv')); return ['--out', path.join(d, 'hard.csv')]; }],
    ['--out the input through a symlinked directory', (d, input) => { fs.symlinkSync(d, path.join(d, 'alias')); return ['--out', path.join(d, 'alias', path.basename(input))]; }],
    ['--out-dir holding the input as scored.csv', (d) => ['--out-dir', d]],
    ['--summary the input', (d, input) => ['--out', path.join(d, 'o.csv'), '--summary', input]],
    ['--rejects the input', (d, input) => ['--out', path.join(d, 'o.csv'), '--rejects', input]],
    ['--out the ruleset', (d) => ['--out', path.join(d, 'rules.yaml')]],
  ];

  test.each(cases)('%s exits 2 and leaves the input unchanged', async (_what, options) => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'sub'));
    const input = write(dir, 'scored.csv', read(LEADS));
    const rules = write(dir, 'rules.yaml', read(RULES));
    const argv = options(dir, input);
    const before = snapshot(dir);
    const result = await score(input, rules, ...argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/input/);
    expect(snapshot(dir)).toEqual(before);
    expect(read(input)).toBe(read(LEADS));
  });
});

describe('outputs of one run that would be the same file', () => {
  const scoredStage = 'version: 1\nstages:\n  - name: lead\n  - name: scored\n    when: { score: total, gte: 0 }\n';
  const rejectsStage = 'version: 1\nstages:\n  - name: lead\n  - name: rejects\n    when: { score: total, gte: 0 }\n';
  test.each([
    ['--summary the --out file', (d: string) => [fixture('simple.csv'), SIMPLE_RULES, '--out', path.join(d, 'o.csv'), '--summary', path.join(d, 'o.csv')]],
    ['--rejects the --out file', (d: string) => [fixture('rejects.csv'), SIMPLE_RULES, '--out', path.join(d, 'o.csv'), '--rejects', path.join(d, 'o.csv')]],
    ['--rejects the scored.csv of --out-dir', (d: string) => [fixture('rejects.csv'), SIMPLE_RULES, '--out-dir', d, '--rejects', path.join(d, 'scored.csv')]],
    ['--summary a stage file of --out-dir', (d: string) => [fixture('simple.csv'), SIMPLE_RULES, '--out-dir', d, '--summary', path.join(d, 'lead.csv')]],
    ['a stage named scored with --out-dir', (d: string) => [fixture('simple.csv'), write(path.join(d, '..'), `${path.basename(d)}-rules.yaml`, scoredStage), '--out-dir', d]],
    ['a stage named rejects with --out-dir', (d: string) => [fixture('simple.csv'), write(path.join(d, '..'), `${path.basename(d)}-rules.yaml`, rejectsStage), '--out-dir', d]],
  ])('%s: exit 2 before anything is written (one output would overwrite another)', async (_what, argv) => {
    const dir = path.join(tempDir(), 'out');
    fs.mkdirSync(dir);
    const [input, rules, ...rest] = argv(dir);
    const result = await score(input, rules, ...rest);
    expect(result.code).toBe(2);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('an output path that cannot be a file', () => {
  test('--out-dir naming an existing file: a clean error, not an internal one, and the file unchanged', async () => {
    const dir = tempDir();
    const file = write(dir, 'taken', 'mine\n');
    const result = await score(fixture('simple.csv'), SIMPLE_RULES, '--out-dir', file);
    expect([1, 2]).toContain(result.code);
    expect(result.err).not.toMatch(/internal error/);
    expect(result.err).toContain(file);
    expect(read(file)).toBe('mine\n');
  });

  test('--out naming a directory: a clean error and no temp file left beside it', async () => {
    const parent = tempDir();
    const target = path.join(parent, 'target');
    fs.mkdirSync(target);
    const result = await score(fixture('simple.csv'), SIMPLE_RULES, '--out', target);
    expect([1, 2]).toContain(result.code);
    expect(result.err).not.toMatch(/internal error/);
    expect(fs.readdirSync(parent)).toEqual(['target']);
    expect(fs.readdirSync(target)).toEqual([]);
  });
});

describe('no file is left open', () => {
  const fdDir = process.platform === 'linux' ? '/proc/self/fd' : '/dev/fd';
  const openFiles = () => fs.readdirSync(fdDir).length;

  test.each([
    ['a clean run', 0, 'id,name,note\n1,a,x\n'],
    ['an empty input', 1, ''],
    ['an input of blank lines', 1, '\n \n\n'],
    ['an unclosed quote in the header', 1, 'id,"name,note\n1,a,x\n'],
    ['an unclosed quote in a row (rejected)', 3, 'id,name,note\n1,"a,x\n2,b,x\n3,c,x\n'],
    ['every row rejected (more than half: fails)', 1, 'id,name,note\n1,"a,x\n'],
    ['a rule naming a missing column', 2, 'id,name,notes\n1,a,x\n'],
  ])('after %s (exit %i)', async (_what, code, text) => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', text);
    const before = openFiles();
    const result = await score(input, SIMPLE_RULES, '--out', path.join(dir, 'o.csv'));
    expect(result.code).toBe(code);
    // at most: a handle leaked by an earlier test may be closed by garbage collection meanwhile
    expect(openFiles()).toBeLessThanOrEqual(before);
  });
});
