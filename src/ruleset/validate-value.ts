/**
 * The generic checker: a value against its type in the key table (keys.ts). This is the one
 * implementation of the per-value rules — kinds, enums, ranges, cents, patterns, reserved names,
 * dates, durations, required and unknown keys, list lengths — and schema.ts writes the same table
 * as the JSON Schema, so the validator and the schema accept the same values (a test walks the
 * table to hold them to it). Checking the ruleset shape is the validator's first pass; the
 * hand-written rules that relate values to each other (validate*.ts) read the values it accepted
 * with `readValue` and never check a value's type again.
 */
import { closest, didYouMean } from '../model/suggest.js';
import type { RulesetCode } from './issue-codes.js';
import { DATE_PATTERN, durationPattern, reservedPattern, SHAPE_NOUNS, SHAPES, type ShapeName, type ValueType } from './keys.js';
import { get, Reader } from './reader.js';
import { describeNode, type MapNode, type Node } from './tree.js';

type Of<T extends ValueType['t']> = Extract<ValueType, { t: T }>;

const DATE = new RegExp(DATE_PATTERN);
const DURATION = new RegExp(durationPattern());
const MONTHS_OR_YEARS = /^\s*\d+\s*(m|mo|months?|y|years?)\s*$/i;

/** The first pass: the whole ruleset against the key table. */
export function checkShape(r: Reader, root: Node): MapNode | undefined {
  return checkValue(r, root, { t: 'shape', shape: 'ruleset' }, SHAPE_NOUNS.ruleset) as MapNode | undefined;
}

/**
 * The value as the table reads it — a number, the text as written, whole days for a duration, the
 * canonical value of an enum, an array for a list of such values, the mapping for a shape — or
 * undefined after recording why not. `what` names the value in messages (`"points"`, `a rule`).
 */
export function checkValue(r: Reader, node: Node, type: ValueType, what: string): unknown {
  switch (type.t) {
    case 'number':
    case 'integer': return checkNumber(r, node, type, what);
    case 'string': return checkText(r, node, type, what);
    case 'scalar':
      if (node.kind === 'scalar' && node.value !== null) return node.value;
      return mismatch(r, node, 'VALUE_TYPE', what, expected(type));
    case 'boolean':
      if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
      return mismatch(r, node, 'VALUE_TYPE', what, expected(type));
    case 'enum': return checkEnum(r, node, type, what);
    case 'date':
      if (node.kind === 'scalar' && typeof node.value === 'string' && DATE.test(node.value)) return node.value;
      return mismatch(r, node, 'DATE_INVALID', what, expected(type));
    case 'duration': return checkDuration(r, node, type, what);
    case 'strings': return checkStrings(r, node, type, what);
    case 'list': return checkList(r, node, type, what);
    case 'shape': return checkShapeValue(r, node, type, what);
    case 'map': return checkMap(r, node, type, what);
    case 'condition': return node; // conditions are read where they stand (validate-condition.ts)
    case 'oneOf': return checkOneOf(r, node, type, what);
  }
}

/**
 * The value of `key` in a mapping of `shape`, read by the table without recording anything: the
 * first pass reported whatever is wrong with it. Undefined when absent or not valid.
 */
export function readValue<T>(map: MapNode, shape: ShapeName, key: string): T | undefined {
  const node = get(map, key);
  return node === undefined ? undefined : checkValue(new Reader(), node, SHAPES[shape][key].type, '') as T | undefined;
}

/** A value by a type outside the shapes' keys (a free key's value, an operator argument), silently. */
export function readAs<T>(node: Node, type: ValueType): T | undefined {
  return checkValue(new Reader(), node, type, '') as T | undefined;
}

/** How a type is described after "must be": the table's own wording, or one made from the type. */
function expected(type: ValueType): string {
  if (type.expected) return type.expected;
  switch (type.t) {
    case 'number': return ['a number', ...rangeWords(type)].join(', ');
    case 'integer': return ['a whole number', ...rangeWords(type)].join(', ');
    case 'string': return type.patternHelp ?? 'text';
    case 'scalar': return 'text, a number or true/false';
    case 'boolean': return 'true or false';
    case 'enum': return type.values.length === 1 ? String(type.values[0]) : `one of ${type.values.join(', ')}`;
    case 'date': return 'a date written YYYY-MM-DD';
    case 'duration': return 'a number of days or weeks such as 90d or 12w';
    case 'strings': return 'text or a list of texts';
    case 'list': return 'a list';
    case 'shape': case 'map': case 'condition': return 'a mapping';
    case 'oneOf': return type.of.map(expected).join(' or ');
  }
}

