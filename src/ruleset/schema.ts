/**
 * The JSON Schema of a ruleset, generated from the tables the validator reads: the key table
 * (keys.ts), the condition forms, and the operator table (engine/operators.ts). Shipped as
 * schema/rules.schema.json (`npm run schema` writes it; a test fails when the shipped file and
 * this function disagree), so editors with the YAML language server complete and check keys.
 *
 * The schema describes the shape; the validator stays the judge (thresholds that must fall,
 * stages that may only refer to lower ones, columns that must exist in the export, …).
 */
import { parse } from 'yaml';
import { OPERATORS, SCORE_OPERATORS, type ArgKind } from '../model/operators.js';
import {
  ARG_TYPES, CONDITION_FORMS, DATE_PATTERN, durationPattern, loosePattern, reservedPattern, SHAPES, type Shape, type ShapeName, type ValueType,
} from './keys.js';
import { BANT_KEYS } from '../model/bant.js';

type Json = Record<string, unknown>;

export function rulesetSchema(): Json {
  const definitions: Json = {};
  for (const name of Object.keys(SHAPES) as ShapeName[]) {
    if (name !== 'ruleset') definitions[name] = shapeSchema(SHAPES[name]);
  }
  definitions.condition = conditionSchema(false);
  definitions.resultCondition = conditionSchema(true);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'leadq ruleset',
    description: 'A leadq ruleset: engagement and fit rules, BANT, disqualifiers, the stage ladder and priority. Generated from leadq\'s validator tables; see docs/rules.md.',
    ...shapeSchema(SHAPES.ruleset),
    definitions,
  };
}

/** The schema as shipped: stable key order, two-space indent, a final line break. */
export function rulesetSchemaText(): string {
  return `${JSON.stringify(rulesetSchema(), null, 2)}\n`;
}

