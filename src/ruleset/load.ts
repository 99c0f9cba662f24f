/**
 * Reads a ruleset file into a position-keeping tree. This is the only ruleset module that touches
 * the file system. YAML features that make a ruleset mean something other than it says are
 * refused here: several documents, unknown tags, YAML 1.1 directives, duplicate keys.
 */
import { readFileSync } from 'node:fs';
import { type Alias, isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { LeadqError } from '../model/errors.js';
import type { RulesetCode } from './issue-codes.js';
import { issuesError } from './issues.js';
import { childPath, recordPath, type Node, type Pos, type Entry } from './tree.js';
import type { RulesetIssue } from './types.js';
import { yamlExcerpt } from './yaml-hints.js';

const MAX_NODES = 50_000;

/** How messages name a ruleset read from standard input (`--rules -`). */
export function rulesName(file: string): string {
  return file === '-' ? 'stdin' : file;
}

/** The ruleset's text; `-` reads standard input (`--rules -`, for pipelines). */
export function readRulesFile(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new LeadqError('RULES_READ', `cannot read the ruleset: ${reason}`, { file });
  }
}

/** A YAML problem: the run stops at the first, so it is thrown inside this module and caught below. */
class Stop {
  constructor(readonly issue: RulesetIssue) {}
}

/** The position-keeping tree of a ruleset's text; throws RULES_YAML naming the first YAML problem. */
export function parseRules(source: string, file: string): Node {
  const read = readRulesTree(source);
  if ('issue' in read) throw issuesError('RULES_YAML', file, [read.issue]);
  return read.root;
}

/** The same, with the YAML problem returned as an issue (code, position, key path when known). */
export function readRulesTree(source: string): { root: Node } | { issue: RulesetIssue } {
  try {
    return { root: buildTree(source) };
  } catch (error) {
    if (error instanceof Stop) return { issue: error.issue };
    throw error;
  }
}

function yamlCode(code: string, message: string): RulesetCode {
  if (code === 'DUPLICATE_KEY') return 'YAML_DUPLICATE_KEY';
  if (code === 'TAG_RESOLVE_FAILED') return 'YAML_TAG';
  if (code === 'BAD_DIRECTIVE' && /version/i.test(message)) return 'YAML_VERSION';
  return 'YAML_SYNTAX';
}

function buildTree(source: string): Node {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(source, { lineCounter, uniqueKeys: true, prettyErrors: false, version: '1.2' });
  const at = (offset: number): Pos => lineCounter.linePos(offset);
  const fail = (offset: number, code: RulesetCode, message: string, path?: string): never => {
    throw new Stop({ severity: 'error', code, message, pos: at(offset), ...(path ? { path } : {}) });
  };
  if (!Array.isArray(docs)) fail(0, 'YAML_SYNTAX', 'the ruleset is not a YAML document');
  const list = Array.isArray(docs) ? docs : [];
  if (list.length === 0) fail(0, 'YAML_EMPTY', 'the ruleset is empty');
  if (list.length > 1) fail(list[1].range[0], 'YAML_DOCUMENTS', 'the ruleset holds several YAML documents; expected exactly one');
  const doc = list[0];
  for (const problem of [...doc.errors, ...doc.warnings]) {
    const message = problem.code === 'TAG_RESOLVE_FAILED'
      ? `${problem.message.replace(/ at line.*$/s, '')}; tags such as !include are not supported`
      : problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const code = yamlCode(problem.code, message);
    // a syntax error: the line with a caret, and what is probably wrong in plain words
    if (code === 'YAML_SYNTAX') throw new Stop({ severity: 'error', code, message, pos: at(problem.pos[0]), detail: yamlExcerpt(source, at(problem.pos[0]), message) });
    fail(problem.pos[0], code, message);
  }
  if (doc.directives?.yaml?.explicit && doc.directives.yaml.version !== '1.2') {
    fail(0, 'YAML_VERSION', 'YAML 1.1 directives are not supported (they turn yes/no into booleans); remove the %YAML line');
  }
  if (doc.contents === null) fail(0, 'YAML_EMPTY', 'the ruleset is empty');
  const resolveAlias = (alias: Alias) => alias.resolve(doc) as YamlNode | undefined;
  return toTree(doc.contents as YamlNode, '', { at, fail, resolveAlias, seen: new Set(), budget: { left: MAX_NODES } });
}

interface Walk {
  at: (offset: number) => Pos;
  fail: (offset: number, code: RulesetCode, message: string, path?: string) => never;
  resolveAlias: (alias: Alias) => YamlNode | undefined;
  seen: Set<YamlNode>;
  /** nodes left to build: aliases may repeat a subtree, and a billion-laughs file must not hang (the
   * yaml package's maxAliasCount applies only to toJS, which is not used) */
  budget: { left: number };
}

/** Converts the YAML AST, resolving aliases (bounded by the node budget) and rejecting cycles. */
function toTree(node: YamlNode, path: string, walk: Walk): Node {
  const { at, fail, seen } = walk;
  const offset = node.range?.[0] ?? 0;
  const pos = at(offset);
  recordPath(pos, path);
  if (--walk.budget.left < 0) return fail(offset, 'YAML_TOO_LARGE', `the ruleset expands to more than ${MAX_NODES} values (aliases repeating aliases?)`, path);
  if (isAlias(node)) {
    const target = walk.resolveAlias(node);
    if (!target) return fail(offset, 'YAML_ALIAS', `unknown alias *${node.source}`, path);
    if (seen.has(target)) return fail(offset, 'YAML_ALIAS', `alias *${node.source} refers to itself`, path);
    seen.add(target);
    // built again where it is used: the values inside have this place's key paths
    const resolved = toTree(target, path, walk);
    seen.delete(target);
    return { ...resolved, pos } as Node;
  }
  if (isScalar(node)) {
    const v = node.value;
    if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      return fail(offset, 'YAML_VALUE_TYPE', 'unsupported value type; expected text, a number, true/false or a mapping', path);
    }
    // a number keeps its written text: in a list of text values `007` must stay "007"
    if (typeof v === 'number' && node.source !== undefined) return { kind: 'scalar', value: v, text: node.source, pos };
    return { kind: 'scalar', value: v, pos };
  }
  if (isSeq(node)) {
    return { kind: 'seq', items: node.items.map((item, i) => toTree(item as YamlNode, childPath(path, i), walk)), pos };
  }
  if (isMap(node)) {
    const entries = new Map<string, Entry>();
    for (const pair of node.items) {
      const key = pair.key as YamlNode;
      if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
        return fail(key?.range?.[0] ?? offset, 'YAML_KEY_TYPE', 'keys must be plain text', path);
      }
      const name = key.source ?? String(key.value);
      const keyPath = childPath(path, name);
      const keyPos = at(key.range?.[0] ?? 0);
      recordPath(keyPos, keyPath);
      const value: Node = pair.value === null
        ? { kind: 'scalar', value: null, pos: at(key.range?.[1] ?? 0) }
        : toTree(pair.value as YamlNode, keyPath, walk);
      if (pair.value === null) recordPath(value.pos, keyPath);
      entries.set(name, { keyPos, node: value });
    }
    return { kind: 'map', entries, pos };
  }
  return fail(offset, 'YAML_VALUE_TYPE', 'unsupported YAML node', path);
}