function rangeWords(type: Of<'number'> | Of<'integer'>): string[] {
  const words: string[] = [];
  if (type.minimum !== undefined) words.push(`${type.minimum} or more`);
  if (type.t === 'number' && type.maximum !== undefined) words.push(`${type.maximum} or less`);
  if (type.t === 'number' && type.exclusiveMaximum !== undefined) words.push(`below ${type.exclusiveMaximum}`);
  return words.length ? [words.join(' and ')] : [];
}

function mismatch(r: Reader, node: Node, code: RulesetCode, what: string, wanted: string, hint = ''): undefined {
  r.error(node.pos, code, `${what} must be ${wanted}; got ${describeNode(node)}${hint}`);
  return undefined;
}

function checkNumber(r: Reader, node: Node, type: Of<'number'> | Of<'integer'>, what: string): number | undefined {
  const v = node.kind === 'scalar' && typeof node.value === 'number' && Number.isFinite(node.value) ? node.value : undefined;
  if (v === undefined || (type.t === 'integer' && !Number.isInteger(v))) return mismatch(r, node, 'VALUE_TYPE', what, expected(type));
  const low = type.minimum !== undefined && v < type.minimum;
  const high = type.t === 'number' && ((type.maximum !== undefined && v > type.maximum) || (type.exclusiveMaximum !== undefined && v >= type.exclusiveMaximum));
  if (low || high) {
    r.error(node.pos, 'VALUE_RANGE', `${what} must be ${expected(type)}; got ${v}`);
    return undefined;
  }
  if (type.t === 'number' && type.cents && Math.round(v * 100) / 100 !== v) {
    r.error(node.pos, 'VALUE_DECIMALS', `${what} may have at most two decimals (scores are kept to cents so the reasons add up); got ${v}`);
    return undefined;
  }
  return v;
}

function checkText(r: Reader, node: Node, type: Of<'string'>, what: string): string | undefined {
  const ok = node.kind === 'scalar' && (typeof node.value === 'string' || (type.numbers !== false && typeof node.value === 'number'));
  if (!ok) return mismatch(r, node, 'VALUE_TYPE', what, type.expected ?? 'text');
  // a number is the text as written: `007` stays "007"
  const text = node.text ?? String(node.value);
  if (text.trim() === '') return mismatch(r, node, 'VALUE_EMPTY', what, type.expected ?? 'text');
  if (type.pattern !== undefined && !new RegExp(type.pattern).test(text)) return mismatch(r, node, 'VALUE_PATTERN', what, expected(type));
  const reserved = type.reserved && new RegExp(reservedPattern(Object.keys(type.reserved))).test(text)
    ? Object.entries(type.reserved).find(([name]) => name.toLowerCase() === text.toLowerCase()) : undefined;
  if (reserved) {
    r.error(node.pos, 'VALUE_RESERVED', `${JSON.stringify(text)} ${reserved[1]}; choose another name`);
    return undefined;
  }
  return text;
}

function checkEnum(r: Reader, node: Node, type: Of<'enum'>, what: string): string | number | undefined {
  const value = node.kind === 'scalar' ? node.value : undefined;
  let found: string | number | undefined;
  if (type.loose) found = typeof value === 'string' ? type.values.find((v) => String(v) === value.trim().toLowerCase()) : undefined;
  else if (type.asText) found = typeof value === 'string' || typeof value === 'number' ? type.values.find((v) => String(v) === (node.kind === 'scalar' && node.text) || v === value) : undefined;
  else found = type.values.find((v) => v === value);
  if (found !== undefined) return found;
  // the right kind of value but not one of them, or the wrong kind altogether
  const kinds = new Set(type.values.map((v) => (type.asText ? 'string' : typeof v)));
  if (type.asText) kinds.add('number');
  const code = value !== undefined && value !== null && kinds.has(typeof value) ? 'VALUE_ENUM' : 'VALUE_TYPE';
  const hint = code === 'VALUE_ENUM' && typeof value === 'string' ? didYouMean(value, type.values.map(String)) : '';
  return mismatch(r, node, code, what, expected(type), hint);
}

