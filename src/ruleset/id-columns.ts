/**
 * Which columns identify a lead (for `leadq explain --lead`): the ruleset's `id_column` when it
 * has one; otherwise the columns the ruleset maps as `id` and `email` (`columns:`), and headers
 * named like an id (id, record id, lead id, contact id, …) or an email (email, e-mail, email
 * address); ids first, since an id names one lead and an email may be shared.
 */
import type { ColumnResolver } from './columns.js';
import type { Ruleset } from './types.js';

export interface IdColumn {
  index: number;
  name: string;
  /** matched ignoring case */
  email: boolean;
}

const ID_NAMES = new Set(['id', 'record id', 'lead id', 'contact id', 'person id', 'prospect id', 'recordid', 'leadid', 'contactid']);
const EMAIL_NAMES = new Set(['email', 'e mail', 'email address', 'e mail address', 'mail']);
const normal = (header: string) => header.trim().toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const isEmailName = (header: string) => EMAIL_NAMES.has(normal(header));

/** The columns --lead is looked up in, in that order; empty when the export has none. */
export function idColumns(ruleset: Ruleset, header: string[], resolver: ColumnResolver): IdColumn[] {
  const at = (index: number): IdColumn => ({ index, name: header[index], email: isEmailName(header[index]) });
  if (ruleset.idColumn) {
    const index = resolver.resolve(ruleset.idColumn);
    return index < 0 ? [] : [at(index)];
  }
  const out: IdColumn[] = [];
  const add = (index: number, email: boolean) => { if (index >= 0 && !out.some((c) => c.index === index)) out.push({ index, name: header[index], email }); };
  // ids first: an id names one lead, an email may be shared
  const mapped = (name: string) => { const ref = ruleset.columns.get(name); return ref ? header.indexOf(ref.name) : -1; };
  add(mapped('id'), false);
  header.forEach((h, i) => { if (ID_NAMES.has(normal(h))) add(i, false); });
  add(mapped('email'), true);
  header.forEach((h, i) => { if (isEmailName(h)) add(i, true); });
  return out;
}

