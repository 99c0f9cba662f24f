/** Email checks shared by the operators; kept apart because they are pure string rules. */

/** The text after the last `@`, trimmed and lower-cased; empty when there is no `@`. */
export function emailDomain(email: string): string {
  // several operators ask for the domain of the same cell in a row: answer the repeat from memory
  if (email === lastEmail) return lastDomain;
  const at = email.lastIndexOf('@');
  lastEmail = email;
  lastDomain = at < 0 ? '' : email.slice(at + 1).trim().toLowerCase();
  return lastDomain;
}

let lastEmail = '';
let lastDomain = '';

/**
 * Syntactic validity as CRMs check it: exactly one `@`, something before it, and a dot inside the
 * domain with text on both sides; no spaces (surrounding spaces are ignored). One pass over the
 * characters, no copies: it runs for every row of a ruleset with `valid_email`.
 */
export function isValidEmail(email: string): boolean {
  let start = 0;
  let end = email.length;
  while (start < end && isSpace(email.charCodeAt(start))) start++;
  while (end > start && isSpace(email.charCodeAt(end - 1))) end--;
  let at = -1;
  let dot = -1; // the first dot after the @
  for (let i = start; i < end; i++) {
    const c = email.charCodeAt(i);
    if (c === 64) {
      if (at >= 0) return false;
      at = i;
    } else if (c === 46) {
      if (at >= 0 && dot < 0) dot = i;
    } else if (isSpace(c)) {
      return false;
    }
  }
  return at > start && dot > at + 1 && dot < end - 1 && email.charCodeAt(end - 1) !== 46;
}

/** What `\s` matches and `trim()` removes. */
function isSpace(c: number): boolean {
  if (c > 32 && c < 0xa0) return false;
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A free-mail domain as a ruleset lists it: trimmed, lower case, without the `@` some write before it (`@mycorp.example`). */
export function freeMailDomain(written: string): string {
  return written.trim().toLowerCase().replace(/^@+/, '');
}

/** The free-mail domains leadq knows; a ruleset can replace the list (`free_mail_domains`). */
export const FREE_MAIL_DOMAINS: readonly string[] = [
  'gmail.com', 'googlemail.com', 'yahoo.com', 'ymail.com', 'hotmail.com', 'outlook.com', 'live.com',
  'msn.com', 'aol.com', 'icloud.com', 'me.com', 'mail.com', 'gmx.de', 'gmx.net', 'gmx.com', 'web.de',
  't-online.de', 'proton.me', 'protonmail.com', 'yandex.com', 'mail.ru', 'qq.com', '163.com',
  // the same providers in other countries, and large national ones (a company never has these)
  'yahoo.de', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.it', 'yahoo.es', 'yahoo.co.jp', 'hotmail.de', 'hotmail.co.uk',
  'hotmail.fr', 'hotmail.it', 'hotmail.es', 'hotmail.nl', 'outlook.de', 'outlook.fr', 'live.de', 'live.co.uk',
  'live.fr', 'live.nl', 'gmx.at', 'gmx.ch', 'gmx.fr', 'freenet.de', 'arcor.de', 'posteo.de', 'mailbox.org',
  'bluewin.ch', 'orange.fr', 'wanadoo.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'libero.it', 'virgilio.it',
  'btinternet.com', 'ziggo.nl', 'telenet.be', 'skynet.be', 'seznam.cz', 'wp.pl', 'o2.pl',
  'interia.pl', 'yandex.ru', 'rambler.ru', 'inbox.ru', 'bk.ru', 'list.ru', 'rediffmail.com', 'naver.com',
  'hanmail.net', '126.com', 'sina.com', 'uol.com.br', 'bol.com.br', 'zoho.com', 'tutanota.com', 'hey.com',
  'rocketmail.com', 'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net',
];
