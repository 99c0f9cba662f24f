/**
 * `leadq inspect` on odd exports (#14): 8-bit files read on instead of stopped (which encoding,
 * how sure), title lines and footer rows found and the settings that skip them, lead source
 * spellings that are probably one, codes made of digits kept as text, mojibake and Excel's
 * mangling flagged, and large inputs sampled (a file from its start and its end, standard input
 * streamed with a rolling tail).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, run, tempDir, write } from '../e2e/helpers.js';
import { assertBuilt, exited, leadq } from '../safety/cli-process.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'exports', 'fixtures');
const fixture = (name: string) => path.join(FIXTURES, name);

interface Column {
  name: string;
  type: string;
  format: Record<string, unknown> | null;
  flags: { kind: string; count: number; samples: string[] }[];
  samples: string[];
  new_placeholders: Record<string, number>;
  filled: number;
}

async function inspect(file: string, ...extra: string[]) {
  const result = await run(['inspect', file, '--json', ...extra]);
  expect({ code: result.code, err: result.err }).toEqual({ code: 0, err: '' });
  const json = JSON.parse(result.out);
  const columns = Object.fromEntries((json.columns as Column[]).map((c) => [c.name, c]));
  return { json, columns, lines: (json.ruleset.lines as string[]).join('\n') };
}

afterEach(cleanTempDirs);

/** Text as ISO-8859-1 / Windows-1252 bytes (the characters used here are the same in both but ’ “ ” €). */
function eightBit(text: string): Buffer {
  const high: Record<string, number> = { '€': 0x80, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96 };
  return Buffer.from([...text].map((c) => high[c] ?? c.charCodeAt(0)));
}

const LEADS = `Email,First Name,Last Name,Company,Lead Source
ana@acme.example,Ana,Müller,Café Zürich,Web
bo@acme.example,Bo,Núñez,Weiß & Søn,Events
cy@acme.example,Cy,O’Neil,“Best” Ltd – €5 plan,Web
`;

describe('an export that is not UTF-8 is described, not stopped', () => {
  test('Windows-1252: judged from its quotes and euro sign, read with it, and the ruleset line to add', async () => {
    const { json, columns, lines } = await inspect(write(tempDir(), 'cp1252.csv', eightBit(LEADS)));
    expect(json).toMatchObject({ encoding: 'windows-1252', encoding_decided_by: 'guess', encoding_guess: { encoding: 'windows-1252', first_invalid: { line: 2, byte: 0xfc } }, rows: 3 });
    expect(columns['Last Name'].samples).toEqual(['Müller', 'Núñez', 'O’Neil']);
    expect(columns.Company.samples).toContain('“Best” Ltd – €5 plan');
    expect(lines).toMatch(/^input:\n {2}encoding: windows-1252$/m);
  });

  test('ISO-8859-1: no byte of 0x80–0x9F, so Latin-1 (which windows-1252 reads the same)', async () => {
    const { json, columns } = await inspect(fixture('odd/education-latin1.csv'));
    expect(json).toMatchObject({ encoding: 'iso-8859-1', encoding_decided_by: 'guess', encoding_guess: { encoding: 'iso-8859-1', certainty: 'sure', share: 1 } });
    expect(columns.City.samples).toEqual(['Zürich', 'Málaga', 'Göteborg']);
  });

  test('the text report says which encoding, how sure, and where UTF-8 failed', async () => {
    const result = await run(['inspect', fixture('salesforce-report-cp1252.csv')]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^ {2}encoding {5}windows-1252, judged from the bytes: not UTF-8 \(byte 0xFC on line 4\); likely: 100% of 7 non-ASCII bytes/m);
    expect(result.out).not.toContain('until your leadq reads input:');
  });

  test('an accented letter on the last line of a large file is found (the whole file is checked)', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `lead${i}@acme.example,Lead ${i}\n`).join('');
    const file = write(tempDir(), 'late.csv', Buffer.concat([Buffer.from(`email,name\n${rows}`), eightBit('late@acme.example,Zoë\n')]));
    const { json } = await inspect(file);
    expect(json).toMatchObject({ encoding: 'iso-8859-1', complete: false, encoding_guess: { first_invalid: { line: 20_002, byte: 0xeb } } });
  });

  test('--encoding decides, as before', async () => {
    const { json } = await inspect(fixture('salesforce-report-cp1252.csv'), '--encoding', 'windows-1252');
    expect([json.encoding, json.encoding_decided_by, json.encoding_guess]).toEqual(['windows-1252', 'option', null]);
  });
});

