/**
 * `accounts:` and `completeness:` as written → `Accounts` and `Completeness`. The key table
 * checked every value; the rules here relate them: some key to group by, roles and stages named
 * once, account rules and stages free of named conditions (those test a lead, account rules test
 * account values), and `engaged` free of stage tests (lead stages may read account values, which
 * are made from engaged leads: a cycle). Whether the columns exist is known against the header
 * (resolve-accounts.ts), and so is what an account rule's column names.
 */
import { freeMailDomain } from '../model/email.js';
import { COMPLETENESS_COLUMN, COMPLETENESS_PARTS, type CompletenessPart } from '../model/accounts.js';
import { get, type Reader } from './reader.js';
import type { MapNode, Node } from './tree.js';
import type { AccountFile, Accounts, Completeness, Condition, Ruleset, Stage } from './types.js';
import { readCondition, type ConditionScope } from './validate-condition.js';
import { readDomainColumns } from './validate-account-domain.js';
import { checkRisingThresholds, forEachCondition } from './validate-references.js';
import { columnAt, readRuleList } from './validate-rules.js';
import { readAs, readValue } from './validate-value.js';
import { readFileReading } from './validate-file-reading.js';

/** At most this many roles: an account's roles are bits of one integer. */
export const MAX_ROLES = 30;

export function readAccounts(r: Reader, map: MapNode, ruleset: Ruleset): Accounts {
  const idColumn = columnAt(map, 'accounts', 'id_column');
  const domain = readDomainColumns(r, map);
  const company = columnAt(map, 'accounts', 'company');
  if (!map.entries.has('id_column') && !map.entries.has('domain') && !map.entries.has('company')) {
    r.error(map.pos, 'ACCOUNT_KEY_MISSING', 'accounts: needs at least one of id_column, domain or company to group leads by (in that order of preference)');
  }
  const out: Accounts = { roles: [], score: { name: 'account', rules: [], groups: [] }, stages: [], files: [], pos: map.pos };
  if (idColumn) out.idColumn = idColumn;
  if (domain) out.domain = domain;
  if (company) out.company = company;
  const freeMail = readValue<string[]>(map, 'accounts', 'free_mail_domains');
  if (freeMail) out.freeMailDomains = freeMail.map(freeMailDomain);
  const notCompanies = readValue<string[]>(map, 'accounts', 'not_companies');
  if (notCompanies) out.notCompanies = notCompanies;
  const activity = columnAt(map, 'accounts', 'activity');
  if (activity) out.activity = activity;

  const scope: ConditionScope = { results: true, scores: ruleset.scores.map((s) => s.name) };
  const engagedNode = get(map, 'engaged');
  const engaged = engagedNode && readCondition(r, engagedNode, scope);
  if (engaged) {
    forEachCondition(engaged, (c) => {
      if (c.kind === 'stage') r.error(c.pos, 'ACCOUNT_CYCLE', `engaged cannot test the lead stage "${c.name}": lead stages may read account values, which count the engaged leads; test scores, criteria, grades or columns instead`);
    });
    out.engaged = engaged;
  }

  const roles = get(map, 'roles');
  if (roles?.kind === 'map') {
    if (roles.entries.size > MAX_ROLES) r.error(roles.pos, 'ACCOUNT_ROLES_TOO_MANY', `accounts.roles lists ${roles.entries.size} roles; at most ${MAX_ROLES}`);
    for (const [name, entry] of roles.entries) {
      const when = readCondition(r, entry.node, { results: false });
      if (when) out.roles.push({ name, when, pos: entry.keyPos });
    }
  }

  const rules = readRuleList(r, get(map, 'rules'), { rules: new Set(), groups: new Set() });
  const floor = readValue<number>(map, 'accounts', 'floor');
  const ceiling = readValue<number>(map, 'accounts', 'ceiling');
  if (floor !== undefined && ceiling !== undefined && floor > ceiling) {
    r.error(get(map, 'floor')!.pos, 'SCORE_BOUNDS_ORDER', `the account score's floor ${floor} is above its ceiling ${ceiling}`);
  }
  out.score = {
    name: 'account', rules: rules.rules, groups: rules.groups,
    ...(floor !== undefined ? { floor } : {}), ...(ceiling !== undefined ? { ceiling } : {}),
  };
  out.stages = readAccountStages(r, get(map, 'stages'), map);
  // as the lead ladder: a higher account stage demanding a lower account score is a typo
  checkRisingThresholds(r, out.stages, ['account_score'], 'account stage');
  const files = get(map, 'files');
  if (files?.kind === 'map') out.files = readAccountFiles(r, files);
  for (const rule of rules.rules) if (rule.when) refuseNamed(r, rule.when, `the account rule "${rule.name}"`);
  for (const stage of out.stages) if (stage.when) refuseNamed(r, stage.when, `the account stage "${stage.name}"`);
  return out;
}

