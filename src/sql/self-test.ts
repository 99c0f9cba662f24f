/**
 * `leadq sql --self-test --dialect …`: one query for the user's warehouse that returns no rows when
 * every primitive the dialect file relies on behaves as leadq expects there, and otherwise one row
 * per primitive that does not: (primitive, expected, got). The expected values are leadq's own
 * answers, computed here with the functions `leadq score` uses; the query computes the same cases
 * with the expressions the generated queries use (typed.ts, scores.ts, conditions' regexes).
 */
import { formatNumber, round2 as round2js } from '../model/cents.js';
import { parseDay } from '../model/days.js';
import { compileRegex } from '../model/operators.js';
import { parseBoolean, parseNumber } from '../input/values/coerce.js';
import { fullMatch, NoFaithfulForm, print, regexPattern, type Dialect } from './dialect.js';
import { bin, col, fn, ifThen, jsRound, num, round2, str, type Expr } from './ir.js';
import { centsText } from './scores.js';
import { booleanOf, dateParts, dayOf, EMAIL_PATTERN, isoText, numberOf } from './typed.js';
import { keyScratch, normalizeKeyText } from '../input/keys/normalize-key.js';
import { normalizedKey, trimmedKey } from './related.js';

const EMPTY = '(empty)';

/** Key cells in the forms input/keys/normalize-key.ts reads as the key they stand for, and near misses. */
const KEY_CASES: [string, boolean][] = [
  ['\u200bAnn@Acme.example\ufeff', true], ['ann@\u2060acme.example', true], [' \u200b ann@acme.example', true], ['a\u200cb', false],
  ['="01003"', false], ['="01003', false], ['="0"1"', false], ['="a"\u0085', false], ['="a\nb"', false], ['="MAILTO:Ann@Acme.example"', true],
  ['MAILTO:ann@acme.example', true], ['mailto:ann@acme.example', false], ['xmailto:a@b.example', true],
  ['Jose\u0301@acme.example', true], ['JOSE\u0301', false],
];
const scratch = keyScratch();

/**
 * One case: its value is built in steps (each a column of one row, so no expression is substituted
 * into the next: nesting them would grow the query beyond any engine's limits), then shown as text.
 */
interface Check {
  name: string;
  expected: string;
  /** the value's steps, each over the previous one's column (`prev`) */
  steps: ((prev: Expr) => Expr)[];
  show: 'text' | 'number' | 'bool';
}

const textCheck = (name: string, expected: string, x: Expr): Check => ({ name, expected, steps: [() => x], show: 'text' });
const boolCheck = (name: string, expected: string, x: Expr): Check => ({ name, expected, steps: [() => x], show: 'bool' });
const numberCheck = (name: string, expected: string, ...steps: ((prev: Expr) => Expr)[]): Check => ({ name, expected, steps, show: 'number' });
const shown = (n: number): string => (Number.isNaN(n) ? EMPTY : formatNumber(n));

