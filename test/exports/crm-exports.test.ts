/**
 * The same eight leads exported by HubSpot, a Salesforce report, Salesforce Data Loader, Pipedrive
 * and Zoho, each in its own shape (headers, quoting, line breaks, date and number formats,
 * placeholders), scored end to end with one ruleset (fixtures/rules-body.yaml) through its CRM
 * preset: every export must give every lead the same score and stage. Each export is also
 * re-encoded as Windows-1252 and UTF-16LE and re-delimited, and cut into tiny blocks, with the
 * same results (and the same bytes across block sizes).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { cleanTempDirs, read, score, tempDir, write } from '../e2e/helpers.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => path.join(FIXTURES, name);
const BODY = fs.readFileSync(fixture('rules-body.yaml'), 'utf8');

/** email → [stage, total score]: what every CRM's export must give (as of 2026-11-01). */
const EXPECTED: Record<string, [string, string]> = {
  'ana@acme.example': ['sql', '145'], // recent, new, worked; every fit rule
  'bo.chen@gmail.com': ['lead', '-20'], // free mail, nothing else
  'cy@klinik-zuerich.example': ['mql', '115'], // fits, but nobody works the lead: not sal
  'not-an-email': ['disqualified', '105'],
  'eve@rival.example': ['disqualified', '135'], // a competitor
  'fay@placeholder.example': ['lead', '10'], // placeholders everywhere: only "new this quarter"
  'gus@bigcorp.example': ['sql', '105'], // 10.000 employees (not 10) and 1.5 billion revenue carry it
  'hal@nordic.example': ['mql', '50'], // last activity 30 February: empty and a warning
};

interface Crm {
  name: string;
  file: string;
  delimiter: string;
  /** the lines in front of the shared rules: the preset and the export's formats */
  header: string;
  /** the header of the last-activity column (the one warning: 30 February) */
  lastActivity: string;
  args?: string[];
}

const CRMS: Crm[] = [
  { name: 'HubSpot', file: 'hubspot.csv', delimiter: ',', header: 'columns: { preset: hubspot }', lastActivity: 'Last Activity Date' },
  {
    name: 'Salesforce report', file: 'salesforce-report.csv', delimiter: ',', lastActivity: 'Last Activity',
    header: `columns: { preset: salesforce-report }
formats:
  created: { date: 'M/d/yyyy' }
  last_activity: { date: 'M/d/yyyy' }
  employees: { number: '1,234.56' }
  annual_revenue: { number: '1,234.56', currency: true }`,
  },
  { name: 'Salesforce Data Loader', file: 'salesforce-dataloader.csv', delimiter: ',', header: 'columns: { preset: salesforce }', lastActivity: 'LASTACTIVITYDATE' },
  {
    name: 'Pipedrive', file: 'pipedrive-semicolon.csv', delimiter: ';', lastActivity: 'Person - Last activity date',
    header: `columns: { preset: pipedrive }
formats:
  employees: { number: '1.234,56' }
  annual_revenue: { number: '1.234,56', currency: true, suffixes: true }`,
  },
  {
    name: 'Zoho', file: 'zoho.csv', delimiter: ',', lastActivity: 'Last Activity Time',
    header: `columns: { preset: zoho }
formats:
  created: { date: 'dd.MM.yyyy HH:mm' }
  last_activity: { date: 'dd.MM.yyyy HH:mm' }
  annual_revenue: { currency: true }`,
  },
];

/** The exports committed in other encodings, as Excel and Salesforce write them. */
const ENCODED: (Crm & { base: string })[] = [
  { ...CRMS[0], name: 'HubSpot as Excel "Unicode text" (UTF-16LE, tab, CRLF)', file: 'hubspot-utf16le.txt', delimiter: '\t', base: 'HubSpot' },
  { ...CRMS[1], name: 'Salesforce report in Windows-1252', file: 'salesforce-report-cp1252.csv', args: ['--encoding', 'windows-1252'], base: 'Salesforce report' },
];

afterEach(cleanTempDirs);

interface Scored {
  /** email → [stage, score] */
  leads: Record<string, [string, string]>;
  rows: string[][];
  summary: { warnings: { total: number; by_column: { column: string; kind: string; count: number; first_lines: number[] }[] }; by_source?: unknown };
  out: string;
}

/** Standard error holds nothing but value warnings (one line per column: the impossible date). */
const ONLY_VALUE_WARNINGS = /^(leadq: warning: \d+ of \d+ values of column [^\n]*\n)*$/;

