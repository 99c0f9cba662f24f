/**
 * DuckDB (1.x). RE2 is its regex engine, so `matches` patterns run as leadq runs them.
 * https://duckdb.org/docs/stable/sql/functions/regular_expressions
 */
import type { Dialect } from '../dialect.js';
import { concatLiteral, doubleLiteral, doubleQuoted, DOTTED_I, DOTTED_I_LOWER, dropZeroWidth, FORMULA, SPACE_CHARS } from './common.js';

const str = (value: string): string => concatLiteral(value, (run) => `'${run.replace(/'/g, "''")}'`, (cp) => `chr(${cp})`);
const SPACES = str(SPACE_CHARS);
/** RE2 classes of JavaScript's white space: only a cell that starts or ends with one is trimmed (trim(s, set) is slow) */
const WS = '[\\t-\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';
const spaced = (x: string, where: string) => `regexp_full_match(${x}, '${where}')`;
const DOCS = 'https://duckdb.org/docs/stable/sql/functions/';

export const duckdb: Dialect = {
  name: 'duckdb',
  ident: doubleQuoted,
  str,
  num: doubleLiteral('DOUBLE'),
  prims: {
    trim: (x) => `(CASE WHEN ${spaced(x, `(?s)${WS}.*|.*${WS}`)} THEN trim(${x}, ${SPACES}) ELSE ${x} END)`,
    trimStart: (x) => `(CASE WHEN ${spaced(x, `(?s)${WS}.*`)} THEN ltrim(${x}, ${SPACES}) ELSE ${x} END)`,
    trimEnd: (x) => `(CASE WHEN ${spaced(x, `(?s).*${WS}`)} THEN rtrim(${x}, ${SPACES}) ELSE ${x} END)`,
    lower: (x) => `lower(replace(${x}, '${DOTTED_I}', '${DOTTED_I_LOWER}'))`,
    startsWith: (x, s) => `starts_with(${x}, ${s})`,
    endsWith: (x, s) => `ends_with(${x}, ${s})`,
    contains: (x, s) => `contains(${x}, ${s})`,
    substr: (x, from, length) => `substring(${x}, ${from}${length === undefined ? '' : `, ${length}`})`,
    toDouble: (x) => `CAST(${x} AS DOUBLE)`,
    floor: (x) => `floor(${x})`,
    pow: (a, b) => `pow(${a}, ${b})`,
    abs: (x) => `abs(${x})`,
    intText: (x) => `CAST(CAST(${x} AS BIGINT) AS VARCHAR)`,
    afterLastAt: (x) => `string_split(${x}, '@')[-1]`,
    hasAt: (x) => `contains(${x}, '@')`,
    today: () => `CAST(current_date - DATE '1970-01-01' AS DOUBLE)`,
    nullToEmpty: (x) => `COALESCE(${x}, '')`,
    byteLength: (x) => `strlen(${x})`,
    toInt: (x) => `CAST(${x} AS BIGINT)`,
    dropZeroWidth: dropZeroWidth('replace', str),
    unwrapFormula: (x) => `regexp_replace(${x}, ${str(FORMULA('$'))}, '\\1')`,
    dropMailto: (x) => `regexp_replace(${x}, '^mailto:', '')`,
    nfc: (x) => `nfc_normalize(${x})`,
  },
  regex: { kind: 're2', search: (x, p) => `regexp_matches(${x}, ${str(p)})`, full: (x, p) => `regexp_full_match(${x}, ${str(p)})` },
  star: (helpers) => `* EXCLUDE (${helpers.map(doubleQuoted).join(', ')})`,
  values: (rows, columns) => `SELECT * FROM (VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')}) AS t(${columns.join(', ')})`,
  citations: {
    byteLength: { doc: `${DOCS}text#strlenstring`, note: 'strlen() counts the bytes of the UTF-8 text (length() counts characters)' },
    nfc: { doc: `${DOCS}text#nfc_normalizestring`, note: 'nfc_normalize() puts related keys in NFC, as normalize(\'NFC\') does in leadq' },
    unwrapFormula: { doc: `${DOCS}regular_expressions#regexp_replacestring-regex-replacement-options`, note: 'RE2: $ is the end of the text, [^"] takes line breaks; \\1 is the text inside the quotes' },
    regex: { doc: `${DOCS}regular_expressions`, note: 'regexp_matches(s, p) is RE2 search semantics, "." does not match a newline: leadq\'s own engine' },
    trim: { doc: `${DOCS}text#trimstring-characters`, note: 'trim(s, characters) with JavaScript\'s white space spelt out (plain trim() keeps U+FEFF), only for cells that start or end with one: trim with a set is slow' },
    fullMatch: { doc: `${DOCS}regular_expressions#regexp_full_matchstring-regex-options`, note: 'leadq\'s own whole-cell patterns (numbers, dates, emails) use regexp_full_match, several times faster than a search anchored with ^ and $' },
    lower: { doc: `${DOCS}text#lowerstring`, note: 'lower() is Unicode (utf8proc); U+0130 is mapped first as JavaScript does' },
    toDouble: { doc: 'https://duckdb.org/docs/stable/sql/data_types/numeric', note: 'only after leadq\'s number pattern has matched: CAST accepts 1_000 and spaces' },
    division: { doc: 'https://duckdb.org/docs/stable/sql/functions/numeric', note: 'every operand is DOUBLE, so / is never integer division' },
    round: { doc: 'https://duckdb.org/docs/stable/sql/functions/numeric#roundv-numeric-s-integer', note: 'round() is not used: Math.round is floor(y) + (y - floor(y) >= 0.5)' },
    concat: { doc: `${DOCS}text`, note: 'reasons are joined with ||, NULL entries dropped by COALESCE, never CONCAT_WS' },
    star: { doc: 'https://duckdb.org/docs/stable/sql/expressions/star#exclude-clause', note: '* EXCLUDE leaves the helper columns out' },
  },
};
