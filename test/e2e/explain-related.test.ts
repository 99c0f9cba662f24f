/**
 * `leadq explain --lead` with a related file, where the file is messy: the lead's rows whose
 * timestamp does not parse (each with the cell's text, quoted), the file's rejected rows (how
 * many, the first with why, those holding the lead's key), read exactly as `score` reads them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, run, tempDir, write } from './helpers.js';

afterEach(cleanTempDirs);

const LEADS = 'Record ID,Email\nL1,ana@acme.example\nL2,bo@beta.example\nL3,\n';
const HEADER = 'Activity ID,Activity Type,Activity Date,Associated Contact Email,Minutes';

const rules = (columns: string, extra = '') => `as_of: 2026-11-01
related:
  activities:
    file: activities.csv
    key: Associated Contact Email
    matches: Email
    at: Activity Date
    columns:
${columns}
engagement:
  - { name: call, per: calls, points: 1 }
stages:
  - name: lead
${extra}`;

function setup(activities: string, columns = '      calls: { count: true }'): { dir: string; leads: string; rules: string } {
  const dir = tempDir();
  write(dir, 'activities.csv', activities);
  return { dir, leads: write(dir, 'leads.csv', LEADS), rules: write(dir, 'rules.yaml', rules(columns)) };
}

/** explain's text with the temp dir left out of file names. */
async function explain(dir: string, leads: string, rules: string, lead: string): Promise<string> {
  return (await run(['explain', leads, '-r', rules, '--lead', lead])).out.replaceAll(`${dir}${path.sep}`, '');
}

/** Lines as the file numbers them: the header is line 1. */
const MESSY = [
  HEADER,
  'a1,Call,2026-10-30,ana@acme.example,10', // 2: counts
  'a2,Call,31/10/2026,ana@acme.example,5', // 3: the lead's, a day-first date: no timestamp that parses
  "a3,Call,=cmd|' /C calc'!A0,ana@acme.example,5", // 4: the lead's, a formula for a timestamp
  'a4,Call,,ANA@acme.example,5', // 5: the lead's (emails ignore case), timestamp empty
  'a5,"Call,2026-10-29,ana@acme.example,5', // 6: rejected, a stray quote; the key is inside the quoted rest
  'a6,Call,2026-10-28,bo@beta.example,3', // 7: another lead's
  'a7,Call,2026-10-27,ana@acme.example', // 8: rejected, 4 fields; holds the key
  'a8,Call,2026-10-26,bo@beta.example,1,extra', // 9: rejected, 6 fields; another lead's key
  '   ', // 10: rejected, 1 field (spaces only, not followed by a footer)
  'a9,Call,2026-10-25,ana@acme.example,2', // 11: counts
].join('\n') + '\n';

describe('the lead\'s rows whose timestamp does not parse', () => {
  test('are said once per file with their lines and the cells\' text, formula characters quoted as data, and a hint when a format would read them', async () => {
    const { dir, leads, rules } = setup(MESSY);
    const result = { out: await explain(dir, leads, rules, 'L1') };
    expect(result.out).toContain('related activities (activities.csv): 5 rows with Email "ana@acme.example"\n');
    expect(result.out).toContain(`  3 of them have no timestamp that parses in "Activity Date" and count nowhere: line 3 "31/10/2026", line 4 "=cmd|' /C calc'!A0", line 5 (empty)\n`);
    expect(result.out).toContain('    hint: give the file\'s date format in related.activities of the ruleset, e.g. formats: { "Activity Date": { date: \'dd/MM/yyyy\' } }');
    // and in the column's rows, each with its own text
    expect(result.out).toMatch(/✗ line 3 +no date +no timestamp that parses: "31\/10\/2026"\n/);
    expect(result.out).toMatch(/✗ line 5 +no date +no timestamp \(the cell is empty\)\n/);
    expect(result.out).toMatch(/calls = 2 +count, 2 of 5 rows counted\n/);
  });

  test('--json: the count, and each row\'s line and text as it stands in the file', async () => {
    const { leads, rules } = setup(MESSY);
    const json = JSON.parse((await run(['explain', leads, '-r', rules, '--lead', 'L1', '--json'])).out);
    expect(json.related[0].at).toBe('Activity Date');
    expect(json.related[0].no_timestamp).toEqual({
      rows: 3, first: [{ line: 3, timestamp: '31/10/2026' }, { line: 4, timestamp: "=cmd|' /C calc'!A0" }, { line: 5, timestamp: '' }],
    });
    const rows = json.related[0].columns[0].rows as { line: number; timestamp?: string }[];
    expect(rows.find((r) => r.line === 4)).toMatchObject({ date: null, counted: false, timestamp: "=cmd|' /C calc'!A0" });
  });

  test('a control character in the cell is escaped, not written to the terminal raw', async () => {
    const { leads, rules } = setup(`${HEADER}\na1,Call,2026-10-30\u001b[2J,ana@acme.example,1\n`);
    const result = await run(['explain', leads, '-r', rules, '--lead', 'L1']);
    expect(result.out).toContain('line 2 "2026-10-30\\x1b[2J"');
    expect(result.out).not.toContain('\u001b');
  });
});

