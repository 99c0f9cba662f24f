/**
 * A related or account file declared Windows-1252 (`encoding: windows-1252`) that is UTF-8: decoded as
 * declared, every é becomes Ã©, so a non-ASCII address matches no lead and a condition on
 * `Réunion` holds for no row — with nothing said. Text in Windows-1252 with accented letters is
 * practically never valid UTF-8 too, so the file's first bytes tell: valid UTF-8 with bytes beyond
 * ASCII (and no byte-order mark, which wins anyway) stops the run, saying which key to change.
 * The reverse (declared UTF-8, written in Windows-1252) is an error of the decoder already.
 */
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { WINDOWS_1252_LABELS } from '../model/encodings.js';
import { LeadqError, quoteData } from '../model/errors.js';

const SAMPLE = 1 << 16;

/** A file the ruleset declares: what messages call it and the ruleset key its settings are under. */
export interface DeclaredFile {
  /** e.g. `the related file "activities"` */
  what: string;
  /** e.g. `related.activities` */
  key: string;
}

export const relatedFile = (name: string): DeclaredFile => ({ what: `the related file ${quoteData(name)}`, key: `related.${name}` });
export const accountFile = (name: string): DeclaredFile => ({ what: `the account file ${quoteData(name)}`, key: `accounts.files.${name}` });

/** Throws INPUT_ENCODING when `path` is declared `encoding` (a Windows-1252 label) but reads as UTF-8 text beyond ASCII. */
export async function checkDeclaredEncoding(declared: DeclaredFile, path: string, encoding: string | undefined | null): Promise<void> {
  if (encoding === undefined || encoding === null || path === '-' || !WINDOWS_1252_LABELS.has(encoding.trim().toLowerCase())) return;
  let bytes: Buffer;
  try {
    const file = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await file.read(Buffer.alloc(SAMPLE), 0, SAMPLE, 0);
      bytes = buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch {
    // missing, a directory, unreadable: opening it for its header says so, naming it
    return;
  }
  // a byte-order mark wins over the declared encoding (read-blocks): nothing to check
  if (bytes[0] === 0xef || bytes[0] === 0xff || bytes[0] === 0xfe) return;
  // the sample may end inside a character: judged without its last 3 bytes when it is cut
  const judged = bytes.length === SAMPLE ? bytes.subarray(0, lastBoundary(bytes)) : bytes;
  if (!judged.some((b) => b >= 0x80) || !isUtf8(judged)) return;
  throw new LeadqError('INPUT_ENCODING', `${declared.what} is declared encoding: ${encoding}, but reads as UTF-8 (read as ${encoding}, é would be Ã©, and accented keys and text would match nothing)`, {
    file: path, hint: `remove encoding: ${encoding} from ${declared.key} of the ruleset (UTF-8 is the default), or set encoding: utf-8`,
  });
}

/** The end of the last whole UTF-8 character in `b` (a sample cut at an arbitrary byte). */
function lastBoundary(b: Buffer): number {
  let end = b.length;
  // back over continuation bytes to the lead byte of the last character, which may be cut
  while (end > 0 && end > b.length - 4 && (b[end - 1] & 0xc0) === 0x80) end--;
  return end > 0 && b[end - 1] >= 0xc0 ? end - 1 : b.length;
}
