/**
 * Pieces several dialect files share: identifier quoting, literals built from visible runs and
 * spelt-out characters, the JavaScript white-space set as a literal.
 */
import { isInvisible, JS_SPACE_TEXT, jsNumberText } from '../dialect.js';

/**
 * The query's own names (`_lq_…` steps and helpers) are plain lower-case identifiers, written
 * bare: every dialect reads them alike (Snowflake upper-cases them everywhere, consistently).
 */
const HELPER = /^_(?:lq|c)[a-z0-9_]*$/;

/** `"name"` with quotes doubled (DuckDB, PostgreSQL, Snowflake). */
export const doubleQuoted = (name: string): string => (HELPER.test(name) ? name : `"${name.replace(/"/g, '""')}"`);

/**
 * `` `name` `` with backticks and backslashes escaped by a backslash, as BigQuery's quoted
 * identifiers take the escapes of its string literals.
 * https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#quoted_identifiers
 */
export const backQuoted = (name: string): string => (HELPER.test(name) ? name : `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``);

/**
 * `` `name` `` with backticks doubled (Spark): a backslash is no escape there, so `` \` `` would end
 * the name and let the rest of a header (or --order-by) be read as SQL.
 * https://spark.apache.org/docs/latest/sql-ref-identifier.html
 */
export const backQuotedDoubled = (name: string): string => (HELPER.test(name) ? name : `\`${name.replace(/`/g, '``')}\``);

/**
 * A text literal as visible runs in quotes joined with `||` to spelt-out characters (`chr(160)`),
 * for dialects whose literals take no escapes (DuckDB) or where CHR is the documented way.
 */
export function concatLiteral(value: string, quote: (run: string) => string, spell: (cp: number) => string): string {
  const parts: string[] = [];
  let run = '';
  for (const c of value) {
    const cp = c.codePointAt(0)!;
    if (isInvisible(cp)) {
      if (run !== '') parts.push(quote(run));
      run = '';
      parts.push(spell(cp));
    } else run += c;
  }
  if (run !== '' || parts.length === 0) parts.push(quote(run));
  return parts.length === 1 ? parts[0] : `(${parts.join(' || ')})`;
}

/** A literal in a dialect whose strings take backslash escapes (BigQuery, Spark, Snowflake): `\\`, `\'`, `\uXXXX`. */
export function escapedLiteral(value: string, unicode: (cp: number) => string): string {
  let out = '';
  for (const c of value) {
    const cp = c.codePointAt(0)!;
    if (c === '\\') out += '\\\\';
    else if (c === "'") out += "\\'";
    else if (isInvisible(cp)) out += unicode(cp);
    else out += c;
  }
  return `'${out}'`;
}

export const hex4 = (cp: number): string => cp.toString(16).toUpperCase().padStart(4, '0');

/** A double literal: CAST('2.5' AS <type>), the text JavaScript writes, which every engine reads correctly rounded. */
export const doubleLiteral = (type: string) => (value: number): string => {
  const text = jsNumberText(value);
  return Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? `CAST(${text} AS ${type})` : `CAST('${text}' AS ${type})`;
};

/** The characters JavaScript's trim() removes. */
export const SPACE_CHARS = JS_SPACE_TEXT;

/** JavaScript lower-cases U+0130 (İ) to "i̇" (i + U+0307); the engines' lower() gives "i" or leaves it. */
export const DOTTED_I = '\u0130';
export const DOTTED_I_LOWER = 'i\u0307';

/** The zero-width characters a related key loses (input/keys/normalize-key.ts): ZWSP, word joiner, BOM. */
export const ZERO_WIDTH = ['\u200b', '\u2060', '\ufeff'];

/** `replace(x, c, '')` for each zero-width character, in a dialect's spelling of replace and literals. */
export const dropZeroWidth = (replace: string, str: (value: string) => string) => (x: string): string =>
  ZERO_WIDTH.reduce((acc, c) => `${replace}(${acc}, ${str(c)}, '')`, x);

/** Excel's text-forcing formula `="…"`, the text inside captured (group 1); `end`: the dialect's end of text. */
export const FORMULA = (end: string): string => `^="([^"]*)"${end}`;
