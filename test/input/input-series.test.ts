/**
 * The inputs of a run, one after the other: the first is opened for its header and then read on
 * without opening it again (standard input can be read once), a second reading opens it again,
 * and every input after the first must repeat its header.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { InputSeries, refuseOtherHeader } from '../../src/input/csv/input-series.js';
import { LeadqError } from '../../src/model/errors.js';
import { cleanTempDirs, tempDir, write } from '../e2e/helpers.js';

afterEach(cleanTempDirs);

async function dataOf(series: InputSeries, i: number, header?: string[]): Promise<string> {
  const input = await series.read(i, header);
  const parts: Buffer[] = [];
  for await (const block of input.blocks()) parts.push(Buffer.from(block.bytes));
  return Buffer.concat(parts).toString();
}

describe('InputSeries', () => {
  test('the first input is read on from its header, and opened again for a second reading', async () => {
    const dir = tempDir();
    const series = new InputSeries([write(dir, 'a.csv', 'id,name\n1,Ann\n'), write(dir, 'b.csv', 'id,name\n2,Bob\n')], { maxRecordSize: 1 << 20 });
    const first = await series.openFirst();
    expect(first.header).toEqual(['id', 'name']);
    expect(await series.read(0)).toBe(first);
    const parts: Buffer[] = [];
    for await (const block of first.blocks()) parts.push(Buffer.from(block.bytes));
    expect(Buffer.concat(parts).toString()).toBe('1,Ann\n');
    expect(await dataOf(series, 1, first.header)).toBe('2,Bob\n');
    expect(await dataOf(series, 0)).toBe('1,Ann\n');
    await series.close();
  });

  test('an input whose header is not the first one\'s is refused, naming the column', async () => {
    const dir = tempDir();
    const series = new InputSeries([write(dir, 'a.csv', 'id,name\n1,Ann\n'), write(dir, 'b.csv', 'id,Name\n2,Bob\n')], { maxRecordSize: 1 << 20 });
    const first = await series.openFirst();
    await expect(series.read(1, first.header)).rejects.toMatchObject({ code: 'INPUT_HEADER', line: 1, message: expect.stringMatching(/column 2: "Name" where the first input has "name"/) });
    await series.close();
  });

  test.each([
    [['id'], ['id', 'name'], /column 2: nothing where the first input has "name"/],
    [['id', 'name', 'x'], ['id', 'name'], /column 3: "x" where the first input has no column/],
  ])('refuseOtherHeader(%p) against %p', (header, expected, message) => {
    expect(() => refuseOtherHeader('b.csv', header, expected)).toThrow(LeadqError);
    expect(() => refuseOtherHeader('b.csv', header, expected)).toThrow(message);
  });
});
