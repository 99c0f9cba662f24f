/**
 * Where an input's bytes come from: standard input, or a file read in chunks (and, for files,
 * straight into a caller's buffer, so a block is read where it will stay). Read errors are
 * INPUT_READ errors naming the input.
 */
import { fstatSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { LeadqError } from '../../model/errors.js';
import { openStdinCopy } from './stdin-replay.js';

export interface ByteSource {
  read(): Promise<Buffer | null>;
  /** files only: reads up to `length` bytes into `buf` at `offset`; 0 at the end */
  readInto?(buf: Buffer, offset: number, length: number): Promise<number>;
  close(): Promise<void>;
}

export async function openSource(path: string, name: string, chunkSize: number): Promise<ByteSource> {
  if (path === '-') {
    // a run that reads standard input twice reads it through its copy
    const copy = openStdinCopy(name, chunkSize);
    if (copy) return copy;
    const chunks = process.stdin[Symbol.asyncIterator]();
    return {
      read: async () => { const next = await chunks.next(); return next.done ? null : (next.value as Buffer); },
      close: async () => {},
    };
  }
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
    if ((await handle.stat()).isDirectory()) { await handle.close(); throw Object.assign(new Error('it is a directory'), { code: 'EISDIR' }); }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new LeadqError('INPUT_READ', `cannot read the input: ${reason}`, { file: name });
  }
  let closed = false;
  return {
    read: async () => {
      if (closed) return null;
      const buf = Buffer.allocUnsafeSlow(chunkSize);
      try {
        const { bytesRead } = await handle.read(buf, 0, chunkSize, null);
        return bytesRead === 0 ? null : buf.subarray(0, bytesRead);
      } catch (error) {
        throw new LeadqError('INPUT_READ', `cannot read the input: ${(error as Error).message}`, { file: name });
      }
    },
    readInto: async (buf: Buffer, offset: number, length: number) => {
      if (closed) return 0;
      try {
        return (await handle.read(buf, offset, length, null)).bytesRead;
      } catch (error) {
        throw new LeadqError('INPUT_READ', `cannot read the input: ${(error as Error).message}`, { file: name });
      }
    },
    close: async () => { if (!closed) { closed = true; await handle.close(); } },
  };
}

/** The size of an input when it is a file (standard input redirected from one too); undefined for a pipe. */
export function knownSize(path: string): number | undefined {
  try {
    const stat = path === '-' ? fstatSync(0) : statSync(path);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `source` with `head` in front: bytes already read from it (`leadq inspect` looks at the first
 * bytes of standard input to tell its encoding, then reads it from the start).
 */
export function withHead(source: ByteSource, head: Buffer): ByteSource {
  let pending: Buffer | null = head.length > 0 ? head : null;
  return {
    read: async () => {
      if (pending === null) return source.read();
      const out = pending;
      pending = null;
      return out;
    },
    close: () => source.close(),
  };
}
