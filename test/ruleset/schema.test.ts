/**
 * schema/rules.schema.json and the validator must agree:
 *  - the shipped file is exactly what the generator makes from the validator's tables today;
 *  - every shape of the key table is a definition with exactly its keys, and the validator's
 *    "unknown key" messages list exactly those keys;
 *  - every operator of the operator table, and every condition form, is in the schema;
 *  - a ruleset using every key validates with no issue and the schema accepts it (checked by a
 *    small draft-07 checker, json-schema-check.ts), and so do rules.example.yaml and its schema
 *    line's target. Value by value, value-types.test.ts holds the two to the same verdicts.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { SCHEMA, withSchemaLine } from '../../src/commands/init.js';
import { OPERATORS, SCORE_OPERATORS } from '../../src/model/operators.js';
import { CONDITION_FORMS, keysOf, SHAPES, type ShapeName } from '../../src/ruleset/keys.js';
import { parseRules } from '../../src/ruleset/load.js';
import { rulesetSchema, rulesetSchemaText } from '../../src/ruleset/schema.js';
import { validateRuleset } from '../../src/ruleset/validate.js';
import { check } from './json-schema-check.js';

type Json = Record<string, any>;
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const schema = rulesetSchema() as Json;
const defs = schema.definitions as Record<string, Json>;

test('the shipped schema/rules.schema.json is what the validator\'s tables generate (run `npm run schema` after changing them)', () => {
  expect(read('../../schema/rules.schema.json')).toBe(rulesetSchemaText());
});

describe('keys', () => {
  const shapes = Object.keys(SHAPES) as ShapeName[];
  test.each(shapes)('%s: the schema lists exactly the keys of the table, with its required keys', (shape) => {
    const def = shape === 'ruleset' ? schema : defs[shape];
    expect(Object.keys(def.properties)).toEqual(keysOf(shape));
    expect(def.additionalProperties).toBe(false);
    expect(def.required ?? []).toEqual(Object.entries(SHAPES[shape]).filter(([, s]) => s.required).map(([k]) => k));
  });

  /** A ruleset with the key `bogus` in a mapping of each shape (the validator checks those keys). */
  const bogus: [ShapeName, string][] = [
    ['ruleset', 'bogus: 1\nstages: [{ name: lead }]'],
    ['rule', 'stages: [{ name: lead }]\nfit: [{ name: x, per: x, points: 1, bogus: 1 }]'],
    ['group', 'stages: [{ name: lead }]\nfit: [{ group: g, max: 1, bogus: 1, rules: [{ name: x, per: x, points: 1 }] }]'],
    ['decay', 'stages: [{ name: lead }]\nfit: [{ name: x, per: x, points: 1, date: d, decay: { half_life: 3d, bogus: 1 } }]'],
    ['bounds', 'stages: [{ name: lead }]\nscores: { fit: { bogus: 1 } }'],
    ['namedScore', 'stages: [{ name: lead }]\nscores: { a: { bogus: 1, rules: [{ name: x, per: x, points: 1 }] } }'],
    ['grades', 'stages: [{ name: lead }]\ngrades: { fit: { A: 3, B: 2, C: 1 }, engagement: { 1: 3, 2: 2, 3: 1 }, bogus: 1 }'],
    ['fitGrades', 'stages: [{ name: lead }]\ngrades: { fit: { A: 3, B: 2, C: 1, bogus: 1 }, engagement: { 1: 3, 2: 2, 3: 1 } }'],
    ['engagementGrades', 'stages: [{ name: lead }]\ngrades: { fit: { A: 3, B: 2, C: 1 }, engagement: { 1: 3, 2: 2, 3: 1, bogus: 1 } }'],
    ['bant', 'stages: [{ name: lead }]\nbant: { bogus: { column: x, present: true } }'],
    ['disqualifier', 'stages: [{ name: lead }]\ndisqualifiers: [{ reason: r, when: { column: x, present: true }, bogus: 1 }]'],
    ['stage', 'stages: [{ name: lead, bogus: 1 }]'],
    ['priority', 'stages: [{ name: lead }]\npriority: { bands: [{ name: P1 }], bogus: 1 }'],
    ['band', 'stages: [{ name: lead }]\npriority: { bands: [{ name: P1, bogus: 1 }] }'],
    ['output', 'stages: [{ name: lead }]\noutput: { bogus: 1 }'],
    ['dedupe', 'stages: [{ name: lead }]\ndedupe: { key: email, bogus: 1 }'],
    ['format', "stages: [{ name: lead }]\nformats: { budget: { number: '1,234.56', bogus: 1 } }"],
    ['input', 'stages: [{ name: lead }]\ninput: { encoding: utf-8, bogus: 1 }'],
    ['spendFile', 'stages: [{ name: lead }]\nspend: { file: costs.csv, bogus: 1 }'],
    ['amountFormat', 'stages: [{ name: lead }]\nspend: { file: costs.csv, format: { currency: true, bogus: 1 } }'],
    ['related', 'stages: [{ name: lead }]\nrelated: { a: { file: a.csv, key: k, matches: email, at: d, columns: { n: { count: true } }, bogus: 1 } }'],
    ['derived', 'stages: [{ name: lead }]\nrelated: { a: { file: a.csv, key: k, matches: email, at: d, columns: { n: { count: true, bogus: 1 } } } }'],
    ['accounts', 'stages: [{ name: lead }]\naccounts: { domain: email, bogus: 1 }'],
    ['accountDomain', 'stages: [{ name: lead }]\naccounts: { domain: [email, { column: website, as: url, bogus: 1 }] }'],
    ['accountStage', 'stages: [{ name: lead }]\naccounts: { domain: email, stages: [{ name: target, bogus: 1 }] }'],
    ['accountFile', 'stages: [{ name: lead }]\naccounts: { domain: email, files: { intent: { file: i.csv, key: Domain, columns: { surge: Score }, bogus: 1 } } }'],
    ['completeness', 'stages: [{ name: lead }]\ncompleteness: { email: email, bogus: 1 }'],
  ];

  test('every shape is covered by a case below', () => {
    expect(bogus.map(([shape]) => shape).sort()).toEqual([...shapes].sort());
  });

  test.each(bogus)('%s: the validator refuses an unknown key and lists exactly the table\'s keys', (shape, source) => {
    const { issues } = validateRuleset(parseRules(`${source}\n`, 'rules.yaml'), 'rules.yaml');
    const unknown = issues.filter((i) => i.code === 'KEY_UNKNOWN');
    expect(unknown).toHaveLength(1);
    expect(unknown[0].path).toMatch(/(^|\.)bogus$/);
    expect(/expected one of (.*?)(; did you mean|$)/.exec(unknown[0].message)![1].split(', ')).toEqual(keysOf(shape));
  });
});

