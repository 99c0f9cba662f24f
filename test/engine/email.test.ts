import { describe, expect, test } from '@jest/globals';
import { emailDomain, FREE_MAIL_DOMAINS, isValidEmail } from '../../src/engine/email.js';

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
