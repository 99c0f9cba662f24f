/**
 * Timestamps as real exports write them, end to end through `leadq score`: Unix timestamps in an
 * activity log and in an export column, a zone after a date without a time, and the year 0000 of
 * SQL dumps' "no date". Days checked with `date -u -d @SECONDS`: 1730419200 is
 * 2024-11-01T00:00:00Z, 1730419199 is 2024-10-31T23:59:59Z, 1730332799 is 2024-10-30T23:59:59Z;
 * as of 2024-11-30, 2024-11-01 is 29 days old and 2024-10-31 30.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, readCsv, run, tempDir, write } from './helpers.js';

afterEach(cleanTempDirs);

/** A ruleset reading the log's `at` column and the export's `Signed Up` with the formats given. */
const rules = (atFormat: string, signedUpFormat: string) => `as_of: 2024-11-30
formats:
  Signed Up: { date: ${signedUpFormat} }
related:
  events:
    file: events.csv
    key: email
    matches: Email
    at: at
    formats: { at: { date: ${atFormat} } }
    columns:
      events_30d: { count: true, within: 30d }
engagement:
  - { name: event, per: events_30d, points: 1 }
  - { name: new signup, when: { column: Signed Up, within_days: 29 }, points: 10 }
stages:
  - name: lead
`;

async function scoreFiles(files: { leads: string; events: string; rules: string }) {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) write(dir, name === 'rules' ? 'rules.yaml' : `${name}.csv`, text);
  const out = path.join(dir, 'scored.csv');
  const result = await run(['score', path.join(dir, 'leads.csv'), '-r', path.join(dir, 'rules.yaml'), '-o', out]);
  const [header, ...rows] = readCsv(out);
  const reasons = Object.fromEntries(rows.map((r) => [r[0], r[header.indexOf('reasons')]]));
  return { result, reasons };
}

describe('Unix timestamps', () => {
  test('an activity log in milliseconds and an export column in seconds read as their UTC days', async () => {
    const { result, reasons } = await scoreFiles({
      leads: 'Email,Signed Up\nana@acme.example,1730419200.5\nbo@beta.example,1730419199\n',
      events: [
        'email,at',
        'ana@acme.example,1730419200000', // 2024-11-01: 29 days
        'ana@acme.example,1730419199999', // 2024-10-31: 30 days, in the window
        'ana@acme.example,1730332799999', // 2024-10-30: 31 days, out of it
        'bo@beta.example,1730419200', // seconds in a milliseconds column: refused, not read as 1970-01-21
      ].join('\n'),
      rules: rules('unix_ms', 'unix'),
    });
    expect(result.code).toBe(0);
    expect(reasons).toEqual({ 'ana@acme.example': 'event 2x1=+2; new signup +10', 'bo@beta.example': '' });
    expect(result.err).toMatch(/1 row of ".*events\.csv" has no timestamp that parses in column "at" and does not count \(first at line 5: "1730419200"\)/);
  });

  test('without a format, the warnings name the format that reads them (score)', async () => {
    const { result } = await scoreFiles({
      leads: 'Email,Signed Up\nana@acme.example,1730419200\nbo@beta.example,1730419199.5\n',
      events: 'email,at\nana@acme.example,1730419200000\nbo@beta.example,1730419199000\n',
      rules: rules('iso', 'iso'),
    });
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/most rows of ".*events\.csv" have no timestamp that parses in column "at".*\n {2}hint: .*e\.g\. formats: \{ "at": \{ date: 'unix_ms' \} \}/);
    expect(result.err).toMatch(/most values of column "Signed Up" are not a date.*\n {2}hint: .*e\.g\. formats: \{ "Signed Up": \{ date: 'unix' \} \}/);
  });

  test('without a format, validate --input names them too', async () => {
    const dir = tempDir();
    write(dir, 'leads.csv', 'Email,Signed Up\nana@acme.example,1730419200\nbo@beta.example,1730419199\n');
    write(dir, 'events.csv', 'email,at\nana@acme.example,1730419200000\nbo@beta.example,1730419199000\n');
    const result = await run(['validate', write(dir, 'rules.yaml', rules('iso', 'iso')), '--input', path.join(dir, 'leads.csv')]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('formats: { "at": { date: \'unix_ms\' } }');
    expect(result.out).toContain('formats: { "Signed Up": { date: \'unix\' } }');
  });
});

