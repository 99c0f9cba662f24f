/**
 * Keys as leads and related rows are matched by: the same bytes whether read from a line's bytes
 * (a related file's row path) or from a string (the export's typed row), for emails (case and
 * surrounding spaces ignored) and ids (spaces ignored, case kept); zero-width characters, Excel's
 * `="…"`, an email's `mailto:` and decomposed accents read as the key they stand for;
 * placeholders are no keys.
 */
import { describe, expect, test } from '@jest/globals';
import { KeyPlaceholders, keyScratch, MAX_KEY_BYTES, normalizeKeyBytes, normalizeKeyText } from '../../src/input/keys/normalize-key.js';
import { mulberry32 } from '../support/random.js';

const text = (s: string, email: boolean) => { const out = keyScratch(); const n = normalizeKeyText(s, email, out); return n < 0 ? null : Buffer.from(out.subarray(0, n)).toString('utf8'); };
const bytes = (s: string, email: boolean) => {
  const b = Buffer.from(`,${s},`, 'utf8');
  const out = keyScratch();
  const n = normalizeKeyBytes(b, 1, b.length - 1, email, out);
  return n < 0 ? null : Buffer.from(out.subarray(0, n)).toString('utf8');
};

describe('normalised keys', () => {
  test.each([
    [' Ana@Acme.Example ', true, 'ana@acme.example'],
    ['\tANA@ACME.EXAMPLE\r', true, 'ana@acme.example'],
    [' 00Q5g00000AbCdE ', false, '00Q5g00000AbCdE'],
    ['\u00a0ZOË@Café.example\u2003', true, 'zoë@café.example'],
    ['ZOË@CAFÉ.EXAMPLE', false, 'ZOË@CAFÉ.EXAMPLE'],
    ['İstanbul@x.example', true, 'i̇stanbul@x.example'],
    ['   ', true, ''],
    ['', false, ''],
  ])('%p (email %p) → %p, from text and from bytes alike', (input, email, expected) => {
    expect(text(input, email)).toBe(expected);
    expect(bytes(input, email)).toBe(expected);
  });

  test.each([
    // zero-width characters anywhere go (a ZWNJ is part of some scripts' words: kept)
    ['\u200bbob@acme.example', true, 'bob@acme.example'],
    ['bob@acme\u2060.example\ufeff', true, 'bob@acme.example'],
    ['\u200b 01003 \u200b', false, '01003'],
    ['a\u200cb', false, 'a\u200cb'],
    // Excel's text-forcing formula: the text inside its quotes, nothing else
    ['="01003"', false, '01003'],
    [' ="01003" ', false, '01003'],
    ['="Ann@Acme.example"', true, 'ann@acme.example'],
    ['=""', false, ''],
    ['="0"1"', false, '="0"1"'],
    ['="01003', false, '="01003'],
    ['=01003', false, '=01003'],
    ['="', false, '="'],
    ['=', false, '='],
    ['="Zoë"', false, 'Zoë'],
    // an email's mailto: prefix, in any case; an id keeps it
    ['mailto:Ann@Acme.example', true, 'ann@acme.example'],
    ['MAILTO:ann@acme.example', true, 'ann@acme.example'],
    ['="mailto:ann@acme.example"', true, 'ann@acme.example'],
    ['mailto:', true, ''],
    ['mailto', true, 'mailto'],
    ['xmailto:ann@acme.example', true, 'xmailto:ann@acme.example'],
    ['mailto:ann@acme.example', false, 'mailto:ann@acme.example'],
    ['mailto:Zoë@Café.example', true, 'zoë@café.example'],
    // NFC: an accent typed as a combining mark is the accented letter
    ['Jose\u0301@acme.example', true, 'jos\u00e9@acme.example'],
    ['JOSE\u0301', false, 'JOS\u00c9'],
    ['\u200bmailto:Jose\u0301@acme.example', true, 'jos\u00e9@acme.example'],
  ])('%p (email %p) is the key %p it stands for, from text and from bytes alike', (input, email, expected) => {
    expect(text(input, email)).toBe(expected);
    expect(bytes(input, email)).toBe(expected);
  });

  test('a key longer than the limit is no key', () => {
    expect(text('x'.repeat(MAX_KEY_BYTES), true)).toHaveLength(MAX_KEY_BYTES);
    expect(text('x'.repeat(MAX_KEY_BYTES + 1), true)).toBeNull();
    expect(bytes('x'.repeat(MAX_KEY_BYTES + 1), true)).toBeNull();
    expect(bytes(`${'é'.repeat(MAX_KEY_BYTES)}`, true)).toBeNull();
  });

  test('random strings of ASCII, Latin, Greek, spaces, symbols and the forms above: bytes and text agree with a plain reading', () => {
    const rand = mulberry32(9);
    const alphabet = ['a', 'Z', '0', '@', '.', ' ', '\t', '\u00a0', 'É', 'ß', 'Σ', 'ς', '\u2028', '😀', '-', '_', 'K',
      '=', '"', '="', 'mailto:', 'MailTo:', '\u200b', '\u2060', '\ufeff', '\u0301', 'e'];
    // the rules of normalize-key.ts as a reader would write them, string by string
    const plain = (s: string, email: boolean) => {
      let t = s.replace(/[\u200b\u2060\ufeff]/g, '').trim();
      t = /^="([^"]*)"$/.exec(t)?.[1] ?? t;
      if (email) t = t.toLowerCase().replace(/^mailto:/, '');
      return t.normalize('NFC');
    };
    const wrong: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const s = Array.from({ length: Math.floor(rand() * 12) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      for (const email of [true, false]) if (text(s, email) !== bytes(s, email) || text(s, email) !== plain(s, email)) wrong.push(JSON.stringify([s, email]));
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  test('placeholders are no keys, ignoring case; long keys are never looked up', () => {
    const p = new KeyPlaceholders(['N/A', '-', 'unknown']);
    const has = (s: string) => { const out = keyScratch(); const n = normalizeKeyText(s, false, out); return p.has(out, n); };
    expect(['n/a', 'N/A', ' - ', 'UNKNOWN', 'ana@acme.example', 'n/ab'].map(has)).toEqual([true, true, true, true, false, false]);
    expect(new KeyPlaceholders([]).has(keyScratch(), 1)).toBe(false);
  });
});