async function scoreExport(input: string, crm: Crm, extra: string[] = [], header = crm.header, stderr = ONLY_VALUE_WARNINGS): Promise<Scored> {
  const dir = tempDir();
  const rules = write(dir, 'rules.yaml', `${header}\n${BODY}`);
  const out = path.join(dir, 'scored.csv');
  const summary = path.join(dir, 'summary.json');
  const result = await score(input, rules, '--out', out, '--summary', summary, ...(crm.args ?? []), ...extra);
  expect(result.code).toBe(0);
  expect(result.err).toMatch(stderr);
  const rows = parse(read(out), { delimiter: crm.delimiter, bom: true }) as string[][];
  const [head, ...data] = rows;
  const email = head.findIndex((h) => /e-?mail/i.test(h));
  const leads = Object.fromEntries(data.map((r) => [r[email], [r[head.indexOf('stage')], r[head.indexOf('score')]] as [string, string]]));
  return { leads, rows, summary: JSON.parse(read(summary)), out: read(out) };
}

describe('one ruleset, five CRMs: the same stage and score for every lead', () => {
  test.each([...CRMS, ...ENCODED])('$name', async (crm) => {
    const { leads, summary } = await scoreExport(fixture(crm.file), crm);
    expect(leads).toEqual(EXPECTED);
    // placeholders are no warnings; the impossible date is the only one, on Hal's line
    expect(summary.warnings).toMatchObject({ total: 1, by_column: [{ column: crm.lastActivity, kind: 'date', count: 1, first_lines: [9], mostly_unparsed: false }] });
  });

  test('a Salesforce report with its footer: the footer is not scored', async () => {
    const report = fs.readFileSync(fixture('salesforce-report.csv'), 'utf8');
    const footer = '\r\n"Grand Totals (8 records)"\r\n\r\n"Confidential Information - Do Not Distribute"\r\n"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\r\n';
    const { leads, rows } = await scoreExport(write(tempDir(), 'report.csv', report + footer), CRMS[1], [], CRMS[1].header, /^(leadq: warning: \d+ of \d+ values of column [^\n]*\n)*leadq: stopped at the report footer at .*report\.csv:11\n$/);
    expect([leads, rows.length]).toEqual([EXPECTED, 1 + 8]);
  });

  test('a Salesforce report whose footer is set off by "" lines (a lone empty cell): those lines are the footer\'s, not rejected rows', async () => {
    const report = fs.readFileSync(fixture('salesforce-report.csv'), 'utf8');
    const footer = '""\r\n""\r\n"Confidential Information - Do Not Distribute"\r\n"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\r\n';
    const { leads, rows } = await scoreExport(write(tempDir(), 'report.csv', report + footer), CRMS[1], [], CRMS[1].header, /^(leadq: warning: \d+ of \d+ values of column [^\n]*\n)*leadq: stopped at the report footer at .*report\.csv:12\n$/);
    expect([leads, rows.length]).toEqual([EXPECTED, 1 + 8]);
  });

  test('a "" line that no footer follows is still a rejected row', async () => {
    const report = fs.readFileSync(fixture('salesforce-report.csv'), 'utf8');
    const dir = tempDir();
    const rules = write(dir, 'rules.yaml', `${CRMS[1].header}\n${BODY}`);
    const result = await score(write(dir, 'report.csv', `${report}""\r\n`), rules, '--out', path.join(dir, 'out.csv'), ...(CRMS[1].args ?? []));
    expect(result.code).toBe(3);
    expect(result.err).toMatch(/1 of 9 rows rejected/);
  });

  test('the input columns come out unchanged, placeholders included', async () => {
    const { rows } = await scoreExport(fixture('hubspot.csv'), CRMS[0], ['--no-escape-formulas']);
    const input = parse(read(fixture('hubspot.csv'))) as string[][];
    expect(rows.map((r) => r.slice(0, input[0].length))).toEqual(input);
  });
});

/** Windows-1252 bytes of text (every character of the fixtures has one). */
function cp1252(text: string): Buffer {
  const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
  return Buffer.from([...text].map((c) => {
    const code = c.charCodeAt(0);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
    const at = high.indexOf(c);
    if (at < 0) throw new Error(`no Windows-1252 byte for ${c}`);
    return 0x80 + at;
  }));
}

