/**
 * Snowflake. Its regex functions take POSIX extended expressions with Perl's \d \w \s \b, anchored
 * at both ends, without non-greedy quantifiers; patterns are translated (../regex.ts) and searched
 * as `.*(p).*` with the `s` parameter. https://docs.snowflake.com/en/sql-reference/functions-regexp
 */
import type { Dialect } from '../dialect.js';
import { RegexUnsupported } from '../regex.js';
import { concatLiteral, doubleLiteral, doubleQuoted, DOTTED_I, DOTTED_I_LOWER, dropZeroWidth, FORMULA, SPACE_CHARS } from './common.js';

const str = (value: string): string => concatLiteral(value, (run) => `'${run.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`, (cp) => `CHR(${cp})`);
const SPACES = str(SPACE_CHARS);
const DOCS = 'https://docs.snowflake.com/en/sql-reference/';
const SPECIAL = new Set([...'.[]()*+?{}|^$\\'].map((c) => c.codePointAt(0)!));

/** A POSIX bracket expression: `]` first, `-` last, `^` never first; a backslash or `[` is refused (their meaning inside brackets is not documented). */
function posixSet(ranges: [number, number][], negated: boolean): string {
  const singles: number[] = [];
  const spans: [number, number][] = [];
  for (const [lo, hi] of ranges) {
    for (const special of [92, 91]) if (lo <= special && special <= hi) throw new RegexUnsupported(`a ${special === 92 ? 'backslash' : '['} in a class`);
    let from = lo;
    for (const c of [45, 93, 94]) {
      if (c < from || c > hi) continue;
      if (c > from) spans.push([from, c - 1]);
      singles.push(c);
      from = c + 1;
    }
    if (from <= hi) spans.push([from, hi]);
  }
  const ch = (cp: number) => String.fromCodePoint(cp);
  const body = spans.map(([lo, hi]) => (lo === hi ? ch(lo) : `${ch(lo)}-${ch(hi)}`)).join('');
  const first = singles.includes(93) ? ']' : '';
  const caret = singles.includes(94) ? '^' : '';
  const dash = singles.includes(45) ? '-' : '';
  if (first === '' && body === '' && caret !== '' && dash === '') return negated ? '[^^]' : '\\^';
  return `[${negated ? '^' : ''}${first}${body}${caret}${dash}]`;
}

export const snowflake: Dialect = {
  name: 'snowflake',
  ident: doubleQuoted,
  str,
  num: doubleLiteral('DOUBLE'),
  prims: {
    trim: (x) => `TRIM(${x}, ${SPACES})`,
    trimStart: (x) => `LTRIM(${x}, ${SPACES})`,
    trimEnd: (x) => `RTRIM(${x}, ${SPACES})`,
    lower: (x) => `LOWER(REPLACE(${x}, '${DOTTED_I}', '${DOTTED_I_LOWER}'))`,
    startsWith: (x, s) => `STARTSWITH(${x}, ${s})`,
    endsWith: (x, s) => `ENDSWITH(${x}, ${s})`,
    contains: (x, s) => `CONTAINS(${x}, ${s})`,
    substr: (x, from, length) => `SUBSTR(${x}, ${from}${length === undefined ? '' : `, ${length}`})`,
    toDouble: (x) => `CAST(${x} AS DOUBLE)`,
    floor: (x) => `FLOOR(${x})`,
    pow: (a, b) => `POW(${a}, ${b})`,
    abs: (x) => `ABS(${x})`,
    intText: (x) => `CAST(CAST(${x} AS BIGINT) AS VARCHAR)`,
    afterLastAt: (x) => `SPLIT_PART(${x}, '@', -1)`,
    hasAt: (x) => `CONTAINS(${x}, '@')`,
    today: () => `CAST(DATEDIFF(day, DATE '1970-01-01', CURRENT_DATE()) AS DOUBLE)`,
    nullToEmpty: (x) => `COALESCE(${x}, '')`,
    byteLength: (x) => `OCTET_LENGTH(${x})`,
    toInt: (x) => `CAST(${x} AS BIGINT)`,
    dropZeroWidth: dropZeroWidth('REPLACE', str),
    unwrapFormula: (x) => `REGEXP_REPLACE(${x}, ${str(FORMULA('$'))}, ${str('\\1')})`,
    dropMailto: (x) => `REGEXP_REPLACE(${x}, '^mailto:', '')`,
    // no Unicode normalisation function: keys are compared as written (docs/sql.md, known differences)
    nfc: (x) => x,
  },
  regex: {
    kind: 'translate',
    search: (x, p) => `REGEXP_LIKE(${x}, ${str(`.*(${p}).*`)}, 's')`,
    flavour: {
      name: 'snowflake',
      group: (body) => `(${body})`,
      begin: '^',
      end: '$',
      // documented: word characters are a-z, A-Z, underscore and digits, as RE2's
      wordBoundary: (negated) => (negated ? '\\B' : '\\b'),
      char: (cp) => (SPECIAL.has(cp) ? `\\${String.fromCodePoint(cp)}` : String.fromCodePoint(cp)),
      set: posixSet,
      maxCount: 255,
      emptyAlternatives: false,
    },
  },
  star: (helpers) => `* EXCLUDE (${helpers.map(doubleQuoted).join(', ')})`,
  values: (rows, columns) => `SELECT * FROM (VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')}) AS t(${columns.join(', ')})`,
  citations: {
    byteLength: { doc: `${DOCS}functions/octet_length`, note: 'OCTET_LENGTH counts the bytes of the UTF-8 string' },
    nfc: { doc: `${DOCS}functions-string`, note: 'no Unicode normalisation function: related keys are not put in NFC, so a key in NFD (Jose + U+0301) does not match José; the self-test says so' },
    unwrapFormula: { doc: `${DOCS}functions/regexp_replace`, note: 'POSIX ERE: ^ and $ are the ends of the subject without the m parameter; the back-reference \\1 is written \'\\\\1\' in a literal' },
    regex: { doc: `${DOCS}functions-regexp`, note: 'POSIX ERE plus \\d \\s \\w \\b; anchored at both ends, so a search is REGEXP_LIKE(s, \'.*(p).*\', \'s\'); no non-greedy quantifiers (a search does not need them)' },
    literals: { doc: `${DOCS}data-types-text#escape-sequences-in-single-quoted-string-constants`, note: 'backslashes in literals are escapes: patterns are written with \\\\' },
    trim: { doc: `${DOCS}functions/trim`, note: 'TRIM(s, characters) with JavaScript\'s white space spelt out' },
    lower: { doc: `${DOCS}functions/lower`, note: 'U+0130 is mapped first as JavaScript does; other differences show in the self-test' },
    concat: { doc: `${DOCS}functions/concat_ws`, note: 'CONCAT_WS is NULL when any argument is: reasons are joined with || and COALESCE instead' },
    toDouble: { doc: `${DOCS}functions/to_double`, note: 'only after leadq\'s number pattern matched' },
    round: { doc: `${DOCS}functions/round`, note: 'ROUND rounds halves away from zero: not used, Math.round is written with FLOOR' },
    star: { doc: `${DOCS}sql/select#parameters`, note: '* EXCLUDE leaves the helper columns out' },
    today: { doc: `${DOCS}functions/current_date`, note: 'CURRENT_DATE() is in the session time zone' },
  },
};
