/**
 * A small draft-07 checker for the keywords schema.ts writes (no JSON Schema validator is installed
 * offline, and the subset is small): $ref, allOf, anyOf, oneOf, not, enum, type, pattern, minimum,
 * maximum, exclusiveMaximum, multipleOf, items, minItems, maxItems, required, properties,
 * patternProperties, additionalProperties, propertyNames, minProperties, maxProperties.
 *
 * `used` collects `definition.key` for every property matched along the branches that succeeded;
 * definitions named in `skip` are taken as matching anything (the value-type test leaves conditions
 * to their own tests).
 */
type Json = Record<string, any>;

export interface CheckOptions {
  definitions: Record<string, Json>;
  used?: Set<string>;
  skip?: readonly string[];
}

/** JSON's kind of a value; a number YAML can write but JSON cannot (.inf, .nan) is no number. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return !Number.isFinite(value) ? 'unrepresentable' : Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** multipleOf as in decimal arithmetic (0.07 is a multiple of 0.01), the way editors check it. */
function multipleOf(value: number, step: number): boolean {
  const decimals = (n: number) => {
    const [mantissa, exponent] = String(n).split('e');
    return Math.max(0, (mantissa.split('.')[1] ?? '').length - Number(exponent ?? 0));
  };
  const scale = 10 ** Math.max(decimals(value), decimals(step));
  return Math.round(value * scale) % Math.round(step * scale) === 0;
}

export function check(s: Json, value: unknown, def: string, options: CheckOptions): string[] {
  const { definitions, skip = [] } = options;
  const used = options.used ?? new Set<string>();
  if (s.$ref) {
    const name = (s.$ref as string).replace('#/definitions/', '');
    return skip.includes(name) ? [] : check(definitions[name], value, name, { ...options, used });
  }
  const errors: string[] = [];
  for (const sub of s.allOf ?? []) errors.push(...check(sub, value, def, { ...options, used }));
  const branches = (list: Json[]) => list.map((sub) => { const u = new Set<string>(); return { errors: check(sub, value, def, { ...options, used: u }), u }; });
  if (s.anyOf || s.oneOf) {
    const results = branches(s.anyOf ?? s.oneOf);
    const ok = results.filter((r) => r.errors.length === 0);
    if (ok.length === 0 || (s.oneOf && ok.length > 1)) errors.push(`${def}: ${ok.length} of the branches match ${JSON.stringify(value)}`);
    else ok[0].u.forEach((k) => used.add(k));
  }
  if (s.not && check(s.not, value, def, { ...options, used: new Set() }).length === 0) errors.push(`${def}: ${JSON.stringify(value)} matches what is not allowed`);
  if (s.enum && !s.enum.includes(value)) errors.push(`${def}: ${JSON.stringify(value)} not in ${s.enum}`);
  const actual = kindOf(value);
  if (s.type) {
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => t === actual || (t === 'number' && actual === 'integer'))) errors.push(`${def}: ${JSON.stringify(value)} is not ${types}`);
  }
  if (typeof value === 'string' && s.pattern && !new RegExp(s.pattern, 'u').test(value)) errors.push(`${def}: ${value} does not match ${s.pattern}`);
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) errors.push(`${def}: ${value} < ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) errors.push(`${def}: ${value} > ${s.maximum}`);
    if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) errors.push(`${def}: ${value} >= ${s.exclusiveMaximum}`);
    if (s.multipleOf !== undefined && Number.isFinite(value) && !multipleOf(value, s.multipleOf)) errors.push(`${def}: ${value} is not a multiple of ${s.multipleOf}`);
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) errors.push(`${def}: fewer than ${s.minItems} items`);
    if (s.maxItems !== undefined && value.length > s.maxItems) errors.push(`${def}: more than ${s.maxItems} items`);
    if (s.items) value.forEach((item) => errors.push(...check(s.items, item, def, { ...options, used })));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (s.required) for (const key of s.required) if (!Object.hasOwn(value, key)) errors.push(`${def}: needs ${key}`);
    if (s.minProperties !== undefined && entries.length < s.minProperties) errors.push(`${def}: fewer than ${s.minProperties} keys`);
    if (s.maxProperties !== undefined && entries.length > s.maxProperties) errors.push(`${def}: more than ${s.maxProperties} keys`);
    for (const [key, v] of entries) {
      if (s.propertyNames && check(s.propertyNames, key, def, { ...options, used: new Set() }).length > 0) errors.push(`${def}: key ${key} is not an allowed name`);
      if (s.properties && Object.hasOwn(s.properties, key)) {
        used.add(`${def}.${key}`);
        errors.push(...check(s.properties[key], v, def, { ...options, used }));
        continue;
      }
      const pattern = Object.keys(s.patternProperties ?? {}).find((p) => new RegExp(p, 'u').test(key));
      if (pattern) errors.push(...check(s.patternProperties[pattern], v, def, { ...options, used }));
      else if (s.additionalProperties === false) errors.push(`${def}: unknown key ${key}`);
      else if (s.additionalProperties) errors.push(...check(s.additionalProperties, v, def, { ...options, used }));
    }
  }
  return errors;
}