function shapeSchema(shape: Shape): Json {
  const properties: Json = {};
  for (const [key, spec] of Object.entries(shape)) properties[key] = { description: spec.doc, ...valueSchema(spec.type) };
  const required = Object.entries(shape).filter(([, spec]) => spec.required).map(([key]) => key);
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

const ref = (name: string): Json => ({ $ref: `#/definitions/${name}` });

/** The schema of one value type of the key table (the value-type test holds it to the validator). */
export function valueSchema(t: ValueType): Json {
  switch (t.t) {
    case 'number': return { type: 'number', ...pick(t, ['minimum', 'maximum', 'exclusiveMaximum']), ...(t.cents ? { multipleOf: 0.01 } : {}) };
    case 'integer': return { type: 'integer', ...pick(t, ['minimum']) };
    case 'string': return textSchema(t);
    case 'scalar': return { type: ['string', 'number', 'boolean'] };
    case 'enum':
      if (t.loose) return { anyOf: [{ enum: [...t.values] }, { type: 'string', pattern: loosePattern(t.values) }] };
      // as written: `1234.56` unquoted is a YAML number, and the schema sees the number
      return { enum: t.asText ? t.values.flatMap((v) => (typeof parse(String(v)) === 'number' ? [v, parse(String(v)) as number] : [v])) : [...t.values] };
    case 'boolean': return { type: 'boolean' };
    case 'date': return { type: 'string', pattern: DATE_PATTERN };
    case 'duration': return { type: 'string', pattern: durationPattern(t.minDays) };
    case 'strings': {
      const item = textSchema({ t: 'string' });
      const least = t.minItems ?? 1;
      return { anyOf: [item, { type: 'array', items: item, ...(least ? { minItems: least } : {}) }] };
    }
    // a $ref beside a description is ignored by draft-07 tools: wrap it
    case 'shape': return { allOf: [ref(t.shape)], ...(t.minKeys ? { minProperties: t.minKeys } : {}) };
    case 'list': return { type: 'array', items: valueSchema(t.of), ...pick(t, ['minItems', 'maxItems']) };
    case 'condition': {
      const condition = { allOf: [ref(t.results ? 'resultCondition' : 'condition')] };
      return t.orTrue ? { anyOf: [{ enum: [true] }, condition] } : condition;
    }
    case 'oneOf': return { oneOf: t.of.map(valueSchema) };
    case 'map': {
      const out: Json = { type: 'object' };
      if (t.fixed) out.properties = Object.fromEntries(Object.entries(t.fixed).map(([k, v]) => [k, valueSchema(v)]));
      if (t.names || t.reservedNames) {
        out.propertyNames = { ...(t.names ? { pattern: t.names } : {}), ...(t.reservedNames ? { not: { enum: Object.keys(t.reservedNames) } } : {}) };
      }
      if (t.extraKeys) {
        out.patternProperties = { [t.extraKeys]: valueSchema(t.of) };
        out.additionalProperties = false;
      } else out.additionalProperties = valueSchema(t.of);
      return out;
    }
  }
}

/**
 * Text that is not blank; a number is text as it is written (the schema sees only the number, so
 * with a pattern it accepts whole numbers, whose digits every name pattern of the table allows).
 */
function textSchema(t: Extract<ValueType, { t: 'string' }>): Json {
  const reserved = t.reserved ? { not: { type: 'string', pattern: reservedPattern(Object.keys(t.reserved)) } } : {};
  const text = { type: 'string', pattern: t.pattern ?? '\\S', ...reserved };
  if (t.numbers === false) return text;
  return t.pattern ? { anyOf: [text, { type: 'integer' }] } : { type: ['string', 'number'], pattern: '\\S', ...reserved };
}

function pick(t: object, keys: string[]): Json {
  return Object.fromEntries(Object.entries(t).filter(([k]) => keys.includes(k)));
}

const TEXT = textSchema({ t: 'string' });
const arg = (kind: ArgKind): Json => valueSchema(ARG_TYPES[kind]);

/** Every condition form; the result forms only in stage and priority conditions. */
function conditionSchema(results: boolean): Json {
  const self = ref(results ? 'resultCondition' : 'condition');
  const one = (key: string, doc: string, value: Json, extra: Json = {}): Json => ({
    type: 'object', description: doc, properties: { [key]: value, ...extra }, required: [key], additionalProperties: false,
    ...(Object.keys(extra).length ? { minProperties: 2, maxProperties: 2 } : {}),
  });
  const operators = (names: readonly string[], arg: (name: string) => Json) =>
    Object.fromEntries(names.map((name) => [name, { description: OPERATORS[name].summary, ...arg(name) }]));
  const gradeItem = { anyOf: [{ type: 'string', pattern: '^\\s*([A-Da-d][1-4]?|[1-4])\\s*$' }, { type: 'integer', minimum: 1, maximum: 4 }] };
  const bantItem = { enum: [...BANT_KEYS] };
  const forms: Record<string, (doc: string) => Json> = {
    all: (doc) => one('all', doc, { type: 'array', items: self, minItems: 1 }),
    any: (doc) => one('any', doc, { type: 'array', items: self, minItems: 1 }),
    not: (doc) => one('not', doc, self),
    condition: (doc) => one('condition', doc, TEXT),
    column: (doc) => one('column', doc, TEXT, operators(Object.keys(OPERATORS), (name) => arg(OPERATORS[name].arg))),
    score: (doc) => one('score', doc, TEXT, operators(SCORE_OPERATORS, (name) => arg(name === 'between' ? 'range' : 'number'))),
    criteria: (doc) => one('criteria', doc, { anyOf: [bantItem, { type: 'array', items: bantItem, minItems: 1 }] }),
    stage: (doc) => one('stage', doc, TEXT),
    grade: (doc) => one('grade', doc, { anyOf: [gradeItem, { type: 'array', items: gradeItem, minItems: 1 }] }),
  };
  const chosen = CONDITION_FORMS.filter((f) => results || !f.results);
  return {
    description: results ? 'a condition of a stage or priority band: on columns, scores, BANT criteria, lower stages or the grade' : 'a condition on the columns of a lead',
    anyOf: chosen.map((f) => forms[f.key](f.doc)),
  };
}
