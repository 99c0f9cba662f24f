/**
 * ruleset/edit.ts on every layout a ruleset can take: `scores:` flow or block, before, between
 * or after the rule lists, holding bounds only or a named score too; rule lists and groups flow or
 * block; comments between. The oracle is the ruleset read back: it parses and validates, with no
 * warning the original did not have, and holds exactly the edits asked (new points, rules gone,
 * groups dissolved or uncapped, bounds gone, rules added) — whatever the layout.
 */
import { describe, expect, test } from '@jest/globals';
import { applyEdits, type Edits, type NewRule } from '../../src/ruleset/edit.js';
import { Splices } from '../../src/ruleset/edit-text.js';
import { rulesetFromText } from '../../src/ruleset/index.js';
import type { Ruleset } from '../../src/ruleset/types.js';

type Lists = 'block' | 'flow groups' | 'flow lists';
type Scores = 'none' | 'block' | 'flow' | 'engagement only, block' | 'engagement only, flow' | 'block with a named score' | 'flow with a named score';
type Where = 'before' | 'between' | 'after';

const ENGAGEMENT: Record<Lists, string> = {
  block: `engagement:
  - name: demo   # the demo rule
    when: { column: demo, equals: true }
    points: 50
  - group: web
    max: 40
    rules:
      - { name: visits, per: visits, points: 5 }
      - name: pages
        per: pages
        points: 1
        max: 10
  - group: recent
    date: last_seen
    window: 30d
    max: 20
    rules:
      - { name: seen, when: { column: seen, equals: true }, points: 10 }
  - { name: gone, when: { column: old, equals: true }, points: 3 }
`,
  'flow groups': `engagement:
  - { name: demo, when: { column: demo, equals: true }, points: 50 }   # the demo rule
  - { group: web, max: 40, rules: [ { name: visits, per: visits, points: 5 }, { name: pages, per: pages, points: 1, max: 10 } ] }
  - group: recent
    date: last_seen
    window: 30d
    max: 20
    rules: [ { name: seen, when: { column: seen, equals: true }, points: 10 } ]
  - name: gone
    when: { column: old, equals: true }
    points: 3
`,
  'flow lists': `engagement: [ { name: demo, when: { column: demo, equals: true }, points: 50 },   # the demo rule
  { group: web, max: 40, rules: [ { name: visits, per: visits, points: 5 }, { name: pages, per: pages, points: 1, max: 10 } ] },
  { group: recent, date: last_seen, window: 30d, max: 20, rules: [ { name: seen, when: { column: seen, equals: true }, points: 10 } ] },
  { name: gone, when: { column: old, equals: true }, points: 3 } ]
`,
};

const FIT: Record<Lists, string> = {
  block: `fit:
  - name: size
    when: { column: size, gte: 100 }
    points: 10
  - name: free mail
    when: { column: email, free_mail: true }
    points: -5
`,
  'flow groups': `fit:
  - { name: size, when: { column: size, gte: 100 }, points: 10 }
  - { name: free mail, when: { column: email, free_mail: true }, points: -5 }
`,
  'flow lists': `fit: [ { name: size, when: { column: size, gte: 100 }, points: 10 }, { name: free mail, when: { column: email, free_mail: true }, points: -5 } ]
`,
};

const NAMED = '{ rules: [ { name: product views, per: product_views, points: 2 } ] }';
const SCORES: Record<Scores, string> = {
  none: '',
  block: 'scores:\n  engagement:\n    floor: 0\n    ceiling: 150   # keep it readable\n  fit: { floor: -20 }\n',
  flow: 'scores: { engagement: { floor: 0, ceiling: 150 }, fit: { floor: -20 } }   # bounds\n',
  'engagement only, block': 'scores:\n  engagement: { floor: 0, ceiling: 100 }\n',
  'engagement only, flow': 'scores: { engagement: { floor: 0, ceiling: 100 } }\n',
  'block with a named score': `scores:\n  engagement: { floor: 0 }\n  # a product line\n  product:\n    rules:\n      - { name: product views, per: product_views, points: 2 }\n  fit:\n    ceiling: 90\n`,
  'flow with a named score': `scores: { fit: { floor: -20 }, product: ${NAMED}, engagement: { ceiling: 150 } }\n`,
};

const STAGES = 'stages:\n  - name: lead\n  - name: mql   # sales looks at these\n    when: { score: total, gte: 40 }\n';

