/**
 * `leadq inspect`: on each CRM fixture it names the encoding, delimiter, line breaks and preset,
 * and per column the type and the format the ruleset needs (exactly the formats the end-to-end
 * export tests configure by hand); placeholders, misfits, samples and ambiguous numbers; and
 * line breaks counted across block boundaries.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from '@jest/globals';
import { LineBreakCounter } from '../../src/commands/inspect.js';
import { cleanTempDirs, run, tempDir, write } from '../e2e/helpers.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'exports', 'fixtures');
const fixture = (name: string) => path.join(FIXTURES, name);

interface Column {
  name: string;
  standard_name: string | null;
  type: string;
  counts: boolean;
  format: Record<string, unknown> | null;
  misfits: { count: number; samples: string[] };
  filled: number;
  empty: number;
  empty_share: number | null;
  placeholders: Record<string, number>;
  samples: string[];
  dot_thousands: string[];
}

async function inspect(file: string, ...extra: string[]) {
  const result = await run(['inspect', file, '--json', ...extra]);
  expect({ code: result.code, err: result.err }).toEqual({ code: 0, err: '' });
  const json = JSON.parse(result.out);
  const columns = Object.fromEntries((json.columns as Column[]).map((c) => [c.standard_name ?? c.name, c]));
  return { json, columns };
}

afterEach(cleanTempDirs);

describe('the CRM fixtures', () => {
  test.each<[string, string[], { encoding: string; delimiter: string; breaks: string; preset: string; formats: Record<string, unknown> }]>([
    ['hubspot.csv', [], { encoding: 'utf-8', delimiter: ',', breaks: 'LF', preset: 'hubspot', formats: { Interests: { multi: ';' } } }],
    ['hubspot-utf16le.txt', [], { encoding: 'utf-16le', delimiter: '\t', breaks: 'CRLF', preset: 'hubspot', formats: { Interests: { multi: ';' } } }],
    ['salesforce-report.csv', [], {
      encoding: 'utf-8', delimiter: ',', breaks: 'CRLF', preset: 'salesforce-report', formats: {
        created: { date: 'M/d/yyyy' }, last_activity: { date: 'M/d/yyyy' }, employees: { number: '1,234.56' }, annual_revenue: { number: '1,234.56', currency: true },
      },
    }],
    ['salesforce-report-cp1252.csv', ['--encoding', 'windows-1252'], {
      encoding: 'windows-1252', delimiter: ',', breaks: 'CRLF', preset: 'salesforce-report', formats: {
        created: { date: 'M/d/yyyy' }, last_activity: { date: 'M/d/yyyy' }, employees: { number: '1,234.56' }, annual_revenue: { number: '1,234.56', currency: true },
      },
    }],
    // without --encoding: judged from the bytes (O’Neil's ’ is 0x92), and described all the same
    ['salesforce-report-cp1252.csv', [], {
      encoding: 'windows-1252', delimiter: ',', breaks: 'CRLF', preset: 'salesforce-report', formats: {
        created: { date: 'M/d/yyyy' }, last_activity: { date: 'M/d/yyyy' }, employees: { number: '1,234.56' }, annual_revenue: { number: '1,234.56', currency: true },
      },
    }],
    ['salesforce-dataloader.csv', [], { encoding: 'utf-8', delimiter: ',', breaks: 'LF', preset: 'salesforce', formats: {} }],
    ['pipedrive-semicolon.csv', [], {
      encoding: 'utf-8', delimiter: ';', breaks: 'LF', preset: 'pipedrive', formats: {
        employees: { number: '1.234,56' }, annual_revenue: { number: '1.234,56', currency: true, suffixes: true },
      },
    }],
    ['zoho.csv', [], {
      encoding: 'utf-8', delimiter: ',', breaks: 'CRLF', preset: 'zoho', formats: {
        created: { date: 'dd.MM.yyyy HH:mm' }, last_activity: { date: 'dd.MM.yyyy HH:mm' }, annual_revenue: { number: '1,234.56', currency: true },
      },
    }],
  ])('%s', async (file, extra, expected) => {
    const { json, columns } = await inspect(fixture(file), ...extra);
    expect([json.encoding, json.delimiter, json.line_breaks.style, json.preset?.name, json.rows, json.rejected])
      .toEqual([expected.encoding, expected.delimiter, expected.breaks, expected.preset, 8, 0]);
    const formats = Object.fromEntries(Object.entries(columns).filter(([, c]) => c.format).map(([k, c]) => [k, c.format]));
    expect(formats).toEqual(expected.formats);
    // the same columns read the same way whichever CRM wrote them
    expect([columns.email.type, columns.email.misfits]).toEqual(['email', { count: 1, samples: ['not-an-email'] }]);
    expect([columns.created.type, columns.last_activity.type, columns.employees.type, columns.annual_revenue.type]).toEqual(['date', 'date', 'number', 'number']);
    expect(columns.last_activity.misfits.count).toBe(1); // 30 February
  });

  test('placeholders are counted as written, apart from blank cells, and not as samples', async () => {
    const { columns } = await inspect(fixture('hubspot.csv'));
    expect(columns.annual_revenue).toMatchObject({ filled: 6, empty: 2, empty_share: 0.25, placeholders: { '#VALUE!': 1 } });
    expect(columns.country.placeholders).toEqual({ Select: 1 });
    expect(columns.lead_status.placeholders).toEqual({ '--': 1 });
    expect(columns.phone.samples).toEqual(['+49 30 1234567', '+41 44 1234567', '+1 555 0100']);
  });

  test('the text report: facts, the column table and the ruleset lines to copy', async () => {
    const result = await run(['inspect', fixture('salesforce-report.csv')]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^ {2}preset {7}salesforce-report: 15 of its 19 standard names found, 8 of its 8 key columns/m);
    expect(result.out).toMatch(/^ {2}line breaks {2}CRLF \(8\)$/m);
    expect(result.out).toMatch(/^Annual Revenue +annual_revenue +number +\{ number: '1,234\.56', currency: true \}/m);
    expect(result.out).toContain("ruleset lines this export calls for:\n  columns: { preset: salesforce-report }\n  formats:\n    created: { date: 'M/d/yyyy' }\n");
  });
});

describe('made-up exports', () => {
  test.each<[string, string, Partial<Column>]>([
    ['numbers with a few misfits', 'n\n1\n2\n3\n4\n5\n6\n7\n8\n9\n"1,000+"\n', { type: 'number', format: null, misfits: { count: 1, samples: ['1,000+'] } }],
    ['too many misfits: text', 'n\n1\n2\n3\n4\nfive\nsix\n', { type: 'text' }],
    ['yes/no words', 'b\nYes\nno\nx\n""\n', { type: 'boolean', filled: 3, empty: 1 }],
    ['only 0 and 1: yes/no', 'b\n0\n1\n1\n', { type: 'boolean' }],
    ['only 1: a number', 'b\n1\n1\n', { type: 'number' }],
    ['0, 1 and 2: a number, a count', 'b\n0\n1\n2\n', { type: 'number', counts: true }],
    ['an empty column', 'e\n""\nN/A\n-\n', { type: 'empty', filled: 0, empty: 3, placeholders: { 'N/A': 1, '-': 1 } }],
    ['ISO dates need no format', 'd\n2026-10-14\n2026-10-14T09:31:00Z\n', { type: 'date', format: null }],
    ['day first when a day is above 12', 'd\n14/10/2026\n01/02/2026\n', { type: 'date', format: { date: 'dd/MM/yyyy' } }],
    ['12-hour times', 'd\n10/14/2026 9:31 AM\n1/2/2026 12:00 PM\n', { type: 'date', format: { date: 'M/d/yyyy h:mm a' } }],
    ['10.000 in a comma file: plain, with a note', 'n\n10.000\n5\n', { type: 'number', format: null, dot_thousands: ['10.000'] }],
    ['samples: the first three distinct values', 't\na\na\nb\nc\nd\n', { samples: ['a', 'b', 'c'] }],
  ])('%s', async (_name, csv, expected) => {
    const { columns } = await inspect(write(tempDir(), 'in.csv', csv));
    expect(Object.values(columns)[0]).toMatchObject(expected);
  });

  test('10.000 in a semicolon file: the European format is suggested', async () => {
    const { columns } = await inspect(write(tempDir(), 'in.csv', 'a;n\nx;10.000\ny;1.200\n'));
    expect(columns.n).toMatchObject({ type: 'number', format: { number: '1.234,56' } });
  });

  test('rows of the wrong width are counted, not profiled; line breaks of every kind', async () => {
    const { json, columns } = await inspect(write(tempDir(), 'in.csv', 'a,b\r\n1,2\n3\r4,5\r\n6,7,8\n'));
    expect([json.rows, json.rejected, columns.a.filled]).toEqual([4, 2, 2]);
    expect(json.line_breaks).toEqual({ style: 'mixed', crlf: 1, lf: 2, cr: 1 });
    expect(json.preset).toBeNull();
  });

  test('control characters in headers and values are escaped on the terminal', async () => {
    const result = await run(['inspect', write(tempDir(), 'in.csv', 'na\u001bme\nva\u0007lue\n')]);
    expect(result.out).not.toMatch(/[\u0007\u001b]/);
    expect(result.out).toContain('na\\x1bme');
  });

  test('a file that is not there: exit 1 naming it', async () => {
    const result = await run(['inspect', path.join(tempDir(), 'missing.csv')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/missing\.csv.*no such file/);
  });
});

describe('line breaks counted across blocks', () => {
  const text = 'a\r\nb\nc\rd\r\ne\r\r\nf\n';
  test.each(Array.from({ length: text.length - 1 }, (_, i) => [i + 1]))('split after byte %i', (at) => {
    const counter = new LineBreakCounter();
    const bytes = Buffer.from(text);
    counter.add(bytes.subarray(0, at));
    counter.add(bytes.subarray(at));
    expect(counter.result()).toEqual({ style: 'mixed', crlf: 3, lf: 2, cr: 2 });
  });

  test.each<[string, string]>([['a\nb\n', 'LF'], ['a\r\nb\r\n', 'CRLF'], ['a\rb\r', 'CR'], ['ab', 'none']])('%p → %s', (t, style) => {
    const counter = new LineBreakCounter();
    counter.add(Buffer.from(t));
    expect(counter.result().style).toBe(style);
  });
});
