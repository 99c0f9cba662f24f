/**
 * Every mapping of a ruleset and the keys it allows, as data, with the type of each value. This is
 * the one source of the per-value rules: validate-value.ts checks a ruleset against it (types,
 * enums, ranges, patterns, dates, durations, required and unknown keys, list lengths) and
 * schema.ts turns the same table into the JSON Schema shipped as schema/rules.schema.json, so the
 * two cannot disagree. A new key is one entry here plus, if its value means something beyond its
 * type, the hand-written rule in validate*.ts (thresholds that must fall, stages that may only
 * refer to lower ones, names that must be unique, …).
 */
import { DATE_PATTERN_HELP, NUMBER_PATTERNS } from '../model/formats.js';
import type { ArgKind } from '../model/operators.js';
import type { RulesetCode } from './issue-codes.js';
import { PRESET_NAMES } from './presets.js';
import { COST_METRICS, DOMAIN_FORMS, SCORE_NAMES } from './types.js';
import { ACCOUNT_COLUMN_NAMES, COMPLETENESS_RESULT_COLUMN, DISQUALIFIED, GRADE_COLUMN, RESULT_COLUMN_NAMES } from '../model/result-columns.js';
import { INPUT_DELIMITERS, INPUT_SHAPE, OUTPUT_SETTINGS, SPEND_FILE_SHAPE, AMOUNT_FORMAT_SHAPE } from './keys-exports.js';
import { AGGREGATE_SPECS } from '../model/related.js';

export { INPUT_DELIMITERS };

/**
 * What a value may be. `expected` replaces the default wording of "must be …" in messages; it
 * changes no rule.
 */
export type ValueType = (
  /** `cents`: at most two decimals (scores are kept to cents so the reasons add up) */
  | { t: 'number'; minimum?: number; maximum?: number; exclusiveMaximum?: number; cents?: boolean }
  | { t: 'integer'; minimum?: number }
  /**
   * Text that is not blank. A number counts as text as it is written (`name: 2024`, a header
   * `007`) unless `numbers` is false. `pattern`: the form the text must have, with `patternHelp`
   * saying it in words; `reserved`: names leadq uses itself (ignoring case), each with the reason.
   */
  | { t: 'string'; pattern?: string; patternHelp?: string; reserved?: Readonly<Record<string, string>>; numbers?: false }
  /** text (even empty), a number or true/false: the argument of equals */
  | { t: 'scalar' }
  /**
   * one of `values`. `loose`: compared trimmed and ignoring case. `asText`: compared as written, so
   * `1234.56` unquoted (a YAML number) is the text 1234.56.
   */
  | { t: 'enum'; values: readonly (string | number)[]; loose?: boolean; asText?: boolean }
  | { t: 'boolean' }
  /** a calendar date written YYYY-MM-DD */
  | { t: 'date' }
  /** `90d`, `12w`, `90 days`, `2 weeks` (any case): whole days, at least `minDays` (default 0) */
  | { t: 'duration'; minDays?: number }
  /** one text or a list of texts, at least `minItems` of them (default 1) */
  | { t: 'strings'; minItems?: number }
  /**
   * a mapping of this shape; `minKeys`: it must hold that many keys; `refuse`: a key that makes it
   * the wrong kind of mapping (a group where only rules may stand), reported alone
   */
  | { t: 'shape'; shape: ShapeName; minKeys?: number; refuse?: { key: string; code: RulesetCode; message: string } }
  | { t: 'list'; of: ValueType; minItems?: number; maxItems?: number }
  /**
   * free keys of type `of`; `fixed` keys have their own type. `names`: a pattern every key matches
   * (`namesHelp` says it in words), `reservedNames`: keys that are not allowed, each with the
   * reason; `extraKeys`: keys other than the fixed ones must match it (the map is closed), with
   * `extraKeysHelp` saying it in words.
   */
  | {
    t: 'map'; of: ValueType; fixed?: Record<string, ValueType>;
    names?: string; namesHelp?: string; reservedNames?: Readonly<Record<string, string>>; extraKeys?: string; extraKeysHelp?: string;
  }
  /**
   * `results`: a stage or priority condition, which may also test scores, criteria, stages and
   * grades; `orTrue`: `true` stands for "every row" (a derived column's count: true)
   */
  | { t: 'condition'; results: boolean; orTrue?: boolean }
  /** the first type that fits; mappings go to the shape they share most keys with */
  | { t: 'oneOf'; of: ValueType[] }
) & { expected?: string };

