/**
 * The JSON Schema of a ruleset, generated from the tables the validator reads: the key table
 * (keys.ts), the condition forms, and the operator table (engine/operators.ts). Shipped as
 * schema/rules.schema.json (`npm run schema` writes it; a test fails when the shipped file and
 * this function disagree), so editors with the YAML language server complete and check keys.
 *
 * The schema describes the shape; the validator stays the judge (thresholds that must fall,
 * stages that may only refer to lower ones, columns that must exist in the export, …).
 */
import { OPERATORS, SCORE_OPERATORS, type ArgKind } from '../model/operators.js';
import { CONDITION_FORMS, DURATION_PATTERN, SHAPES, type Shape, type ShapeName, type ValueType } from './keys.js';
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

function valueSchema(t: ValueType): Json {
  switch (t.t) {
    case 'number': return { type: 'number', ...pick(t, ['minimum', 'maximum', 'exclusiveMaximum']) };
    case 'integer': return { type: 'integer', ...pick(t, ['minimum']) };
    case 'string': return { type: 'string', ...pick(t, ['pattern']) };
    case 'enum': return { enum: [...t.values] };
    case 'boolean': return { type: 'boolean' };
    case 'date': return { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
    case 'duration': return { type: 'string', pattern: DURATION_PATTERN };
    case 'strings': return argSchema('strings');
    // a $ref beside a description is ignored by draft-07 tools: wrap it
    case 'shape': return { allOf: [ref(t.shape)] };
    case 'list': return { type: 'array', items: valueSchema(t.of), ...(t.minItems ? { minItems: t.minItems } : {}) };
    case 'condition': return { allOf: [ref(t.results ? 'resultCondition' : 'condition')] };
    case 'oneOf': return { oneOf: t.of.map(valueSchema) };
    case 'map': {
      const out: Json = { type: 'object' };
      if (t.fixed) out.properties = Object.fromEntries(Object.entries(t.fixed).map(([k, v]) => [k, valueSchema(v)]));
      if (t.names) out.propertyNames = { pattern: t.names };
      if (t.extraKeys) {
        out.patternProperties = { [t.extraKeys]: valueSchema(t.of) };
        out.additionalProperties = false;
      } else out.additionalProperties = valueSchema(t.of);
      return out;
    }
  }
}

function pick(t: object, keys: string[]): Json {
  return Object.fromEntries(Object.entries(t).filter(([k]) => keys.includes(k)));
}

const SCALAR_TEXT = { type: ['string', 'number'] };

/** An operator's argument, by the kind the validator checks (validate-condition.ts readArg). */
function argSchema(kind: ArgKind): Json {
  switch (kind) {
    case 'scalar': return { type: ['string', 'number', 'boolean'] };
    case 'string': return SCALAR_TEXT;
    case 'strings': return { anyOf: [SCALAR_TEXT, { type: 'array', items: SCALAR_TEXT, minItems: 1 }] };
    case 'number': return { type: 'number' };
    case 'flag': return { type: 'boolean' };
    case 'days': return { type: 'integer', minimum: 0 };
    case 'range': return { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 };
    case 'regex': return { type: 'string' };
  }
}

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
    condition: (doc) => one('condition', doc, { type: 'string' }),
    column: (doc) => one('column', doc, { type: 'string' }, operators(Object.keys(OPERATORS), (name) => argSchema(OPERATORS[name].arg))),
    score: (doc) => one('score', doc, { type: 'string' }, operators(SCORE_OPERATORS, (name) => argSchema(name === 'between' ? 'range' : 'number'))),
    criteria: (doc) => one('criteria', doc, { anyOf: [bantItem, { type: 'array', items: bantItem, minItems: 1 }] }),
    stage: (doc) => one('stage', doc, { type: 'string' }),
    grade: (doc) => one('grade', doc, { anyOf: [gradeItem, { type: 'array', items: gradeItem, minItems: 1 }] }),
  };
  const chosen = CONDITION_FORMS.filter((f) => results || !f.results);
  return {
    description: results ? 'a condition of a stage or priority band: on columns, scores, BANT criteria, lower stages or the grade' : 'a condition on the columns of a lead',
    anyOf: chosen.map((f) => forms[f.key](f.doc)),
  };
}
