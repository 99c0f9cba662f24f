/**
 * `leadq sql --self-test`: on the engines the tests run, the query returns no rows (every
 * primitive behaves as leadq expects); a primitive written wrongly is named with what it gave.
 */
import { describe, expect, test } from '@jest/globals';
import { selfTestSql } from '../../src/sql/self-test.js';
import { DIALECT } from '../../src/sql/dialects/index.js';
import { duckdbEngine, pgliteEngine } from './harness.js';

describe.each([['duckdb', duckdbEngine], ['postgres', pgliteEngine]] as const)('%s', (dialect, make) => {
  test('every primitive behaves as leadq expects: no rows', async () => {
    const engine = await make();
    try {
      expect(await engine.objects(selfTestSql(DIALECT[dialect]))).toEqual([]);
    } finally {
      await engine.close();
    }
  }, 60_000);

  test('a primitive that misbehaves is named, with what leadq expects and what it gave', async () => {
    // the text after the second @ instead of the last: the classic slip
    const broken = { ...DIALECT[dialect], prims: { ...DIALECT[dialect].prims, afterLastAt: (x: string) => `split_part(${x}, '@', 2)` } };
    const engine = await make();
    try {
      const rows = await engine.objects(selfTestSql(broken));
      expect(rows).toContainEqual({ primitive: 'afterLastAt', expected: 'c.example', got: 'b' });
      expect(rows.every((r) => String(r.primitive).startsWith('afterLastAt'))).toBe(true);
    } finally {
      await engine.close();
    }
  }, 60_000);
});
