import { describe, expect, test } from '@jest/globals';
import { formatDay } from '../../src/model/days.js';
import { DEFAULT_PLACEHOLDERS, excelDay, numberParser, Placeholders, valuePlan } from '../../src/input/values/formats.js';
import { datePatternParser, NUMBER_PATTERNS, type NumberFormat } from '../../src/model/formats.js';
import { mulberry32 } from '../support/random.js';

const fmt = (pattern: string, currency = false, suffixes = false): NumberFormat => ({ pattern, currency, suffixes });
const day = (text: string) => (Number.isNaN(Number(text)) ? text : formatDay(Number(text)));

describe('number formats', () => {
  test.each<[string, NumberFormat, string, number]>([
    // German / most of Europe: dot thousands, decimal comma
    ['thousands dots', fmt('1.234,56'), '1.234,56', 1234.56],
    ['10.000 is ten thousand, never ten', fmt('1.234,56'), '10.000', 10000],
    ['several groups', fmt('1.234,56'), '12.345.678,9', 12345678.9],
    ['no grouping at all', fmt('1.234,56'), '1234,5', 1234.5],
    ['a sign', fmt('1.234,56'), '-1.234', -1234],
    ['spaces around', fmt('1.234,56'), '  7 ', 7],
    ['a dot is not a decimal point', fmt('1.234,56'), '1.5', NaN],
    ['a group of two', fmt('1.234,56'), '1.23', NaN],
    ['the other convention', fmt('1.234,56'), '1,234.56', NaN],
    ['no currency unless configured', fmt('1.234,56'), '€5', NaN],
    ['no suffix unless configured', fmt('1.234,56'), '5K', NaN],
    ['empty', fmt('1.234,56'), '', NaN],
    // US / UK
    ['comma thousands', fmt('1,234.56'), '1,234.56', 1234.56],
    ['10.000 is ten here', fmt('1,234.56'), '10.000', 10],
    ['millions', fmt('1,234.56'), '1,234,567', 1234567],
    ['a group of two', fmt('1,234.56'), '12,34', NaN],
    ['a group of four', fmt('1,234.56'), '1,2345', NaN],
    ['a leading decimal point', fmt('1,234.56'), '.5', 0.5],
    ['an exponent is not a format', fmt('1,234.56'), '1e3', NaN],
    // spaces (French, Nordic): also the no-break spaces Excel writes
    ['space thousands', fmt('1 234,56'), '1 234,56', 1234.56],
    ['no-break space', fmt('1 234,56'), '1\u00a0234,56', 1234.56],
    ['narrow no-break space', fmt('1 234,56'), '1\u202f234', 1234],
    ['space thousands, decimal point', fmt('1 234.56'), '12 345.5', 12345.5],
    // Swiss
    ['apostrophe thousands', fmt("1'234.56"), "1'234.56", 1234.56],
    ['typographic apostrophe', fmt("1'234.56"), '1\u2019234.56', 1234.56],
    ['plain with decimal comma', fmt('1234,56'), '3,5', 3.5],
    ['plain refuses grouping', fmt('1234,56'), '1.234,5', NaN],
    // currency
    ['dollar sign', fmt('1,234.56', true), '$342.09', 342.09],
    ['minus before the sign', fmt('1,234.56', true), '-$5', -5],
    ['minus after the sign', fmt('1,234.56', true), '$-5', -5],
    ['ISO code before', fmt('1,234.56', true), 'USD 1,000', 1000],
    ['ISO code after', fmt('1,234.56', true), '1,000 USD', 1000],
    ['euro after, decimal comma', fmt('1.234,56', true), '1.234,56 €', 1234.56],
    ['US$', fmt('1,234.56', true), 'US$ 12', 12],
    ['accounting negative', fmt('1,234.56', true), '($1,234.00)', -1234],
    ['two currencies', fmt('1,234.56', true), '$5 €', NaN],
    ['two signs', fmt('1,234.56', true), '-$-5', NaN],
    ['a lower-case word is no currency code', fmt('1,234.56', true), 'usd 5', NaN],
    ['currency without a number', fmt('1,234.56', true), '$', NaN],
    // suffixes
    ['thousands', fmt('1,234.56', true, true), '$342.09K', 342090],
    ['millions', fmt('1,234.56', true, true), '1.5M', 1500000],
    ['billions', fmt('1,234.56', true, true), '2B', 2e9],
    ['bn', fmt('1,234.56', true, true), '3bn', 3e9],
    ['a space before the suffix', fmt('1,234.56', true, true), '12.5 m', 12500000],
    ['decimal comma and a suffix', fmt('1.234,56', true, true), '€ 1,5 Mn', 1500000],
    ['a suffix alone', fmt('1,234.56', true, true), 'K', NaN],
    ['two suffixes', fmt('1,234.56', true, true), '5KK', NaN],
    ['suffixes without currency refuse the sign', fmt('1,234.56', false, true), '$5K', NaN],
  ])('%s: %p %p → %p', (_name, format, text, expected) => {
    expect(numberParser(format)(text)).toBe(expected);
  });

  // the byte fast path reads plain digits as a whole number in every format: every parser must agree
  test.each(Object.keys(NUMBER_PATTERNS).flatMap((p) => [fmt(p), fmt(p, true, true)]))('digits only read the same in %p', (format) => {
    const parse = numberParser(format);
    const rand = mulberry32(format.pattern.length * 31 + (format.currency ? 7 : 0));
    for (let i = 0; i < 300; i++) {
      const digits = String(Math.floor(rand() * 10 ** (1 + Math.floor(rand() * 15)))).padStart(1 + Math.floor(rand() * 3), '0');
      expect(parse(digits)).toBe(Number(digits));
    }
  });
});

