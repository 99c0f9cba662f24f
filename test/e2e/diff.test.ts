/**
 * `leadq diff`: every change kind, repeats and empty keys, filters, --json, --exit-code, bad
 * input, rulesets with their own stages and names, encodings and block boundaries, and a seeded
 * property check: applying the changes to the older file gives the newer one's keys and stages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { cleanTempDirs, read, REPO, run, snapshot, tempDir, write } from './helpers.js';
import { mulberry32 } from '../support/random.js';

afterEach(cleanTempDirs);

const RESULTS = ['engagement_score', 'fit_score', 'score', 'bant', 'stage', 'priority', 'reasons', 'disqualified_reason'];

/** A lead of a scored file: key, stage, score, and optionally priority, name and reasons. */
type Lead = [id: string, stage: string, score: number, priority?: string, name?: string, reasons?: string];

/** A scored file as leadq score writes one: lead_id, name, then the result columns. */
function scored(leads: Lead[], d = ','): string {
  const cell = (s: string) => (/[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['lead_id', 'name', ...RESULTS].join(d)];
  for (const [id, stage, score, priority = 'P3', name = `Lead ${id}`, reasons = `rule +${score}`] of leads) {
    lines.push([id, name, '0', '0', String(score), '', stage, priority, reasons, stage === 'disqualified' ? 'do_not_contact' : ''].map(cell).join(d));
  }
  return `${lines.join('\n')}\n`;
}

function files(before: Lead[] | string, after: Lead[] | string): { dir: string; before: string; after: string } {
  const dir = tempDir();
  return {
    dir,
    before: write(dir, 'yesterday/scored.csv', typeof before === 'string' ? before : scored(before)),
    after: write(dir, 'today/scored.csv', typeof after === 'string' ? after : scored(after)),
  };
}

const rows = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

let outs = 0;
/**
 * `leadq diff …` in-process, its output in a file (standard output is the process's own, see
 * output/stdout.ts); `out` is that file's text, empty when none was written.
 */
async function diff(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const given = argv.indexOf('--out');
  const out = given >= 0 ? argv[given + 1] : path.join(tempDir(), `changes-${outs++}.out`);
  const result = await run(['diff', ...argv, ...(given >= 0 ? [] : ['--out', out])]);
  return { ...result, out: fs.existsSync(out) ? read(out) : '' };
}

const BEFORE: Lead[] = [
  ['L1', 'mql', 50, 'P2'],
  ['L2', 'sql', 80, 'P1'],
  ['L3', 'lead', 10],
  ['L4', 'sql', 85, 'P1'],
  ['L5', 'mql', 40, 'P3', 'Old name'],
];
const AFTER: Lead[] = [
  ['L1', 'sqo', 95.5, 'P1', 'Lead L1', 'demo +50; pricing 5x5=+25'],
  ['L2', 'mql', 60.25, 'P2'],
  ['L3', 'lead', 15],
  ['L4', 'sql', 85, 'P1'],
  ['L6', 'lead', 5],
];

describe('leadq diff', () => {
  test('one row per change: up, down, score, new, then removed; unchanged leads are not written', async () => {
    const f = files(BEFORE, AFTER);
    const result = await diff([f.before, f.after]);
    expect(result.code).toBe(0);
    expect(result.out.split('\n')[0]).toBe('key,change,stage_before,stage_after,score_before,score_after,score_delta,priority_before,priority_after,reasons,disqualified_reason,lead_id,name');
    expect(rows(result.out).map((r) => Object.values(r))).toEqual([
      ['L1', 'up', 'mql', 'sqo', '50', '95.5', '45.5', 'P2', 'P1', 'demo +50; pricing 5x5=+25', '', 'L1', 'Lead L1'],
      ['L2', 'down', 'sql', 'mql', '80', '60.25', '-19.75', 'P1', 'P2', 'rule +60.25', '', 'L2', 'Lead L2'],
      ['L3', 'score', 'lead', 'lead', '10', '15', '5', 'P3', 'P3', 'rule +15', '', 'L3', 'Lead L3'],
      ['L6', 'new', '', 'lead', '', '5', '', '', 'P3', 'rule +5', '', 'L6', 'Lead L6'],
      // a removed lead's columns are its last known ones, from the older file
      ['L5', 'removed', 'mql', '', '40', '', '', 'P3', '', '', '', 'L5', 'Old name'],
    ]);
    expect(result.err).toBe('leadq: 1 entered sql, 1 left sql; 1 new, 1 removed, 1 up, 1 down, 1 score; 5 changes written\n');
  });

  test('--json: an array, one change per line; numbers are numbers, a missing side is null', async () => {
    const f = files(BEFORE, AFTER);
    const result = await diff([f.before, f.after, '--json', '--only', 'new,removed,up']);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe('[');
    expect(lines.at(-2)).toBe(']');
    const changes = JSON.parse(result.out) as Record<string, unknown>[];
    expect(changes.map((c) => c.change)).toEqual(['up', 'new', 'removed']);
    expect(changes[0]).toEqual({
      key: 'L1', change: 'up', stage_before: 'mql', stage_after: 'sqo', score_before: 50, score_after: 95.5, score_delta: 45.5,
      priority_before: 'P2', priority_after: 'P1', reasons: 'demo +50; pricing 5x5=+25', disqualified_reason: '',
      lead: { lead_id: 'L1', name: 'Lead L1' },
    });
    expect(changes[1]).toMatchObject({ key: 'L6', stage_before: null, score_before: null, score_delta: null, priority_before: null });
    expect(changes[2]).toMatchObject({ key: 'L5', stage_after: null, score_after: null, reasons: null, lead: { name: 'Old name' } });
  });

  test('--json: the cells without scored.csv\'s formula escape (a phone +49 …, a name =SUM(…)); the CSV keeps it', async () => {
    const after = scored(AFTER).replace('Lead L1', "'=SUM(A1)").replace('Lead L6', "'+49 170 1234567");
    const f = files(BEFORE, after);
    const json = JSON.parse((await diff([f.before, f.after, '--json'])).out) as { key: string; lead: { name: string } }[];
    expect(json.find((c) => c.key === 'L1')!.lead.name).toBe('=SUM(A1)');
    expect(json.find((c) => c.key === 'L6')!.lead.name).toBe('+49 170 1234567');
    const csv = rows((await diff([f.before, f.after])).out);
    expect(csv.find((c) => c.key === 'L6')!.name).toBe("'+49 170 1234567");
  });

  // ids such as @3 and =4 are written '@3 and '=4 by score's formula escaping, and not with --no-escape-formulas
  describe('keys a formula escape put a \' before', () => {
    const escaped: Lead[] = [["'@3", 'mql', 50], ["'=4", 'sql', 80], ["'-ok-", 'lead', 5], ['L1', 'lead', 10]];
    const plain: Lead[] = [['@3', 'sql', 70], ['=4', 'sql', 80], ['-ok-', 'lead', 5], ['L1', 'mql', 40]];

    test.each([
      ['escaped before, plain after', escaped, plain],
      ['plain before, escaped after', plain.map(([id]) => [id, 'lead', 0] as Lead), escaped],
    ])('%s: the same leads, never removed and new', async (_what, before, after) => {
      const f = files(before, after);
      const json = JSON.parse((await diff([f.before, f.after, '--json'])).out) as { key: string; change: string; lead: { lead_id: string } }[];
      expect(json.filter((c) => c.change === 'new' || c.change === 'removed')).toEqual([]);
      // the key as the lead's own cell is under "lead": without the '
      for (const c of json) expect(c.key).toBe(c.lead.lead_id);
      expect(json.map((c) => c.key)).toContain('@3');
    });

    test('the JSON key of a removed lead, and the CSV key as the CSV writes any cell', async () => {
      const f = files(escaped, [['L1', 'lead', 10]]);
      const json = JSON.parse((await diff([f.before, f.after, '--json'])).out) as { key: string; change: string }[];
      expect(json.map((c) => [c.key, c.change])).toEqual([['@3', 'removed'], ['=4', 'removed'], ['-ok-', 'removed']]);
      const g = files(escaped, plain);
      expect(rows((await diff([g.before, g.after])).out).map((c) => [c.key, c.lead_id])).toEqual([["'@3", "'@3"], ['L1', 'L1']]);
      // escaping off: no cell keeps the ' a scored file's escaping put there, the key as the others
      const h = files(escaped, scored([['@3', 'sql', 70, 'P1', "'=SUM(A1)", "'-5 points +70"]]).replace('@3,', "'@3,"));
      const off = rows((await diff([h.before, h.after, '--no-escape-formulas'])).out)[0];
      expect([off.key, off.lead_id, off.name, off.reasons]).toEqual(['@3', '@3', '=SUM(A1)', '-5 points +70']);
    });
  });

  test('no change at all: the header only (CSV) or [] (JSON)', async () => {
    const f = files(BEFORE, BEFORE);
    expect((await diff([f.before, f.after])).out.split('\n').filter(Boolean)).toHaveLength(1);
    const json = await diff([f.before, f.after, '--json']);
    expect(JSON.parse(json.out)).toEqual([]);
    expect(json.err).toBe('leadq: 0 entered sql, 0 left sql; 0 new, 0 removed, 0 up, 0 down, 0 score; 0 changes written\n');
  });

  describe('--only', () => {
    const before: Lead[] = [['A', 'mql', 50], ['B', 'sqo', 99], ['C', 'sql', 80], ['D', 'lead', 1], ['E', 'sal', 60], ['G', 'sql', 70]];
    const after: Lead[] = [['A', 'sqo', 99], ['B', 'mql', 50], ['C', 'disqualified', 80], ['D', 'warm', 20], ['E', 'sql', 75], ['F', 'sql', 80]];
    test.each([
      ['entered:sql', ['A', 'E', 'F']], // a jump from mql to sqo enters sql; so does a new lead at sql
      ['left:sql', ['B', 'C', 'G']], // a removed lead at sql left it
      ['entered:sql,left:sql', ['A', 'B', 'C', 'E', 'F', 'G']],
      ['entered:disqualified', ['C']],
      ['up', ['A', 'D', 'E']],
      ['down,new', ['B', 'C', 'F']],
      ['removed', ['G']],
      ['score', []],
    ])('%s', async (only, keys) => {
      const f = files(before, after);
      const result = await diff([f.before, f.after, '--only', only]);
      expect(result.code).toBe(0);
      expect(rows(result.out).map((r) => r.key)).toEqual(keys);
    });

    // A entered sqo, B left it; F (new at sql) entered mql, C (now disqualified) and G (removed) left it
    test('the tally counts every change and the stages the filter names', async () => {
      const f = files(before, after);
      const result = await diff([f.before, f.after, '--only', 'entered:sqo', '--only', 'left:mql']);
      expect(result.err).toBe('leadq: 1 entered sqo, 1 left sqo, 1 entered mql, 2 left mql; 1 new, 1 removed, 3 up, 2 down, 0 score; 3 changes written\n');
    });

    test('an unknown term or stage is a usage error (exit 2), nothing written', async () => {
      const f = files(before, after);
      const out = path.join(f.dir, 'changes.csv');
      const result = await diff([f.before, f.after, '--only', 'entered:hot', '--out', out]);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/"hot" is not a stage of the default ladder.*\[USAGE\]/);
      expect(fs.existsSync(out)).toBe(false);
    });
  });

  test('a key repeated within a file: the first row counts, the repeat is reported with both lines', async () => {
    const f = files(
      [['L1', 'mql', 50], ['L2', 'lead', 5], ['L1', 'sql', 90]],
      [['L1', 'mql', 50], ['L2', 'lead', 5], ['L3', 'lead', 1], ['L2', 'sqo', 99], ['L3', 'sql', 80]],
    );
    const result = await diff([f.before, f.after]);
    expect(rows(result.out).map((r) => [r.key, r.change])).toEqual([['L3', 'new']]);
    expect(result.err).toBe([
      `leadq: warning: ${f.before}: 1 row repeats the "lead_id" of an earlier row and was left out (the first row of a key counts): "L1" at lines 2 and 4`,
      `leadq: warning: ${f.after}: 2 rows repeat the "lead_id" of an earlier row and were left out (the first row of a key counts): "L2" at lines 3 and 5, "L3" at lines 4 and 6`,
      'leadq: 0 entered sql, 0 left sql; 1 new, 0 removed, 0 up, 0 down, 0 score; 1 change written',
      '',
    ].join('\n'));
  });

  test('rows with an empty key are counted and left out of both files: neither new nor removed', async () => {
    const f = files([['', 'mql', 50], ['L1', 'lead', 1]], [['L1', 'lead', 1], ['', 'sql', 80], ['', 'lead', 2]]);
    const result = await diff([f.before, f.after]);
    expect(rows(result.out)).toEqual([]);
    expect(result.err).toContain(`${f.after}: 2 rows have an empty "lead_id" and cannot be matched; left out (first at line 3)`);
    expect(result.err).toContain(`${f.before}: 1 row has an empty "lead_id"`);
  });

  test('an export column named like a diff column: both are written, with a warning', async () => {
    const header = `lead_id,change,${RESULTS.join(',')}`;
    const f = files(`${header}\nL1,x,0,0,5,,lead,P3,,\n`, `${header}\nL1,y,0,0,50,,mql,P3,,\n`);
    const result = await diff([f.before, f.after]);
    expect(result.out.split('\n')[0]).toMatch(/^key,change,.*,disqualified_reason,lead_id,change$/);
    expect(result.err).toMatch(/^leadq: warning: the export has a column named like the diff's own \("change"\); the output has both, the diff's first$/m);
  });

  test('--key names another column; both files must have it', async () => {
    const f = files([['L1', 'mql', 50, 'P3', 'ana']], [['L9', 'sql', 80, 'P3', 'ana']]);
    const byName = await diff([f.before, f.after, '--key', 'name']);
    expect(rows(byName.out).map((r) => [r.key, r.change])).toEqual([['ana', 'up']]);
    const missing = await diff([f.before, f.after, '--key', 'Email']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/the key column "Email" is not in .*yesterday\/scored\.csv.*\[DIFF_KEY_MISSING\]/);
  });

  describe('--exit-code', () => {
    test.each([
      [[], 1],
      [['--only', 'entered:sqo'], 1],
      [['--only', 'removed'], 1],
      [['--only', 'entered:disqualified'], 0],
    ])('%p: %i, as git diff --exit-code', async (extra, code) => {
      const f = files(BEFORE, AFTER);
      expect((await diff([f.before, f.after, '--exit-code', ...extra])).code).toBe(code);
    });

    test('without it, changes exit 0; with it, a failure exits 2, never 1', async () => {
      const f = files(BEFORE, [['L1', 'hot', 1]]);
      expect((await diff([f.before, f.before])).code).toBe(0);
      const plain = await diff([f.before, f.after]);
      expect([plain.code, plain.err]).toEqual([1, expect.stringContaining('[DIFF_STAGES]')]);
      const strict = await diff([f.before, f.after, '--exit-code']);
      expect([strict.code, strict.err]).toEqual([2, expect.stringContaining('[DIFF_STAGES]')]);
      expect((await diff([f.before, path.join(f.dir, 'nope.csv'), '--exit-code'])).code).toBe(2);
    });
  });

  describe('bad input', () => {
    test('a stage not on the ladder: exit 1 naming the stage, the file and the line, and --rules', async () => {
      const f = files(BEFORE, [['L1', 'lead', 1], ['L2', 'Hot Lead', 2]]);
      const result = await diff([f.before, f.after]);
      expect(result.code).toBe(1);
      expect(result.err).toContain(`${f.after}:3 stage "Hot Lead" is not on the default ladder (lead → warm → mql → sal → sql → sqo, and disqualified below all): were the files scored with other stages? [DIFF_STAGES]`);
      expect(result.err).toMatch(/hint: pass --rules/);
    });

    test('files from rulesets with other stages: the ruleset given names its ladder', async () => {
      const rules = write(tempDir(), 'rules.yaml', 'version: 1\nstages:\n  - name: cold\n  - name: hot\n    when: { score: total, gte: 10 }\n');
      const f = files([['L1', 'cold', 1]], [['L1', 'sql', 80]]);
      const result = await diff([f.before, f.after, '--rules', rules]);
      expect(result.code).toBe(1);
      expect(result.err).toContain(`${f.after}:2 stage "sql" is not on the ladder of ${rules} (cold → hot, and disqualified below all)`);
    });

    test('a file leadq score did not write: exit 2, DIFF_NOT_SCORED', async () => {
      const f = files(BEFORE, 'lead_id,name,stage\nL1,a,sql\n');
      const result = await diff([f.before, f.after]);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/leadq: \S+\.csv has no column "score", "priority", "reasons", "disqualified_reason": not a file leadq score wrote \[DIFF_NOT_SCORED\]/);
    });

    test('a row of another width: exit 1 naming its line (a row left out would look removed)', async () => {
      const text = scored(AFTER).replace('L3,Lead L3,', 'L3,Lead L3,extra,');
      const f = files(BEFORE, text);
      const result = await diff([f.before, f.after]);
      expect(result.code).toBe(1);
      expect(result.err).toContain(`${f.after}:4 expected 10 fields, got 11 [INPUT_CSV]`);
      expect(result.err).toMatch(/would show as a new or removed lead/);
    });

    test('a score that is not a number: exit 1, DIFF_VALUE', async () => {
      const f = files(BEFORE, scored(AFTER).replace(',95.5,', ',n/a,'));
      const result = await diff([f.before, f.after]);
      expect([result.code, result.err]).toEqual([1, expect.stringContaining(`${f.after}:2 the score "n/a" is not a number`)]);
    });
  });

  test('--out is written atomically: a failure leaves the earlier file as it was; an input is never written over', async () => {
    const f = files(BEFORE, AFTER);
    const out = write(f.dir, 'calls.csv', 'earlier\n');
    const bad = write(f.dir, 'bad.csv', scored([['L1', 'hot', 1]]));
    const before = snapshot(f.dir);
    expect((await diff([f.before, bad, '--out', out])).code).toBe(1);
    expect(snapshot(f.dir)).toEqual(before);
    expect((await diff([f.before, f.after, '--out', out])).code).toBe(0);
    expect(rows(read(out))).toHaveLength(5);
    const clash = await diff([f.before, f.after, '--out', f.after]);
    expect([clash.code, clash.err]).toEqual([2, expect.stringContaining('[OUTPUT_IS_INPUT]')]);
  });

  test('cells Excel would run are escaped unless --no-escape-formulas; scores stay numbers', async () => {
    const f = files([['L1', 'mql', 50]], [['L1', 'sql', 80, 'P1', '=HYPERLINK("x")']]);
    expect((await diff([f.before, f.after])).out).toContain(',80,30,P3,P1,rule +80,,L1,"\'=HYPERLINK(""x"")"');
    expect((await diff([f.before, f.after, '--no-escape-formulas'])).out).toContain(',L1,"=HYPERLINK(""x"")"');
    // a quote inside an unquoted cell is text to the reader; the writer quotes it
    const quoted = files([['L1', 'mql', 50]], `lead_id,name,${RESULTS.join(',')}\nL1,O"Brien,0,0,80,,sql,P1,,\n`);
    expect((await diff([quoted.before, quoted.after])).out).toContain(',L1,"O""Brien"\n');
    const down = files([['L1', 'sql', 80]], [['L1', 'mql', 50]]);
    expect((await diff([down.before, down.after])).out).toContain(',80,50,-30,');
  });

  test('a ruleset that renames result columns and has its own stages and id column', async () => {
    const dir = tempDir();
    const rules = write(dir, 'rules.yaml', [
      'version: 1', 'id_column: Email',
      'output: { rename: { stage: funnel_stage, score: total_score } }',
      'stages:', '  - name: cold', '  - name: hot', '    when: { score: total, gte: 10 }', '',
    ].join('\n'));
    const header = 'Email,engagement_score,fit_score,total_score,bant,funnel_stage,priority,reasons,disqualified_reason';
    const before = write(dir, 'a.csv', `${header}\nana@x.example,0,0,5,,cold,P3,,\nbo@x.example,0,0,50,,hot,P1,,\n`);
    const after = write(dir, 'b.csv', `${header}\nbo@x.example,0,0,5,,cold,P3,,\nana@x.example,0,0,50,,hot,P1,,\n`);
    const result = await diff([before, after, '--rules', rules, '--only', 'entered:hot']);
    expect(result.code).toBe(0);
    expect(rows(result.out).map((r) => [r.key, r.change, r.stage_before, r.stage_after, r.Email])).toEqual([['ana@x.example', 'up', 'cold', 'hot', 'ana@x.example']]);
    // the same files without the ruleset: the renamed columns are not found
    expect((await diff([before, after])).err).toMatch(/\[DIFF_NOT_SCORED\]\n {2}hint: .*pass it with --rules/);
  });

  test('any delimiter and encoding leadq reads; quoted line breaks across small blocks', async () => {
    const leads = (n: number, shift: number): Lead[] => Array.from({ length: n }, (_, i) => [`K${i}`, ['lead', 'mql', 'sql'][(i + shift) % 3], i + shift, 'P3', `Zoë "${i}", line\nbreak`]);
    const dir = tempDir();
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(scored(leads(300, 0), ';'), 'utf16le')]);
    const before = write(dir, 'before.csv', utf16);
    const after = write(dir, 'after.csv', scored(leads(300, 1)));
    const whole = await diff([before, after]);
    const small = await diff([before, after, '--block-size', '100']);
    expect(whole.code).toBe(0);
    expect(small.out).toBe(whole.out);
    const changes = rows(whole.out);
    expect(changes).toHaveLength(300);
    expect(changes[7]).toMatchObject({ key: 'K7', change: 'up', stage_before: 'mql', stage_after: 'sql', name: 'Zoë "7", line\nbreak' });
    // the output's delimiter is the newer file's unless told
    expect((await diff([after, before, '--out-delimiter', ';'])).out.split('\n')[0]).toMatch(/^key;change;/);
  });

  test('two runs of leadq score on the example: what an independent comparison of the files finds', async () => {
    const dir = tempDir();
    const rules = path.join(REPO, 'rules.example.yaml');
    const leads = path.join(REPO, 'examples', 'leads.csv');
    // the second export: a lead gone, another edited, the dates moved on
    const text = read(leads).split('\n');
    const second = write(dir, 'second.csv', [...text.slice(0, 5), ...text.slice(6)].join('\n').replace(',Open Deal,', ',Unqualified,'));
    for (const [input, asOf, out] of [[leads, '2026-11-01', 'd1'], [second, '2027-02-15', 'd2']]) {
      expect((await run(['score', input, '-r', rules, '--as-of', asOf, '-q', '--out-dir', path.join(dir, out)])).code).toBe(0);
    }
    const a = path.join(dir, 'd1', 'scored.csv');
    const b = path.join(dir, 'd2', 'scored.csv');
    const result = await diff([a, b, '-r', rules, '--json']);
    expect(result.code).toBe(0);
    const got = (JSON.parse(result.out) as { key: string; change: string; stage_before: string | null; stage_after: string | null }[]).map((c) => `${c.key} ${c.stage_before} ${c.stage_after}`).sort();
    // the oracle: both files through csv-parse, compared by Record ID
    const byId = (file: string) => new Map((parse(read(file), { columns: true, bom: true }) as Record<string, string>[]).map((r) => [r['Record ID'], r]));
    const [x, y] = [byId(a), byId(b)];
    const expected: string[] = [];
    for (const [id, r] of y) {
      const old = x.get(id);
      if (!old || old.stage !== r.stage || old.score !== r.score || old.priority !== r.priority) expected.push(`${id} ${old ? old.stage : null} ${r.stage}`);
    }
    for (const [id, r] of x) if (!y.has(id)) expected.push(`${id} ${r.stage} null`);
    expect(got).toEqual(expected.sort());
    expect(got.length).toBeGreaterThan(50);
  });

  test('--help leads with examples and lists the exit codes, --exit-code among them', async () => {
    const { code, out } = await run(['diff', '--help']);
    expect(code).toBe(0);
    expect(out.indexOf('Examples:')).toBeLessThan(out.indexOf('Options:'));
    expect(out).toMatch(/Exit codes:[\s\S]*with --exit-code: some change passed the filter/);
  });
});

