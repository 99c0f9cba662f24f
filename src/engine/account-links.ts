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
 *
 * A pair's votes are all in the slot of the account that is voted for (a lead of id X votes from
 * X's slot): while the leads are folded, each slot tallies its leads' other keys (slot-tallies.ts,
 * one string and a count for nearly every account); `resolve` then keeps, per domain and per name,
 * its most voted target.
 */
import { SlotTallies } from './slot-tallies.js';

/** A link's target: the key type (0 id, 1 domain: engine/accounts.ts KEY_PREFIXES) and the key without prefix. */
export interface LinkTarget {
  type: 0 | 1;
  key: string;
}

/** The most voted target of a key so far, and its votes. */
interface Best {
  key: string;
  count: number;
}

export class LinkVotes {
  /** per slot of an id: its leads' domains */
  private readonly domains = new SlotTallies();
  /** per slot of an id or a domain: its leads' names */
  private readonly names = new SlotTallies();
  /** once resolved: domain → its most voted id */
  private domainIds: Map<string, Best> | null = null;
  /** once resolved: name → its most voted id */
  private nameIds = new Map<string, Best>();
  /** once resolved: name → its most voted domain */
  private nameDomains = new Map<string, Best>();

  /** A new account slot, the next number. */
  push(): void {
    this.domains.push();
    this.names.push();
  }

  /**
   * A lead of the account in `slot`, recognised by a key of `type` (0 id, 1 domain, 2 name), with
   * its lower-priority keys as numbers (account-strings.ts; -1 for none).
   */
  add(slot: number, type: number, domain: number, name: number): void {
    if (type === 0) {
      this.domains.add(slot, domain);
      this.names.add(slot, name);
    } else if (type === 1) this.names.add(slot, name);
  }

  /**
   * Once every lead is in: per domain and name its most voted target; `keyOf`: a slot's key type
   * and key without prefix, `text`: a number's string.
   */
  resolve(slots: number, keyOf: (slot: number) => { type: number; key: string }, text: (value: number) => string): void {
    if (this.domainIds) return;
    const domainIds = (this.domainIds = new Map());
    for (let slot = 0; slot < slots; slot++) {
      const { type, key } = keyOf(slot);
      if (type === 0) {
        this.domains.forEach(slot, (domain, count) => vote(domainIds, text(domain), key, count));
        this.names.forEach(slot, (name, count) => vote(this.nameIds, text(name), key, count));
      } else if (type === 1) this.names.forEach(slot, (name, count) => vote(this.nameDomains, text(name), key, count));
    }
  }

  /** The id a domain links to (its most voted), undefined when no lead of an id is at the domain. */
  domainTarget(domain: string): string | undefined {
    return this.domainIds!.get(domain)?.key;
  }

  /** The id or domain a name links to (its most voted; not followed further), undefined for none. */
  nameTarget(name: string): LinkTarget | undefined {
    const id = this.nameIds.get(name);
    const domain = this.nameDomains.get(name);
    // a tie between the two: the id, the stronger key
    if (id && (!domain || id.count >= domain.count)) return { type: 0, key: id.key };
    return domain ? { type: 1, key: domain.key } : undefined;
  }
}

/** `count` votes from `from` to `to` (all its votes: a pair is tallied in one slot); ties: the smallest key in code-unit order. */
function vote(best: Map<string, Best>, from: string, to: string, count: number): void {
  const b = best.get(from);
  if (b === undefined) best.set(from, { key: to, count });
  else if (count > b.count || (count === b.count && to < b.key)) { b.key = to; b.count = count; }
}
