/**
 * The pure parts of `leadq inspect`'s reading, case by case: lead source spellings that are
 * probably one, title lines above a header, footer rows below the leads and the pattern that
 * stops at them, and the single-cell findings (mojibake, Excel's mangling, codes, percentages).
 */
import { describe, expect, test } from '@jest/globals';
import { FirstCells, footerOf, footerRows } from '../../src/input/profile/footer.js';
import { nearDuplicates } from '../../src/input/profile/sources.js';
import { findTitleLines } from '../../src/input/profile/title-lines.js';
import { excelDate, excelScientific, identifierName, isMojibake, leadingZeros, percentage, salesforceId } from '../../src/input/profile/value-flags.js';

describe('near-duplicate lead sources', () => {
  const groups = (values: [string, number][]) => nearDuplicates(values.map(([value, count]) => ({ value, count })))
    .map((g) => [g.canonical.value, ...g.variants.map((v) => (v.sameSource ? `=${v.value}` : v.value))]);

  test.each<[string, [string, number][], string[][]]>([
    ['a letter missing in a long word', [['Advertisement', 9], ['Advertisment', 2]], [['Advertisement', 'Advertisment']]],
    ['a letter too many in one of two words', [['Trade Show', 9], ['Trades Show', 2]], [['Trade Show', 'Trades Show']]],
    ['a plural', [['Eblast', 5], ['Eblasts', 2]], [['Eblast', 'Eblasts']]],
    ['underscores and hyphens for spaces', [['Trade Show', 5], ['trade_show', 3], ['Trade-Show', 1]], [['Trade Show', 'trade_show', 'Trade-Show']]],
    ['case only: already one source, listed apart', [['Google', 5], ['google', 2]], [['Google', '=google']]],
    ['other numbers: other campaigns', [['Webinar 2025', 5], ['Webinar 2026', 4]], []],
    ['short words a letter apart are other words', [['Print', 3], ['Paint', 2], ['Web', 4], ['Wed', 1]], []],
    ['two letters apart in a long word', [['Organic Search', 5], ['Organc Serch', 1]], [['Organic Search', 'Organc Serch']]],
    ['two letters apart in a shorter word: no', [['Referral', 5], ['Referrer', 1]], []],
    ['the spelling most leads have is kept', [['Advertisment', 7], ['Advertisement', 3]], [['Advertisment', 'Advertisement']]],
  ])('%s', (_name, values, expected) => {
    expect(groups(values)).toEqual(expected);
  });
});

describe('title lines', () => {
  const rows = 'id,name,email\n1,Ann,a@x\n2,Bo,b@x\n3,Cy,c@x\n';
  const FOOTER = '"Grand Totals (3 records)"\n"Confidential Information - Do Not Distribute"\n"Copyright (c) 2000-2026 salesforce.com, inc."\n';
  const crlf = (text: string) => text.replace(/\n/g, '\r\n');
  test.each<[string, string, { skip: number; titles: string[] } | null]>([
    ['none', rows, null],
    ['one title', `Leads export\n${rows}`, { skip: 1, titles: ['Leads export'] }],
    ['two titles and a blank line', `"Leads by Source"\n"As of 10/14/2026"\n\n${rows}`, { skip: 3, titles: ['Leads by Source', 'As of 10/14/2026'] }],
    ['a title padded with empty cells (Excel)', `Leads,,\n${rows}`, { skip: 1, titles: ['Leads'] }],
    ['a title with a comma in it', 'Report: leads, Q3\nid,name,email,city,source,status\n1,Ann,a@x,Bern,Web,New\n2,Bo,b@x,Genf,Web,New\n', { skip: 1, titles: ['Report: leads Q3'] }],
    ['a header one field short of the rows (trailing delimiters): no title', 'id,name\n1,Ann,\n2,Bo,\n3,Cy,\n', null],
    ['a single-column export', 'email\na@x\nb@x\nc@x\n', null],
    // the footer's lines outnumber the leads: they must not outvote the header's width
    ['a small report with its footer', `"Leads Report"\r\n"As of 10/14/2026"\r\n\r\n${crlf(rows)}\r\n${crlf(FOOTER)}`, { skip: 3, titles: ['Leads Report', 'As of 10/14/2026'] }],
    ['a report of one lead with its footer', `"Leads Report"\n"As of 10/14/2026"\n\nid,name,email\n1,Ann,a@x\n\n${FOOTER}`, { skip: 3, titles: ['Leads Report', 'As of 10/14/2026'] }],
    ['key and value lines above the header', `Report:,Leads\nOwner:,Ann\nid,name,email,city,source,status\n1,Ann,a@x,Bern,Web,New\n2,Bo,b@x,Genf,Web,New\n`, { skip: 2, titles: ['Report: Leads', 'Owner: Ann'] }],
    ['a footer and no title: none', `${rows}\n${FOOTER}`, null],
    ['ragged rows after the header: no title', 'Leads\nid,name,email\n1,Ann\n2,Bo\n3,Cy,c@x\n4,Di\n', null],
  ])('%s', (_name, head, expected) => {
    expect(findTitleLines(head, undefined, 1 << 20)).toEqual(expected);
  });

  test('semicolon exports: the delimiter most lines agree on', () => {
    expect(findTitleLines('Leads, all of them\nid;name;email\n1;Ann;a@x\n2;Bo;b@x\n', undefined, 1 << 20)).toEqual({ skip: 1, titles: ['Leads, all of them'] });
  });
});

