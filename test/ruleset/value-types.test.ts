/**
 * The validator and the JSON Schema judge every value alike. Both come from the key table: the
 * validator's first pass is the generic checker (validate-value.ts) and the schema is written by
 * schema.ts. This test walks the table — every key of every shape, the values of lists, maps and
 * oneOfs, and the operator arguments — and gives each type good and bad values (a pool for all
 * types plus values made from the type: bounds, enum values in other cases, reserved names, dates
 * around 29 February, durations in every spelling). For each value, the schema must accept it
 * exactly when the validator does.
 *
 * Left out on purpose, and said in docs/rules.md: YAML's .inf and .nan (no JSON value, so no
 * schema can speak of them) and numbers spelt unusually (+5, 0x1F, 1.50): the validator reads
 * some values as written (a stage named 007, number: 1234.56), the schema sees only the number.
 * Conditions are left to their own tests; the rules between values (thresholds, references,
 * decay's either/or) are the validator's alone, by design.
 */
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { dayNumber, daysInMonth, parseDay } from '../../src/model/days.js';
import { ARG_TYPES, DATE_PATTERN, SHAPES, type ShapeName, type ValueType } from '../../src/ruleset/keys.js';
import { parseRules } from '../../src/ruleset/load.js';
import { Reader } from '../../src/ruleset/reader.js';
import { rulesetSchema, valueSchema } from '../../src/ruleset/schema.js';
import type { MapNode } from '../../src/ruleset/tree.js';
import { checkValue } from '../../src/ruleset/validate-value.js';
import { check } from './json-schema-check.js';

type Json = Record<string, any>;
const { definitions, $schema: _s, title: _t, description: _d, ...root } = rulesetSchema() as Json;
const defs: Record<string, Json> = { ...definitions, ruleset: root };

/** The validator's verdict on `v: <text>`: no issue from the generic checker. */
function validatorAccepts(type: ValueType, text: string): boolean {
  const node = (parseRules(`v: ${text}\n`, 'rules.yaml') as MapNode).entries.get('v')!.node;
  const r = new Reader();
  checkValue(r, node, type, '"v"');
  return r.issues.length === 0;
}

/** The schema's verdict on the same value, as an editor would see it (the YAML parsed to JSON). */
function schemaAccepts(type: ValueType, text: string): boolean {
  const value = (parse(`v: ${text}\n`) as { v: unknown }).v;
  return check(valueSchema(type), value, 'v', { definitions: defs, skip: ['condition', 'resultCondition'] }).length === 0;
}

// ---------------------------------------------------------------- the table, walked

const walked: [string, ValueType][] = [];
function walk(where: string, type: ValueType): void {
  if (type.t === 'condition') return;
  walked.push([where, type]);
  if (type.t === 'list') walk(`${where}[]`, type.of);
  if (type.t === 'oneOf') type.of.forEach((of, i) => walk(`${where}|${i}`, of));
  if (type.t === 'map') {
    walk(`${where}.*`, type.of);
    for (const [key, of] of Object.entries(type.fixed ?? {})) walk(`${where}.${key}`, of);
  }
}
for (const [shape, keys] of Object.entries(SHAPES)) {
  walk(shape, { t: 'shape', shape: shape as ShapeName });
  for (const [key, spec] of Object.entries(keys)) walk(`${shape}.${key}`, spec.type);
}
for (const [kind, type] of Object.entries(ARG_TYPES)) walk(`argument ${kind}`, type);

// ---------------------------------------------------------------- values to try

const POOL = [
  'x', 'Paid Search', "''", "' '", '0', '1', '-1', '2.5', '1e3', '007', "'007'", 'true', 'false', 'yes', '~',
  '[]', '[x]', '[1, 2]', '{}', '{ a: 1 }', '"1"',
];

