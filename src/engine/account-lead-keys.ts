/**
 * The accounts pass's keys of a lead, as the thread's numbers for them (account-strings.ts): what
 * `AccountKeyer.value(row, true)` reads — the key (id, else domain, else company name) and the
 * lower-priority keys that vote for links — numbered as account-leads.ts sends them. An email's
 * domain, most leads' key, goes from the cell to the numbering as bytes: no string is made,
 * lower-cased or hashed for it per lead. A company cell's name and spelling are numbered once per
 * cell, beside its cached normalisation.
 */
import type { KeyTable } from '../input/keys/key-table.js';
import type { TypedRow } from '../input/rows/types.js';
import { accountDomain, asciiAccountDomain, companyKey, normalizeAccountId, NOT_ASCII } from '../model/accounts.js';
import { websiteDomain } from '../model/website-domain.js';
import type { ResolvedAccounts } from '../ruleset/resolved.js';
import { freeMailTable } from './account-lookup.js';
import type { StringNumbers } from './account-strings.js';

/** company cells remembered per thread (AccountKeyer's limit) */
const NAME_CACHE = 50_000;

/** A company cell's normalised name and trimmed spelling, as numbers (-1: empty). */
interface NumberedCell {
  name: number;
  spelling: number;
}

export class LeadKeyNumbers {
  /** how the lead's account is recognised: 0 id, 1 domain, 2 name; -1 none */
  type = -1;
  /** its key's number (-1 for none) */
  key = -1;
  /** the company cell as written (trimmed), for the account's name; -1 without an account or a company */
  company = -1;
  /** a lead recognised by its id: its company domain (a vote to link it), else -1 */
  linkDomain = -1;
  /** a lead recognised by its id or domain: its company name (a vote to link it), else -1 */
  linkName = -1;
  private readonly cells = new Map<string, NumberedCell>();
  private readonly free: KeyTable;
  private scratch = Buffer.alloc(1024);

  /** company names that name no company (normalised) */
  private readonly notCompanies: ReadonlySet<string>;

  constructor(private readonly a: ResolvedAccounts, private readonly freeMail: ReadonlySet<string>, private readonly numbers: StringNumbers) {
    this.free = freeMailTable(freeMail);
    this.notCompanies = new Set(a.notCompanies);
  }

  /** Reads the row's keys into the fields above. */
  read(row: TypedRow): void {
    const a = this.a;
    this.company = -1;
    this.linkDomain = -1;
    this.linkName = -1;
    const id = a.idColumn >= 0 ? normalizeAccountId(row.fields[a.idColumn] ?? '') : '';
    if (id !== '') {
      this.type = 0;
      this.key = this.numbers.id(id);
      this.linkDomain = this.domain(row);
      this.companyVote(row);
      return;
    }
    const domain = this.domain(row);
    if (domain >= 0) {
      this.type = 1;
      this.key = domain;
      this.companyVote(row);
      return;
    }
    const cell = this.cell(row);
    if (cell !== null && cell.name >= 0) {
      this.type = 2;
      this.key = cell.name;
      this.company = cell.spelling;
      return;
    }
    this.type = -1;
    this.key = -1;
  }

  /** A lead recognised by its id or domain: its company spelling, and its company name as a vote. */
  private companyVote(row: TypedRow): void {
    const cell = this.cell(row);
    if (cell === null) return;
    this.company = cell.spelling;
    this.linkName = cell.name;
  }

  /**
   * The number of the lead's company domain as an account key: the first of the domain columns
   * that gives one (AccountKeyer.domainOf); -1 for none (no domain, or free mail).
   */
  private domain(row: TypedRow): number {
    const columns = this.a.domains;
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i];
      if (c.index < 0) continue;
      const cell = row.fields[c.index] ?? '';
      const n = c.as === 'email' ? this.emailDomain(cell) : this.numbers.id(websiteDomain(cell, this.freeMail));
      if (n >= 0) return n;
    }
    return -1;
  }

  /** The number of an email's domain (as bytes, no string made), -1 for none or free mail. */
  private emailDomain(email: string): number {
    if (this.scratch.length < email.length) this.scratch = Buffer.alloc(Math.max(email.length, this.scratch.length * 2));
    const n = asciiAccountDomain(email, this.scratch, 0);
    if (n === NOT_ASCII) return this.numbers.id(accountDomain(email, this.freeMail));
    if (n === 0 || this.free.find(this.scratch, 0, n) >= 0) return -1;
    return this.numbers.idBytes(this.scratch, 0, n);
  }

  private cell(row: TypedRow): NumberedCell | null {
    if (this.a.company < 0) return null;
    const text = row.fields[this.a.company] ?? '';
    let cell = this.cells.get(text);
    if (cell === undefined) {
      const name = this.numbers.id(companyKey(text, this.notCompanies));
      // a cell that names no company (`Inc.`, `Freelance`) names no account either
      cell = { name, spelling: name < 0 ? -1 : this.numbers.id(text.trim()) };
      if (this.cells.size < NAME_CACHE) this.cells.set(text, cell);
    }
    return cell;
  }
}
