/**
 * The library's own seeded randomness, for splits and resampling: the same seed gives the same
 * stream on every machine and Node version (integer arithmetic only, no Math.random).
 *
 * splitmix32: a Weyl sequence (state += golden-ratio constant) through a MurmurHash3-style
 * finaliser. Every seed gives a full period of 2³², it passes the usual statistical batteries for
 * 32-bit outputs, and it is a few lines. That is plenty for shuffling leads into folds: we draw one
 * number per lead, far below the period, and need no cryptographic strength. It is deliberately a
 * different generator from the tests' mulberry32, so data generated in a test with some seed is
 * not split by the same stream.
 */

/** A seeded generator of floats in [0, 1). */
export function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, k): floor(u·k), whose bias (below k/2³²) is nothing at our sizes. */
export function randomBelow(rand: () => number, k: number): number {
  return Math.floor(rand() * k);
}

/** Shuffles in place (Fisher–Yates) and returns the array. */
export function shuffle<T extends { length: number; [i: number]: number }>(a: T, rand: () => number): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomBelow(rand, i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}
