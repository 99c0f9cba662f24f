/**
 * What a warehouse's SQL must say for leadq's semantics: a small table of primitives per dialect
 * (dialects/*.ts), each citing the documentation it relies on, and the one printer that writes
 * the IR (ir.ts) with them. Everything else (CASE, AND, comparisons, `||`) is written the same in
 * every dialect the back-end supports.
 */
import type { Expr, Prim } from './ir.js';
import { parseRegex, printRegex, RegexUnsupported, splitRegex, type RegexFlavour, type RegexNode } from './regex.js';

export const DIALECTS = ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark'] as const;
export type DialectName = (typeof DIALECTS)[number];

/** Where a dialect's behaviour is written down: primitive → documentation and why it is written so. */
export interface Citation {
  doc: string;
  note: string;
}

export interface Dialect {
  name: DialectName;
  /** an identifier, quoted */
  ident: (name: string) => string;
  /** a text literal (non-printing characters spelt so the query stays readable) */
  str: (value: string) => string;
  /** a DOUBLE literal equal to the JavaScript number */
  num: (value: number) => string;
  /** primitives over already printed arguments */
  prims: Record<Prim, (...args: string[]) => string>;
  /** RE2 engines take the pattern as it is (`re2`); others get a translation in this flavour */
  regex: { kind: 're2'; search: (text: string, pattern: string) => string; full?: (text: string, pattern: string) => string } | { kind: 'translate'; flavour: RegexFlavour; search: (text: string, pattern: string) => string; full?: undefined };
  /** the final projection: every input column (the helpers of these names left out) */
  star: (helpers: string[]) => string;
  /** `AS MATERIALIZED`: PostgreSQL would otherwise inline every step into the next, the expressions growing step by step */
  materialize?: boolean;
  /** how the first step keeps the input row when `star` cannot leave helpers out (PostgreSQL) */
  keepRow?: { column: string; expand: string };
  /** the primitive → its documentation, for the docs, the self-test and review */
  citations: Record<string, Citation>;
  /** a one-line table of (name, expected, got) rows for the self-test, over VALUES */
  values: (rows: string[][], columns: string[]) => string;
}

/** Thrown for a rule with no faithful form in the dialect; the compiler names the rule. */
export class NoFaithfulForm extends Error {}

/** The pattern for `dialect`, or NoFaithfulForm. */
export function regexPattern(dialect: Dialect, source: string): string {
  const { pattern, ignoreCase } = splitRegex(source);
  if (dialect.regex.kind === 're2') return ignoreCase ? `(?i)${pattern}` : pattern;
  let tree: RegexNode;
  try {
    tree = parseRegex(pattern);
    return printRegex(tree, dialect.regex.flavour, ignoreCase);
  } catch (error) {
    if (error instanceof RegexUnsupported) throw new NoFaithfulForm(`matches: ${JSON.stringify(source)} has no faithful form in ${dialect.name}: ${error.message} is not translated`);
    throw error;
  }
}

/**
 * A test that the whole text matches `pattern` (leadq's own patterns: numbers, dates, emails):
 * the dialect's full-match function where it has one (DuckDB's is several times faster than a
 * search anchored with ^ and $), else a search for ^(?:pattern)$.
 */
export function fullMatch(d: Dialect, arg: Expr, pattern: string): Expr {
  if (d.regex.kind === 're2' && d.regex.full) return { k: 'regex', arg, pattern: regexPattern(d, pattern), full: true };
  return { k: 'regex', arg, pattern: regexPattern(d, `^(?:${pattern})$`) };
}

/** `name AS (body)`, MATERIALIZED where the dialect needs it (one CTE of a WITH list). */
export function cte(d: Dialect, name: string, body: string): string {
  return `${d.ident(name)} AS ${d.materialize ? 'MATERIALIZED ' : ''}(\n  ${body}\n)`;
}

/** Writes an expression in the dialect. */
export function print(e: Expr, d: Dialect): string {
  const p = (x: Expr): string => print(x, d);
  switch (e.k) {
    case 'col': return d.ident(e.name);
    case 'str': return d.str(e.value);
    case 'num': return d.num(e.value);
    case 'bool': return e.value ? 'TRUE' : 'FALSE';
    case 'null': return 'NULL';
    // substring positions are whole numbers, written as such
    case 'fn': return d.prims[e.fn](...e.args.map((a, i) => (e.fn === 'substr' && i > 0 && a.k === 'num' ? String(a.value) : p(a))));
    case 'regex': return e.full && d.regex.full ? d.regex.full(p(e.arg), e.pattern) : d.regex.search(p(e.arg), e.pattern);
    case 'bin': return `(${p(e.a)} ${e.op} ${p(e.b)})`;
    case 'and': case 'or': return `(${e.items.map(p).join(e.k === 'and' ? ' AND ' : ' OR ')})`;
    case 'not': return `(NOT ${p(e.item)})`;
    case 'isNull': return `(${p(e.item)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    case 'in': return `(${p(e.item)} IN (${e.list.map(p).join(', ')}))`;
    case 'case': return `(CASE ${e.whens.map(([w, t]) => `WHEN ${p(w)} THEN ${p(t)}`).join(' ')} ELSE ${p(e.else)} END)`;
    case 'coalesce': return `COALESCE(${e.items.map(p).join(', ')})`;
  }
}

/** JavaScript's white space, which String.prototype.trim() removes (and isValidEmail refuses). */
export const JS_SPACE = [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
export const JS_SPACE_TEXT = String.fromCodePoint(...JS_SPACE);

/** Characters a literal spells out rather than writes: controls, spaces other than ' ', format characters. */
export function isInvisible(cp: number): boolean {
  return cp < 32 || (cp >= 0x7f && cp <= 0xa0) || (JS_SPACE.includes(cp) && cp !== 32) || (cp >= 0x200b && cp <= 0x200f) || cp === 0x2060 || cp === 0xad;
}

/** A number literal as JavaScript writes it (shortest round trip), for CAST('…' AS DOUBLE). */
export function jsNumberText(value: number): string {
  if (!Number.isFinite(value)) throw new NoFaithfulForm(`the number ${value} has no literal`);
  return String(value);
}

export { RegexUnsupported };
