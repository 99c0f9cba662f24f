/**
 * Text out of and into Buffers on the row path. Buffer#toString and Buffer#write check and
 * juggle their arguments on every call, which costs more than the copy for short cells; the
 * methods they call underneath (latin1Slice, utf8Slice, utf8Write) skip that. Those are not
 * Node's public API, so each is looked up once: where a Node release lacks one, the public
 * method stands in (slower, the same bytes). test/input/buffer-text.test.ts holds both to it.
 */
interface NativeText {
  latin1Slice?: (start: number, end: number) => string;
  utf8Slice?: (start: number, end: number) => string;
  utf8Write?: (text: string, offset: number) => number;
}

const proto = Buffer.prototype as unknown as NativeText;

/** Bytes [start, end) as text: `ascii` when the caller knows every byte is below 0x80 (read as Latin-1, the fastest). */
export type SliceText = (b: Buffer, start: number, end: number, ascii: boolean) => string;
/** Writes `text` as UTF-8 at `offset` (the buffer has room); returns the bytes written. */
export type WriteText = (b: Buffer, text: string, offset: number) => number;

export const portableSlice: SliceText = (b, start, end, ascii) => b.toString(ascii ? 'latin1' : 'utf8', start, end);
export const portableWrite: WriteText = (b, text, offset) => b.write(text, offset, 'utf8');

const nativeSlice: SliceText = (b, start, end, ascii) => {
  const native = b as unknown as Required<NativeText>;
  return ascii ? native.latin1Slice(start, end) : native.utf8Slice(start, end);
};
const nativeWrite: WriteText = (b, text, offset) => (b as unknown as Required<NativeText>).utf8Write(text, offset);

export const hasNativeText = typeof proto.latin1Slice === 'function' && typeof proto.utf8Slice === 'function' && typeof proto.utf8Write === 'function';

export const sliceText: SliceText = hasNativeText ? nativeSlice : portableSlice;
export const writeText: WriteText = hasNativeText ? nativeWrite : portableWrite;

/** For the test: the native forms, or null where this Node lacks them. */
export const native = hasNativeText ? { slice: nativeSlice, write: nativeWrite } : null;