describe('title lines and footer rows', () => {
  test('a Salesforce report with titles above the header and an empty, a totals and a fractions row below the leads', async () => {
    const { json, columns, lines } = await inspect(fixture('odd/salesforce-report-titles-footer.csv'));
    expect(json.title_lines).toEqual({ skip: 3, titles: ['Leads by Source', 'As of 10/14/2026, filtered by: Region = EMEA'] });
    expect(json.preset.name).toBe('salesforce-report');
    expect([json.rows, json.rejected]).toEqual([8, 0]);
    expect(json.footer.rows.map((r: { line: number; why: string }) => [r.line, r.why])).toEqual([[13, 'empty'], [14, 'totals'], [15, 'numbers']]);
    // the footer is no lead: 0.0016 is not a lead source, Total not a misfit
    expect(columns['Lead Source'].samples).not.toContain('0.0016');
    expect(json.sources.values.map((v: { value: string }) => v.value)).not.toContain('0.0016');
    expect(lines).toContain("input:\n  skip_lines: 3\n  footer: '^($|(Totals?)\\b)'\n");
  });

  test('a report of 3 leads, its 3 lines of fine print as many as they: the titles are still found', async () => {
    const { json, lines } = await inspect(fixture('odd/salesforce-report-small.csv'));
    expect(json.title_lines).toEqual({ skip: 3, titles: ['Leads Report', 'As of 10/14/2026'] });
    expect([json.columns.length, json.rows, json.rejected]).toEqual([12, 3, 0]);
    expect(json.footer.rows.map((r: { why: string }) => r.why)).toEqual(['totals', 'report text', 'report text']);
    expect(lines).toContain('input:\n  skip_lines: 3\n');
  });

  test('the fine print of a Salesforce report: its preset stops there already', async () => {
    const report = fs.readFileSync(fixture('salesforce-report.csv'), 'utf8');
    const file = write(tempDir(), 'report.csv', `${report}\r\n"Grand Totals (8 records)"\r\n\r\n"Confidential Information - Do Not Distribute"\r\n"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\r\n`);
    const { json, lines } = await inspect(file);
    expect(json.footer).toMatchObject({ covered_by_preset: true, pattern: '^(Grand Totals?|Copyright|Confidential)\\b' });
    expect(json.footer.rows.map((r: { why: string }) => r.why)).toEqual(['totals', 'report text', 'report text']);
    expect([json.rows, json.rejected]).toEqual([8, 0]);
    expect(lines).not.toMatch(/footer/);
  });

  test.each<[string, string, string | null]>([
    ['a totals row of full width', 'id,name,amount\n1,Ann,5\n2,Bo,7\nTotal,,12\n', '^(Totals?)\\b'],
    ['a lead whose first cell is empty: no pattern on an empty cell', 'id,name,amount\n1,Ann,5\n,Bo,7\n2,Cy,3\n,,\n', null],
    ['a number row, where leads have names', 'id,name,amount\na1,Ann,5\na2,Bo,7\n,0.25,0.5\n', '^$'],
  ])('%s', async (_name, csv, pattern) => {
    const { json } = await inspect(write(tempDir(), 'in.csv', csv));
    expect(json.footer.pattern).toBe(pattern);
  });

  test('no footer on a plain export; no title lines either', async () => {
    const { json } = await inspect(fixture('hubspot.csv'));
    expect([json.footer, json.title_lines, json.skip_lines]).toEqual([null, null, 0]);
  });

  test('Excel pads a title line with empty cells: still a title', async () => {
    const { json, columns } = await inspect(write(tempDir(), 'in.csv', 'Leads by Source,,,\nid,name,email,source\n1,Ann,a@x.example,Web\n2,Bo,b@x.example,Events\n3,Cy,c@x.example,Web\n'));
    expect(json.title_lines).toEqual({ skip: 1, titles: ['Leads by Source'] });
    expect(columns.email.type).toBe('email');
  });

  test('a trailing delimiter on every row is not a title line', async () => {
    const { json } = await inspect(write(tempDir(), 'in.csv', 'id,name,email\n1,Ann,a@x.example,\n2,Bo,b@x.example,\n3,Cy,c@x.example,\n'));
    expect([json.title_lines, json.rejected]).toEqual([null, 3]);
  });
});

