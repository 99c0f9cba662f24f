/**
 * Inputs of several read blocks (the input is read 64 KiB at a time and cut at line breaks
 * without regard to quotes): a seeded generator writes ~250 KB exports with multi-line quoted
 * cells, rows of the wrong width (each on one line) and unparseable numbers, tracking the line
 * each record begins on. Rows in = rows scored + rows rejected, the input cells come out
 * unchanged, and rejects and warnings name the right lines, with the default block size and with
 * `--block-size 1`.
 */
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, read, readCsv, score, summaryOf, tempDir, write } from './helpers.js';
import { mulberry32 } from '../support/random.js';

const HEADER = ['id', 'notes', 'employees', 'city'];
const RULES = `version: 1
fit:
  - name: size 50+
    when: { column: employees, gte: 50 }
    points: 10
stages:
  - name: lead
  - name: fit
    when: { score: fit, gte: 10 }
`;
const PIECES = ['lorem', 'ipsum', ' ', ',', '"', '\n', '\r\n', 'ü', '€', '😀', '日本語', ';'];

interface Generated {
  text: string;
  /** the rows that must be scored, in order */
  good: string[][];
  rejectLines: number[];
  warningLines: number[];
  /** non-empty employees cells of the rows scored (those that parse and those that do not) */
  employeeValues: number;
  read: number;
}

function generate(seed: number, rows: number): Generated {
  const rand = mulberry32(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const breaks = (c: string) => (c.match(/\r\n|\r|\n/g) ?? []).length;
  const out: string[] = [`${HEADER.join(',')}\n`];
  const g: Generated = { text: '', good: [], rejectLines: [], warningLines: [], employeeValues: 0, read: rows };
  let line = 2;
  for (let r = 0; r < rows; r++) {
    const notes = Array.from({ length: Math.floor(rand() * 12) }, () => pick(PIECES)).join('');
    const employees = pick(['', '12', '75', '1200', 'many', '3.5']);
    const cells = [`r${r}`, notes, employees, pick(['Köln', 'Zürich', 'São Paulo', ''])];
    const shape = rand();
    if (shape < 0.02) cells.push('extra');
    else if (shape < 0.04) cells.pop();
    // a row of the wrong width stays on one line: one that spans lines is cut back to its first
    // line and the rest read again (test/input/csv-parser.test.ts, test/e2e/stray-quote.test.ts)
    if (cells.length !== HEADER.length) cells[1] = cells[1].replace(/\r\n|\r|\n/g, ' ');
    if (cells.length !== HEADER.length) g.rejectLines.push(line);
    else {
      g.good.push(cells);
      if (employees === 'many') g.warningLines.push(line);
      if (employees !== '') g.employeeValues++;
    }
    out.push(`${cells.map(quote).join(',')}${rand() < 0.5 ? '\r\n' : '\n'}`);
    line += 1 + cells.reduce((n, c) => n + breaks(c), 0);
  }
  g.text = out.join('');
  return g;
}

afterEach(cleanTempDirs);

describe('an input of several blocks', () => {
  test.each([[101, []], [102, []], [103, ['--block-size', '1']], [104, ['--block-size', '1']], [105, ['--block-size', '70000']]])(
    'seed %i %p: every row scored or rejected at its line, cells unchanged',
    async (seed, extra) => {
      const dir = tempDir();
      const g = generate(seed, 8000);
      expect(g.text.length).toBeGreaterThan(200_000);
      const input = write(dir, 'in.csv', g.text);
      const out = path.join(dir, 'out');
      const result = await score(input, write(dir, 'rules.yaml', RULES), '--out-dir', out, '--no-escape-formulas', ...extra);
      expect(result.code).toBe(g.rejectLines.length > 0 ? 3 : 0);

      const summary = summaryOf(out);
      expect(summary.rows).toEqual({ read: g.read, scored: g.good.length, rejected: g.rejectLines.length });
      const [, ...scored] = readCsv(path.join(out, 'scored.csv'));
      expect(scored.map((r) => r.slice(0, HEADER.length))).toEqual(g.good);
      expect(readCsv(path.join(out, 'rejects.csv')).slice(1).map((r) => Number(r[0]))).toEqual(g.rejectLines);
      expect(summary.warnings.by_column).toEqual([
        {
          column: 'employees', kind: 'number', count: g.warningLines.length, values: g.employeeValues,
          mostly_unparsed: g.warningLines.length * 2 > g.employeeValues, first_lines: g.warningLines.slice(0, 5), first_value: 'many',
        },
      ]);
    },
    60_000,
  );

  test('--block-size 1 writes the same bytes as one block', async () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', generate(106, 8000).text);
    const rules = write(dir, 'rules.yaml', RULES);
    const [a, b] = [path.join(dir, 'a'), path.join(dir, 'b')];
    await score(input, rules, '--out-dir', a);
    await score(input, rules, '--out-dir', b, '--block-size', '1');
    for (const name of ['scored.csv', 'lead.csv', 'fit.csv', 'disqualified.csv', 'rejects.csv', 'summary.json']) {
      expect([name, read(path.join(b, name)) === read(path.join(a, name))]).toEqual([name, true]);
    }
 }, 60_000);
});
