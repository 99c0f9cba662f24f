/** Per-slot value counts in typed arrays (engine/slot-tallies.ts) against a map per slot, through growth and merges. */
import { expect, test } from '@jest/globals';
import { SlotTallies } from '../../src/engine/slot-tallies.js';
import { mulberry32 } from '../support/random.js';

function counts(t: SlotTallies, slot: number): [number, number][] {
  const out: [number, number][] = [];
  t.forEach(slot, (value, count) => out.push([value, count]));
  return out.sort((a, b) => a[0] - b[0]);
}

function oracleCounts(m: Map<number, number>): [number, number][] {
  return [...m].sort((a, b) => a[0] - b[0]);
}

test('the same counts as a map per slot over 200,000 random adds to 5,000 slots, most with one value, some with hundreds; merged slots too', () => {
  const rand = mulberry32(23);
  const t = new SlotTallies();
  const oracle: Map<number, number>[] = [];
  const SLOTS = 5000;
  for (let s = 0; s < SLOTS; s++) { t.push(); oracle.push(new Map()); }
  const add = (slot: number, value: number, times: number) => {
    t.add(slot, value, times);
    if (value >= 0) oracle[slot].set(value, (oracle[slot].get(value) ?? 0) + times);
  };
  for (let i = 0; i < 200_000; i++) {
    const slot = rand() < 0.2 ? Math.floor(rand() * 20) : Math.floor(rand() * SLOTS);
    // a slot's own value mostly, now and then another (slots under 20: many others), none at times
    const r = rand();
    const value = r < 0.05 ? -1 : r < 0.85 ? slot * 7 : slot < 20 ? Math.floor(rand() * 500) : slot * 7 + 1 + Math.floor(rand() * 3);
    add(slot, value, rand() < 0.9 ? 1 : 1 + Math.floor(rand() * 5));
  }
  // merges as the fold does them: each value of one slot added to another, while it is read
  for (let i = 0; i < 1000; i++) {
    const from = Math.floor(rand() * SLOTS);
    const to = Math.floor(rand() * SLOTS);
    if (from === to) continue;
    t.forEach(from, (value, count) => t.add(to, value, count));
    for (const [value, count] of [...oracle[from]]) oracle[to].set(value, (oracle[to].get(value) ?? 0) + count);
  }
  let many = 0;
  for (let s = 0; s < SLOTS; s++) {
    expect([s, counts(t, s)]).toEqual([s, oracleCounts(oracle[s])]);
    if (oracle[s].size > 1) many++;
  }
  expect(many).toBeGreaterThan(1000);
  expect(counts(t, 3).length).toBeGreaterThan(100);
});

test('most: the value most leads brought, ties to the first text', () => {
  const t = new SlotTallies();
  t.push(); t.push(); t.push();
  t.add(0, 5); t.add(0, 6, 2); t.add(0, 7, 2);
  t.add(1, -1);
  t.add(2, 9, 3);
  const text = (n: number) => ['', '', '', '', '', 'a', 'c', 'b', '', 'z'][n];
  expect([t.most(0, text), t.most(1, text), t.most(2, text)]).toEqual(['b', '', 'z']);
});
