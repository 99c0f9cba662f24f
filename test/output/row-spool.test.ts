/**
 * The scratch file of rows that wait for their account cells (output/row-spool.ts): blocks come
 * back exactly as they went in, in order, whatever their sizes (rows of odd lengths before the
 * ints of the next block, blocks larger than the read buffer so far, blocks of no lead); the file
 * is gone from its folder as soon as it is open (Linux); a folder it cannot be made in is an
 * OUTPUT_WRITE error naming the folder.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LeadqError } from '../../src/model/errors.js';
import { RowSpool } from '../../src/output/row-spool.js';
import { mulberry32 } from '../support/random.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadq-spool-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const WIDTH = 3;

interface Block { rows: Buffer; places: Int32Array; slots: Int32Array }

function randomBlock(rand: () => number): Block {
  // some blocks hold no lead; some are large, so the read buffer must grow
  const leads = rand() < 0.1 ? 0 : Math.floor(rand() * (rand() < 0.1 ? 20000 : 300));
  const rows = Buffer.alloc(Math.floor(rand() * 5000) + (leads > 0 ? 1 : 0));
  for (let i = 0; i < rows.length; i++) rows[i] = Math.floor(rand() * 256);
  const places = Int32Array.from({ length: leads * WIDTH }, () => Math.floor(rand() * 2 ** 31) - 2 ** 30);
  const slots = Int32Array.from({ length: leads }, () => Math.floor(rand() * 100000) - 1);
  return { rows, places, slots };
}

describe('RowSpool', () => {
  test('blocks come back in order, byte for byte and int for int', () => {
    const rand = mulberry32(7);
    const blocks = Array.from({ length: 60 }, () => randomBlock(rand));
    const spool = new RowSpool(dir);
    try {
      for (const b of blocks) spool.add(b.rows, b.places, b.slots);
      // read twice: a generator over the file, not over what was kept in memory
      for (let pass = 0; pass < 2; pass++) {
        let n = 0;
        for (const got of spool.read(WIDTH)) {
          const want = blocks[n++];
          expect(Buffer.compare(got.rows, want.rows)).toBe(0);
          expect(Array.from(got.places)).toEqual(Array.from(want.places));
          expect(Array.from(got.slots)).toEqual(Array.from(want.slots));
        }
        expect(n).toBe(blocks.length);
      }
    } finally {
      spool.close();
    }
  });

  test('a subarray of a larger buffer is spooled as the subarray, not its whole buffer', () => {
    const big = Int32Array.from({ length: 30 }, (_, i) => i);
    const places = big.subarray(3, 3 + 2 * WIDTH);
    const slots = big.subarray(20, 22);
    const rows = Buffer.from('xxrow one\nrow two\nyy').subarray(2, 18);
    const spool = new RowSpool(dir);
    try {
      spool.add(rows, places, slots);
      const [got] = [...spool.read(WIDTH)];
      expect(got.rows.toString()).toBe('row one\nrow two\n');
      expect(Array.from(got.places)).toEqual([3, 4, 5, 6, 7, 8]);
      expect(Array.from(got.slots)).toEqual([20, 21]);
    } finally {
      spool.close();
    }
  });

  test('leaves nothing in its folder once closed, nor while open where an open file can be unlinked', () => {
    const before = fs.readdirSync(dir);
    const spool = new RowSpool(dir);
    spool.add(Buffer.from('a,b\n'), Int32Array.of(1, 4, 0), Int32Array.of(5));
    // Windows keeps an open file's name: there it goes at close
    if (process.platform !== 'win32') expect(fs.readdirSync(dir)).toEqual(before);
    spool.close();
    spool.close();
    expect(fs.readdirSync(dir)).toEqual(before);
  });

  test('a folder that does not exist is an OUTPUT_WRITE error naming it', () => {
    const missing = path.join(dir, 'no', 'such');
    let error: unknown;
    try { new RowSpool(missing); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(LeadqError);
    expect((error as LeadqError).code).toBe('OUTPUT_WRITE');
    expect((error as LeadqError).file).toBe(missing);
    expect((error as LeadqError).message).toMatch(/scratch file of the scored rows.*the directory does not exist/);
  });
});
