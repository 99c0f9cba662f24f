/**
 * The lead pass's account of a row: its key read as the accounts pass read it (AccountKeyer: the
 * id, else the first company domain of the domain columns, else the normalised company name) and found in
 * one table of every account's key and every key linked into one (`accountKeys`), made once on
 * the main thread in shared memory. Every thread looks keys up in the same memory instead of a
 * map of every key of its own, and the domain, most leads' key, goes from the email cell to the
 * table as bytes: no string is made or hashed for it per row.
 *
 * A key in the table is its type (AccountKeyer.type: 0 id, 1 domain, 2 name) as one byte, then its
 * UTF-8 bytes. The accounts are added first, in their order, so entry k < count is account k;
 * entry count + i is linked key i, of account `aliasOf[i]`.
 */
import { KeyTable, type KeyTableParts } from '../input/keys/key-table.js';
import type { TypedRow } from '../input/rows/types.js';
import { accountDomain, asciiAccountDomain, companyKey, normalizeAccountId, NOT_ASCII } from '../model/accounts.js';
import { websiteDomain } from '../model/website-domain.js';
import type { ResolvedAccounts } from '../ruleset/resolved.js';

/** The key types as the table's first byte (AccountKeyer.type). */
const ID = 0;
const DOMAIN = 1;
const NAME = 2;

/** 4 MiB, as KeyTable's own pages: a run with few accounts takes less */
const PAGE = 1 << 22;
/** company cells whose account is remembered per thread (as AccountKeyer remembers their names) */
const NAME_CACHE = 50_000;
/** `domain`: the lead has no domain key (none, or free mail); its company name is read next */
const NO_DOMAIN = -2;

/** The accounts' keys as the lead pass finds them: plain data over shared memory (it crosses threads). */
export interface AccountKeys {
  /** how many accounts: the first entries of `table` */
  count: number;
  /** every account's key, then every linked key, tagged with its type */
  table: KeyTableParts;
  /** per linked key: the number of its account */
  aliasOf: Int32Array;
}

/**
 * The table of `keys` (each account's, with its prefix: engine/accounts.ts KEY_PREFIXES, in account
 * order) and `aliases` (the keys linked into an account, likewise), in shared memory.
 */
export function accountKeys(keys: readonly string[], aliases: readonly string[], aliasOf: Int32Array): AccountKeys {
  let longest = 0;
  let total = 0;
  for (const list of [keys, aliases]) {
    for (const key of list) {
      const n = Buffer.byteLength(key) - 1;
      total += n;
      if (n > longest) longest = n;
    }
  }
  // a page holds the longest key whole (a shared table cannot keep one apart); pages are powers of two
  const page = 2 ** Math.ceil(Math.log2(Math.max(1, longest, Math.min(PAGE, total))));
  const table = new KeyTable(Math.max(16, keys.length + aliases.length), page, true);
  let scratch = Buffer.alloc(Math.max(256, longest));
  for (const list of [keys, aliases]) {
    for (const key of list) {
      if (scratch.length < 3 * key.length) scratch = Buffer.alloc(3 * key.length);
      scratch[0] = typeOfPrefix(key);
      table.add(scratch, 0, 1 + scratch.write(key.slice(2), 1, 'utf8'));
    }
  }
  const shared = new Int32Array(new SharedArrayBuffer(aliasOf.length * 4));
  shared.set(aliasOf);
  return { count: keys.length, table: table.parts(), aliasOf: shared };
}

function typeOfPrefix(key: string): number {
  return key.startsWith('i:') ? ID : key.startsWith('d:') ? DOMAIN : NAME;
}

/**
 * The free-mail domains as bytes, for domains read from an email as bytes (asciiAccountDomain):
 * an ASCII domain is free mail when its bytes are in the table (domains beyond ASCII are checked
 * as strings, by accountDomain).
 */
export function freeMailTable(freeMail: ReadonlySet<string>): KeyTable {
  const table = new KeyTable(freeMail.size, 1 << 12);
  for (const domain of freeMail) {
    const b = Buffer.from(domain, 'utf8');
    table.add(b, 0, b.length);
  }
  return table;
}

