import { describe, expect, test } from '@jest/globals';
import { CsvFormatter, needsFormulaEscape } from '../../src/output/csv-format.js';

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
