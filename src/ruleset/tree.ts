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
