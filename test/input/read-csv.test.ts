import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LeadqError } from '../../src/model/errors.js';
import { openCsvInput, type CsvInputOptions } from '../../src/input/csv/read-csv.js';

let dir: string;
let fileCount = 0;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'leadq-read-csv-')); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

function write(content: string | Buffer): string {
  const path = join(dir, `input-${++fileCount}.csv`);
  writeFileSync(path, content);
  return path;
}

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

/** Opens and drains one input: header, delimiter, encoding and every record as [line, ...fields]. */
async function readAll(path: string, options: CsvInputOptions = {}) {
  const input = await openCsvInput(path, options);
  const records: (string | number)[][] = [];
  for await (const batch of input.batches()) for (const r of batch) records.push([r.line, ...r.fields]);
  return { header: input.header, delimiter: input.delimiter, encoding: input.encoding, records };
}

async function readError(path: string, options: CsvInputOptions = {}): Promise<LeadqError> {
  try { await readAll(path, options); } catch (error) { if (error instanceof LeadqError) return error; throw error; }
  throw new Error('expected a LeadqError');
}

const TEXT = 'id,name\n1,Zoë\n2,"Jörg, ""JJ""\nMüller"\n';
const RECORDS = [[2, '1', 'Zoë'], [3, '2', 'Jörg, "JJ"\nMüller']];

