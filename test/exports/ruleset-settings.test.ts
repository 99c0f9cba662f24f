/**
 * Exports as they come, with the settings in the ruleset (#14 items 1–6): a cron line is just
 * `leadq score export.csv -r rules.yaml`. A Salesforce report in Windows-1252 with title lines
 * and a footer of the header's width, source spellings mapped onto one, a campaign cost export
 * with `$…K` amounts, outputs in UTF-8 with a BOM, UTF-16LE and Windows-1252 read back, and an
 * --out-dir whose stale stage files go while a foreign file stays.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { spawnSync } from 'node:child_process';
import { cleanTempDirs, read, run, score, summaryOf, tempDir, write } from '../e2e/helpers.js';
import { assertBuilt, BIN } from '../safety/cli-process.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const REPORT = fs.readFileSync(path.join(FIXTURES, 'salesforce-report.csv'), 'utf8');

afterEach(cleanTempDirs);

/** Windows-1252 bytes of text (every character of the fixture has one). */
function cp1252(text: string): Buffer {
  const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
  return Buffer.from([...text].map((c) => {
    const code = c.charCodeAt(0);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
    return 0x80 + high.indexOf(c);
  }));
}

/**
 * The report as a user gets it: two title lines, `;` between fields, Windows-1252, and two footer
 * rows of the header's width (a totals row whose last cell, 0.0016, landed in the source column).
 */
function messyReport(): Buffer {
  const body = REPORT.replace(/","/g, '";"');
  const width = REPORT.split('\n')[0].split('","').length;
  const footer = (first: string, at: number, value: string) => Array.from({ length: width }, (_, i) => (i === 0 ? `"${first}"` : i === at ? `"${value}"` : '""')).join(';');
  const source = REPORT.split('\n')[0].split('","').findIndex((h) => h.replace(/"/g, '') === 'Lead Source');
  return cp1252(`Leads by source\r\nGenerated 11/1/2026\r\n${body.trimEnd()}\r\n${footer('Total', source, '0.0016')}\r\n${footer('Grand Totals (8 records)', source, '')}\r\n`);
}

const STAGES = `
source_column: lead_source
stages:
  - name: lead
  - name: mql
    when: { column: job_title, matches: '/\\b(VP|Head|CEO|Director)\\b/i' }
`;

const SETTINGS = `columns: { preset: salesforce-report }
input:
  encoding: windows-1252
  delimiter: ';'
  skip_lines: 2
  footer: '^(Grand Totals?|Total)\\b'
`;

describe('input: in the ruleset (items 1 and 4)', () => {
  test('reads a Windows-1252 report with title lines and full-width footer rows with no reading flag', async () => {
    const dir = tempDir();
    const input = write(dir, 'report.csv', messyReport());
    const rules = write(dir, 'rules.yaml', SETTINGS + STAGES);
    const result = await score(input, rules, '--out-dir', path.join(dir, 'out'));
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/stopped at the report footer at .*report\.csv:12/);
    const summary = summaryOf(path.join(dir, 'out'));
    expect(summary.rows).toEqual({ read: 8, scored: 8, rejected: 0 });
    // the footer's 0.0016 is no lead source
    const sources = (summary as unknown as { by_source: { source: string }[] }).by_source.map((s) => s.source);
    expect(sources).not.toContain('0.0016');
    expect(read(path.join(dir, 'out', 'scored.csv'))).toContain('Müller');
  });

  test('without input.footer, a footer of the header\'s width is scored as leads (what the issue saw)', async () => {
    const dir = tempDir();
    const input = write(dir, 'report.csv', messyReport());
    const rules = write(dir, 'rules.yaml', SETTINGS.replace(/ {2}footer:.*\n/, '') + STAGES);
    const result = await score(input, rules, '--out-dir', path.join(dir, 'out'));
    expect(result.code).toBe(0);
    expect(summaryOf(path.join(dir, 'out')).rows.scored).toBe(10);
  });

  test('flags override the ruleset: --encoding utf-8 on the Windows-1252 file fails as invalid UTF-8', async () => {
    const dir = tempDir();
    const input = write(dir, 'report.csv', messyReport());
    const rules = write(dir, 'rules.yaml', SETTINGS + STAGES);
    const result = await score(input, rules, '--out', path.join(dir, 'o.csv'), '--encoding', 'utf-8');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/INPUT_ENCODING/);
  });

  test('validate --input and explain read the export with the same settings', async () => {
    const dir = tempDir();
    const input = write(dir, 'report.csv', messyReport());
    const rules = write(dir, 'rules.yaml', SETTINGS + STAGES);
    const validated = await run(['validate', rules, '--input', input]);
    expect(validated.out).toMatch(/ok — .*every column found/);
    const explained = await run(['explain', input, '-r', rules, '--lead', 'cy@klinik-zuerich.example', '--as-of', '2026-11-01']);
    expect(explained.code).toBe(0);
    expect(explained.out).toMatch(/mql/);
  });

  test.each([
    ['an unknown encoding', 'input: { encoding: windows-1525 }', 'INPUT_ENCODING_UNKNOWN'],
    ['a footer RE2 cannot compile', "input: { footer: '(Total' }", 'REGEX_INVALID'],
    ['a delimiter that is not one', "input: { delimiter: ';;' }", 'VALUE_ENUM'],
    ['negative skip_lines', 'input: { skip_lines: -1 }', 'VALUE_RANGE'],
  ])('%s is a ruleset error at its line', async (_name, yaml, code) => {
    const rules = write(tempDir(), 'rules.yaml', `${yaml}\nstages: [{ name: lead }]\n`);
    const result = await run(['validate', rules]);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(new RegExp(`rules\\.yaml:1:\\d+ .*\\[${code}\\]`));
  });
});

