/**
 * BigQuery (GoogleSQL). RE2 is its regex engine (REGEXP_CONTAINS is a search), so patterns run as
 * leadq runs them. https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions
 */
import type { Dialect } from '../dialect.js';
import { backQuoted, doubleLiteral, DOTTED_I, DOTTED_I_LOWER, dropZeroWidth, escapedLiteral, FORMULA, hex4, SPACE_CHARS } from './common.js';

const str = (value: string): string => escapedLiteral(value, (cp) => (cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${hex4(cp)}`));
const SPACES = str(SPACE_CHARS);
const DOCS = 'https://cloud.google.com/bigquery/docs/reference/standard-sql/';

export const bigquery: Dialect = {
  name: 'bigquery',
  ident: backQuoted,
  str,
  num: doubleLiteral('FLOAT64'),
  prims: {
    trim: (x) => `TRIM(${x}, ${SPACES})`,
    trimStart: (x) => `LTRIM(${x}, ${SPACES})`,
    trimEnd: (x) => `RTRIM(${x}, ${SPACES})`,
    lower: (x) => `LOWER(REPLACE(${x}, '${DOTTED_I}', '${DOTTED_I_LOWER}'))`,
    startsWith: (x, s) => `STARTS_WITH(${x}, ${s})`,
    endsWith: (x, s) => `ENDS_WITH(${x}, ${s})`,
    contains: (x, s) => `(STRPOS(${x}, ${s}) > 0)`,
    substr: (x, from, length) => `SUBSTR(${x}, ${from}${length === undefined ? '' : `, ${length}`})`,
    toDouble: (x) => `CAST(${x} AS FLOAT64)`,
    floor: (x) => `FLOOR(${x})`,
    pow: (a, b) => `POW(${a}, ${b})`,
    abs: (x) => `ABS(${x})`,
    intText: (x) => `CAST(CAST(${x} AS INT64) AS STRING)`,
    afterLastAt: (x) => `REGEXP_EXTRACT(${x}, '[^@]*$')`,
    hasAt: (x) => `(STRPOS(${x}, '@') > 0)`,
    today: () => 'CAST(UNIX_DATE(CURRENT_DATE()) AS FLOAT64)',
    nullToEmpty: (x) => `COALESCE(${x}, '')`,
    byteLength: (x) => `BYTE_LENGTH(${x})`,
    toInt: (x) => `CAST(${x} AS INT64)`,
    dropZeroWidth: dropZeroWidth('REPLACE', str),
    unwrapFormula: (x) => `REGEXP_REPLACE(${x}, ${str(FORMULA('$'))}, ${str('\\1')})`,
    dropMailto: (x) => `REGEXP_REPLACE(${x}, '^mailto:', '')`,
    nfc: (x) => `NORMALIZE(${x}, NFC)`,
  },
  regex: { kind: 're2', search: (x, p) => `REGEXP_CONTAINS(${x}, ${str(p)})` },
  star: (helpers) => `* EXCEPT (${helpers.map(backQuoted).join(', ')})`,
  values: (rows, columns) => `SELECT * FROM UNNEST([${rows.map((r) => `STRUCT(${r.map((v, i) => `${v} AS ${columns[i]}`).join(', ')})`).join(', ')}])`,
  citations: {
    byteLength: { doc: `${DOCS}string_functions#byte_length`, note: 'BYTE_LENGTH counts the bytes of the UTF-8 STRING' },
    nfc: { doc: `${DOCS}string_functions#normalize`, note: 'NORMALIZE(s, NFC) puts related keys in NFC, as leadq does' },
    unwrapFormula: { doc: `${DOCS}string_functions#regexp_replace`, note: 'RE2: $ is the end of the text; the replacement \\1 is written \'\\\\1\' in a literal' },
    toInt: { doc: `${DOCS}data-types#groupable_data_types`, note: 'related rows are grouped, partitioned and joined by day as INT64: a FLOAT64 cannot be a PARTITION BY key' },
    regex: { doc: `${DOCS}string_functions#regexp_contains`, note: 'REGEXP_CONTAINS is RE2 search semantics: leadq\'s own engine' },
    trim: { doc: `${DOCS}string_functions#trim`, note: 'TRIM(s, set_of_characters) with JavaScript\'s white space spelt out' },
    lower: { doc: `${DOCS}string_functions#lower`, note: 'Unicode mappings without language rules; U+0130 is mapped first as JavaScript does' },
    literals: { doc: `${DOCS}lexical#string_and_bytes_literals`, note: 'backslashes in literals are escapes: patterns are written with \\\\' },
    toDouble: { doc: `${DOCS}conversion_functions#cast_as_floating_point`, note: 'only after leadq\'s number pattern matched' },
    round: { doc: `${DOCS}mathematical_functions#round`, note: 'ROUND rounds halves away from zero: not used, Math.round is written with FLOOR' },
    concat: { doc: `${DOCS}operators#concatenation_operator`, note: 'reasons are joined with ||, NULL entries dropped by COALESCE' },
    star: { doc: `${DOCS}query-syntax#select_except`, note: '* EXCEPT leaves the helper columns out' },
    today: { doc: `${DOCS}date_functions#unix_date`, note: 'CURRENT_DATE() is in the session time zone (UTC unless set), as days since 1970-01-01' },
  },
};
