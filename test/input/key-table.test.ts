/** The compact key table against a Map: same entries, in first-seen order, through growth. */
import { describe, expect, test } from '@jest/globals';
import { hashBytes, KeyTable } from '../../src/input/keys/key-table.js';
import { mulberry32 } from '../support/random.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');

function add(table: KeyTable, key: string): number {
  const b = bytes(`xx${key}yy`); // keys are read from inside a larger buffer
  return table.add(b, 2, b.length - 2);
}

function find(table: KeyTable, key: string): number {
  const b = bytes(key);
  return table.find(b, 0, b.length);
}

describe('KeyTable', () => {
  test('numbers keys in the order first added; a key added again keeps its number', () => {
    const t = new KeyTable(4);
    expect([add(t, 'L1'), t.added]).toEqual([0, true]);
    expect([add(t, 'L2'), t.added]).toEqual([1, true]);
    expect([add(t, 'L1'), t.added]).toEqual([0, false]);
    expect([find(t, 'L2'), find(t, 'L3'), find(t, '')]).toEqual([1, -1, -1]);
    expect(t.size).toBe(2);
    expect(t.keyOf(1)).toBe('L2');
  });

  test('bytes decide: case, spaces and Unicode forms are different keys', () => {
    const t = new KeyTable();
    for (const k of ['ana@x.example', 'Ana@x.example', ' ana@x.example', 'é', 'e\u0301', '']) add(t, k);
    expect(t.size).toBe(6);
    expect(t.keyOf(3)).toBe('é');
    expect(t.keyOf(5)).toBe('');
  });

  test('agrees with a Map over 100,000 random keys, many repeated, through every growth', () => {
    const rand = mulberry32(15);
    const t = new KeyTable(1);
    const oracle = new Map<string, number>();
    const wrong: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const len = 1 + Math.floor(rand() * 12);
      let key = '';
      for (let k = 0; k < len; k++) key += 'ab€ZQ0 9'[Math.floor(rand() * (i % 7 === 0 ? 2 : 8))];
      const known = oracle.has(key);
      if (!known) oracle.set(key, oracle.size);
      const e = add(t, key);
      if (e !== oracle.get(key) || t.added === known) wrong.push(`${i}: ${key}`);
    }
    for (const [key, e] of oracle) if (find(t, key) !== e || t.keyOf(e) !== key) wrong.push(key);
    expect(wrong).toEqual([]);
    expect(t.size).toBe(oracle.size);
    expect(oracle.size).toBeGreaterThan(50_000);
  });

  test('a key longer than a page of key bytes is held on its own', () => {
    const t = new KeyTable(4, 64);
    const long = 'k'.repeat(70);
    add(t, 'short');
    const other = `${long.slice(1)}j`;
    expect([add(t, long), add(t, other), find(t, long), add(t, 'after')]).toEqual([1, 2, 1, 3]);
    expect(t.keyOf(1) === long && t.keyOf(2) === other).toBe(true);
    expect(t.keyOf(3)).toBe('after');
  });

  test('a page size that is not a power of two is refused (pages are addressed by shift and mask)', () => {
    expect(() => new KeyTable(4, 100)).toThrow(/power of two/);
  });

  test('keys spill onto a new page without splitting', () => {
    const t = new KeyTable(4, 64);
    const key = (i: number) => `${i}-${'p'.repeat(i % 50)}`;
    for (let i = 0; i < 1000; i++) add(t, key(i)); // many pages of 64 bytes
    const wrong = [];
    for (let i = 0; i < 1000; i++) if (t.keyOf(find(t, key(i))) !== key(i)) wrong.push(i);
    expect(wrong).toEqual([]);
  });

  test('hashBytes spreads keys that differ in one character', () => {
    const low = new Set<number>();
    for (let i = 0; i < 1000; i++) low.add(hashBytes(bytes(`L${String(i).padStart(8, '0')}`), 0, 9) & 1023);
    expect(low.size).toBeGreaterThan(550);
  });
});

describe('a shared KeyTable, viewed and looked up in batches', () => {
  test('a view over parts() finds what the table holds; findBatch answers as find does, hits, misses and collisions alike', () => {
    const rand = mulberry32(77);
    const t = new KeyTable(1, 64, true); // tiny pages: keys spread over many
    const keys: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const key = `k${Math.floor(rand() * 30_000)}@d${i % 13}.example`;
      keys.push(key);
      add(t, key);
    }
    const view = KeyTable.view(t.parts());
    expect(view.size).toBe(t.size);
    // a batch of keys end to end: present ones, absent ones, an empty one
    const batch = [...keys.slice(0, 500), ...Array.from({ length: 500 }, (_, i) => `absent${i}@x.example`), ''];
    const joined = Buffer.from(batch.join(''), 'utf8');
    const ends = new Int32Array(batch.length);
    let at = 0;
    batch.forEach((k, i) => { at += Buffer.byteLength(k); ends[i] = at; });
    const out = new Int32Array(batch.length);
    view.findBatch(joined, ends, batch.length, out);
    expect([...out]).toEqual(batch.map((k) => find(t, k)));
    expect(out.slice(0, 500).every((e) => e >= 0)).toBe(true);
    expect([...out.slice(500)].every((e) => e === -1)).toBe(true);
  });

  test('findFrom answers as find does whatever the hint: the right entry, another, out of range, a key that shares its bytes with a longer one', () => {
    const rand = mulberry32(21);
    const t = new KeyTable(1, 64, true);
    const keys = ['ann@x.example', 'ann@x.exampl', 'bo@y.example', ''];
    for (let i = 0; i < 5_000; i++) keys.push(`k${Math.floor(rand() * 4_000)}@d${i % 7}.example`);
    for (const k of keys) if (k !== '') add(t, k);
    const view = KeyTable.view(t.parts());
    const wrong: string[] = [];
    const asked = [...keys, 'absent@x.example', 'k1@d1.exampl'];
    for (const key of asked) {
      const b = bytes(key);
      const expected = find(t, key);
      const hints = [expected, expected + 1, expected - 1, -1, t.size, t.size + 5, Math.floor(rand() * t.size)];
      for (const hint of hints) if (view.findFrom(hint, b, 0, b.length) !== expected) wrong.push(`${key} from ${hint}`);
    }
    expect(wrong).toEqual([]);
    expect(find(t, 'ann@x.exampl')).toBe(1);
  });

  test('a table nearly full in one place: probes longer than a cache line fall back to find', () => {
    const t = new KeyTable(1 << 12, undefined, true);
    // keys whose hashes share their low bits land in one run of slots
    const keys: string[] = [];
    for (let i = 0; keys.length < 40; i++) if ((hashBytes(bytes(`c${i}`), 0, bytes(`c${i}`).length) & 1023) === 5) keys.push(`c${i}`);
    for (const k of keys) add(t, k);
    const joined = Buffer.from(keys.join(''));
    const ends = Int32Array.from(keys.map((_, i) => Buffer.byteLength(keys.slice(0, i + 1).join(''))));
    const out = new Int32Array(keys.length);
    KeyTable.view(t.parts()).findBatch(joined, ends, keys.length, out);
    expect([...out]).toEqual(keys.map((_, i) => i));
  });
});
