/**
 * Linking the keys of one company: a lead is recognised by its first key (id, else domain, else
 * name), and the keys it has besides are votes for that account — a lead of id X at domain D with
 * company name N votes D→X and N→X; a lead of domain D with name N votes N→D. A domain then belongs
 * to the id most of its leads name, a name to the id or domain most of its leads are at, so a
 * free-mail contact known by "Acme Inc" joins acme.example, and a contact whose account-id cell is
 * empty joins the id of the colleagues at its domain.
 *
 * Votes are counts per pair of keys (never per lead), so memory grows with the accounts, and the
 * outcome does not depend on the order of the leads. Ties go to the id before the domain, then to
 * the smallest key in code-unit order. Two ids are never linked (an id is the CRM's word), and a
 * name links to exactly one account, so two domains are never joined by way of a name.
 */
import { detach } from '../model/detach.js';

/** A link's target: the key type (0 id, 1 domain: engine/accounts.ts KEY_PREFIXES) and the key without prefix. */
export interface LinkTarget {
  type: 0 | 1;
  key: string;
}

type Votes = Map<string, Map<string, number>>;

export class LinkVotes {
  /** domain → id → leads of the id at the domain */
  private readonly domainIds: Votes = new Map();
  /** name → id → leads of the id with the name */
  private readonly nameIds: Votes = new Map();
  /** name → domain → leads at the domain with the name */
  private readonly nameDomains: Votes = new Map();

  /** A lead recognised by `key` of `type` (0 id, 1 domain, 2 name), with its lower-priority keys ('' for none). */
  add(type: number, key: string, domain: string, name: string): void {
    if (type === 0) {
      if (domain !== '') vote(this.domainIds, domain, key);
      if (name !== '') vote(this.nameIds, name, key);
    } else if (type === 1 && name !== '') vote(this.nameDomains, name, key);
  }

  /** The id a domain links to (its most voted), undefined when no lead of an id is at the domain. */
  domainTarget(domain: string): string | undefined {
    return best(this.domainIds.get(domain))?.key;
  }

  /** The id or domain a name links to (its most voted; not followed further), undefined for none. */
  nameTarget(name: string): LinkTarget | undefined {
    const id = best(this.nameIds.get(name));
    const domain = best(this.nameDomains.get(name));
    // a tie between the two: the id, the stronger key
    if (id && (!domain || id.count >= domain.count)) return { type: 0, key: id.key };
    return domain ? { type: 1, key: domain.key } : undefined;
  }
}

function vote(votes: Votes, from: string, to: string): void {
  let targets = votes.get(from);
  // a cell sliced from a block would keep the whole block alive
  if (!targets) votes.set(detach(from), (targets = new Map()));
  const count = targets.get(to);
  targets.set(count === undefined ? detach(to) : to, (count ?? 0) + 1);
}

/** The most voted target; ties: the smallest key in code-unit order (the same in every locale). */
function best(targets: Map<string, number> | undefined): { key: string; count: number } | undefined {
  if (!targets) return undefined;
  let key = '';
  let count = 0;
  for (const [k, c] of targets) if (c > count || (c === count && k < key)) { key = k; count = c; }
  return { key, count };
}