describe('date patterns', () => {
  test.each<[string, string, string]>([
    ['MM/dd/yyyy', '10/14/2026', '2026-10-14'],
    ['MM/dd/yyyy', ' 10/14/2026 ', '2026-10-14'],
    ['MM/dd/yyyy', '1/4/2026', 'NaN'], // MM is two digits
    ['MM/dd/yyyy', '02/30/2026', 'NaN'], // no such day: never rolled into March
    ['MM/dd/yyyy', '01/01/0000', 'NaN'], // no year 0: a "no date" written in a pattern, too
    ['MM/dd/yyyy', '13/01/2026', 'NaN'],
    ['MM/dd/yyyy', '2026-10-14', 'NaN'], // a format is strict: not ISO as well
    ['M/d/yyyy', '1/4/2026', '2026-01-04'],
    ['M/d/yyyy', '01/04/2026', '2026-01-04'],
    ['dd.MM.yyyy', '14.10.2026', '2026-10-14'],
    ['dd.MM.yyyy', '29.02.2024', '2024-02-29'],
    ['dd.MM.yyyy', '29.02.2026', 'NaN'],
    ['dd.MM.yyyy', '14/10/2026', 'NaN'],
    ['dd-MM-yyyy HH:mm', '14-10-2026 09:31', '2026-10-14'],
    ['dd-MM-yyyy HH:mm', '14-10-2026 23:59', '2026-10-14'],
    ['dd-MM-yyyy HH:mm', '14-10-2026 24:00', 'NaN'],
    ['dd-MM-yyyy HH:mm', '14-10-2026 09:60', 'NaN'],
    ['dd-MM-yyyy HH:mm', '14-10-2026', 'NaN'],
    ['d MMM, yyyy HH:mm:ss', '4 Oct, 2026 09:31:00', '2026-10-04'],
    ['d MMM, yyyy HH:mm:ss', '14 oct, 2026 09:31:00', '2026-10-14'],
    ['d MMM, yyyy HH:mm:ss', '14 Sept, 2026 09:31:00', '2026-09-14'],
    ['d MMM, yyyy HH:mm:ss', '14 October, 2026 09:31:00', '2026-10-14'],
    ['d MMM, yyyy HH:mm:ss', '14 Okt, 2026 09:31:00', 'NaN'],
    ['d MMM, yyyy HH:mm:ss', '14 Oct, 2026 09:31:61', 'NaN'],
    ['MMM d, yyyy', 'Oct. 14, 2026', '2026-10-14'],
    ['M/d/yyyy h:mm a', '10/14/2026 9:31 AM', '2026-10-14'],
    ['M/d/yyyy h:mm a', '10/14/2026 12:05 pm', '2026-10-14'],
    ['M/d/yyyy h:mm a', '10/14/2026 13:31 PM', 'NaN'],
    ['M/d/yyyy h:mm a', '10/14/2026 0:31 AM', 'NaN'],
    ["yyyy-MM-dd'T'HH:mm:ss", '2026-10-14T09:31:00', '2026-10-14'],
    ['yyyy-MM-dd HH:mm:ss.SSS XXX', '2026-10-14 09:31:00.123 +02:00', '2026-10-14'],
    ['MM/dd/yy', '10/14/26', '2026-10-14'],
    ['EEE, d MMM yyyy', 'Wed, 14 Oct 2026', '2026-10-14'],
    ['dd.MM.yyyy', '', 'NaN'],
  ])('%s: %p → %s', (pattern, text, expected) => {
    const compiled = datePatternParser(pattern);
    if ('error' in compiled) throw new Error(compiled.error);
    expect(day(String(compiled.parse(text)))).toBe(expected);
  });

  test.each<[string, RegExp]>([
    ['MM/dd', /needs a year/],
    ['dd.MM.yyyy hh:mm', /12-hour clock/],
    ['dd.MM.yyyy HH:mm a', /12-hour clock/],
    ['dd.MM.yyyy QQ', /"QQ" is not a pattern field/],
    ['yyyyy-MM-dd', /"yyyyy" is not a pattern field/],
    ["dd.MM.yyyy 'at", /unclosed quote/],
    ['yyyy-MM-dd HH', /an hour needs minutes/],
    ['dd.dd.yyyy', /appears twice/],
  ])('%p is refused', (pattern, message) => {
    const compiled = datePatternParser(pattern);
    expect('error' in compiled && compiled.error).toMatch(message);
  });

  test.each<[string, string]>([
    ['46309', '2026-10-14'],
    ['46309.75', '2026-10-14'],
    ['46309,5', '2026-10-14'],
    [' 25569 ', '1970-01-01'],
    ['61', '1900-03-01'],
    ['59', '1900-02-28'], // before Excel's phantom 29 February 1900
    ['1', '1900-01-01'],
    ['60', 'NaN'], // that phantom day
    ['0', 'NaN'],
    ['-5', 'NaN'],
    ['2958466', 'NaN'], // after 9999-12-31
    ['2026-10-14', 'NaN'],
    ['', 'NaN'],
  ])('Excel serial %p → %s', (text, expected) => {
    expect(day(String(excelDay(text)))).toBe(expected);
  });
});

