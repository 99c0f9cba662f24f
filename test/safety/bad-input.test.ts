/**
 * The bad-input suite: one table of malformed exports, rulesets and output paths (fixtures/),
 * each run end to end into an --out-dir that already holds an earlier run's outputs. Every case
 * asserts the exit code, the error code and where the message points (file:line[:col]), and that
 * nothing was lost or half-written:
 *   - a failed run (exit 1 or 2) leaves every file of its directory byte-identical, no temp files;
 *   - a finished run (exit 0 or 3) replaces all outputs, accounts for every row (read = scored +
 *     rejected, the rejects at their lines), and leaves the inputs as they were.
 * No message may carry a raw control character to the terminal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { AS_OF, cleanTempDirs, positionOf, readCsv, run, snapshot, summaryOf, tempDir, type Run } from '../e2e/helpers.js';

const FIXTURES = path.dirname(fileURLToPath(new URL('./fixtures/rules.yaml', import.meta.url)));
const fixtureText = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

type Where = 'input' | 'rules' | 'spend' | 'out';

interface Paths {
  dir: string;
  input: string;
  rules: string;
  spend?: string;
  /** the --out-dir holding an earlier run's outputs */
  out: string;
}

interface Case {
  group: 'csv structure' | 'file and header' | 'encoding' | 'values' | 'ruleset' | 'output and process';
  name: string;
  /** fixture names; the input defaults to ok.csv, the ruleset to rules.yaml */
  input?: string;
  rules?: string;
  spend?: string;
  args?: string[];
  /** the output options, instead of --out-dir <out> */
  outputs?: (p: Paths) => string[];
  setup?: (p: Paths) => void;
  exit: 0 | 1 | 2 | 3;
  /** the [CODE] the message ends with */
  code?: string;
  /** where the message points: a file and its line (null: the file as a whole; 'any': some line), col */
  at?: [Where, number | null | 'any', number?];
  /** exit 3: the lines in rejects.csv */
  rejects?: number[];
  /** the hint names the likely cause */
  hint?: RegExp;
  /** more checks on a finished run's outputs */
  check?: (out: string, result: Run) => void;
}

/** line:col of `needle` on the line of `marker` in a ruleset fixture */
const ruleAt = (file: string, marker: string, needle = marker): [Where, number, number] => {
  const { line, col } = positionOf(fixtureText(file), marker, needle);
  return ['rules', line, col];
};

