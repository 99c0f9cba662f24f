/**
 * Seeded property test, complementing test/e2e/columns.test.ts (comma-delimited, escaping off):
 * random exports in each delimiter, full of quotes, every delimiter, line breaks (LF, CRLF, a
 * bare CR), Unicode and formula triggers, with rows of the wrong width mixed in, go through
 * leadq with formula escaping on. Checked against an oracle written here, not leadq's own code:
 *   - every scored row's input cells are the cells written, cell for cell, except that a cell
 *     whose first visible character is a trigger (and that is no number) gains exactly one `'`;
 *   - the rows of the wrong width (each on one line) are in rejects.csv at their lines;
 *   - summary.json counts the escaped cells and the cells a semicolon/comma Excel would split
 *     into a formula;
 *   - cutting the input into tiny blocks changes no byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { cleanTempDirs, score, tempDir, write } from '../e2e/helpers.js';
import { mulberry32 } from '../support/random.js';

const DELIMITERS = [',', ';', '\t', '|'];
const HEADER = ['id', 'naïve name', 'Ünïcode 日本', 'note', 'source'];
const RULES = 'version: 1\nsource_column: source\nengagement:\n  - name: x\n    when: { column: note, contains: x }\n    points: 1\nstages:\n  - name: lead\n';
const FRAGMENTS = [
  'a', 'x', 'Zoë', '42', '-5', '1e3', ' ', '  ', '"', '""', ',', ';', '\t', '|', '\n', '\r\n', '\r',
  '=', '+', '-', '@', '＝', '＋', '－', '＠', '−', '\u00a0', '\u3000', '😀', 'é', 'ﬁ', 'שלום', '\u202e', "'", '=SUM(A1)', ';=cmd()', ', -x',
];

// --- the oracle: what Excel would run, written independently of src/output/csv-format.ts ------
// = + - @ tab CR and their full-width and compatibility forms, after spaces (ASCII, no-break, ideographic)
const STARTS_FORMULA = /^[ \u00a0\u3000]*[=+\-@\t\r＝＋－＠﹢﹣﹦−]/u;
const REAL_NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

const escapes = (cell: string): boolean => STARTS_FORMULA.test(cell) && !REAL_NUMBER.test(cell);

/** Excel with `;` (or `,`) as its list separator starts a new cell after each one, quotes or not. */
const splits = (cell: string, delimiter: string): boolean =>
  [',', ';'].some((sep) => sep !== delimiter && cell.split(sep).slice(1).some((after) => STARTS_FORMULA.test(after)));

interface Export {
  text: string;
  delimiter: string;
  scored: string[][];
  /** the line each scored row begins on */
  scoredLines: number[];
  rejectLines: number[];
  read: number;
}

function generate(seed: number): Export {
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const delimiter = DELIMITERS[seed % DELIMITERS.length];
  const cellText = () => Array.from({ length: Math.floor(rand() * 6) }, () => pick(FRAGMENTS)).join('');
  const quote = (c: string) => (c.includes(delimiter) || /["\r\n]/.test(c) || rand() < 0.15 ? `"${c.replace(/"/g, '""')}"` : c);
  const breaks = (c: string) => (c.match(/\r\n|\r|\n/g) ?? []).length;
  const out: string[] = [`${HEADER.join(delimiter)}\r\n`];
  const g: Export = { text: '', delimiter, scored: [], scoredLines: [], rejectLines: [], read: 0 };
  let line = 2;
  const rows = 5 + Math.floor(rand() * 40);
  for (let r = 0; r < rows; r++) {
    const cells = [`r${r}`, cellText(), cellText(), cellText(), pick(['Web', '=Ads', ' +Partner', '', 'Events'])];
    const shape = rand();
    if (shape < 0.06) cells.push(cellText());
    else if (shape < 0.12) cells.pop();
    // a row of the wrong width stays on one line: one that spans lines is cut back to its first
    // line and the rest read again (test/input/csv-parser.test.ts, test/e2e/stray-quote.test.ts)
    if (cells.length !== HEADER.length) cells.forEach((c, i) => { cells[i] = c.replace(/\r\n|\r|\n/g, ' '); });
    if (cells.length === HEADER.length) { g.scored.push(cells); g.scoredLines.push(line); } else g.rejectLines.push(line);
    g.read++;
    const last = r === rows - 1;
    out.push(cells.map(quote).join(delimiter) + (last && rand() < 0.3 ? '' : pick(['\n', '\r\n', '\n', '\r'])));
    line += 1 + cells.reduce((n, c) => n + breaks(c), 0);
  }
  g.text = out.join('');
  return g;
}

afterEach(cleanTempDirs);

const SEEDS = Array.from({ length: 24 }, (_, i) => [1000 + i, DELIMITERS[(1000 + i) % 4] === '\t' ? 'tab' : DELIMITERS[(1000 + i) % 4]] as const);

describe('random exports in every delimiter, formula escaping on', () => {
  test.each(SEEDS)('seed %i (delimiter %s): cells unchanged but for one \', rejects at their lines, counts right', async (seed) => {
    const g = generate(seed);
    const dir = tempDir();
    const input = write(dir, 'in.csv', g.text);
    const rules = write(dir, 'rules.yaml', RULES);
    const out = path.join(dir, 'out');
    const result = await score(input, rules, '--out-dir', out, '--delimiter', g.delimiter === '\t' ? 'tab' : g.delimiter);
    expect(result.code).toBe(g.rejectLines.length > 0 ? 3 : 0);

    const read = (name: string) => parse(fs.readFileSync(path.join(out, name), 'utf8'), { delimiter: g.delimiter, relax_column_count: true }) as string[][];
    const [header, ...rows] = read('scored.csv');
    expect(header.slice(0, HEADER.length)).toEqual(HEADER);
    const expected = g.scored.map((cells) => cells.map((c) => (escapes(c) ? `'${c}` : c)));
    expect(rows.map((r) => r.slice(0, HEADER.length))).toEqual(expected);
    if (g.rejectLines.length > 0) expect(read('rejects.csv').slice(1).map((r) => Number(r[0]))).toEqual(g.rejectLines);

    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as { rows: Record<string, number>; formulas: Record<string, unknown> };
    expect(summary.rows).toEqual({ read: g.read, scored: g.scored.length, rejected: g.rejectLines.length });
    const cells = g.scored.flat();
    const splitLines = g.scoredLines.filter((_, i) => g.scored[i].some((c) => splits(c, g.delimiter)));
    expect(summary.formulas).toEqual({
      escaping: true,
      escaped_cells: cells.filter(escapes).length,
      split_risk_cells: cells.filter((c) => splits(c, g.delimiter)).length,
      split_risk_first_lines: splitLines.slice(0, 5),
    });
  });

  test.each(SEEDS.slice(0, 8))('seed %i (delimiter %s): tiny blocks write the same bytes', async (seed) => {
    const g = generate(seed);
    const dir = tempDir();
    const input = write(dir, 'in.csv', g.text);
    const rules = write(dir, 'rules.yaml', RULES);
    const delimiter = g.delimiter === '\t' ? 'tab' : g.delimiter;
    const [whole, blocks] = [path.join(dir, 'whole'), path.join(dir, 'blocks')];
    await score(input, rules, '--out-dir', whole, '--delimiter', delimiter);
    await score(input, rules, '--out-dir', blocks, '--delimiter', delimiter, '--block-size', String(1 + (seed % 23)));
    for (const name of fs.readdirSync(whole)) expect([name, fs.readFileSync(path.join(blocks, name))]).toEqual([name, fs.readFileSync(path.join(whole, name))]);
  });
});