/** A text that can stand inside a flow list or mapping as it is. */
const flowSafe = (text: string) => /^[[{'"]/.test(text) || !/[,[\]{}#]|: /.test(text);

const memo = new Map<ValueType, string[]>();

/** The values tried for a type: the pool, and values made from the type. */
function samples(type: ValueType): string[] {
  const known = memo.get(type);
  if (known) return known;
  memo.set(type, POOL); // a type that reaches itself sees the pool
  const made = [...new Set([...POOL, ...fromType(type)])];
  memo.set(type, made);
  return made;
}

/** A value the validator accepts, safe to nest. */
function good(type: ValueType): string {
  const found = samples(type).find((s) => flowSafe(s) && validatorAccepts(type, s));
  if (found === undefined) throw new Error(`no good sample for ${JSON.stringify(type)}`);
  return found;
}

/** A value the validator refuses, safe to nest. */
function bad(type: ValueType): string {
  return samples(type).find((s) => flowSafe(s) && !validatorAccepts(type, s))!;
}

const around = (n: number, step = 1) => [n - step, n - step / 2, n, n + step / 2, n + step].map(String);

function fromType(type: ValueType): string[] {
  switch (type.t) {
    case 'number':
      return ['0.75', '0.07', '2.55', '2.555', '0.125', '100', '-20',
        ...(type.minimum !== undefined ? around(type.minimum) : []),
        ...(type.maximum !== undefined ? around(type.maximum) : []),
        ...(type.exclusiveMaximum !== undefined ? around(type.exclusiveMaximum, 0.25) : [])];
    case 'integer': return ['2', '3', '"3"', ...(type.minimum !== undefined ? around(type.minimum) : [])];
    case 'string': {
      const reserved = Object.keys(type.reserved ?? {}).flatMap((n) => [n, n.toUpperCase(), `${n[0].toUpperCase()}${n.slice(1)}`, `${n}_2`, `' ${n}'`]);
      return ['lead', 'sql_2', 'x y', 'a;b', 'a-b', "'ü'", "';'", '2024', '-5', ...reserved];
    }
    case 'scalar': return ["''", '0', 'true'];
    case 'enum':
      return type.values.flatMap((v) => {
        const s = String(v);
        const q = JSON.stringify;
        // a value YAML cannot take plain (`,`, `|`, a tab) is written quoted
        return [/^[,|\t[\]{}#&*!>'"%@`]/.test(s) ? q(s) : s, q(s), q(s.toUpperCase()), q(`${s[0].toUpperCase()}${s.slice(1)}`), q(` ${s} `), q(`${s}x`), ...(typeof v === 'number' ? [String(v + 1)] : [])];
      });
    case 'boolean': return ['"true"', 'True', 'off'];
    case 'date': return ['2026-11-01', '2026-12-31', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-1', '2024-02-29',
      '2023-02-29', '2000-02-29', '1900-02-29', '2100-02-29', '0000-02-29', '20261101', "'2026-11-01 '", '2026-11-01T10:00:00Z', 'today'];
    case 'duration': return ['90d', '90D', '90 days', '90 Days', '1 day', '1 DAY', '12w', '12W', '2 weeks', '2 Weeks', "' 7d '", '0d', '00d', '01d',
      '0w', '90', '"90"', '3 months', '1y', '90dd', 'd', '1.5d', '-1d', '90 d', '9 0d', 'ninety days', '[90d]'];
    case 'strings': return ['[a, b]', "['']", '[a, 1]', '[[a]]', '[~]', "[' ']", '5'];
    case 'list': {
      const g = good(type.of);
      const b = bad(type.of);
      return [`[${g}]`, `[${g}, ${g}]`, `[${g}, ${g}, ${g}]`, ...(b === undefined ? [] : [`[${b}]`, `[${g}, ${b}]`])];
    }
    case 'map': {
      const g = good(type.of);
      const b = bad(type.of);
      const out = [`{ a: ${g} }`, `{ 'Paid Search': ${g} }`, `{ b_score: ${g} }`, `{ Bad-Name: ${g} }`, `{ _x: ${g} }`, ...(b === undefined ? [] : [`{ a: ${b} }`])];
      for (const name of Object.keys(type.reservedNames ?? {})) out.push(`{ ${name}: ${g} }`);
      for (const [key, of] of Object.entries(type.fixed ?? {})) {
        const fb = bad(of);
        out.push(`{ ${key}: ${good(of)} }`, ...(fb === undefined ? [] : [`{ ${key}: ${fb} }`]));
      }
      return out;
    }
    case 'shape': {
      const keys = Object.entries(SHAPES[type.shape]);
      const value = (key: string, text: string) => `${key}: ${text}`;
      const goodOf = (key: string, spec: (typeof keys)[number][1]) => (spec.type.t === 'condition' ? '{ column: x, present: true }' : good(spec.type));
      const required = keys.filter(([, spec]) => spec.required);
      const all = keys.map(([k, spec]) => value(k, goodOf(k, spec)));
      const needed = required.map(([k, spec]) => value(k, goodOf(k, spec)));
      const out = [`{ ${all.join(', ')} }`, `{ ${needed.join(', ')} }`, `{ ${[...needed, 'bogus: 1'].join(', ')} }`];
      for (const [i] of required.entries()) out.push(`{ ${needed.filter((_, j) => j !== i).join(', ')} }`.replace('{  }', '{}'));
      for (const [k, spec] of keys) {
        if (spec.type.t === 'condition') continue;
        const b = bad(spec.type);
        if (b !== undefined) out.push(`{ ${[...needed.filter((n) => !n.startsWith(`${k}:`)), value(k, b)].join(', ')} }`);
      }
      if (type.refuse) out.push(`{ ${[...needed, `${type.refuse.key}: x`].join(', ')} }`);
      return out;
    }
    case 'oneOf': return type.of.flatMap(samples);
    case 'condition': return [];
  }
}

// ---------------------------------------------------------------- the tests

describe('every value type of the key table: the schema accepts a value exactly when the validator does', () => {
  test('the walk reaches every shape, key and operator argument kind', () => {
    const shapes = Object.keys(SHAPES);
    expect(shapes.filter((s) => !walked.some(([w]) => w === s))).toEqual([]);
    expect(walked.filter(([w]) => /^argument \w+$/.test(w)).map(([w]) => w.slice('argument '.length))).toEqual(Object.keys(ARG_TYPES));
  });

  test.each(walked)('%s', (_where, type) => {
    const values = samples(type);
    const verdicts = values.map((text) => ({ text, validator: validatorAccepts(type, text), schema: schemaAccepts(type, text) }));
    expect(verdicts.filter((v) => v.validator !== v.schema)).toEqual([]);
    // each type is tried with values it takes and values it refuses
    expect(new Set(verdicts.map((v) => v.validator))).toEqual(new Set([true, false]));
  });
});

describe('durations: any case, the same texts in both', () => {
  test.each([['90D', 90], ['90 Days', 90], ['12W', 84], ['2 WEEKS', 14], [' 7d ', 7]])('window: %p is %p days, and the schema accepts it', (text, days) => {
    const type = SHAPES.rule.window.type;
    const node = (parseRules(`v: '${text}'\n`, 'rules.yaml') as MapNode).entries.get('v')!.node;
    expect(checkValue(new Reader(), node, type, '"window"')).toBe(days);
    expect(schemaAccepts(type, `'${text}'`)).toBe(true);
  });
});

describe('dates: the pattern both use is the calendar parseDay knows', () => {
  const date = new RegExp(DATE_PATTERN);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  test.each([0, 1900, 1999, 2000, 2023, 2024, 2026, 2100, 2400, 9999])('every month and day of %p, and the days after each month ends', (year) => {
    const wrong: string[] = [];
    for (let month = 0; month <= 13; month++) {
      for (let day = 0; day <= 32; day++) {
        const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
        // the year 0000 is no date: a dump's null date, not a day before the Common Era
        const valid = year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
        if (date.test(text) !== valid || Number.isNaN(parseDay(text)) === valid || (valid && parseDay(text) !== dayNumber(year, month, day))) wrong.push(text);
      }
    }
    expect(wrong).toEqual([]);
  });
});