/** Comments between the sections too: a comment line is where a section's text ends for the yaml package. */
function layout(lists: Lists, scores: Scores, where: Where): string {
  const note = (text: string) => `# ${text}\n`;
  const s = SCORES[scores] === '' ? '' : `${note('bounds of the scores')}${SCORES[scores]}`;
  return [
    'version: 1\nas_of: 2026-12-31\n',
    where === 'before' ? s : '',
    note('what leads do'), ENGAGEMENT[lists],
    where === 'between' ? s : '',
    note('who leads are'), FIT[lists],
    where === 'after' ? s : '',
    note('the ladder'), STAGES,
  ].join('');
}

const rule = (name: string, column: string): NewRule => ({ name, when: { column, gte: 2 }, points: 7, comment: `${name}: 120 leads`, before: `${column}: 2 bins` });
const none: Edits = { header: [], points: [], removeBounds: [], removeGroupMax: [], added: { engagement: [], fit: [] }, addedComment: { engagement: '', fit: '' }, values: [] };

/** What calibrate asks on a typical run, and two runs that empty a group or a list. */
const EDITS: Record<string, Edits> = {
  'points, removals, caps, bounds and new rules': {
    ...none,
    header: ['Calibrated by a test'],
    points: [
      { name: 'demo', points: 42, comment: 'calibrate: was 50' },
      { name: 'visits', points: 4, comment: 'calibrate: was 5 per' },
      { name: 'pages', points: 2, max: 20, comment: 'calibrate: was 1 per' },
      { name: 'seen', points: 9, comment: 'calibrate: was 10' },
      { name: 'size', points: 12, comment: 'calibrate: was 10' },
      { name: 'gone', points: 0, remove: 'calibrate: rule "gone" removed', comment: '' },
      { name: 'free mail', points: 0, remove: 'calibrate: rule "free mail" removed', comment: '' },
    ],
    removeBounds: ['engagement', 'fit'],
    removeGroupMax: ['web', 'recent'],
    added: { engagement: [rule('Visits 2 or more', 'visits_total'), rule('Pages 2 or more', 'pages_total')], fit: [rule('Employees 2 or more', 'employees')] },
    addedComment: { engagement: '--discover: rules from 2 columns', fit: '--discover: rules from 1 column' },
    values: [{ path: ['stages', 1, 'when', 'gte'], value: 44, comment: 'calibrate: was 40' }],
  },
  'a group and a list emptied, no rules added': {
    ...none,
    points: [
      { name: 'visits', points: 0, remove: 'calibrate: rule "visits" removed', comment: '' },
      { name: 'pages', points: 0, remove: 'calibrate: rule "pages" removed', comment: '' },
      { name: 'size', points: 0, remove: 'calibrate: rule "size" removed', comment: '' },
      { name: 'free mail', points: 0, remove: 'calibrate: rule "free mail" removed', comment: '' },
      { name: 'demo', points: 51, comment: 'calibrate: was 50' },
    ],
    removeGroupMax: ['web', 'recent'],
    removeBounds: ['engagement'],
  },
  'one rule of a group removed, the group dissolved; every fit rule replaced': {
    ...none,
    points: [
      { name: 'pages', points: 0, remove: 'calibrate: rule "pages" removed', comment: '' },
      { name: 'visits', points: 6, comment: 'calibrate: was 5 per' },
      { name: 'size', points: 0, remove: 'calibrate: rule "size" removed', comment: '' },
      { name: 'free mail', points: 0, remove: 'calibrate: rule "free mail" removed', comment: '' },
    ],
    removeGroupMax: ['web'],
    removeBounds: ['fit'],
    added: { engagement: [], fit: [rule('Employees 2 or more', 'employees')] },
    addedComment: { engagement: '', fit: '--discover: rules from 1 column' },
  },
};

const codes = (text: string) => rulesetFromText(text, 'rules.yaml').warnings.map((w) => w.code).sort();
const rulesOf = (r: Ruleset) => [...r.engagement.map((x) => ({ ...x, list: 'engagement' })), ...r.fit.map((x) => ({ ...x, list: 'fit' }))];

const LISTS: Lists[] = ['block', 'flow groups', 'flow lists'];
const SCORE_LAYOUTS = Object.keys(SCORES) as Scores[];
const WHERE: Where[] = ['before', 'between', 'after'];
const cases = LISTS.flatMap((lists) => SCORE_LAYOUTS.flatMap((scores) => WHERE.flatMap((where) =>
  Object.keys(EDITS).map((edits) => ({ lists, scores, where, edits })))));

