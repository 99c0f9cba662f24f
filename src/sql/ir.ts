/**
 * The SQL back-end's intermediate form: typed expressions over one row, where NULL means "empty"
 * (a cell with no number, date or boolean). Text values are never NULL (an empty cell is ''), and
 * conditions are never NULL either: every test of a possibly empty value is closed with
 * `COALESCE(…, FALSE)` where it is made, so `NOT` and the stage ladder work on two values, as in
 * the JS engine. The compiler (compile.ts) builds these; print.ts writes them in a dialect, whose
 * file says how each primitive (`Prim`) is written there.
 */
export type Prim =
  /** JavaScript's String.prototype.trim(): every Unicode white space, U+FEFF included */
  | 'trim' | 'trimStart' | 'trimEnd'
  /** JavaScript's toLowerCase() */
  | 'lower'
  | 'startsWith' | 'endsWith' | 'contains'
  /** substring(text, from (1-based), length), in characters */
  | 'substr'
  /** a text already known to be a plain decimal, as a double */
  | 'toDouble'
  | 'floor' | 'pow' | 'abs'
  /** a double holding a whole number, as its digits */
  | 'intText'
  /** the text after the last `@` (the whole text when there is none) */
  | 'afterLastAt'
  | 'hasAt'
  /** the warehouse's current date as days since 1970-01-01 */
  | 'today'
  /** the cell is NULL or '' */
  | 'nullToEmpty'
  /** the length of a text in UTF-8 bytes (a key longer than 1024 is no key: input/keys/normalize-key.ts) */
  | 'byteLength'
  /** a double holding a whole number as a 64-bit integer (related days are grouped and joined as integers) */
  | 'toInt'
  /** related keys (input/keys/normalize-key.ts): U+200B, U+2060 and U+FEFF removed wherever they stand */
  | 'dropZeroWidth'
  /** Excel's text-forcing formula `="01003"` (no other quote inside) as the text inside; any other text as it is */
  | 'unwrapFormula'
  /** a leading `mailto:` (of a lower-cased email) removed */
  | 'dropMailto'
  /** Unicode NFC, as String.prototype.normalize('NFC'); the text as it is where the warehouse has no such function (docs/sql.md) */
  | 'nfc';

export type Expr =
  | { k: 'col'; name: string }
  | { k: 'str'; value: string }
  | { k: 'num'; value: number }
  | { k: 'bool'; value: boolean }
  | { k: 'null' }
  | { k: 'fn'; fn: Prim; args: Expr[] }
  /** RE2 search semantics: does the pattern match somewhere in the text */
  /** `pattern` is already in the dialect's flavour (dialect.ts regexPattern); `full`: it must match the whole text */
  | { k: 'regex'; arg: Expr; pattern: string; full?: boolean }
  | { k: 'bin'; op: '+' | '-' | '*' | '/' | '=' | '<>' | '<' | '<=' | '>' | '>=' | '||'; a: Expr; b: Expr }
  | { k: 'and' | 'or'; items: Expr[] }
  | { k: 'not'; item: Expr }
  | { k: 'isNull'; item: Expr; negated: boolean }
  | { k: 'in'; item: Expr; list: Expr[] }
  | { k: 'case'; whens: [Expr, Expr][]; else: Expr }
  | { k: 'coalesce'; items: Expr[] };

export const col = (name: string): Expr => ({ k: 'col', name });
export const str = (value: string): Expr => ({ k: 'str', value });
export const num = (value: number): Expr => ({ k: 'num', value });
export const TRUE: Expr = { k: 'bool', value: true };
export const FALSE: Expr = { k: 'bool', value: false };
export const NULL: Expr = { k: 'null' };
export const fn = (f: Prim, ...args: Expr[]): Expr => ({ k: 'fn', fn: f, args });
export const bin = (op: Extract<Expr, { k: 'bin' }>['op'], a: Expr, b: Expr): Expr => ({ k: 'bin', op, a, b });

export function and(...items: Expr[]): Expr {
  const kept = items.filter((x) => !(x.k === 'bool' && x.value));
  if (kept.some((x) => x.k === 'bool' && !x.value)) return FALSE;
  return kept.length === 0 ? TRUE : kept.length === 1 ? kept[0] : { k: 'and', items: kept };
}

export function or(...items: Expr[]): Expr {
  const kept = items.filter((x) => !(x.k === 'bool' && !x.value));
  if (kept.some((x) => x.k === 'bool' && x.value)) return TRUE;
  return kept.length === 0 ? FALSE : kept.length === 1 ? kept[0] : { k: 'or', items: kept };
}

export function not(item: Expr): Expr {
  if (item.k === 'bool') return { k: 'bool', value: !item.value };
  if (item.k === 'not') return item.item;
  return { k: 'not', item };
}

export const ifThen = (whens: [Expr, Expr][], otherwise: Expr): Expr => (whens.length === 0 ? otherwise : { k: 'case', whens, else: otherwise });
export const isNull = (item: Expr): Expr => ({ k: 'isNull', item, negated: false });
export const notNull = (item: Expr): Expr => ({ k: 'isNull', item, negated: true });
export const coalesce = (...items: Expr[]): Expr => ({ k: 'coalesce', items });
/** A comparison that may see NULL, closed to FALSE. */
export const holds = (test: Expr): Expr => (test.k === 'bool' ? test : coalesce(test, FALSE));
export const concat = (...parts: Expr[]): Expr => parts.reduce((a, b) => bin('||', a, b));

/** JavaScript's Math.round(y): the nearest whole number, halves up (towards +∞), on doubles. */
export function jsRound(y: Expr): Expr {
  const f = fn('floor', y);
  return ifThen([[bin('>=', bin('-', y, f), num(0.5)), bin('+', f, num(1))]], f);
}

/** model/cents.ts round2: Math.round(x * 100) / 100. */
export const round2 = (x: Expr): Expr => bin('/', jsRound(bin('*', x, num(100))), num(100));
