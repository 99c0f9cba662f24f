/**
 * Conditions as written → `Condition`. Forms: all / any / not, a named condition, a column test
 * (`column` plus one operator from the operator table), a score test, BANT criteria and another
 * stage. Argument checks follow the operator table, so a new operator needs no change here.
 */
import { compileRegex, OPERATOR_NAMES, OPERATOR_SYNONYMS, OPERATORS, SCORE_OPERATORS, type ArgKind } from '../model/operators.js';
import { didYouMean } from '../model/suggest.js';
import { get, type Reader } from './reader.js';
import { describeNode, type MapNode, type Node } from './tree.js';
import { FORM_KEYS } from './keys.js';
import { GRADE_DIGITS, GRADE_LETTERS, SCORE_NAMES, type Condition, type ScoreName } from './types.js';
import { BANT_KEYS, type BantKey } from '../model/bant.js';

const FORMS = FORM_KEYS;

/** Where a condition stands decides what it may refer to: only stages (and priority bands) see results. */
export interface ConditionScope {
  results: boolean;
  /** the named scores of `scores:`, which score tests may name besides the built-in ones */
  scores?: readonly string[];
}

export function readCondition(r: Reader, node: Node, scope: ConditionScope): Condition | undefined {
  const map = r.map(node, 'a condition');
  if (!map) return undefined;
  const form = FORMS.find((f) => map.entries.has(f));
  if (!form) {
    const keys = [...map.entries.keys()];
    const hint = keys.length ? didYouMean(keys[0], [...FORMS, ...OPERATOR_NAMES]) : '';
    r.error(map.pos, `a condition needs one of ${FORMS.join(', ')}; got ${keys.length ? keys.join(', ') : 'an empty mapping'}${hint}`);
    return undefined;
  }
  const value = get(map, form)!;
  const pos = map.pos;
  switch (form) {
    case 'all':
    case 'any': {
      onlyKeys(r, map, [form]);
      const seq = r.seq(value, `"${form}"`);
      if (!seq) return undefined;
      if (seq.items.length === 0) r.error(seq.pos, `"${form}" must list at least one condition`);
      const items = seq.items.map((item) => readCondition(r, item, scope));
      return items.every(Boolean) ? { kind: form, items: items as Condition[], pos } : undefined;
    }
    case 'not': {
      onlyKeys(r, map, ['not']);
      const item = readCondition(r, value, scope);
      return item && { kind: 'not', item, pos };
    }
    case 'condition': {
      onlyKeys(r, map, ['condition']);
      const name = r.string(value, '"condition"');
      return name === undefined ? undefined : { kind: 'ref', name, pos: value.pos };
    }
    case 'column':
      return readColumnTest(r, map, value);
    case 'score':
      return resultsOnly(r, map, scope) ? readScoreTest(r, map, value, scope) : undefined;
    case 'grade': {
      if (!resultsOnly(r, map, scope)) return undefined;
      onlyKeys(r, map, ['grade']);
      return readGradeTest(r, value, pos);
    }
    case 'criteria': {
      if (!resultsOnly(r, map, scope)) return undefined;
      onlyKeys(r, map, ['criteria']);
      const names = r.strings(value, '"criteria"');
      if (!names) return undefined;
      const items = value.kind === 'seq' ? value.items : [value];
      const positions = items.map((item) => item.pos);
      const bad = names.map((n, i) => [n, positions[i]] as const).filter(([n]) => !(BANT_KEYS as readonly string[]).includes(n));
      for (const [n, at] of bad) r.error(at, `unknown BANT criterion "${n}"; expected ${BANT_KEYS.join(', ')}${didYouMean(n, BANT_KEYS)}`);
      return bad.length ? undefined : { kind: 'criteria', names: names as BantKey[], positions, pos };
    }
    case 'stage': {
      if (!resultsOnly(r, map, scope)) return undefined;
      onlyKeys(r, map, ['stage']);
      const name = r.string(value, '"stage"');
      return name === undefined ? undefined : { kind: 'stage', name, pos: value.pos };
    }
  }
}

function onlyKeys(r: Reader, map: MapNode, allowed: string[]): void {
  for (const [key, entry] of map.entries) {
    if (!allowed.includes(key)) r.error(entry.keyPos, `unexpected key "${key}" beside "${allowed[0]}"; write each test as its own condition inside all/any`);
  }
}

function resultsOnly(r: Reader, map: MapNode, scope: ConditionScope): boolean {
  if (scope.results) return true;
  r.error(map.pos, 'scores, criteria, stages and grades can only be tested in stage conditions and priority bands (they are not known yet here)');
  return false;
}

function readColumnTest(r: Reader, map: MapNode, columnNode: Node): Condition | undefined {
  const column = r.string(columnNode, '"column"');
  const ops = [...map.entries.keys()].filter((k) => k !== 'column');
  if (ops.length !== 1) {
    r.error(map.pos, ops.length === 0
      ? `the test on column "${column ?? '?'}" needs an operator: one of ${OPERATOR_NAMES.join(', ')}`
      : `one operator per column test; got ${ops.join(', ')} (combine tests with all/any)`);
    return undefined;
  }
  const op = ops[0];
  const entry = map.entries.get(op)!;
  const operator = OPERATORS[op];
  if (!operator) {
    const synonym = OPERATOR_SYNONYMS[op.trim().toLowerCase().replace(/[\s-]+/g, '_')];
    const hint = synonym ? `; did you mean "${synonym}"?` : didYouMean(op, OPERATOR_NAMES);
    r.error(entry.keyPos, `unknown operator "${op}"; expected one of ${OPERATOR_NAMES.join(', ')}${hint}`);
    return undefined;
  }
  const arg = readArg(r, entry.node, operator.arg, `the argument of "${op}"`);
  if (arg === undefined || column === undefined) return undefined;
  return { kind: 'column', column: { name: column, pos: columnNode.pos }, op, arg, pos: map.pos };
}

