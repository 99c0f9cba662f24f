/**
 * The text machinery of ruleset/edit.ts: changes spliced into a ruleset's source by the source
 * ranges the yaml package keeps, so that everything not changed stays byte for byte.
 *
 * An edit is made in steps (`edited`): each step parses the text the previous one wrote and
 * splices its changes into it. Changes of one step are disjoint by construction, and `Splices`
 * refuses overlapping ones rather than write a mangled file: two changes that touch the same
 * text (removing `scores:` where new rules are inserted) belong to different steps.
 */
import { Document, isMap, isSeq, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

export const asMap = (n: unknown): YAMLMap | undefined => (isMap(n) ? n : undefined);
export const asSeq = (n: unknown): YAMLSeq | undefined => (isSeq(n) ? n : undefined);
/** A node's source range: [start, end of value, end of node (with its trailing comment and line break)]. */
export const rangeOf = (n: unknown): [number, number, number] => (n as Node).range!;

/** The key `key` of a map and its pair. */
export const pairOf = (map: YAMLMap, key: string): Pair | undefined =>
  map.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);

/** Text changes on one source, applied from the end so that earlier offsets stay valid. */
export class Splices {
  private readonly edits: { start: number; end: number; text: string; order: number }[] = [];
  /** comments to add at a line's end, by the offset of that end */
  private readonly comments = new Map<number, string[]>();
  readonly eol: string;

  constructor(readonly source: string) {
    this.eol = source.includes('\r\n') ? '\r\n' : '\n';
  }

  /** Replaces [start, end) with `text`; start = end inserts before what stands at `start`. */
  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, order: this.edits.length });
  }

  lineStart(offset: number): number {
    return this.source.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Where the line holding `offset` ends (before its \r\n or \n). */
  lineEnd(offset: number): number {
    let end = this.source.indexOf('\n', offset);
    if (end < 0) end = this.source.length;
    return end > 0 && this.source[end - 1] === '\r' ? end - 1 : end;
  }

  /**
   * A node's end made a whole line's end: past the line break of its last line. The yaml package
   * may end a node inside the next line's indentation: that line is not the node's.
   */
  throughLine(end: number): number {
    if (end >= this.source.length || this.source[end - 1] === '\n') return end;
    if (/^ *$/.test(this.source.slice(this.lineStart(end), end))) return this.lineStart(end);
    return Math.min(this.source.length, this.lineEnd(end) + this.eol.length);
  }

  /** The whole lines of a block item or pair: from its line's start through its last line's break. */
  lines(node: unknown, from: unknown = node): { start: number; end: number; indent: string } {
    const start = this.lineStart(rangeOf(from)[0]);
    return { start, end: this.throughLine(rangeOf(node)[2]), indent: this.source.slice(start, rangeOf(from)[0]).replace(/\S.*$/, '') };
  }

  /** A comment at the end of the line holding `offset`, after one already there. */
  comment(offset: number, text: string): void {
    const at = this.lineEnd(offset);
    this.comments.set(at, [...(this.comments.get(at) ?? []), text]);
  }

  apply(): string {
    const edits = [...this.edits];
    for (const [at, texts] of this.comments) {
      const line = this.source.slice(this.lineStart(at), at);
      // a comment is a # after white space (or at the start), outside quotes: near enough for a line of a ruleset
      const commented = /(^|\s)#/.test(line.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '""'));
      edits.push({ start: at, end: at, text: commented ? `; ${texts.join('; ')}` : ` # ${texts.join('; ')}`, order: edits.length });
    }
    // from the end; at one offset a replaced range before insertions, and insertions in the order made
    const sorted = edits.sort((a, b) => b.start - a.start || b.end - a.end || b.order - a.order);
    let out = this.source;
    let limit = this.source.length;
    for (const e of sorted) {
      // a change reaching into text a later one already replaced would splice into the wrong bytes
      if (e.end > limit) throw new Error(`ruleset edit: two changes overlap at offset ${e.start}–${e.end} and ${limit} (a bug of the edit's steps)`);
      out = out.slice(0, e.start) + e.text + out.slice(e.end);
      limit = e.start;
    }
    return out;
  }
}

/** One step of an edit: `change` reads the parsed source and records its splices; the text they make. */
export function edited(source: string, change: (doc: Document.Parsed, sp: Splices) => void): string {
  const sp = new Splices(source);
  change(parseDocument(source), sp);
  return sp.apply();
}

/** Sets a scalar's value, keeping everything around it. */
export function setScalar(sp: Splices, node: Node, value: number): void {
  const [start, end] = rangeOf(node);
  sp.replace(start, end, String(value));
}

/**
 * Removes one key of a map: in a block map its lines, in a flow map its entry and one comma.
 * Returns false when the map would be left empty (the caller removes the map instead).
 */
export function removePair(sp: Splices, map: YAMLMap, pair: Pair): boolean {
  if (map.items.length <= 1) return false;
  const end = (p: Pair) => rangeOf(p.value ?? p.key)[1];
  if (map.flow) {
    const i = map.items.indexOf(pair);
    if (i > 0) sp.replace(end(map.items[i - 1]), end(pair), '');
    else sp.replace(rangeOf(pair.key)[0], rangeOf(map.items[1].key)[0], '');
    return true;
  }
  const { start, end: through } = sp.lines(pair.value ?? pair.key, pair.key);
  sp.replace(start, through, '');
  return true;
}

/** Text lines as comment lines at an indent. */
export const commentLines = (sp: Splices, indent: string, texts: string[]): string => texts.map((t) => `${indent}# ${t}${sp.eol}`).join('');

/**
 * Items of a flow list written as block items at `indent` (`- ` and the item): an item on one
 * line exactly as written; one on several lines, or in `rewrite` (made block by the caller), written
 * by the yaml package (its comments and quoting kept).
 */
export function blockItems(sp: Splices, items: unknown[], indent: string, rewrite: Set<unknown> = new Set()): string {
  const lines: string[] = [];
  for (const item of items) {
    const own = sp.source.slice(rangeOf(item)[0], rangeOf(item)[1]);
    const text = own.includes('\n') || rewrite.has(item) ? written(item as Node) : own;
    text.split('\n').forEach((line, j) => lines.push(`${indent}${j === 0 ? '- ' : '  '}${line}`));
  }
  return lines.map((l) => `${l}${sp.eol}`).join('');
}

/** A node written on its own by the yaml package, without its final line break. */
function written(node: Node): string {
  const doc = new Document();
  doc.contents = node;
  return doc.toString({ lineWidth: 0 }).replace(/\n$/, '');
}
