/**
 * `leadq explain`: one lead, every rule, BANT criterion, disqualifier, stage and priority band.
 * fixtures/leads.csv is the e2e export (12 leads); fixtures/rules.yaml its ladder with the
 * scoring-model keys on top. L01 is an SQO; L06 is disqualified (do_not_contact) although its
 * scores would make it one, and its engagement hits both a group cap and the ceiling.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from '@jest/globals';
import { Chalk } from 'chalk';
import { explainCommand } from '../../src/commands/explain.js';
import type { Io } from '../../src/commands/io.js';
import { LeadqError } from '../../src/model/errors.js';
import { cleanTempDirs, readCsv, REPO, run, tempDir, write } from '../e2e/helpers.js';

afterEach(cleanTempDirs);

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const LEADS = path.join(FIXTURES, 'leads.csv');
const RULES = path.join(FIXTURES, 'rules.yaml');

interface ExplainJson {
  lead: string;
  line: number;
  column: string;
  other_lines: number[];
  stage: string;
  grade: string;
  priority_band: string;
  disqualified_reason: string;
  reasons: string[];
  scores: { name: string; value: number; bounded: number }[];
  rules: { name: string; score: string; held: boolean; skipped: string; points: { raw: number; after_decay: number; after_max: number; final: number } | null; reason: string | null; date?: { age: number | null } }[];
  bant: { key: string; held: boolean }[];
  disqualifiers: { reason: string; held: boolean }[];
  stages: { name: string; held: boolean; when: { text: string; held: boolean; items?: { text: string; held: boolean; saw?: string }[] } | null }[];
  priority: { band: string; bands: { name: string; held: boolean }[] };
}

async function explain(lead: string, ...extra: string[]): Promise<ExplainJson> {
  const result = await run(['explain', LEADS, '--rules', RULES, '--lead', lead, '--json', ...extra]);
  expect({ code: result.code, err: result.err }).toEqual({ code: 0, err: '' });
  return JSON.parse(result.out) as ExplainJson;
}

/** The error explainCommand throws, called directly so its code can be asserted. */
async function explainError(input: string, rules: string, lead: string): Promise<LeadqError> {
  const io: Io = { out: () => {}, err: () => {}, errIsTTY: false, chalk: new Chalk({ level: 0 }) };
  try {
    await explainCommand(input, { rules, lead }, io);
  } catch (error) {
    return error as LeadqError;
  }
  throw new Error('explain did not fail');
}

