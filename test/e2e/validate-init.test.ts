/** `leadq validate` and `leadq init` end to end. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cleanTempDirs, fixture, positionOf, read, REPO, run, tempDir, write } from './helpers.js';
import { BIN } from '../safety/cli-process.js';

afterEach(cleanTempDirs);

const EXAMPLE_RULES = path.join(REPO, 'rules.example.yaml');
const EXAMPLE_LEADS = path.join(REPO, 'examples', 'leads.csv');
const LEADS = fixture('leads.csv');
/** `file:line:col message`, the form editors turn into links */
const LOCATED = /^(.+):(\d+):(\d+) /;

describe('leadq validate', () => {
  test('rules.example.yaml: exit 0 and no issue at all', async () => {
    const result = await run(['validate', EXAMPLE_RULES]);
    expect(result.code).toBe(0);
    expect(result.out.trim().split('\n')).toHaveLength(1);
    expect(result.out).toMatch(/ok/);
    expect(result.out).not.toMatch(/warning|error/);
  });

  test('the e2e fixture ruleset --input its leads: exit 0, no ruleset issue, the sample\'s unparseable values as warnings', async () => {
    const result = await run(['validate', fixture('rules.yaml'), '--input', LEADS]);
    expect(result.code).toBe(0);
    const lines = result.out.trim().split('\n');
    // the same warnings as score's summary (golden/README.md): one value per column
    expect(lines.slice(0, -1).map((l) => /values of column "(\w+)"/.exec(l)?.[1])).toEqual(['employees', 'last_activity', 'webinar']);
    expect(lines.at(-1)).toMatch(/ok — .*3 warnings/);
    expect(result.out).not.toMatch(/error/);
  });

  test('a broken ruleset: exit 2, one file:line:col line per problem, then a count', async () => {
    const file = fixture('invalid.yaml');
    const text = read(file);
    const result = await run(['validate', file]);
    expect(result.code).toBe(2);
    const lines = result.out.trim().split('\n');
    const located = lines.filter((l) => LOCATED.test(l)).map((l) => { const m = LOCATED.exec(l)!; return [m[1], Number(m[2]), Number(m[3]), /\[([A-Z_]+)\]$/.exec(l)?.[1]]; });
    expect(located).toEqual(([
      [positionOf(text, 'eqals', 'eqals'), 'OPERATOR_UNKNOWN'],
      [positionOf(text, 'demo_done', 'demo_done'), 'CONDITION_UNKNOWN_NAME'],
      [positionOf(text, 'name: mql', 'name'), 'STAGE_WHEN_MISSING'],
      [positionOf(text, 'min: 90', '90'), 'PRIORITY_BAND_ORDER'],
    ] as const).map(([{ line, col }, code]) => [file, line, col, code]));
    expect(lines.at(-1)).toMatch(/^4 errors/);
  });

  test('--input reports every missing column at the rule that names it', async () => {
    const file = fixture('three-missing.yaml');
    const text = read(file);
    const result = await run(['validate', file, '--input', LEADS]);
    expect(result.code).toBe(2);
    const lines = result.out.trim().split('\n');
    const expected: [string, { line: number; col: number }, string][] = [
      ['industy', positionOf(text, 'column: industy', 'industy'), 'industry'],
      ['contry', positionOf(text, 'column: contry', 'contry'), 'country'],
      ['headcount', positionOf(text, 'column: size', 'size'), ''],
    ];
    for (const [column, { line, col }, suggestion] of expected) {
      const hit = lines.find((l) => l.startsWith(`${file}:${line}:${col} `));
      expect(hit).toBeDefined();
      expect(hit).toContain(`"${column}"`);
      if (suggestion) expect(hit).toContain(`did you mean "${suggestion}"`);
    }
    expect(lines.at(-1)).toMatch(/^3 errors/);
  });

  describe('a report whose title lines the ruleset does not skip: validate fails where score would', () => {
    const REPORT = `"Leads Report"\r\n"As of 10/14/2026"\r\n\r\nid,email,visits\r\n1,a@x.example,3\r\n2,b@x.example,5\r\n3,c@x.example,1\r\n`;
    const STAGES = 'stages:\n  - name: lead\n  - name: sql\n    when: { score: total, gte: 10 }\n';

    // the title read as the header, and the ruleset naming it: every column is found, every row rejected
    test.each([
      ['nothing skipped', ''],
      ['too few lines skipped', 'input: { skip_lines: 1 }\n'],
    ])('%s: INPUT_ROWS_REJECTED with the lines to skip, as score fails with them', async (_what, input) => {
      const dir = tempDir();
      const csv = write(dir, 'report.csv', REPORT);
      const title = input ? 'As of 10/14/2026' : 'Leads Report';
      const rules = write(dir, 'rules.yaml', `version: 1\n${input}fit:\n  - { name: t, when: { column: ${title}, present: true }, points: 10 }\n${STAGES}`);
      const result = await run(['validate', rules, '--input', csv]);
      expect(result.code).toBe(2);
      expect(result.out).toMatch(/rows would be rejected .*\[INPUT_ROWS_REJECTED\]\n {2}hint: .*the real header is on line 4: set skip_lines: 3 in input of the ruleset\n/);
      expect(result.out).not.toMatch(/ ok — /);
      const score = await run(['score', csv, '-r', rules, '-q', '--out', path.join(dir, 'scored.csv')]);
      expect(score.code).toBe(1);
      expect(score.err).toMatch(/hint: .*the real header is on line 4: skip the lines above it with --skip-lines 3\n/);
      // what the hints say works
      const fixed = write(dir, 'fixed.yaml', `version: 1\ninput: { skip_lines: 3 }\nfit:\n  - { name: v, when: { column: visits, gte: 1 }, points: 10 }\n${STAGES}`);
      expect((await run(['validate', fixed, '--input', csv])).code).toBe(0);
    });

    test('a rule naming a real column: the missing column, then the same hint', async () => {
      const dir = tempDir();
      const csv = write(dir, 'report.csv', REPORT);
      const rules = write(dir, 'rules.yaml', `version: 1\nfit:\n  - { name: v, when: { column: visits, gte: 1 }, points: 10 }\n${STAGES}`);
      const result = await run(['validate', rules, '--input', csv]);
      expect(result.code).toBe(2);
      expect(result.out).toMatch(/\[COLUMN_MISSING\]/);
      expect(result.out).toMatch(/\n {2}hint: .*"Leads Report": it looks like a title, and the real header is on line 4: set skip_lines: 3 in input of the ruleset\n$/);
    });
  });

  test('the ok line counts in words that agree with the counts; --input - is standard input', () => {
    const dir = tempDir();
    const rules = write(dir, 'rules.yaml', [
      'version: 1', 'fit:', '  - { name: a, when: { column: visits, gte: 1 }, points: 10 }', 'bant:', '  budget: { column: visits, gte: 5 }',
      'disqualifiers:', '  - { reason: none, when: { column: visits, equals: 0 } }', 'stages:', '  - name: lead', '  - name: sql', '    when: { score: total, gte: 10 }', '',
    ].join('\n'));
    // a child process: the export comes on its standard input
    const result = spawnSync(process.execPath, [BIN, 'validate', rules, '--input', '-'], { input: 'id,visits\n1,3\n', encoding: 'utf8' });
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toBe(`${rules}: ok — 0 engagement and 1 fit rule, 1 BANT criterion, 1 disqualifier; stages lead → sql; every column found in standard input\n`);
  });

  test('YAML that does not parse: exit 2 with file:line:col', async () => {
    const file = write(tempDir(), 'broken.yaml', 'version: 1\nstages:\n  - name: lead\n  bad: [\n');
    const result = await run(['validate', file]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ `));
  });

  test('a missing ruleset: exit 2', async () => {
    const result = await run(['validate', path.join(tempDir(), 'nope.yaml')]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/nope\.yaml/);
  });
});

describe('leadq init', () => {
  test('writes the starter ruleset, which validates', async () => {
    const file = path.join(tempDir(), 'rules.yaml');
    const result = await run(['init', file]);
    expect(result.code).toBe(0);
    expect(result.out).toContain(file);
    expect((await run(['validate', file])).code).toBe(0);
    expect((await run(['validate', file, '--input', EXAMPLE_LEADS])).code).toBe(0);
  });

  test('the written ruleset follows the run date (the example\'s as_of is commented out, with how to pin it)', async () => {
    const file = path.join(tempDir(), 'rules.yaml');
    expect((await run(['init', file])).code).toBe(0);
    const text = read(file);
    expect(text).not.toMatch(/^as_of:/m);
    expect(text).toMatch(/^# as_of: \d{4}-\d{2}-\d{2} .*pin a day/m);
    expect(text).toMatch(/--as-of/);
    // scored today: the summary's as_of is the run date
    const dir = tempDir();
    const summary = path.join(dir, 'summary.json');
    const result = await run(['score', EXAMPLE_LEADS, '--rules', file, '--out', path.join(dir, 'scored.csv'), '--summary', summary]);
    expect(result.code).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((JSON.parse(read(summary)) as { as_of: string }).as_of).toBe(today);
  });

  test('refuses to overwrite an existing file: exit 2, the file unchanged', async () => {
    const file = write(tempDir(), 'rules.yaml', '# my own rules\n');
    const result = await run(['init', file]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/exists/);
    expect(read(file)).toBe('# my own rules\n');
  });

  test.each([
    ['the commented example', [] as string[], undefined],
    ['a starter built from an export', ['--from', EXAMPLE_LEADS], EXAMPLE_LEADS],
  ])('- writes %s to standard output, the note to standard error, no file named -', async (_what, from, input) => {
    const dir = tempDir();
    const cwd = process.cwd();
    process.chdir(dir);
    let result;
    try {
      result = await run(['init', '-', ...from]);
    } finally {
      process.chdir(cwd);
    }
    expect(result.code).toBe(0);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(result.out).toMatch(/^# yaml-language-server: \$schema=/);
    expect(result.out).not.toMatch(/validate - /);
    expect(result.err).toMatch(/^leadq: the starter ruleset is on standard output; .*\n {2}leadq validate <the file you saved it as> --input /);
    // the ruleset as a user saves it (leadq init - > rules.yaml), nothing else in it
    const file = write(dir, 'rules.yaml', result.out);
    expect((await run(['validate', file, ...(input ? ['--input', input] : [])])).code).toBe(0);
  });

  test('a directory that does not exist: exit 1, nothing written', async () => {
    const dir = tempDir();
    const result = await run(['init', path.join(dir, 'missing', 'rules.yaml')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/cannot write: the directory .*missing does not exist \(mkdir -p .*missing first\) \[OUTPUT_WRITE\]/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
