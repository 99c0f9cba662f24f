/**
 * `leadq init --from export.csv rules.yaml` (#14 item 8): a starter built from what inspect
 * finds, which `leadq validate rules.yaml --input export.csv` (with the options init names, until
 * leadq reads `input:`) accepts with no error, on every CRM fixture and on odd files; so does the
 * starter with all its example rules uncommented.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from '@jest/globals';
import { inspectExport } from '../../src/commands/inspect.js';
import { starterRuleset } from '../../src/output/starter-ruleset.js';
import { cleanTempDirs, read, run, tempDir, write } from '../e2e/helpers.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'exports', 'fixtures');
const fixture = (name: string) => path.join(FIXTURES, name);

afterEach(cleanTempDirs);

/** Splits the `leadq validate …` line init prints into argv (paths here hold no spaces). */
function validateArgv(out: string): string[] {
  const line = out.split('\n').find((l) => l.trim().startsWith('leadq validate '));
  expect(line).toBeDefined();
  return line!.trim().split(/\s+/).slice(1).map((w) => w.replace(/^'(.*)'$/, '$1'));
}

/** Validates and expects no error: exit 0, no line naming an error. */
async function validatesClean(argv: string[]): Promise<string> {
  const result = await run(argv);
  expect({ code: result.code, errors: result.out.split('\n').filter((l) => /error/i.test(l)), err: result.err }).toEqual({ code: 0, errors: [], err: '' });
  return result.out;
}

const EXPORTS = [
  'hubspot.csv', 'hubspot-utf16le.txt', 'salesforce-report.csv', 'salesforce-report-cp1252.csv', 'salesforce-dataloader.csv',
  'pipedrive-semicolon.csv', 'zoho.csv',
  'odd/education-latin1.csv', 'odd/excel-mangled.csv', 'odd/salesforce-report-titles-footer.csv', 'odd/salesforce-report-small.csv',
];

describe('init --from, then validate --input: no error', () => {
  test.each(EXPORTS)('%s', async (name) => {
    const file = path.join(tempDir(), 'rules.yaml');
    const init = await run(['init', '--from', fixture(name), file]);
    expect([init.code, init.err]).toEqual([0, '']);
    expect(init.out).toMatch(new RegExp(`^wrote ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} from `));
    const out = await validatesClean(validateArgv(init.out));
    expect(out).toMatch(/ok — .*every column found/);
  });

  test.each(EXPORTS)('%s, every example rule uncommented', async (name) => {
    const inspection = await inspectExport(fixture(name), {});
    const dir = tempDir();
    const file = write(dir, 'rules.yaml', starterRuleset(inspection, { schemaLine: '# schema', input: fixture(name), file: 'rules.yaml', activeExamples: true }));
    const options = /leadq validate rules\.yaml --input \S+(.*)$/m.exec(read(file))![1].trim();
    const out = await validatesClean(['validate', file, '--input', fixture(name), ...(options ? options.split(' ') : [])]);
    expect(out).not.toMatch(/ 0 engagement and 0 fit rules/);
  });
});