describe('an SQO (L01)', () => {
  test('--json: every stage held up to sqo, all four criteria, the scores and reasons as score writes them', async () => {
    const e = await explain('L01');
    expect([e.lead, e.line, e.column, e.stage, e.grade, e.priority_band]).toEqual(['L01', 2, 'id', 'sqo', 'A1', 'P1']);
    expect(e.stages.map((s) => [s.name, s.held])).toEqual([['lead', true], ['warm', true], ['mql', true], ['sal', true], ['sql', true], ['sqo', true]]);
    expect(e.bant.map((b) => b.held)).toEqual([true, true, true, true]);
    expect(e.disqualifiers.map((d) => d.held)).toEqual([false, false, false]);
    const sqo = e.stages[5].when!;
    expect(sqo.items!.map((i) => [i.text, i.held, i.saw])).toEqual([
      ['stage sql', true, undefined], ['demo = true', true, 'Yes'], ['criteria budget, authority, need, timeline', true, 'B,A,N,T'],
    ]);
  });

  test('a decayed rule shows its points before and after decay, and its age', async () => {
    const e = await explain('L01');
    const webinar = e.rules.find((r) => r.name === 'webinar')!;
    expect(webinar).toMatchObject({ held: true, skipped: '', points: { raw: 20, after_decay: 15.16, after_max: 15.16, final: 15.16 }, date: { age: 12 } });
    expect(webinar.reason).toBe('webinar +20 → +15.16 (decay 12d)');
    // a later as-of date: older, smaller
    const later = await explain('L01', '--as-of', '2026-12-01');
    expect(later.rules.find((r) => r.name === 'webinar')!.date!.age).toBe(42);
  });

  test('-q: the ruleset\'s warnings are not printed; without it they are', async () => {
    const dir = tempDir();
    fs.cpSync(path.join(REPO, 'examples'), path.join(dir, 'examples'), { recursive: true });
    const rules = write(dir, 'rules.yaml', `${fs.readFileSync(path.join(REPO, 'rules.example.yaml'), 'utf8')}\noutput:\n  rename: { account: lead_account }\n`);
    const argv = ['explain', path.join(dir, 'examples', 'leads.csv'), '--rules', rules, '--lead', '51001'];
    const loud = await run(argv);
    expect(loud.err).toMatch(/RENAME_WITHOUT_ACCOUNTS/);
    const quiet = await run([...argv, '-q']);
    expect([quiet.code, quiet.err]).toEqual([0, '']);
    expect(quiet.out).toBe(loud.out);
  });

  test('two priority bands of one name both holding: only the first is pointed at', async () => {
    const result = await run(['explain', path.join(REPO, 'examples', 'leads.csv'), '--rules', path.join(REPO, 'rules.example.yaml'), '--lead', '51001']);
    const marked = result.out.split('\n').filter((l) => l.includes('← priority'));
    expect(marked).toEqual(['  ✓ P1 (min 100)   ← priority']);
    expect(result.out).toContain('  ✓ P1 and grade A1, B1');
  });

  test('the text form: readable marks, the chosen stage and priority pointed at', async () => {
    const result = await run(['explain', LEADS, '--rules', RULES, '--lead', 'L01']);
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toMatch(/^lead "L01" \(id\) · .*leads\.csv line 2 · as of 2026-11-01$/);
    expect(result.out).toContain('stage sqo · priority P1 · grade A1');
    expect(lines.find((l) => /✓ sqo: all of: holds {3}← stage$/.test(l))).toBeDefined();
    expect(lines.find((l) => /✓ P1 \(min 90\) {3}← priority$/.test(l))).toBeDefined();
    expect(lines.find((l) => /✓ +\+15\.16 {2}webinar \[group events\]$/.test(l))).toBeDefined();
    expect(lines.find((l) => /✗ +— {2}inactive 90d$/.test(l))).toBeDefined();
  });
});

describe('a disqualified lead (L06)', () => {
  test('--json: the first disqualifier that holds decides; the ladder is still explained', async () => {
    const e = await explain('L06');
    expect([e.stage, e.disqualified_reason, e.priority_band]).toEqual(['disqualified', 'do_not_contact', '']);
    expect(e.disqualifiers.map((d) => [d.reason, d.held])).toEqual([['do_not_contact', true], ['competitor', false], ['invalid_email', false]]);
    // its scores would have made it an SQO
    expect(e.stages.map((s) => s.held)).toEqual([true, true, true, true, true, true]);
  });

  test('the group cap and the ceiling: per-rule points after caps add up to the score', async () => {
    const e = await explain('L06');
    const demo = e.rules.find((r) => r.name === 'demo')!;
    expect(demo.points).toMatchObject({ raw: 40, after_decay: 38.19, after_max: 38.19, final: 30.9 });
    expect(demo.reason).toBe('demo +40 → +38.19 (decay 2d) → +30.9 (group events max 50)');
    const engagement = e.scores.find((s) => s.name === 'engagement')!;
    const fromRules = e.rules.filter((r) => r.score === 'engagement' && r.points).reduce((a, r) => a + Math.round(r.points!.final * 100), 0);
    expect([engagement.value, fromRules + Math.round(engagement.bounded * 100)]).toEqual([80, 8000]);
  });

  test('the text form says the ladder was not applied and there is no priority', async () => {
    const result = await run(['explain', LEADS, '--rules', RULES, '--lead', 'L06']);
    expect(result.out).toContain('stage disqualified (do_not_contact)');
    expect(result.out).toMatch(/✓ do_not_contact: do_not_contact = true — saw "true"/);
    expect(result.out).toMatch(/stages \(not applied: the lead is disqualified, do_not_contact\)/);
    expect(result.out).toContain('priority (none: the lead is disqualified)');
    expect(result.out).not.toContain('← priority');
  });
});

