/**
 * CRM presets: the table resolves standard names to each CRM's headers (labels and API names),
 * explicit `columns:` override it, and `rankPresets` (what `leadq inspect` reports) tells the
 * CRMs' exports apart, suggesting a preset only when most of its key columns are there.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { compileRuleset } from '../../src/engine/compile.js';
import { parseRules } from '../../src/ruleset/load.js';
import { PRESET_NAMES, PRESETS, rankPresets, sourceColumnOf, STANDARD_NAMES } from '../../src/ruleset/presets.js';
import type { RulesetCode } from '../../src/ruleset/issue-codes.js';
import { validateRuleset } from '../../src/ruleset/validate.js';
import type { ResolvedCondition } from '../../src/ruleset/resolved.js';

/** A ruleset whose fit rules read each of `names` (as text), with `columns` as given. */
function rules(columns: string, names: string[]): string {
  return `columns: ${columns}
fit:
${names.map((n) => `  - { name: ${n}, when: { column: ${n}, present: true }, points: 1 }`).join('\n')}
stages:
  - name: lead
`;
}

function compile(source: string, header: string[]) {
  const { ruleset, issues } = validateRuleset(parseRules(source, 'rules.yaml'), 'rules.yaml');
  expect(issues).toEqual([]);
  return compileRuleset(ruleset, header, 'export.csv', '2026-11-01');
}

/** The column each fit rule reads, by rule name. */
function columnsRead(source: string, header: string[]): Record<string, string> {
  const { compiled, issues } = compile(source, header);
  expect(issues).toEqual([]);
  const out: Record<string, string> = {};
  const walk = (c: ResolvedCondition | null): void => {
    if (c === null) return;
    if (c.kind === 'column') out[c.column.name] = header[c.column.index];
    else if (c.kind === 'all' || c.kind === 'any') c.items.forEach(walk);
    else if (c.kind === 'not') walk(c.item);
  };
  for (const score of compiled.resolved.scores) for (const rule of score.rules) walk(rule.when);
  return out;
}

describe('the preset table', () => {
  test('every preset maps only standard names, each to at least one header', () => {
    for (const name of PRESET_NAMES) {
      for (const [standard, candidates] of Object.entries(PRESETS[name].columns)) {
        expect([name, (STANDARD_NAMES as readonly string[]).includes(standard)]).toEqual([name, true]);
        expect(candidates!.length).toBeGreaterThan(0);
      }
    }
  });

  // each CRM's own export, made of its preferred headers, is recognised as that CRM
  test.each(PRESET_NAMES)('a header of the %s preset\'s preferred names ranks it first', (name) => {
    const header = Object.values(PRESETS[name].columns).map((c) => c![0]);
    expect(rankPresets(header).best?.name).toBe(name);
  });

  test.each<[string, string | null, string[]]>([
    ['HubSpot labels', 'hubspot', ['Record ID', 'First Name', 'Last Name', 'Email', 'Lifecycle Stage', 'Lead Status', 'Original Source', 'Create Date']],
    ['HubSpot API names', 'hubspot', ['hs_object_id', 'firstname', 'lastname', 'email', 'lifecyclestage', 'hs_lead_status']],
    ['Salesforce Data Loader', 'salesforce', ['Id', 'FirstName', 'LastName', 'Email', 'Company', 'LeadSource', 'Status', 'CreatedDate']],
    ['Salesforce report', 'salesforce-report', ['Lead ID', 'First Name', 'Last Name', 'Email', 'Company / Account', 'Lead Source', 'Lead Status', 'Create Date']],
    ['Pipedrive people', 'pipedrive', ['Person - Name', 'Person - First name', 'Person - Last name', 'Person - Email - Work', 'Person - Organization', 'Person - Label']],
    ['Zoho leads', 'zoho', ['Record Id', 'First Name', 'Last Name', 'Email', 'Company', 'Designation', 'Lead Source', 'Lead Status', 'Created Time']],
    ['Mautic contacts', 'mautic', ['id', 'firstname', 'lastname', 'email', 'company', 'position', 'date_added', 'last_active', 'stage']],
    ['too little to tell', null, ['Email', 'Name', 'Notes']],
    // 4 of salesforce-report's 19 names, 3 of its 8 key columns: not a Salesforce report
    ['an education export', null, ['Student ID', 'First Name', 'Last Name', 'Email', 'Phone', 'Program of Interest', 'Campus', 'Last Activity', 'Application Status', 'Intake Term']],
    // snake_case headers match Zoho's API names ignoring case: 5 of its 8 key columns are not enough
    ['a generic export in snake_case', null, ['lead_id', 'email', 'first_name', 'last_name', 'company', 'job_title', 'industry', 'employees', 'country', 'lead_source', 'created_at']],
    ['no id and no email', null, ['First Name', 'Last Name', 'Company', 'Lead Source', 'Lead Status', 'Create Date']],
  ])('%s → %s', (_name, expected, header) => {
    expect(rankPresets(header).best?.name ?? null).toBe(expected);
  });

  test('the key columns found, of how many, and whether the preset fits', () => {
    const { all } = rankPresets(['Student ID', 'First Name', 'Last Name', 'Email', 'Phone', 'Last Activity']);
    expect(all.find((p) => p.name === 'salesforce-report')).toMatchObject({ matched: 5, of: 19, keys: 3, keysOf: 8, fits: false });
  });

  test('with the columns\' types, a standard name on a column of another kind does not count', () => {
    const header = ['Lead ID', 'First Name', 'Last Name', 'Email', 'Company', 'Lead Source', 'Lead Status', 'Create Date', 'Last Activity'];
    const types = ['text', 'text', 'text', 'email', 'text', 'text', 'text', 'text', 'text'];
    const { best } = rankPresets(header, (i) => types[i]);
    expect(best).toMatchObject({ name: 'salesforce-report', keys: 7, mismatched: [{ name: 'created', column: 7, type: 'text' }, { name: 'last_activity', column: 8, type: 'text' }] });
    // with fewer key columns, the one of the wrong kind makes the difference: 5 of 8 do not fit, 6 do
    const fewer = header.filter((h) => h !== 'Lead Status' && h !== 'Company');
    const fewerTypes = ['text', 'text', 'text', 'email', 'text', 'text', 'text'];
    expect(rankPresets(fewer, (i) => fewerTypes[i]).best).toBeNull();
    expect(rankPresets(fewer).best?.name).toBe('salesforce-report');
  });
});

