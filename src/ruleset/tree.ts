/**
 * A ruleset as written: the YAML document reduced to plain values that each keep their position,
 * so every later check can say `rules.yaml:line:col`. Maps are `Map`s, so a key such as
 * `__proto__` is just a key and never touches an object prototype.
 */
export interface Pos {
  line: number;
  col: number;
}

export type Scalar = string | number | boolean | null;

export type Node =
  | { kind: 'scalar'; value: Scalar; pos: Pos; /** how a number was written, e.g. "007" */ text?: string }
  | { kind: 'seq'; items: Node[]; pos: Pos }
  | { kind: 'map'; entries: Map<string, Entry>; pos: Pos };

export interface Entry {
  keyPos: Pos;
  node: Node;
}

export type MapNode = Extract<Node, { kind: 'map' }>;
export type SeqNode = Extract<Node, { kind: 'seq' }>;

export function describeNode(node: Node): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  if (node.value === null) return 'nothing';
  return typeof node.value === 'string' ? `the text ${JSON.stringify(node.value)}` : `${typeof node.value} ${String(node.value)}`;
}

// ---------------------------------------------------------------- key paths

/**
 * The key path of every position the tree holds, e.g. `engagement[3].points`. The parser makes one
 * Pos object per value and per key and records its path here, so whatever keeps a position (a
 * condition, a column reference, a stage) can have its issues say the path too, without a path
 * field on every type of the Ruleset. Weak: the paths go when the tree does. A copied Pos has no
 * path; its issues then give the position alone.
 */
const PATHS = new WeakMap<Pos, string>();

export function recordPath(pos: Pos, path: string): void {
  PATHS.set(pos, path);
}

/** The key path of a position of the tree; '' for the top of the document or a position not from the tree. */
export function pathAt(pos: Pos | undefined): string {
  return (pos && PATHS.get(pos)) ?? '';
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
// C1 controls and the bidi controls JSON.stringify leaves as they are (it escapes C0 itself)
const UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `a.b`, `a[3]`, `columns["Job Title"]`: a key that is not a plain name is quoted as JSON. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (IDENTIFIER.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}]`;
}