/** Named conditions test a lead's columns; account rules and stages test account values. */
function refuseNamed(r: Reader, root: Condition, what: string): void {
  forEachCondition(root, (c) => {
    if (c.kind === 'ref') r.error(c.pos, 'ACCOUNT_CONDITION', `${what} uses the named condition "${c.name}"; named conditions test a lead, account rules and stages test account values (account_leads, account_has_<role>, …): write the test here`);
  });
}

function readAccountStages(r: Reader, node: Node | undefined, map: MapNode): Stage[] {
  if (node?.kind !== 'seq') return [{ name: 'account', pos: map.pos }];
  const stages: Stage[] = [];
  for (const [i, item] of node.items.entries()) {
    if (item.kind !== 'map') continue;
    const name = readValue<string>(item, 'accountStage', 'name');
    const whenNode = get(item, 'when');
    const when = whenNode && readCondition(r, whenNode, { results: false });
    if (name === undefined) continue;
    if (stages.some((s) => s.name === name)) r.error(get(item, 'name')!.pos, 'STAGE_NAME_DUPLICATE', `the account stage "${name}" is defined twice`);
    if (i === 0 && whenNode) r.warning(whenNode.pos, 'STAGE_WHEN_IGNORED', `the lowest account stage "${name}" is every account's default; its "when" is ignored`);
    if (i > 0 && !whenNode) r.error(item.pos, 'STAGE_WHEN_MISSING', `the account stage "${name}" needs "when": only the lowest stage is a default`);
    stages.push({ name, ...(i > 0 && when ? { when } : {}), pos: item.pos });
  }
  return stages;
}

/** `accounts.files`: each file's path, key column and value columns; a value name once across the files. */
function readAccountFiles(r: Reader, map: MapNode): AccountFile[] {
  const out: AccountFile[] = [];
  const seen = new Map<string, string>();
  for (const [name, entry] of map.entries) {
    if (entry.node.kind !== 'map') continue;
    const node = entry.node;
    const path = readValue<string>(node, 'accountFile', 'file');
    const key = columnAt(node, 'accountFile', 'key');
    const columnsNode = get(node, 'columns');
    const columns: AccountFile['columns'] = [];
    if (columnsNode?.kind === 'map') {
      if (columnsNode.entries.size === 0) r.error(columnsNode.pos, 'MAPPING_EMPTY', `the account file "${name}" names no columns; give at least one, e.g. intent_surge: Surge Score`);
      for (const [value, col] of columnsNode.entries) {
        const header = readAs<string>(col.node, { t: 'string' });
        if (value.startsWith('account_') || value === COMPLETENESS_COLUMN) {
          r.error(col.keyPos, 'ACCOUNT_NAME_CLASH', `"${value}" is a name leadq gives account values itself (account_…, completeness); name the file's column otherwise, e.g. intent_surge`);
        }
        const other = seen.get(value);
        if (other !== undefined) r.error(col.keyPos, 'ACCOUNT_NAME_CLASH', `the account value "${value}" is named twice (also in the account file "${other}"); rules read account values by name`);
        seen.set(value, name);
        if (header !== undefined) columns.push({ name: value, column: { name: header, pos: col.node.pos } });
      }
    }
    if (path === undefined || !key) continue;
    out.push({ name, file: { path, pos: get(node, 'file')!.pos }, key, columns, ...readFileReading(node, 'accountFile'), pos: node.pos });
  }
  return out;
}

export function readCompleteness(map: MapNode): Completeness {
  const out: Completeness = { pos: map.pos };
  for (const part of COMPLETENESS_PARTS) {
    const names = readValue<string[]>(map, 'completeness', part);
    const node = get(map, part);
    if (!names || !node) continue;
    const items = node.kind === 'seq' ? node.items : [node];
    out[part as CompletenessPart] = names.map((name, i) => ({ name, pos: items[i].pos }));
  }
  return out;
}
