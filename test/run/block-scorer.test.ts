/**
 * The two ways into a block must agree byte for byte: the fast path over UTF-8 bytes and the
 * reference text parser. Random rows exercise quotes, escaped quotes, formula triggers,
 * non-ASCII text, blank lines and rows of the wrong width.
 */
import { describe, expect, test } from '@jest/globals';
import { compileRuleset } from '../../src/engine/compile.js';
import { parseRules } from '../../src/ruleset/load.js';
import { validateRuleset } from '../../src/ruleset/validate.js';
import { BlockScorer, type BlockOptions } from '../../src/run/jobs/score-block.js';
import { mulberry32 } from '../support/random.js';
import { parseDay } from '../../src/model/days.js';

const RULES = `
source_column: source
engagement:
  - { name: visits, per: visits, points: 2, max: 10 }
  - { name: webinar, when: { column: webinar, equals: true }, points: 20 }
  - { name: stale, when: { column: last, older_than_days: 90 }, points: -5 }
fit:
  - { name: title, when: { column: title, matches: '/\\b(VP|Head)\\b/i' }, points: 15 }
  - { name: big, when: { column: employees, gte: 100 }, points: 10 }
bant:
  need: { column: note, present: true }
stages:
  - name: lead
  - name: mql
    when: { score: total, gte: 20 }
`;
const HEADER = ['id', 'title', 'employees', 'visits', 'webinar', 'last', 'note', 'source'];

function scorer(options: Partial<BlockOptions> = {}): BlockScorer {
  const { ruleset, issues } = validateRuleset(parseRules(RULES, 'rules.yaml'), 'rules.yaml');
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  const { compiled, issues: columnIssues } = compileRuleset(ruleset, HEADER, 'leads.csv', '2026-11-01');
  expect(columnIssues).toEqual([]);
  return new BlockScorer(compiled, { asOfDay: parseDay('2026-11-01'), delimiter: ',', header: HEADER, escapeFormulas: true, byStage: true, maxRecordSize: 1 << 20, file: 'leads.csv', ...options });
}

const PIECES = ['VP Sales', 'Head of IT', 'Engineer', 'Zoë', 'Łukasz', '東京', '😀', '=SUM(A1)', '+49 30', '-5', '@x', ' =x', '120', '7',
  '2026-10-01', '2025-01-02', 'yes', 'No', 'TRUE', 'x', '', ' ', 'a,b', 'a;b', 'a\tb', 'say "hi"', 'two\nlines', 'cr\rline', '12.5', '1,234', 'n/a',
  // non-ASCII first characters: letters (copied as they are) and the triggers and spaces Excel reads as ASCII ones
  'Élodie', 'Øster', '\u00a0=x', '\uff1d1+1', '\u2212' + '5', '\u3000@x', '\ufe62x', '\u00e9t\u00e9'];

/**
 * A random field: quoted when it has to be, sometimes when it need not; sometimes a stray quote
 * left bare, as text inside the field or opening a quote that does not close.
 */
