/** A block's UTF-8 bytes, checked strictly: invalid bytes are an error naming the (block-relative) line. */
import { isUtf8 } from 'node:buffer';
import { LeadqError } from '../../model/errors.js';
import { firstInvalidUtf8 } from './decode.js';
import { locateIn } from './locate.js';

export function assertUtf8(bytes: Buffer, file: string, encoding: string): void {
  if (isUtf8(bytes)) return;
  const offset = Math.max(0, firstInvalidUtf8(bytes));
  const { line, col } = locateIn(bytes.subarray(0, offset).toString('utf8'), 1);
  const hex = bytes[offset].toString(16).toUpperCase().padStart(2, '0');
  throw new LeadqError('INPUT_ENCODING', `invalid ${encoding.toUpperCase()}: byte 0x${hex}`, {
    file, line, col,
    hint: 'if the file comes from Excel or an older CRM, pass --encoding windows-1252',
  });
}

export function decodeBlock(bytes: Buffer, file: string, encoding: string): string {
  assertUtf8(bytes, file, encoding);
  return bytes.toString('utf8');
}
