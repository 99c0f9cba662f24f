/**
 * leadq's `matches` patterns (RE2 syntax, search semantics, `/…/i` for case-insensitive) for SQL
 * engines whose regex flavour is not RE2. RE2 engines (DuckDB, BigQuery) take the pattern as it
 * is. For the others the pattern is parsed here into a small tree and printed again with nothing
 * left to the engine's interpretation: `\d` `\w` `\s` and `.` become explicit ASCII classes (RE2's
 * meaning), `/i` becomes explicit case variants (RE2 folds `k` to the Kelvin sign, PostgreSQL and
 * Java do not), `\b` becomes look-arounds over RE2's ASCII word characters (`\b` is a backspace in
 * PostgreSQL, a Unicode boundary in Java). A construct outside the subset parsed here is refused
 * by the caller, naming the rule and the dialect: never an approximation.
 */

export type RegexNode =
  | { t: 'set'; ranges: [number, number][]; negated: boolean }
  | { t: 'begin' }
  | { t: 'end' }
  | { t: 'word'; negated: boolean }
  | { t: 'seq'; items: RegexNode[] }
  | { t: 'alt'; items: RegexNode[] }
  | { t: 'group'; body: RegexNode }
  | { t: 'rep'; body: RegexNode; min: number; max: number };

export class RegexUnsupported extends Error {}

const DIGIT: [number, number][] = [[48, 57]];
const WORD: [number, number][] = [[48, 57], [65, 90], [95, 95], [97, 122]];
/** RE2's \s: tab, newline, form feed, carriage return, space (not \v) */
const SPACE: [number, number][] = [[9, 10], [12, 13], [32, 32]];
const MAX_CP = 0x10ffff;

/** `/pattern/flags` or a bare pattern (model/operators.ts compileRegex): the pattern and whether it ignores case. */
export function splitRegex(source: string): { pattern: string; ignoreCase: boolean } {
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(source);
  if (!literal) return { pattern: source, ignoreCase: false };
  return { pattern: literal[1], ignoreCase: literal[2] === 'i' };
}