describe('placeholders', () => {
  const defaults = new Placeholders(DEFAULT_PLACEHOLDERS);
  test.each<[string, boolean]>([
    ['N/A', true], [' n/a ', true], ['#N/A', true], ['-', true], ['--', true], ['—', true], ['null', true], ['NULL', true],
    ['Select', true], ['SELECT', true], ['--None--', true], ['(blank)', true], ['#VALUE!', true], ['#REF!', true], ['#DIV/0!', true],
    ['\u00a0N/A', true], ['\tnull', true],
    ['', false], ['   ', false], ['NA', false], ['none', false], ['-5', false], ['Selected', false], ['N/A N/A', false],
    ['Nancy', false], ['ana@acme.example', false], ['Österreich', false],
    ['- ', true], ['  -', true], ['N/A\t', true], ['n/A', true], ['- 5', false], ['S', false], ['Sales', false], ['Select ', true],
    ['[not provided]', true], ['[NOT PROVIDED]', true], ['-None-', true], ['—', true], ['— ', true],
  ])('%p: %p', (text, expected) => {
    expect(defaults.has(text)).toBe(expected);
  });

  // the quick filters (first characters) must never rule out a placeholder: compare with the plain definition
  test.each([1, 2, 3])('seed %i: has() is "trimmed, ignoring case, in the list"', (seed) => {
    const list = [...DEFAULT_PLACEHOLDERS, 'TBD', 'ñ/a'];
    const mine = new Placeholders(list);
    const wanted = new Set(list.map((p) => p.trim().toLowerCase()));
    const pieces = [...list, ...list.map((p) => p.toUpperCase()), 'a', 'N', 's', '-', ' ', '\t', '\u00a0', 'x', '5', 'é', 'Ñ', '/'];
    const rand = mulberry32(seed);
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pieces[Math.floor(rand() * pieces.length)]).join('');
      expect([text, mine.has(text)]).toEqual([text, wanted.has(text.trim().toLowerCase())]);
    }
  });

  test('a list of its own replaces the built-in one, compared ignoring case', () => {
    const mine = new Placeholders(['unknown', 'TBD']);
    expect([mine.has('Unknown'), mine.has('tbd'), mine.has('N/A')]).toEqual([true, true, false]);
    const accented = new Placeholders(['ñ/a', 'Ärger']);
    expect([accented.has('Ñ/A'), accented.has('ñ/A'), accented.has('ärger'), accented.has('Ñandú')]).toEqual([true, true, true, false]);
  });
});

