/**
 * Related files as CRMs really export them, and as they go wrong: what leadq says must name the
 * related file and the ruleset key that fixes it — a related file's encoding, delimiter and title
 * lines are keys of its `related:` entry, not the export's --encoding, --delimiter, --skip-lines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, run, tempDir, write } from './helpers.js';
import { assertBuilt, BIN } from '../safety/cli-process.js';

afterEach(cleanTempDirs);

const LEADS = 'Record ID,Email\nL1,ana@acme.example\nL2,bo@beta.example\n';
const HEADER = 'Activity ID,Activity Type,Activity Date,Associated Contact Email';
const rules = (extra = '') => `as_of: 2026-11-01
related:
  activities:
    file: activities.csv
    key: Associated Contact Email
    matches: Email
    at: Activity Date${extra}
    columns:
      n: { count: true }
engagement:
  - { name: activity, per: n, points: 1 }
stages:
  - name: lead
`;

function setup(activities: string | Buffer, extra = ''): { leads: string; rules: string } {
  const dir = tempDir();
  write(dir, 'activities.csv', activities);
  return { leads: write(dir, 'leads.csv', LEADS), rules: write(dir, 'rules.yaml', rules(extra)) };
}

describe('a related file read with the wrong settings: the hint names its related: key', () => {
  test('Windows-1252 read as UTF-8, the byte in the header\'s first block', async () => {
    const { leads, rules } = setup(Buffer.from(`${HEADER}\na1,R\xe9union,2026-10-30,ana@acme.example\n`, 'latin1'));
    const result = await run(['score', leads, '-r', rules, '-o', path.join(path.dirname(leads), 'scored-out.csv')]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('the related file "activities": invalid UTF-8');
    expect(result.err).toContain('set encoding: windows-1252 in related.activities of the ruleset');
    expect(result.err).not.toContain('--encoding');
  });

  test('Windows-1252 read as UTF-8, the byte far down the file (a later block)', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `a${i},Call,2026-10-30,ana@acme.example`);
    const { leads, rules } = setup(Buffer.from(`${HEADER}\n${rows.join('\n')}\nz,R\xe9union,2026-10-30,ana@acme.example\n`, 'latin1'));
    const result = await run(['score', leads, '-r', rules, '--block-size', '1024', '--threads', '1', '-o', path.join(path.dirname(leads), 'scored-out.csv')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/activities\.csv:402:\d+ the related file "activities": invalid UTF-8/);
    expect(result.err).toContain('set encoding: windows-1252 in related.activities of the ruleset');
  });

  test('validate --input says the same: the file cannot be checked, and which key reads it', async () => {
    const { leads, rules } = setup(Buffer.from(`${HEADER}\na1,R\xe9union,2026-10-30,ana@acme.example\n`, 'latin1'));
    const result = await run(['validate', rules, '--input', leads]);
    expect(result.code).toBe(2);
    expect(result.out + result.err).toMatch(/invalid UTF-8.*its columns cannot be checked; if the file comes from Excel or an older CRM, set encoding: windows-1252 in related\.activities of the ruleset/);
  });

  test('declared windows-1252 but written in UTF-8: stops before accented keys and text silently match nothing (score, explain, validate)', async () => {
    const { leads, rules } = setup(`${HEADER}\na1,Réunion,2026-10-30,zoë@café.example\n`, '\n    encoding: windows-1252');
    for (const argv of [['score', leads, '-r', rules], ['explain', leads, '-r', rules, '--lead', 'L1'], ['validate', rules, '--input', leads]]) {
      const result = await run(argv);
      expect(result.code).not.toBe(0);
      expect(result.out + result.err).toContain('the related file "activities" is declared encoding: windows-1252, but reads as UTF-8');
    }
    // the same bytes in Windows-1252 read as declared
    const ok = setup(Buffer.from(`${HEADER}\na1,R\xe9union,2026-10-30,ana@acme.example\n`, 'latin1'), '\n    encoding: windows-1252');
    expect((await run(['score', ok.leads, '-r', ok.rules, '-q', '-o', path.join(path.dirname(ok.leads), 'scored-out.csv')])).code).toBe(0);
  });

  test('a title line above the related file\'s header: skip_lines, not --skip-lines', async () => {
    const { leads, rules } = setup(`Activities export 2026-11-01\n${HEADER}\na1,Call,2026-10-30,ana@acme.example\n`);
    const result = await run(['score', leads, '-r', rules, '-o', path.join(path.dirname(leads), 'scored-out.csv')]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('set skip_lines: 1 in related.activities of the ruleset');
    expect(result.err).not.toContain('--skip-lines');
  });

  test('a gzipped related file: unpack it and point the related file at the CSV (or pipe it to --related NAME=-), not `leadq score -`', async () => {
    const { leads, rules } = setup(gzipSync(`${HEADER}\na1,Call,2026-10-30,ana@acme.example\n`));
    const result = await run(['score', leads, '-r', rules, '-o', path.join(path.dirname(leads), 'scored-out.csv')]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('the related file "activities": the input is a gzip-compressed file');
    expect(result.err).toContain('gunzip FILE; then point file: in related.activities of the ruleset, or --related activities=FILE, at the CSV; or zcat FILE | leadq score … --related activities=-');
    expect(result.err).not.toContain('leadq score - ');
  });

  test('a related file piped in as that hint says (--related NAME=-) is read', () => {
    assertBuilt();
    const { leads, rules } = setup(`${HEADER}\n`);
    const out = path.join(path.dirname(leads), 'scored-out.csv');
    const piped = `${HEADER}\na1,Call,2026-10-30,ana@acme.example\na2,Call,2026-10-30,ana@acme.example\n`;
    const result = spawnSync(process.execPath, [BIN, 'score', leads, '-r', rules, '--related', 'activities=-', '-q', '-o', out], { input: piped, encoding: 'utf8' });
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(fs.readFileSync(out, 'utf8').split('\n')[1]).toContain('activity 2x1=+2');
  });

  test('a missing related file: from the ruleset, relative to the ruleset; from --related, relative to the current directory', async () => {
    const { leads, rules } = setup(`${HEADER}\n`);
    fs.rmSync(path.join(path.dirname(rules), 'activities.csv'));
    const out = path.join(path.dirname(leads), 'scored-out.csv');
    const fromRuleset = await run(['score', leads, '-r', rules, '-o', out]);
    expect(fromRuleset.code).toBe(1);
    expect(fromRuleset.err).toContain('hint: related files are read from their path relative to the ruleset; --related activities=FILE reads another');
    const given = await run(['score', leads, '-r', rules, '--related', 'activities=exports/activities.csv', '-o', out]);
    expect(given.code).toBe(1);
    expect(given.err).toContain('exports/activities.csv the related file "activities" cannot be read: no such file');
    expect(given.err).toContain('hint: a file given with --related activities=FILE is read from its path relative to the current directory, not the ruleset\'s folder');
    expect(given.err).not.toContain('relative to the ruleset;');
  });

  test('a related file on semicolons read with delimiter ",": its delimiter key', async () => {
    const { leads, rules } = setup(`${HEADER.replaceAll(',', ';')}\na1;Call;2026-10-30;ana@acme.example\n`, '\n    delimiter: ","');
    const result = await run(['score', leads, '-r', rules, '-o', path.join(path.dirname(leads), 'scored-out.csv')]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('set delimiter: ";" in related.activities of the ruleset');
  });
});

describe('a related file\'s own header', () => {
  test('a column it repeats, that a derived column reads: the message says to rename it in that file, not the export', async () => {
    const { leads, rules } = setup(`${HEADER},Activity Date\na1,Call,2026-10-30,ana@acme.example,2026-10-30\n`);
    const result = await run(['score', leads, '-r', rules, '-o', path.join(path.dirname(leads), 'scored-out.csv')]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/column "Activity Date" appears 2 times in the header of .*activities\.csv, as columns 3 and 5; a rule cannot tell which one to read: rename all but one in .*activities\.csv/);
  });
});

describe('--max-warnings guards the related files too, per file', () => {
  // a log whose dates came out in another format: 3 of 4 rows do not count; one has no contact
  const LOG = `${HEADER}\na1,Call,2026-10-30,ana@acme.example\na2,Call,10/30/2026,ana@acme.example\na3,Call,10/29/2026,bo@beta.example\na4,Call,10/28/2026,bo@beta.example\na5,Call,2026-10-30,\n`;

  test('past the limit: exit 1, nothing written, the file and the values named (with --quiet too)', async () => {
    const { leads, rules } = setup(LOG);
    const out = path.join(path.dirname(leads), 'scored.csv');
    const result = await run(['score', leads, '-r', rules, '-o', out, '--max-warnings', '50%', '--quiet']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/activities\.csv the related file "activities": 3 value warnings in 5 rows, more than --max-warnings 50% allows; no output was replaced \[INPUT_WARNINGS\]/);
    expect(result.err).toContain('hint: most are in column "Activity Date" (3; first at lines 3, 4, 5: "10/30/2026")');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('within it, or without it: the run goes on; an empty key is not a value warning', async () => {
    const { leads, rules } = setup(LOG);
    expect((await run(['score', leads, '-r', rules, '-o', path.join(path.dirname(leads), 'a.csv'), '--max-warnings', '3'])).code).toBe(0);
    expect((await run(['score', leads, '-r', rules, '-o', path.join(path.dirname(leads), 'b.csv')])).code).toBe(0);
  });
});

describe('validate --input on a related file in another date format', () => {
  test('the hint is the related file\'s formats: entry (the top-level formats: names the export\'s columns)', async () => {
    const { leads, rules } = setup(`${HEADER}\na1,Call,10/30/2026 2:05 PM,ana@acme.example\na2,Call,10/29/2026 9:00 AM,bo@beta.example\n`);
    const result = await run(['validate', rules, '--input', leads]);
    expect(result.out + result.err).toContain('2 of 2 rows have no timestamp that parses in "Activity Date" (first at line 2: "10/30/2026 2:05 PM"); such rows never count; give the file\'s date format in related.activities of the ruleset, e.g. formats: { "Activity Date": { date: \'MM/dd/yyyy h:mm a\' } }');
  });
});

describe('a Salesforce report export as the related file', () => {
  const REPORT = [
    '"Activity ID","Activity Type","Activity Date","Associated Contact Email"',
    '"a1","Call","2026-10-30","ana@acme.example"',
    '"a2","Call","2026-10-29","bo@beta.example"',
    '""',
    '"Grand Totals (2 records)"',
    '""',
    '"Confidential Information - Do Not Distribute"',
    '"a3","Call","2026-10-28","ana@acme.example"',
    '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."',
  ].join('\r\n') + '\r\n';

  test('score stops at its footer and says where (exit 0, nothing rejected); explain reads it the same way', async () => {
    const { leads, rules } = setup(REPORT);
    const dir = path.dirname(leads);
    const result = await run(['score', leads, '-r', rules, '-o', path.join(dir, 'out.csv'), '--summary', path.join(dir, 'summary.json')]);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/leadq: stopped at the report footer at .*activities\.csv:5/);
    const related = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')).related[0];
    expect(related).toMatchObject({ rows: 2, matched: 2, rejected: 0, footer_line: 5 });
    const explained = await run(['explain', leads, '-r', rules, '--lead', 'L1']);
    expect(explained.out).toMatch(/1 row with Email "ana@acme.example"\n +n = 1 +count, 1 of 1 row counted/);
  });
});
