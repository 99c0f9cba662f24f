/**
 * Accounts (account-based marketing): the vocabulary every folder shares. An account is the
 * company behind several leads, keyed by a CRM account id, else the company's domain from an email
 * or a website (model/website-domain.ts; never a free-mail domain), else its normalised name. What an account has (its values) is a fixed set
 * of columns rules read by name, plus one per buying-group role and one per account stage.
 */

/** How an account was recognised, in order of preference. */
export const ACCOUNT_KEY_TYPES = ['id', 'domain', 'name'] as const;
export type AccountKeyType = (typeof ACCOUNT_KEY_TYPES)[number];

/** A value of every account, readable by account rules and stages and by lead stages, priority and disqualifiers. */
export interface AccountValueSpec {
  name: string;
  kind: 'number' | 'date' | 'boolean';
  /** what the value is */
  doc: string;
}

/** The values every account has, in the order their columns stand (after related files' derived columns). */
export const ACCOUNT_VALUES: readonly AccountValueSpec[] = [
  { name: 'account_leads', kind: 'number', doc: 'the leads of the account' },
  { name: 'account_engaged_leads', kind: 'number', doc: 'the leads of the account for which accounts.engaged holds' },
  { name: 'account_roles', kind: 'number', doc: 'how many buying-group roles of accounts.roles the account\'s leads cover' },
  { name: 'account_score_sum', kind: 'number', doc: 'the sum of its leads\' scores (total)' },
  { name: 'account_score_max', kind: 'number', doc: 'the highest score (total) of its leads' },
  { name: 'account_score_avg', kind: 'number', doc: 'the average score (total) of its leads, to cents' },
  { name: 'account_last_activity', kind: 'date', doc: 'the latest date of accounts.activity among its leads' },
  { name: 'account_score', kind: 'number', doc: 'the account\'s own score: the points of accounts.rules' },
];

/** The boolean column of a buying-group role: true when some lead of the account has the role. */
export const roleColumn = (role: string): string => `account_has_${role}`;
/** The boolean column of an account stage: true when the account is at that stage or higher. */
export const accountStageColumn = (stage: string): string => `account_at_${stage}`;

/** The lead's own measure of how much is known about it (0 to 5), when `completeness:` is defined. */
export const COMPLETENESS_COLUMN = 'completeness';
/** The parts of completeness, each worth 1: company, a title or department, a name, a phone, a valid email. */
export const COMPLETENESS_PARTS = ['company', 'title', 'name', 'phone', 'email'] as const;
export type CompletenessPart = (typeof COMPLETENESS_PARTS)[number];

/**
 * Legal-form words dropped from the end of a company name (after punctuation became spaces), so
 * `Acme, Inc.`, `ACME Inc` and `Acme Incorporated` are one account. Only trailing words go, and
 * never the last word left: `The Company` stays `the company`.
 */
export const LEGAL_SUFFIXES: ReadonlySet<string> = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'llc', 'llp', 'lp', 'ltd', 'limited', 'plc',
  'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'ohg', 'ug', 'ev', 'se', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'oy', 'oyj', 'ab',
  'as', 'asa', 'aps', 'pty', 'pte', 'pvt', 'private', 'kk', 'sl', 'sro', 'zoo', 'sp', 'cie', 'group', 'holding', 'holdings',
]);

/**
 * Words that join two legal forms (`GmbH & Co. KG`, `GmbH und Co KG`, `& Cie`): dropped with the
 * legal forms after them, so `Acme GmbH & Co. KG` is `acme` like `Acme GmbH`.
 */
const LEGAL_JOINERS: ReadonlySet<string> = new Set(['and', 'und']);

/**
 * What CRMs' company fields hold for a person with no company: such a cell names no account, or
 * every freelancer and student of an export would be one buying group. Compared normalised
 * (`Self-employed` = `self employed`); `accounts.not_companies` replaces the list.
 */
export const NOT_COMPANIES: readonly string[] = [
  'Self-employed', 'Selfemployed', 'Self', 'Freelance', 'Freelancer', 'Freelancing', 'Independent', 'Independent Consultant',
  'Student', 'Retired', 'Unemployed', 'Homemaker', 'Individual', 'Personal', 'Private', 'Privat', 'Private Person', 'Privatperson',
  'None', 'No Company', 'NA', 'N/A', 'Not Applicable', 'Unknown', 'TBD', 'Test', '0',
];

/** A company cell as an account key: its normalised name, '' when it names no company (`notCompanies`, normalised). */
export function companyKey(cell: string, notCompanies: ReadonlySet<string>): string {
  const name = normalizeCompanyName(cell);
  return notCompanies.has(name) ? '' : name;
}

/** Legal-form words that can also be a company's name on their own (`Group`, `The Company`). */
const NAMING_WORDS: ReadonlySet<string> = new Set(['company', 'group', 'holding', 'holdings', 'private']);

/**
 * A company name as an account key: Unicode-normalised (NFKC), lower case, accents dropped, `&`
 * as `and`, punctuation as spaces (letters, their marks and digits of any script stay), spaces collapsed,
 * trailing legal-form words dropped (and an `and` between two: `GmbH & Co. KG`). Empty when
 * nothing is left, or only legal-form words.
 */
