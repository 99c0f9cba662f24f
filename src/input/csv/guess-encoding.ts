/**
 * Which 8-bit encoding the bytes of a file that is not valid UTF-8 fit: Windows-1252 or
 * ISO-8859-1 (Latin-1), and how sure that is. Pure: bytes in, a verdict out.
 *
 * The two agree on every byte but 0x80–0x9F, where Windows-1252 has letters and typographic
 * punctuation (`’ “ ” – € Š œ …`) and Latin-1 only C1 control codes, which no export holds. So:
 * such bytes read as sensible Windows-1252 → windows-1252; none at all → iso-8859-1 (which
 * windows-1252 reads the same). How sure is the share of non-ASCII bytes that make sense in the
 * chosen encoding where they stand: a letter inside a word, punctuation beside a space. Bytes
 * that form valid UTF-8 sequences count against it: they are UTF-8 text in a file that also
 * holds 8-bit text (`CafÃ©` once read as 8-bit), and bytes that make no sense (a capital in the
 * middle of a lowercase word: `MŸller` is Mac Roman's `Müller`) are other 8-bit encodings.
 */
import { CP1252_HIGH } from '../../model/encodings.js';

export type EightBit = 'windows-1252' | 'iso-8859-1';

export interface EncodingGuess {
  encoding: EightBit;
  /** share of the non-ASCII bytes that make sense in `encoding`, 0–1 */
  share: number;
  /** how the share and the evidence read: sure, likely or unsure */
  certainty: 'sure' | 'likely' | 'unsure';
  /** non-ASCII bytes looked at */
  nonAscii: number;
  /** bytes 0x80–0x9F that are Windows-1252 letters or punctuation */
  cp1252Only: number;
  /** non-ASCII bytes that look like UTF-8 characters (UTF-8 text mixed in, or cut short) */
  utf8Sequences: number;
}

/** Counts what the non-ASCII bytes of a file's chunks look like; `result()` gives the verdict. */
export class EightBitStats {
  nonAscii = 0;
  private sensible1252 = 0;
  private sensibleLatin1 = 0;
  private c1Sensible = 0;
  private utf8 = 0;

  /** One chunk (chunks are judged apart: a byte's neighbours across a chunk edge are not seen). */
  add(b: Uint8Array): void {
    for (let i = 0; i < b.length; i++) {
      const c = b[i];
      if (c < 0x80) continue;
      const seq = utf8SequenceLength(b, i);
      if (seq > 0) {
        this.nonAscii += seq;
        this.utf8 += seq;
        i += seq - 1;
        continue;
      }
      this.nonAscii++;
      const prev = i > 0 ? b[i - 1] : 0x20;
      const next = i + 1 < b.length ? b[i + 1] : 0x20;
      const cp = sensibleAt(c, prev, next, true);
      if (cp) this.sensible1252++;
      if (sensibleAt(c, prev, next, false)) this.sensibleLatin1++;
      if (cp && c < 0xa0) this.c1Sensible++;
    }
  }

  result(): EncodingGuess {
    const windows = this.c1Sensible > 0 && this.sensible1252 >= this.sensibleLatin1;
    const sensible = windows ? this.sensible1252 : this.sensibleLatin1;
    const share = this.nonAscii === 0 ? 1 : sensible / this.nonAscii;
    // a handful of bytes fit many encodings: evidence caps how sure a verdict can be
    const certainty = share >= 0.9 && this.nonAscii >= 20 ? 'sure' : share >= 0.7 ? 'likely' : 'unsure';
    return {
      encoding: windows ? 'windows-1252' : 'iso-8859-1', share, certainty,
      nonAscii: this.nonAscii, cp1252Only: this.c1Sensible, utf8Sequences: this.utf8,
    };
  }
}

export function guessEightBit(bytes: Uint8Array): EncodingGuess {
  const stats = new EightBitStats();
  stats.add(bytes);
  return stats.result();
}

/** The character a byte stands for in either encoding (C1 bytes: Windows-1252's, or a control). */
function charOf(byte: number, windows1252: boolean): string {
  if (byte >= 0x80 && byte < 0xa0) return windows1252 ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return String.fromCharCode(byte);
}

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
/** punctuation that sits between letters in real text: O’Neil, Jean·Luc, soft hyphen */
const INNER_PUNCTUATION = new Set(['’', '‘', '·', '\u00ad', '–']);

/**
 * Whether byte `c` makes sense between `prev` and `next` (raw bytes, ASCII or not): a letter,
 * unless a capital inside a word (`MŸller`), or punctuation and symbols that do not split a word.
 * Control codes and unassigned bytes never do.
 */
function sensibleAt(c: number, prev: number, next: number, windows1252: boolean): boolean {
  const ch = charOf(c, windows1252);
  const code = ch.charCodeAt(0);
  if (code >= 0x80 && code < 0xa0) return false;
  const before = charOf(prev, windows1252);
  const after = charOf(next, windows1252);
  if (LETTER.test(ch)) return !(UPPER.test(ch) && LETTER.test(before) && LOWER.test(after));
  if (INNER_PUNCTUATION.has(ch)) return true;
  return !(LETTER.test(before) && LETTER.test(after));
}

/**
 * The length of what looks like a UTF-8 multi-byte character starting at `i`, else 0: a lead
 * byte and its continuation bytes, also when the character is cut short (`â€` of a `’` whose
 * last byte is gone). Real 8-bit text hardly ever has a letter such as `â` or `Ã` followed by
 * `€`, `©` or `¼`.
 */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
  if (need < 0) return 0;
  let k = 1;
  while (k <= need && i + k < b.length && (b[i + k] & 0xc0) === 0x80) k++;
  return k > 1 ? k : 0;
}
