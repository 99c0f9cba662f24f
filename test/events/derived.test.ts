/**
 * What each derived column gives a lead (issue #12): every aggregate, each option and the edges
 * that decide them — a row exactly N days old inside `within: Nd`, the daily cap, once every N
 * days, decay by each row's own age, rows after the as-of date, time travel by --as-of — keys
 * matched as emails (case, spaces) or ids (exactly), and the rows that match no lead or cannot
 * be placed. Computed by the real passes (helpers.ts), read from the typed row as rules read it.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { AS_OF, cleanDeriveDirs, daysBefore, derive } from './helpers.js';
import { relatedWarningLines } from '../../src/output/related-summary.js';

afterAll(cleanDeriveDirs);

const LEADS = 'id,email\nL1,ana@acme.example\nL2,bo@beta.example\nL3,cy@gamma.example\nL4,\n';

/** An activity log: [type, days before the as-of date, email, amount] per row. */
function log(rows: [string, number, string, string?][]): string {
  return `Activity Type,Activity Date,Contact Email,Amount\n${rows.map(([t, d, e, a]) => `${t},${daysBefore(d)},${e},${a ?? ''}`).join('\n')}\n`;
}

const entry = (columns: string, extra = '') => `    key: Contact Email\n    matches: email\n    at: Activity Date\n${extra}    columns:\n${columns}`;

const ROWS: [string, number, string, string?][] = [
  ['Meeting', 0, 'ana@acme.example', '10'],
  ['Meeting', 30, 'ana@acme.example', '5'],
  ['Meeting', 30, 'ana@acme.example', '7.5'],
  ['Call', 90, 'ana@acme.example', ''],
  ['Call', 91, 'ana@acme.example', '20'],
  ['Meeting', -1, 'ana@acme.example', '100'],
  ['Email Reply', 3, 'bo@beta.example', '1'],
];

describe('each aggregate', () => {
  test.each([
    ['count: true', '{ count: true }', { L1: 5, L2: 1, L3: 0, L4: 0 }],
    ['count with a condition', '{ count: { column: Activity Type, equals: Meeting } }', { L1: 3, L2: 0, L3: 0, L4: 0 }],
    ['exists', '{ exists: { column: Activity Type, equals: Call } }', { L1: true, L2: false, L3: false, L4: false }],
    ['distinct_days', '{ distinct_days: true }', { L1: 4, L2: 1, L3: 0, L4: 0 }],
    ['sum (an empty amount adds nothing)', '{ sum: Amount }', { L1: 42.5, L2: 1, L3: 0, L4: 0 }],
    ['min', '{ min: Amount }', { L1: 5, L2: 1, L3: null, L4: null }],
    ['max', '{ max: Amount }', { L1: 20, L2: 1, L3: null, L4: null }],
    ['first: true (the at column)', '{ first: true }', { L1: '2026-08-02', L2: '2026-10-29', L3: null, L4: null }],
    ['last: the at column by name', '{ last: Activity Date }', { L1: '2026-11-01', L2: '2026-10-29', L3: null, L4: null }],
  ])('%s', async (_name, column, expected) => {
    const { values } = await derive({ leads: LEADS, related: log(ROWS), entry: entry(`      x: ${column}\n`), asOf: AS_OF });
    expect(Object.fromEntries([...values].map(([id, v]) => [id, v.x]))).toEqual(expected);
  });
});