export function normalizeCompanyName(name: string): string {
  const words = isAscii(name) ? asciiWords(name) : unicodeWords(name);
  // a name must keep a word of its own: `The Company` is no `the`
  const least = words[0] === 'the' ? 2 : 1;
  let dropped = false;
  while (words.length > least) {
    const last = words[words.length - 1];
    // `and` goes only behind a legal form that went (`Acme GmbH & Co. KG`), never `Marks and Spencer`'s
    if (!LEGAL_SUFFIXES.has(last) && !(dropped && LEGAL_JOINERS.has(last))) break;
    words.pop();
    dropped = true;
  }
  // a legal form alone (`Inc.`, `Co., Ltd.`, `&`) names no company: two such leads are no account
  if (words.every((w) => (LEGAL_SUFFIXES.has(w) && !NAMING_WORDS.has(w)) || w === 'and')) return '';
  return words.join(' ');
}

function unicodeWords(name: string): string[] {
  return name.normalize('NFKC').toLowerCase()
    // accents go (`Société Générale` is `SOCIETE GENERALE`, `İstanbul` is `Istanbul`): the combining
    // marks of Latin, Greek and Cyrillic letters only, not the vowel signs other scripts write with
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC')
    .replace(/&/g, ' and ')
    // dots and apostrophes join what they stand in (S.A. → sa, O'Brien → obrien)
    .replace(/[.'’]/g, '')
    // the marks left are letters' own (Devanagari's vowel signs): part of the word, not a break
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim().split(' ').filter((w) => w !== '');
}

/**
 * The same words of a plain ASCII name (its own NFKC form) in one pass over its characters: the
 * Unicode regexes cost some 10 µs a name, and a thread meets tens of thousands of company cells.
 * Letters and digits make words (lower case), `&` is the word `and`, dots and apostrophes join
 * what they stand in, anything else parts words.
 */
function asciiWords(name: string): string[] {
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 46 || c === 39) continue;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) word += name[i];
    else if (c >= 65 && c <= 90) word += String.fromCharCode(c + 32);
    else {
      if (word !== '') { words.push(word); word = ''; }
      if (c === 38) words.push('and');
    }
  }
  if (word !== '') words.push(word);
  return words;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** An id cell as an account key: trimmed, as written otherwise (ids are exact). */
export function normalizeAccountId(id: string): string {
  return id.trim();
}

/** `>`, `)`, `]`, `;` and `,`: what may close an address written in a sentence or a list */
const CLOSERS = [62, 41, 93, 59, 44];

/**
 * The domain of an email as an account key: the text after the last `@`, trimmed, lower case,
 * without a closing bracket or a trailing dot; empty when it is not a domain (no dot, spaces,
 * characters no domain has) or a free-mail domain.
 */
export function accountDomain(email: string, freeMail: ReadonlySet<string>): string {
  // one pass over the characters (it runs for every lead, twice): the last @, no space or @ after it
  const at = email.lastIndexOf('@');
  if (at < 1) return '';
  let start = at + 1;
  let end = email.length;
  while (start < end && email.charCodeAt(start) <= 32) start++;
  while (end > start && email.charCodeAt(end - 1) <= 32) end--;
  // `Anna <anna@acme.example>`, `(bob@acme.example)`: the bracket closing a written address
  while (end > start && CLOSERS.includes(email.charCodeAt(end - 1))) end--;
  if (end > start && email.charCodeAt(end - 1) === 46) end--; // a trailing dot
  let dot = false;
  let upper = false;
  for (let i = start; i < end; i++) {
    const c = email.charCodeAt(i);
    if (c === 46) dot = true;
    else if ((c >= 65 && c <= 90) || c > 127) upper = true;
    // a domain is letters, digits, hyphens and dots (any script: IDNs); anything else is no domain
    else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) return '';
    if (c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b) || c === 0xfeff) return '';
  }
  if (!dot || email.charCodeAt(start) === 46) return '';
  const raw = email.slice(start, end);
  const domain = upper ? raw.toLowerCase() : raw;
  return freeMail.has(domain) ? '' : domain;
}

/** `asciiAccountDomain`'s answer for a domain with characters beyond ASCII: accountDomain decides. */
export const NOT_ASCII = -1;

/**
 * The domain `accountDomain` reads from an email (before the free-mail check) as bytes, written
 * into `out` from `at` without making a string: the lead pass reads one per lead to find its
 * account. Returns its length, 0 for no domain, or NOT_ASCII when a character beyond ASCII stands
 * where the domain is read (then only `accountDomain` knows its lower case). `out` has room for
 * the email's length from `at`.
 */
export function asciiAccountDomain(email: string, out: Uint8Array, at: number): number {
  // the same steps as accountDomain, character for character
  const last = email.lastIndexOf('@');
  if (last < 1) return 0;
  let start = last + 1;
  let end = email.length;
  while (start < end && email.charCodeAt(start) <= 32) start++;
  while (end > start && email.charCodeAt(end - 1) <= 32) end--;
  while (end > start && CLOSERS.includes(email.charCodeAt(end - 1))) end--;
  if (end > start && email.charCodeAt(end - 1) === 46) end--;
  let dot = false;
  for (let i = start; i < end; i++) {
    let c = email.charCodeAt(i);
    if (c === 46) dot = true;
    else if (c > 127) return NOT_ASCII;
    else if (c >= 65 && c <= 90) c += 32;
    else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) return 0;
    out[at + i - start] = c;
  }
  if (!dot || email.charCodeAt(start) === 46) return 0;
  return end - start;
}