describe('what the starter holds', () => {
  test('a Salesforce report in Windows-1252: the preset, its formats, the source column, the encoding where input: goes', async () => {
    const file = path.join(tempDir(), 'rules.yaml');
    const init = await run(['init', '--from', fixture('salesforce-report-cp1252.csv'), file]);
    expect(init.out).toContain('(the salesforce-report preset, 4 formats, windows-1252)');
    expect(init.out).toMatch(/--input \S+salesforce-report-cp1252\.csv\n$/);
    const text = read(file);
    expect(text).toMatch(/^columns:\n {2}preset: salesforce-report\n/m);
    expect(text).toContain("formats:\n  created: { date: 'M/d/yyyy' }\n  last_activity: { date: 'M/d/yyyy' }\n  employees: { number: '1,234.56' }\n  annual_revenue: { number: '1,234.56', currency: true }\n");
    expect(text).toMatch(/^source_column: lead_source$/m);
    expect(text).toMatch(/^# as_of: \d{4}-\d{2}-\d{2} .*--as-of/m);
    expect(text).toMatch(/^stages:\n {2}- name: lead\n {2}- name: mql\n/m);
    // the example rules, commented out: per column kind
    expect(text).toMatch(/^# {3}- name: senior title\n# {5}when: \{ column: job_title, matches: '.*VP\|Vice President\|Director/m);
    expect(text).toMatch(/^# {3}- name: active in the last 30 days\n# {5}when: \{ column: last_activity, within_days: 30 \}/m);
    expect(text).toMatch(/^# {3}- name: company size 50-5000\n# {5}when: \{ column: employees, between: \[50, 5000\] \}/m);
    expect(text).toMatch(/^input:\n {2}encoding: windows-1252$/m);
  });

  test('an export no preset fits: a snake_case name per column, counts as per: rules, yes/no as equals: true', async () => {
    const csv = 'Email,Job Title,Page Views,Webinar Attended,Do Not Contact,Last Visit,Lead Source\na@x.example,VP Sales,3,yes,no,2026-10-01,Web\nb@x.example,Analyst,12,no,yes,2026-09-01,Events\nc@gmail.com,Director IT,0,yes,no,,Web\n';
    const dir = tempDir();
    const init = await run(['init', '--from', write(dir, 'export.csv', csv), path.join(dir, 'rules.yaml')]);
    expect(init.code).toBe(0);
    const text = read(path.join(dir, 'rules.yaml'));
    expect(text).toContain('columns:\n  email: Email\n  job_title: Job Title\n  page_views: Page Views\n  webinar_attended: Webinar Attended\n  do_not_contact: Do Not Contact\n  last_visit: Last Visit\n  lead_source: Lead Source\n');
    expect(text).toContain('#   - name: page views\n#     per: page_views\n#     points: 2\n#     max: 20\n');
    expect(text).toContain('#   - name: webinar attended\n#     when: { column: webinar_attended, equals: true }\n');
    expect(text).toContain('# disqualifiers:\n#   - reason: do_not_contact\n#     when: { column: do_not_contact, equals: true }\n');
    expect(text).toContain('#     when: { column: last_visit, within_days: 30 }\n');
    expect(text).toContain('#     when: { column: email, free_mail: true }\n');
    await validatesClean(validateArgv(init.out));
  });

  test('title lines, a footer and source spellings: the input: and sources: lines', async () => {
    const file = path.join(tempDir(), 'rules.yaml');
    expect((await run(['init', '--from', fixture('odd/salesforce-report-titles-footer.csv'), file])).code).toBe(0);
    const text = read(file);
    const input = ['input:', '  skip_lines: 3', "  footer: '^($|(Totals?)\\b)'"];
    expect(text).toContain(input.join('\n'));
    const latin1 = path.join(tempDir(), 'rules.yaml');
    await run(['init', '--from', fixture('odd/education-latin1.csv'), latin1]);
    const sources = ['sources:', '  Advertisement: [Advertisment]', '  Trade Show: [Trades Show]', '  Eblast: [Eblasts]'];
    expect(read(latin1)).toContain(sources.join('\n'));
  });

  // 2 titles, a blank line and a 3-line footer around 3 leads: the footer once outvoted the header's width
  test('a small report: the lines above its header skipped, and the starter scores it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'rules.yaml');
    expect((await run(['init', '--from', fixture('odd/salesforce-report-small.csv'), file])).code).toBe(0);
    const text = read(file);
    expect(text).toMatch(/^input:\n {2}skip_lines: 3$/m);
    expect(text).toMatch(/^columns:\n {2}preset: salesforce-report$/m);
    const scored = await run(['score', fixture('odd/salesforce-report-small.csv'), '-r', file, '-q', '--out', path.join(dir, 'scored.csv')]);
    expect([scored.code, scored.err]).toEqual([0, '']);
    expect(read(path.join(dir, 'scored.csv')).trim().split('\n')).toHaveLength(4);
  });

  test('a header the export repeats is left out (no rule could read it), and the starter validates, uncommented too', async () => {
    const dir = tempDir();
    const csv = write(dir, 'dup.csv', 'Email,Name,Email,Visits\na@x.example,Ann,b@x.example,3\nc@x.example,Bo,d@x.example,4\n');
    const inspection = await inspectExport(csv, {});
    const text = starterRuleset(inspection, { schemaLine: '# schema', input: csv, file: 'rules.yaml', activeExamples: true });
    expect(text).toContain('columns:\n  name: Name\n  visits: Visits\n');
    expect(text).not.toMatch(/column: email/);
    await validatesClean(['validate', write(dir, 'rules.yaml', text), '--input', csv]);
  });

  test('words for "no value" found in typed columns: the full placeholder list with them', async () => {
    const file = path.join(tempDir(), 'rules.yaml');
    await run(['init', '--from', fixture('odd/excel-mangled.csv'), file]);
    expect(read(file)).toMatch(/^placeholders: \['N\/A', '#N\/A', .*'#NULL!', 'unknown', 'TBD'\]$/m);
  });

  test('never overwrites a file, and says so before reading the export', async () => {
    const file = write(tempDir(), 'rules.yaml', '# mine\n');
    const result = await run(['init', '--from', path.join(tempDir(), 'missing.csv'), file]);
    expect([result.code, read(file)]).toEqual([2, '# mine\n']);
    expect(result.err).toMatch(/already exists/);
  });

  test('an export that is not there: exit 1, nothing written', async () => {
    const dir = tempDir();
    const result = await run(['init', '--from', path.join(dir, 'missing.csv'), path.join(dir, 'rules.yaml')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/missing\.csv.*no such file/);
  });

  test('the same export gives the same bytes', async () => {
    const file = path.join(tempDir(), 'rules.yaml');
    await run(['init', '--from', fixture('zoho.csv'), file]);
    const first = read(file);
    fs.rmSync(file);
    await run(['init', '--from', fixture('zoho.csv'), file]);
    expect(read(file)).toBe(first);
  });
});
