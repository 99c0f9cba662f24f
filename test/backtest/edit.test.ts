/**
 * ruleset/edit.ts: a calibrated ruleset differs from the original in exactly the lines that
 * changed — every other byte, comment and style kept — and reads back as a valid ruleset.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { applyEdits, thresholdSites, type Edits } from '../../src/ruleset/edit.js';
import { rulesetFromText } from '../../src/ruleset/index.js';
import { REPO } from '../e2e/helpers.js';

const EXAMPLE = fs.readFileSync(path.join(REPO, 'rules.example.yaml'), 'utf8');

const none: Edits = { header: [], points: [], removeBounds: [], removeGroupMax: [], added: { engagement: [], fit: [] }, addedComment: { engagement: '', fit: '' }, values: [] };
const edits = (more: Partial<Edits>): Edits => ({ ...none, ...more });

/** The lines of `after` that are not in `before`, and those of `before` gone from `after` (a crude line diff). */
function changed(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  const count = (lines: string[]) => lines.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const ca = count(a);
  const cb = count(b);
  return {
    added: b.filter((l) => { const n = ca.get(l) ?? 0; if (n > 0) { ca.set(l, n - 1); return false; } return true; }),
    removed: a.filter((l) => { const n = cb.get(l) ?? 0; if (n > 0) { cb.set(l, n - 1); return false; } return true; }),
  };
}

