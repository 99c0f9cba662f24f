/**
 * PostgreSQL (14+). Its regexes are Tcl AREs: `\b` is a backspace, `\d` `\w` follow the locale and
 * `.` matches a newline, so patterns are translated (../regex.ts) with explicit classes and
 * look-arounds. https://www.postgresql.org/docs/current/functions-matching.html
 */
import type { Dialect } from '../dialect.js';
import { ASCII_WORD_CLASS, lookaroundBoundary } from '../regex.js';
import { doubleLiteral, doubleQuoted, DOTTED_I, DOTTED_I_LOWER, dropZeroWidth, FORMULA, hex4, SPACE_CHARS } from './common.js';
import { isInvisible } from '../dialect.js';

/** E'…' with \uXXXX for the characters not written as they are. */
function str(value: string): string {
  let out = '';
  let escaped = false;
  for (const c of value) {
    const cp = c.codePointAt(0)!;
    if (c === '\\') { out += '\\\\'; escaped = true; }
    else if (c === "'") out += "''";
    else if (isInvisible(cp)) { out += cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${hex4(cp)}`; escaped = true; }
    else out += c;
  }
  return escaped ? `E'${out}'` : `'${out}'`;
}

const SPACES = str(SPACE_CHARS);
const DOCS = 'https://www.postgresql.org/docs/current/';
/** a character in an ARE: letters and digits as they are, everything else as an escape */
const areChar = (cp: number): string => (/[0-9A-Za-z]/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp)
  : cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${hex4(cp)}`);

export const postgres: Dialect = {
  name: 'postgres',
  ident: doubleQuoted,
  str,
  num: doubleLiteral('double precision'),
  prims: {
    trim: (x) => `btrim(${x}, ${SPACES})`,
    trimStart: (x) => `ltrim(${x}, ${SPACES})`,
    trimEnd: (x) => `rtrim(${x}, ${SPACES})`,
    lower: (x) => `lower(replace(${x}, '${DOTTED_I}', '${DOTTED_I_LOWER}'))`,
    startsWith: (x, s) => `starts_with(${x}, ${s})`,
    endsWith: (x, s) => `(right(${x}, length(${s})) = ${s})`,
    contains: (x, s) => `(strpos(${x}, ${s}) > 0)`,
    substr: (x, from, length) => `substr(${x}, ${from}${length === undefined ? '' : `, ${length}`})`,
    toDouble: (x) => `CAST(${x} AS double precision)`,
    floor: (x) => `floor(${x})`,
    pow: (a, b) => `power(${a}, ${b})`,
    abs: (x) => `abs(${x})`,
    intText: (x) => `CAST(CAST(${x} AS bigint) AS text)`,
    afterLastAt: (x) => `regexp_replace(${x}, '^.*@', '')`,
    hasAt: (x) => `(strpos(${x}, '@') > 0)`,
    today: () => `CAST(CURRENT_DATE - DATE '1970-01-01' AS double precision)`,
    nullToEmpty: (x) => `COALESCE(${x}, '')`,
    byteLength: (x) => `octet_length(${x})`,
    toInt: (x) => `CAST(${x} AS bigint)`,
    dropZeroWidth: dropZeroWidth('replace', str),
    unwrapFormula: (x) => `regexp_replace(${x}, ${str(FORMULA('$'))}, '\\1')`,
    dropMailto: (x) => `regexp_replace(${x}, '^mailto:', '')`,
    nfc: (x) => `normalize(${x}, NFC)`,
  },
  regex: {
    kind: 'translate',
    search: (x, p) => `(${x} ~ ${str(p)})`,
    flavour: {
      name: 'postgres',
      group: (body) => `(?:${body})`,
      begin: '^',
      end: '$',
      wordBoundary: lookaroundBoundary(ASCII_WORD_CLASS),
      char: areChar,
      // a NUL cannot be in a PostgreSQL text, so classes start at U+0001
      set: (ranges, negated) => `[${negated ? '^' : ''}${ranges.filter(([, hi]) => hi >= 1).map(([lo, hi]) => {
        const from = Math.max(lo, 1);
        return from === hi ? areChar(from) : `${areChar(from)}-${areChar(hi)}`;
      }).join('')}]`,
      maxCount: 255,
      emptyAlternatives: true,
    },
  },
  star: () => '("_lq_row").*',
  materialize: true,
  keepRow: { column: '_lq_row', expand: '("_lq_row").*' },
  values: (rows, columns) => `SELECT * FROM (VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')}) AS t(${columns.join(', ')})`,
  citations: {
    byteLength: { doc: `${DOCS}functions-string.html`, note: 'octet_length() counts bytes; databases leadq supports are UTF-8' },
    nfc: { doc: `${DOCS}functions-string.html`, note: 'normalize(s, NFC) (PostgreSQL 13+, a UTF-8 database) puts related keys in NFC, as leadq does' },
    unwrapFormula: { doc: `${DOCS}functions-matching.html#FUNCTIONS-POSIX-REGEXP`, note: 'an ARE: ^ and $ are the ends of the text, [^"] takes line breaks; \\1 is the text inside the quotes' },
    regex: { doc: `${DOCS}functions-matching.html#POSIX-ESCAPE-SEQUENCES`, note: '\\b is a backspace in an ARE and \\y a locale word boundary: \\b becomes look-arounds over [0-9A-Za-z_]; \\d \\w \\s and . become explicit classes, /i explicit case variants' },
    regexCount: { doc: `${DOCS}functions-matching.html#POSIX-QUANTIFIERS`, note: 'bounds above 255 (RE_DUP_MAX) are refused' },
    trim: { doc: `${DOCS}functions-string.html`, note: 'btrim(s, characters) with JavaScript\'s white space: plain btrim() strips spaces only' },
    lower: { doc: `${DOCS}functions-string.html`, note: 'lower() follows the database\'s LC_CTYPE: in a C locale (not C.UTF-8) it lowers ASCII only; the self-test says so' },
    round: { doc: `${DOCS}functions-math.html`, note: 'round(double) rounds half to even: not used, Math.round is written with floor()' },
    division: { doc: `${DOCS}functions-math.html`, note: 'int / int truncates: every operand is double precision' },
    toDouble: { doc: `${DOCS}datatype-numeric.html#DATATYPE-FLOAT`, note: 'only after leadq\'s number pattern matched; beyond 1e308 the cast fails, so such cells are guarded to empty' },
    materialize: { doc: `${DOCS}queries-with.html#QUERIES-WITH-CTE-MATERIALIZATION`, note: 'each step is MATERIALIZED: inlined, the steps\' expressions would be substituted into each other' },
    star: { doc: `${DOCS}rowtypes.html#ROWTYPES-USAGE`, note: 'the input row is kept as one composite column and expanded with (row).* at the end' },
  },
};