describe('sources: spellings analysts use (item 2)', () => {
  const input = 'id,source\n1,Advertisement\n2,Advertisment\n3, advertisment \n4,Trades Show\n5,Trade Show\n6,Eblasts\n';
  const rules = `source_column: source
sources:
  Advertisement: [Advertisment]
  Trade Show: [Trades Show]
  Eblast: Eblasts
spend:
  Advertisment: 300
  Trades Show: 100
  Trade show: 100
stages: [{ name: lead }]
`;

  test('one row per canonical source in the summary, with the spend of every spelling', async () => {
    const dir = tempDir();
    const result = await score(write(dir, 'in.csv', input), write(dir, 'rules.yaml', rules), '--out', path.join(dir, 'o.csv'), '--summary', path.join(dir, 's.json'));
    expect(result.code).toBe(0);
    const summary = JSON.parse(read(path.join(dir, 's.json'))) as { by_source: { source: string; leads: number; spend: number }[]; unmatched_spend: unknown[] };
    expect(summary.by_source.map((s) => [s.source, s.leads, s.spend])).toEqual([['Advertisement', 3, 300], ['Eblast', 1, 0], ['Trade Show', 2, 200]]);
    expect(summary.unmatched_spend).toEqual([]);
    // the scored rows keep the cells as they were
    expect(read(path.join(dir, 'o.csv'))).toContain('2,Advertisment,');
  });

  test.each([
    ['a spelling under two sources', 'sources: { A: [x], B: [X] }', 'SOURCE_SPELLING_TWICE'],
    ['a spelling that is a source of its own', 'sources: { A: [B], B: [c] }', 'SOURCE_SPELLING_IS_SOURCE'],
  ])('%s is an error', async (_name, yaml, code) => {
    const result = await run(['validate', write(tempDir(), 'rules.yaml', `${yaml}\nstages: [{ name: lead }]\n`)]);
    expect(result.code).toBe(2);
    expect(result.out).toContain(`[${code}]`);
  });
});