export interface KeySpec {
  type: ValueType;
  doc: string;
  required?: boolean;
}

export type Shape = Readonly<Record<string, KeySpec>>;

const DURATION_UNITS = ['d', 'days', 'day', 'w', 'weeks', 'week'];
/** each letter as a class of both cases: JSON Schema patterns have no flags */
const anyCase = (word: string) => [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c)).join('');

/**
 * `90d`, `12w`, `90 days`, `2 weeks`, in any case: a number of whole days. With `minDays` 1 the
 * number may not be 0 (a lookahead for a digit other than 0). The validator reads durations with
 * this very pattern, and the schema carries it: the two accept the same texts.
 */
export function durationPattern(minDays = 0): string {
  if (minDays > 1) throw new Error('durationPattern: only a least of 0 or 1 day is written as a pattern');
  return `^\\s*${minDays === 1 ? '(?=\\d*[1-9])' : ''}(\\d+)\\s*(${DURATION_UNITS.map(anyCase).join('|')})\\s*$`;
}

/**
 * A calendar date YYYY-MM-DD: months of 31, 30 and 28 days, and 29 February in leap years (every
 * fourth year, centuries only every fourth), in years 0001 to 9999: the year 0000 is no date (SQL
 * dumps' null date; model/days.ts). The validator and the schema both use this pattern.
 */
export const DATE_PATTERN = '^(?!0000-)(?:\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))'
  + '|(?:\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$';

/** Exactly one of these names, in any case: the reserved names of a text. */
export function reservedPattern(names: readonly string[]): string {
  return `^(?:${names.map(anyCase).join('|')})$`;
}

/** One of these words in any case, with spaces around allowed: a `loose` enum as a pattern. */
export function loosePattern(words: readonly (string | number)[]): string {
  return `^\\s*(?:${words.map((w) => anyCase(String(w))).join('|')})\\s*$`;
}

const num: ValueType = { t: 'number' };
const cents: ValueType = { t: 'number', cents: true };
const size: ValueType = { t: 'number', minimum: 0 };
const cap: ValueType = { t: 'number', minimum: 0, cents: true };
const text: ValueType = { t: 'string' };
const column: ValueType = { t: 'string' };
const within: ValueType = { t: 'duration' };
const period: ValueType = { t: 'duration', minDays: 1 };
/** first / last: a date column, or true for the `at` column */
const endOf: ValueType = { t: 'oneOf', of: [{ t: 'boolean' }, column], expected: 'a date column, or true for the at column' };
/** an item of accounts.domain: a column read as emails, or { column, as } */
const domainShape: ValueType = { t: 'shape', shape: 'accountDomain' };
const domainColumn: ValueType = { t: 'oneOf', of: [column, domainShape], expected: 'a column or { column, as: url }' };
/** names that become names rules use: a related file's, a derived column's */
const NAME_PATTERN = '^[a-z][a-z0-9_]*$';
const nested = { key: 'group', code: 'GROUP_NESTED', message: 'groups cannot be nested; list the rules of the inner group here, or make it a group of its own' } as const;
/** An item of a rule list: a rule or a group of rules. */
export const RULE_ITEM: ValueType = { t: 'oneOf', of: [{ t: 'shape', shape: 'rule' }, { t: 'shape', shape: 'group' }] };
const ruleItem = RULE_ITEM;
/** Which row of a key dedupe keeps. */
export const KEEP = ['first', 'latest', 'highest_score'] as const;
const recency = {
  date: { type: column, doc: 'the date column that window and decay measure the age of the activity from' },
  window: { type: within, doc: 'counts only when the date is at most this long before the as-of date, e.g. 90d' },
  decay: { type: { t: 'shape', shape: 'decay' }, doc: 'points shrink with the age of the date: { half_life: 30d } or { step: 30d, factor: 0.75 }' },
} satisfies Shape;

