/**
 * Reads a ruleset file into a position-keeping tree. This is the only ruleset module that touches
 * the file system. YAML features that make a ruleset mean something other than it says are
 * refused here: several documents, unknown tags, YAML 1.1 directives, duplicate keys.
 */
import { readFileSync } from 'node:fs';
import { type Alias, isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { LeadqError } from '../model/errors.js';
import type { Node, Pos, Entry } from './tree.js';

const MAX_NODES = 50_000;

export function readRulesFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new LeadqError('RULES_READ', `cannot read the ruleset: ${reason}`, { file });
  }
}

export function parseRules(source: string, file: string): Node {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(source, { lineCounter, uniqueKeys: true, prettyErrors: false, version: '1.2' });
  const at = (offset: number): Pos => lineCounter.linePos(offset);
  const fail = (offset: number, message: string): never => {
    const { line, col } = at(offset);
    throw new LeadqError('RULES_YAML', message, { file, line, col });
  };
  if (!Array.isArray(docs)) fail(0, 'the ruleset is not a YAML document');
  const list = Array.isArray(docs) ? docs : [];
  if (list.length === 0) fail(0, 'the ruleset is empty');
  if (list.length > 1) fail(list[1].range[0], 'the ruleset holds several YAML documents; expected exactly one');
  const doc = list[0];
  for (const problem of [...doc.errors, ...doc.warnings]) {
    const message = problem.code === 'TAG_RESOLVE_FAILED'
      ? `${problem.message.replace(/ at line.*$/s, '')}; tags such as !include are not supported`
      : problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    fail(problem.pos[0], message);
  }
  if (doc.directives?.yaml?.explicit && doc.directives.yaml.version !== '1.2') {
    fail(0, 'YAML 1.1 directives are not supported (they turn yes/no into booleans); remove the %YAML line');
  }
  if (doc.contents === null) fail(0, 'the ruleset is empty');
  const resolveAlias = (alias: Alias) => alias.resolve(doc) as YamlNode | undefined;
  return toTree(doc.contents as YamlNode, { at, fail, resolveAlias, seen: new Set(), budget: { left: MAX_NODES } });
}

interface Walk {
  at: (offset: number) => Pos;
  fail: (offset: number, message: string) => never;
  resolveAlias: (alias: Alias) => YamlNode | undefined;
  seen: Set<YamlNode>;
  /** nodes left to build: aliases may repeat a subtree, and a billion-laughs file must not hang (the
   * yaml package's maxAliasCount applies only to toJS, which is not used) */
  budget: { left: number };
}

/** Converts the YAML AST, resolving aliases (bounded by the node budget) and rejecting cycles. */
function toTree(node: YamlNode, walk: Walk): Node {
  const { at, fail, seen } = walk;
  const pos = at(node.range?.[0] ?? 0);
  if (--walk.budget.left < 0) return fail(node.range?.[0] ?? 0, `the ruleset expands to more than ${MAX_NODES} values (aliases repeating aliases?)`);
  if (isAlias(node)) {
    const target = walk.resolveAlias(node);
    if (!target) return fail(node.range?.[0] ?? 0, `unknown alias *${node.source}`);
    if (seen.has(target)) return fail(node.range?.[0] ?? 0, `alias *${node.source} refers to itself`);
    seen.add(target);
    const resolved = toTree(target, walk);
    seen.delete(target);
    return { ...resolved, pos } as Node;
  }
  if (isScalar(node)) {
    const v = node.value;
    if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      return fail(node.range?.[0] ?? 0, 'unsupported value type; expected text, a number, true/false or a mapping');
    }
    // a number keeps its written text: in a list of text values `007` must stay "007"
    if (typeof v === 'number' && node.source !== undefined) return { kind: 'scalar', value: v, text: node.source, pos };
    return { kind: 'scalar', value: v, pos };
  }
  if (isSeq(node)) {
    return { kind: 'seq', items: node.items.map((item) => toTree(item as YamlNode, walk)), pos };
  }
  if (isMap(node)) {
    const entries = new Map<string, Entry>();
    for (const pair of node.items) {
      const key = pair.key as YamlNode;
      if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
        return fail(key?.range?.[0] ?? node.range?.[0] ?? 0, 'keys must be plain text');
      }
      const value: Node = pair.value === null
        ? { kind: 'scalar', value: null, pos: at(key.range?.[1] ?? 0) }
        : toTree(pair.value as YamlNode, walk);
      entries.set(key.source ?? String(key.value), { keyPos: at(key.range?.[0] ?? 0), node: value });
    }
    return { kind: 'map', entries, pos };
  }
  return fail((node as YamlNode).range?.[0] ?? 0, 'unsupported YAML node');
}