function field(rand: () => number, delimiter: string): string {
  const text = PIECES[Math.floor(rand() * PIECES.length)];
  const odd = rand();
  if (odd < 0.04) return `24" ${text.replace(/["\r\n,;\t]/g, '')}`; // a quote inside an unquoted field is text
  if (odd < 0.05) return `"${text.replace(/["\r\n]/g, '')}`; // a stray quote: it runs on to the next quote
  const needs = text.includes(delimiter) || /["\r\n]/.test(text);
  return needs || rand() < 0.1 ? `"${text.replace(/"/g, '""')}"` : text;
}

function randomBlock(rand: () => number, rows: number, delimiter: string): string {
  const eol = ['\n', '\r\n', '\r'][Math.floor(rand() * 3)];
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const pick = rand();
    if (pick < 0.03) { lines.push(''); continue; }
    // the header again, as joined exports repeat it, plain or quoted
    if (pick < 0.05) { lines.push(HEADER.map((h) => (rand() < 0.5 ? `"${h}"` : h)).join(delimiter)); continue; }
    const width = rand() < 0.05 ? HEADER.length + (rand() < 0.5 ? 1 : -1) : HEADER.length;
    lines.push(Array.from({ length: width }, () => field(rand, delimiter)).join(delimiter));
  }
  return lines.join(eol) + eol;
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('scoreBytes and scoreText agree', () => {
  test.each(Array.from({ length: 48 }, (_, i) => [i + 1, [',', ';', '\t'][i % 3]]))('random block, seed %i, delimiter %j', (seed, delimiter) => {
    const rand = mulberry32(seed as number);
    const block = randomBlock(rand, 60, delimiter as string);
    // a whole input, and a block cut somewhere inside (more input to come); not just after a \r
    // (read-blocks never ends a block there when a \n may follow: the text path would hold the
    // \r back as maybe half of \r\n, the byte path reads it as the line's end)
    let cut = Math.floor(rand() * block.length);
    if (block[cut - 1] === '\r') cut--;
    for (const [part, final] of [[block, true], [block.slice(0, cut), false]] as const) {
      const options = { delimiter: delimiter as string };
      const fast = scorer(options).scoreBytes(Buffer.from(part, 'utf8'), final);
      const reference = scorer(options).scoreText(part, final);
      expect(text(fast.scored)).toBe(text(reference.scored));
      expect(fast.stages.map(text)).toEqual(reference.stages.map(text));
      expect(fast.rejects).toEqual(reference.rejects);
      expect(fast.counts).toEqual(reference.counts);
      expect(fast.error).toEqual(reference.error);
      if (!fast.error) {
        expect(fast.lines).toBe(reference.lines);
        expect(fast.leftover).toBe(reference.leftover);
      }
    }
  });

  test.each([[true], [false]])('with formula escaping %p, a trigger cell is written the same way on both paths', (escapeFormulas) => {
    const line = '1,=cmd,120,1,yes,2026-10-01,"x, y",web\n';
    const fast = text(scorer({ escapeFormulas }).scoreBytes(Buffer.from(line), true).scored);
    expect(fast).toBe(text(scorer({ escapeFormulas }).scoreText(line, true).scored));
    expect(fast.startsWith(escapeFormulas ? "1,'=cmd,120," : '1,=cmd,120,')).toBe(true);
  });

  test('a stray quote in an unquoted field does not swallow the records after it', () => {
    const block = '1,24" screen,3,2,no,,ok,web\n2,VP,4,1,yes,,"multi\nline",web\n3,VP,5,0,no,,x,web\n';
    const result = scorer().scoreBytes(Buffer.from(block), true);
    expect(result.error).toBeUndefined();
    expect(result.counts.read).toBe(3);
    expect(result.rejects).toEqual([]);
    expect(text(result.scored).split('\n')[0].startsWith('1,"24"" screen",3,2,')).toBe(true);
  });

  test('a quoted repeat of the header is rejected like a plain one', () => {
    const block = `${HEADER.map((h) => `"${h}"`).join(',')}\n1,VP,120,1,yes,2026-10-01,ok,web\n`;
    const result = scorer().scoreBytes(Buffer.from(block), true);
    expect(result.rejects.map((r) => r.line)).toEqual([1]);
    expect(result.counts.read).toBe(2);
  });
});

const row = (id: number | string, note = 'ok') => `${id},VP,120,1,yes,2026-10-01,${note},web`;

/** Each case: a block, the rejected lines with their text, the ids scored in order. */
const STRAY: [string, string, [number, string][], string[]][] = [
  ['a stray quote whose run ends at a later quoted field', [row(1), '2,"VP stray,120', row(3), row(4), row(5, '"a, b"'), row(6)].join('\n') + '\n', [[2, '2,"VP stray,120']], ['1', '3', '4', '5', '6']],
  ['a stray quote whose run ends at a quoted line break', [row(1), row(2, '"stray'), row(3), row(4, '"two\nlines"'), row(5)].join('\n') + '\n', [[2, row(2, '"stray')]], ['1', '3', '4', '5']],
  ['a stray quote whose run closes in an unquoted field', [row(1, '"stray'), row(2), '3,24" screen,120,1,yes,2026-10-01,ok,web', row(4)].join('\n') + '\n', [[1, row(1, '"stray')]], ['2', '3', '4']],
  ['the input ends inside a stray quote', [row(1), row(2, '"stray'), row(3), row(4)].join('\r\n') + '\r\n', [[2, row(2, '"stray')]], ['1', '3', '4']],
  ['a stray quote on the last line, no line break', [row(1), row(2, '"stray')].join('\n'), [[2, row(2, '"stray')]], ['1']],
  ['text after a closing quote', [row(1, '"Acme"GmbH'), row(2)].join('\n') + '\n', [[1, row(1, '"Acme"GmbH')]], ['2']],
  ['a quoted line break in a row of the wrong width', [`${row(1, '"two\nlines"')},extra`, row(2)].join('\n') + '\n', [[1, '1,VP,120,1,yes,2026-10-01,"two'], [2, 'lines",web,extra']], ['2']],
  ['a quoted line break in a row of the right width', [row(1, '"two\nlines"'), row(2, '"say ""hi"""')].join('\n') + '\n', [], ['1', '2']],
];

/**
 * Scores `whole` cut into blocks at the given positions (after line breaks), as the pipeline
 * does: the block after a cut inside a quoted field is rescored with that record in front, on
 * the text path. Rejects get lines in the whole input.
 */
function inBlocks(whole: string, cuts: number[]) {
  const s = scorer();
  const blocks: string[] = [];
  let from = 0;
  for (const c of cuts) { blocks.push(whole.slice(from, c)); from = c; }
  blocks.push(whole.slice(from));
  let carry = '';
  let line = 1;
  let scored = '';
  const rejects: { line: number; reason: string; text: string }[] = [];
  blocks.forEach((block, i) => {
    const final = i === blocks.length - 1;
    const r = carry !== '' ? s.scoreText(carry + block, final) : s.scoreBytes(Buffer.from(block), final);
    expect(r.error).toBeUndefined();
    scored += text(r.scored);
    rejects.push(...r.rejects.map((x) => ({ line: x.line + line - 1, reason: x.reason, text: x.text })));
    line += r.lines;
    carry = r.leftover;
  });
  return { scored, rejects };
}

describe('a stray quote: its first line rejected alone, the lines after it read again', () => {
  test.each(STRAY)('%s: scoreBytes, scoreText and every cut into blocks agree', (_name, block, rejected, ids) => {
    const fast = scorer().scoreBytes(Buffer.from(block), true);
    const reference = scorer().scoreText(block, true);
    expect(fast.error).toBeUndefined();
    expect(fast.rejects.map((r) => [r.line, r.text])).toEqual(rejected);
    expect(text(fast.scored).split('\n').filter((l) => /^\d/.test(l)).map((l) => l.split(',')[0])).toEqual(ids);
    expect(fast.counts.read).toBe(ids.length + rejected.length);
    expect(text(fast.scored)).toBe(text(reference.scored));
    expect(fast.rejects).toEqual(reference.rejects);
    expect(fast.counts).toEqual(reference.counts);
    const expected = { scored: text(fast.scored), rejects: fast.rejects.map((r) => ({ line: r.line, reason: r.reason, text: r.text })) };
    // cut after each line break in turn, and after every one
    const breaks = [...block.matchAll(/\r\n|\r|\n/g)].map((m) => m.index + m[0].length).filter((c) => c < block.length);
    for (const c of breaks) expect({ cut: c, ...inBlocks(block, [c]) }).toEqual({ cut: c, ...expected });
    expect(inBlocks(block, breaks)).toEqual(expected);
  });
});

describe('a block cut inside a quoted field', () => {
  test('hands the unfinished record over as leftover, with the lines before it counted', () => {
    const text = '1,VP,120,1,yes,2026-10-01,ok,web\n2,VP,120,1,yes,2026-10-01,"starts here\nand goes on';
    const result = scorer().scoreBytes(Buffer.from(text), false);
    expect(result.leftover).toBe('2,VP,120,1,yes,2026-10-01,"starts here\nand goes on');
    expect(result.lines).toBe(1);
    expect(result.counts.read).toBe(1);
  });

  test('past maxRecordSize without closing, names the line the quote opened on', () => {
    const text = `1,VP,120,1,yes,2026-10-01,ok,web\n2,VP,120,1,yes,2026-10-01,"never\nclosed\n${'3,VP,120,1,yes,2026-10-01,ok,web\n'.repeat(3)}`;
    const fast = scorer({ maxRecordSize: 80 }).scoreBytes(Buffer.from(text), true);
    const reference = scorer({ maxRecordSize: 80 }).scoreText(text, true);
    expect([fast.error?.code, fast.error?.line]).toEqual(['INPUT_CSV', 2]);
    expect([reference.error?.code, reference.error?.line]).toEqual(['INPUT_CSV', 2]);
  });
});
