import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { LeadqError } from '../../src/model/errors.js';
import { compileRuleset } from '../../src/engine/compile.js';
import type { RulesetCode } from '../../src/ruleset/issue-codes.js';
import { parseRules, readRulesTree } from '../../src/ruleset/load.js';
import type { RulesetIssue } from '../../src/ruleset/types.js';
import type { MapNode, Node } from '../../src/ruleset/tree.js';
import { validateRuleset } from '../../src/ruleset/validate.js';

/** Sources are written as one string per line, so a case's line numbers can be read off its index. */
const lines = (...ls: string[]) => `${ls.join('\n')}\n`;
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** The YAML problem that stops a ruleset, or a failure when it parses. */
function yamlIssue(source: string): RulesetIssue {
  const read = readRulesTree(source);
  if (!('issue' in read)) throw new Error('readRulesTree accepted the source');
  return read.issue;
}

function asMap(node: Node | undefined): MapNode {
  if (node?.kind !== 'map') throw new Error(`expected a mapping, got ${node?.kind}`);
  return node;
}

describe('parseRules refuses YAML that would make a ruleset mean something else', () => {
  test.each<[string, string, number, number, RulesetCode]>([
    ['two documents', lines('version: 1', '---', 'stages: []'), 2, 1, 'YAML_DOCUMENTS'],
    ['two explicit documents', lines('---', 'version: 1', '...', '---', 'stages: []'), 4, 1, 'YAML_DOCUMENTS'],
    ['an unknown tag', lines('version: 1', 'conditions: !include x.yaml'), 2, 13, 'YAML_TAG'],
    ['a YAML 1.1 directive', lines('%YAML 1.1', '---', 'version: 1'), 1, 1, 'YAML_VERSION'],
    ['an unsupported YAML version', lines('%YAML 1.3', '---', 'version: 1'), 1, 7, 'YAML_VERSION'],
    ['a duplicate top-level key', lines('version: 1', 'stages: []', 'version: 1'), 3, 1, 'YAML_DUPLICATE_KEY'],
    ['a duplicate nested key', lines('columns:', '  budget: Budget', '  email: Email', '  budget: Amount'), 4, 3, 'YAML_DUPLICATE_KEY'],
    ['an alias inside its own anchor (mapping)', lines('conditions: &loop', '  again: *loop'), 2, 10, 'YAML_ALIAS'],
    ['an alias inside its own anchor (list)', lines('stages: &s [*s]'), 1, 13, 'YAML_ALIAS'],
    ['an alias without an anchor', lines('bant:', '  budget: *nothing'), 2, 11, 'YAML_ALIAS'],
    ['an empty file', '', 1, 1, 'YAML_EMPTY'],
    ['a file of comments only', lines('# nothing here yet'), 1, 1, 'YAML_EMPTY'],
    // yaml reports where it noticed the missing `]`: the start of the next line
    ['an unclosed flow sequence', lines('stages:', '  - name: lead', 'free_mail_domains: [gmail.com, web.de', 'priority:', '  score: total'), 4, 1, 'YAML_SYNTAX'],
    ['an unclosed quote', lines('version: 1', 'as_of: "2026-11-01', 'stages: []'), 4, 1, 'YAML_SYNTAX'],
    ['tab indentation', lines('columns:', '\tbudget: Budget'), 2, 1, 'YAML_SYNTAX'],
    ['a list as a key', lines('columns:', '  [a, b]: Budget'), 2, 3, 'YAML_KEY_TYPE'],
    ['a mapping as a key', lines('columns:', '  ? { a: 1 }', '  : Budget'), 2, 5, 'YAML_KEY_TYPE'],
    ['true as a key', lines('spend:', '  true: 100'), 2, 3, 'YAML_KEY_TYPE'],
    ['null as a key', lines('spend:', '  ~: 100'), 2, 3, 'YAML_KEY_TYPE'],
    ['a binary value', lines('columns:', '  budget: !!binary QnVkZ2V0'), 2, 20, 'YAML_VALUE_TYPE'],
  ])('%s → its code at the offending line and column', (_name, source, line, col, code) => {
    const issue = yamlIssue(source);
    expect([issue.code, issue.pos?.line, issue.pos?.col]).toEqual([code, line, col]);
  });

  test('a billion-laughs alias bomb stops with YAML_TOO_LARGE instead of expanding', () => {
    const source = fixture('billion-laughs.yaml');
    const issue = yamlIssue(source);
    expect(issue.code).toBe('YAML_TOO_LARGE');
    // the position is inside the file, so the user can be pointed somewhere real
    expect(issue.pos!.line).toBeGreaterThanOrEqual(1);
    expect(issue.pos!.line).toBeLessThanOrEqual(source.split('\n').length);
    expect(issue.pos!.col).toBeGreaterThanOrEqual(1);
  });

  test('parseRules throws RULES_YAML (exit 2) with the problem as file:line:col message [CODE]', () => {
    let error: unknown;
    try {
      parseRules(lines('version: 1', 'stages: []', 'version: 1'), 'rules.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LeadqError);
    expect((error as LeadqError).code).toBe('RULES_YAML');
    expect((error as LeadqError).message.split('\n')[0]).toMatch(/^rules\.yaml:3:1 .* \[YAML_DUPLICATE_KEY\]$/);
  });

  test('an alias problem names the key path where the alias stands', () => {
    expect(yamlIssue(lines('bant:', '  budget: *nothing'))).toMatchObject({ code: 'YAML_ALIAS', path: 'bant.budget' });
  });
});

describe('parseRules builds a position-keeping tree', () => {
  test.each<[string, string, string, number, number, number, number]>([
    ['a plain key', lines('version: 1'), 'version', 1, 1, 1, 10],
    ['an indented key', lines('columns:', '  budget:   Budget'), 'columns.budget', 2, 3, 2, 13],
    ['a key in a flow mapping', lines('bant:', '  need: { column: pain, present: true }'), 'bant.need.present', 2, 25, 2, 34],
    // an alias stands where it is written, not where its anchor is
    ['an aliased value', lines('conditions:', '  big: &big { column: budget, gte: 10 }', 'bant:', '  budget: *big'), 'bant.budget', 4, 3, 4, 11],
    ['a key without a value', lines('conditions:', '  later:'), 'conditions.later', 2, 3, 2, 9],
  ])('%s keeps the key and value positions', (_name, source, path, keyLine, keyCol, line, col) => {
    let node: Node = parseRules(source, 'rules.yaml');
    let keyPos = { line: 0, col: 0 };
    for (const key of path.split('.')) {
      const entry = asMap(node).entries.get(key);
      if (!entry) throw new Error(`no key ${key}`);
      keyPos = entry.keyPos;
      node = entry.node;
    }
    expect(keyPos).toEqual({ line: keyLine, col: keyCol });
    expect(node.pos).toEqual({ line, col });
  });

  test.each<[string, string, unknown]>([
    // YAML 1.2: yes/no/on/off are text, so `present: yes` is caught by the validator instead of meaning true
    ['yes stays text', lines('a: yes'), 'yes'],
    ['on stays text', lines('a: on'), 'on'],
    ['true is a boolean', lines('a: true'), true],
    ['an explicit %YAML 1.2 directive is fine', lines('%YAML 1.2', '---', 'a: no'), 'no'],
    ['an ISO date stays text', lines('a: 2026-11-01'), '2026-11-01'],
    ['a number is a number', lines('a: 10000'), 10000],
    ['!!str is a standard tag', lines('a: !!str 10'), '10'],
    ['an empty value is null', lines('a:'), null],
  ])('%s', (_name, source, value) => {
    const a = asMap(parseRules(source, 'rules.yaml')).entries.get('a')!.node;
    expect(a.kind).toBe('scalar');
    expect(a.kind === 'scalar' && a.value).toBe(value);
  });

  test('a fan-out of aliases within the limit is expanded', () => {
    const source = lines(
      'x: &x [1, 2, 3]',
      'y: &y [*x, *x, *x]',
      'z: [*y, *y, *y]',
    );
    const z = asMap(parseRules(source, 'rules.yaml')).entries.get('z')!.node;
    const count = (n: Node): number => (n.kind === 'seq' ? n.items.reduce((s, i) => s + count(i), 0) : 1);
    expect(count(z)).toBe(27);
  });
});

describe('keys that name object internals are ordinary keys', () => {
  test.each(['__proto__', 'constructor', 'prototype', 'hasOwnProperty'])('a column named %s is mapped and nothing is polluted', (name) => {
    const source = lines(
      'columns:',
      `  ${name}: Polluted`,
      'spend:',
      `  ${name}: 100`,
      'stages:',
      '  - name: lead',
      'fit:',
      '  - name: odd column',
      `    when: { column: ${name}, gte: 1 }`,
      '    points: 5',
    );
    const tree = parseRules(source, 'rules.yaml');
    expect([...asMap(asMap(tree).entries.get('columns')!.node).entries.keys()]).toEqual([name]);

    const { ruleset, issues } = validateRuleset(tree, 'rules.yaml');
    expect(issues).toEqual([]);
    expect(ruleset.columns.get(name)).toEqual({ name: 'Polluted', pos: { line: 2, col: 5 + name.length } });
    expect(ruleset.spend.get(name)).toBe(100);

    const { compiled, issues: compileIssues } = compileRuleset(ruleset, ['Email', 'Polluted'], 'leads.csv', '2026-11-01');
    expect(compileIssues).toEqual([]);
    expect(compiled.plan.numberColumns).toEqual([1]);

    expect(Object.prototype).not.toHaveProperty('Polluted');
    expect(({} as Record<string, unknown>).Polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('Polluted');
    expect(typeof Object.prototype.hasOwnProperty).toBe('function');
  });

  test('__proto__ at the top level is reported as an unknown key, not swallowed', () => {
    const { issues } = validateRuleset(parseRules(lines('__proto__: { polluted: true }', 'stages:', '  - name: lead'), 'rules.yaml'), 'rules.yaml');
    expect(issues.map((i) => [i.severity, i.pos?.line, i.pos?.col, i.code, i.path])).toEqual([['error', 1, 1, 'KEY_UNKNOWN', '__proto__']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