describe('the file\'s rejected rows', () => {
  test('how many, the first with why, and which hold the lead\'s key in a field (also inside a stray quote\'s field)', async () => {
    const { dir, leads, rules } = setup(MESSY);
    const result = { out: await explain(dir, leads, rules, 'L1') };
    expect(result.out).toContain([
      // 10 rows read: 6 of the right width, 4 rejected
      '  4 of 10 rows of activities.csv were rejected and count for no lead:',
      '    line 6: a quote opens field 2 and is not closed on this line (the input ends inside it)',
      '    line 8: expected 5 fields, got 4',
      '    line 9: expected 5 fields, got 6',
      '    line 10: expected 5 fields, got 1',
      '    lines 6, 8 hold "ana@acme.example" in a field: the lead\'s rows may be among them',
    ].join('\n'));
    const json = JSON.parse((await run(['explain', leads, '-r', rules, '--lead', 'L2', '--json'])).out);
    // another lead: the same rows of the file, and only line 9 holds its key
    expect(json.related[0].rejected).toMatchObject({ rows: 4, read: 10, with_key_lines: [9] });
    expect(json.related[0].rejected.first.map((f: { line: number }) => f.line)).toEqual([6, 8, 9, 10]);
  });

  test('are the rows score rejects: the same count and lines as its summary (two readers, one verdict)', async () => {
    const { dir, leads, rules } = setup(MESSY);
    await run(['score', leads, '-r', rules, '-o', path.join(dir, 'out.csv'), '--summary', path.join(dir, 'summary.json'), '--max-rejects', '100%']);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')).related[0];
    const json = JSON.parse((await run(['explain', leads, '-r', rules, '--lead', 'L1', '--json'])).out);
    expect(json.related[0].rejected.rows).toBe(summary.rejected);
    expect(json.related[0].rejected.first.map((f: { line: number }) => f.line)).toEqual(summary.rejected_first_lines);
  });

  test('a lead without a key still hears of them; blank lines before a report footer are the footer\'s, not rejects', async () => {
    const footer = `${HEADER}\r\na1,Call,2026-10-30,ana@acme.example,1\r\n""\r\n"Grand Totals (1 records)"\r\n`;
    const { leads, rules } = setup(footer);
    const clean = await run(['explain', leads, '-r', rules, '--lead', 'L1', '--json']);
    expect(JSON.parse(clean.out).related[0].rejected).toEqual({ rows: 0, read: 1, first: [], with_key_lines: [] });
    const messy = setup(MESSY);
    const keyless = { out: await explain(messy.dir, messy.leads, messy.rules, 'L3') };
    expect(keyless.out).toContain('related activities (activities.csv): the lead has no key in "Email"\n  4 of 10 rows of activities.csv were rejected');
    expect(keyless.out).not.toMatch(/hold "/);
  });

  test('more than five: the first five, and how many more', async () => {
    const bad = Array.from({ length: 7 }, (_, i) => `b${i},Call,2026-10-30`);
    const { dir, leads, rules } = setup(`${HEADER}\n${bad.join('\n')}\n${Array.from({ length: 10 }, (_, i) => `c${i},Call,2026-10-30,ana@acme.example,1`).join('\n')}\n`);
    const result = { out: await explain(dir, leads, rules, 'L1') };
    expect(result.out).toMatch(/ {2}7 of 17 rows of activities\.csv were rejected and count for no lead:\n( {4}line [2-6]: expected 5 fields, got 3\n){5} {4}… 2 more \(leadq score --rejects FILE lists them all\)\n/);
  });
});

describe('--max-rejects, as score has it', () => {
  // a related file written with ";" under a "," header: rows 3 and 4 are one field each
  const HALF = `${HEADER}\na1,Call,2026-10-30,ana@acme.example,10\na2;Call;2026-10-30;ana@acme.example;1\na3;Call;2026-10-29;ana@acme.example;1\n`;

  test('by default more than half of a related file\'s rows rejected fails (exit 1), with score\'s very message', async () => {
    const { dir, leads, rules } = setup(HALF);
    const explained = await run(['explain', leads, '-r', rules, '--lead', 'L1']);
    expect(explained.code).toBe(1);
    expect(explained.out).toBe('');
    // 2 of 3 rows: 66.7%
    expect(explained.err).toMatch(/activities\.csv:3 the related file "activities": 2 of 3 rows rejected \(66\.7%\), more than half of the rows, which leadq refuses unless --max-rejects allows it \(e\.g\. --max-rejects 100%\); .*\[INPUT_REJECTS\]\n {2}hint: the header was split on "," into 5 fields, but the rows look delimited by ";"/);
    const scored = await run(['score', leads, '-r', rules, '-o', path.join(dir, 'out.csv')]);
    expect(scored.code).toBe(1);
    expect(explained.err).toBe(scored.err);
  });

  test('within the limit: the explanation, and exit 3 with the rejected rows on standard error, as score', async () => {
    const { leads, rules } = setup(HALF);
    const explained = await run(['explain', leads, '-r', rules, '--lead', 'L1', '--max-rejects', '100%']);
    expect(explained.code).toBe(3);
    expect(explained.out).toMatch(/ {2}2 of 3 rows of .*activities\.csv were rejected and count for no lead:\n {4}line 3: expected 5 fields, got 1\n {4}line 4: expected 5 fields, got 1\n/);
    expect(explained.err).toMatch(/^leadq: 2 of 3 rows of .*activities\.csv rejected, at lines 3, 4\n$/);
    expect((await run(['explain', leads, '-r', rules, '--lead', 'L1', '--max-rejects', '2'])).code).toBe(3);
  });

  test('a count: one more rejected row than it allows stops at that row\'s line', async () => {
    const { leads, rules } = setup(MESSY);
    // rejected: lines 6, 8, 9, 10; the third passes a limit of 2
    const result = await run(['explain', leads, '-r', rules, '--lead', 'L1', '--max-rejects', '2']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/the related file "activities": more than 2 rows rejected \(--max-rejects 2\); stopped at line 9; .*\[INPUT_REJECTS\]/);
    // 4 of 10 rows read: 40%
    expect((await run(['explain', leads, '-r', rules, '--lead', 'L1', '--max-rejects', '39%'])).code).toBe(1);
    expect((await run(['explain', leads, '-r', rules, '--lead', 'L1', '--max-rejects', '40%'])).code).toBe(3);
  });

  test('nothing rejected: exit 0 and nothing on standard error; a value that is no limit is a usage error', async () => {
    const { leads, rules } = setup(`${HEADER}\na1,Call,2026-10-30,ana@acme.example,10\n`);
    expect(await run(['explain', leads, '-r', rules, '--lead', 'L1', '--max-rejects', '0'])).toMatchObject({ code: 0, err: '' });
    const bad = await run(['explain', leads, '-r', rules, '--lead', 'L1', '--max-rejects', 'some']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('expected a number of rows (e.g. 100) or a percentage of the rows read (e.g. 0.5%)');
  });

  test('explain --help: the option, an example using it, and exit 3', async () => {
    const { out, code } = await run(['explain', '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/--max-rejects <n\|p%> +fail \(exit 1\) when more rows of a related file/);
    expect(out.indexOf('Examples:')).toBeLessThan(out.indexOf('Options:'));
    expect(out).toMatch(/\$ leadq explain .*--max-rejects 100%/);
    expect(out).toMatch(/3 when rows of a related file were rejected/);
  });
});

describe('what each row gave a sum, min, max, first or last', () => {
  const WITH_SIGNED = `${HEADER},Signed`;
  const LOG = [
    WITH_SIGNED,
    'a1,Call,2026-10-31,ana@acme.example,10,2026-09-01', // 2
    'a2,Call,2026-10-30,ana@acme.example,2.25,2026-08-15', // 3: the earliest Signed
    'a3,Call,2026-10-29,ana@acme.example,,', // 4: no Minutes, no Signed
    'a4,Meeting,2026-10-28,ana@acme.example,60,2026-09-20', // 5: a Meeting; 60, the most
    'a5,Call,2026-10-27,ana@acme.example,abc,', // 6: Minutes not a number
    'a6,Meeting,2026-10-26,ana@acme.example,60,', // 7: 60 again
  ].join('\n') + '\n';
  const COLUMNS = [
    '      calls: { count: true }',
    '      talk: { sum: Minutes, where: { column: Activity Type, equals: Call } }',
    '      longest: { max: Minutes }',
    '      signed_first: { first: Signed }',
  ].join('\n');

  test('a sum: each counted row\'s addition, which add up to the value; rows without a value say what their cell held', async () => {
    const { dir, leads, rules } = setup(LOG, COLUMNS);
    const out = await explain(dir, leads, rules, 'L1');
    // talk: lines 2 and 3 are calls with minutes, 10 + 2.25 = 12.25
    expect(out).toMatch(/ {2}talk = 12\.25 +sum of Minutes, 2 of 6 rows counted; 2 do not meet its condition\n {4}✓ line 2 +2026-10-31 \(1d\) +counted +\+10\n {4}✓ line 3 +2026-10-30 \(2d\) +counted +\+2\.25\n {4}✗ line 4 +2026-10-29 \(3d\) +no value to add: Minutes is empty\n {4}✗ line 6 +2026-10-27 \(5d\) +no value to add: Minutes holds "abc", not a number\n/);
  });

  test('max and first: each row\'s value, the row that gave the column its value first and marked (each of a tie)', async () => {
    const { dir, leads, rules } = setup(LOG, COLUMNS);
    const out = await explain(dir, leads, rules, 'L1');
    expect(out).toMatch(/ {2}longest = 60 +max of Minutes, 4 of 6 rows counted\n {4}✓ line 5 +2026-10-28 \(4d\) +counted +60 +← max\n {4}✓ line 7 +2026-10-26 \(6d\) +counted +60 +← max\n {4}✓ line 2 +2026-10-31 \(1d\) +counted +10\n {4}✓ line 3 +2026-10-30 \(2d\) +counted +2\.25\n/);
    expect(out).toMatch(/ {2}signed_first = 2026-08-15 +first of Signed, 3 of 6 rows counted\n {4}✓ line 3 +2026-10-30 \(2d\) +counted +2026-08-15 +← first\n {4}✓ line 2 +2026-10-31 \(1d\) +counted +2026-09-01\n {4}✓ line 5 +2026-10-28 \(4d\) +counted +2026-09-20\n {4}✗ line 4 +2026-10-29 \(3d\) +no value to add: Signed is empty\n/);
    const json = JSON.parse((await run(['explain', leads, '-r', rules, '--lead', 'L1', '--json'])).out);
    const [, talk, longest] = json.related[0].columns;
    expect(talk.of).toBe('Minutes');
    expect(talk.rows.filter((r: { counted: boolean }) => r.counted)).toEqual([
      { line: 2, date: '2026-10-31', age: 1, counted: true, why: '', value: 10, added: 10 },
      { line: 3, date: '2026-10-30', age: 2, counted: true, why: '', value: 2.25, added: 2.25 },
    ]);
    expect(longest.rows.filter((r: { gives_value?: boolean }) => r.gives_value).map((r: { line: number }) => r.line)).toEqual([5, 7]);
  });

  test('first: true (the timestamp itself): the row is marked, its date not said twice', async () => {
    const { dir, leads, rules } = setup(LOG, '      calls: { count: true }\n      last_touch: { last: true }');
    const out = await explain(dir, leads, rules, 'L1');
    expect(out).toMatch(/ {2}last_touch = 2026-10-31 +last of Activity Date, 6 of 6 rows counted\n {4}✓ line 2 +2026-10-31 \(1d\) +counted +← last\n {4}✓ line 3 +2026-10-30 \(2d\) +counted\n/);
  });

  test('a decayed sum: value × weight = addition, to cents; when the cents do not add up, the exact total says why', async () => {
    // a step of 1 day, halved: each row 1 day old weighs 0.5; 0.01 × 0.5 = 0.005 each, 0.015 in all → 0.02 (half a cent up)
    const rows = [1, 2, 3].map((i) => `a${i},Call,2026-10-31,ana@acme.example,0.01`);
    const { dir, leads, rules } = setup(`${HEADER}\n${rows.join('\n')}\n`, '      calls: { count: true }\n      paid: { sum: Minutes, decay: { step: 1d, factor: 0.5 } }');
    const out = await explain(dir, leads, rules, 'L1');
    expect(out).toMatch(/ {2}paid = 0\.02 +sum of Minutes, 3 of 3 rows counted\n( {4}✓ line [234] +2026-10-31 \(1d\) +counted +0\.01 × weight 0\.5 = \+0\.01\n){3} {4}\(each addition is shown to cents; exactly they add up to 0\.015, which is 0\.02 to cents\)\n/);
    const json = JSON.parse((await run(['explain', leads, '-r', rules, '--lead', 'L1', '--json'])).out);
    expect(json.related[0].columns[1].rows.map((r: { added: number; weight: number }) => [r.added, r.weight])).toEqual([[0.005, 0.5], [0.005, 0.5], [0.005, 0.5]]);
  });

  test('a decayed sum whose cents add up has no note; a decayed count gives each row\'s weight', async () => {
    // ages 1 and 2 with a step of 1 day: weights 0.5 and 0.25; 8 × 0.5 + 4 × 0.25 = 5
    const { dir, leads, rules } = setup(`${HEADER}\na1,Call,2026-10-31,ana@acme.example,8\na2,Call,2026-10-30,ana@acme.example,4\n`,
      '      calls: { count: true, decay: { step: 1d, factor: 0.5 } }\n      paid: { sum: Minutes, decay: { step: 1d, factor: 0.5 } }');
    const out = await explain(dir, leads, rules, 'L1');
    expect(out).toMatch(/ {2}calls = 0\.75 +count, 2 of 2 rows counted\n {4}✓ line 2 .* counted, weight 0\.5\n {4}✓ line 3 .* counted, weight 0\.25\n/);
    expect(out).toMatch(/ {2}paid = 5 +sum of Minutes, 2 of 2 rows counted\n {4}✓ line 2 .* counted +8 × weight 0\.5 = \+4\n {4}✓ line 3 .* counted +4 × weight 0\.25 = \+1\n\n/);
  });

  test('more counted rows than are listed: the rows left out say how many counted and what they add, so the lines still add up', async () => {
    // 15 calls of 1 to 15 minutes, a day apart: the 12 newest (1 to 12) listed, 13 + 14 + 15 = 42 left out; 120 in all
    const rows = Array.from({ length: 15 }, (_, i) => `a${i},Call,2026-10-${String(31 - i).padStart(2, '0')},ana@acme.example,${i + 1}`);
    const { dir, leads, rules } = setup(`${HEADER}\n${rows.join('\n')}\n`, '      calls: { count: true }\n      talk: { sum: Minutes }');
    const out = await explain(dir, leads, rules, 'L1');
    expect(out).toMatch(/ {2}talk = 120 +sum of Minutes, 15 of 15 rows counted\n/);
    expect(out).toMatch(/ {4}✓ line 13 +2026-10-20 \(12d\) +counted +\+12\n {4}… 3 more rows \(3 counted, adding \+42\)\n/);
    const json = JSON.parse((await run(['explain', leads, '-r', rules, '--lead', 'L1', '--json'])).out);
    expect(json.related[0].columns[1]).toMatchObject({ more: 3, more_counted: 3, more_added: 42 });
  });
});

describe('the rows add up (seeded)', () => {
  /** A small deterministic generator (LCG): the same logs on every run. */
  function lcg(seed: number): () => number {
    let s = seed >>> 0;
    return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  }

  test.each([1, 2, 3, 4, 5])('seed %i: a sum\'s listed additions plus the rows left out make its value, with and without decay', async (seed) => {
    const next = lcg(seed);
    const rows = Array.from({ length: 5 + Math.floor(next() * 30) }, (_, i) => {
      const day = 1 + Math.floor(next() * 28);
      const minutes = next() < 0.15 ? '' : (Math.floor(next() * 100000) / 1000).toString();
      return `a${i},${next() < 0.7 ? 'Call' : 'Meeting'},2026-10-${String(day).padStart(2, '0')},ana@acme.example,${minutes}`;
    });
    const { leads, rules } = setup(`${HEADER}\n${rows.join('\n')}\n`, [
      '      calls: { count: true }',
      '      talk: { sum: Minutes, where: { column: Activity Type, equals: Call } }',
      '      decayed: { sum: Minutes, decay: { half_life: 7d } }',
    ].join('\n'));
    const json = JSON.parse((await run(['explain', leads, '-r', rules, '--lead', 'L1', '--json'])).out);
    for (const column of json.related[0].columns.slice(1)) {
      const listed = column.rows.filter((r: { counted: boolean }) => r.counted).map((r: { added: number }) => r.added);
      // in millionths, as the sum adds them; the value is that to cents, half a cent up
      const units = [...listed, column.more_added ?? 0].reduce((a: number, x: number) => a + Math.round(x * 1e6), 0);
      expect(Math.round(units / 1e4) / 100).toBe(Number(column.value));
      expect(listed.length + column.more_counted).toBe(column.counted);
    }
  });
});
