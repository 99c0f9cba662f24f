/**
 * Text tests remember their answer per distinct value. Values the byte row path knows by id
 * (CellStrings, shared by every row reader of one compiled ruleset) are answered by id, others
 * by text: whichever reader, whichever order, the answers are the ones the test itself gives.
 */
import { describe, expect, test } from '@jest/globals';
import { evaluateLead } from '../../src/engine/evaluate.js';
import { RowCoercer } from '../../src/input/typed-row.js';
import { mulberry32, scorer } from './helpers.js';

const HEADER = ['industry', 'title'];
const RULES = `
fit:
  - { name: software, when: { column: industry, in: [Software, Healthcare] }, points: 10 }
  - { name: senior, when: { column: title, matches: '/\\b(VP|Head)\\b/i' }, points: 5 }
stages: [{ name: lead }]
`;
const INDUSTRIES = ['Software', 'Healthcare', 'Retail', '', 'software', 'Ärzte', 'N/A', 'Software '];
const TITLES = ['VP Sales', 'Head of IT', 'Engineer', 'vp', 'Headhunter', '', 'Chief VP-ish'];
const expected = (industry: string, title: string) =>
  (['software', 'healthcare'].includes(industry.trim().toLowerCase()) ? 10 : 0) + (/\b(VP|Head)\b/i.test(title) ? 5 : 0);

/** The cells as one CSV-less line of bytes, with each field's bounds. */
function bytesOf(fields: string[]) {
  const starts = new Int32Array(fields.length);
  const ends = new Int32Array(fields.length);
  let at = 0;
  fields.forEach((f, i) => { starts[i] = at; at += Buffer.byteLength(f); ends[i] = at; });
  return { b: Buffer.from(fields.join('')), starts, ends, ascii: !/[^\x00-\x7f]/.test(fields.join('')) };
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
        const { b, starts, ends, ascii } = bytesOf(fields);
        reader.loadBytes(b, starts, ends, ascii, new Uint8Array(2));
      } else {
        reader.load([...fields]);
      }
      const placeholder = fields[0] === 'N/A' ? '' : fields[0]; // N/A reads as empty
      expect([fields, evaluateLead(reader.row, s.compiled).fit]).toEqual([fields, expected(placeholder, fields[1])]);
    }
  });
});
