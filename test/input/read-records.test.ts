/**
 * The strict record reader (diff's): every record in order with the line it begins on, the
 * same through the byte scanner, the text parser and any block size; a record it cannot trust
 * is an error naming its line, never a skipped row.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LeadqError } from '../../src/model/errors.js';
import { openRecords, type RecordOptions } from '../../src/input/csv/read-records.js';
import { mulberry32 } from '../support/random.js';

const dir = mkdtempSync(join(tmpdir(), 'leadq-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function file(content: string | Buffer): string {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, content);
  return path;
}

interface Read { line: number; fields: string[]; bytes: string[] }

/** Every record: its line, its fields as text, and each field through bytes(). */
async function readAll(path: string, options: RecordOptions = {}): Promise<Read[]> {
  const input = await openRecords(path, options);
  const out: Read[] = [];
  await input.forEach((row) => {
    const fields = row.fields();
    const bytes = fields.map((_, i) => { row.bytes(i); return Buffer.from(row.buf.subarray(row.from, row.to)).toString('utf8'); });
    out.push({ line: row.line, fields: fields.map((_, i) => row.text(i)), bytes });
  });
  return out;
}

async function failure(path: string, options: RecordOptions = {}): Promise<LeadqError> {
  try {
    await readAll(path, options);
  } catch (error) {
    return error as LeadqError;
  }
  throw new Error('expected an error');
}

/** A random cell: plain, with the delimiter, quotes, line breaks or non-ASCII text. */
function cell(rand: () => number, d: string): string {
  const parts = ['a', 'Zoë', 'x y', d, '"', '""', '\n', '\r\n', '€', '0', '-5', ' '];
  const n = Math.floor(rand() * 4);
  let s = '';
  for (let i = 0; i < n; i++) s += parts[Math.floor(rand() * (rand() < 0.8 ? 3 : parts.length))];
  return s;
}

/** Quoted as the formatter would, or (`loose`) a quote inside the text left bare, which the grammar reads as text. */
function quote(s: string, d: string, loose: boolean): string {
  if (loose && !s.startsWith('"') && !/[\r\n]/.test(s) && !s.includes(d)) return s;
  return /["\r\n]/.test(s) || s.includes(d) ? `"${s.replace(/"/g, '""')}"` : s;
}

describe('openRecords', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])('random export %i: the records, their lines and bytes, at any block size', async (seed) => {
    const rand = mulberry32(seed);
    const d = [',', ';', '\t', '|'][seed % 4];
    const eol = seed % 3 === 0 ? '\r\n' : '\n';
    const width = 1 + Math.floor(rand() * 5);
    const header = Array.from({ length: width }, (_, i) => `c${i}`);
    const expected: { line: number; fields: string[] }[] = [];
    let text = header.join(d) + eol;
    let line = 2;
    for (let r = 0; r < 300; r++) {
      if (rand() < 0.05) { text += eol; line++; } // a blank line: skipped, counted
      let fields = Array.from({ length: width }, () => cell(rand, d));
      // a lone empty cell is a blank line, not a record
      if (width === 1 && fields[0] === '') fields = ['e'];
      const written = fields.map((f) => quote(f, d, rand() < 0.3)).join(d);
      expected.push({ line, fields });
      text += written + (r === 299 && seed % 2 === 0 ? '' : eol);
      line += 1 + (written.match(/\r\n|\n|\r/g)?.length ?? 0);
    }
    const path = file(text);
    for (const blockSize of [undefined, 64, 200, 1000]) {
      const got = await readAll(path, { blockSize, delimiter: d });
      expect(got.map((r) => ({ line: r.line, fields: r.fields }))).toEqual(expected);
      expect(got.map((r) => r.bytes)).toEqual(expected.map((r) => r.fields));
    }
  });

  test('a delimiter outside ASCII is read by the text parser: the same records', async () => {
    const path = file('id§name\n1§"a§b"\n2§"x\ny"\n3§z\n');
    expect((await readAll(path, { delimiter: '§' })).map((r) => [r.line, ...r.fields])).toEqual([[2, '1', 'a§b'], [3, '2', 'x\ny'], [5, '3', 'z']]);
  });

  test('UTF-16 with a byte-order mark, and windows-1252 when told', async () => {
    const utf16 = file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,name\n1,Zoë\n', 'utf16le')]));
    expect((await readAll(utf16)).map((r) => r.fields)).toEqual([['1', 'Zoë']]);
    const cp1252 = file(Buffer.from([...Buffer.from('id,name\n1,Zo'), 0xeb, 0x0a]));
    expect((await readAll(cp1252, { encoding: 'windows-1252' })).map((r) => r.bytes)).toEqual([['1', 'Zoë']]);
  });

  test('a quote inside an unquoted field is text', async () => {
    expect((await readAll(file('id,name\n1,O"Brien\n2,"a ""b"""\n'))).map((r) => r.bytes)).toEqual([['1', 'O"Brien'], ['2', 'a "b"']]);
  });

  test('plainText: the first cells as written, unless a writer would write them otherwise', async () => {
    const input = await openRecords(file('id,name,x\n1,"a, b",=1\n2,-5,x\n3,O"Brien,x\n4,"x\ny",z\n5,"q ""r""",s\n'));
    const got: (string | null)[] = [];
    await input.forEach((row) => { got.push(row.plainText(2)); });
    expect(got).toEqual(['1,"a, b"', null, null, null, '5,"q ""r"""']);
  });

  test('CR alone ends lines too', async () => {
    expect((await readAll(file('id,n\r1,a\r2,b\r'))).map((r) => [r.line, ...r.fields])).toEqual([[2, '1', 'a'], [3, '2', 'b']]);
  });

  test('each returning false stops the reading', async () => {
    const input = await openRecords(file('id\n1\n2\n3\n'));
    const seen: string[] = [];
    await input.forEach((row) => { seen.push(row.text(0)); return seen.length < 2; });
    expect(seen).toEqual(['1', '2']);
  });

  test.each([
    ['a row of another width', 'id,name\n1,a\n2,b,c\n3,c\n', 3, /expected 2 fields, got 3/],
    ['a row too short', 'id,name\n1,a\n2\n', 3, /expected 2 fields, got 1/],
    ['text after a closing quote', 'id,name\n1,"a"b\n', 2, /text after the closing quote/],
    ['a quote never closed', 'id,name\n1,a\n2,"b\n3,c\n', 3, /quote opens field 2/],
    ['the header again', 'id,name\n1,a\nid,name\n2,b\n', 3, /repeated header/],
    ['a quoted line break, then the wrong width', 'id,name\n1,"a\nb",x\n', 2, /quote opens field 2/],
  ])('%s is an error naming its line, with the hint', async (_what, text, line, message) => {
    for (const blockSize of [undefined, 8]) {
      const error = await failure(file(text), { blockSize, recordHint: 'every row counts' });
      expect([error.code, error.line, error.hint]).toEqual(['INPUT_CSV', line, 'every row counts']);
      expect(error.message).toMatch(message);
    }
  });

  test('invalid UTF-8 names its line', async () => {
    const path = file(Buffer.concat([Buffer.from('id,name\n1,a\n2,'), Buffer.from([0xff]), Buffer.from('\n')]));
    const error = await failure(path);
    expect([error.code, error.line]).toEqual(['INPUT_ENCODING', 3]);
  });

  test('the name given is the one in messages', async () => {
    const error = await failure(file('id\n1\n1,2\n'), { name: 'out/scored.csv' });
    expect(error.file).toBe('out/scored.csv');
  });
});
