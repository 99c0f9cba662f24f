/**
 * Shapes of real exports at the level of the stream: title rows above the header, a header
 * repeated where exports were joined, several files of one export, a semicolon output for
 * European Excel, and a Salesforce report footer.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { cleanTempDirs, read, readCsv, run, score, tempDir, write } from './helpers.js';

afterEach(cleanTempDirs);

const RULES = `
engagement:
  - { name: visits, per: visits, points: 10, max: 50 }
stages:
  - name: lead
  - name: mql
    when: { score: engagement, gte: 30 }
`;
const HEADER = 'id,email,visits';
const ROWS = ['1,a@x.example,5', '2,b@x.example,1', '3,"c@x.example",4'];

describe('--skip-lines', () => {
  test('skips report titles above the header; line numbers still count them', async () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', ['Lead report', 'Exported 2026-11-01', HEADER, ...ROWS, '4,d@x.example'].join('\n') + '\n');
    const rejects = path.join(dir, 'rejects.csv');
    const result = await score(input, write(dir, 'r.yaml', RULES), '--skip-lines', '2', '--out', path.join(dir, 'o.csv'), '--rejects', rejects);
    expect(result.code).toBe(3);
    expect(readCsv(path.join(dir, 'o.csv')).map((r) => r[0])).toEqual(['id', '1', '2', '3']);
    expect(readCsv(rejects)[1].slice(0, 1)).toEqual(['7']);
  });

  test('without it, the title becomes the header and the rules name missing columns (exit 2)', async () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', ['Lead report', HEADER, ...ROWS].join('\n') + '\n');
    expect((await score(input, write(dir, 'r.yaml', RULES), '--out', path.join(dir, 'o.csv'))).code).toBe(2);
  });
});

describe('a repeated header line', () => {
  test('is rejected with its line, not scored as a lead', async () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', [HEADER, ROWS[0], HEADER, ROWS[1]].join('\n') + '\n');
    const rejects = path.join(dir, 'rejects.csv');
    const result = await score(input, write(dir, 'r.yaml', RULES), '--out', path.join(dir, 'o.csv'), '--rejects', rejects);
    expect(result.code).toBe(3);
    expect(readCsv(path.join(dir, 'o.csv')).map((r) => r[0])).toEqual(['id', '1', '2']);
    const [, reject] = readCsv(rejects);
    expect(reject[0]).toBe('3');
    expect(reject[1]).toMatch(/header/);
  });
});

describe('several input files', () => {
  test('with one header are scored as one export, in order', async () => {
    const dir = tempDir();
    const a = write(dir, 'a.csv', [HEADER, ROWS[0], ROWS[1]].join('\n') + '\n');
    const b = write(dir, 'b.csv', [HEADER, ROWS[2]].join('\r\n') + '\r\n');
    const joined = await run(['score', a, b, '--rules', write(dir, 'r.yaml', RULES), '--as-of', '2026-11-01', '--out-dir', path.join(dir, 'joined')]);
    expect(joined.code).toBe(0);
    expect(readCsv(path.join(dir, 'joined', 'scored.csv')).map((r) => r[0])).toEqual(['id', '1', '2', '3']);
    const summary = JSON.parse(read(path.join(dir, 'joined', 'summary.json')));
    expect(summary.rows.read).toBe(3);
    expect(summary.inputs).toEqual([a, b]);
  });

  test('with another header are refused, naming the file and the column (exit 1, nothing written)', async () => {
    const dir = tempDir();
    const a = write(dir, 'a.csv', [HEADER, ROWS[0]].join('\n') + '\n');
    const b = write(dir, 'b.csv', ['id,e-mail,visits', ROWS[1]].join('\n') + '\n');
    const result = await run(['score', a, b, '--rules', write(dir, 'r.yaml', RULES), '--out', path.join(dir, 'o.csv')]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${b}:1 `);
    expect(result.err).toMatch(/column 2.*"e-mail".*"email"/);
    expect(() => read(path.join(dir, 'o.csv'))).toThrow();
  });
});

describe('--out-delimiter', () => {
  test('writes ; for European Excel, quoting cells that hold it', async () => {
    const dir = tempDir();
    const input = write(dir, 'in.csv', [HEADER, '1,"semi;colon@x.example",3'].join('\n') + '\n');
    const out = path.join(dir, 'o.csv');
    expect((await score(input, write(dir, 'r.yaml', RULES), '--out', out, '--out-delimiter', ';')).code).toBe(0);
    const lines = read(out).split('\n');
    expect(lines[0]).toBe('id;email;visits;engagement_score;fit_score;score;bant;stage;priority;reasons;disqualified_reason');
    expect(lines[1]).toBe('1;"semi;colon@x.example";3;30;0;30;;mql;;visits 3x10=+30;');
  });
});
