/**
 * A key as related files and leads are matched by: its UTF-8 bytes after normalising, written
 * into a caller's scratch buffer. Emails compare ignoring case and surrounding spaces; ids exactly,
 * ignoring surrounding spaces (an id never holds them, and exports pad cells now and then).
 *
 * Some cells hold a key in a form no one meant as part of it; each is read as the key it stands
 * for, on both sides alike (and in `leadq sql`: sql/related.ts), in this order:
 * 1. zero-width characters (U+200B, U+2060, U+FEFF) anywhere are dropped: pasted from a web page
 *    or a mail client they are invisible, and a key holding one matched nothing (U+200C and
 *    U+200D are kept: they join or part letters in Persian and Indic names and domains);
 * 2. surrounding spaces are trimmed;
 * 3. Excel's text-forcing formula `="01003"` (how a spreadsheet keeps an id's leading zeros in a
 *    CSV) is the text inside its quotes, when no other quote is in it;
 * 4. emails are lower-cased, and a leading `mailto:` (a link's target exported as the address)
 *    is dropped;
 * 5. the key is put in Unicode NFC: `José` typed on a Mac (`Jose` + U+0301, NFD) is `José`.
 *
 * The same bytes come out whether the key is read from a line's bytes (the row path) or from a
 * string (the text path, the export's side): ASCII keys are done byte by byte — steps 3 and 4
 * cost a look at the first byte (`=`, `m`) unless it is one —, anything else goes through the
 * string functions (`trim()`, `toLowerCase()`, `normalize()`), so both sides agree on every key.
 */

/** Keys longer than this (in bytes, normalised) are not keys: such a cell matches nothing. */
export const MAX_KEY_BYTES = 1024;

/** Whitespace String.prototype.trim() removes, among ASCII bytes. */
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/**
 * The key in `b[start, end)` normalised into `out` from `at`; returns its length, 0 for an empty
 * key, -1 for one longer than MAX_KEY_BYTES. `email`: lower-cased.
 */
export function normalizeKeyBytes(b: Uint8Array, start: number, end: number, email: boolean, out: Uint8Array, at = 0): number {
  let s = start;
  let e = end;
  while (s < e && isSpace(b[s])) s++;
  while (e > s && isSpace(b[e - 1])) e--;
  if (e - s > MAX_KEY_BYTES * 4) return -1;
  // the rare forms cost one comparison of the first byte each, for keys that do not start so
  if (b[s] === EQUALS && isFormula(b, s, e)) { s += 2; e--; }
  if (email && (b[s] | 0x20) === M && isMailto(b, s, e)) s += MAILTO.length;
  let n = 0;
  for (let i = s; i < e; i++) {
    let c = b[i];
    if (c >= 0x80) return normalizeKeyText(Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8'), email, out, at);
    if (email && c >= 65 && c <= 90) c += 32;
    if (n === MAX_KEY_BYTES) return -1;
    out[at + n++] = c;
  }
  return n;
}

const encoder = new TextEncoder();

/** The same from a string (the text path). */
export function normalizeKeyText(text: string, email: boolean, out: Uint8Array, at = 0): number {
  let n = 0;
  const len = text.length;
  let s = 0;
  let e = len;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  // (a key with characters beyond ASCII starts over in wide(), whatever was found here)
  if (text.charCodeAt(s) === EQUALS && isFormula(text, s, e)) { s += 2; e--; }
  if (email && (text.charCodeAt(s) | 0x20) === M && isMailto(text, s, e)) s += MAILTO.length;
  for (let i = s; i < e; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x80) return wide(text, email, out, at);
    if (email && c >= 65 && c <= 90) c += 32;
    if (n === MAX_KEY_BYTES) return -1;
    out[at + n++] = c;
  }
  return n;
}

/** Zero-width characters a key loses (step 1 above). */
const ZERO_WIDTH = /[\u200b\u2060\ufeff]/g;

/** A key with characters beyond ASCII: the string functions decide (Unicode spaces, case, NFC). */
function wide(text: string, email: boolean, out: Uint8Array, at: number): number {
  let t = text.replace(ZERO_WIDTH, '').trim();
  if (t.charCodeAt(0) === EQUALS && isFormula(t, 0, t.length)) t = t.slice(2, -1);
  if (email) {
    t = t.toLowerCase();
    if (t.startsWith('mailto:')) t = t.slice(MAILTO.length);
  }
  t = t.normalize('NFC');
  if (t.length > MAX_KEY_BYTES) return -1;
  const { read, written } = encoder.encodeInto(t, out.subarray(at, at + MAX_KEY_BYTES));
  return read < t.length ? -1 : written;
}

const EQUALS = 61;
const QUOTE = 34;
const M = 109;
const MAILTO = [109, 97, 105, 108, 116, 111, 58];

/** A key's characters, from a line's bytes or a string (ASCII only: the codes are the same). */
type Chars = Uint8Array | string;
const code = (k: Chars, i: number): number => (typeof k === 'string' ? k.charCodeAt(i) : k[i]);

/** `k[s, e)` is Excel's text-forcing formula `="…"`, with no other quote inside. */
function isFormula(k: Chars, s: number, e: number): boolean {
  if (e - s < 3 || code(k, s + 1) !== QUOTE || code(k, e - 1) !== QUOTE) return false;
  for (let i = s + 2; i < e - 1; i++) if (code(k, i) === QUOTE) return false;
  return true;
}

/** `k[s, e)` starts with `mailto:`, in any case (ASCII letters only, as toLowerCase() has them). */
function isMailto(k: Chars, s: number, e: number): boolean {
  if (e - s < MAILTO.length) return false;
  for (let i = 0; i < MAILTO.length; i++) {
    const c = code(k, s + i);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== MAILTO[i]) return false;
  }
  return true;
}

/** A scratch buffer for the functions above (room for the longest key and a character's bytes). */
export function keyScratch(): Uint8Array {
  return new Uint8Array(MAX_KEY_BYTES + 8);
}

/**
 * Placeholders (N/A, -, …) as keys: a cell holding one has no key. Checked on the normalised
 * bytes, ignoring case as placeholders are; keys longer than the longest placeholder (every
 * email) are never looked up.
 */
export class KeyPlaceholders {
  private readonly set: Set<string>;
  private readonly longest: number;

  constructor(list: readonly string[]) {
    this.set = new Set(list.map((p) => p.trim().toLowerCase()).filter((p) => p !== ''));
    this.longest = Math.max(0, ...[...this.set].map((p) => Buffer.byteLength(p)));
  }

  /** Whether the key in `key[at, at + n)` is a placeholder. */
  has(key: Uint8Array, n: number, at = 0): boolean {
    if (n > this.longest || this.set.size === 0) return false;
    return this.set.has(Buffer.from(key.buffer, key.byteOffset + at, n).toString('utf8').toLowerCase());
  }
}

/**
 * `key_type: salesforce_id`: an 18-character Salesforce id is its 15-character id (case-sensitive,
 * what reports and list views show) plus a 3-character checksum of the letters' case (what the
 * API, Data Loader and most exports give), so both forms are matched by their first 15
 * characters. The key normalised at `key[at, at + n)` as an id: its length once cut (15 for 18
 * ASCII letters and digits, else `n` unchanged; the SQL back-end cuts the same keys).
 */
export function salesforceIdLength(key: Uint8Array, at: number, n: number): number {
  if (n !== 18) return n;
  for (let i = at; i < at + 18; i++) {
    const c = key[i];
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return n;
  }
  return 15;
}