/** Files --out-dir writes besides the stage files: a stage of the same name would overwrite one. */
const STAGE_NAMES_RESERVED: Readonly<Record<string, string>> = {
  [DISQUALIFIED]: 'is leadq\'s own stage for disqualified leads',
  scored: 'would overwrite scored.csv in --out-dir',
  rejects: 'would overwrite rejects.csv in --out-dir',
  summary: 'would overwrite summary.json in --out-dir',
  duplicates: 'would overwrite duplicates.csv in --out-dir',
  accounts: 'would overwrite accounts.csv in --out-dir',
};

/** Names a named score cannot take: they already mean something in conditions or the output. */
const SCORE_NAMES_RESERVED: Readonly<Record<string, string>> = Object.fromEntries(
  [...SCORE_NAMES, 'grade', 'score'].filter((n) => n !== 'engagement' && n !== 'fit').map((n) => [n, 'is a built-in score name']),
);

/** What an operator's argument may be, by its kind in the operator table (model/operators.ts). */
export const ARG_TYPES: Readonly<Record<ArgKind, ValueType>> = {
  scalar: { t: 'scalar' },
  string: text,
  strings: { t: 'strings' },
  number: num,
  range: { t: 'list', of: num, minItems: 2, maxItems: 2, expected: 'a list of two numbers [low, high]' },
  days: { t: 'integer', minimum: 0, expected: 'a whole number of days, 0 or more' },
  flag: { t: 'boolean' },
  regex: text,
};

export type ShapeName =
  | 'ruleset' | 'rule' | 'group' | 'decay' | 'bounds' | 'namedScore' | 'grades' | 'fitGrades'
  | 'engagementGrades' | 'bant' | 'disqualifier' | 'stage' | 'priority' | 'band' | 'output' | 'dedupe' | 'format'
  | 'input' | 'spendFile' | 'amountFormat' | 'related' | 'derived' | 'accounts' | 'accountDomain' | 'accountStage' | 'accountFile' | 'completeness';

/** How a file the ruleset names beside the export (a related file, an account file) is read: the same keys for both. */
const FILE_READING: Shape = {
  encoding: { type: text, doc: 'the file\'s encoding when it has no byte-order mark (default utf-8), e.g. windows-1252' },
  delimiter: {
    type: { t: 'string', pattern: '^(?:[^"\\s]|tab)$', patternHelp: 'one character such as , ; | or the word tab', numbers: false },
    doc: 'the file\'s delimiter (default: sniffed from its header line); tab for a tab',
  },
  skip_lines: { type: { t: 'integer', minimum: 0 }, doc: 'lines above the header to skip (report titles)' },
  placeholders: { type: { t: 'strings', minItems: 0 }, doc: 'cells of this file that mean "no value"; replaces the built-in list, [] turns it off' },
};