function checkDuration(r: Reader, node: Node, type: Of<'duration'>, what: string): number | undefined {
  const text = node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
  const m = text === undefined ? null : DURATION.exec(text);
  if (!m) {
    const hint = node.kind === 'scalar' && typeof node.value === 'number' ? `; write ${node.value}d for ${node.value} days`
      : text !== undefined && MONTHS_OR_YEARS.test(text) ? '; months and years differ in length: write days or weeks, e.g. 90d' : '';
    return mismatch(r, node, 'DURATION_INVALID', what, expected(type), hint);
  }
  const days = Number(m[1]) * (m[2].toLowerCase().startsWith('w') ? 7 : 1);
  const least = type.minDays ?? 0;
  if (days < least) {
    r.error(node.pos, 'VALUE_RANGE', `${what} must be at least ${least} day${least === 1 ? '' : 's'}; got ${text}`);
    return undefined;
  }
  return days;
}

function checkStrings(r: Reader, node: Node, type: Of<'strings'>, what: string): string[] | undefined {
  const items = node.kind === 'seq' ? node.items : [node];
  const out = items.map((item) => checkText(r, item, { t: 'string' }, `each item of ${what}`));
  const least = type.minItems ?? 1;
  if (items.length < least) {
    r.error(node.pos, 'LIST_EMPTY', `${what} must list at least one value`);
    return undefined;
  }
  return out.every((s) => s !== undefined) ? out as string[] : undefined;
}

function checkList(r: Reader, node: Node, type: Of<'list'>, what: string): unknown[] | undefined {
  if (node.kind !== 'seq') return mismatch(r, node, 'VALUE_TYPE', what, expected(type));
  const n = node.items.length;
  let ok = true;
  if (n === 0 && type.minItems === 1) {
    r.error(node.pos, 'LIST_EMPTY', `${what} must list at least one ${bare(itemNoun(type.of))}`);
    ok = false;
  } else if ((type.minItems !== undefined && n < type.minItems) || (type.maxItems !== undefined && n > type.maxItems)) {
    r.error(node.pos, 'LIST_LENGTH', `${what} must be ${expected(type)}; got a list of ${n}`);
    ok = false;
  }
  const out = node.items.map((item) => {
    const of = pickBranch(type.of, item);
    return checkValue(r, item, of, of.t === 'shape' ? SHAPE_NOUNS[of.shape] : `each item of ${what}`);
  });
  return ok && out.every((v) => v !== undefined) ? out : undefined;
}

function checkShapeValue(r: Reader, node: Node, type: Of<'shape'>, what: string, near?: string): MapNode | undefined {
  if (node.kind !== 'map') return mismatch(r, node, 'VALUE_TYPE', what, expected(type));
  if (type.refuse && node.entries.has(type.refuse.key)) {
    r.error(node.pos, type.refuse.code, type.refuse.message);
    return undefined;
  }
  const shape = SHAPES[type.shape];
  const keys = Object.keys(shape);
  for (const [key, entry] of node.entries) {
    if (Object.hasOwn(shape, key)) checkValue(r, entry.node, shape[key].type, `"${key}"`);
    else r.error(entry.keyPos, 'KEY_UNKNOWN', `unknown key "${key}" in ${what}; expected one of ${keys.join(', ')}${didYouMean(key, keys)}`);
  }
  const hint = near ? `; did you mean "${near}"?` : '';
  for (const [key, spec] of Object.entries(shape)) {
    if (spec.required && !node.entries.has(key)) r.error(node.pos, 'KEY_REQUIRED', `${what} needs "${key}": ${spec.doc}${hint}`);
  }
  if (type.minKeys !== undefined && node.entries.size < type.minKeys) {
    r.error(node.pos, 'MAPPING_EMPTY', `${what} is empty; give one of ${keys.join(', ')}`);
  }
  return node;
}