/** Parses the subset of RE2 syntax leadq translates; throws RegexUnsupported naming what is not. */
export function parseRegex(pattern: string): RegexNode {
  const cps = [...pattern].map((c) => c.codePointAt(0)!);
  let i = 0;
  const peek = () => cps[i];
  const ch = (c: string) => c.codePointAt(0)!;
  const unsupported = (what: string): never => { throw new RegexUnsupported(what); };

  const parseAlt = (): RegexNode => {
    const items = [parseSeq()];
    while (peek() === ch('|')) { i++; items.push(parseSeq()); }
    return items.length === 1 ? items[0] : { t: 'alt', items };
  };
  const parseSeq = (): RegexNode => {
    const items: RegexNode[] = [];
    while (i < cps.length && peek() !== ch('|') && peek() !== ch(')')) {
      let atom = parseAtom();
      for (;;) {
        const rep = parseRepeat();
        if (!rep) break;
        if (atom.t === 'begin' || atom.t === 'end' || atom.t === 'word' || atom.t === 'rep') unsupported('a repeated anchor or repetition');
        atom = { t: 'rep', body: atom, ...rep };
      }
      items.push(atom);
    }
    return { t: 'seq', items };
  };
  const parseRepeat = (): { min: number; max: number } | null => {
    const c = peek();
    let rep: { min: number; max: number } | null = null;
    if (c === ch('*')) { i++; rep = { min: 0, max: Infinity }; }
    else if (c === ch('+')) { i++; rep = { min: 1, max: Infinity }; }
    else if (c === ch('?')) { i++; rep = { min: 0, max: 1 }; }
    else if (c === ch('{')) {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(String.fromCodePoint(...cps.slice(i, i + 16)));
      if (!m) return null; // a literal brace, as in RE2
      i += [...m[0]].length;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      rep = { min, max };
    }
    if (rep && peek() === ch('?')) i++; // lazy: the same answer for "is there a match"
    return rep;
  };
  const parseAtom = (): RegexNode => {
    const c = cps[i++];
    if (c === ch('(')) {
      if (peek() === ch('?')) {
        const rest = String.fromCodePoint(...cps.slice(i, i + 40));
        const named = /^\?P?<[A-Za-z0-9_]+>/.exec(rest);
        if (rest.startsWith('?:')) i += 2;
        else if (named) i += named[0].length;
        else unsupported('a flag group or look-around');
      }
      const body = parseAlt();
      if (cps[i++] !== ch(')')) unsupported('an unclosed group');
      return { t: 'group', body };
    }
    if (c === ch(')')) unsupported('an unopened group');
    if (c === ch('[')) return parseClass();
    if (c === ch('.')) return { t: 'set', ranges: [[10, 10]], negated: true };
    if (c === ch('^')) return { t: 'begin' };
    if (c === ch('$')) return { t: 'end' };
    if (c === ch('*') || c === ch('+') || c === ch('?')) unsupported('a repetition of nothing');
    if (c === ch('\\')) {
      const e = cps[i++];
      if (e === ch('b') || e === ch('B')) return { t: 'word', negated: e === ch('B') };
      if (e === ch('A')) return { t: 'begin' };
      if (e === ch('z')) return { t: 'end' };
      return { t: 'set', ...escapeSet(e) };
    }
    return { t: 'set', ranges: [[c, c]], negated: false };
  };
  /** An escape outside or inside a class: its code points and whether they are negated. */
  const escapeSet = (e: number | undefined): { ranges: [number, number][]; negated: boolean } => {
    if (e === undefined) return unsupported('a trailing backslash');
    const perl: Record<string, [number, number][]> = { d: DIGIT, w: WORD, s: SPACE };
    const letter = String.fromCodePoint(e);
    if (perl[letter]) return { ranges: perl[letter], negated: false };
    if (perl[letter.toLowerCase()] && letter !== letter.toLowerCase()) return { ranges: perl[letter.toLowerCase()], negated: true };
    const simple: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7 };
    if (simple[letter] !== undefined) return { ranges: [[simple[letter], simple[letter]]], negated: false };
    if (letter === 'x') {
      const rest = String.fromCodePoint(...cps.slice(i, i + 12));
      const m = /^(?:\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{2}))/.exec(rest);
      if (!m) return unsupported('a malformed \\x escape');
      i += m[0].length;
      const cp = parseInt(m[1] ?? m[2], 16);
      if (cp > MAX_CP) unsupported('a code point beyond U+10FFFF');
      return { ranges: [[cp, cp]], negated: false };
    }
    // punctuation stands for itself; letters and digits are escapes of their own (\p, \Q, \C, \1 …)
    if (/[A-Za-z0-9]/.test(letter)) return unsupported(`the escape \\${letter}`);
    return { ranges: [[e, e]], negated: false };
  };
  const parseClass = (): RegexNode => {
    let negated = false;
    if (peek() === ch('^')) { negated = true; i++; }
    const ranges: [number, number][] = [];
    let first = true;
    while (i < cps.length && (first || peek() !== ch(']'))) {
      first = false;
      if (peek() === ch('[') && cps[i + 1] === ch(':')) unsupported('a POSIX class such as [:alpha:]');
      const lo = classAtom(ranges);
      if (lo === null) continue;
      if (peek() === ch('-') && cps[i + 1] !== ch(']') && cps[i + 1] !== undefined) {
        i++;
        const hi = classAtom(ranges);
        if (hi === null || hi < lo) unsupported('a bad range in a class');
        ranges.push([lo, hi!]);
      } else ranges.push([lo, lo]);
    }
    if (cps[i++] !== ch(']')) unsupported('an unclosed class');
    return { t: 'set', ranges: normalise(ranges), negated };
  };
  /** One character of a class, or null after adding a Perl class (\d, \w, \s; negated ones refused) to `ranges`. */
  const classAtom = (ranges: [number, number][]): number | null => {
    const c = cps[i++];
    if (c !== ch('\\')) return c;
    const e = cps[i++];
    if (e === ch('b')) return 8; // a backspace inside a class, as in RE2
    const set = escapeSet(e);
    if (set.ranges.length === 1 && set.ranges[0][0] === set.ranges[0][1] && !set.negated && !/[dws]/.test(String.fromCodePoint(e))) return set.ranges[0][0];
    ranges.push(...(set.negated ? complement(set.ranges) : set.ranges));
    return null;
  };

  const tree = parseAlt();
  if (i < cps.length) unsupported('an unopened group');
  return tree;
}