export const SHAPES: Readonly<Record<ShapeName, Shape>> = {
  ruleset: {
    version: { type: { t: 'enum', values: [1], expected: '1 (this leadq reads ruleset version 1)' }, doc: 'the format version; 1' },
    as_of: { type: { t: 'date' }, doc: '"today" for time-based rules, YYYY-MM-DD; --as-of overrides it' },
    id_column: { type: column, doc: 'the column that identifies a lead for leadq explain --lead (default: a column named id, record id or email)' },
    columns: {
      type: { t: 'map', of: text, fixed: { preset: { t: 'enum', values: PRESET_NAMES } } },
      doc: 'the names rules use → the export\'s headers; preset: a CRM\'s standard headers (hubspot, salesforce, …)',
    },
    placeholders: { type: { t: 'strings', minItems: 0 }, doc: 'cells that mean "no value" (N/A, -, #VALUE!, …); replaces the built-in list, [] turns it off' },
    formats: { type: { t: 'map', of: { t: 'shape', shape: 'format', minKeys: 1 } }, doc: 'how a column writes numbers, dates and multi-value cells' },
    source_column: { type: column, doc: 'the column holding the lead source, for spend and cost per stage' },
    spend: {
      // a mapping with `file` is the file form (validate-value.ts pickBranch: a shape's tag key decides)
      type: { t: 'oneOf', of: [{ t: 'map', of: size }, { t: 'shape', shape: 'spendFile' }], expected: 'a mapping source → amount, or { file: costs.csv, source, amount, format }' },
      doc: 'spend per lead source: a mapping source → amount, or a cost export to read ({ file, source, amount, format })',
    },
    sources: {
      type: { t: 'map', of: { t: 'strings' } },
      doc: 'lead sources as analysts spell them: canonical spelling → the spellings that mean it (compared ignoring case and surrounding spaces), for the summary and spend matching',
    },
    input: { type: { t: 'shape', shape: 'input' }, doc: 'how the export is read: encoding, delimiter, skip_lines, footer (command-line flags override)' },
    free_mail_domains: { type: { t: 'strings' }, doc: 'replaces the built-in list of free-mail domains' },
    conditions: { type: { t: 'map', of: { t: 'condition', results: false } }, doc: 'conditions defined once and used by name' },
    engagement: { type: { t: 'list', of: ruleItem }, doc: 'engagement (behaviour) rules and groups of rules' },
    fit: { type: { t: 'list', of: ruleItem }, doc: 'fit (ideal customer profile) rules and groups of rules' },
    scores: {
      type: {
        t: 'map', of: { t: 'shape', shape: 'namedScore' }, fixed: { engagement: { t: 'shape', shape: 'bounds' }, fit: { t: 'shape', shape: 'bounds' } },
        names: '^[a-z][a-z0-9_]*$', namesHelp: 'lower-case letters, digits and _, starting with a letter (a score name becomes a column <name>_score and a name in conditions)',
        reservedNames: SCORE_NAMES_RESERVED,
      },
      doc: 'floors and ceilings of engagement and fit, and named scores with rules of their own (each adds a column <name>_score)',
    },
    grades: { type: { t: 'shape', shape: 'grades' }, doc: 'fit bands → letters A–D, engagement bands → digits 1–4; adds the grade column' },
    bant: { type: { t: 'shape', shape: 'bant' }, doc: 'the BANT criteria, each a condition' },
    disqualifiers: { type: { t: 'list', of: { t: 'shape', shape: 'disqualifier' } }, doc: 'checked first; the first that holds disqualifies the lead' },
    stages: { type: { t: 'list', of: { t: 'shape', shape: 'stage' }, minItems: 1 }, doc: 'the funnel from lowest to highest, e.g. lead, mql, sql', required: true },
    priority: { type: { t: 'shape', shape: 'priority' }, doc: 'priority bands, highest first' },
    output: { type: { t: 'shape', shape: 'output' }, doc: 'output options' },
    dedupe: { type: { t: 'shape', shape: 'dedupe' }, doc: 'one row per lead: duplicates by a key column go to duplicates.csv' },
    related: {
      type: { t: 'map', of: { t: 'shape', shape: 'related' }, names: NAME_PATTERN, namesHelp: 'lower-case letters, digits and _, starting with a letter (the name --related NAME=FILE gives)' },
      doc: 'related files (activity logs, deals, form submissions): rows matched to leads by a key and aggregated into derived columns rules read',
    },
    accounts: {
      type: { t: 'shape', shape: 'accounts' },
      doc: 'leads grouped into accounts (by an account id, the email domain or the company name): account values, account rules and an account stage ladder',
    },
    completeness: {
      type: { t: 'shape', shape: 'completeness', minKeys: 1 },
      doc: 'the columns of each part of the completeness measure (0–5: company, title or department, name, phone, valid email), read by rules as the column completeness',
    },
  },
  accounts: {
    id_column: { type: column, doc: 'the CRM\'s account id column: leads with the same id are one account (preferred over domain and company)' },
    domain: {
      type: { t: 'oneOf', of: [column, domainShape, { t: 'list', of: domainColumn, minItems: 1 }], expected: 'a column, { column, as: url }, or a list of them' },
      doc: 'the company domain\'s column(s), tried in order: an email column (the domain after @), or { column: Website, as: url } (a website or bare domain); leads at the same domain are one account (free-mail domains never form one)',
    },
    company: { type: column, doc: 'the company name column, compared normalised: case, punctuation and legal suffixes (Inc, GmbH, Ltd) ignored' },
    free_mail_domains: { type: { t: 'strings' }, doc: 'domains that never form an account; replaces the ruleset\'s free_mail_domains (or the built-in list)' },
    not_companies: { type: { t: 'strings' }, doc: 'company cells that name no company (Freelance, Student, Self-employed, N/A…), compared normalised: a lead with one has no account by its company name; replaces the built-in list' },
    engaged: { type: { t: 'condition', results: true }, doc: 'when a lead counts as engaged (account_engaged_leads): a column, score, criteria or grade test' },
    activity: { type: column, doc: 'a date column: account_last_activity is the latest of its leads' },
    roles: {
      type: { t: 'map', of: { t: 'condition', results: false }, names: NAME_PATTERN, namesHelp: 'lower-case letters, digits and _, starting with a letter (a role becomes the column account_has_<role>)' },
      doc: 'buying-group roles: role name → the condition a lead has it by, e.g. decision_maker: { column: job_title, matches: \'/\\b(VP|Chief)\\b/i\' }',
    },
    rules: { type: { t: 'list', of: ruleItem }, doc: 'account rules: points from account values (account_leads, account_has_<role>, …), like lead rules' },
    floor: { type: cents, doc: 'the account score never goes below this' },
    ceiling: { type: cents, doc: 'the account score never goes above this' },
    stages: { type: { t: 'list', of: { t: 'shape', shape: 'accountStage' }, minItems: 1 }, doc: 'the account ladder, lowest first, e.g. target, engaged, mqa, opportunity (default: one stage, account)' },
    files: {
      type: { t: 'map', of: { t: 'shape', shape: 'accountFile' }, names: NAME_PATTERN, namesHelp: 'lower-case letters, digits and _, starting with a letter' },
      doc: 'files keyed by account (intent surges by company domain, firmographics by account id): their number columns become account values',
    },
  },
  accountDomain: {
    column: { type: column, doc: 'the column holding the company domain', required: true },
    as: {
      type: { t: 'enum', values: DOMAIN_FORMS },
      doc: 'email: the domain after @ (a cell without @ gives none); url: the host of a website or a bare domain (https://www.acme.com/about, acme.com/ → acme.com)', required: true,
    },
  },
  accountFile: {
    file: { type: text, doc: 'the CSV file, relative to the ruleset\'s folder', required: true },
    key: { type: column, doc: 'the file\'s column holding the account: an account id, a company domain or a company name', required: true },
    columns: {
      type: { t: 'map', of: text, names: NAME_PATTERN, namesHelp: 'lower-case letters, digits and _, starting with a letter (rules read it by this name)' },
      doc: 'account value name → the file\'s number column; an account with several rows takes the highest', required: true,
    },
    ...FILE_READING,
  },
  accountStage: {
    name: {
      type: { t: 'string', pattern: NAME_PATTERN, patternHelp: 'lower-case letters, digits and _, starting with a letter (a stage becomes the column account_at_<stage>)', numbers: false },
      doc: 'the account stage name', required: true,
    },
    when: { type: { t: 'condition', results: false }, doc: 'the account reaches the stage when this holds (on account values); not on the lowest stage' },
  },
  completeness: {
    company: { type: { t: 'strings' }, doc: 'the company column(s): 1 point when one is filled in' },
    title: { type: { t: 'strings' }, doc: 'the job title or department column(s): 1 point when one is filled in' },
    name: { type: { t: 'strings' }, doc: 'the name column(s), e.g. [first_name, last_name]: 1 point when one is filled in' },
    phone: { type: { t: 'strings' }, doc: 'the phone column(s): 1 point when one is filled in' },
    email: { type: { t: 'strings' }, doc: 'the email column(s): 1 point when one holds a valid address' },
  },
  related: {
    file: { type: text, doc: 'the CSV file, relative to the ruleset\'s folder; --related NAME=FILE replaces it', required: true },
    key: { type: column, doc: 'the related file\'s column holding the lead\'s key, e.g. Associated Contact Email', required: true },
    matches: { type: column, doc: 'the export\'s column the key matches, named as rules name columns (e.g. email)', required: true },
    at: { type: column, doc: 'the related file\'s column saying when the row happened; rows dated after the as-of date never count', required: true },
    key_type: {
      type: { t: 'enum', values: ['email', 'id', 'salesforce_id'] },
      doc: 'email: compared ignoring case and surrounding spaces; id: exactly, ignoring surrounding spaces; salesforce_id: as id, an 18-character id matching its 15-character form (default: email when the key or matches column is named like an email)',
    },
    ...FILE_READING,
    formats: { type: { t: 'map', of: { t: 'shape', shape: 'format', minKeys: 1 } }, doc: 'how this file\'s columns write numbers and dates, by header (e.g. its at column)' },
    columns: {
      type: { t: 'map', of: { t: 'shape', shape: 'derived' }, names: NAME_PATTERN, namesHelp: 'lower-case letters, digits and _, starting with a letter (rules read it by this name)' },
      doc: 'the derived columns: name → one aggregate (count, exists, distinct_days, sum, min, max, first, last) and its options',
      required: true,
    },
  },
  derived: {
    count: { type: { t: 'condition', results: false, orTrue: true }, doc: `${AGGREGATE_SPECS.count.summary}: true for every row, or a condition on the file's columns` },
    exists: { type: { t: 'condition', results: false, orTrue: true }, doc: `${AGGREGATE_SPECS.exists.summary}: true, or a condition on the file's columns` },
    distinct_days: { type: { t: 'condition', results: false, orTrue: true }, doc: `${AGGREGATE_SPECS.distinct_days.summary}: true, or a condition on the file's columns` },
    sum: { type: column, doc: `${AGGREGATE_SPECS.sum.summary}; 0 when none counts` },
    min: { type: column, doc: `${AGGREGATE_SPECS.min.summary}; empty when none counts` },
    max: { type: column, doc: `${AGGREGATE_SPECS.max.summary}; empty when none counts` },
    first: { type: endOf, doc: `${AGGREGATE_SPECS.first.summary}; empty when none counts` },
    last: { type: endOf, doc: `${AGGREGATE_SPECS.last.summary}; empty when none counts` },
    where: { type: { t: 'condition', results: false }, doc: 'only rows meeting this condition (on the file\'s columns) count' },
    within: { type: within, doc: 'only rows at most this long before the as-of date count, e.g. 90d (a row exactly 90 days old counts)' },
    per_day_max: { type: { t: 'integer', minimum: 1 }, doc: 'count: at most this many rows per calendar day' },
    once_every: { type: period, doc: 'count, distinct_days: a row counts only when no counted row is less than this long before it, e.g. 7d' },
    decay: { type: { t: 'shape', shape: 'decay' }, doc: 'count, distinct_days, sum: each row weighs less with its own age: { half_life: 30d } or { step: 30d, factor: 0.5 }' },
  },
  dedupe: {
    key: { type: column, doc: 'the column that identifies a lead, compared trimmed and ignoring case (e.g. email)', required: true },
    keep: { type: { t: 'enum', values: KEEP }, doc: 'which row of a key is kept: the first in the file (default), the latest by `date`, or the highest score' },
    date: { type: column, doc: 'with keep: latest, the date column that decides (e.g. last_activity)' },
  },
  rule: {
    name: { type: text, doc: 'what the reasons column shows; unique', required: true },
    when: { type: { t: 'condition', results: false }, doc: 'the rule fires only when this holds' },
    points: { type: cents, doc: 'signed points, at most two decimals', required: true },
    per: { type: column, doc: 'a count column: points are multiplied by its number' },
    repeat: {
      type: { t: 'oneOf', of: [{ t: 'enum', values: ['once', 'every'], loose: true }, { t: 'integer', minimum: 1 }], expected: 'once, every, or a whole number N, 1 or more (at most N occurrences)' },
      doc: 'with per: count once, every occurrence (default) or at most N times',
    },
    max: { type: cap, doc: 'cap on the size of the rule\'s points, whatever their sign' },
    ...recency,
  },
  group: {
    group: { type: text, doc: 'the group\'s name, shown when its cap cuts points', required: true },
    rules: { type: { t: 'list', of: { t: 'shape', shape: 'rule', refuse: nested }, minItems: 1 }, doc: 'the rules of the group', required: true },
    max: { type: cap, doc: 'cap on the size of the points of all its rules together' },
    ...recency,
  },
  decay: {
    half_life: { type: period, doc: 'points halve every this many days, e.g. 30d' },
    step: { type: period, doc: 'points are multiplied by factor once per full step, e.g. 30d' },
    factor: {
      type: { t: 'number', minimum: 0, exclusiveMaximum: 1, expected: '0 or more and below 1: what is left of the points after each step (0.75 = −25%)' },
      doc: 'with step: what is left after each step, e.g. 0.75 (−25%)',
    },
  },
  bounds: {
    floor: { type: cents, doc: 'the score never goes below this' },
    ceiling: { type: cents, doc: 'the score never goes above this' },
  },
  namedScore: {
    rules: { type: { t: 'list', of: ruleItem }, doc: 'the rules (and groups) of this score', required: true },
    floor: { type: cents, doc: 'the score never goes below this' },
    ceiling: { type: cents, doc: 'the score never goes above this' },
  },
  grades: {
    fit: { type: { t: 'shape', shape: 'fitGrades' }, doc: 'the lowest fit score of grades A, B and C; D is the rest', required: true },
    engagement: { type: { t: 'shape', shape: 'engagementGrades' }, doc: 'the lowest engagement score of grades 1, 2 and 3; 4 is the rest', required: true },
  },
  fitGrades: {
    A: { type: num, doc: 'lowest fit score of grade A', required: true },
    B: { type: num, doc: 'lowest fit score of grade B', required: true },
    C: { type: num, doc: 'lowest fit score of grade C', required: true },
  },
  engagementGrades: {
    1: { type: num, doc: 'lowest engagement score of grade 1', required: true },
    2: { type: num, doc: 'lowest engagement score of grade 2', required: true },
    3: { type: num, doc: 'lowest engagement score of grade 3', required: true },
  },
  bant: {
    budget: { type: { t: 'condition', results: false }, doc: 'B: has the money set aside' },
    authority: { type: { t: 'condition', results: false }, doc: 'A: makes or influences the decision' },
    need: { type: { t: 'condition', results: false }, doc: 'N: has a problem the product solves' },
    timeline: { type: { t: 'condition', results: false }, doc: 'T: plans to buy soon' },
  },
  disqualifier: {
    reason: { type: text, doc: 'a code such as do_not_contact', required: true },
    when: { type: { t: 'condition', results: false }, doc: 'the lead is disqualified when this holds', required: true },
  },
  stage: {
    name: {
      type: { t: 'string', pattern: '^[A-Za-z0-9_-]+$', patternHelp: 'letters, digits, _ and - only (a stage name names an output file)', reserved: STAGE_NAMES_RESERVED },
      doc: 'the stage name (also an output file name)', required: true,
    },
    when: { type: { t: 'condition', results: true }, doc: 'the lead reaches the stage when this holds; not on the lowest stage' },
    counts_as: { type: { t: 'enum', values: COST_METRICS }, doc: 'the cost metric this stage is the stage of: mql, sql (for CPSQL) or sqo; default: the stages named so' },
  },
  priority: {
    score: { type: text, doc: 'the score the bands\' min reads: engagement, fit, total or a named score (default total)' },
    bands: { type: { t: 'list', of: { t: 'shape', shape: 'band' }, minItems: 1 }, doc: 'the bands, highest first; the first that holds wins', required: true },
  },
  band: {
    name: { type: text, doc: 'the band name, e.g. P1', required: true },
    min: { type: num, doc: 'lowest score in the band' },
    when: { type: { t: 'condition', results: true }, doc: 'a condition the lead must also meet, e.g. { grade: [A1, A2] }' },
  },
  format: {
    number: { type: { t: 'enum', values: Object.keys(NUMBER_PATTERNS), asText: true }, doc: 'thousands and decimal separators, written as an example: 1,234.56 or 1.234,56' },
    currency: { type: { t: 'boolean' }, doc: 'with number: a currency sign or code may stand before or after the number ($5, 5 €, USD 5)' },
    suffixes: { type: { t: 'boolean' }, doc: 'with number: K, M and B multiply by a thousand, a million, a billion ($342.09K)' },
    date: { type: text, doc: `iso (default), excel (serial numbers), unix (seconds since 1970, UTC), unix_ms (milliseconds) or a pattern such as MM/dd/yyyy; letters: ${DATE_PATTERN_HELP}` },
    multi: { type: { t: 'string', numbers: false, expected: 'the separator of the values in one cell, e.g. ";"' }, doc: 'the separator of a multi-value cell (; for HubSpot): text operators hold when any value does' },
  },
  output: {
    rename: {
      type: { t: 'map', of: text, fixed: Object.fromEntries([...RESULT_COLUMN_NAMES, GRADE_COLUMN, ...ACCOUNT_COLUMN_NAMES, COMPLETENESS_RESULT_COLUMN].map((c) => [c, text])), extraKeys: '^[a-z][a-z0-9_]*_score$', extraKeysHelp: '<named score>_score' },
      doc: 'new names for the result columns',
    },
    ...OUTPUT_SETTINGS,
  },
  input: INPUT_SHAPE,
  spendFile: SPEND_FILE_SHAPE,
  amountFormat: AMOUNT_FORMAT_SHAPE,
};