function checkMap(r: Reader, node: Node, type: Of<'map'>, what: string): MapNode | undefined {
  if (node.kind !== 'map') return mismatch(r, node, 'VALUE_TYPE', what, expected(type));
  const fixed = Object.keys(type.fixed ?? {});
  for (const [key, entry] of node.entries) {
    if (type.fixed && Object.hasOwn(type.fixed, key)) {
      checkValue(r, entry.node, type.fixed[key], `"${key}"`);
      continue;
    }
    if (type.extraKeys !== undefined && !new RegExp(type.extraKeys).test(key)) {
      const allowed = [...fixed, type.extraKeysHelp ?? `a key matching ${type.extraKeys}`];
      r.error(entry.keyPos, 'KEY_UNKNOWN', `unknown key "${key}" in ${what}; expected one of ${allowed.join(', ')}${didYouMean(key, fixed)}`);
      continue;
    }
    if (type.names !== undefined && !new RegExp(type.names).test(key)) {
      r.error(entry.keyPos, 'KEY_INVALID', `the key "${key}" in ${what} must be ${type.namesHelp ?? `a name matching ${type.names}`}${didYouMean(key, fixed)}`);
    } else if (type.reservedNames && Object.hasOwn(type.reservedNames, key)) {
      r.error(entry.keyPos, 'KEY_RESERVED', `"${key}" ${type.reservedNames[key]}; choose another name`);
    }
    // a free key close to a fixed one is most likely that key misspelt: say so where its value fails
    const near = fixed.length ? closest(key, fixed) : undefined;
    if (type.of.t === 'shape') checkShapeValue(r, entry.node, type.of, `"${key}"`, near);
    else checkValue(r, entry.node, type.of, `"${key}"`);
  }
  return node;
}

function checkOneOf(r: Reader, node: Node, type: Of<'oneOf'>, what: string): unknown {
  const branch = pickBranch(type, node);
  if (branch !== type) return checkValue(r, node, branch, what);
  const tries = type.of.map((of) => {
    const quiet = new Reader();
    return { value: checkValue(quiet, node, of, what), codes: quiet.issues.map((i) => i.code) };
  });
  const fit = tries.find((t) => t.codes.length === 0);
  if (fit) return fit.value;
  // a branch of the right kind says what is wrong with the value; otherwise it is the wrong kind
  const near = tries.filter((t) => !t.codes.includes('VALUE_TYPE'));
  const code = near.length === 1 ? near[0].codes[0] : 'VALUE_TYPE';
  const words = type.of.flatMap((of) => (of.t === 'enum' ? of.values.map(String) : []));
  return mismatch(r, node, code, what, expected(type), node.kind === 'scalar' && typeof node.value === 'string' ? didYouMean(node.value, words) : '');
}

/**
 * The branch of a oneOf a mapping stands for: the shape whose first, required key it has (a rule's
 * name, a group's group), else the shape it shares most keys with; the first on a tie. Beside a
 * free mapping (`t: 'map'`) a shape is taken only by its first, required key. A list stands for
 * the list branch. Other values, and types that are not a oneOf of shapes, are returned as they are.
 */
export function pickBranch(type: ValueType, node: Node): ValueType {
  if (type.t !== 'oneOf') return type;
  // a list can only be the list branch, which says what is wrong with its items
  if (node.kind === 'seq') return type.of.find((of) => of.t === 'list') ?? type;
  if (node.kind !== 'map') return type;
  const shapes = type.of.filter((of): of is Of<'shape'> => of.t === 'shape');
  if (shapes.length === 0) return type;
  const tagged = (of: Of<'shape'>) => {
    const [tag, spec] = Object.entries(SHAPES[of.shape])[0];
    return spec.required === true && node.entries.has(tag);
  };
  // beside a free mapping (spend: source → amount), a shape only when its tag key is there ({ file: … })
  const free = type.of.find((of) => of.t === 'map');
  if (free) return shapes.find(tagged) ?? free;
  const score = (of: Of<'shape'>) => {
    const [tag, spec] = Object.entries(SHAPES[of.shape])[0];
    return (spec.required && node.entries.has(tag) ? 1000 : 0) + [...node.entries.keys()].filter((k) => Object.hasOwn(SHAPES[of.shape], k)).length;
  };
  return shapes.reduce((best, of) => (score(of) > score(best) ? of : best));
}

function itemNoun(type: ValueType): string {
  if (type.t === 'shape') return SHAPE_NOUNS[type.shape];
  if (type.t === 'oneOf' && type.of[0].t === 'shape') return SHAPE_NOUNS[type.of[0].shape];
  return 'value';
}

function bare(noun: string): string {
  return noun.replace(/^(a|an|the) /, '');
}
