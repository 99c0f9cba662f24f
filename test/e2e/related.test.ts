/**
 * Related files through the CLI (issue #12): rules read derived columns and reasons cite their
 * values; the summary and standard error say what was read, matched, unmatched, rejected; a
 * missing file stops the run before any output, naming it; --related replaces a path; explain
 * lists the lead's rows that counted and why the others did not; validate --input checks the
 * related files too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, read, readCsv, run, tempDir, write } from './helpers.js';

afterEach(cleanTempDirs);

const LEADS = 'Record ID,Email,Company\nL1,ana@acme.example,Acme\nL2,bo@beta.example,Beta\nL3,cy@gamma.example,Gamma\n';
const ACTIVITIES = [
  'Activity ID,Activity Type,Activity Date,Associated Contact Email',
  'a1,Meeting,2026-10-30 10:00,ana@acme.example', // 2
  'a2,Meeting,2026-08-03 09:00,ANA@acme.example', // 3: exactly 90 days old
  'a3,Meeting,2026-08-02 09:00,ana@acme.example', // 4: 91 days old
  'a4,Meeting,2026-11-05 09:00,ana@acme.example', // 5: after the as-of date
  'a5,Email Reply,2026-10-20 09:00,ana@acme.example', // 6
  'a6,Email Reply,2026-10-20 15:00,ana@acme.example', // 7: a second reply that day
  'a7,Meeting,2026-10-01 09:00,gone@nowhere.example', // 8: no such lead
  'a8,Meeting,someday,bo@beta.example', // 9: not a date
  'a9,Meeting,2026-10-01 09:00,bo@beta.example', // 10
].join('\n') + '\n';
const RULES = `as_of: 2026-11-01
columns:
  email: Email
related:
  activities:
    file: activities.csv
    key: Associated Contact Email
    matches: email
    at: Activity Date
    columns:
      meetings_90d: { count: { column: Activity Type, equals: Meeting }, within: 90d }
      replies: { count: { column: Activity Type, equals: Email Reply }, per_day_max: 1 }
      last_touch: { last: true }
engagement:
  - { name: meetings_90d, per: meetings_90d, points: 20 }
  - { name: reply, per: replies, points: 5 }
  - { name: touched this week, when: { column: last_touch, within_days: 7 }, points: 3 }
stages:
  - name: lead
  - name: mql
    when: { score: engagement, gte: 40 }
`;

function setup(activities = ACTIVITIES, rules = RULES): { dir: string; leads: string; rules: string } {
  const dir = tempDir();
  write(dir, 'activities.csv', activities);
  return { dir, leads: write(dir, 'leads.csv', LEADS), rules: write(dir, 'rules.yaml', rules) };
}

describe('leadq score with a related file', () => {
  test('rules read the derived columns, reasons cite their values, the summary says what was read', async () => {
    const { dir, leads, rules } = setup();
    const out = path.join(dir, 'out');
    const result = await run(['score', leads, '-r', rules, '--out-dir', out]);
    expect(result.code).toBe(0);
    const [header, ...rows] = readCsv(path.join(out, 'scored.csv'));
    const reasons = rows.map((r) => r[header.indexOf('reasons')]);
    expect(reasons).toEqual(['meetings_90d 2x20=+40; reply 1x5=+5; touched this week +3', 'meetings_90d 1x20=+20', '']);
    expect(rows.map((r) => r[header.indexOf('stage')])).toEqual(['mql', 'lead', 'lead']);
    // the derived columns are read, not written
    expect(header).not.toContain('meetings_90d');
    const summary = JSON.parse(read(path.join(out, 'summary.json')));
    expect(summary.related).toEqual([{
      name: 'activities', file: path.join(dir, 'activities.csv'), rows: 9, matched: 7, unmatched: 1, unmatched_first_lines: [8],
      rejected: 0, rejected_first_lines: [], after_as_of: 1,
      warnings: [{ column: 'Activity Date', kind: 'timestamp', count: 1, first_lines: [9], first_value: 'someday' }],
    }]);
    expect(result.err.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^leadq: warning: 1 of 9 rows of ".*activities\.csv" match no lead \(first at line 8\)$/),
      expect.stringMatching(/^leadq: warning: 1 row of ".*activities\.csv" has no timestamp that parses in column "Activity Date" and does not count \(first at line 9: "someday"\)$/),
    ]);
  });

  test('--as-of scores the same files as of another day: rows after it do not count', async () => {
    const { dir, leads, rules } = setup();
    const result = await run(['score', leads, '-r', rules, '--as-of', '2026-10-25', '--out', path.join(dir, 'scored.csv'), '-q']);
    expect(result.code).toBe(0);
    const [header, ...rows] = readCsv(path.join(dir, 'scored.csv'));
    expect(rows[0][header.indexOf('reasons')]).toBe('meetings_90d 2x20=+40; reply 1x5=+5; touched this week +3');
    const earlier = await run(['score', leads, '-r', rules, '--as-of', '2026-08-10', '--out', path.join(dir, 'early.csv'), '-q']);
    expect(earlier.code).toBe(0);
    expect(readCsv(path.join(dir, 'early.csv'))[1][header.indexOf('reasons')]).toBe('meetings_90d 2x20=+40; touched this week +3');
  });

  test('a missing related file stops the run before any output (exit 1), naming it', async () => {
    const { dir, leads, rules } = setup();
    fs.rmSync(path.join(dir, 'activities.csv'));
    const out = path.join(dir, 'out');
    const result = await run(['score', leads, '-r', rules, '--out-dir', out]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/activities\.csv the related file "activities" cannot be read: no such file \[INPUT_READ\]/);
    expect(result.err).toMatch(/--related activities=FILE/);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('--related NAME=FILE reads another file; a name the ruleset lacks is a usage error', async () => {
    const { dir, leads, rules } = setup();
    const other = write(dir, 'elsewhere/log.csv', ACTIVITIES.split('\n').slice(0, 2).join('\n') + '\n');
    const ok = await run(['score', leads, '-r', rules, '--related', `activities=${other}`, '--summary', path.join(dir, 's.json'), '-q', '--out', path.join(dir, 'x.csv')]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(read(path.join(dir, 's.json'))).related[0]).toMatchObject({ file: other, rows: 1, matched: 1 });
    const unknown = await run(['score', leads, '-r', rules, '--related', `activites=${other}`]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/no related file named "activites"; it has activities; did you mean "activities"\?/);
    expect((await run(['score', leads, '-r', rules, '--related', other])).code).toBe(2);
    // one name, two files: which one was meant cannot be told
    const twice = await run(['score', leads, '-r', rules, '--related', `activities=${other}`, '--related', 'activities=other.csv']);
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/--related activities= is given twice \(".*log\.csv" and "other\.csv"\)/);
    const same = await run(['score', leads, '-r', rules, '--related', `activities=${other}`, '--related', `activities=${other}`, '-q', '--out', path.join(dir, 'y.csv')]);
    expect(same.code).toBe(0);
  });

  test('rows of the related file that cannot be read go to the rejects file with the file\'s name (exit 3)', async () => {
    const { dir, leads, rules } = setup(`${ACTIVITIES}a10,Meeting,2026-10-01 09:00,cy@gamma.example,extra\n`);
    const out = path.join(dir, 'out');
    const result = await run(['score', leads, '-r', rules, '--out-dir', out]);
    expect(result.code).toBe(3);
    expect(readCsv(path.join(out, 'rejects.csv'))).toEqual([
      ['file', 'line', 'reason', 'record'],
      [path.join(dir, 'activities.csv'), '11', 'expected 4 fields, got 5', 'a10,Meeting,2026-10-01 09:00,cy@gamma.example,extra'],
    ]);
    expect(result.err).toMatch(/1 of 10 rows of .*activities\.csv rejected, written to .*rejects\.csv/);
  });

  test('a related file of the wrong shape (most rows rejected) stops the run', async () => {
    const { dir, leads, rules } = setup(ACTIVITIES.replace(/\n(a\d)/g, '\n$1,x'));
    const result = await run(['score', leads, '-r', rules, '--out-dir', path.join(dir, 'out')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/9 of 9 rows rejected .*\[INPUT_REJECTS\]/);
  });

  test('a problem found against the headers is RULES_INVALID unless a column is missing (exit 2 either way)', async () => {
    // the sum of the timestamp: a date, never a number
    const { dir, leads, rules } = setup(ACTIVITIES, RULES.replace('last_touch: { last: true }', 'last_touch: { last: true }\n      summed: { sum: Activity Date }'));
    const invalid = await run(['score', leads, '-r', rules, '--out-dir', path.join(dir, 'out')]);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toMatch(/the derived column "summed" takes the sum of "Activity Date", the related file's timestamp .*\[RELATED_KIND\]\n1 problem in .*\[RULES_INVALID\]/);
    const missing = write(dir, 'missing.yaml', RULES.replace('last_touch: { last: true }', 'last_touch: { last: true }\n      summed: { sum: Minutes }'));
    const result = await run(['score', leads, '-r', missing, '--out-dir', path.join(dir, 'out')]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/\[RULES_COLUMN_MISSING\]/);
    expect(fs.existsSync(path.join(dir, 'out', 'scored.csv'))).toBe(false);
  });
});

describe('the terminal report of a related file', () => {
  test('its rows read add up: matched, unmatched, rejected, without a key, without a timestamp; what concerns some of them after', async () => {
    const dir = tempDir();
    const leads = write(dir, 'leads.csv', 'Record ID,Email\nL1,ana@acme.example\nL2,bo@beta.example\n');
    write(dir, 'act.csv', [
      'Activity Date,Associated Contact Email,Minutes',
      '2026-10-30,ana@acme.example,5',
      '2026-10-29,ana@acme.example,abc', // a value that does not parse, in a matched row
      '2026-10-28,nobody@x.example,3', // unmatched
      '2026-10-28,bo@beta.example,3,extra', // rejected
      '2026-10-27,,4', // no key
      'someday,bo@beta.example,2', // no timestamp
      '2026-11-20,bo@beta.example,1', // matched, after the as-of date
    ].join('\n') + '\n');
    const rules = write(dir, 'rules.yaml', `as_of: 2026-11-01
columns: { email: Email }
related:
  a: { file: act.csv, key: Associated Contact Email, matches: email, at: Activity Date, columns: { mins: { sum: Minutes } } }
engagement:
  - { name: m, per: mins, points: 1 }
stages:
  - name: lead
`);
    const result = await run(['score', leads, '-r', rules, '--out', path.join(dir, 'scored.csv')], true);
    expect(result.code).toBe(3);
    const plain = result.err.replace(/\x1b\[[0-9;]*m/g, '');
    const line = /related a \(.*act\.csv\): (\d+) rows read: (.*)/.exec(plain)!;
    expect(line[2]).toBe('3 matched, 1 unmatched, 1 rejected, 1 without a key, 1 without a timestamp; 1 matched after the as-of date, 1 value that did not parse');
    const parts = line[2].split(';')[0].split(', ').map((p) => Number(p.split(' ')[0]));
    expect(parts.reduce((a, b) => a + b, 0)).toBe(Number(line[1]));
  });
});

describe('leadq explain with a related file', () => {
  test('the lead\'s rows per derived column: which counted, and why the others did not', async () => {
    const { leads, rules } = setup();
    const result = await run(['explain', leads, '-r', rules, '--lead', 'ana@acme.example']);
    expect(result.code).toBe(0);
    const text = result.out;
    expect(text).toMatch(/per meetings_90d: "2", counted 2/);
    expect(text).toContain('related activities');
    expect(text).toMatch(/meetings_90d = 2 +count, 2 of 6 rows counted/);
    expect(text).toMatch(/✓ line 2 +2026-10-30 \(2d\) +counted/);
    expect(text).toMatch(/✓ line 3 +2026-08-03 \(90d\) +counted/);
    expect(text).toMatch(/✗ line 4 +2026-08-02 \(91d\) +outside the window \(91 days old; within 90d\)/);
    expect(text).toMatch(/✗ line 5 +2026-11-05 \(4d after\) +after the as-of date/);
    expect(text).toMatch(/replies = 1 +count, 1 of 6 rows counted/);
    expect(text).toMatch(/✗ line 7 +2026-10-20 \(12d\) +over the daily cap \(per_day_max 1\)/);
    expect(text).toMatch(/last_touch = 2026-10-30/);
    const json = JSON.parse((await run(['explain', leads, '-r', rules, '--lead', 'ana@acme.example', '--json'])).out);
    expect(json.related[0]).toMatchObject({ name: 'activities', key: 'ana@acme.example', rows: 6 });
    expect(json.related[0].columns[0]).toMatchObject({ name: 'meetings_90d', value: '2', counted: 2 });
  });
});

describe('leadq validate with a related file', () => {
  test('--input checks the related file\'s columns too', async () => {
    const { dir, leads } = setup();
    const rules = write(dir, 'bad.yaml', RULES.replace('equals: Email Reply', 'equals: Email Reply }, where: { column: Direction, equals: In').replace('per_day_max: 1 }', 'per_day_max: 1 }'));
    const result = await run(['validate', rules, '--input', leads]);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/bad\.yaml:12:\d+ column "Direction" is not in .*activities\.csv at related\.activities\.columns\.replies\.where\.column \[COLUMN_MISSING\]\n {2}available: "Activity ID", /);
  });

  test('--input: a missing related file is a problem at its file: line; without --input related files are not read', async () => {
    const { dir, leads, rules } = setup();
    fs.rmSync(path.join(dir, 'activities.csv'));
    const checked = await run(['validate', rules, '--input', leads]);
    expect(checked.code).toBe(2);
    expect(checked.out).toMatch(/rules\.yaml:6:11 the related file "activities" cannot be read: no such file \(.*activities\.csv\); its columns cannot be checked; related files are read from their path relative to the ruleset; --related activities=FILE reads another at related\.activities\.file \[RELATED_FILE\]/);
    const alone = await run(['validate', rules]);
    expect(alone.code).toBe(0);
  });

  test('without --input: a derived column read as what it is not is an error all the same (its kind is in the ruleset)', async () => {
    const { dir } = setup();
    const wrong = write(dir, 'wrong.yaml', RULES.replace("{ name: reply, per: replies, points: 5 }", "{ name: reply, when: { column: replies, contains: '1' }, points: 5 }")
      .replace('{ name: touched this week, when: { column: last_touch, within_days: 7 }, points: 3 }', '{ name: touched, per: last_touch, points: 3 }'));
    const result = await run(['validate', wrong]);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/wrong\.yaml:16:\d+ the derived column "replies" is a number; "contains" reads text.* \[RELATED_KIND\]\n.*wrong\.yaml:17:\d+ the derived column "last_touch" is a date; "per" reads a number .*\[RELATED_KIND\]\n/);
    expect(result.out).toMatch(/\n2 errors, 1 warning in /);
    // nothing else is reported without the export: its columns are not known
    expect(result.out).not.toMatch(/COLUMN_MISSING/);
    const right = await run(['validate', write(dir, 'right.yaml', RULES)]);
    expect(right.code).toBe(0);
  });

  test('--input samples the related file: timestamps that do not parse are a warning', async () => {
    const { leads, rules } = setup();
    const result = await run(['validate', rules, '--input', leads]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/warning: in .*activities\.csv, 1 of 9 rows have no timestamp that parses in "Activity Date" \(first at line 9: "someday"\); such rows never count/);
    expect(result.out).toMatch(/ok — .*every column found in .*leads\.csv and its related files \(activities\)/);
  });
});

describe('a sum past 90 trillion (where a double holds no cents)', () => {
  // 1e21 was written 1.0000000000000001e+21 (x * 100 / 100), and explain's points 999999999999999900000
  const rules = RULES.replace('      last_touch: { last: true }\n', '      last_touch: { last: true }\n      amount: { sum: Amount }\n')
    .replace('stages:', '  - { name: amount, per: amount, points: 1 }\nstages:');
  const activities = 'Activity ID,Activity Type,Activity Date,Associated Contact Email,Amount\na1,Deal,2026-09-01,ana@acme.example,1e21\n'
    + 'a2,Deal,2026-09-01,bo@beta.example,0.1\na3,Deal,2026-09-01,bo@beta.example,0.2\n';

  test('is written in its shortest form in the output, the reasons and explain; ordinary sums keep their cents', async () => {
    const { dir, leads, rules: rulesFile } = setup(activities, rules);
    const out = path.join(dir, 'scored.csv');
    expect((await run(['score', leads, '-r', rulesFile, '-o', out, '--summary', path.join(dir, 'summary.json')])).code).toBe(0);
    const [header, ...rows] = readCsv(out);
    const cell = (id: string, column: string) => rows.find((r) => r[0] === id)![header.indexOf(column)];
    expect([cell('L1', 'score'), cell('L1', 'reasons')]).toEqual(['1e+21', 'amount 1e+21x1=+1e+21']);
    expect([cell('L2', 'score'), cell('L2', 'reasons')]).toEqual(['0.3', 'amount 0.3x1=+0.3']);
    expect(JSON.parse(read(path.join(dir, 'summary.json'))).by_rule.find((r: { rule: string }) => r.rule === 'amount').points).toBe(1e21 + 0.3);
    const explain = (await run(['explain', leads, '-r', rulesFile, '--lead', 'ana@acme.example'])).out;
    expect(explain).toMatch(/✓ +\+1e\+21 +amount\n/);
    expect(explain).toMatch(/amount = 1e\+21 +sum/);
    expect(explain).not.toMatch(/0000000000000001|9999999999/);
  });
});