describe('each export re-encoded and re-delimited gives the same results', () => {
  const variants: [string, (text: string, crm: Crm) => { bytes: Buffer; args: string[]; delimiter: string }][] = [
    ['Windows-1252', (text, crm) => ({ bytes: cp1252(text), args: ['--encoding', 'windows-1252'], delimiter: crm.delimiter })],
    ['UTF-16LE with a byte-order mark', (text, crm) => ({ bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), args: [], delimiter: crm.delimiter })],
    ['the other delimiter, every field quoted, CR line breaks', (text, crm) => {
      const delimiter = crm.delimiter === ';' ? ',' : ';';
      const rows = parse(text, { delimiter: crm.delimiter, bom: true }) as string[][];
      return { bytes: Buffer.from(stringify(rows, { delimiter, quoted: true, record_delimiter: '\r' })), args: [], delimiter };
    }],
    // a record the byte path cannot split goes through the text parser: formats must read alike there
    ['a notes column with a line break in every other row', (text, crm) => {
      const rows = parse(text, { delimiter: crm.delimiter, bom: true }) as string[][];
      const notes = rows.map((r, i) => [...r, i === 0 ? 'Notes' : i % 2 ? 'called twice,\nno answer' : '']);
      return { bytes: Buffer.from(stringify(notes, { delimiter: crm.delimiter })), args: [], delimiter: crm.delimiter };
    }],
  ];

  test.each(CRMS.flatMap((crm) => variants.map(([variant, make]) => ({ crm, variant, make, label: `${crm.name}: ${variant}` }))))('$label', async ({ crm, make }) => {
    const text = fs.readFileSync(fixture(crm.file), 'utf8').replace(/^\uFEFF/, '');
    const { bytes, args, delimiter } = make(text, crm);
    const input = write(tempDir(), 'export.csv', bytes);
    const { leads } = await scoreExport(input, { ...crm, delimiter, args });
    expect(leads).toEqual(EXPECTED);
  });
});

describe('tiny blocks: the byte path and the text path agree on formatted values', () => {
  test.each(CRMS.flatMap((crm) => [1, 7, 64].map((size) => ({ crm, size, label: `${crm.name}, --block-size ${size}` }))))('$label', async ({ crm, size }) => {
    const whole = await scoreExport(fixture(crm.file), crm);
    const blocks = await scoreExport(fixture(crm.file), crm, ['--block-size', String(size)]);
    expect(blocks.out).toBe(whole.out);
    // the summary names the ruleset file, which each run writes to its own temp dir
    expect({ ...blocks.summary, rules: '' }).toEqual({ ...whole.summary, rules: '' });
  });
});

describe('what the formats and placeholders are for', () => {
  test('without its number format, Pipedrive\'s 10.000 employees read as ten: Gus drops from sql to sal', async () => {
    const header = CRMS[3].header.replace("  employees: { number: '1.234,56' }\n", '');
    const { leads } = await scoreExport(fixture(CRMS[3].file), CRMS[3], [], header);
    expect(leads['gus@bigcorp.example']).toEqual(['sal', '90']);
  });

  test('placeholders: [] makes N/A a value: Fay\'s "phone" counts, and #VALUE! is a warning', async () => {
    const { leads, summary } = await scoreExport(fixture('hubspot.csv'), CRMS[0], [], `${CRMS[0].header}\nplaceholders: []`);
    expect(leads['fay@placeholder.example']).toEqual(['lead', '15']);
    expect(summary.warnings.by_column.map((w) => [w.column, w.count])).toEqual([
      ['Last Activity Date', 2], ['Number of Employees', 1], ['Annual Revenue', 1],
    ]);
  });

  test('HubSpot multi-value interests: in: [CRM] matches "CRM;Email Marketing"', async () => {
    const rules = `${CRMS[0].header}\nformats:\n  Interests: { multi: ';' }\n${BODY.replace('fit:\n', 'fit:\n  - name: likes CRM\n    when: { column: Interests, in: [CRM] }\n    points: 1\n')}`;
    const dir = tempDir();
    const out = path.join(dir, 'scored.csv');
    expect((await score(fixture('hubspot.csv'), write(dir, 'rules.yaml', rules), '--out', out)).code).toBe(0);
    const [head, ...rows] = parse(read(out)) as string[][];
    const liked = rows.filter((r) => r[head.indexOf('reasons')].includes('likes CRM')).map((r) => r[head.indexOf('Email')]);
    expect(liked).toEqual(['ana@acme.example', 'cy@klinik-zuerich.example', 'eve@rival.example', 'gus@bigcorp.example']);
  });
});
