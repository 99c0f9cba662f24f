/**
 * `accounts.domain` as written → its columns in order, each with how its cells are read. A column
 * name alone is an email column, as it always was: only the domain after an `@` counts, so a
 * broken address (`ann.lee`) never becomes a domain. A website or company-domain column says so,
 * `{ column: Website, as: url }`. The form is never guessed from the cells: one column must read
 * the same way on every row, or colleagues could split by how one cell happens to look.
 *
 * What the name of a column says is only checked: a bare column named like a website (read as
 * emails, it would give no domain at all) or a url column named like an email (it would read
 * `ann.lee` as a domain) is a warning, as it may be what the analyst means.
 */
import { get, type Reader } from './reader.js';
import { namedLikeEmail } from './resolve-related.js';
import type { MapNode } from './tree.js';
import type { DomainColumn, DomainForm } from './types.js';
import { columnAt } from './validate-rules.js';
import { readAs, readValue } from './validate-value.js';

/** Website URL, Website, Company Domain Name, company_domain, Homepage, www. */
export function namedLikeWebsite(name: string): boolean {
  return /(^|[^a-z])(web|site|url|domain|homepage|www)/i.test(name);
}

/** The columns of `accounts.domain`, undefined when absent or not valid (the key table reported why). */
export function readDomainColumns(r: Reader, map: MapNode): DomainColumn[] | undefined {
  const node = get(map, 'domain');
  if (node === undefined || readValue(map, 'accounts', 'domain') === undefined) return undefined;
  const items = node.kind === 'seq' ? node.items : [node];
  const out: DomainColumn[] = [];
  for (const item of items) {
    const bare = item.kind !== 'map';
    const bareName = bare ? readAs<string>(item, { t: 'string' }) : undefined;
    const column = bare ? (bareName === undefined ? undefined : { name: bareName, pos: item.pos }) : columnAt(item, 'accountDomain', 'column');
    const as: DomainForm | undefined = bare ? 'email' : readValue<DomainForm>(item, 'accountDomain', 'as');
    // an item the key table refused (no column, no form) has its error already
    if (column === undefined || as === undefined) continue;
    const name = column.name;
    if (out.some((c) => c.column.name.trim().toLowerCase() === name.trim().toLowerCase())) {
      r.error(column.pos, 'ACCOUNT_DOMAIN_DUPLICATE', `accounts.domain lists the column "${name}" twice; each column is tried once, in order`);
    }
    if (bare && namedLikeWebsite(name)) {
      r.warning(column.pos, 'ACCOUNT_DOMAIN_FORM', `"${name}" is read as an email column (the domain after @); a website or domain column is written { column: ${name}, as: url }`);
    } else if (as === 'url' && namedLikeEmail(name) && !namedLikeWebsite(name)) {
      r.warning(column.pos, 'ACCOUNT_DOMAIN_FORM', `"${name}" is read as websites, so a cell without @ such as ann.lee would be the domain ann.lee; an email column is written as its name alone`);
    }
    out.push({ column, as });
  }
  return out;
}