describe('applyEdits', () => {
  test('no edits: the very same text', () => {
    expect(applyEdits(EXAMPLE, none)).toBe(EXAMPLE);
  });

  test('new points: only the points lines change, each with its comment; the result validates', () => {
    const out = applyEdits(EXAMPLE, edits({
      points: [
        { name: 'demo requested', points: 42, comment: 'calibrate: was 50' },
        { name: 'whitepaper download', points: 7, comment: 'calibrate: was 10 per' },
        { name: 'email click', points: 3, max: 30, comment: 'calibrate: was 2 per' },
      ],
    }));
    const diff = changed(EXAMPLE, out);
    expect(diff.added.sort()).toEqual(['    points: 7 # calibrate: was 10 per', '    points: 42 # calibrate: was 50', '        points: 3 # calibrate: was 2 per', '        max: 30'].sort());
    expect(diff.removed.sort()).toEqual(['    points: 10', '    points: 50', '        points: 2', '        max: 20'].sort());
    const { ruleset } = rulesetFromText(out, 'out.yaml');
    expect(ruleset.engagement.find((r) => r.name === 'demo requested')!.points).toBe(42);
  });

  test('a flow map: the value inside the braces, the comment after them, after one already there', () => {
    const src = 'version: 1\nengagement:\n  - { name: a, per: x, points: 10, max: 30 }   # ten each\n  - { name: b, per: y, points: 2 }\nstages:\n  - name: lead\n';
    const out = applyEdits(src, edits({ points: [{ name: 'a', points: 12, max: null, comment: 'was 10' }, { name: 'b', points: 5, comment: 'was 2' }] }));
    expect(out).toBe('version: 1\nengagement:\n  - { name: a, per: x, points: 12 }   # ten each; was 10\n  - { name: b, per: y, points: 5 } # was 2\nstages:\n  - name: lead\n');
  });

  test('removed rules leave a comment; a group left without rules goes too; a list left empty is []', () => {
    const src = [
      'version: 1', 'engagement:', '  - name: a', '    when: { column: x, equals: true }', '    points: 5',
      '  - group: g', '    max: 30', '    rules:', '      - { name: b, per: y, points: 2 }', '      - { name: c, per: z, points: 1 }',
      'fit:', '  - name: d', '    when: { column: w, gte: 3 }   # keep me', '    points: 1', 'stages:', '  - name: lead', '',
    ].join('\n');
    const out = applyEdits(src, edits({
      points: [
        { name: 'b', points: 0, remove: 'b went', comment: '' },
        { name: 'c', points: 0, remove: 'c went', comment: '' },
        { name: 'd', points: 0, remove: 'd went', comment: '' },
        { name: 'a', points: 6, comment: 'was 5' },
      ],
      removeGroupMax: ['g'],
    }));
    expect(out).toBe([
      'version: 1', 'engagement:', '  - name: a', '    when: { column: x, equals: true }', '    points: 6 # was 5',
      '  # b went', '  # c went', 'fit: []', '  # d went', 'stages:', '  - name: lead', '',
    ].join('\n'));
    expect(rulesetFromText(out, 'out.yaml').ruleset.fit).toEqual([]);
  });

  test('added rules go after the last item, indented like it; the comments above them say why', () => {
    const out = applyEdits(EXAMPLE, edits({
      added: {
        engagement: [],
        fit: [
          { name: 'Industry: Software', when: { column: 'Industry', in: ['Software'] }, points: 12, comment: '120 leads, 40% converted, lift 1.3', before: 'Industry: 3 groups' },
          { name: 'Employees 50 or more', when: { column: 'Number of Employees', gte: 50 }, points: 9, comment: '300 leads, 35% converted, lift 1.1' },
        ],
      },
      addedComment: { engagement: '', fit: 'from --discover' },
    }));
    const lines = out.split('\n');
    const at = lines.findIndex((l) => l === '  # from --discover');
    expect(lines.slice(at - 3, at + 8)).toEqual([
      '  - name: free-mail address', '    when: { column: email, free_mail: true }', '    points: -15',
      '  # from --discover', '  # Industry: 3 groups', '  - name: "Industry: Software"', '    when: { column: Industry, in: [ Software ] }',
      '    points: 12 # 120 leads, 40% converted, lift 1.3', '  - name: Employees 50 or more', '    when: { column: Number of Employees, gte: 50 }',
      '    points: 9 # 300 leads, 35% converted, lift 1.1',
    ]);
    const { ruleset } = rulesetFromText(out, 'out.yaml');
    expect(ruleset.fit.map((r) => r.name).slice(-2)).toEqual(['Industry: Software', 'Employees 50 or more']);
  });

  test('a list that is absent or flow is written as a block', () => {
    const src = 'version: 1\nfit: []\nstages:\n  - name: lead\n';
    const rule = { name: 'r', when: { column: 'x', equals: 'y' }, points: 3, comment: 'c' };
    const out = applyEdits(src, edits({ added: { engagement: [rule], fit: [{ ...rule, name: 's' }] } }));
    expect(out).toBe('version: 1\nfit:\n  - name: s\n    when: { column: x, equals: y }\n    points: 3 # c\nstages:\n  - name: lead\nengagement:\n  - name: r\n    when: { column: x, equals: y }\n    points: 3 # c\n');
  });

  test('bounds removed, a comment in their place: a flow entry, a block key, the whole scores key', () => {
    const flow = applyEdits(EXAMPLE, edits({ removeBounds: ['engagement'] }));
    expect(changed(EXAMPLE, flow)).toEqual({
      added: ['  # calibrate: the floor -20 and ceiling 150 of engagement were removed: they bounded the old points'],
      removed: ['  engagement: { floor: -20, ceiling: 150 }'],
    });
    const block = 'version: 1\nscores:\n  fit:\n    floor: 0\n    ceiling: 90\nstages:\n  - name: lead\n';
    expect(applyEdits(block, edits({ removeBounds: ['fit'] }))).toBe('version: 1\n# calibrate: the floor 0 and ceiling 90 of fit were removed: they bounded the old points\nstages:\n  - name: lead\n');
    const mixed = 'version: 1\nscores:\n  fit: { floor: 0, ceiling: 90 }\n  engagement:\n    floor: -5\nstages:\n  - name: lead\n';
    expect(applyEdits(mixed, edits({ removeBounds: ['engagement'] }))).toBe('version: 1\nscores:\n  fit: { floor: 0, ceiling: 90 }\n  # calibrate: the floor -5 of engagement was removed: it bounded the old points\nstages:\n  - name: lead\n');
    const inFlow = 'version: 1\nscores: { fit: { floor: 0 }, engagement: { ceiling: 9 }, product: { rules: [ { name: p, per: x, points: 1 } ] } }\nstages:\n  - name: lead\n';
    expect(applyEdits(inFlow, edits({ removeBounds: ['engagement', 'fit'] }))).toBe(
      'version: 1\nscores: { product: { rules: [ { name: p, per: x, points: 1 } ] } } # calibrate: the floor 0 of fit was removed: it bounded the old points; calibrate: the ceiling 9 of engagement was removed: it bounded the old points\nstages:\n  - name: lead\n');
  });

  test('thresholds: each score test of the stages, grades and priority bands, and a new value in place', () => {
    const sites = thresholdSites(EXAMPLE);
    expect(sites.map((s) => `${s.where}: ${s.score} ${s.op} ${s.value}`)).toEqual([
      'stage warm: engagement gte 10', 'stage mql: engagement gte 40', 'stage sql: total gte 80', 'stage sql: fit gte 30', 'stage sql: bant_count gte 3',
      'priority P1: total gte 100', 'priority P2: total gte 60',
      'grade fit A: fit gte 50', 'grade fit B: fit gte 30', 'grade fit C: fit gte 10', 'grade engagement 1: engagement gte 100', 'grade engagement 2: engagement gte 60', 'grade engagement 3: engagement gte 25',
    ]);
    const mql = sites.find((s) => s.where === 'stage mql')!;
    const grade = sites.find((s) => s.where === 'grade engagement 1')!;
    const out = applyEdits(EXAMPLE, edits({ values: [{ path: mql.path, value: 55, comment: 'was 40' }, { path: grade.path, value: 120, comment: 'was 100' }] }));
    expect(changed(EXAMPLE, out)).toEqual({
      added: ['  engagement: { 1: 120, 2: 60, 3: 25 }    # 4: below 25; was 100', '    when: { score: engagement, gte: 55 } # was 40'],
      removed: ['  engagement: { 1: 100, 2: 60, 3: 25 }    # 4: below 25', '    when: { score: engagement, gte: 40 }'],
    });
  });

  test('the header goes above the first key, below the file\'s own opening comments; CRLF stays CRLF', () => {
    const src = '# mine\r\n# also mine\r\nversion: 1\r\nengagement:\r\n  - name: a\r\n    when: { column: x, equals: true }\r\n    points: 5\r\nstages:\r\n  - name: lead\r\n';
    const out = applyEdits(src, edits({ header: ['calibrated'], points: [{ name: 'a', points: 9, comment: 'was 5' }] }));
    expect(out).toBe('# mine\r\n# also mine\r\n# calibrated\r\n\r\nversion: 1\r\nengagement:\r\n  - name: a\r\n    when: { column: x, equals: true }\r\n    points: 9 # was 5\r\nstages:\r\n  - name: lead\r\n');
  });

  test('an unknown rule name is a bug of the caller', () => {
    expect(() => applyEdits(EXAMPLE, edits({ points: [{ name: 'nope', points: 1, comment: '' }] }))).toThrow(/no rule named "nope"/);
  });
});