describe('applyEdits on every layout: the result reads back with exactly the edits asked', () => {
  test.each(cases)('$edits; lists $lists, scores $scores ($where)', ({ lists, scores, where, edits: name }) => {
    const source = layout(lists, scores, where);
    const edits = EDITS[name];
    const before = rulesetFromText(source, 'rules.yaml').ruleset;
    const out = applyEdits(source, edits);
    const after = rulesetFromText(out, 'rules.yaml').ruleset;
    // no warning the original did not have (a group left sharing nothing, a scores key left empty)
    expect(codes(out)).toEqual(codes(source));

    const rules = new Map(rulesOf(after).map((r) => [r.name, r]));
    for (const e of edits.points) {
      if (e.remove !== undefined) expect(rules.has(e.name)).toBe(false);
      else {
        expect(rules.get(e.name)?.points).toBe(e.points);
        if (e.max !== undefined) expect(rules.get(e.name)?.max).toBe(e.max ?? undefined);
      }
    }
    for (const list of ['engagement', 'fit'] as const) {
      expect(after[list].slice(after[list].length - edits.added[list].length).map((r) => [r.name, r.points])).toEqual(edits.added[list].map((r) => [r.name, r.points]));
      // every rule neither removed nor added is still there, in its list, in its order
      const kept = before[list].filter((r) => !edits.points.some((e) => e.name === r.name && e.remove !== undefined)).map((r) => r.name);
      expect(after[list].map((r) => r.name).slice(0, kept.length)).toEqual(kept);
    }
    // a group capped only by max is dissolved (its rules stay, in no group); one with a window keeps it, uncapped
    for (const g of edits.removeGroupMax) {
      const group = after.groups.find((x) => x.name === g);
      if (g === 'web') expect(group).toBeUndefined();
      else expect(group && group.max).toBeUndefined();
    }
    expect(rulesOf(after).filter((r) => r.group === 'web')).toEqual([]);
    for (const score of edits.removeBounds) expect(after.bounds.get(score as 'engagement' | 'fit') ?? {}).toEqual({});
    for (const [score, bounds] of before.bounds) if (!edits.removeBounds.includes(score)) expect(after.bounds.get(score)).toEqual(bounds);
    expect(after.scores.map((s) => s.name)).toEqual(before.scores.map((s) => s.name));
    for (const v of edits.values) expect(after.stages[1].when).toMatchObject({ arg: v.value });
    // each removal says why where the rule was; the analyst's comments stay
    for (const e of edits.points) if (e.remove !== undefined) expect(out).toContain(`# ${e.remove}`);
    for (const line of source.split('\n').filter((l) => l.startsWith('# '))) expect(out).toContain(line);
    expect(out).toContain('# sales looks at these');
  });
});

describe('overlapping changes are a bug, never a mangled file', () => {
  test('two changes of one step that overlap throw instead of splicing into each other', () => {
    const sp = new Splices('scores:\n  engagement: { floor: 0 }\nstages: []\n');
    sp.replace(0, 29, '');
    sp.replace(8, 8, '  - new rule\n');
    expect(() => sp.apply()).toThrow(/overlap/);
    const fine = new Splices('abcdef');
    fine.replace(2, 4, 'X');
    fine.replace(2, 2, '<');
    fine.replace(4, 4, '>');
    expect(fine.apply()).toBe('ab<X>ef');
  });

  test('the tester\'s ruleset: scores (engagement bounds only) right after the rules that new ones follow', () => {
    const source = 'version: 1\nas_of: 2026-12-31\nengagement:\n  - { name: demo, when: { column: demo, equals: true }, points: 30 }\nscores:\n  engagement: { floor: 0, ceiling: 100 }\nstages:\n  - name: lead\n';
    const out = applyEdits(source, { ...none, removeBounds: ['engagement'], added: { engagement: [rule('visits 2 or more', 'visits')], fit: [] }, addedComment: { engagement: '--discover', fit: '' } });
    expect(out).toBe([
      'version: 1', 'as_of: 2026-12-31', 'engagement:', '  - { name: demo, when: { column: demo, equals: true }, points: 30 }',
      '  # --discover', '  # visits: 2 bins', '  - name: visits 2 or more', '    when: { column: visits, gte: 2 }', '    points: 7 # visits 2 or more: 120 leads',
      '# calibrate: the floor 0 and ceiling 100 of engagement were removed: they bounded the old points', 'stages:', '  - name: lead', '',
    ].join('\n'));
  });
});