describe('options', () => {
  const day = (d: number, n = 1) => Array.from({ length: n }, (): [string, number, string] => ['Form', d, 'ana@acme.example']);
  test.each([
    ['within: 90d counts a row exactly 90 days old, not one 91 days old', '{ count: true, within: 90d }', [...day(90), ...day(91)], 1],
    ['within: 0d counts the as-of day only', '{ count: true, within: 0d }', [...day(0), ...day(1)], 1],
    ['within applies to sum too', '{ sum: Amount, within: 30d }', [['Form', 30, 'ana@acme.example', '4'], ['Form', 31, 'ana@acme.example', '8']] as [string, number, string, string][], 4],
    ['per_day_max: 2 caps three rows of one day at two', '{ count: true, per_day_max: 2 }', [...day(5, 3), ...day(6)], 3],
    ['per_day_max: 1 is one per day', '{ count: true, per_day_max: 1 }', [...day(5, 4), ...day(6, 2), ...day(9)], 3],
    ['once_every: 7d greedily from the earliest: days 14, 8, 7, 3, 0 before → 14, 7, 0', '{ count: true, once_every: 7d }', [...day(0), ...day(3), ...day(7), ...day(8), ...day(14)], 3],
    ['once_every counts one row of a day', '{ count: true, once_every: 1d }', [...day(2, 3), ...day(1)], 2],
    ['decay half_life 30d: ages 0 and 30 weigh 1 and 0.5', '{ count: true, decay: { half_life: 30d } }', [...day(0), ...day(30)], 1.5],
    ['decay step 30d factor 0.5: ages 29 and 30 weigh 1 and 0.5', '{ count: true, decay: { step: 30d, factor: 0.5 } }', [...day(29), ...day(30)], 1.5],
    ['decay is kept to two decimals', '{ count: true, decay: { half_life: 30d } }', [...day(10)], 0.79],
    ['a sum on a half cent rounds up whatever the rows\' order (0.335 + 0.1 + 0.6 = 1.035; added as doubles 0.6 + 0.1 + 0.335 gives 1.03)', '{ sum: Amount }',
      [['Form', 1, 'ana@acme.example', '0.6'], ['Form', 1, 'ana@acme.example', '0.1'], ['Form', 1, 'ana@acme.example', '0.335']] as [string, number, string, string][], 1.04],
    ['the same rows in another order', '{ sum: Amount }',
      [['Form', 1, 'ana@acme.example', '0.335'], ['Form', 1, 'ana@acme.example', '0.1'], ['Form', 1, 'ana@acme.example', '0.6']] as [string, number, string, string][], 1.04],
    ['a sum past 90 trillion keeps its value: 1e21, not 1.0000000000000001e21', '{ sum: Amount }', [['Form', 1, 'ana@acme.example', '1e21']] as [string, number, string, string][], 1e21],
    ['… to 15 significant digits, a double\'s: 5.5e20 (5.5e26 millionths / 1e6 is 549999999999999930000) stays itself', '{ sum: Amount }',
      [['Form', 1, 'ana@acme.example', '5.5e20']] as [string, number, string, string][], 5.5e20],
    ['decayed sum: each value times its weight', '{ sum: Amount, decay: { half_life: 10d } }', [['Form', 10, 'ana@acme.example', '8'], ['Form', 0, 'ana@acme.example', '1']] as [string, number, string, string][], 5],
    ['all of them on one column: cap, spacing, window, decay', '{ count: true, within: 20d, per_day_max: 1, once_every: 5d, decay: { half_life: 10d } }',
      [...day(25), ...day(20, 3), ...day(18), ...day(10), ...day(0)], 1.75],
    ['distinct_days with once_every', '{ distinct_days: true, once_every: 3d }', [...day(0, 2), ...day(1), ...day(3), ...day(6)], 3],
    ['where and the aggregate\'s condition both hold', '{ count: { column: Activity Type, equals: Form }, where: { column: Amount, gte: 5 } }',
      [['Form', 1, 'ana@acme.example', '5'], ['Form', 1, 'ana@acme.example', '4'], ['Call', 1, 'ana@acme.example', '9']] as [string, number, string, string][], 1],
  ])('%s', async (_name, column, rows, expected) => {
    const { values } = await derive({ leads: LEADS, related: log(rows as [string, number, string, string?][]), entry: entry(`      x: ${column}\n`), asOf: AS_OF });
    expect(values.get('L1')!.x).toBe(expected);
  });

  test('rows dated after the as-of date never count, for any aggregate', async () => {
    const rows: [string, number, string, string][] = [['Form', -1, 'ana@acme.example', '9'], ['Form', -300, 'ana@acme.example', '1']];
    const columns = ['count: true', 'exists: true', 'distinct_days: true', 'sum: Amount', 'min: Amount', 'max: Amount', 'first: true', 'last: true']
      .map((c, i) => `      c${i}: { ${c} }\n`).join('');
    const { values, summary } = await derive({ leads: LEADS, related: log(rows), entry: entry(columns), asOf: AS_OF });
    expect(values.get('L1')).toEqual({ c0: 0, c1: false, c2: 0, c3: 0, c4: null, c5: null, c6: null, c7: null });
    expect(summary).toMatchObject({ rows: 2, matched: 2, after_as_of: 2 });
  });

  test('time travel: the same files scored as of an earlier day count what had happened by then', async () => {
    const rows: [string, number, string][] = [['Form', 0, 'ana@acme.example'], ['Form', 40, 'ana@acme.example'], ['Form', 50, 'ana@acme.example'], ['Form', 100, 'ana@acme.example']];
    const column = entry('      n: { count: true, within: 30d }\n      last: { last: true }\n');
    const now = await derive({ leads: LEADS, related: log(rows), entry: column, asOf: AS_OF });
    const then = await derive({ leads: LEADS, related: log(rows), entry: column, asOf: '2026-09-22' }); // 40 days before
    expect(now.values.get('L1')).toEqual({ n: 1, last: '2026-11-01' });
    expect(then.values.get('L1')).toEqual({ n: 2, last: '2026-09-22' });
  });
});

