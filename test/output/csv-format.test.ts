import { describe, expect, test } from '@jest/globals';
import { CsvFormatter, SplitScan, splitRisk, splitRiskCells, splittingSeparators } from '../../src/output/csv/csv-format.js';
import { needsFormulaEscape } from '../../src/model/formula-escape.js';

const escaping = new CsvFormatter({ delimiter: ',', escapeFormulas: true });
const plain = new CsvFormatter({ delimiter: ',', escapeFormulas: false });

describe('CsvFormatter.cell: quoting', () => {
  test.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['two\nlines', '"two\nlines"'],
    ['crlf\r\nend', '"crlf\r\nend"'],
    ['bare\rcr', '"bare\rcr"'], // a bare CR ends a record for many readers
    ['semi;colon|pipe\ttab', 'semi;colon|pipe\ttab'], // other delimiters are text here
    ['  spaced  ', '  spaced  '],
    ['Zoë 😀', 'Zoë 😀'],
  ])('%p → %p', (value, expected) => {
    expect(plain.cell(value)).toBe(expected);
    expect(escaping.cell(value)).toBe(expected);
  });

  test.each([
    [';', 'a;b', '"a;b"'],
    [';', 'a,b', 'a,b'],
    ['\t', 'a\tb', '"a\tb"'],
    ['|', 'a|b', '"a|b"'],
    ['|', 'a,b', 'a,b'],
  ])('delimiter %p: %p → %p', (delimiter, value, expected) => {
    expect(new CsvFormatter({ delimiter, escapeFormulas: false }).cell(value)).toBe(expected);
  });
});

describe('CsvFormatter.cell: formula escaping', () => {
  test.each([
    ['=1+1', "'=1+1"],
    ['+49 30 1234567', "'+49 30 1234567"],
    ['-cmd', "'-cmd"],
    ['-', "'-"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\tx', "'\tx"],
    ['\r=1', `"'\r=1"`], // escaped, then quoted for the CR
    ['＝1+1', "'＝1+1"], // full-width equals
    ['＋1', "'＋1"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
    ['−cmd', "'−cmd"], // U+2212 minus sign
    ['   =1+1', "'   =1+1"], // leading spaces, then a trigger
    ['\u00a0=1', "'\u00a0=1"],
    ['\u3000=1', "'\u3000=1"],
    ['=1,2', `"'=1,2"`], // escaped, then quoted for the delimiter
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    // real numbers are data, not formulas
    ['-5', '-5'],
    ['+3.5', '+3.5'],
    [' -5 ', ' -5 '],
    ['-1e3', '-1e3'],
    ['-.5', '-.5'],
    // no trigger first
    ['a=b', 'a=b'],
    ['5-3', '5-3'],
    ['ann@acme.com', 'ann@acme.com'],
    ['   ', '   '],
  ])('%p → %p', (value, expected) => {
    expect(escaping.cell(value)).toBe(expected);
  });

  test.each(['=1+1', '@SUM(A1)', '-cmd', '+1 (555)', '＝1'])('escaping off leaves %p alone', (value) => {
    expect(plain.cell(value)).toBe(value);
    expect(needsFormulaEscape(value)).toBe(true);
  });

  test('escaping off still quotes', () => {
    expect(plain.cell('=1,2')).toBe('"=1,2"');
  });

  test.each([['-5', false], ['- 5', true], ['', false], ['+', true]])('needsFormulaEscape(%p) → %p', (value, expected) => {
    expect(needsFormulaEscape(value)).toBe(expected);
  });
});

describe('CsvFormatter.row', () => {
  test.each([
    [',', ['a', 'b,c', '=x', ''], 'a,"b,c",\'=x,'],
    [';', ['a', 'b,c', 'd;e', '-5'], 'a;b,c;"d;e";-5'],
    [',', [], ''],
    [',', [''], ''],
  ])('delimiter %p: %p → %p', (delimiter, cells, expected) => {
    expect(new CsvFormatter({ delimiter, escapeFormulas: true }).row(cells)).toBe(expected);
  });
});

describe('CsvFormatter.escaped counts the cells it prefixed', () => {
  test.each([
    [true, ['=1', 'a', '-5', '@x', ' +1 (555)'], 3],
    [true, ['plain', ''], 0],
    [false, ['=1', '@x'], 0],
  ])('escaping %p, %p → %i', (escapeFormulas, cells, expected) => {
    const fmt = new CsvFormatter({ delimiter: ',', escapeFormulas });
    fmt.row(cells);
    expect(fmt.escaped).toBe(expected);
  });
});

describe('split risk: a list separator other than ours, then a formula character', () => {
  test.each([
    [',', [';']],
    [';', [',']],
    ['\t', [',', ';']],
    ['|', [',', ';']],
  ])('delimiter %p watches %p', (delimiter, expected) => {
    expect(splittingSeparators(delimiter)).toEqual(expected);
  });

  // with a comma-delimited file, a semicolon Excel starts a cell after each ;
  test.each([
    ['a;=cmd()', true],
    ['a; =cmd()', true],
    ['a;\u00a0@x', true],
    ['a;\uff1dx', true], // full-width equals
    ['a;-5', true], // Excel would see the text up to its own next separator, not our cell's end
    ['a;b', false],
    ['a; b=c', false],
    ['a,=b', false], // our own delimiter: the cell is quoted, and Excel with , honours the quotes
    ['=a', false], // a trigger at the start is escaped, not flagged
    ['a;', false],
  ])('%p → %p', (cell, expected) => {
    const seps = splittingSeparators(',');
    expect(splitRisk(cell, seps)).toBe(expected);
    // the byte-level scan of the row path agrees with the text one
    const bytes = Buffer.from(cell, 'utf8');
    const scan = new SplitScan(',', true);
    scan.reset(bytes);
    expect(scan.cells(0, bytes.length, Int32Array.of(0), Int32Array.of(bytes.length), 1)).toBe(expected ? 1 : 0);
  });

  test('counts cells, not occurrences', () => {
    expect(splitRiskCells(['a;=1;=2', 'b', 'c;+3'], [';'])).toBe(2);
  });

  test('the row scan looks at each line once, and counts nothing with escaping off', () => {
    const text = 'id;=x,b\nplain,b\nc,d;@e\n';
    const b = Buffer.from(text);
    const lines = text.split('\n').slice(0, 3);
    const counts = (scan: SplitScan) => {
      scan.reset(b);
      let at = 0;
      return lines.map((line) => {
        const comma = line.indexOf(',');
        const n = scan.cells(at, at + line.length, Int32Array.of(at, at + comma + 1), Int32Array.of(at + comma, at + line.length), 2);
        at += line.length + 1;
        return n;
      });
    };
    expect(counts(new SplitScan(',', true))).toEqual([1, 0, 1]);
    expect(counts(new SplitScan(',', false))).toEqual([0, 0, 0]);
  });
});