/** Sorted, merged ranges. */
export function normalise(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function complement(ranges: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of normalise(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

// ---------------------------------------------------------------- case folding

let orbits: Map<number, number[]> | null = null;

/**
 * RE2's case-folding orbits (Unicode simple case folding: `k` K U+212A, `s` S U+017F, σ ς Σ), built
 * from JavaScript's one-to-one case mappings. The dotted and dotless i of Turkish are not folded by
 * RE2 (only by Turkic rules), so they are left out.
 */
function foldOrbits(): Map<number, number[]> {
  if (orbits) return orbits;
  const parent = new Map<number, number>();
  const find = (x: number): number => { let r = x; while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!; return r; };
  const union = (a: number, b: number) => { const ra = find(a); const rb = find(b); if (ra !== rb) parent.set(ra, rb); if (!parent.has(rb)) parent.set(rb, rb); };
  for (let cp = 0; cp <= 0x1ffff; cp++) {
    if (cp === 0x130 || cp === 0x131 || (cp >= 0xd800 && cp <= 0xdfff)) continue;
    const s = String.fromCodePoint(cp);
    for (const mapped of [s.toLowerCase(), s.toUpperCase()]) {
      const m = mapped.codePointAt(0)!;
      if (mapped !== s && [...mapped].length === 1 && m !== 0x130 && m !== 0x131) union(cp, m);
    }
  }
  const groups = new Map<number, number[]>();
  for (const cp of parent.keys()) {
    const r = find(cp);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(cp);
  }
  orbits = new Map();
  for (const members of groups.values()) if (members.length > 1) for (const m of members) orbits.set(m, members);
  return orbits;
}

/** The ranges with every member's case variants added, as RE2 does under `(?i)`. */
export function foldRanges(ranges: [number, number][]): [number, number][] {
  const out: [number, number][] = [...ranges];
  const table = foldOrbits();
  let budget = 0x30000;
  for (const [lo, hi] of ranges) {
    budget -= hi - lo + 1;
    if (budget < 0) throw new RegexUnsupported('a class too large to fold case in');
    for (let cp = lo; cp <= hi; cp++) for (const m of table.get(cp) ?? []) out.push([m, m]);
  }
  return normalise(out);
}

// ---------------------------------------------------------------- printing

/** How a non-RE2 flavour writes what the tree needs. */
export interface RegexFlavour {
  name: string;
  /** `(?:x)` where supported, else a capturing group (only whether it matches is asked) */
  group: (body: string) => string;
  begin: string;
  end: string;
  /** a word boundary with RE2's ASCII word characters, or null when the flavour has no faithful form */
  wordBoundary: (negated: boolean) => string | null;
  /** a character outside a class (already known not to be special to `escape`) */
  char: (cp: number) => string;
  /** a bracket expression for sorted ranges */
  set: (ranges: [number, number][], negated: boolean) => string;
  /** the largest count of a bounded repetition */
  maxCount: number;
  /** empty alternatives (`a|`) are refused where the flavour leaves them undefined */
  emptyAlternatives: boolean;
}

/** The tree as a pattern of `flavour`, with case folded into explicit classes when `ignoreCase`. */
export function printRegex(node: RegexNode, flavour: RegexFlavour, ignoreCase: boolean): string {
  const p = (n: RegexNode): string => {
    switch (n.t) {
      case 'begin': return flavour.begin;
      case 'end': return flavour.end;
      case 'word': {
        const w = flavour.wordBoundary(n.negated);
        if (w === null) throw new RegexUnsupported(`\\${n.negated ? 'B' : 'b'} (a word boundary)`);
        return w;
      }
      case 'seq': return n.items.map(p).join('');
      case 'alt':
        if (!flavour.emptyAlternatives && n.items.some((x) => x.t === 'seq' && x.items.length === 0)) throw new RegexUnsupported('an empty alternative');
        return flavour.group(n.items.map(p).join('|'));
      case 'group': return flavour.group(p(n.body));
      case 'rep': {
        if (n.max !== Infinity && n.max > flavour.maxCount) throw new RegexUnsupported(`a repetition count above ${flavour.maxCount}`);
        if (n.min > flavour.maxCount) throw new RegexUnsupported(`a repetition count above ${flavour.maxCount}`);
        const body = n.body.t === 'set' || n.body.t === 'group' ? p(n.body) : flavour.group(p(n.body));
        const q = n.min === 0 && n.max === Infinity ? '*' : n.min === 1 && n.max === Infinity ? '+' : n.min === 0 && n.max === 1 ? '?'
          : n.max === Infinity ? `{${n.min},}` : n.min === n.max ? `{${n.min}}` : `{${n.min},${n.max}}`;
        return body + q;
      }
      case 'set': {
        const ranges = ignoreCase ? foldRanges(n.ranges) : normalise(n.ranges);
        if (!n.negated && ranges.length === 1 && ranges[0][0] === ranges[0][1]) return flavour.char(ranges[0][0]);
        if (ranges.length === 0) throw new RegexUnsupported('an empty class');
        return flavour.set(ranges, n.negated);
      }
    }
  };
  return p(node);
}

/** RE2's word characters as a class body and the boundary as look-arounds (PostgreSQL, Java). */
export function lookaroundBoundary(word: string): (negated: boolean) => string {
  return (negated) => negated
    ? `(?:(?<=${word})(?=${word})|(?<!${word})(?!${word}))`
    : `(?:(?<!${word})(?=${word})|(?<=${word})(?!${word}))`;
}

export const ASCII_WORD_CLASS = '[0-9A-Za-z_]';