describe('the lead source column', () => {
  test.each<[string[], string | null, number]>([
    [['Email', 'Original Source', 'Lead Source'], 'hubspot', 1],
    [['Email', 'Lead Source'], null, 1],
    [['email', 'utm_source'], null, 1],
    [['email', 'Channel'], null, 1],
    [['email', 'Resource Link'], null, -1],
  ])('%j (preset %s) → %i', (header, preset, expected) => {
    expect(sourceColumnOf(header, preset)).toBe(expected);
  });
});

describe('resolving names through a preset', () => {
  const names = ['email', 'lead_source', 'lifecycle_stage', 'created'];

  test('labels: the first candidate the export has wins', () => {
    const header = ['Email', 'Original Source', 'Lifecycle Stage', 'Create Date', 'createdate'];
    expect(columnsRead(rules('{ preset: hubspot }', names), header)).toEqual({
      email: 'Email', lead_source: 'Original Source', lifecycle_stage: 'Lifecycle Stage', created: 'Create Date',
    });
  });

  test('API names, ignoring case as any column name', () => {
    const header = ['EMAIL', 'hs_analytics_source', 'lifecyclestage', 'createdate'];
    expect(columnsRead(rules('{ preset: hubspot }', names), header)).toEqual({
      email: 'EMAIL', lead_source: 'hs_analytics_source', lifecycle_stage: 'lifecyclestage', created: 'createdate',
    });
  });

  test('explicit names override the preset; other names still come from it', () => {
    const header = ['Email', 'Work Email', 'LeadSource', 'Status', 'CreatedDate'];
    const source = rules('{ preset: salesforce, email: Work Email, lifecycle_stage: Status }', names);
    expect(columnsRead(source, header)).toEqual({ email: 'Work Email', lead_source: 'LeadSource', lifecycle_stage: 'Status', created: 'CreatedDate' });
  });

  test.each(['constructor', '__proto__', 'toString'])('%s is no standard name: an ordinary missing column', (name) => {
    const { issues } = compile(rules('{ preset: hubspot }', [name]), ['Email']);
    expect(issues.map((i) => i.code)).toEqual(['COLUMN_MISSING']);
    // no preset header is named for it: the preset has no such standard name
    expect(issues[0].message).not.toMatch(/preset/);
  });

  test('a name the preset does not know is an ordinary header name', () => {
    expect(columnsRead(rules('{ preset: zoho }', ['Rating']), ['Email', 'Rating'])).toEqual({ Rating: 'Rating' });
  });

  test('a standard name the export lacks: an error at the rule, naming the headers the preset looked for', () => {
    const { issues } = compile(rules('{ preset: zoho }', ['email', 'lead_source']), ['Email', 'Source']);
    expect(issues.map((i) => [i.severity, i.pos?.line, i.pos?.col, i.code, i.path])).toEqual([['error', 4, 42, 'COLUMN_MISSING', 'fit[1].when.column']]);
    // the wording is the feature: it names the headers the preset looked for
    expect(issues[0].message).toMatch(/"lead_source" \(nor any header the zoho preset knows for it: "Lead Source", "Lead_Source"\) is not in export\.csv/);
  });
});

