/**
 * Idempotence: the same input, ruleset and --as-of give byte-identical outputs, run after run,
 * in one thread or two (worker threads need the built CLI, so it runs as a child process), and
 * whatever the block size. The input is a seeded ~2 MB export with quoted line breaks, formulas,
 * cells a semicolon Excel would split, unparseable values and rows of the wrong width, so every
 * part of the outputs (rows, stage files, rejects, warnings, formula counts) is compared.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { AS_OF, cleanTempDirs, tempDir, write } from '../e2e/helpers.js';
import { assertBuilt, exited, HEADER, leadq } from './cli-process.js';
import { mulberry32 } from '../support/random.js';

const RULES = fileURLToPath(new URL('./fixtures/rules.yaml', import.meta.url));

function generate(rows: number, seed: number): string {
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const notes = ['x', 'y', '"quoted, with comma"', '"two\nlines"', '"crlf\r\ninside"', '=SUM(A1)', 'a;=cmd()', 'Zoë 😀', ''];
  const out = [HEADER];
  for (let i = 0; i < rows; i++) {
    const cells = [String(i), pick(['Ann', '@ann', ' +49 30 1234', 'Bob']), pick(notes), pick(['10', '80', 'n/a', '', '-5']), pick(['2026-10-20', '2026-02-30', '']), pick(['Web', 'Events', '=Ads', ''])];
    if (rand() < 0.01) cells.push('extra');
    out.push(`${cells.join(',')}${pick(['\n', '\r\n'])}`);
  }
  return out.join('');
}

beforeAll(assertBuilt);
afterEach(cleanTempDirs);

async function scoreInto(input: string, out: string, extra: string[]): Promise<Map<string, Buffer>> {
  const result = await exited(leadq(['score', input, '--rules', RULES, '--as-of', AS_OF, '--out-dir', out, '--summary', path.join(out, 'summary.csv'), ...extra]));
  expect({ code: result.code, stderr: result.stderr.replace(/ written to .*/, '') }).toEqual({ code: 3, stderr: expect.stringMatching(/rows rejected/) });
  return new Map(fs.readdirSync(out).sort().map((name) => [name, fs.readFileSync(path.join(out, name))]));
}

describe('the same input, ruleset and --as-of give the same bytes', () => {
  test('run after run, in one thread or two, in large blocks or small', async () => {
    const dir = tempDir();
    const input = write(dir, 'leads.csv', generate(60_000, 7));
    expect(fs.statSync(input).size).toBeGreaterThan(2 << 20); // three 1 MiB blocks: the worker pool starts from the second
    const runs = [
      ['--threads', '1'],
      ['--threads', '2'],
      ['--threads', '2'],
      ['--threads', '2', '--block-size', '65536'],
    ];
    const outputs = [];
    for (const [i, extra] of runs.entries()) outputs.push(await scoreInto(input, path.join(dir, `out${i}`), extra));
    expect([...outputs[0].keys()]).toEqual(['.leadq-outputs.json', 'disqualified.csv', 'lead.csv', 'rejects.csv', 'scored.csv', 'summary.csv', 'summary.json', 'summary.svg', 'warm.csv']);
    for (const [i, files] of outputs.entries()) {
      for (const [name, bytes] of outputs[0]) expect([runs[i].join(' '), name, files.get(name)?.equals(bytes)]).toEqual([runs[i].join(' '), name, true]);
    }
  }, 30_000);
});