/** Finds each row's account (one per thread, over the shared `AccountKeys`). */
export class AccountLookup {
  private readonly table: KeyTable;
  /** the free-mail domains' bytes, for a domain no account has: free mail sends the lead on to its company name */
  private readonly free: KeyTable;
  private scratch = Buffer.alloc(1024);
  /** company cell → its account's number (-1: none) */
  private readonly names = new Map<string, number>();
  /** the keys as shown (without their type), by account number, decoded when first asked for */
  private readonly shownKeys: (string | undefined)[];

  /** company names that name no company (normalised) */
  private readonly notCompanies: ReadonlySet<string>;

  constructor(private readonly a: ResolvedAccounts, private readonly freeMail: ReadonlySet<string>, private readonly keys: AccountKeys) {
    this.notCompanies = new Set(a.notCompanies);
    this.table = KeyTable.view(keys.table);
    // as long as the accounts from the start: filled out of order, a growing array would turn into a dictionary
    this.shownKeys = new Array<string | undefined>(keys.count).fill(undefined);
    this.free = freeMailTable(freeMail);
  }

  /** The row's account number, -1 for none: as `AccountKeyer.value` reads its key, found among the accounts' and the linked keys. */
  find(row: TypedRow): number {
    const a = this.a;
    if (a.idColumn >= 0) {
      const id = normalizeAccountId(row.fields[a.idColumn] ?? '');
      if (id !== '') return this.account(ID, id);
    }
    // the first domain column that gives a company domain decides (AccountKeyer.domainOf)
    for (let i = 0; i < a.domains.length; i++) {
      const c = a.domains[i];
      if (c.index < 0) continue;
      const cell = row.fields[c.index] ?? '';
      const n = c.as === 'email' ? this.domain(cell) : this.website(cell);
      if (n !== NO_DOMAIN) return n;
    }
    if (a.company < 0) return -1;
    const text = row.fields[a.company] ?? '';
    let n = this.names.get(text);
    if (n === undefined) {
      const name = companyKey(text, this.notCompanies);
      n = name === '' ? -1 : this.account(NAME, name);
      if (this.names.size < NAME_CACHE) this.names.set(text, n);
    }
    return n;
  }

  /** Account `n`'s key as shown (without its type's prefix). */
  shown(n: number): string {
    let key = this.shownKeys[n];
    if (key === undefined) key = this.shownKeys[n] = this.table.keyOf(n, 1);
    return key;
  }

  /** The account of an email's domain; NO_DOMAIN when the email has none, or a free-mail one. */
  private domain(email: string): number {
    const b = this.room(email.length);
    const n = asciiAccountDomain(email, b, 1);
    if (n === NOT_ASCII) {
      const domain = accountDomain(email, this.freeMail);
      return domain === '' ? NO_DOMAIN : this.account(DOMAIN, domain);
    }
    if (n === 0) return NO_DOMAIN;
    b[0] = DOMAIN;
    const e = this.table.find(b, 0, n + 1);
    if (e >= 0) return this.numberOf(e);
    // no account's key (free-mail domains never are): free mail, or a domain of no account (a lead the accounts pass did not count)
    return this.free.find(b, 1, n + 1) >= 0 ? NO_DOMAIN : -1;
  }

  /** The account of a website's domain (`as: url`); NO_DOMAIN when the cell gives none, or a free-mail one. */
  private website(cell: string): number {
    const domain = websiteDomain(cell, this.freeMail);
    return domain === '' ? NO_DOMAIN : this.account(DOMAIN, domain);
  }

  /** The account of a key of `type`, -1 for none. */
  private account(type: number, key: string): number {
    const b = this.room(3 * key.length);
    b[0] = type;
    const n = b.write(key, 1, 'utf8');
    const e = this.table.find(b, 0, n + 1);
    return e < 0 ? -1 : this.numberOf(e);
  }

  private numberOf(entry: number): number {
    const { count, aliasOf } = this.keys;
    return entry < count ? entry : aliasOf[entry - count];
  }

  /** The scratch buffer, with room for the type byte and `bytes` more. */
  private room(bytes: number): Buffer {
    if (this.scratch.length < bytes + 1) this.scratch = Buffer.alloc(Math.max(bytes + 1, this.scratch.length * 2));
    return this.scratch;
  }
}
