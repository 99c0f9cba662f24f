/**
 * Formats, placeholders and multi-value cells through the real pipeline (YAML → compiled ruleset →
 * RowCoercer → operators), and the row path's two ways in agreeing: `load` (strings) and
 * `loadBytes` (UTF-8 bytes) must type every cell alike and warn alike.
 */
import { describe, expect, test } from '@jest/globals';
import { formatDay } from '../../src/model/days.js';
import { RowCoercer } from '../../src/input/rows/typed-row.js';
import { mulberry32, scorer } from '../engine/helpers.js';

const HEADER = ['email', 'title', 'revenue', 'employees', 'created', 'webinar', 'interests', 'source', 'score_in'];

/** A ruleset whose every kind of reader looks at one column, with formats on some. */
const RULES = (extra: string) => `
${extra}
source_column: source
engagement:
  - { name: title given, when: { column: title, present: true }, points: 1 }
  - { name: big, when: { column: revenue, gte: 1000 }, points: 2 }
  - { name: mid size, when: { column: employees, between: [100, 20000] }, points: 4 }
  - { name: recent, when: { column: created, within_days: 30 }, points: 8 }
  - { name: webinar, when: { column: webinar, equals: true }, points: 16 }
  - { name: likes crm, when: { column: interests, in: [CRM] }, points: 32 }
  - { name: counted, per: score_in, points: 1 }
stages:
  - name: lead
`;

const FORMATS = `formats:
  revenue: { number: '1.234,56', currency: true, suffixes: true }
  employees: { number: '1,234.56' }
  created: { date: 'dd.MM.yyyy' }
  interests: { multi: ';' }`;

describe('placeholders read as empty for every reader, without warnings', () => {
  const s = scorer(RULES(FORMATS), HEADER);
  const reasons = (cells: Record<string, string>) => s.score(cells).reasons.map((r) => r.replace(/ (\d|[+-]).*$/, ''));

  test.each<[string, Record<string, string>, string[]]>([
    ['real values', { title: 'VP', revenue: '1.234,56 €', employees: '1,200', created: '20.10.2026', webinar: 'yes', interests: 'Email;CRM', score_in: '3' },
      ['title given', 'big', 'mid size', 'recent', 'webinar', 'likes crm', 'counted']],
    ['N/A everywhere', { title: 'N/A', revenue: 'N/A', employees: 'n/a', created: 'N/A', webinar: 'N/A', interests: 'N/A', score_in: 'N/A' }, []],
    ['- and #VALUE!', { title: ' - ', revenue: '#VALUE!', employees: '-', created: '#N/A', webinar: '-', interests: '--None--', score_in: '#N/A' }, []],
  ])('%s', (_name, cells, expected) => {
    expect(reasons(cells)).toEqual(expected);
  });

  test('a placeholder is no value warning; a bad value is', () => {
    const coercer = new RowCoercer(s.compiled.plan, HEADER.length);
    const row = (cells: Record<string, string>) => HEADER.map((h) => cells[h] ?? '');
    expect(coercer.load(row({ revenue: 'N/A', employees: '-', created: 'Select', webinar: 'null', score_in: '#DIV/0!' }))).toBeNull();
    const warnings = coercer.load(row({ revenue: '1.5', employees: '12,34', created: '2026-10-14', webinar: 'maybe', score_in: 'x' }));
    expect(warnings?.map((w) => HEADER[w.column]).sort()).toEqual(['created', 'employees', 'revenue', 'score_in', 'webinar']);
  });

  test('the lead source N/A is no source; the record itself keeps its text', () => {
    const fields = HEADER.map((h) => (h === 'source' ? 'N/A' : h === 'title' ? '#N/A' : ''));
    const coercer = new RowCoercer(s.compiled.plan, HEADER.length);
    coercer.load(fields);
    const source = HEADER.indexOf('source');
    expect(coercer.row.fields[source]).toBe('');
    expect(fields[source]).toBe('N/A');
  });

  test('placeholders: [] turns them off: N/A is text again, and an unparseable number', () => {
    const off = scorer(RULES('placeholders: []'), HEADER);
    expect(off.score({ title: 'N/A' }).reasons).toEqual(['title given +1']);
    const coercer = new RowCoercer(off.compiled.plan, HEADER.length);
    expect(coercer.load(HEADER.map((h) => (h === 'revenue' ? 'N/A' : '')))).toEqual([{ column: HEADER.indexOf('revenue'), kind: 'number', value: 'N/A' }]);
  });

  test('a list of its own: TBD is empty, N/A is not', () => {
    const mine = scorer(RULES('placeholders: [TBD, unknown]'), HEADER);
    expect([mine.score({ title: 'tbd' }).reasons, mine.score({ title: 'N/A' }).reasons]).toEqual([[], ['title given +1']]);
  });
});

