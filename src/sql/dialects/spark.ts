/**
 * Spark SQL as Databricks runs it (`* EXCEPT` needs Databricks SQL or Databricks Runtime 11+).
 * RLIKE is java.util.regex searched with find(): `$` matches before a final line break and `\b` is
 * Unicode-aware, so patterns are translated (../regex.ts). https://spark.apache.org/docs/latest/api/sql/
 */
import type { Dialect } from '../dialect.js';
import { ASCII_WORD_CLASS, lookaroundBoundary } from '../regex.js';
import { backQuotedDoubled, doubleLiteral, DOTTED_I, DOTTED_I_LOWER, dropZeroWidth, escapedLiteral, FORMULA, hex4, SPACE_CHARS } from './common.js';

const str = (value: string): string => escapedLiteral(value, (cp) => `\\u${hex4(cp)}`);
const SPACES = str(SPACE_CHARS);
const DOCS = 'https://spark.apache.org/docs/latest/api/sql/index.html';
const javaChar = (cp: number): string => (/[0-9A-Za-z]/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : `\\x{${cp.toString(16)}}`);

export const spark: Dialect = {
  name: 'spark',
  ident: backQuotedDoubled,
  str,
  num: doubleLiteral('DOUBLE'),
  prims: {
    trim: (x) => `trim(BOTH ${SPACES} FROM ${x})`,
    trimStart: (x) => `trim(LEADING ${SPACES} FROM ${x})`,
    trimEnd: (x) => `trim(TRAILING ${SPACES} FROM ${x})`,
    lower: (x) => `lower(replace(${x}, '${DOTTED_I}', '${DOTTED_I_LOWER}'))`,
    startsWith: (x, s) => `(substring(${x}, 1, length(${s})) = ${s})`,
    endsWith: (x, s) => `(right(${x}, length(${s})) = ${s})`,
    contains: (x, s) => `(instr(${x}, ${s}) > 0)`,
    substr: (x, from, length) => `substring(${x}, ${from}${length === undefined ? '' : `, ${length}`})`,
    toDouble: (x) => `CAST(${x} AS DOUBLE)`,
    floor: (x) => `CAST(floor(${x}) AS DOUBLE)`,
    pow: (a, b) => `pow(${a}, ${b})`,
    abs: (x) => `abs(${x})`,
    intText: (x) => `CAST(CAST(${x} AS BIGINT) AS STRING)`,
    afterLastAt: (x) => `substring_index(${x}, '@', -1)`,
    hasAt: (x) => `(instr(${x}, '@') > 0)`,
    today: () => `CAST(datediff(current_date(), DATE'1970-01-01') AS DOUBLE)`,
    nullToEmpty: (x) => `COALESCE(${x}, '')`,
    byteLength: (x) => `octet_length(${x})`,
    toInt: (x) => `CAST(${x} AS BIGINT)`,
    dropZeroWidth: dropZeroWidth('replace', str),
    unwrapFormula: (x) => `regexp_replace(${x}, ${str(FORMULA('\\z'))}, '$1')`,
    dropMailto: (x) => `regexp_replace(${x}, '^mailto:', '')`,
    // no Unicode normalisation function: keys are compared as written (docs/sql.md, known differences)
    nfc: (x) => x,
  },
  regex: {
    kind: 'translate',
    search: (x, p) => `(${x} RLIKE ${str(p)})`,
    flavour: {
      name: 'spark',
      group: (body) => `(?:${body})`,
      begin: '^',
      end: '\\z',
      wordBoundary: lookaroundBoundary(ASCII_WORD_CLASS),
      char: javaChar,
      set: (ranges, negated) => `[${negated ? '^' : ''}${ranges.map(([lo, hi]) => (lo === hi ? javaChar(lo) : `${javaChar(lo)}-${javaChar(hi)}`)).join('')}]`,
      maxCount: 1000,
      emptyAlternatives: true,
    },
  },
  star: (helpers) => `* EXCEPT (${helpers.map(backQuotedDoubled).join(', ')})`,
  values: (rows, columns) => `SELECT * FROM VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')} AS t(${columns.join(', ')})`,
  citations: {
    byteLength: { doc: `${DOCS}#octet_length`, note: 'octet_length() counts the bytes of the UTF-8 string' },
    nfc: { doc: DOCS, note: 'no Unicode normalisation function: related keys are not put in NFC, so a key in NFD (Jose + U+0301) does not match José; the self-test says so' },
    unwrapFormula: { doc: `${DOCS}#regexp_replace`, note: 'java.util.regex: \\z is the end of the text ($ would match before a final line break); $1 is the text inside the quotes' },
    regex: { doc: `${DOCS}#rlike`, note: 'java.util.regex with find(): $ is written \\z, \\b look-arounds over [0-9A-Za-z_], (?i) is ASCII-only in Java so /i becomes explicit case variants' },
    literals: { doc: 'https://spark.apache.org/docs/latest/sql-ref-literals.html#string-literal', note: 'backslashes in literals are escapes: patterns are written with \\\\' },
    trim: { doc: `${DOCS}#trim`, note: 'trim(BOTH chars FROM s) with JavaScript\'s white space spelt out' },
    lower: { doc: `${DOCS}#lower`, note: 'Java\'s toLowerCase, which maps U+0130 and final sigma as JavaScript does' },
    floor: { doc: `${DOCS}#floor`, note: 'floor() returns BIGINT: cast back to DOUBLE' },
    division: { doc: `${DOCS}#_9`, note: '/ is always floating-point division' },
    toDouble: { doc: 'https://spark.apache.org/docs/latest/sql-ref-ansi-compliance.html#cast', note: 'only after leadq\'s number pattern matched: CAST trims spaces and reads "1d", "Infinity"' },
    star: { doc: 'https://docs.databricks.com/en/sql/language-manual/sql-ref-syntax-qry-select.html', note: '* EXCEPT (Databricks) leaves the helper columns out' },
    today: { doc: `${DOCS}#current_date`, note: 'current_date() is in the session time zone' },
  },
};