describe('keys', () => {
  test('emails match ignoring case and surrounding spaces (also quoted, and non-ASCII)', async () => {
    const leads = 'id,email\nL1,Ana@Acme.example\nL2,  zoë@café.example \n';
    const related = `Activity Date,Contact Email\n${daysBefore(1)},ana@acme.EXAMPLE\n${daysBefore(1)}," ANA@ACME.EXAMPLE "\n${daysBefore(1)},ZOË@CAFÉ.example\n`;
    const { values, summary } = await derive({ leads, related, entry: entry('      n: { count: true }\n'), asOf: AS_OF });
    expect([values.get('L1')!.n, values.get('L2')!.n]).toEqual([2, 1]);
    expect(summary).toMatchObject({ rows: 3, matched: 3, unmatched: 0 });
  });

  test('ids match exactly (case counts), ignoring surrounding spaces', async () => {
    const leads = 'id,Lead Id\nL1,00Q5g00000AbCdE\nL2,00q5g00000abcde\n';
    const related = `Activity Date,WhoId\n${daysBefore(1)},00Q5g00000AbCdE\n${daysBefore(1)}, 00Q5g00000AbCdE\n${daysBefore(1)},00Q5G00000ABCDE\n`;
    const { values, summary } = await derive({ leads, related, entry: '    key: WhoId\n    matches: Lead Id\n    at: Activity Date\n    columns:\n      n: { count: true }\n', asOf: AS_OF });
    expect([values.get('L1')!.n, values.get('L2')!.n]).toEqual([2, 0]);
    expect(summary).toMatchObject({ matched: 2, unmatched: 1, unmatched_first_lines: [4] });
  });

  test('key_type: salesforce_id matches a 15-character id and its 18-character form, case counting, either side', async () => {
    // 00Q5g00000AbCdE is 00Q5g00000AbCdEEAV in 18 characters; 00Q5g00000abcde is another record
    const leads = 'id,Lead Id\nL1,00Q5g00000AbCdE\nL2,00Q5g00000abcdeAAA\nL3,00Q5g00000XyZaBAAA\n';
    const related = [
      'Activity Date,WhoId',
      `${daysBefore(1)},00Q5g00000AbCdEEAV`, // L1 in 18
      `${daysBefore(1)},00Q5g00000AbCdE`, // L1 in 15
      `${daysBefore(1)}, 00Q5g00000AbCdEzzz `, // L1: the suffix is not checked, only cut
      `${daysBefore(1)},00Q5g00000abcde`, // L2 (its 18 in the export)
      `${daysBefore(1)},00Q5G00000ABCDEEAV`, // another case: another record
      `${daysBefore(1)},00Q5g00000AbCdEEAVX`, // 19 characters: not an 18-character id
      `${daysBefore(1)},00Q5g00000AbCdE-AB`, // 18, not letters and digits: kept whole
    ].join('\n') + '\n';
    const spec = '    key: WhoId\n    matches: Lead Id\n    at: Activity Date\n    key_type: salesforce_id\n    columns:\n      n: { count: true }\n';
    const { values, summary } = await derive({ leads, related, entry: spec, asOf: AS_OF });
    expect([values.get('L1')!.n, values.get('L2')!.n, values.get('L3')!.n]).toEqual([3, 1, 0]);
    expect(summary).toMatchObject({ matched: 4, unmatched: 3, unmatched_first_lines: [6, 7, 8] });
  });

  test('key_type: id forces exact matching even for an email column', async () => {
    const leads = 'id,email\nL1,Ana@Acme.example\n';
    const related = `Activity Date,Contact Email\n${daysBefore(1)},ana@acme.example\n${daysBefore(1)},Ana@Acme.example\n`;
    const { values } = await derive({ leads, related, entry: entry('      n: { count: true }\n', '    key_type: id\n'), asOf: AS_OF });
    expect(values.get('L1')!.n).toBe(1);
  });

  test('leads sharing a key share its rows; a lead without a key gets the empty values', async () => {
    const leads = 'id,email\nL1,ana@acme.example\nL2,ANA@acme.example\nL3,\nL4,N/A\n';
    const related = `Activity Date,Contact Email\n${daysBefore(1)},ana@acme.example\n${daysBefore(2)},n/a\n`;
    const { values, summary } = await derive({ leads, related, entry: entry('      n: { count: true }\n      last: { last: true }\n'), asOf: AS_OF });
    expect([...values.values()]).toEqual([{ n: 1, last: '2026-10-31' }, { n: 1, last: '2026-10-31' }, { n: 0, last: null }, { n: 0, last: null }]);
    // a placeholder is no key: the row is a warning, not a lead "n/a"
    expect(summary.warnings).toEqual([{ column: 'Contact Email', kind: 'key', count: 1, first_lines: [3], first_value: 'n/a' }]);
  });
});