describe('openCsvInput: encodings', () => {
  test.each([
    ['UTF-8', Buffer.from(TEXT, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', bytes([0xef, 0xbb, 0xbf], TEXT), 'utf-8'],
    ['UTF-16LE with BOM', Buffer.from(`\ufeff${TEXT}`, 'utf16le'), 'utf-16le'],
    ['UTF-16BE with BOM', Buffer.from(`\ufeff${TEXT}`, 'utf16le').swap16(), 'utf-16be'],
  ])('%s: the BOM is not part of the first header', async (_name, data, encoding) => {
    const got = await readAll(write(data));
    expect(got).toEqual({ header: ['id', 'name'], delimiter: ',', encoding, records: RECORDS });
  });

  test('--encoding windows-1252 decodes 0xE9 as é', async () => {
    const path = write(bytes('id,name\n1,Ren', [0xe9], '\n'));
    expect((await readAll(path, { encoding: 'windows-1252' })).records).toEqual([[2, '1', 'René']]);
  });

  test('the same file without --encoding is an INPUT_ENCODING error with the windows-1252 hint', async () => {
    const error = await readError(write(bytes('id,name\n1,Ren', [0xe9], '\n')));
    expect([error.code, error.line, error.col]).toEqual(['INPUT_ENCODING', 2, 6]);
    expect(error.hint).toMatch(/windows-1252/);
  });

  test.each([
    ['UTF-8 with BOM', bytes([0xef, 0xbb, 0xbf], TEXT)],
    ['UTF-8', Buffer.from(`${TEXT}3,€ 😀 e\u0301 中文\n`, 'utf8')],
    ['UTF-16LE with BOM', Buffer.from(`\ufeff${TEXT}`, 'utf16le')],
  ])('%s: characters split across chunks of 1..7 bytes decode the same', async (_name, data) => {
    const path = write(data);
    const whole = await readAll(path);
    for (let chunkSize = 1; chunkSize <= 7; chunkSize++) {
      expect({ chunkSize, ...(await readAll(path, { chunkSize })) }).toEqual({ chunkSize, ...whole });
    }
  });
});

describe('openCsvInput: invalid UTF-8 names its line and character', () => {
  // the bad bytes sit on line 3 after "2,B", so at character 4, whatever the chunking
  test.each([
    ['0xFF', [0xff]],
    ['a lone continuation byte 0x80', [0x80]],
    ['a lead byte 0xC3 before ASCII', [0xc3]],
    ['a truncated 3-byte sequence', [0xe2, 0x82]],
  ])('%s, in any chunk', async (_name, bad) => {
    const path = write(bytes('id,name\n1,Ann\n2,B', bad, 'b\n3,Cy\n4,Dee\n'));
    const got: string[] = [];
    const expected: string[] = [];
    for (const chunkSize of [undefined, ...Array.from({ length: 24 }, (_, i) => i + 1)]) {
      const error = await readError(path, { chunkSize });
      got.push(`chunkSize ${chunkSize}: ${error.code} at ${error.line}:${error.col}`);
      expected.push(`chunkSize ${chunkSize}: INPUT_ENCODING at 3:4`);
    }
    expect(got).toEqual(expected);
  });

  test.each([
    ['in the header', bytes('id,na', [0xff], 'me\n1,x\n'), 1, 6],
    ['first in the file', bytes([0xff], 'id,name\n1,x\n'), 1, 1],
    ['after a quoted line break', bytes('id,note\n1,"a\nb', [0xff], '"\n'), 3, 2],
    ['after CRLF endings', bytes('id\r\n1\r\n\r\n', [0xff], '\r\n'), 4, 1],
  ])('%s', async (_name, data, line, col) => {
    for (const chunkSize of [undefined, 3]) {
      const error = await readError(write(data), { chunkSize });
      expect({ chunkSize, code: error.code, line: error.line, col: error.col }).toEqual({ chunkSize, code: 'INPUT_ENCODING', line, col });
    }
  });
});

describe('openCsvInput: delimiters and records', () => {
  test.each([
    [',', 'id,name,score\n1,Ann,5\n'],
    [';', 'id;name;score\n1;Ann;5\n'],
    ['\t', 'id\tname\tscore\n1\tAnn\t5\n'],
    ['|', 'id|name|score\n1|Ann|5\n'],
    [';', 'id;"name, full";score\n1;Ann;5\n'], // commas inside quotes do not count
  ])('sniffs %p', async (delimiter, text) => {
    const got = await readAll(write(text));
    expect(got.delimiter).toBe(delimiter);
    expect(got.header).toHaveLength(3);
    expect(got.records).toEqual([[2, '1', 'Ann', '5']]);
  });

  test('an explicit delimiter wins over sniffing', async () => {
    const got = await readAll(write('a;b,c\n1;2,3\n'), { delimiter: ',' });
    expect(got.header).toEqual(['a;b', 'c']);
    expect(got.records).toEqual([[2, '1;2', '3']]);
  });

  test('CRLF, blank lines and a quoted header line break keep their line numbers in any chunking', async () => {
    const path = write('"id\r\nkey",name\r\n1,a\r\n\r\n2,"b\r\nc"\r\n3,d');
    for (const chunkSize of [undefined, 1, 2, 5, 8]) {
      const got = await readAll(path, { chunkSize });
      expect({ chunkSize, header: got.header, records: got.records }).toEqual({
        chunkSize, header: ['id\r\nkey', 'name'], records: [[3, '1', 'a'], [5, '2', 'b\r\nc'], [7, '3', 'd']],
      });
    }
  });

  test('a header without rows gives no records', async () => {
    expect(await readAll(write('id,name\n'))).toMatchObject({ header: ['id', 'name'], records: [] });
  });
});

describe('openCsvInput: errors', () => {
  test.each([
    ['an empty file', ''],
    ['only line breaks', '\n\r\n\n'],
    ['only spaces', '   \n  '],
    ['only a BOM', '\ufeff'],
  ])('%s → INPUT_EMPTY', async (_name, text) => {
    expect((await readError(write(text))).code).toBe('INPUT_EMPTY');
  });

  test('a missing file → INPUT_READ', async () => {
    const error = await readError(join(dir, 'no-such-file.csv'));
    expect(error.code).toBe('INPUT_READ');
    expect(error.file).toBe(join(dir, 'no-such-file.csv'));
  });

  test('a directory → INPUT_READ', async () => {
    const sub = join(dir, 'a-directory');
    mkdirSync(sub);
    expect((await readError(sub)).code).toBe('INPUT_READ');
  });

  test.each([[4], [7], [1 << 16]])('a stray quote costs its own line only, as leadq score reads it (chunks of %i bytes)', async (chunkSize) => {
    const input = await openCsvInput(write('id,name\n1,a\n2,"open\n3,b\n4,"c, d"\n5,"e\n'), { chunkSize });
    const records: [number, boolean, ...string[]][] = [];
    for await (const batch of input.batches()) for (const r of batch) records.push([r.line, r.malformed !== undefined, ...r.fields]);
    expect(records).toEqual([[2, false, '1', 'a'], [3, true, '2', 'open'], [4, false, '3', 'b'], [5, false, '4', 'c, d'], [6, true, '5', 'e']]);
  });

  test('a quote that does not close within maxRecordSize → INPUT_CSV at its line', async () => {
    const error = await readError(write(`id,name\n1,a\n2,"open\n${'3,b\n'.repeat(30)}`), { chunkSize: 4, maxRecordSize: 50 });
    expect([error.code, error.line]).toEqual(['INPUT_CSV', 3]);
  });
});