/** An output CSV, in the delimiter its header line uses most. */
function readOut(file: string): string[][] {
  const text = fs.readFileSync(file, 'utf8');
  const first = text.slice(0, text.indexOf('\n'));
  const delimiter = [',', ';', '\t', '|'].map((d) => [d, first.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  return parse(text, { delimiter, relax_column_count: true }) as string[][];
}

const cell = (out: string, row: number, column: string): string => {
  const [header, ...rows] = readOut(path.join(out, 'scored.csv'));
  return rows[row][header.indexOf(column)];
};

const CASES: Case[] = [
  // --- CSV structure -------------------------------------------------------------------------
  { group: 'csv structure', name: 'an unclosed quote: its line rejected, the lines after it scored', input: 'unclosed-quote.csv', exit: 3, rejects: [5] },
  { group: 'csv structure', name: 'an unclosed quote across tiny blocks', input: 'unclosed-quote.csv', args: ['--block-size', '7'], exit: 3, rejects: [5] },
  { group: 'csv structure', name: 'an unclosed quote swallowing more than --max-record-size', input: 'unclosed-quote.csv', args: ['--max-record-size', '40'], exit: 1, code: 'INPUT_CSV', at: ['input', 5] },
  { group: 'csv structure', name: 'an unclosed quote in the header', input: 'unclosed-quote-header.csv', exit: 1, code: 'INPUT_CSV', at: ['input', 1] },
  { group: 'csv structure', name: 'a record over --max-record-size', input: 'long-record.csv', args: ['--max-record-size', '100'], exit: 1, code: 'INPUT_CSV', at: ['input', 3] },
  { group: 'csv structure', name: 'a header without a line break over --max-record-size', input: 'long-header.csv', args: ['--max-record-size', '100'], exit: 1, code: 'INPUT_CSV', at: ['input', 1] },
  // lines 6-7 are one record with a quoted line break and 7 fields: each line is rejected on its own
  { group: 'csv structure', name: 'rows of the wrong width and text after a closing quote are rejected', input: 'wrong-width.csv', args: ['--max-rejects', '100%'], exit: 3, rejects: [3, 4, 5, 6, 7] },
  { group: 'csv structure', name: 'the same across tiny blocks', input: 'wrong-width.csv', args: ['--block-size', '5', '--max-rejects', '100%'], exit: 3, rejects: [3, 4, 5, 6, 7] },
  { group: 'csv structure', name: 'rows holding a NUL byte are rejected', input: 'nul-row.csv', exit: 3, rejects: [3, 5] },
  { group: 'csv structure', name: 'rows holding a NUL byte across tiny blocks', input: 'nul-row.csv', args: ['--block-size', '3'], exit: 3, rejects: [3, 5] },
  {
    group: 'csv structure', name: 'CRLF, bare CR, blank lines, a BOM and no final line break are read', input: 'mixed-endings.csv', exit: 0,
    check: (out) => {
      expect(readCsv(path.join(out, 'scored.csv')).slice(1).map((r) => r[0])).toEqual(['1', '2', '3', '4']);
      expect(summaryOf(out).warnings.by_column).toMatchObject([{ column: 'employees', kind: 'number', count: 1, first_lines: [7] }]);
    },
  },
  { group: 'csv structure', name: 'a header without rows', input: 'header-only.csv', exit: 0, check: (out) => expect(summaryOf(out).rows.read).toBe(0) },
  { group: 'csv structure', name: 'blank lines before the header keep line numbers right', input: 'blank-lines-before-header.csv', exit: 3, rejects: [5] },
  { group: 'csv structure', name: '--max-rejects 1 with 5 rejected rows fails at the first', input: 'wrong-width.csv', args: ['--max-rejects', '1'], exit: 1, code: 'INPUT_REJECTS', at: ['input', 3] },
  { group: 'csv structure', name: '--max-rejects 10% with every row rejected names a trailing delimiter', input: 'trailing-delimiter.csv', args: ['--max-rejects', '10%'], exit: 1, code: 'INPUT_REJECTS', at: ['input', 2], hint: /trailing/ },
  { group: 'csv structure', name: '--max-rejects 0 with rows on another delimiter than the header', input: 'semicolon-header.csv', args: ['--max-rejects', '0'], exit: 1, code: 'INPUT_REJECTS', at: ['input', 2], hint: /delimite/ },
  { group: 'csv structure', name: '5 of 7 rows rejected fails without --max-rejects (more than half)', input: 'wrong-width.csv', exit: 1, code: 'INPUT_REJECTS', at: ['input', 3] },
  { group: 'csv structure', name: '--max-rejects 80% with 5 of 7 rows rejected finishes', input: 'wrong-width.csv', args: ['--max-rejects', '80%'], exit: 3, rejects: [3, 4, 5, 6, 7] },
  { group: 'csv structure', name: 'a trailing delimiter on every row: more than half rejected fails by default, with the cause', input: 'trailing-delimiter.csv', exit: 1, code: 'INPUT_REJECTS', at: ['input', 2], hint: /trailing/ },
  { group: 'csv structure', name: 'rows delimited differently from the header: more than half rejected fails by default, with the cause', input: 'semicolon-header.csv', exit: 1, code: 'INPUT_REJECTS', at: ['input', 2], hint: /delimite/ },
  { group: 'csv structure', name: 'a trailing delimiter on every row with --max-rejects 100%: rejected, with the cause', input: 'trailing-delimiter.csv', args: ['--max-rejects', '100%'], exit: 3, rejects: [2, 3, 4], hint: /trailing/ },
  { group: 'csv structure', name: 'rows delimited differently with --max-rejects 100%: rejected, with the cause', input: 'semicolon-header.csv', args: ['--max-rejects', '100%'], exit: 3, rejects: [2, 3, 4], hint: /delimite/ },

  // --- the file as a whole, and its header ------------------------------------------------------
  { group: 'file and header', name: 'an empty file', input: 'empty.csv', exit: 1, code: 'INPUT_EMPTY', at: ['input', null] },
  { group: 'file and header', name: 'a file of blank lines', input: 'blank.csv', exit: 1, code: 'INPUT_EMPTY', at: ['input', null] },
  { group: 'file and header', name: 'an .xlsx workbook (ZIP)', input: 'workbook.xlsx', exit: 1, code: 'INPUT_NOT_CSV', at: ['input', null], hint: /CSV/ },
  { group: 'file and header', name: 'an old .xls workbook', input: 'legacy.xls', exit: 1, code: 'INPUT_NOT_CSV', at: ['input', null] },
  { group: 'file and header', name: 'a gzip-compressed export: unpack it, not save it as CSV', input: 'export.csv.gz', exit: 1, code: 'INPUT_NOT_CSV', at: ['input', null], hint: /gunzip FILE/ },
  { group: 'file and header', name: 'a PDF', input: 'report.pdf', exit: 1, code: 'INPUT_NOT_CSV', at: ['input', null] },
  { group: 'file and header', name: 'a NUL byte in the header', input: 'nul-header.csv', exit: 1, code: 'INPUT_NOT_CSV', at: ['input', 1, 6] },
  { group: 'file and header', name: 'UTF-16 without a byte-order mark', input: 'utf16le-no-bom.csv', exit: 1, code: 'INPUT_ENCODING', at: ['input', 1, 2], hint: /--encoding utf-16le/ },
  { group: 'file and header', name: 'a title line above the header', input: 'title-row.csv', exit: 2, code: 'RULES_COLUMN_MISSING', at: ['rules', 4, 16], hint: /title/ },
  { group: 'file and header', name: 'a title line skipped as the hint says (--skip-lines 1)', input: 'title-row.csv', args: ['--skip-lines', '1'], exit: 0, check: (out) => expect(summaryOf(out).rows.scored).toBe(2) },
  { group: 'file and header', name: '--delimiter , on a semicolon file', input: 'semicolon.csv', args: ['--delimiter', ','], exit: 2, code: 'RULES_COLUMN_MISSING', at: ruleAt('rules.yaml', 'column: note', 'note'), hint: /--delimiter ;/ },
  { group: 'file and header', name: 'a rule naming a column the header lacks', rules: 'missing-column.yaml', exit: 2, code: 'RULES_COLUMN_MISSING', at: ruleAt('missing-column.yaml', 'column: budget', 'budget') },
  {
    group: 'file and header', name: 'terminal escapes in a column name are shown escaped', input: 'escape-header.csv', exit: 2, code: 'RULES_COLUMN_MISSING', at: ruleAt('rules.yaml', 'column: note', 'note'),
    check: (_out, result) => expect(result.err).toContain('"\\x1b[2J\\x1b[31mnote"'),
  },

  // --- encoding --------------------------------------------------------------------------------
  { group: 'encoding', name: 'invalid UTF-8 in a row', input: 'invalid-utf8-row.csv', exit: 1, code: 'INPUT_ENCODING', at: ['input', 4, 3], hint: /windows-1252/ },
  { group: 'encoding', name: 'invalid UTF-8 in a row across tiny blocks', input: 'invalid-utf8-row.csv', args: ['--block-size', '2'], exit: 1, code: 'INPUT_ENCODING', at: ['input', 4, 3] },
  { group: 'encoding', name: 'invalid UTF-8 in the header', input: 'invalid-utf8-header.csv', exit: 1, code: 'INPUT_ENCODING', at: ['input', 1, 6] },
  { group: 'encoding', name: 'a character cut off by the end of the file', input: 'truncated-utf8.csv', exit: 1, code: 'INPUT_ENCODING', at: ['input', 3, 23] },
  { group: 'encoding', name: 'windows-1252 bytes read as UTF-8', input: 'windows-1252.csv', exit: 1, code: 'INPUT_ENCODING', at: ['input', 2, 5] },
  { group: 'encoding', name: 'windows-1252 with --encoding windows-1252', input: 'windows-1252.csv', args: ['--encoding', 'windows-1252'], exit: 0, check: (out) => expect(cell(out, 0, 'name')).toBe('Zoë €') },
  { group: 'encoding', name: 'a UTF-8 byte-order mark', input: 'utf8-bom.csv', exit: 0, check: (out) => expect(readCsv(path.join(out, 'scored.csv'))[0][0]).toBe('id') },
  { group: 'encoding', name: 'UTF-16LE with a byte-order mark', input: 'utf16le-bom.csv', exit: 0, check: (out) => expect(cell(out, 0, 'name')).toBe('Zoë') },
  { group: 'encoding', name: 'UTF-16BE with a byte-order mark', input: 'utf16be-bom.csv', exit: 0, check: (out) => expect(cell(out, 0, 'name')).toBe('Zoë') },
  { group: 'encoding', name: 'an unknown --encoding', args: ['--encoding', 'klingon'], exit: 2, code: 'USAGE' },

  // --- values ----------------------------------------------------------------------------------
  {
    group: 'values', name: 'unparseable values are warnings at their lines; formulas escaped and counted', input: 'values.csv', exit: 0,
    check: (out) => {
      const s = summaryOf(out) as ReturnType<typeof summaryOf> & { formulas: Record<string, unknown> };
      expect(s.warnings.by_column.map((w) => [w.column, w.first_lines])).toEqual([['employees', [3]], ['signup', [4]]]);
      expect(s.formulas).toEqual({ escaping: true, escaped_cells: 3, split_risk_cells: 1, split_risk_first_lines: [6] });
      expect([cell(out, 3, 'name'), cell(out, 3, 'note'), cell(out, 3, 'employees'), cell(out, 3, 'source')]).toEqual(["'=HYPERLINK(\"http://x\")", "'@SUM(A1)", '-5', "'+Web"]);
      // data is data: control characters, a bare CR and a line break come back as they were
      expect([cell(out, 5, 'name'), cell(out, 6, 'note')]).toEqual(['\x1b[2JEve', 'cr\rand\nlf']);
    },
  },
  {
    group: 'values', name: 'the same counts across tiny blocks', input: 'values.csv', args: ['--block-size', '4'], exit: 0,
    check: (out) => expect((summaryOf(out) as unknown as { formulas: unknown }).formulas).toEqual({ escaping: true, escaped_cells: 3, split_risk_cells: 1, split_risk_first_lines: [6] }),
  },
  {
    group: 'values', name: 'a semicolon export: ", -" is what a comma Excel would split', input: 'semicolon-formulas.csv', exit: 0,
    check: (out) => expect((summaryOf(out) as unknown as { formulas: unknown }).formulas).toMatchObject({ split_risk_cells: 1, split_risk_first_lines: [4] }),
  },
  {
    group: 'values', name: 'the same written with --out-delimiter ,: now ";=" is', input: 'semicolon-formulas.csv', args: ['--out-delimiter', ','], exit: 0,
    check: (out) => expect((summaryOf(out) as unknown as { formulas: unknown }).formulas).toMatchObject({ split_risk_cells: 1, split_risk_first_lines: [2] }),
  },
  {
    group: 'values', name: '--no-escape-formulas writes cells as they are and counts nothing', input: 'values.csv', args: ['--no-escape-formulas'], exit: 0,
    check: (out) => {
      expect(cell(out, 3, 'name')).toBe('=HYPERLINK("http://x")');
      expect((summaryOf(out) as unknown as { formulas: unknown }).formulas).toEqual({ escaping: false, escaped_cells: 0, split_risk_cells: 0, split_risk_first_lines: [] });
    },
  },
  {
    group: 'values', name: 'a lead source starting with + is escaped in summary.csv too', input: 'values.csv', outputs: (p) => ['--out-dir', p.out, '--summary', path.join(p.out, 'summary.csv')], exit: 0,
    check: (out) => expect(readCsv(path.join(out, 'summary.csv')).map((r) => r[0])).toContain("'+Web"),
  },
  {
    group: 'values', name: 'a spend amount that is not a number, its source name holding escapes', spend: 'spend-bad-amount.csv', exit: 1, code: 'SPEND_INVALID', at: ['spend', 3],
    check: (_out, result) => expect(result.err).toContain('\\x1b]0;pwned\\x07Events'),
  },
  { group: 'values', name: 'a spend file that does not exist', outputs: (p) => ['--out-dir', p.out, '--spend', path.join(p.dir, 'nope.csv')], exit: 1, code: 'SPEND_INVALID' },

  // --- the ruleset -----------------------------------------------------------------------------
  { group: 'ruleset', name: 'several YAML documents', rules: 'multi-document.yaml', exit: 2, code: 'RULES_YAML', at: ['rules', 4, 1] },
  { group: 'ruleset', name: 'an unknown tag (!include)', rules: 'include-tag.yaml', exit: 2, code: 'RULES_YAML', at: ruleAt('include-tag.yaml', '!include') },
  { group: 'ruleset', name: 'a YAML 1.1 directive', rules: 'yaml-1.1.yaml', exit: 2, code: 'RULES_YAML', at: ['rules', 1, 1] },
  { group: 'ruleset', name: 'an alias bomb', rules: 'alias-bomb.yaml', exit: 2, code: 'RULES_YAML', at: ['rules', 'any'] },
  { group: 'ruleset', name: 'a duplicate key', rules: 'duplicate-key.yaml', exit: 2, code: 'RULES_YAML', at: ['rules', 4, 1] },
  { group: 'ruleset', name: 'a __proto__ key', rules: 'proto-key.yaml', exit: 2, code: 'RULES_INVALID', at: ['rules', 4, 1] },
  { group: 'ruleset', name: 'a condition named __proto__, a reference to "constructor"', rules: 'proto-condition.yaml', exit: 2, code: 'RULES_INVALID', at: ruleAt('proto-condition.yaml', 'condition: constructor', 'constructor') },
  { group: 'ruleset', name: 'an invalid regular expression', rules: 'invalid-regex.yaml', exit: 2, code: 'RULES_INVALID', at: ruleAt('invalid-regex.yaml', 'matches', "'/(a/'") },
  { group: 'ruleset', name: 'a back-reference (not linear-time)', rules: 'backreference.yaml', exit: 2, code: 'RULES_INVALID', at: ruleAt('backreference.yaml', 'matches', "'/(a)") },
  {
    group: 'ruleset', name: 'nested quantifiers over 20 000 characters cannot hang the run', rules: 'catastrophic-regex.yaml', input: 'catastrophic.csv', exit: 0,
    check: (out) => expect(cell(out, 0, 'engagement_score')).toBe('0'),
  },
  { group: 'ruleset', name: 'a ruleset that does not exist', outputs: (p) => ['--out-dir', p.out], setup: (p) => fs.rmSync(p.rules), exit: 2, code: 'RULES_READ', at: ['rules', null] },

  // --- outputs and the process -----------------------------------------------------------------
  { group: 'output and process', name: '--out the input', outputs: (p) => ['--out', p.input], exit: 2, code: 'OUTPUT_IS_INPUT' },
  { group: 'output and process', name: '--out the input through ..', outputs: (p) => ['--out', path.join(p.dir, 'out', '..', path.basename(p.input))], exit: 2, code: 'OUTPUT_IS_INPUT' },
  {
    group: 'output and process', name: '--out a symlink to the input', exit: 2, code: 'OUTPUT_IS_INPUT',
    setup: (p) => fs.symlinkSync(p.input, path.join(p.dir, 'link.csv')), outputs: (p) => ['--out', path.join(p.dir, 'link.csv')],
  },
  {
    group: 'output and process', name: '--out a hard link to the input', exit: 2, code: 'OUTPUT_IS_INPUT',
    setup: (p) => fs.linkSync(p.input, path.join(p.dir, 'hard.csv')), outputs: (p) => ['--out', path.join(p.dir, 'hard.csv')],
  },
  { group: 'output and process', name: '--rejects onto the ruleset', outputs: (p) => ['--out-dir', p.out, '--rejects', p.rules], exit: 2, code: 'OUTPUT_IS_INPUT' },
  { group: 'output and process', name: '--summary onto the spend file', spend: 'spend-ok.csv', outputs: (p) => ['--out-dir', p.out, '--summary', p.spend!], exit: 2, code: 'OUTPUT_IS_INPUT' },
  { group: 'output and process', name: '--out-dir naming a file', outputs: (p) => ['--out-dir', path.join(p.out, 'scored.csv')], exit: 1, code: 'OUTPUT_WRITE', at: ['out', null] },
  { group: 'output and process', name: '--out in a directory that does not exist', outputs: (p) => ['--out', path.join(p.dir, 'missing', 'scored.csv')], exit: 1, code: 'OUTPUT_WRITE' },
  { group: 'output and process', name: '--summary of an unknown format', outputs: (p) => ['--out-dir', p.out, '--summary', path.join(p.dir, 'summary.txt')], exit: 2, code: 'USAGE' },
  { group: 'output and process', name: 'an invalid --max-rejects', args: ['--max-rejects', '5 rows'], exit: 2 },
];

/** What an earlier, successful run left in --out-dir. */
const EARLIER: Record<string, string> = {
  'scored.csv': 'id,stage\nearlier,lead\n',
  'lead.csv': 'id\nearlier\n',
  'summary.json': '{ "earlier": true }\n',
  'rejects.csv': 'line,reason,record\n9,earlier,x\n',
};

function prepare(c: Case): Paths {
  const dir = tempDir();
  const copy = (name: string) => {
    const to = path.join(dir, name);
    fs.copyFileSync(path.join(FIXTURES, name), to);
    return to;
  };
  const p: Paths = { dir, input: copy(c.input ?? 'ok.csv'), rules: copy(c.rules ?? 'rules.yaml'), spend: c.spend && copy(c.spend), out: path.join(dir, 'out') };
  fs.mkdirSync(p.out);
  for (const [name, text] of Object.entries(EARLIER)) fs.writeFileSync(path.join(p.out, name), text);
  c.setup?.(p);
  return p;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function expectPointsAt(err: string, file: string, line: number | null | 'any', col?: number): void {
  if (line === null) {
    expect(err).toContain(`${file} `);
    expect(err).not.toContain(`${file}:`);
    return;
  }
  const where = line === 'any' ? ':\\d+(:\\d+)?' : `:${line}${typeof col === 'number' ? `:${col}` : '(:\\d+)?'}`;
  expect(err).toMatch(new RegExp(`${escapeRe(file)}${where} `));
}

afterEach(cleanTempDirs);

describe('bad input: exit code, error code, position, nothing lost', () => {
  test('the table has at least 40 cases, in every group', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.group)).size).toBe(6);
  });

  test.each(CASES.map((c) => [`${c.group}: ${c.name}`, c] as const))('%s', async (_name, c) => {
    const p = prepare(c);
    const before = snapshot(p.dir);
    const outputs = c.outputs ? c.outputs(p) : ['--out-dir', p.out];
    const result = await run(['score', p.input, '--rules', p.rules, '--as-of', AS_OF, ...(p.spend ? ['--spend', p.spend] : []), ...outputs, ...(c.args ?? [])]);

    expect({ exit: result.code, err: result.err }).toMatchObject({ exit: c.exit });
    if (c.code) expect(result.err).toContain(`[${c.code}]`);
    if (c.at) {
      const [which, line, col] = c.at;
      expectPointsAt(result.err, { input: p.input, rules: p.rules, spend: p.spend ?? '', out: outputs[1] }[which], line, col);
    }
    if (c.hint) expect(result.err).toMatch(new RegExp(`hint: .*${c.hint.source}`));
    // nothing reaches the terminal raw: no control character but the line break
     
    expect(result.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);

    if (c.exit === 1 || c.exit === 2) {
      expect(snapshot(p.dir)).toEqual(before);
    } else {
      // the inputs are untouched, every output replaced in full, no temp file left
      for (const file of [p.input, p.rules]) expect(fs.readFileSync(file)).toEqual(before.get(path.basename(file)));
      const files = fs.readdirSync(p.out);
      expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(files).toEqual(expect.arrayContaining(['scored.csv', 'disqualified.csv', 'summary.json']));
      const { rows } = summaryOf(p.out);
      expect(rows.read).toBe(rows.scored + rows.rejected);
      expect(readOut(path.join(p.out, 'scored.csv'))).toHaveLength(rows.scored + 1);
      if (c.exit === 3) {
        expect(readOut(path.join(p.out, 'rejects.csv')).slice(1).map((r) => Number(r[0]))).toEqual(c.rejects);
        expect(rows.rejected).toBe(c.rejects!.length);
      } else {
        // the rejects.csv of the earlier run would describe rows this run scored
        expect(files).not.toContain('rejects.csv');
        expect(rows.rejected).toBe(0);
      }
    }
    c.check?.(p.out, result);
  });
});
