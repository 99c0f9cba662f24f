/**
 * How a file is cut into blocks: at line ends, each block owning its memory, and with no more
 * than a record carried from one read to the next (a carried part that grew from read to read
 * would be copied, and allocated, for every block).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBlockInput } from '../../src/input/csv/read-blocks.js';

const dir = mkdtempSync(join(tmpdir(), 'leadq-blocks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An export of `rows` rows of varying length (37 to 236 bytes). */
function exportFile(rows: number): { path: string; text: string } {
  const lines = ['id,name,note'];
  for (let i = 1; i <= rows; i++) lines.push(`${i},Lead ${i},${'x'.repeat((i * 37) % 200)}`);
  const text = `${lines.join('\n')}\n`;
  const path = join(dir, `leads-${rows}.csv`);
  writeFileSync(path, text);
  return { path, text };
}

async function blocksOf(path: string, blockSize?: number): Promise<Buffer[]> {
  const input = await openBlockInput(path, { maxRecordSize: 1 << 20, blockSize });
  const out: Buffer[] = [];
  for await (const block of input.blocks()) out.push(Buffer.from(block.bytes)); // copied: blocks may be reused
  await input.close();
  return out;
}

describe('blocks of a file', () => {
  const { path, text } = exportFile(40_000); // about 4.7 MB
  const data = text.slice(text.indexOf('\n') + 1);

  test('together are the data after the header, each ending at a line end', async () => {
    const blocks = await blocksOf(path);
    expect(Buffer.concat(blocks).toString()).toBe(data);
    for (const b of blocks.slice(0, -1)) expect(b[b.length - 1]).toBe(10);
  });

  test('each is the buffer it was read into, ending near the read\'s end: less than a record is carried to the next', async () => {
    const blockSize = 1 << 18;
    const input = await openBlockInput(path, { maxRecordSize: 1 << 20, blockSize });
    const sizes: number[] = [];
    let copies = 0;
    for await (const block of input.blocks()) {
      if (block.final) break;
      sizes.push(block.bytes.length);
      // a block cut from the middle of a read is copied out of it; one that ends the read is not
      if (block.bytes.buffer.byteLength === block.bytes.length) copies++;
    }
    await input.close();
    expect(copies).toBe(0);
    for (const size of sizes.slice(1)) expect(blockSize - size).toBeLessThan(240);
  });

  test('with small blocks, a read is cut into several, all at line ends', async () => {
    const blocks = await blocksOf(path, 4096);
    expect(Buffer.concat(blocks).toString()).toBe(data);
    for (const b of blocks.slice(0, -1)) {
      expect(b[b.length - 1]).toBe(10);
      expect(b.length).toBeLessThanOrEqual(4096 + 240);
    }
  });
});

describe('the real header below title lines (for the hints of a run that fails on them)', () => {
  const report = '"Leads Report"\r\n"As of 10/14/2026"\r\n\r\n"id","name","email"\r\n"1","Ann","a@x"\r\n"2","Bo","b@x"\r\n\r\n"Grand Totals (2 records)"\r\n"Confidential"\r\n"Copyright (c) 2026"\r\n';

  test.each<[string, string, number | undefined, number | undefined]>([
    ['nothing skipped: the titles are read as the header', report, undefined, 3],
    ['too few lines skipped', report, 1, 3],
    ['the lines inspect finds skipped', report, 3, undefined],
    ['an export without titles', 'id,name\n1,Ann\n2,Bo\n3,Cy\n', undefined, undefined],
  ])('%s', async (_what, text, skipLines, expected) => {
    const path = join(dir, 'report.csv');
    writeFileSync(path, text);
    const input = await openBlockInput(path, { maxRecordSize: 1 << 20, skipLines });
    expect(input.realHeaderSkip()).toBe(expected);
    // asked when a run fails, after its blocks were read: the same answer
    for await (const _block of input.blocks()) { /* read to the end */ }
    expect(input.realHeaderSkip()).toBe(expected);
    await input.close();
  });
});