function checks(d: Dialect): Check[] {
  const out: Check[] = [];
  const spaces = [0x9, 0xa, 0xb, 0xc, 0xd, 0x20, 0xa0, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
  for (const cp of spaces) {
    const s = `${String.fromCodePoint(cp)}a${String.fromCodePoint(cp)}`;
    out.push(textCheck(`trim: U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, s.trim(), fn('trim', str(s))));
  }
  out.push(textCheck('trim: keeps U+200B', '\u200ba'.trim(), fn('trim', str('\u200ba'))));
  out.push(textCheck('trimStart', '\u00a0 a '.trimStart(), fn('trimStart', str('\u00a0 a '))));
  out.push(textCheck('trimEnd', ' a \ufeff'.trimEnd(), fn('trimEnd', str(' a \ufeff'))));
  for (const s of ['ÄÉÖÜ', 'İstanbul', '\u212A', 'ÇA VA', 'ŁÓDŹ', 'ΑΒΓ', 'ДОМ']) out.push(textCheck(`lower: ${s}`, s.toLowerCase(), fn('lower', str(s))));
  out.push(boolCheck('contains', 'true', fn('contains', str('größe 日本'), str('日本'))));
  out.push(boolCheck('startsWith', 'true', fn('startsWith', str('école'), str('éc'))));
  out.push(boolCheck('endsWith', 'false', fn('endsWith', str('ab'), str('xab'))));
  out.push(textCheck('afterLastAt', 'c.example', fn('afterLastAt', str('a@b@c.example'))));
  out.push(textCheck('afterLastAt: no @', 'plain', fn('afterLastAt', str('plain'))));
  out.push(textCheck('concat: NULL', '', { k: 'coalesce', items: [bin('||', str('; '), { k: 'null' }), str('')] }));
  // related keys: longer than 1024 UTF-8 bytes is no key; days grouped as whole numbers
  for (const k of ['a@b.example', 'änn@über.example', '日本@x.example']) out.push(numberCheck(`byteLength: ${k}`, String(new TextEncoder().encode(k).length), () => fn('byteLength', str(k))));
  out.push(textCheck('toInt', '-719468', fn('intText', fn('toInt', num(-719468)))));
  out.push(numberCheck('division: doubles', '3.5', () => bin('/', num(7), num(2))));
  out.push(textCheck('intText', '1234567890123', fn('intText', num(1234567890123))));
  for (const x of [2.675, 1.005, -0.125, 0.125, -2.5, 1e-7, 123456.785, -0.004]) {
    out.push(numberCheck(`round2: ${x}`, formatNumber(round2js(x)), () => round2(num(x))));
  }
  out.push(numberCheck('pow: half-life', formatNumber(round2js(20 * Math.pow(0.5, 15 / 60))), () => fn('pow', num(0.5), bin('/', num(15), num(60))), (p) => round2(bin('*', num(20), p))));
  out.push(boolCheck('today: whole days', 'true', bin('=', fn('today'), fn('floor', fn('today')))));
  for (const s of ['12', ' 12 ', '.5', '5.', '+5', '-0', '1e2', '1E+1', '2.5e-1', '1_000', '1,234', '10 %', '0x10', 'Infinity', 'NaN', '１２', '١٢', '1d', '5-', '']) {
    out.push(numberCheck(`number: ${JSON.stringify(s)}`, shown(parseNumber(s)), () => fn('trim', str(s)), (t) => numberOf(d, t)));
  }
  for (const s of ['yes', ' YES ', '\u00a0no', 'X', '0', 'oui', 'yes!', '']) {
    const b = parseBoolean(s);
    out.push(numberCheck(`boolean: ${JSON.stringify(s)}`, b < 0 ? EMPTY : String(b), () => fn('trim', str(s)), (t) => booleanOf(t)));
  }
  for (const s of ['2026-10-14', '2024-02-29', '2023-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '1900-02-29', '2000-02-29', '0000-03-01',
    '2026-10-14 09:31', '2026-10-14T24:00', '2026-10-14 23:59:60', '2026-10-14T09:31:00.5+02:00', '2026/10/14', ' 2026-10-14 ',
    '2026-10-14 09:31:00 UTC', '2026-10-14 09:31:00.123 -0800', '2026-10-14 09:31:00+02', '2026-10-14 09:31 utc', '2026-10-14 UTC', '2026-10-14 09:31:00  UTC',
    '2026-10-14Z', '2026-10-14+02:00', '2026-10-14-05', '2026-10-14+0200', '0000-01-01', '0001-01-01', '0001-03-01']) {
    // the parts are four steps of their own, as in the query (the later steps read the ISO text from the first)
    const iso = (prev: Expr): Expr => prev;
    out.push(numberCheck(`date: ${JSON.stringify(s)}`, shown(parseDay(s)), () => fn('trim', str(s)), (t) => isoText(d, t),
      (t) => { const p = dateParts(iso(t)); return dayOf(p.year, p.month, p.day, p.timeOk); }));
  }
  const regexCases: [string, string][] = [
    ['/\\bVP\\b/i', 'éVP'], ['/\\bVP\\b/i', 'VPs'], ['/\\bVP\\b/i', 'the vp'], ['\\BP', 'VP'], ['/k/i', '\u212A'], ['/s/i', '\u017F'], ['/i/i', '\u0130'],
    ['a.b', 'a\nb'], ['a$', 'a\n'], ['^b', 'a\nb'], ['\\s', '\u000b'], ['\\s', '\u00a0'], ['\\d', '١'], ['\\w', 'é'], ['[^a]', '\n'], ['[]a]', ']'],
    ['x{2,3}y', 'xxy'], ['(?:ab|cd)+$', 'abcd'], ['colou?r', 'COLOR'], ['/colou?r/i', 'COLOR'], ['a*?b', 'b'], ['日本', '日本語'], ['[à-ÿ]', 'é'], ['/[à-ÿ]/i', 'É'],
  ];
  for (const [source, value] of regexCases) {
    let pattern: string;
    try { pattern = regexPattern(d, source); } catch (error) { if (error instanceof NoFaithfulForm) continue; throw error; }
    out.push(boolCheck(`regex ${source} on ${JSON.stringify(value)}`, String(compileRegex(source).test(value)), { k: 'regex', arg: str(value), pattern }));
  }
  for (const s of ['a@b.c', 'a@b.c.', 'a@.b', 'a@b', 'a b@c.d', 'a@b@c.d']) {
    out.push(boolCheck(`valid_email ${JSON.stringify(s)}`, String(compileRegex(`^(?:${EMAIL_PATTERN})$`).test(s)), fullMatch(d, str(s), EMAIL_PATTERN)));
  }
  // related keys as leads and related rows are matched (input/keys/normalize-key.ts): each case in two steps, as the query has them
  for (const [k, email] of KEY_CASES) {
    const n = normalizeKeyText(k, email, scratch);
    out.push({ name: `key (${email ? 'email' : 'id'}): ${JSON.stringify(k)}`, expected: Buffer.from(scratch.subarray(0, n)).toString('utf8'), steps: [() => trimmedKey(str(k)), (t) => normalizedKey(t, email)], show: 'text' });
  }
  return out;
}

export function selfTestSql(d: Dialect): string {
  const all = checks(d);
  const column = (i: number, j: number) => `_c${i}_${j}`;
  // the steps of every case side by side, then the value as whole cents, then as text
  const depth = Math.max(...all.map((c) => c.steps.length)) + 1;
  const steps: [string, Expr][][] = Array.from({ length: depth }, () => []);
  const last = new Map<number, string>();
  all.forEach((c, i) => {
    c.steps.forEach((step, j) => steps[j].push([column(i, j), step(col(column(i, j - 1)))]));
    let final = column(i, c.steps.length - 1);
    if (c.show === 'number') {
      steps[depth - 1].push([column(i, depth), jsRound(bin('*', col(final), num(100)))]);
      final = column(i, depth);
    }
    last.set(i, final);
  });
  const ctes = steps.filter((s) => s.length > 0).map((step, j) => `${d.ident(`_lq_${j + 1}`)} AS ${d.materialize ? 'MATERIALIZED ' : ''}(\n  SELECT ${j === 0 ? '' : '*, '}\n${step.map(([n, e]) => `    ${print(e, d)} AS ${d.ident(n)}`).join(',\n')}${j === 0 ? '' : `\n  FROM ${d.ident(`_lq_${j}`)}`}\n)`);
  const from = d.ident(`_lq_${ctes.length}`);
  const got = (c: Check, i: number): Expr => {
    const v = col(last.get(i)!);
    const shownAs = c.show === 'text' ? v : c.show === 'bool' ? ifThen([[v, str('true')]], str('false')) : centsText(v);
    return ifThen([[{ k: 'isNull', item: v, negated: false }, str(EMPTY)]], shownAs);
  };
  const rows = all.map((c, i) => `  SELECT ${d.str(c.name)} AS ${d.ident('primitive')}, ${d.str(c.expected)} AS ${d.ident('expected')}, ${print(got(c, i), d)} AS ${d.ident('got')} FROM ${from}`);
  return `-- leadq sql --self-test --dialect ${d.name}: no rows when every primitive behaves as leadq expects in this warehouse
WITH
${ctes.join(',\n')}
SELECT ${d.ident('primitive')}, ${d.ident('expected')}, ${d.ident('got')}
FROM (
${rows.join('\n  UNION ALL\n')}
) AS ${d.ident('_lq_checks')}
WHERE ${d.ident('got')} IS NULL OR ${d.ident('got')} <> ${d.ident('expected')}
`;
}
