/**
 * A ruleset written elsewhere (init, calibrate --out) names the same related and spend files: each
 * `file:` read back from the moved text, resolved from its new folder, is the file the original
 * named from its own — in block and flow style, plain or quoted — and nothing else changes.
 */
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { withPathsMoved } from '../../src/commands/moved-paths.js';

const RULESET = `# yaml-language-server: $schema=./schema/rules.schema.json
version: 1
spend: { file: costs/spend.csv, source: Campaign, amount: Cost }   # the cost export
related:
  activities:
    file: examples/activities.csv   # file: in a comment stays
    key: Email
  deals: { file: "deal exports/won, 2026.csv", key: Id }
  forms:
    file: '/abs/forms.csv'
engagement:
  - { name: file, when: { column: file, equals: "file: x.csv" }, points: 1 }
`;

interface Files { spend: { file: string }; related: Record<string, { file: string }> }
const files = (text: string): string[] => {
  const r = parse(text) as Files;
  return [r.spend.file, ...Object.values(r.related).map((f) => f.file)];
};

describe('withPathsMoved', () => {
  test.each([
    ['/repo', '/repo/out/calibrated.yaml'],
    ['/repo/rules', '/elsewhere/deep/down/r.yaml'],
    ['/repo', '/repo/r.yaml'],
    ['/a/b/c', '/a/x.yaml'],
  ])('from %s to %s: every file resolves to the same file', (from, to) => {
    const moved = withPathsMoved(RULESET, from, to);
    const before = files(RULESET).map((f) => path.resolve(from, f));
    const after = files(moved).map((f) => path.resolve(path.dirname(to), f));
    expect(after).toEqual(before);
    // the absolute path, the comments and the rule reading a column named "file" are as written
    expect(files(moved)[3]).toBe('/abs/forms.csv');
    expect(moved).toContain('# file: in a comment stays');
    expect(moved).toContain('# the cost export');
    expect(moved.split('\n').slice(-2)).toEqual(RULESET.split('\n').slice(-2));
    // the editor's schema too
    const schema = /\$schema=(\S+)/.exec(moved)![1];
    expect(path.resolve(path.dirname(to), schema)).toBe(path.resolve(from, 'schema/rules.schema.json'));
  });

  test('a schema named by a URL or an absolute path stays as written', () => {
    for (const line of ['# yaml-language-server: $schema=https://example.com/rules.schema.json', '# yaml-language-server: $schema=/opt/leadq/schema/rules.schema.json']) {
      expect(withPathsMoved(`${line}\nversion: 1\n`, '/r', '/s/t/out.yaml')).toBe(`${line}\nversion: 1\n`);
    }
  });

  test('a relative path gains ./ so it reads as a path; a ruleset YAML cannot read is left alone', () => {
    expect(withPathsMoved('related:\n  a:\n    file: x.csv\n', '/r/sub', '/r/out.yaml')).toBe('related:\n  a:\n    file: ./sub/x.csv\n');
    expect(withPathsMoved('related: [unclosed\n', '/r', '/s/out.yaml')).toBe('related: [unclosed\n');
  });
});