describe('explain agrees with score', () => {
  test('for every lead: scores, stage, priority, grade and reasons as in scored.csv', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'scored.csv');
    expect((await run(['score', LEADS, '--rules', RULES, '--out', out])).code).toBe(0);
    const [header, ...rows] = readCsv(out);
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    for (const row of rows) {
      const e = await explain(row[0]);
      const scores = Object.fromEntries(e.scores.map((s) => [s.name, String(s.value)]));
      expect({ id: row[0], stage: e.stage, priority: e.priority_band, grade: e.grade, reasons: e.reasons.join('; '), ...scores }).toEqual({
        id: row[0], stage: cell(row, 'stage'), priority: cell(row, 'priority'), grade: cell(row, 'grade'), reasons: cell(row, 'reasons'),
        engagement: cell(row, 'engagement_score'), fit: cell(row, 'fit_score'), budget_fit: cell(row, 'budget_fit_score'),
      });
    }
  });
});

describe('finding the lead', () => {
  test.each([
    ['L03', 'id', 4],
    ['carla@gamma.example', 'email', 4],
    ['  CARLA@Gamma.Example ', 'email', 4], // emails ignore case and surrounding spaces
  ])('--lead %p is found in %p at line %p', async (lead, column, line) => {
    const e = await explain(lead);
    expect([e.column, e.line]).toEqual([column, line]);
  });

  test('a lead not found: LEAD_NOT_FOUND (exit 1) naming the nearest ids', async () => {
    const error = await explainError(LEADS, RULES, 'L1');
    expect(error.code).toBe('LEAD_NOT_FOUND');
    expect(error.message).toContain('"L01" (line 2)');
    const result = await run(['explain', LEADS, '--rules', RULES, '--lead', 'anna@acme.exmaple']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('"anna@acme.example" (line 2)');
  });

  test('id_column: only that column identifies a lead', async () => {
    const dir = tempDir();
    const rules = write(dir, 'rules.yaml', 'id_column: email\nstages: [{ name: lead }]\n');
    expect((await run(['explain', LEADS, '--rules', rules, '--lead', 'bob@beta.example'])).code).toBe(0);
    expect((await explainError(LEADS, rules, 'L02')).code).toBe('LEAD_NOT_FOUND');
  });

  test('an export without an id or email column and no id_column: a usage error', async () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', 'name,score\nann,1\n');
    const rules = write(dir, 'rules.yaml', 'stages: [{ name: lead }]\n');
    const error = await explainError(input, rules, 'ann');
    expect([error.code, error.hint]).toEqual(['USAGE', expect.stringContaining('id_column')]);
  });

  test('an id_column the export lacks: RULES_COLUMN_MISSING, like any column', async () => {
    const dir = tempDir();
    const rules = write(dir, 'rules.yaml', 'id_column: Record ID\nstages: [{ name: lead }]\n');
    expect((await explainError(LEADS, rules, 'L01')).code).toBe('RULES_COLUMN_MISSING');
  });

  test('a report\'s title read as the header: the missing column, and the lines to skip to the real one', async () => {
    const dir = tempDir();
    const input = write(dir, 'report.csv', '"Leads Report"\n"As of 10/14/2026"\n\nid,email,visits\n1,a@x.example,3\n2,b@x.example,5\n');
    const rules = write(dir, 'rules.yaml', 'fit: [{ name: v, when: { column: visits, gte: 1 }, points: 1 }]\nstages: [{ name: lead }]\n');
    const error = await explainError(input, rules, '1');
    expect([error.code, error.hint]).toEqual(['RULES_COLUMN_MISSING', expect.stringMatching(/the real header is on line 4: skip the lines above it with --skip-lines 3$/)]);
  });

  test('a lead whose id is on several rows: the first is explained, the others named', async () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', 'Record ID,Email\n7,a@x.example\n8,b@x.example\n7,c@x.example\n');
    const rules = write(dir, 'rules.yaml', 'stages: [{ name: lead }]\n');
    const result = await run(['explain', input, '--rules', rules, '--lead', '7', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ column: 'Record ID', line: 2, other_lines: [4] });
  });
});