describe('valuePlan: which parser each column gets', () => {
  const kinds = { number: [0, 1], date: [2, 3], boolean: [4] };

  test('no formats, the built-in placeholders: every column keeps the plain parsers', () => {
    const plan = valuePlan(kinds, new Map(), DEFAULT_PLACEHOLDERS);
    expect([plan.numberColumns, plan.dateColumns, plan.booleanColumns]).toEqual([[0, 1], [2, 3], [4]]);
    expect([plan.values.numbers, plan.values.dates, plan.values.booleans]).toEqual([[], [], []]);
    expect(plan.values.placeholders).not.toBeNull();
  });

  test('formats take their columns out of the plain lists; numbers keep the byte shortcut, ISO dates stay plain', () => {
    const formats = new Map([[1, { number: fmt('1.234,56') }], [2, { date: { kind: 'pattern' as const, pattern: 'dd.MM.yyyy' } }], [3, { date: { kind: 'iso' as const } }]]);
    const plan = valuePlan(kinds, formats, DEFAULT_PLACEHOLDERS);
    expect([plan.numberColumns, plan.dateColumns]).toEqual([[0], [3]]);
    expect(plan.values.numbers.map((p) => [p.column, p.bytes, p.parse('10.000')])).toEqual([[1, true, 10000]]);
    expect(plan.values.dates.map((p) => [p.column, formatDay(p.parse('14.10.2026'))])).toEqual([[2, '2026-10-14']]);
  });

  test.each<[string, string, keyof typeof kinds]>([
    ['0 would read as a number', '0', 'number'],
    ['1900-01-01 would read as a date', '1900-01-01', 'date'],
    ['n would read as a boolean', 'n', 'boolean'],
  ])('a placeholder that parses is looked up first: %s', (_name, placeholder, kind) => {
    const plan = valuePlan(kinds, new Map(), [...DEFAULT_PLACEHOLDERS, placeholder]);
    const custom = kind === 'number' ? plan.values.numbers : kind === 'date' ? plan.values.dates : plan.values.booleans;
    expect(custom.map((p) => p.column)).toEqual(kinds[kind]);
    expect(custom.every((p) => !p.bytes)).toBe(true);
    const empty = kind === 'boolean' ? -1 : NaN;
    expect(custom[0].parse(` ${placeholder.toUpperCase()} `)).toBe(empty);
  });

  test('placeholders: [] turns them off', () => {
    expect(valuePlan(kinds, new Map(), []).values.placeholders).toBeNull();
  });
});
