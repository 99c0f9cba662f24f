/**
 * dedupe: one row per lead. The key is compared trimmed and ignoring case; the losing rows go to
 * duplicates.csv (with --out-dir), the outputs keep input order, and the summary counts them.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { cleanTempDirs, read, readCsv, score, tempDir, write } from './helpers.js';

afterEach(cleanTempDirs);

const rules = (dedupe: string) => `
columns: { email: Email, last: Last Activity }
engagement:
  - { name: visits, per: Visits, points: 10, max: 50 }
stages:
  - name: lead
  - name: mql
    when: { score: engagement, gte: 30 }
dedupe: ${dedupe}
`;

const EXPORT = [
  'ID,Email,Visits,Last Activity',
  '1,ann@x.example,1,2026-10-01',
  '2,bob@x.example,5,2026-09-01',
  '3, ANN@X.example ,4,2026-10-20',
  '4,,2,2026-10-02',
  '5,,3,2026-10-03',
  '6,bob@x.example,2,2026-09-30',
  '7,Ann@x.example,2,',
].join('\n') + '\n';

async function dedupeRun(dedupe: string, ...extra: string[]) {
  const dir = tempDir();
  const out = path.join(dir, 'out');
  const result = await score(write(dir, 'in.csv', EXPORT), write(dir, 'rules.yaml', rules(dedupe)), '--out-dir', out, ...extra);
  const ids = (file: string) => readCsv(path.join(out, file)).slice(1).map((r) => r[0]);
  return { result, out, ids, summary: () => JSON.parse(read(path.join(out, 'summary.json'))) };
}

describe('dedupe', () => {
  test.each([
    ['{ key: email }', ['1', '2', '4', '5'], ['3', '6', '7']],
    ['{ key: email, keep: first }', ['1', '2', '4', '5'], ['3', '6', '7']],
    // latest by date: ann's 2026-10-20 (row 3), bob's 2026-09-30 (row 6); an empty date is the oldest
    ['{ key: email, keep: latest, date: last }', ['3', '4', '5', '6'], ['1', '2', '7']],
    // highest score: ann 40 (row 3), bob 50 (row 2)
    ['{ key: email, keep: highest_score }', ['2', '3', '4', '5'], ['1', '6', '7']],
  ])('%s keeps %p and moves %p to duplicates.csv, in input order', async (dedupe, kept, dropped) => {
    const { result, ids, summary } = await dedupeRun(dedupe);
    expect(result.code).toBe(0);
    expect(ids('scored.csv')).toEqual(kept);
    expect(ids('duplicates.csv')).toEqual(dropped);
    const s = summary();
    expect(s.rows).toEqual({ read: 7, scored: kept.length, rejected: 0, duplicates: dropped.length });
    expect(Object.values(s.stages as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(kept.length);
  });

  test('rows without a key are never duplicates of each other', async () => {
    const { ids } = await dedupeRun('{ key: email }');
    expect(ids('scored.csv')).toEqual(expect.arrayContaining(['4', '5']));
  });

  test('keep: latest without a date column is a ruleset error with its position (exit 2)', async () => {
    const dir = tempDir();
    const result = await score(write(dir, 'in.csv', EXPORT), write(dir, 'rules.yaml', rules('{ key: email, keep: latest }')), '--out-dir', path.join(dir, 'o'));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/rules\.yaml:9:\d+ .* at dedupe \[DEDUPE_DATE_MISSING\]$/m);
  });
});