/** What a mapping of each shape is called in messages ("a rule needs \"points\""). */
export const SHAPE_NOUNS: Readonly<Record<ShapeName, string>> = {
  ruleset: 'the ruleset', rule: 'a rule', group: 'a group of rules', decay: 'a decay', bounds: 'the bounds of a score',
  namedScore: 'a named score', grades: 'the grades', fitGrades: 'the fit grades', engagementGrades: 'the engagement grades',
  bant: 'the BANT criteria', disqualifier: 'a disqualifier', stage: 'a stage', priority: 'the priority', band: 'a priority band',
  output: 'the output options', dedupe: 'the dedupe options', format: 'a format',
  input: 'the input settings', spendFile: 'the spend file', amountFormat: 'the amount format',
  related: 'a related file', derived: 'a derived column',
  accounts: 'the accounts', accountDomain: 'a domain column', accountStage: 'an account stage', accountFile: 'an account file', completeness: 'the completeness parts',
};

/** The keys a mapping of this shape may hold, in table order. */
export function keysOf(shape: ShapeName): string[] {
  return Object.keys(SHAPES[shape]);
}

/**
 * The forms of a condition: the key that says what kind of test a mapping is. `results` forms
 * test what is only known after scoring (stage and priority conditions).
 */
export const CONDITION_FORMS = [
  { key: 'all', results: false, doc: 'every listed condition holds' },
  { key: 'any', results: false, doc: 'at least one listed condition holds' },
  { key: 'not', results: false, doc: 'the condition does not hold' },
  { key: 'condition', results: false, doc: 'the named condition holds' },
  { key: 'column', results: false, doc: 'a column test: the column and one operator' },
  { key: 'score', results: true, doc: 'a score test: the score and one of equals, not_equals, gt, gte, lt, lte, between' },
  { key: 'criteria', results: true, doc: 'all the listed BANT criteria are met' },
  { key: 'stage', results: true, doc: 'the condition of a lower stage holds' },
  { key: 'grade', results: true, doc: 'the grade is one of: a label (A1), a letter (A) or a digit (1)' },
] as const;

export const FORM_KEYS: readonly string[] = CONDITION_FORMS.map((f) => f.key);