describe('a zone after a date without a time', () => {
  test('2024-11-01 UTC, 2024-11-01Z and 2024-11-01+02:00 are 1 November, as 2024-11-01 00:00 UTC is; 2024-11-01-05 is refused', async () => {
    const { result, reasons } = await scoreFiles({
      leads: 'Email,Signed Up\nana@acme.example,2024-11-01 UTC\nbo@beta.example,2024-10-31Z\n',
      events: ['email,at', 'ana@acme.example,2024-11-01 UTC', 'ana@acme.example,2024-10-31Z', 'ana@acme.example,2024-10-31+02:00',
        'ana@acme.example,2024-10-30 GMT', 'bo@beta.example,2024-11-01-05'].join('\n'),
      rules: rules('iso', 'iso'),
    });
    expect(result.code).toBe(0);
    expect(reasons).toEqual({ 'ana@acme.example': 'event 3x1=+3; new signup +10', 'bo@beta.example': '' });
    expect(result.err).toMatch(/1 row of ".*events\.csv" has no timestamp that parses in column "at" and does not count \(first at line 6: "2024-11-01-05"\)/);
  });
});

describe('the year 0000: no date', () => {
  const LEADS = 'Email,Signed Up\nana@acme.example,0000-00-00\nbo@beta.example,0000-01-01\ncy@gamma.example,2024-11-01\n';
  const EVENTS = 'email,at\nana@acme.example,0000-01-01\nana@acme.example,0000-01-01 00:00:00\nana@acme.example,2024-11-01\nbo@beta.example,0000-00-00\n';

  test('is a value that does not parse: counted and warned, in the export and in a related file', async () => {
    const { result, reasons } = await scoreFiles({ leads: LEADS, events: EVENTS, rules: rules('iso', 'iso') });
    expect(result.code).toBe(0);
    expect(reasons).toEqual({ 'ana@acme.example': 'event 1x1=+1', 'bo@beta.example': '', 'cy@gamma.example': 'new signup +10' });
    expect(result.err).toMatch(/most values of column "Signed Up" are not a date: 2 of 3 .*first at lines 2, 3: "0000-00-00".*\n {2}hint: the year 0000 is how SQL dumps write no date: if it means none here, list the value in placeholders:/);
    expect(result.err).toMatch(/most rows of ".*events\.csv" have no timestamp that parses in column "at": 3 of 4 .*\n {2}hint: "0000-01-01" is how SQL dumps write no date, so these rows have none; is "at" the column/);
  });

  test('--max-warnings fails a nightly run whose dates turned into 0000-00-00 (exit 1, no output)', async () => {
    const dir = tempDir();
    write(dir, 'leads.csv', LEADS);
    write(dir, 'events.csv', 'email,at\nana@acme.example,2024-11-01\n');
    const out = path.join(dir, 'scored.csv');
    const result = await run(['score', path.join(dir, 'leads.csv'), '-r', write(dir, 'rules.yaml', rules('iso', 'iso')), '-o', out, '--max-warnings', '1']);
    expect(result.code).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('listed in placeholders:, it is an empty cell without a warning (the ruleset says what it means)', async () => {
    const withPlaceholders = rules('iso', 'iso').replace('formats:', "placeholders: ['N/A', '0000-00-00', '0000-01-01']\nformats:");
    const { result, reasons } = await scoreFiles({ leads: LEADS, events: 'email,at\nana@acme.example,2024-11-01\n', rules: withPlaceholders });
    expect(result.code).toBe(0);
    expect(reasons).toEqual({ 'ana@acme.example': 'event 1x1=+1', 'bo@beta.example': '', 'cy@gamma.example': 'new signup +10' });
    expect(result.err).not.toContain('Signed Up');
  });
});