describe('validating columns.preset', () => {
  test.each<[string, string, [number, number, RulesetCode, RegExp?][]]>([
    ['a misspelt preset', '{ preset: hubsopt }', [[1, 20, 'VALUE_ENUM', /one of hubspot, salesforce, .*; did you mean "hubspot"\?/]]],
    ['salesforce_report', '{ preset: salesforce_report }', [[1, 20, 'VALUE_ENUM', /did you mean "salesforce-report"/]]],
    ['a list', '{ preset: [hubspot] }', [[1, 20, 'VALUE_TYPE']]],
  ])('%s', (_name, columns, expected) => {
    const { issues } = validateRuleset(parseRules(rules(columns, ['email']), 'rules.yaml'), 'rules.yaml');
    expect(issues.map((i) => [i.pos?.line, i.pos?.col, i.code, i.path])).toEqual(expected.map(([l, c, code]) => [l, c, code, 'columns.preset']));
    issues.forEach((issue, i) => { if (expected[i][3]) expect(issue.message).toMatch(expected[i][3]!); });
  });

  test('preset is not a name: it is kept apart from the explicit mappings', () => {
    const { ruleset } = validateRuleset(parseRules(rules('{ preset: mautic, email: Mail }', ['email']), 'rules.yaml'), 'rules.yaml');
    expect([ruleset.preset, [...ruleset.columns.keys()]]).toEqual(['mautic', ['email']]);
  });
});

describe('docs/rules.md', () => {
  // the table of standard names shows each preset's main candidates: it must not drift from presets.ts
  const docs = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
  const lines = docs.split('\n');
  const at = lines.findIndex((l) => l.startsWith('| standard name |'));
  const presets = lines[at].split('|').slice(2, -1).map((c) => c.trim().split(' ')[0]);
  const end = lines.findIndex((l, i) => i > at && !l.startsWith('|'));
  const rows = lines.slice(at + 2, end);

  test('the preset table has a column per preset and a row per standard name', () => {
    expect(presets).toEqual(PRESET_NAMES);
    expect(rows.map((r) => r.split('|')[1].trim().replace(/`/g, ''))).toEqual([...STANDARD_NAMES]);
  });

  test.each(rows.map((r) => [r.split('|')[1].trim(), r] as const))('%s: every header shown is a candidate of its preset, in order', (_name, row) => {
    const cells = row.split('|').slice(1, -1).map((c) => c.trim());
    const standard = cells[0].replace(/`/g, '') as keyof (typeof PRESETS)[string]['columns'];
    presets.forEach((preset, i) => {
      const shown = cells[i + 1] === '—' ? [] : cells[i + 1].split(', ');
      const candidates = PRESETS[preset].columns[standard] ?? [];
      expect([preset, shown.every((h) => candidates.includes(h))]).toEqual([preset, true]);
      expect([preset, shown.length === 0 ? candidates.length === 0 : true]).toEqual([preset, true]);
      expect([preset, shown.map((h) => candidates.indexOf(h))]).toEqual([preset, [...shown.map((h) => candidates.indexOf(h))].sort((a, b) => a - b)]);
    });
  });
});
