/**
 * A related file or an account file named by an absolute path in the ruleset is read from that
 * path, not from one joined to the ruleset's folder (which made `/data/log.csv` beside
 * `rules/r.yaml` into `rules/data/log.csv`); a relative path still follows the ruleset.
 */
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { cleanTempDirs, readCsv, run, tempDir, write } from './helpers.js';

afterEach(cleanTempDirs);

const LEADS = 'Record ID,Email,Company\nL1,ana@acme.example,Acme\nL2,bo@beta.example,Beta\n';
const LOG = 'Activity Date,Associated Contact Email\n2026-10-30,ana@acme.example\n2026-10-29,ANA@acme.example\n2026-10-28,bo@beta.example\n';
const INTENT = 'Domain,Surge\nacme.example,80\n';

function rules(logPath: string, intentPath: string): string {
  return `as_of: 2026-11-01
columns:
  email: Email
related:
  log:
    file: ${JSON.stringify(logPath)}
    key: Associated Contact Email
    matches: email
    at: Activity Date
    columns:
      touches: { count: true }
engagement:
  - { name: touch, per: touches, points: 10 }
stages:
  - name: lead
accounts:
  domain: email
  files:
    intent:
      file: ${JSON.stringify(intentPath)}
      key: Domain
      columns:
        intent_surge: Surge
  rules:
    - { name: surge, when: { column: intent_surge, gte: 50 }, points: 30 }
  stages:
    - name: target
`;
}

describe('files a ruleset names', () => {
  test.each([
    ['absolute', (data: string) => [path.join(data, 'log.csv'), path.join(data, 'intent.csv')]],
    ['relative to the ruleset', () => ['../data/log.csv', '../data/intent.csv']],
  ])('%s paths are read from where they say', async (_kind, paths) => {
    const root = tempDir();
    const data = path.join(root, 'data');
    write(data, 'log.csv', LOG);
    write(data, 'intent.csv', INTENT);
    const leads = write(root, 'leads.csv', LEADS);
    const [log, intent] = paths(data);
    const rulesFile = write(path.join(root, 'rules'), 'r.yaml', rules(log, intent));
    const out = path.join(root, 'out');
    const scored = await run(['score', leads, '--rules', rulesFile, '--out-dir', out, '-q']);
    expect(scored.err).toBe('');
    expect(scored.code).toBe(0);
    const rows = readCsv(path.join(out, 'scored.csv'));
    const at = (name: string) => rows[0].indexOf(name);
    expect(rows.slice(1).map((r) => [r[0], r[at('engagement_score')], r[at('account_score')]])).toEqual([['L1', '20', '30'], ['L2', '10', '0']]);
    const validated = await run(['validate', rulesFile, '--input', leads]);
    expect(validated.code).toBe(0);
  });
});