describe('footer rows', () => {
  const at = (lines: string[][]) => lines.map((fields, i) => ({ fields, line: i + 2 }));
  const wordy = [false, true, false];
  const leads = (cells: string[]) => { const f = new FirstCells(); cells.forEach((c) => f.add(c)); return f; };
  const LEADS = [['1', 'Ann', '5'], ['2', 'Bo', '7']];

  test.each<[string, string[][], string[], string | null]>([
    ['a totals row', [['Total', '', '12']], ['totals'], '^(Totals?)\\b'],
    ['Grand Totals on a line of its own', [['Grand Totals (2 records)']], ['totals'], '^(Grand Totals?)\\b'],
    ['an empty row, then totals: the pattern names both', [['', '', ''], ['Total', '', '12']], ['empty', 'totals'], '^($|(Totals?)\\b)'],
    ['a row of fractions where leads have names', [['', '0.0016', '0.5']], ['numbers'], '^$'],
    ['the fine print', [['Confidential Information - Do Not Distribute'], ['Copyright (c) 2000-2026 salesforce.com']], ['report text', 'report text'], '^(Copyright|Confidential)\\b'],
    ['a short line of text', [['Exported by Ann']], ['short line'], '^Exported by Ann$'],
  ])('%s', (_name, footer, why, pattern) => {
    const rows = footerRows(at([...LEADS, ...footer]), 3, wordy);
    expect(rows.map((r) => r.why)).toEqual(why);
    expect(footerOf(rows, leads(['1', '2']))?.pattern).toBe(pattern);
  });

  test('a lead is never a footer row: the walk back stops at the first lead', () => {
    expect(footerRows(at([...LEADS, ['3', 'Cy', '0.5']]), 3, wordy)).toEqual([]);
    expect(footerRows(at([['Total', '', '12'], ...LEADS]), 3, wordy)).toEqual([]);
  });

  test('a pattern that would stop at a lead is not offered', () => {
    const rows = footerRows(at([...LEADS, ['', '', ''], ['Total', '', '12']]), 3, wordy);
    // a lead with an empty first cell: `^$` is unsafe; the totals row is named, the empty row before it left
    expect(footerOf(rows, leads(['1', '', '2']))).toMatchObject({ pattern: '^(Totals?)\\b', left: 1 });
    // and a lead whose first cell is a footer word: nothing is safe
    expect(footerOf(rows, leads(['', 'Total']))).toMatchObject({ pattern: null, left: 2 });
  });
});

describe('single cells', () => {
  test.each<[string, (t: string) => boolean, string[], string[]]>([
    ['mojibake', isMojibake, ['CafÃ©', 'Cafí©', 'BÃ¼ro', 'itâ€™s', 'Â\u00a0', 'bad \ufffd byte'], ['Café', 'São Paulo', 'Ação', 'Café\u00a0Bar', '¿Qué?', 'Nº 5']],
    ['an Excel date', excelDate, ['May-20', '10-Jan', 'dec-5'], ['5-20', 'May 20', '2026-05-20', 'Mayo-20']],
    ['Excel\'s scientific notation', excelScientific, ['1.23457E+11', '4E+12'], ['1e3', '12345678901', '1.5']],
    ['leading zeros', leadingZeros, ['00501', '007'], ['0', '501']],
    ['a Salesforce id', salesforceId, ['000000000000000AAA', '00Q5g00000AaA01'], ['123456789012345', 'ABCDEFGHIJKLMNO', '00Q5g00000AaA0', 'USD 1000000000000']],
    ['a percentage', percentage, ['0.00%', '12.5 %', '-3,5%', '100%', '1,234.5%'], ['%', '12.5', 'abc%']],
  ])('%s', (_name, is, yes, no) => {
    expect(yes.filter((t) => !is(t))).toEqual([]);
    expect(no.filter((t) => is(t))).toEqual([]);
  });

  test.each<[string, boolean]>([
    ['Record ID', true], ['lead_id', true], ['LeadId', true], ['Zip', true], ['Zip/Postal Code', true], ['Phone Number', true], ['Mobile', true],
    ['Number of Employees', false], ['Phone Calls', false], ['Idea', false], ['Paid', false],
  ])('a header named like a code: %s → %s', (header, expected) => {
    expect(identifierName(header)).toBe(expected);
  });
});