describe('what columns hold', () => {
  test('codes with leading zeros, Salesforce ids, 0/1, percentages: text, text, yes/no, percentage', async () => {
    const { columns } = await inspect(fixture('odd/education-latin1.csv'));
    expect(columns['Postal Code']).toMatchObject({ type: 'text', flags: [{ kind: 'leading-zeros' }] });
    expect(columns['Student ID']).toMatchObject({ type: 'text', flags: [{ kind: 'leading-zeros' }] });
    expect(columns['Contact Id']).toMatchObject({ type: 'text', format: null, flags: [{ kind: 'salesforce-id', samples: ['000000000000000AAA', '000000000000001AAA', '000000000000002AAA'] }] });
    expect(columns['Campus Visit'].type).toBe('boolean');
    expect(columns['Scholarship Share'].type).toBe('percentage');
    expect(columns['Inquiry Date']).toMatchObject({ type: 'date', format: { date: 'dd.MM.yyyy' } });
  });

  test('an education export: no preset, though 6 of the Salesforce report\'s names are there (Last Activity holds text)', async () => {
    const { json } = await inspect(fixture('odd/education-latin1.csv'));
    expect(json.preset).toBeNull();
    expect(json.presets[0]).toMatchObject({ name: 'salesforce-report', fits: false });
  });

  test('mojibake, Excel\'s dates and scientific notation are flagged with samples; words for "no value" in a number column', async () => {
    const { columns, lines } = await inspect(fixture('odd/excel-mangled.csv'));
    expect(columns.Company.flags).toEqual([{ kind: 'mojibake', count: 12, samples: ['CafÃ© Nord', 'Cafí© Sud', 'BÃ¼ro AG'] }]);
    expect(columns['Company Size'].flags).toEqual([{ kind: 'excel-date', count: 8, samples: ['May-20', '10-Jan'] }]);
    expect(columns.Phone.flags).toEqual([{ kind: 'excel-scientific', count: 8, samples: ['1.23457E+11', '4.91701E+12'] }]);
    expect(columns.Budget).toMatchObject({ type: 'number', new_placeholders: { unknown: 4, TBD: 4 } });
    expect(lines).toMatch(/^placeholders: \[.*'#NULL!', 'unknown', 'TBD'\]$/m);
    const text = (await run(['inspect', fixture('odd/excel-mangled.csv')])).out;
    expect(text).toContain('note: "Company" has 12 values that look decoded twice (mojibake): "CafÃ© Nord", "Cafí© Sud", "BÃ¼ro AG", …');
    expect(text).toContain('note: "Company Size" has 8 values that Excel turned into dates: "May-20", "10-Jan", …');
  });

  test('words for "no value" in a text column are values', async () => {
    const { columns } = await inspect(write(tempDir(), 'in.csv', 'note\nunknown\nhello\nTBD\n'));
    expect(columns.note).toMatchObject({ type: 'text', filled: 3, new_placeholders: {} });
  });

  test('a column named like an id or a postal code is text, even without leading zeros', async () => {
    const { columns } = await inspect(write(tempDir(), 'in.csv', 'Record ID,Zip,Visits\n101,94105,3\n102,10001,4\n'));
    expect([columns['Record ID'].type, columns.Zip.type, columns.Visits.type]).toEqual(['text', 'text', 'number']);
  });
});

