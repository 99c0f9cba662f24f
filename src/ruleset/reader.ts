/**
 * Collects the issues of a ruleset instead of throwing, so that validation reports every problem
 * in one run. Each issue gets its code and the key path of its position (tree.ts `pathAt`).
 */
import type { RulesetCode } from './issue-codes.js';
import { pathAt, type MapNode, type Node, type Pos } from './tree.js';
import type { RulesetIssue } from './types.js';

export class Reader {
  readonly issues: RulesetIssue[] = [];

  error(pos: Pos, code: RulesetCode, message: string): void {
    this.add('error', pos, code, message);
  }

  warning(pos: Pos, code: RulesetCode, message: string): void {
    this.add('warning', pos, code, message);
  }

  private add(severity: RulesetIssue['severity'], pos: Pos, code: RulesetCode, message: string): void {
    const path = pathAt(pos);
    this.issues.push({ severity, code, message, pos, ...(path ? { path } : {}) });
  }
}

export function get(map: MapNode, key: string): Node | undefined {
  return map.entries.get(key)?.node;
}
