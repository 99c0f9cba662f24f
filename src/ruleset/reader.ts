/**
 * Typed reads from the position-keeping tree that record an issue instead of throwing, so that
 * validation reports every problem of a ruleset in one run.
 */
import { didYouMean } from '../model/suggest.js';
import { describeNode, type MapNode, type Node, type Pos, type SeqNode } from './tree.js';
import type { RulesetIssue } from './types.js';

export class Reader {
  readonly issues: RulesetIssue[] = [];

  error(pos: Pos, message: string): void {
    this.issues.push({ severity: 'error', message, pos });
  }

  warning(pos: Pos, message: string): void {
    this.issues.push({ severity: 'warning', message, pos });
  }

  /** A mapping whose keys are all among `allowed`; unknown keys are reported with a suggestion. */
  map(node: Node, what: string, allowed?: readonly string[]): MapNode | undefined {
    if (node.kind !== 'map') {
      this.error(node.pos, `${what} must be a mapping; got ${describeNode(node)}`);
      return undefined;
    }
    if (allowed) {
      for (const [key, entry] of node.entries) {
        if (!allowed.includes(key)) {
          this.error(entry.keyPos, `unknown key "${key}" in ${what}; expected one of ${allowed.join(', ')}${didYouMean(key, allowed)}`);
        }
      }
    }
    return node;
  }

  seq(node: Node, what: string): SeqNode | undefined {
    if (node.kind === 'seq') return node;
    this.error(node.pos, `${what} must be a list; got ${describeNode(node)}`);
    return undefined;
  }

  string(node: Node, what: string): string | undefined {
    if (node.kind === 'scalar' && (typeof node.value === 'string' || typeof node.value === 'number') && String(node.value).trim() !== '') {
      return node.text ?? String(node.value);
    }
    this.error(node.pos, `${what} must be text; got ${describeNode(node)}`);
    return undefined;
  }

  number(node: Node, what: string): number | undefined {
    if (node.kind === 'scalar' && typeof node.value === 'number' && Number.isFinite(node.value)) return node.value;
    this.error(node.pos, `${what} must be a number; got ${describeNode(node)}`);
    return undefined;
  }

  boolean(node: Node, what: string): boolean | undefined {
    if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
    this.error(node.pos, `${what} must be true or false; got ${describeNode(node)}`);
    return undefined;
  }

  /** A list of text values; a single value is accepted as a list of one. */
  strings(node: Node, what: string): string[] | undefined {
    const items = node.kind === 'seq' ? node.items : [node];
    const out: string[] = [];
    for (const item of items) {
      const s = this.string(item, `each item of ${what}`);
      if (s === undefined) return undefined;
      out.push(s);
    }
    if (out.length === 0) {
      this.error(node.pos, `${what} must list at least one value`);
      return undefined;
    }
    return out;
  }
}

export function get(map: MapNode, key: string): Node | undefined {
  return map.entries.get(key)?.node;
}
