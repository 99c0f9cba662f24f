/** OutputBuffer and the buffer recycling behind it: what the row path writes into and hands between threads. */
import { describe, expect, test } from '@jest/globals';
import { OutputBuffer } from '../../src/output/csv/output-buffer.js';
import { ownBuffer, recycle } from '../../src/input/csv/buffer-pool.js';

describe('OutputBuffer', () => {
  test('an empty buffer allocates nothing, and what it hands over can be moved without harm to the next', () => {
    const first = new OutputBuffer(0).take();
    expect(first.length).toBe(0);
    expect(new OutputBuffer(0).take().buffer).not.toBe(first.buffer); // each its own, so each can be transferred
    structuredClone(first, { transfer: [first.buffer as ArrayBuffer] }); // moved to another thread, as the pipeline does
    const next = new OutputBuffer(0);
    next.ascii('a,b');
    next.byte(10);
    expect(Buffer.from(next.take()).toString()).toBe('a,b\n');
  });

  test('grows as rows are written, keeping what was written', () => {
    const out = new OutputBuffer(1024);
    const row = Buffer.from('L1,Ann,Acme,"x, y"\n');
    for (let i = 0; i < 500; i++) out.copy(row, 0, row.length);
    out.write('Zoë;é\n');
    out.bytes(Uint8Array.of(0x41, 0x42));
    const text = Buffer.from(out.take()).toString();
    expect(text).toBe(row.toString().repeat(500) + 'Zoë;é\nAB');
  });
});

describe('recycle and ownBuffer', () => {
  test('a recycled buffer is handed out again for a size it can hold, and only once', () => {
    const big = new ArrayBuffer(1 << 17);
    recycle(big);
    const again = ownBuffer(1 << 16);
    expect(again.buffer === big).toBe(true);
    expect(ownBuffer(1 << 16).buffer === big).toBe(false);
  });

  test('the smallest spare buffer that fits is taken (inputs and outputs differ in size)', () => {
    const output = new ArrayBuffer(1 << 19);
    const input = new ArrayBuffer(1 << 18);
    recycle(output);
    recycle(input);
    recycle(new ArrayBuffer(1 << 20));
    expect(ownBuffer(1 << 19).buffer === output).toBe(true);
    expect(ownBuffer(200_000).buffer === input).toBe(true);
    ownBuffer(1 << 20); // empty the list for the next test
  });

  test('blocks a few bytes apart in size reuse the same buffer (sizes are rounded up)', () => {
    const first = ownBuffer(250_000);
    recycle(first.buffer as ArrayBuffer);
    expect(ownBuffer(260_000).buffer === first.buffer).toBe(true);
  });

  test('a recycled buffer too small for the request is not used', () => {
    const small = new ArrayBuffer(1 << 16);
    recycle(small);
    expect(ownBuffer(1 << 18).buffer === small).toBe(false);
    expect(ownBuffer(1 << 16).buffer === small).toBe(true);
  });
});
