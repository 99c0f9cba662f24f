/**
 * The pool of block buffers: memory handed back after its bytes were written (`recycle`) is
 * reused by the next blocks instead of allocated. The main thread owns the big block buffers
 * (inputs, and the output buffers it sends to the workers along with each block), so in a long
 * run they are allocated once, at its start, and move between the threads. One list per thread;
 * bounded, so a burst of big blocks cannot keep memory forever.
 */
const spare: ArrayBuffer[] = [];
const SPARE_LIMIT = 16;
const SIZE_STEP = 1 << 16;

export function recycle(buffer: ArrayBuffer): void {
  // small buffers are cheap to allocate and would crowd the list
  if (spare.length < SPARE_LIMIT && buffer.byteLength >= 1 << 16) spare.push(buffer);
}

/** A buffer of at least `capacity` bytes that this block alone owns: the smallest spare one that fits. */
export function ownBuffer(capacity: number): Buffer {
  // sizes rounded up to 64 KiB: blocks differ by a few bytes (cut at a line end, a carried record),
  // and a spare buffer a few bytes too small would be passed over for a new one
  if (capacity > SIZE_STEP) capacity = Math.ceil(capacity / SIZE_STEP) * SIZE_STEP;
  let best = -1;
  for (let i = 0; i < spare.length; i++) {
    if (spare[i].byteLength >= capacity && (best < 0 || spare[i].byteLength < spare[best].byteLength)) best = i;
  }
  return best >= 0 ? Buffer.from(spare.splice(best, 1)[0]) : Buffer.allocUnsafeSlow(capacity);
}