describe('conditions and operators', () => {
  const form = (def: string, key: string) => (defs[def].anyOf as Json[]).find((f) => f.required[0] === key);

  test.each(['condition', 'resultCondition'])('%s: a column test offers every operator with its argument', (def) => {
    const column = form(def, 'column')!;
    expect(Object.keys(column.properties).filter((k) => k !== 'column').sort()).toEqual(Object.keys(OPERATORS).sort());
    for (const [name, op] of Object.entries(OPERATORS)) expect(column.properties[name].description).toBe(op.summary);
  });

  test('a score test offers the score operators, in stage and priority conditions only', () => {
    expect(Object.keys(form('resultCondition', 'score')!.properties).filter((k) => k !== 'score')).toEqual([...SCORE_OPERATORS]);
    expect(form('condition', 'score')).toBeUndefined();
  });

  test('every condition form is in the schema, the result forms only where results are known', () => {
    expect(defs.resultCondition.anyOf.map((f: Json) => f.required[0])).toEqual(CONDITION_FORMS.map((f) => f.key));
    expect(defs.condition.anyOf.map((f: Json) => f.required[0])).toEqual(CONDITION_FORMS.filter((f) => !f.results).map((f) => f.key));
  });
});

/** The shipped schema's verdict on a parsed ruleset: its errors, none when it accepts. */
const checkRuleset = (value: unknown, used = new Set<string>()) => check(schema, value, 'ruleset', { definitions: defs, used });

describe('rulesets the validator accepts, the schema accepts', () => {
  test.each([
    ['test/ruleset/fixtures/every-key.yaml', './fixtures/every-key.yaml'],
    ['rules.example.yaml', '../../rules.example.yaml'],
  ])('%s: no validator issue, no schema error', (_name, file) => {
    const source = read(file);
    expect(validateRuleset(parseRules(source, 'rules.yaml'), 'rules.yaml').issues).toEqual([]);
    expect(checkRuleset(parse(source))).toEqual([]);
  });

  test('every-key.yaml uses every key of every shape (so the two tests above cover the whole table)', () => {
    const used = new Set<string>();
    checkRuleset(parse(read('./fixtures/every-key.yaml')), used);
    const all = (Object.keys(SHAPES) as ShapeName[]).flatMap((shape) => keysOf(shape).map((k) => `${shape}.${k}`));
    expect(all.filter((k) => !used.has(k))).toEqual([]);
  });

  test.each([
    ['an unknown top-level key', 'stage: [{ name: lead }]', /unknown key stage/],
    ['a rule without points', 'stages: [{ name: lead }]\nfit: [{ name: x, per: x }]', /branches match/],
    ['a window written as a number', 'stages: [{ name: lead }]\nfit: [{ name: x, per: x, points: 1, date: d, window: 90 }]', /branches match/],
    ['a grade test in a rule', 'stages: [{ name: lead }]\nfit: [{ name: x, when: { grade: A1 }, points: 1 }]', /branches match/],
    ['an operator that does not exist', 'stages: [{ name: lead, when: { column: x, gte_: 1 } }]', /branches match/],
  ])('the schema refuses %s, as the validator does', (_name, source, pattern) => {
    expect(validateRuleset(parseRules(`${source}\n`, 'rules.yaml'), 'rules.yaml').issues.some((i) => i.severity === 'error')).toBe(true);
    expect(checkRuleset(parse(source)).join('\n')).toMatch(pattern);
  });
});

test('rules.example.yaml begins with the yaml-language-server line pointing at the shipped schema', () => {
  const first = read('../../rules.example.yaml').split('\n')[0];
  expect(first).toBe('# yaml-language-server: $schema=./schema/rules.schema.json');
  expect(() => read('../../schema/rules.schema.json')).not.toThrow();
});

describe('leadq init points editors at the installed schema', () => {
  test.each([
    ['a file beside the package', 'rules.yaml'],
    ['a file in a subdirectory', 'rules/hubspot.yaml'],
  ])('%s: the first line is a relative path that reaches schema/rules.schema.json', (_what, relativeFile) => {
    const file = path.join(os.tmpdir(), 'leadq-init-test', relativeFile);
    const first = withSchemaLine(read('../../rules.example.yaml'), file).split('\n')[0];
    const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(m).not.toBeNull();
    expect(m![1]).not.toMatch(/^[a-z]+:\/\//); // a path, never a URL
    expect(path.resolve(path.dirname(file), m![1])).toBe(fileURLToPath(SCHEMA));
  });

  test('the written ruleset keeps everything after the first line', () => {
    const text = read('../../rules.example.yaml');
    expect(withSchemaLine(text, '/somewhere/rules.yaml').split('\n').slice(1)).toEqual(text.split('\n').slice(1));
  });
});