describe('property: applying the changes to the older file gives the newer one\'s keys and stages', () => {
  const STAGES = ['disqualified', 'lead', 'warm', 'mql', 'sal', 'sql', 'sqo'];
  test.each([1, 2, 3, 4, 5, 6])('seed %i', async (seed) => {
    const rand = mulberry32(seed);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    const lead = (id: string): Lead => [id, pick(STAGES), Math.round(rand() * 2000) / 20, pick(['P1', 'P2', 'P3'])];
    const ids = Array.from({ length: 120 }, (_, i) => `${pick(['L', 'l', 'Ł'])}${i}`);
    const before = ids.filter(() => rand() < 0.7).map(lead);
    for (let i = 0; i < 3; i++) before.push(lead(pick(ids)));
    // the newer file: some leads gone, some new, some changed, some repeated (the first row counts)
    const after = ids.filter(() => rand() < 0.7).map((id) => {
      const old = before.find((l) => l[0] === id);
      // unchanged, or changed in stage, score or priority
      return old && rand() < 0.5 ? old : lead(id);
    });
    for (let i = 0; i < 5; i++) after.push(lead(pick(ids)));
    const f = files(before, after);
    const result = await diff([f.before, f.after, '--json', '--block-size', String(64 + seed * 50)]);
    expect(result.code).toBe(0);
    const first = (leads: Lead[]) => { const m = new Map<string, string>(); for (const l of leads) if (!m.has(l[0])) m.set(l[0], l[1]); return m; };
    const state = first(before);
    for (const c of JSON.parse(result.out) as { key: string; change: string; stage_before: string; stage_after: string }[]) {
      if (c.change === 'removed') { expect(state.get(c.key)).toBe(c.stage_before); state.delete(c.key); continue; }
      if (c.change === 'new') expect(state.has(c.key)).toBe(false);
      else expect(state.get(c.key)).toBe(c.stage_before);
      state.set(c.key, c.stage_after);
    }
    expect([...state].sort()).toEqual([...first(after)].sort());
  });
});
