/**
 * The start of an input, however it arrives in chunks: the header record (after title lines and
 * blank lines, its delimiter sniffed) and the bytes after it, and chunks of UTF-8 from any
 * encoding the first bytes announce.
 */
import { describe, expect, test } from '@jest/globals';
import type { ByteSource } from '../../src/input/csv/byte-source.js';
import { readHeaderRecord } from '../../src/input/csv/read-header.js';
import { Utf8Chunks } from '../../src/input/csv/utf8-chunks.js';

/** A source handing `bytes` over `size` bytes at a time. */
function source(bytes: Buffer, size: number): ByteSource {
  let at = 0;
  return {
    read: async () => { if (at >= bytes.length) return null; const chunk = bytes.subarray(at, at + size); at += size; return Buffer.from(chunk); },
    close: async () => {},
  };
}

async function all(chunks: Utf8Chunks): Promise<string> {
  const parts: Buffer[] = [];
  for (let c = await chunks.next(); c !== null; c = await chunks.next()) parts.push(c);
  return Buffer.concat(parts).toString('utf8');
}

describe('readHeaderRecord', () => {
  test.each([
    ['id,name\n1,Ann\n', {}, ['id', 'name'], ',', 2, '1,Ann\n'],
    ['\n\nid;name\r\n1;Ann\r\n', {}, ['id', 'name'], ';', 4, '1;Ann\r\n'],
    ['Lead report\nExported 2026-11-01\nid\tname\n1\tAnn\n', { skipLines: 2 }, ['id', 'name'], '\t', 4, '1\tAnn\n'],
    ['"first\nname",b\n1,2\n', {}, ['first\nname', 'b'], ',', 3, '1,2\n'],
    ['id,name', {}, ['id', 'name'], ',', 2, ''],
    ['a;b,c\n1;2,3\n', { delimiter: ',' }, ['a;b', 'c'], ',', 2, '1;2,3\n'],
    // Excel's delimiter line: the delimiter, not the header
    ['sep=;\r\nid;name,x\r\n1;Ann,B\r\n', {}, ['id', 'name,x'], ';', 3, '1;Ann,B\r\n'],
    ['SEP=,\nid;name,x\n', {}, ['id;name', 'x'], ',', 3, ''],
    ['sep=;\nid,name\n', { delimiter: ',' }, ['id', 'name'], ',', 3, ''],
    ['sepal;width\n1;2\n', {}, ['sepal', 'width'], ';', 2, '1;2\n'],
  ])('%j %j, in chunks of 1 to 7 bytes', async (text, options, fields, delimiter, nextLine, rest) => {
    for (let size = 1; size <= 7; size++) {
      const chunks = new Utf8Chunks(source(Buffer.from(text), size), 'in.csv', undefined);
      const head = await readHeaderRecord(() => chunks.next(), 'in.csv', { maxRecordSize: 1000, ...options });
      const after = Buffer.concat([head.rest, ...(head.ended ? [] : [Buffer.from(await all(chunks))])]).toString();
      expect({ size, fields: head.fields, delimiter: head.delimiter, nextLine: head.nextLine, after }).toEqual({ size, fields, delimiter, nextLine, after: rest });
    }
  });

  test.each([
    ['', {}, 'INPUT_EMPTY'],
    ['\n\n', {}, 'INPUT_EMPTY'],
    ['Title only\n', { skipLines: 2 }, 'INPUT_EMPTY'],
    ['i\0d\0,\0n\0\n\0', {}, 'INPUT_ENCODING'],
    ['"id,name\n1,Ann\n'.padEnd(500, 'x'), {}, 'INPUT_CSV'],
  ])('%j %j: %s', async (text, options, code) => {
    const chunks = new Utf8Chunks(source(Buffer.from(text), 3), 'in.csv', undefined);
    await expect(readHeaderRecord(() => chunks.next(), 'in.csv', { maxRecordSize: 100, ...options })).rejects.toMatchObject({ code });
  });
});

describe('Utf8Chunks', () => {
  const text = 'id,name\n1,Zoë Ånström\n2,東京\n';

  test.each([
    ['UTF-8', Buffer.from(text), undefined, 'utf-8'],
    ['UTF-8 with a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), undefined, 'utf-8'],
    ['UTF-16LE with a byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), undefined, 'utf-16le'],
    ['UTF-16BE with a byte-order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]), undefined, 'utf-16be'],
    ['windows-1252', Buffer.from('id,name\n1,Zo\xeb \x80\n', 'latin1'), 'windows-1252', 'windows-1252'],
  ])('%s, read a byte at a time, comes out as UTF-8', async (_name, bytes, encoding, expected) => {
    const chunks = new Utf8Chunks(source(bytes, 1), 'in.csv', encoding);
    const out = await all(chunks);
    expect(out).toBe(encoding === 'windows-1252' ? 'id,name\n1,Zoë €\n' : text);
    expect(chunks.encoding).toBe(expected);
  });

  test('a file that is not text is refused by its first bytes', async () => {
    const chunks = new Utf8Chunks(source(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), 1), 'in.xlsx', undefined);
    await expect(chunks.next()).rejects.toMatchObject({ code: 'INPUT_NOT_CSV' });
  });

  test('bytes invalid in the encoding named are an error', async () => {
    const chunks = new Utf8Chunks(source(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]), 2), 'in.csv', undefined);
    await expect(all(chunks)).rejects.toMatchObject({ code: 'INPUT_ENCODING' });
  });
});