function readScoreTest(r: Reader, map: MapNode, scoreNode: Node, scope: ConditionScope): Condition | undefined {
  const score = r.string(scoreNode, '"score"');
  const known = [...SCORE_NAMES, ...(scope.scores ?? [])];
  if (score !== undefined && !known.includes(score)) {
    r.error(scoreNode.pos, `unknown score "${score}"; expected one of ${known.join(', ')}${didYouMean(score, known)}`);
    return undefined;
  }
  const ops = [...map.entries.keys()].filter((k) => k !== 'score');
  const allowed: readonly string[] = SCORE_OPERATORS;
  if (ops.length !== 1 || !allowed.includes(ops[0])) {
    const at = ops.length === 1 ? map.entries.get(ops[0])!.keyPos : map.pos;
    const got = ops.length ? `got ${ops.join(', ')}` : 'got none';
    r.error(at, `a score test needs exactly one of ${allowed.join(', ')}; ${got}${ops.length === 1 ? didYouMean(ops[0], allowed) : ''}`);
    return undefined;
  }
  const op = ops[0];
  const kind: ArgKind = op === 'between' ? 'range' : 'number';
  const arg = readArg(r, map.entries.get(op)!.node, kind, `the argument of "${op}"`);
  if (arg === undefined || score === undefined) return undefined;
  return { kind: 'score', score: score as ScoreName, op, arg, pos: map.pos };
}

/**
 * `{ grade: A1 }`, `{ grade: A }` (any engagement digit), `{ grade: 1 }` (any fit letter), or a list
 * of these: compiled to a mask with bit fitGrade * 4 + engagementGrade for every grade accepted.
 */
function readGradeTest(r: Reader, value: Node, pos: Condition['pos']): Condition | undefined {
  const items = value.kind === 'seq' ? value.items : [value];
  if (items.length === 0) {
    r.error(value.pos, '"grade" must list at least one grade');
    return undefined;
  }
  let mask = 0;
  let ok = true;
  for (const item of items) {
    const bits = item.kind === 'scalar' && item.value !== null ? gradeBits(String(item.text ?? item.value)) : 0;
    if (bits === 0) {
      ok = false;
      r.error(item.pos, `unknown grade ${describeNode(item)}; expected a label A1–D4, a letter A–D (any engagement) or a digit 1–4 (any fit)`);
    }
    mask |= bits;
  }
  return ok ? { kind: 'grade', mask, pos } : undefined;
}

export function gradeBits(text: string): number {
  const t = text.trim().toUpperCase();
  const letter = (GRADE_LETTERS as readonly string[]).indexOf(t[0]);
  const digit = (GRADE_DIGITS as readonly string[]).indexOf(t[t.length - 1]);
  if (t.length === 2 && letter >= 0 && digit >= 0) return 1 << (letter * 4 + digit);
  if (t.length !== 1) return 0;
  let mask = 0;
  for (let i = 0; i < 4; i++) {
    if (letter >= 0) mask |= 1 << (letter * 4 + i);
    if (digit >= 0) mask |= 1 << (i * 4 + digit);
  }
  return mask;
}

/** Checks an operator argument against its kind and returns it normalised. */
export function readArg(r: Reader, node: Node, kind: ArgKind, what: string): unknown {
  switch (kind) {
    case 'scalar':
      if (node.kind === 'scalar' && node.value !== null) return node.value;
      r.error(node.pos, `${what} must be text, a number or true/false; got ${describeNode(node)}`);
      return undefined;
    case 'string':
      return r.string(node, what);
    case 'strings':
      return r.strings(node, what);
    case 'number':
      return r.number(node, what);
    case 'flag':
      return r.boolean(node, what);
    case 'days': {
      const n = r.number(node, what);
      if (n !== undefined && (!Number.isInteger(n) || n < 0)) {
        r.error(node.pos, `${what} must be a whole number of days, 0 or more; got ${n}`);
        return undefined;
      }
      return n;
    }
    case 'range': {
      const seq = node.kind === 'seq' && node.items.length === 2 ? node : undefined;
      if (!seq) {
        r.error(node.pos, `${what} must be a list of two numbers [low, high]; got ${describeNode(node)}`);
        return undefined;
      }
      const lo = r.number(seq.items[0], `the low end of ${what}`);
      const hi = r.number(seq.items[1], `the high end of ${what}`);
      if (lo === undefined || hi === undefined) return undefined;
      if (lo > hi) {
        r.error(node.pos, `${what}: the low end ${lo} is above the high end ${hi}`);
        return undefined;
      }
      return [lo, hi];
    }
    case 'regex': {
      const source = r.string(node, what);
      if (source === undefined) return undefined;
      try {
        compileRegex(source);
        return source;
      } catch (error) {
        r.error(node.pos, `invalid regular expression ${JSON.stringify(source)}: ${(error as Error).message}`);
        return undefined;
      }
    }
  }
}
