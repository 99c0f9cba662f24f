/**
 * Golden run: fixtures/leads.csv (12 leads) scored with fixtures/rules.yaml as of 2026-11-01,
 * every output compared byte for byte with golden/. Why each lead lands where it does is worked
 * out by hand in golden/README.md; the expected stage per lead:
 *
 *   L01 sqo (135, BANT 4, demo)      L02 sql (85, B,A,N)           L03 mql (engagement 50)
 *   L04 warm (engagement 15)         L05 lead (-30)                L06 disqualified do_not_contact
 *   L07 disqualified competitor      L08 disqualified invalid_email L09 sal (status Accepted)
 *   L10 sql (135, A,N,T: no budget)  L11 sal (Working; total 50)   L12 warm (engagement 30)
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, fixture, GOLDEN, read, readCsv, run, score, snapshot, summaryOf, tempDir, write } from './helpers.js';

const STAGE_FILES = ['lead', 'warm', 'mql', 'sal', 'sql', 'sqo', 'disqualified'].map((s) => `${s}.csv`);
// .leadq-outputs.json: the manifest of the files this run wrote (stale ones of a later run go)
const OUT_DIR_FILES = [...STAGE_FILES, '.leadq-outputs.json', 'scored.csv', 'summary.json', 'summary.svg'].sort();

// summary.json records the paths as given; the golden file was made from the repo root
const rel = (p: string) => path.relative(process.cwd(), p);
const RULES = rel(fixture('rules.yaml'));
const LEADS = rel(fixture('leads.csv'));

afterEach(cleanTempDirs);

describe('golden run of fixtures/leads.csv', () => {
  test.each([...STAGE_FILES, 'scored.csv', 'summary.json'])('%s matches golden/ byte for byte', async (name) => {
    const dir = tempDir();
    const result = await score(LEADS, RULES, '--out-dir', dir);
    expect(result.code).toBe(0);
    let expected = read(path.join(GOLDEN, name));
    if (name === 'summary.json') {
      expected = expected
        .replace(JSON.stringify('test/e2e/fixtures/rules.yaml'), JSON.stringify(RULES))
        .replace(JSON.stringify('test/e2e/fixtures/leads.csv'), JSON.stringify(LEADS));
    }
    expect(read(path.join(dir, name))).toBe(expected);
  });

  test.each([1, 2, 3, 17, 64, 1000])('--block-size %i writes the same bytes as golden/', async (blockSize) => {
    const dir = tempDir();
    expect((await score(LEADS, RULES, '--out-dir', dir, '--block-size', String(blockSize))).code).toBe(0);
    for (const name of [...STAGE_FILES, 'scored.csv']) expect([name, read(path.join(dir, name))]).toEqual([name, read(path.join(GOLDEN, name))]);
    expect(summaryOf(dir).warnings.by_column.map((w) => w.first_lines)).toEqual([[10], [13], [13]]);
  });

  test.each([
    ['L01', 'sqo', 'P1', ''], ['L02', 'sql', 'P2', ''], ['L03', 'mql', 'P2', ''], ['L04', 'warm', 'P3', ''],
    ['L05', 'lead', 'P3', ''], ['L06', 'disqualified', '', 'do_not_contact'], ['L07', 'disqualified', '', 'competitor'],
    ['L08', 'disqualified', '', 'invalid_email'], ['L09', 'sal', 'P3', ''], ['L10', 'sql', 'P1', ''],
    ['L11', 'sal', 'P2', ''], ['L12', 'warm', 'P2', ''],
  ])('%s is %s (priority %p, disqualified %p)', async (id, stage, priority, reason) => {
    const dir = tempDir();
    expect((await score(LEADS, RULES, '--out-dir', dir)).code).toBe(0);
    const [header, ...rows] = readCsv(path.join(dir, 'scored.csv'));
    const row = rows.find((r) => r[0] === id)!;
    const cell = (name: string) => row[header.indexOf(name)];
    expect([cell('stage'), cell('priority'), cell('disqualified_reason')]).toEqual([stage, priority, reason]);
    // the lead is in its own stage file and no other
    const holders = STAGE_FILES.filter((f) => readCsv(path.join(dir, f)).some((r) => r[0] === id));
    expect(holders).toEqual([`${stage}.csv`]);
  });

  test('the reasons of every lead add up to its scores', async () => {
    const dir = tempDir();
    expect((await score(LEADS, RULES, '--out-dir', dir)).code).toBe(0);
    const [header, ...rows] = readCsv(path.join(dir, 'scored.csv'));
    for (const row of rows) {
      const reasons = row[header.indexOf('reasons')];
      // the contribution is the last signed number of each reason (after → when capped)
      const sum = reasons === '' ? 0 : reasons.split('; ').reduce((a, r) => a + Number(/([+-]\d+(?:\.\d+)?)(?: \(max \d+\))?$/.exec(r)![1]), 0);
      expect(sum).toBe(Number(row[header.indexOf('score')]));
    }
  });
});

describe('the same export in another encoding or with other line ends', () => {
  const text = read(fixture('leads.csv'));
  test.each([
    ['a UTF-8 byte-order mark and CRLF', () => Buffer.from(`\ufeff${text.replace(/\n/g, '\r\n')}`, 'utf8')],
    ['bare CR line ends', () => Buffer.from(text.replace(/\n/g, '\r'), 'utf8')],
    ['UTF-16LE with a byte-order mark', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16BE with a byte-order mark', () => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
    ['no final line break', () => Buffer.from(text.trimEnd(), 'utf8')],
  ])('%s gives the golden scored.csv', async (_what, bytes) => {
    const dir = tempDir();
    const input = write(dir, 'leads.csv', bytes());
    const out = path.join(dir, 'out');
    expect((await score(input, RULES, '--out-dir', out)).code).toBe(0);
    expect(read(path.join(out, 'scored.csv'))).toBe(read(path.join(GOLDEN, 'scored.csv')));
  });

  test.each([[';'], ['\t'], ['|']])('delimiter %p is sniffed and kept in the output', async (d) => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', `id${d}name${d}note\n1${d}"a${d}b"${d}x\n2${d}c,d${d}y\n`);
    const out = path.join(dir, 'o.csv');
    expect((await score(input, fixture('simple-rules.yaml'), '--out', out)).code).toBe(0);
    expect(read(out).split('\n').slice(0, 3)).toEqual([
      ['id', 'name', 'note', 'engagement_score', 'fit_score', 'score', 'bant', 'stage', 'priority', 'reasons', 'disqualified_reason'].join(d),
      `1${d}"a${d}b"${d}x${d}10${d}0${d}10${d}${d}warm${d}${d}note x +10${d}`,
      `2${d}c,d${d}y${d}0${d}0${d}0${d}${d}lead${d}${d}${d}`,
    ]);
  });
});

describe('--out-dir', () => {
  test('writes exactly scored.csv, one file per stage plus disqualified.csv, and summary.json', async () => {
    const dir = tempDir();
    expect((await score(LEADS, RULES, '--out-dir', dir)).code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(OUT_DIR_FILES);
  });

  test('creates the directory when it does not exist', async () => {
    const dir = path.join(tempDir(), 'nested', 'out');
    expect((await score(LEADS, RULES, '--out-dir', dir)).code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(OUT_DIR_FILES);
  });

  test('a stage no lead reaches gets a file with the header only', async () => {
    const dir = tempDir();
    const lines = read(fixture('leads.csv')).split('\n');
    // L01 (sqo) and L04 (warm) only: no disqualified, lead, mql, sal or sql leads
    const input = write(dir, 'two.csv', `${[lines[0], lines[1], lines[4]].join('\n')}\n`);
    const out = path.join(dir, 'out');
    expect((await score(input, RULES, '--out-dir', out)).code).toBe(0);
    const header = `${read(path.join(GOLDEN, 'scored.csv')).split('\n')[0]}\n`;
    for (const empty of ['lead.csv', 'mql.csv', 'sal.csv', 'sql.csv', 'disqualified.csv']) {
      expect(read(path.join(out, empty))).toBe(header);
    }
    expect(readCsv(path.join(out, 'sqo.csv')).map((r) => r[0])).toEqual(['id', 'L01']);
    expect(readCsv(path.join(out, 'warm.csv')).map((r) => r[0])).toEqual(['id', 'L04']);
    expect(fs.existsSync(path.join(out, 'rejects.csv'))).toBe(false);
  });

  test('a clean run removes the rejects.csv an earlier run left in the directory', async () => {
    const dir = tempDir();
    write(dir, 'rejects.csv', 'line,reason,record\n5,old,x\n');
    expect((await score(LEADS, RULES, '--out-dir', dir)).code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(OUT_DIR_FILES);
  });
});

describe('--as-of makes reruns reproducible', () => {
  test('two runs into two directories give byte-identical files', async () => {
    const [a, b] = [tempDir(), tempDir()];
    expect((await score(LEADS, RULES, '--out-dir', a)).code).toBe(0);
    expect((await score(LEADS, RULES, '--out-dir', b)).code).toBe(0);
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  test('a rerun into the same directory leaves every byte as it was', async () => {
    const dir = tempDir();
    expect((await score(LEADS, RULES, '--out-dir', dir)).code).toBe(0);
    const first = snapshot(dir);
    expect((await score(LEADS, RULES, '--out-dir', dir)).code).toBe(0);
    expect(snapshot(dir)).toEqual(first);
  });

  test('without --as-of the ruleset\'s as_of is "today"', async () => {
    const dir = tempDir();
    expect((await run(['score', LEADS, '--rules', RULES, '--out-dir', dir])).code).toBe(0);
    expect(summaryOf(dir).as_of).toBe('2026-06-01');
  });

  test('the as-of date is what time-based rules count from, and is recorded in the summary', async () => {
    const dir = tempDir();
    // a month later, nobody was active in the last 30 days: "active 30d" fires for no lead
    expect((await score(LEADS, RULES, '--out-dir', dir, '--as-of', '2026-12-15')).code).toBe(0);
    expect(summaryOf(dir).as_of).toBe('2026-12-15');
    const [header, ...rows] = readCsv(path.join(dir, 'scored.csv'));
    expect(rows.filter((r) => r[header.indexOf('reasons')].includes('active 30d'))).toEqual([]);
  });
});