describe('key cells that are not one key (HubSpot multi-associations, Name <address>)', () => {
  test('match no lead and are reported for what they are, not as unmatched keys', async () => {
    const related = [
      'Activity Date,Contact Email',
      `${daysBefore(1)},ana@acme.example`, // 2 matched
      `${daysBefore(1)},ana@acme.example;bo@beta.example`, // 3 several keys
      `${daysBefore(1)},"ana@acme.example, bo@beta.example"`, // 4 several keys (quoted, comma)
      `${daysBefore(1)},Ana Lima <ana@acme.example>`, // 5 a name with the address
      `${daysBefore(1)},nobody@else.example`, // 6 unmatched
      `${daysBefore(1)},Ana Lima (ana@acme.example)`, // 7 a name with the address
    ].join('\n') + '\n';
    const { summary, values } = await derive({ leads: LEADS, related, entry: entry('      n: { count: true }\n'), asOf: AS_OF });
    expect(values.get('L1')!.n).toBe(1);
    expect(summary).toMatchObject({ rows: 6, matched: 1, unmatched: 1, unmatched_first_lines: [6] });
    expect(summary.warnings).toEqual([
      { column: 'Contact Email', kind: 'key_list', count: 2, first_lines: [3, 4], first_value: 'ana@acme.example;bo@beta.example' },
      { column: 'Contact Email', kind: 'key_name', count: 2, first_lines: [5, 7], first_value: 'ana lima <ana@acme.example>' },
    ]);
    expect(relatedWarningLines(summary)).toContainEqual(expect.stringMatching(/^2 rows of ".*" hold several keys in column "Contact Email" and match no lead: leadq matches one key per cell \(first at lines 3, 4: /));
  });
});

describe('key cells in a form no one meant as part of the key (zero-width characters, Excel\'s ="…", mailto:, decomposed accents)', () => {
  test('match their lead, whichever side writes them so: the export\'s cell and the related file\'s are read alike', async () => {
    // the export writes some keys in these forms too: the lead-keys pass and the lookup read them as the related rows are read
    const leads = 'id,email\nL1,ann@acme.example\nL2,José@acme.example\nL3,"=""bo@beta.example"""\nL4,\u200bcy@gamma.example\nL5,mailto:di@delta.example\n';
    const related = [
      'Activity Date,Contact Email',
      `${daysBefore(1)},mailto:ann@acme.example`, // 2
      `${daysBefore(1)},MAILTO:Ann@Acme.example`, // 3
      `${daysBefore(1)},"=""ann@acme.example"""`, // 4 (quoted: the text path)
      `${daysBefore(1)},="ann@acme.example"`, // 5 (unquoted: the byte path)
      `${daysBefore(1)},\u200bann@acme.example`, // 6
      `${daysBefore(1)},ann@acme.example\u2060`, // 7
      `${daysBefore(1)},Jose\u0301@acme.example`, // 8 NFD, as a Mac writes it
      `${daysBefore(1)},bo@beta.example`, // 9
      `${daysBefore(1)},cy@gamma.example`, // 10
      `${daysBefore(1)},di@delta.example`, // 11
      `${daysBefore(1)},=ann@acme.example`, // 12 a formula of another form: no key of anyone's
    ].join('\n') + '\n';
    const { values, summary } = await derive({ leads, related, entry: entry('      n: { count: true }\n'), asOf: AS_OF });
    expect(Object.fromEntries([...values].map(([id, v]) => [id, v.n]))).toEqual({ L1: 6, L2: 1, L3: 1, L4: 1, L5: 1 });
    expect(summary).toMatchObject({ rows: 11, matched: 10, unmatched: 1, unmatched_first_lines: [12] });
  });

  test('ids: ="01003" is 01003 on either side; an id keeps a mailto: as it is', async () => {
    const leads = 'id,email\n01003,a@x.example\n"=""01004""",b@x.example\nmailto:7,c@x.example\n';
    const related = `Activity Date,Lead ID\n${daysBefore(1)},="01003"\n${daysBefore(1)},01004\n${daysBefore(1)},MAILTO:7\n${daysBefore(1)},mailto:7\n`;
    const { values, summary } = await derive({ leads, related, entry: '    key: Lead ID\n    matches: id\n    at: Activity Date\n    columns:\n      n: { count: true }\n', asOf: AS_OF });
    expect([...values.values()].map((v) => v.n)).toEqual([1, 1, 1]);
    expect(summary).toMatchObject({ matched: 3, unmatched: 1, unmatched_first_lines: [4] });
  });
});

describe('ids a spreadsheet or script rewrote as numbers', () => {
  test('are reported as such (kind key_number) with how to export them as text; ids that only look numeric are keys', async () => {
    const leads = 'id,email\n1002,ana@acme.example\n4150868000000225013,bo@beta.example\n7,cy@gamma.example\n';
    const related = [
      'Activity Date,Lead ID',
      `${daysBefore(1)},1002`, // 2 matched
      `${daysBefore(1)},1002.0`, // 3 pandas
      `${daysBefore(1)},4.15087E+18`, // 4 Excel
      `${daysBefore(1)},4.15087e18`, // 5
      `${daysBefore(1)},1002.5`, // 6 not an id a tool rewrote: no lead has it
      `${daysBefore(1)},7.`, // 7 unmatched
      `${daysBefore(1)},E+18`, // 8 unmatched
      `${daysBefore(1)},7`, // 9 matched
    ].join('\n') + '\n';
    const { summary, values } = await derive({ leads, related, entry: '    key: Lead ID\n    matches: id\n    at: Activity Date\n    columns:\n      n: { count: true }\n', asOf: AS_OF });
    expect([values.get('1002')!.n, values.get('7')!.n]).toEqual([1, 1]);
    expect(summary).toMatchObject({ rows: 8, matched: 2, unmatched: 3, unmatched_first_lines: [6, 7, 8] });
    expect(summary.warnings).toEqual([{ column: 'Lead ID', kind: 'key_number', count: 3, first_lines: [3, 4, 5], first_value: '1002.0' }]);
    expect(relatedWarningLines(summary)).toContainEqual(expect.stringMatching(/^3 rows of ".*" hold an id a spreadsheet or script rewrote as a number in column "Lead ID" and match no lead \(first at lines 3, 4, 5: "1002.0"\)\n {2}hint: export the file again with the ids as text/));
  });

  test('an email key is never judged a rewritten number', async () => {
    const related = `Activity Date,Contact Email\n${daysBefore(1)},1002.0\n`;
    const { summary } = await derive({ leads: LEADS, related, entry: entry('      n: { count: true }\n'), asOf: AS_OF });
    expect(summary).toMatchObject({ unmatched: 1, warnings: [] });
  });
});

describe('a Salesforce report export\'s footer', () => {
  const body = [
    'Activity Date,Contact Email',
    `${daysBefore(1)},ana@acme.example`, // 2
    ',', // 3 a row of empty cells (a spreadsheet's padding): no row, as a blank line is none
    '', // 4 an empty line: skipped as CSV readers do
    '""', // 5 a blank line followed by data: rejected
    `${daysBefore(2)},ana@acme.example`, // 6
    'Grand Totals,x', // 7 the header's width: a row like any other (no timestamp)
    '""', // 8 blank lines just before the footer: the footer's
    '""', // 9
    '"Grand Totals (4 records)"', // 10 the footer: reading stops
    '""',
    '"Confidential Information - Do Not Distribute"',
    `${daysBefore(3)},bo@beta.example`, // after the footer: not read
    '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."',
  ].join('\n') + '\n';

  test.each([undefined, 64])('reading stops at it; rows before it count, blank lines just before it are not rejected (block size %p)', async (blockSize) => {
    const { values, summary, rejects } = await derive({ leads: LEADS, related: body, entry: entry('      n: { count: true }\n'), asOf: AS_OF, blockSize });
    expect([values.get('L1')!.n, values.get('L2')!.n]).toEqual([2, 0]);
    // rows 2, 5, 6 and 7 (3 is empty cells, 4 an empty line, 8 and 9 the footer's blank lines)
    expect(summary).toMatchObject({ rows: blockSize ? expect.any(Number) : 4, matched: 2, unmatched: 0, footer_line: 10 });
    if (!blockSize) expect(rejects).toEqual(['5: expected 2 fields, got 1']);
  });

  test('a line shorter than the header that is not a footer is still rejected, and the file read on', async () => {
    const { values, summary, rejects } = await derive({ leads: LEADS, related: `Activity Date,Contact Email\nTotal\n${daysBefore(1)},bo@beta.example\n`, entry: entry('      n: { count: true }\n'), asOf: AS_OF });
    expect(values.get('L2')!.n).toBe(1);
    expect(rejects).toEqual(['2: expected 2 fields, got 1']);
    expect(summary.footer_line).toBeUndefined();
  });
});

describe('rows that cannot count, counted with their lines', () => {
  const related = [
    'Activity Date,Contact Email,Amount',
    `${daysBefore(1)},ana@acme.example,1`, // 2 matched
    `${daysBefore(1)},nobody@else.example,1`, // 3 unmatched
    'not a date,ana@acme.example,1', // 4 timestamp
    ',bo@beta.example,1', // 5 timestamp (empty)
    `${daysBefore(1)},,1`, // 6 no key
    `${daysBefore(1)},bo@beta.example,1,extra`, // 7 rejected: a field too many
    `${daysBefore(1)},bo@beta.example,abc`, // 8 matched, amount not a number
    `"${daysBefore(1)}",cy@gamma.example,"2"`, // 9 matched (quoted)
    `${daysBefore(1)},ghost@else.example,1`, // 10 unmatched
  ].join('\n') + '\n';

  test('the summary entry: rows, matched, unmatched, rejected and the warnings by column', async () => {
    const { summary, values, rejects } = await derive({ leads: LEADS, related, entry: entry('      n: { count: true }\n      s: { sum: Amount }\n'), asOf: AS_OF });
    expect(summary).toEqual({
      name: 'activities', file: expect.stringMatching(/activities\.csv$/), rows: 9, matched: 3, unmatched: 2, unmatched_first_lines: [3, 10],
      rejected: 1, rejected_first_lines: [7], after_as_of: 0,
      warnings: [
        { column: 'Activity Date', kind: 'timestamp', count: 2, first_lines: [4, 5], first_value: 'not a date' },
        { column: 'Contact Email', kind: 'key', count: 1, first_lines: [6], first_value: '' },
        { column: 'Amount', kind: 'number', count: 1, first_lines: [8], first_value: 'abc' },
      ],
    });
    expect(rejects).toEqual(['7: expected 3 fields, got 4']);
    expect([values.get('L1'), values.get('L2'), values.get('L3')]).toEqual([{ n: 1, s: 1 }, { n: 1, s: 0 }, { n: 1, s: 2 }]);
  });
});