describe('lead source spellings', () => {
  test('near-duplicates with their counts, and the sources: lines that merge them', async () => {
    const { json, lines } = await inspect(fixture('odd/education-latin1.csv'));
    expect(json.source_column).toBe('Lead Source');
    expect(json.sources.groups.map((g: { canonical: { value: string; count: number }; variants: { value: string; count: number }[] }) =>
      [g.canonical.value, g.canonical.count, g.variants.map((v) => [v.value, v.count])])).toEqual([
      ['Advertisement', 6, [['Advertisment', 2]]],
      ['Trade Show', 5, [['Trades Show', 2]]],
      ['Eblast', 4, [['Eblasts', 2]]],
    ]);
    expect(lines).toContain('sources:\n  Advertisement: [Advertisment]\n  Trade Show: [Trades Show]\n  Eblast: [Eblasts]');
  });
});

describe('large inputs are sampled', () => {
  const big = (rows: number, footer = '') => `email,name,visits\n${Array.from({ length: rows }, (_, i) => `lead${i}@acme.example,Lead ${i},${i % 7}\n`).join('')}${footer}`;

  test('a file: the first 10,000 rows, the row count estimated from its size, the footer from its end', async () => {
    const file = write(tempDir(), 'big.csv', big(30_000, '"Grand Totals (30000 records)"\n'));
    const { json } = await inspect(file);
    expect(json).toMatchObject({ complete: false, rows: 10_000, total_rows_by: 'size' });
    expect(json.total_rows).toBeGreaterThan(27_000);
    expect(json.total_rows).toBeLessThan(33_000);
    expect(json.footer).toMatchObject({ rows: [{ line: null, fromEnd: 1, why: 'totals' }], pattern: '^(Grand Totals?)\\b' });
    const text = (await run(['inspect', file])).out;
    expect(text).toMatch(/^ {2}rows {9}about 3\dK \(estimated from the file size\); read the first 10,000; --all reads everything$/m);
  });

  test('--all reads everything and counts', async () => {
    const { json } = await inspect(write(tempDir(), 'big.csv', big(12_000)), '--all');
    expect(json).toMatchObject({ complete: true, rows: 12_000, total_rows: 12_000, total_rows_by: 'records' });
  });

  test('just over the limit: the end is in the last block read, the rows counted', async () => {
    const { json } = await inspect(write(tempDir(), 'big.csv', big(10_050, 'Total,,\n')));
    expect(json).toMatchObject({ complete: false, rows: 10_000, total_rows: 10_050, total_rows_by: 'records', footer: { rows: [{ why: 'totals' }] } });
  });

  test('standard input: the first rows profiled, the rest streamed by for its tail and line count', async () => {
    assertBuilt();
    const child = leadq(['inspect', '-', '--json'], ['pipe', 'pipe', 'pipe']);
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (t: string) => { out += t; });
    // more than the first MiB looked at for the encoding: the rest streams by
    child.stdin!.end(big(60_000, 'Total,,\n'));
    const exit = await exited(child);
    expect([exit.code, exit.stderr]).toEqual([0, '']);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ file: 'stdin', complete: false, rows: 10_000, total_rows: 60_000, total_rows_by: 'lines', footer: { rows: [{ why: 'totals' }] } });
  });
});

describe('docs/rules.md', () => {
  test('the sample report of section 12 is what leadq prints (its table cut to three columns)', async () => {
    const docs = fs.readFileSync(path.join(FIXTURES, '..', '..', '..', 'docs', 'rules.md'), 'utf8');
    const section = docs.slice(docs.indexOf('## 12. A new export'));
    const sample = section.slice(section.indexOf('```text\n') + 8, section.indexOf('```\n', section.indexOf('```text\n') + 8));
    // the Salesforce report with titles and a footer, saved in Windows-1252, two sources misspelt and a name decoded twice
    const report = fs.readFileSync(fixture('odd/salesforce-report-titles-footer.csv'), 'utf8')
      .replace('"Paid Search"', '"Advertisement"').replace('"Paid Search"', '"Advertisement"').replace('"Organic Search"', '"Advertisment"').replace('"Events","Open', '"Trade Show","Open')
      .replace('"Referral"', '"Trades Show"').replace('"Klinik Zürich AG"', '"CafÃ© Zürich AG"');
    const file = write(tempDir(), 'report.csv', eightBit(report));
    const result = await run(['inspect', file]);
    const out = result.out.split('\n').map((l) => l.replace(file, 'report.csv'));
    expect(sample.split('\n').filter((l) => l !== '…' && !out.includes(l))).toEqual([]);
  });
});

