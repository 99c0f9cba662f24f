import { describe, expect, test } from '@jest/globals';
import { emailDomain, FREE_MAIL_DOMAINS, isValidEmail } from '../../src/model/email.js';
import { mulberry32 } from '../support/random.js';

describe('emailDomain', () => {
  test.each([
    ['', ''],
    ['ann', ''],
    ['ann@', ''],
    ['ann@acme.com', 'acme.com'],
    ['Ann@ACME.Com', 'acme.com'],
    ['ann@ acme.com ', 'acme.com'],
    ['a@b@c.example', 'c.example'], // the text after the last @
    ['@acme.com', 'acme.com'],
  ])('%p → %p', (email, domain) => {
    expect(emailDomain(email)).toBe(domain);
  });
});

describe('isValidEmail', () => {
  test.each([
    ['', false],
    ['   ', false],
    ['ann', false], // no @
    ['ann.acme.com', false],
    ['ann@acme.com', true],
    ['Ann.Lee@ACME.Com', true], // mixed-case domain
    [' ann@acme.com ', true], // surrounding spaces are trimmed
    ['ann@acme.co.uk', true],
    ['ann@a.b', true],
    ['a@b@acme.com', false], // two @
    ['ann@@acme.com', false],
    ['@acme.com', false], // nothing before the @
    ['ann@', false],
    ['ann@acme', false], // no dot in the domain
    ['ann@acme.', false], // trailing dot
    ['ann@acme.com.', false],
    ['ann@.com', false], // dot first in the domain
    ['ann smith@acme.com', false], // spaces inside
    ['ann@acme .com', false],
    ['ann\t@acme.com', false],
  ])('%p → %p', (email, valid) => {
    expect(isValidEmail(email)).toBe(valid);
  });
});

describe('FREE_MAIL_DOMAINS', () => {
  test.each(['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'gmx.de', 'web.de'])('includes %s', (domain) => {
    expect(FREE_MAIL_DOMAINS).toContain(domain);
  });

  test('is lower-case and trimmed, as emailDomain returns domains', () => {
    for (const d of FREE_MAIL_DOMAINS) expect(d).toBe(d.trim().toLowerCase());
  });
});

describe('isValidEmail agrees with its definition on random strings', () => {
  /** The rule as written: trim, one @ with text before it, a dot inside the domain, no \s. */
  function byDefinition(email: string): boolean {
    const e = email.trim();
    const at = e.indexOf('@');
    if (at <= 0 || at !== e.lastIndexOf('@') || /\s/.test(e)) return false;
    const domain = e.slice(at + 1);
    const dot = domain.indexOf('.');
    return dot > 0 && dot < domain.length - 1 && !domain.endsWith('.');
  }
  // every character \s matches, and some it does not (U+200B, U+180E, U+0085)
  const PARTS = ['a', 'Zo', '@', '.', ' ', '\t', '\n', '\v', '\f', '\r', '\u00a0', '\u1680', '\u2000', '\u2003', '\u200a', '\u2028', '\u2029',
    '\u202f', '\u205f', '\u3000', '\ufeff', '\u200b', '\u180e', '\u0085', 'é', '-', 'x.y', 'acme.com'];

  const BASES = ['ann@acme.com', 'a@b.c', 'x.y@sub.acme.co.uk', ' Ann.Lee@ACME.Com ', 'ann@acme', '@acme.com', ''];

  test.each([1, 2, 3, 4, 5])('seed %i: 2000 addresses, some with pieces put in', (seed) => {
    const rand = mulberry32(seed);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    let valid = 0;
    for (let n = 0; n < 2000; n++) {
      let email = pick(BASES);
      const inserts = Math.floor(rand() * 3); // 0 to 2 pieces at random places
      for (let k = 0; k < inserts; k++) {
        const at = Math.floor(rand() * (email.length + 1));
        email = email.slice(0, at) + pick(PARTS) + email.slice(at);
      }
      if (byDefinition(email)) valid++;
      expect([email, isValidEmail(email)]).toEqual([email, byDefinition(email)]);
    }
    expect(valid).toBeGreaterThan(300); // both answers are well covered
  });
});
