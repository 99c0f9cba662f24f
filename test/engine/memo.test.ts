/**
 * Text tests remember their answer per distinct value. Values the byte row path knows by id
 * (CellStrings, shared by every row reader of one compiled ruleset) are answered by id, others
 * by text: whichever reader, whichever order, the answers are the ones the test itself gives.
 */
import { describe, expect, test } from '@jest/globals';
import { evaluateLead } from '../../src/engine/evaluate.js';
import { RowCoercer } from '../../src/input/rows/typed-row.js';
import { mulberry32, scorer } from './helpers.js';

const HEADER = ['industry', 'title'];
const RULES = `
fit:
  - { name: software, when: { column: industry, in: [Software, Healthcare] }, points: 10 }
  - { name: senior, when: { column: title, matches: '/\\b(VP|Head)\\b/i' }, points: 5 }
stages: [{ name: lead }]
`;
const INDUSTRIES = ['Software', 'Healthcare', 'Retail', '', 'software', 'Ärzte', 'N/A', 'Software '];
const TITLES = ['VP Sales', 'Head of IT', 'Engineer', 'vp', 'Headhunter', '', 'Chief VP-ish', 'the "VP"', '"Head" of'];
const expected = (industry: string, title: string) =>
  (['software', 'healthcare'].includes(industry.trim().toLowerCase()) ? 10 : 0) + (/\b(VP|Head)\b/i.test(title) ? 5 : 0);

/** The cells as one CSV-less line of bytes, with each field's bounds; a quote is written twice, as inside a quoted CSV field. */
function bytesOf(fields: string[]) {
  const raw = fields.map((f) => f.replace(/"/g, '""'));
  const starts = new Int32Array(fields.length);
  const ends = new Int32Array(fields.length);
  const doubled = Uint8Array.from(fields, (f) => (f.includes('"') ? 1 : 0));
  let at = 0;
  raw.forEach((f, i) => { starts[i] = at; at += Buffer.byteLength(f); ends[i] = at; });
  return { b: Buffer.from(raw.join('')), starts, ends, doubled, ascii: !/[^\x00-\x7f]/.test(raw.join('')) };
}

describe('memoised text tests', () => {
  test.each([1, 2, 3])('seed %i: two row readers of one ruleset, bytes and text mixed, give the tests\' own answers', (seed) => {
    const s = scorer(RULES, HEADER);
    const readers = [new RowCoercer(s.compiled.plan, 2), new RowCoercer(s.compiled.plan, 2)];
    const rand = mulberry32(seed);
    for (let n = 0; n < 400; n++) {
      const fields = [INDUSTRIES[Math.floor(rand() * INDUSTRIES.length)], TITLES[Math.floor(rand() * TITLES.length)]];
      const reader = readers[Math.floor(rand() * 2)];
      if (rand() < 0.7) {
        const { b, starts, ends, doubled, ascii } = bytesOf(fields);
        reader.loadBytes(b, starts, ends, ascii, doubled);
      } else {
        reader.load([...fields]);
      }
      const placeholder = fields[0] === 'N/A' ? '' : fields[0]; // N/A reads as empty
      expect([fields, evaluateLead(reader.row, s.compiled, 0).fit]).toEqual([fields, expected(placeholder, fields[1])]);
    }
  });

  test('a column with more distinct values than are interned is still answered right, before and after', () => {
    const s = scorer(RULES, HEADER);
    const reader = new RowCoercer(s.compiled.plan, 2);
    // 3000 distinct titles: the first ones get ids, the column then stops interning
    for (let n = 0; n < 3000; n++) {
      const fields = ['Retail', n % 2 === 0 ? `VP ${n}` : `Engineer ${n}`];
      const { b, starts, ends, doubled, ascii } = bytesOf(fields);
      reader.loadBytes(b, starts, ends, ascii, doubled);
      expect([n, evaluateLead(reader.row, s.compiled, 0).fit]).toEqual([n, n % 2 === 0 ? 5 : 0]);
    }
    expect(s.compiled.plan.cellStrings[1].active).toBe(false);
  });
});