describe('spend as it comes: a campaign cost export (item 3)', () => {
  const leads = 'id,source,sql\n1,Paid Search,y\n2,Paid Search,y\n3,Events,y\n4,Webinar,n\n';
  const stages = 'source_column: source\nstages:\n  - name: lead\n  - name: sql\n    when: { column: sql, equals: true }\n';
  // a cost export: source and amount named, amounts in $…K, one campaign over several rows, a totals row
  const costs = 'Campaign,Clicks,Cost\r\nPaid Search,1200,$342.09K\r\nPaid Search,800,"$1,117.10K"\r\nEvents,10,$2.5K\r\nWebinar,5,\r\nTotal,2015,"$1,461.69K"\r\n';

  test('spend: { file, source, amount, format } in the ruleset, the path relative to it', async () => {
    const dir = tempDir();
    write(dir, 'rules/costs.csv', costs);
    const rules = write(dir, 'rules/rules.yaml', `${stages}spend:\n  file: costs.csv\n  source: Campaign\n  amount: Cost\n  format: { number: '1,234.56', currency: true, suffixes: true }\n`);
    const result = await score(write(dir, 'leads.csv', leads), rules, '--out', path.join(dir, 'o.csv'), '--summary', path.join(dir, 's.json'));
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/costs\.csv: left out 1 totals row \(line 6\)/);
    const summary = JSON.parse(read(path.join(dir, 's.json'))) as { spend_total: number; cpsql: number; by_source: { source: string; spend: number; cost_per_sql: number | null }[] };
    expect(summary.by_source.map((s) => [s.source, s.spend, s.cost_per_sql])).toEqual([['Events', 2500, 2500], ['Paid Search', 1459190, 729595], ['Webinar', 0, null]]);
    expect(summary.spend_total).toBe(1461690);
    expect(summary.cpsql).toBe(487230);
  });

  test('--spend with --spend-source and --spend-amount; the ruleset\'s format still applies', async () => {
    const dir = tempDir();
    const other = write(dir, 'q4.csv', 'Channel;Budget;Spent\nPaid Search;x;$1K\nEvents;y;$2M\n');
    const rules = write(dir, 'rules.yaml', `${stages}spend: { file: none.csv, format: { currency: true, suffixes: true } }\n`);
    const result = await score(write(dir, 'leads.csv', leads), rules, '--spend', other, '--spend-source', 'channel', '--spend-amount', 'Spent', '--out', path.join(dir, 'o.csv'), '--summary', path.join(dir, 's.json'));
    expect(result.code).toBe(0);
    expect((JSON.parse(read(path.join(dir, 's.json'))) as { spend_total: number }).spend_total).toBe(2001000);
  });

  test('a column the spend file lacks is named with its columns and the nearest', async () => {
    const dir = tempDir();
    const result = await score(write(dir, 'leads.csv', leads), write(dir, 'rules.yaml', stages), '--spend', write(dir, 'c.csv', costs), '--spend-amount', 'Costs', '--out', path.join(dir, 'o.csv'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/c\.csv:1 the spend file has no column "Costs"; its columns: "Campaign", "Clicks", "Cost"; did you mean "Cost"\? \[SPEND_INVALID\]/);
  });

  test('$…K without a format: the error says which format to set', async () => {
    const dir = tempDir();
    const result = await score(write(dir, 'leads.csv', leads), write(dir, 'rules.yaml', stages), '--spend', write(dir, 'c.csv', costs), '--spend-source', 'Campaign', '--spend-amount', 'Cost', '--out', path.join(dir, 'o.csv'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/c\.csv:2:\d+ the amount for "Paid Search" must be a number of 0 or more; got "\$342\.09K"/);
    expect(result.err).toMatch(/hint: .*format: \{ number: '1,234\.56', currency: true, suffixes: true \}/);
  });
});

describe('output encodings for Excel and CRM round trips (item 5)', () => {
  const input = 'id,name,note\n1,Müller,→ call\n2,Łukasz 😀,=HYPERLINK("x")\n3,+45 33 12 34 56,ok\n';
  const rules = 'stages: [{ name: lead }]\n';

  async function scoredWith(extra: string[], yaml = rules): Promise<Buffer> {
    const dir = tempDir();
    const result = await score(write(dir, 'in.csv', input), write(dir, 'rules.yaml', yaml), '--out-dir', path.join(dir, 'out'), ...extra);
    expect(result.code).toBe(0);
    return fs.readFileSync(path.join(dir, 'out', 'scored.csv'));
  }

  const rows = (text: string) => (parse(text, { bom: true }) as string[][]).map((r) => r.slice(0, 3));
  const EXPECTED = [['id', 'name', 'note'], ['1', 'Müller', '→ call'], ['2', 'Łukasz 😀', '\'=HYPERLINK("x")'], ['3', '\'+45 33 12 34 56', 'ok']];

  test('utf-8-bom: EF BB BF first, then the same UTF-8; read back equal', async () => {
    const bytes = await scoredWith(['--out-encoding', 'utf-8-bom']);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows(bytes.toString('utf8'))).toEqual(EXPECTED);
  });

  test('utf-16le: FF FE, then UTF-16LE; read back equal (by leadq itself too)', async () => {
    const bytes = await scoredWith(['--out-encoding', 'utf-16le']);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(rows(new TextDecoder('utf-16le').decode(bytes.subarray(2)))).toEqual(EXPECTED);
  });

  test('windows-1252: characters it has are its bytes, the others ? with a warning naming the first', async () => {
    const dir = tempDir();
    const result = await score(write(dir, 'in.csv', input), write(dir, 'rules.yaml', rules), '--out-dir', path.join(dir, 'out'), '--out-encoding', 'windows-1252');
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/warning: 3 characters of .*scored\.csv have no windows-1252 form and were written as "\?" \(the first at line 2: "→"\)/);
    const bytes = fs.readFileSync(path.join(dir, 'out', 'scored.csv'));
    expect(bytes.includes(Buffer.from([0x4d, 0xfc, 0x6c]))).toBe(true); // Mü l
    expect(rows(new TextDecoder('windows-1252').decode(bytes))).toEqual([EXPECTED[0], ['1', 'Müller', '? call'], ['2', '?ukasz ?', '\'=HYPERLINK("x")'], EXPECTED[3]]);
  });

  test('output: in the ruleset: encoding and escape_formulas for a CRM re-import; flags override it', async () => {
    const yaml = `output: { encoding: utf-8-bom, escape_formulas: false }\n${rules}`;
    const bytes = await scoredWith([], yaml);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows(bytes.toString('utf8'))[3]).toEqual(['3', '+45 33 12 34 56', 'ok']);
    const escaped = await scoredWith(['--escape-formulas', '--out-encoding', 'utf-8'], yaml);
    expect(escaped[0]).toBe(0x69); // "id", no BOM
    expect(rows(escaped.toString('utf8'))[3]).toEqual(['3', '\'+45 33 12 34 56', 'ok']);
  });

  test('standard output is encoded too, its byte-order mark first', () => {
    assertBuilt();
    const dir = tempDir();
    const r = spawnSync(process.execPath, [BIN, 'score', write(dir, 'in.csv', input), '-r', write(dir, 'rules.yaml', rules), '--out-encoding', 'utf-16le', '-q']);
    expect(r.status).toBe(0);
    expect([...r.stdout.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(rows(new TextDecoder('utf-16le').decode(r.stdout.subarray(2)))).toEqual(EXPECTED);
  });

  test('the default stays UTF-8 without a byte-order mark', async () => {
    const bytes = await scoredWith([]);
    expect(bytes.subarray(0, 2).toString()).toBe('id');
  });
});

