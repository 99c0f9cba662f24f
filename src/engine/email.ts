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
 * domain with text on both sides; no spaces.
 */
export function isValidEmail(email: string): boolean {
  const e = email.trim();
  const at = e.indexOf('@');
  if (at <= 0 || at !== e.lastIndexOf('@') || /\s/.test(e)) return false;
  const domain = e.slice(at + 1);
  const dot = domain.indexOf('.');
  return dot > 0 && dot < domain.length - 1 && !domain.endsWith('.');
}

/** The free-mail domains leadq knows; a ruleset can replace the list (`free_mail_domains`). */
export const FREE_MAIL_DOMAINS: readonly string[] = [
  'gmail.com', 'googlemail.com', 'yahoo.com', 'ymail.com', 'hotmail.com', 'outlook.com', 'live.com',
  'msn.com', 'aol.com', 'icloud.com', 'me.com', 'mail.com', 'gmx.de', 'gmx.net', 'gmx.com', 'web.de',
  't-online.de', 'proton.me', 'protonmail.com', 'yandex.com', 'mail.ru', 'qq.com', '163.com',
];
