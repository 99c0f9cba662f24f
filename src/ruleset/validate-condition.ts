/**
 * Conditions as written → `Condition`. Forms: all / any / not, a named condition, a column test
 * (`column` plus one operator from the operator table), a score test, BANT criteria and another
 * stage. Arguments are checked by the generic checker against the type of their kind (keys.ts
 * ARG_TYPES, which the schema states too), so a new operator needs no change here.
 */
import { compileRegex, OPERATOR_NAMES, OPERATOR_SYNONYMS, OPERATORS, SCORE_OPERATORS, type ArgKind } from '../model/operators.js';
import { didYouMean } from '../model/suggest.js';
import { get, type Reader } from './reader.js';
import { describeNode, type MapNode, type Node } from './tree.js';
import { ARG_TYPES, FORM_KEYS, type ValueType } from './keys.js';
import { GRADE_DIGITS, GRADE_LETTERS, SCORE_NAMES, type Condition, type ScoreName } from './types.js';
import { BANT_KEYS, type BantKey } from '../model/bant.js';
import { checkValue } from './validate-value.js';

const FORMS = FORM_KEYS;
/** The name a form refers to (a column, a named condition, a score, a stage): text. */
const NAME: ValueType = { t: 'string' };

/** Where a condition stands decides what it may refer to: only stages (and priority bands) see results. */
export interface ConditionScope {
  results: boolean;
  /** the named scores of `scores:`, which score tests may name besides the built-in ones */
  scores?: readonly string[];
}

export function readCondition(r: Reader, node: Node, scope: ConditionScope): Condition | undefined {
  if (node.kind !== 'map') {
    r.error(node.pos, 'VALUE_TYPE', `a condition must be a mapping; got ${describeNode(node)}`);
    return undefined;
  }
  const map = node;
  const form = FORMS.find((f) => map.entries.has(f));
  if (!form) {
    const keys = [...map.entries.keys()];
    const hint = keys.length ? didYouMean(keys[0], [...FORMS, ...OPERATOR_NAMES]) : '';
    r.error(map.pos, 'CONDITION_FORM_MISSING', `a condition needs one of ${FORMS.join(', ')}; got ${keys.length ? keys.join(', ') : 'an empty mapping'}${hint}`);
    return undefined;
  }
  const value = get(map, form)!;
  const pos = map.pos;
  switch (form) {
    case 'all':
    case 'any': {
      onlyKeys(r, map, [form]);
      if (value.kind !== 'seq') {
        r.error(value.pos, 'VALUE_TYPE', `"${form}" must be a list; got ${describeNode(value)}`);
        return undefined;
      }
      if (value.items.length === 0) r.error(value.pos, 'LIST_EMPTY', `"${form}" must list at least one condition`);
      const items = value.items.map((item) => readCondition(r, item, scope));
      return items.every(Boolean) ? { kind: form, items: items as Condition[], pos } : undefined;
    }
    case 'not': {
      onlyKeys(r, map, ['not']);
      const item = readCondition(r, value, scope);
      return item && { kind: 'not', item, pos };
    }
    case 'condition': {
      onlyKeys(r, map, ['condition']);
      const name = checkValue(r, value, NAME, '"condition"') as string | undefined;
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
      const names = checkValue(r, value, ARG_TYPES.strings, '"criteria"') as string[] | undefined;
      if (!names) return undefined;
      const items = value.kind === 'seq' ? value.items : [value];
      const positions = items.map((item) => item.pos);
      const bad = names.map((n, i) => [n, positions[i]] as const).filter(([n]) => !(BANT_KEYS as readonly string[]).includes(n));
      for (const [n, at] of bad) r.error(at, 'BANT_UNKNOWN', `unknown BANT criterion "${n}"; expected ${BANT_KEYS.join(', ')}${didYouMean(n, BANT_KEYS)}`);
      return bad.length ? undefined : { kind: 'criteria', names: names as BantKey[], positions, pos };
    }
    case 'stage': {
      if (!resultsOnly(r, map, scope)) return undefined;
      onlyKeys(r, map, ['stage']);
      const name = checkValue(r, value, NAME, '"stage"') as string | undefined;
      return name === undefined ? undefined : { kind: 'stage', name, pos: value.pos };
    }
  }
}