describe('multi-value cells: the operator matches any value', () => {
  const yaml = (op: string) => `formats: { interests: { multi: ';' } }
fit:
  - { name: hit, when: { column: interests, ${op} }, points: 1 }
stages:
  - name: lead
`;
  test.each<[string, string, boolean]>([
    ['in: [CRM]', 'Email;CRM;Ads', true],
    ['in: [CRM]', 'Email; crm ', true],
    ['in: [CRM]', 'Email;CRM Suite', false],
    ['equals: crm', 'Ads;CRM', true],
    ['contains: mail', 'Ads;Email', true],
    ['starts_with: ad', 'Email;Ads', true],
    ['ends_with: ds', 'Ads;Email', true],
    ["matches: '^C.M$'", 'Ads;CRM', true],
    ["matches: '^C.M$'", 'Ads CRM', false],
    ['not_in: [CRM]', 'Email;Ads', true],
    ['not_in: [CRM]', 'Email;CRM', false], // none of them, not "one of them is not"
    ['not_in: [CRM]', ';', false], // no value at all
    ['not_equals: crm', 'Ads;Email', true],
    ['not_equals: crm', 'Ads;CRM', false],
    ['present: true', 'Ads;CRM', true], // the whole cell
    ['in: [CRM]', 'N/A', false],
  ])('%s on %p → %p', (op, cell, expected) => {
    expect(scorer(yaml(op), ['interests']).score({ interests: cell }).fit).toBe(expected ? 1 : 0);
  });

  test('without multi the cell is one value', () => {
    expect(scorer(yaml('in: [CRM]').replace(/formats:.*\n/, ''), ['interests']).score({ interests: 'Email;CRM' }).fit).toBe(0);
  });
});

describe('load (text) and loadBytes (UTF-8 bytes) type every cell alike', () => {
  const CELLS: Record<string, string[]> = {
    email: ['ana@acme.example', 'N/A', '', ' - '],
    title: ['VP Sales', 'N/A', '', 'Select', 'Ärztin', '—', '#VALUE!'],
    revenue: ['1234', '1.234,56', '€ 1,5 Mn', '10.000', '1.5', 'N/A', '', '  42 ', '-', '0', '$342,09K', '1.234.567'],
    employees: ['1200', '1,200', '10.000', '12,34', '', '#N/A', '007', '99999999999999999'],
    created: ['14.10.2026', '2026-10-14', '30.02.2026', '', 'N/A', '1.1.2026', ' 01.10.2026 '],
    webinar: ['yes', 'No', 'x', 'maybe', '', '-', 'null', ' TRUE '],
    interests: ['CRM;Ads', 'N/A', ''],
    source: ['Paid Search', 'N/A', '', 'Événements'],
    score_in: ['3', '2.5', 'N/A', '', 'x', '-1'],
  };
  const placeholderSets = ['', 'placeholders: []', 'placeholders: [N/A, "0", n, 30.02.2026]'];

  test.each(placeholderSets.flatMap((p, k) => Array.from({ length: 4 }, (_, i) => [k * 10 + i + 1, p])))('seed %i (%s)', (seed, placeholders) => {
    const s = scorer(RULES(`${FORMATS}\n${placeholders}`), HEADER);
    const text = new RowCoercer(s.compiled.plan, HEADER.length);
    const bytes = new RowCoercer(s.compiled.plan, HEADER.length);
    const rand = mulberry32(seed as number);
    for (let n = 0; n < 200; n++) {
      const fields = HEADER.map((h) => CELLS[h][Math.floor(rand() * CELLS[h].length)]);
      const buf = Buffer.from(fields.join(''), 'utf8');
      const starts = new Int32Array(HEADER.length);
      const ends = new Int32Array(HEADER.length);
      let at = 0;
      fields.forEach((f, i) => { starts[i] = at; at += Buffer.byteLength(f); ends[i] = at; });
      const ascii = !/[^\x00-\x7f]/.test(fields.join(''));
      const wText = text.load([...fields]);
      const wBytes = bytes.loadBytes(buf, starts, ends, ascii, new Uint8Array(HEADER.length));
      const typed = (c: RowCoercer) => ({
        num: [...c.row.num], day: [...c.row.day].map((d) => (Number.isNaN(d) ? 'NaN' : formatDay(d))), bool: [...c.row.bool],
        text: s.compiled.plan.textColumns.map((i) => c.row.fields[i]),
      });
      expect({ cells: fields, ...typed(bytes), warnings: wBytes }).toEqual({ cells: fields, ...typed(text), warnings: wText });
    }
  });
});