describe('--out-dir removes the stale outputs of an earlier run, and only those (item 6)', () => {
  const input = 'id,points\n1,10\n2,50\n3,90\n';
  const ladder = (stages: string[]) => `stages:\n  - name: lead\n${stages.map((s, i) => `  - name: ${s}\n    when: { column: points, gte: ${(i + 1) * 40} }\n`).join('')}`;

  test('a stage gone from the ruleset: its file goes; a file leadq did not write stays', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    const csv = write(dir, 'in.csv', input);
    expect((await score(csv, write(dir, 'r1.yaml', ladder(['mql', 'sql'])), '--out-dir', out)).code).toBe(0);
    expect(fs.existsSync(path.join(out, 'sql.csv'))).toBe(true);
    write(out, 'notes.csv', 'mine\n');
    write(out, 'sqo.csv', 'a file of the same kind leadq never wrote\n');
    const second = await score(csv, write(dir, 'r2.yaml', ladder(['mql'])), '--out-dir', out);
    expect(second.code).toBe(0);
    expect(second.err).toContain(`removed ${path.join(out, 'sql.csv')}: an earlier run wrote it and this one did not`);
    expect(fs.readdirSync(out).sort()).toEqual(['.leadq-outputs.json', 'disqualified.csv', 'lead.csv', 'mql.csv', 'notes.csv', 'scored.csv', 'sqo.csv', 'summary.json', 'summary.svg']);
    const manifest = JSON.parse(read(path.join(out, '.leadq-outputs.json'))) as { files: { name: string }[] };
    expect(manifest.files.map((f) => f.name)).toEqual(['disqualified.csv', 'lead.csv', 'mql.csv', 'scored.csv', 'summary.json', 'summary.svg']);
  });

  test('a stale file changed since leadq wrote it is kept, with a warning', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    const csv = write(dir, 'in.csv', input);
    await score(csv, write(dir, 'r1.yaml', ladder(['mql', 'sql'])), '--out-dir', out);
    fs.appendFileSync(path.join(out, 'sql.csv'), 'an analyst\'s note\n');
    const second = await score(csv, write(dir, 'r2.yaml', ladder(['mql'])), '--out-dir', out);
    expect(second.err).toMatch(/warning: kept .*sql\.csv: an earlier run wrote it, but it has changed since/);
    expect(fs.existsSync(path.join(out, 'sql.csv'))).toBe(true);
  });

  test('a failed run removes nothing and leaves the manifest as it was', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    const csv = write(dir, 'in.csv', input);
    await score(csv, write(dir, 'r1.yaml', ladder(['mql', 'sql'])), '--out-dir', out);
    const before = fs.readdirSync(out).sort();
    const manifest = read(path.join(out, '.leadq-outputs.json'));
    const failed = await score(write(dir, 'bad.csv', 'id,points\n1,"10\n'), write(dir, 'r2.yaml', ladder(['mql'])), '--out-dir', out, '--max-record-size', '3');
    expect(failed.code).toBe(1);
    expect(fs.readdirSync(out).sort()).toEqual(before);
    expect(read(path.join(out, '.leadq-outputs.json'))).toBe(manifest);
  });

  test('a manifest that names paths outside the directory is not followed', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    const victim = write(dir, 'victim.csv', 'keep me\n');
    write(out, '.leadq-outputs.json', JSON.stringify({ leadq_outputs_version: 1, files: [{ name: '../victim.csv', bytes: 8 }, { name: victim, bytes: 8 }] }));
    expect((await score(write(dir, 'in.csv', input), write(dir, 'r.yaml', ladder([])), '--out-dir', out)).code).toBe(0);
    expect(read(victim)).toBe('keep me\n');
  });
});