function onlyKeys(r: Reader, map: MapNode, allowed: string[]): void {
  for (const [key, entry] of map.entries) {
    if (!allowed.includes(key)) r.error(entry.keyPos, 'CONDITION_EXTRA_KEY', `unexpected key "${key}" beside "${allowed[0]}"; write each test as its own condition inside all/any`);
  }
}

function resultsOnly(r: Reader, map: MapNode, scope: ConditionScope): boolean {
  if (scope.results) return true;
  r.error(map.pos, 'CONDITION_RESULTS_ONLY', 'scores, criteria, stages and grades can only be tested in stage conditions and priority bands (they are not known yet here)');
  return false;
}

function readColumnTest(r: Reader, map: MapNode, columnNode: Node): Condition | undefined {
  const column = checkValue(r, columnNode, NAME, '"column"') as string | undefined;
  const ops = [...map.entries.keys()].filter((k) => k !== 'column');
  if (ops.length !== 1) {
    r.error(map.pos, ops.length === 0 ? 'OPERATOR_MISSING' : 'OPERATOR_MULTIPLE', ops.length === 0
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
    r.error(entry.keyPos, 'OPERATOR_UNKNOWN', `unknown operator "${op}"; expected one of ${OPERATOR_NAMES.join(', ')}${hint}`);
    return undefined;
  }
  const arg = readArg(r, entry.node, operator.arg, `the argument of "${op}"`);
  if (arg === undefined || column === undefined) return undefined;
  return { kind: 'column', column: { name: column, pos: columnNode.pos }, op, arg, pos: map.pos };
}

function readScoreTest(r: Reader, map: MapNode, scoreNode: Node, scope: ConditionScope): Condition | undefined {
  const score = checkValue(r, scoreNode, NAME, '"score"') as string | undefined;
  const known = [...SCORE_NAMES, ...(scope.scores ?? [])];
  if (score !== undefined && !known.includes(score)) {
    r.error(scoreNode.pos, 'SCORE_UNKNOWN', `unknown score "${score}"; expected one of ${known.join(', ')}${didYouMean(score, known)}`);
    return undefined;
  }
  const ops = [...map.entries.keys()].filter((k) => k !== 'score');
  const allowed: readonly string[] = SCORE_OPERATORS;
  if (ops.length !== 1 || !allowed.includes(ops[0])) {
    const at = ops.length === 1 ? map.entries.get(ops[0])!.keyPos : map.pos;
    const got = ops.length ? `got ${ops.join(', ')}` : 'got none';
    r.error(at, 'SCORE_OPERATOR_INVALID', `a score test needs exactly one of ${allowed.join(', ')}; ${got}${ops.length === 1 ? didYouMean(ops[0], allowed) : ''}`);
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
    r.error(value.pos, 'LIST_EMPTY', '"grade" must list at least one grade');
    return undefined;
  }
  let mask = 0;
  let ok = true;
  for (const item of items) {
    const bits = item.kind === 'scalar' && item.value !== null ? gradeBits(String(item.text ?? item.value)) : 0;
    if (bits === 0) {
      ok = false;
      r.error(item.pos, 'GRADE_UNKNOWN', `unknown grade ${describeNode(item)}; expected a label A1–D4, a letter A–D (any engagement) or a digit 1–4 (any fit)`);
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

/**
 * Checks an operator argument against the type of its kind and returns it normalised; what the
 * type cannot say (a range whose ends are swapped, a pattern that does not compile) is checked here.
 */
export function readArg(r: Reader, node: Node, kind: ArgKind, what: string): unknown {
  const value = checkValue(r, node, ARG_TYPES[kind], what);
  if (value === undefined) return undefined;
  if (kind === 'range') {
    const [lo, hi] = value as number[];
    if (lo > hi) {
      r.error(node.pos, 'RANGE_ORDER', `${what}: the low end ${lo} is above the high end ${hi}`);
      return undefined;
    }
  }
  if (kind === 'regex') {
    try {
      compileRegex(value as string);
    } catch (error) {
      r.error(node.pos, 'REGEX_INVALID', `invalid regular expression ${JSON.stringify(value)}: ${(error as Error).message}`);
      return undefined;
    }
  }
  return value;
}
