/**
 * docs/backtest.md: every `leadq` line of its shell blocks runs as written (each block in order,
 * in a temp copy of examples/ and rules.example.yaml, relative paths made absolute there), and the
 * numbers its prose quotes for the compare example are the ones the commands print.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, REPO, run, tempDir } from '../e2e/helpers.js';

afterAll(cleanTempDirs);

const DOC = fs.readFileSync(path.join(REPO, 'docs', 'backtest.md'), 'utf8');

/** The `leadq` lines of each ```sh block. */
function shellBlocks(markdown: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (current) {
      if (line.startsWith('```')) { blocks.push(current); current = undefined; } else if (line.startsWith('leadq ')) current.push(line);
    } else if (line.startsWith('```sh')) current = [];
  }
  return blocks.filter((b) => b.length > 0);
}

/** Shell words (double quotes only, as the doc uses), a word with a dot or slash (or --related's FILE) made a path under `dir`. */
function argv(line: string, dir: string): string[] {
  const words = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]).slice(1);
  return words.map((w, i) => {
    // --related NAME=FILE: the file under `dir`
    if (words[i - 1] === '--related') return w.replace(/=(.*)$/, (_all, file: string) => `=${path.join(dir, file)}`);
    return !w.startsWith('-') && /[./]/.test(w) && !/^\d/.test(w) && words[i - 1] !== '--exclude' ? path.join(dir, w) : w;
  });
}

function exampleCopy(): string {
  const dir = tempDir();
  fs.cpSync(path.join(REPO, 'examples'), path.join(dir, 'examples'), { recursive: true });
  fs.copyFileSync(path.join(REPO, 'rules.example.yaml'), path.join(dir, 'rules.example.yaml'));
  return dir;
}

const blocks = shellBlocks(DOC);

describe('docs/backtest.md', () => {
  test('has runnable blocks for backtest and calibrate', () => {
    expect(blocks.flat().some((l) => l.startsWith('leadq backtest '))).toBe(true);
    expect(blocks.flat().some((l) => l.startsWith('leadq calibrate '))).toBe(true);
  });

  test.each(blocks.map((b, i) => [i + 1, b] as const))('block %i runs as written: exit 0, nothing on standard error', async (_i, lines) => {
    const dir = exampleCopy();
    for (const line of lines) {
      const result = await run(argv(line, dir));
      expect({ line, code: result.code, err: result.err }).toEqual({ line, code: 0, err: '' });
    }
  }, 120_000);

  test('the compare example prints the AUCs and the paired test the prose quotes', async () => {
    const lines = blocks.find((b) => b.some((l) => l.includes('--compare')))!;
    const dir = exampleCopy();
    let last = '';
    for (const line of lines) last = (await run(argv(line, dir))).out;
    expect(last).toMatch(/judged 604\b/);
    expect(last).toContain('total AUC 0.7787 → 0.7015: difference -0.0772 (paired DeLong se 0.0223, z -3.46, p 0.0005)');
    expect(DOC).toMatch(/604 leads created on or after 2026-03-06[\s\S]*0\.7787 against the original's\s+0\.7015[\s\S]*z −3\.46 \(p 0\.0005\)/);
  }, 120_000);

  test('the --min-auc example passes at the AUC the prose gives', async () => {
    const result = await run(argv('leadq backtest examples/history.csv --rules rules.example.yaml --related activities=examples/history-activities.csv --outcome Converted --as-of 2026-05-01 --json', exampleCopy()));
    const total = (JSON.parse(result.out) as { auc: { score: string; auc: number }[] }).auc.find((a) => a.score === 'total')!.auc;
    expect(total.toFixed(3)).toBe('0.698');
    expect(DOC).toContain('(the example ruleset passes, at 0.698)');
  });
});
