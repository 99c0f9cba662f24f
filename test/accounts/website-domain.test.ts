/**
 * The company domain of a website cell (accounts.domain `as: url`): what HubSpot's Website URL and
 * Company Domain Name and Salesforce's Website hold, and what must give no domain — so a lead with
 * only a website joins its colleagues at that domain, and nothing else forms an account.
 */
import { describe, expect, test } from '@jest/globals';
import { accountDomain } from '../../src/model/accounts.js';
import { FREE_MAIL_DOMAINS } from '../../src/model/email.js';
import { websiteDomain } from '../../src/model/website-domain.js';

const freeMail = new Set(FREE_MAIL_DOMAINS);

describe('a website gives its host', () => {
  test.each<[string, string]>([
    ['https://www.Acme.com:443/path?x#y', 'acme.com'],
    ['https://www.acme.com/about', 'acme.com'],
    ['http://acme.de', 'acme.de'],
    ['acme.com', 'acme.com'],
    ['acme.com/', 'acme.com'],
    ['www.acme.com', 'acme.com'],
    ['WWW.ACME.COM', 'acme.com'],
    ['www.acme.co.uk', 'acme.co.uk'],
    ['  https://acme.com  ', 'acme.com'],
    ['http://acme.com.', 'acme.com'],
    ['acme.com.:8080/x', 'acme.com'],
    ['acme.com?utm_source=x', 'acme.com'],
    ['acme.com#top', 'acme.com'],
    ['//acme.com/x', 'acme.com'],
    ['ftp://files.acme.com', 'files.acme.com'],
    ['https://user:secret@acme.com/', 'acme.com'],
    ['shop.acme.com', 'shop.acme.com'],
    ['acme-corp.example', 'acme-corp.example'],
    ['xn--mller-kva.example', 'xn--mller-kva.example'],
    ['https://www.Müller.example', 'müller.example'],
    // only a leading www. goes, and never the last label but one
    ['www.com', 'www.com'],
    ['www2.acme.com', 'www2.acme.com'],
    // an email in the website column, or a mailto: link, gives the email's domain
    ['anna@acme.com', 'acme.com'],
    ['mailto:anna@acme.com', 'acme.com'],
  ])('%j → %j', (cell, domain) => {
    expect(websiteDomain(cell, freeMail)).toBe(domain);
  });
});

describe('what is no company domain gives none', () => {
  test.each<[string, string]>([
    ['', 'empty'],
    [' ', 'blank'],
    ['n/a', 'a placeholder'],
    ['-', 'a placeholder'],
    ['acme', 'no dot'],
    ['localhost', 'no dot'],
    ['http://localhost:3000/', 'no dot'],
    ['192.168.0.1', 'an IP address'],
    ['http://10.0.0.1:8080/admin', 'an IP address'],
    ['https://', 'a scheme alone'],
    ['acme..com', 'an empty label'],
    ['.acme.com', 'an empty label'],
    ['-acme.com', 'a label starting with a hyphen'],
    ['acme.com, beta.com', 'two sites in one cell'],
    ['acme .com', 'a space'],
    ['acme_corp.com', 'an underscore'],
    ['[::1]', 'an IPv6 address'],
    ['Anna <anna@acme.com>', 'an address with its name: no host'],
    ['acme.com™', 'a symbol'],
    ['gmail.com', 'free mail'],
    ['https://www.gmail.com/', 'free mail'],
    ['anna@gmail.com', 'free mail'],
    ['https://www.linkedin.com/company/acme', 'a social profile'],
    ['de.linkedin.com/in/anna', 'a social profile, on a country subdomain'],
    ['https://m.facebook.com/acme', 'a social profile, mobile'],
    ['https://medium.com/@acme.io', 'a blog on a platform'],
    ['x.com/acme', 'a social profile'],
    ['https://wordpress.com/', "a platform's own host"],
  ])('%j (%s)', (cell) => {
    expect(websiteDomain(cell, freeMail)).toBe('');
  });
});

test("a company's site on a platform is its subdomain there; a name like a platform's is no platform", () => {
  expect(websiteDomain('https://acme.wordpress.com/about', freeMail)).toBe('acme.wordpress.com');
  expect(websiteDomain('acme.github.io', freeMail)).toBe('acme.github.io');
  expect(websiteDomain('linkedin-consulting.com', freeMail)).toBe('linkedin-consulting.com');
  expect(websiteDomain('notlinkedin.com', freeMail)).toBe('notlinkedin.com');
  expect(websiteDomain('linkedin.com.acme.de', freeMail)).toBe('linkedin.com.acme.de');
});

test('an email column never reads a cell without @ as a domain: ann.lee is no account', () => {
  expect(accountDomain('ann.lee', freeMail)).toBe('');
  expect(accountDomain('www.acme.com', freeMail)).toBe('');
  // the same cell in a website column is a host: why a column's form is written, not guessed
  expect(websiteDomain('ann.lee', freeMail)).toBe('ann.lee');
});

test('an email and a website of one company are one key', () => {
  for (const [email, site] of [['anna@acme.com', 'https://www.acme.com/about'], ['bo@Acme.CO.UK', 'www.acme.co.uk/'], ['li@müller.example', 'http://MÜLLER.example']]) {
    expect(websiteDomain(site, freeMail)).toBe(accountDomain(email, freeMail));
  }
});

test('the free-mail list is the caller\'s', () => {
  expect(websiteDomain('gmail.com', new Set())).toBe('gmail.com');
  expect(websiteDomain('www.acme.example', new Set(['acme.example']))).toBe('');
});
