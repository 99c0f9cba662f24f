/**
 * Every mapping of a ruleset and the keys it allows, as data. The validator takes its key lists
 * (and so its "unknown key … did you mean") from here, and schema.ts turns the same table into
 * the JSON Schema shipped as schema/rules.schema.json: the two cannot drift apart. A new key is
 * one entry here plus the code in validate*.ts that reads its value.
 *
 * Value types describe what an editor should offer; the validator's checks are stricter (it also
 * knows that thresholds must fall, that a stage may only refer to lower stages, …).
 */
import { DATE_PATTERN_HELP, NUMBER_PATTERNS } from '../model/formats.js';
import { PRESET_NAMES } from './presets.js';
import { COST_METRICS } from './types.js';
import { GRADE_COLUMN, RESULT_COLUMN_NAMES } from '../model/result-columns.js';

export type ValueType =
  | { t: 'number'; minimum?: number; maximum?: number; exclusiveMaximum?: number }
  | { t: 'integer'; minimum?: number }
  | { t: 'string'; pattern?: string }
  | { t: 'enum'; values: readonly (string | number)[] }
  | { t: 'boolean' }
  | { t: 'date' }
  | { t: 'duration' }
  /** one text or a list of texts */
  | { t: 'strings' }
  | { t: 'shape'; shape: ShapeName }
  | { t: 'list'; of: ValueType; minItems?: number }
  /**
   * free keys of type `of`; `fixed` keys have their own type; `names`: a pattern every key
   * matches; `extraKeys`: keys other than the fixed ones must match it (the map is closed)
   */
  | { t: 'map'; of: ValueType; fixed?: Record<string, ValueType>; names?: string; extraKeys?: string }
  /** `results`: a stage or priority condition, which may also test scores, criteria, stages and grades */
  | { t: 'condition'; results: boolean }
  | { t: 'oneOf'; of: ValueType[] };

export interface KeySpec {
  type: ValueType;
  doc: string;
  required?: boolean;
}

export type Shape = Readonly<Record<string, KeySpec>>;

/** `90d`, `12w`, `90 days`, `2 weeks`: a number of whole days. */
export const DURATION_PATTERN = '^\\s*\\d+\\s*(d|days?|w|weeks?)\\s*$';

const num: ValueType = { t: 'number' };
const size: ValueType = { t: 'number', minimum: 0 };
const text: ValueType = { t: 'string' };
const column: ValueType = { t: 'string' };
const duration: ValueType = { t: 'duration' };
const ruleItem: ValueType = { t: 'oneOf', of: [{ t: 'shape', shape: 'rule' }, { t: 'shape', shape: 'group' }] };
const recency = {
  date: { type: column, doc: 'the date column that window and decay measure the age of the activity from' },
  window: { type: duration, doc: 'counts only when the date is at most this long before the as-of date, e.g. 90d' },
  decay: { type: { t: 'shape', shape: 'decay' }, doc: 'points shrink with the age of the date: { half_life: 30d } or { step: 30d, factor: 0.75 }' },
} satisfies Shape;

export type ShapeName =
  | 'ruleset' | 'rule' | 'group' | 'decay' | 'bounds' | 'namedScore' | 'grades' | 'fitGrades'
  | 'engagementGrades' | 'bant' | 'disqualifier' | 'stage' | 'priority' | 'band' | 'output' | 'dedupe' | 'format';

export const SHAPES: Readonly<Record<ShapeName, Shape>> = {
  ruleset: {
    version: { type: { t: 'enum', values: [1] }, doc: 'the format version; 1' },
    as_of: { type: { t: 'date' }, doc: '"today" for time-based rules, YYYY-MM-DD; --as-of overrides it' },
    id_column: { type: column, doc: 'the column that identifies a lead for leadq explain --lead (default: a column named id, record id or email)' },
    columns: {
      type: { t: 'map', of: text, fixed: { preset: { t: 'enum', values: PRESET_NAMES } } },
      doc: 'the names rules use → the export\'s headers; preset: a CRM\'s standard headers (hubspot, salesforce, …)',
    },
    placeholders: { type: { t: 'list', of: text }, doc: 'cells that mean "no value" (N/A, -, #VALUE!, …); replaces the built-in list, [] turns it off' },
    formats: { type: { t: 'map', of: { t: 'shape', shape: 'format' } }, doc: 'how a column writes numbers, dates and multi-value cells' },
    source_column: { type: column, doc: 'the column holding the lead source, for spend and cost per stage' },
    spend: { type: { t: 'map', of: size }, doc: 'spend per lead source' },
    free_mail_domains: { type: { t: 'strings' }, doc: 'replaces the built-in list of free-mail domains' },
    conditions: { type: { t: 'map', of: { t: 'condition', results: false } }, doc: 'conditions defined once and used by name' },
    engagement: { type: { t: 'list', of: ruleItem }, doc: 'engagement (behaviour) rules and groups of rules' },
    fit: { type: { t: 'list', of: ruleItem }, doc: 'fit (ideal customer profile) rules and groups of rules' },
    scores: {
      type: { t: 'map', of: { t: 'shape', shape: 'namedScore' }, fixed: { engagement: { t: 'shape', shape: 'bounds' }, fit: { t: 'shape', shape: 'bounds' } }, names: '^[a-z][a-z0-9_]*$' },
      doc: 'floors and ceilings of engagement and fit, and named scores with rules of their own (each adds a column <name>_score)',
    },
    grades: { type: { t: 'shape', shape: 'grades' }, doc: 'fit bands → letters A–D, engagement bands → digits 1–4; adds the grade column' },
    bant: { type: { t: 'shape', shape: 'bant' }, doc: 'the BANT criteria, each a condition' },
    disqualifiers: { type: { t: 'list', of: { t: 'shape', shape: 'disqualifier' } }, doc: 'checked first; the first that holds disqualifies the lead' },
    stages: { type: { t: 'list', of: { t: 'shape', shape: 'stage' }, minItems: 1 }, doc: 'the funnel, lowest first', required: true },
    priority: { type: { t: 'shape', shape: 'priority' }, doc: 'priority bands, highest first' },
    output: { type: { t: 'shape', shape: 'output' }, doc: 'output options' },
    dedupe: { type: { t: 'shape', shape: 'dedupe' }, doc: 'one row per lead: duplicates by a key column go to duplicates.csv' },
  },
  dedupe: {
    key: { type: column, doc: 'the column that identifies a lead, compared trimmed and ignoring case (e.g. email)', required: true },
    keep: { type: { t: 'enum', values: ['first', 'latest', 'highest_score'] }, doc: 'which row of a key is kept: the first in the file (default), the latest by `date`, or the highest score' },
    date: { type: column, doc: 'with keep: latest, the date column that decides (e.g. last_activity)' },
  },
  rule: {
    name: { type: text, doc: 'what the reasons column shows; unique', required: true },
    when: { type: { t: 'condition', results: false }, doc: 'the rule fires only when this holds' },
    points: { type: num, doc: 'signed points, at most two decimals', required: true },
    per: { type: column, doc: 'a count column: points are multiplied by its number' },
    repeat: { type: { t: 'oneOf', of: [{ t: 'enum', values: ['once', 'every'] }, { t: 'integer', minimum: 1 }] }, doc: 'with per: count once, every occurrence (default) or at most N times' },
    max: { type: size, doc: 'cap on the size of the rule\'s points, whatever their sign' },
    ...recency,
  },
  group: {
    group: { type: text, doc: 'the group\'s name, shown when its cap cuts points', required: true },
    rules: { type: { t: 'list', of: { t: 'shape', shape: 'rule' }, minItems: 1 }, doc: 'the rules of the group', required: true },
    max: { type: size, doc: 'cap on the size of the points of all its rules together' },
    ...recency,
  },
  decay: {
    half_life: { type: duration, doc: 'points halve every this many days, e.g. 30d' },
    step: { type: duration, doc: 'points are multiplied by factor once per full step, e.g. 30d' },
    factor: { type: { t: 'number', minimum: 0, exclusiveMaximum: 1 }, doc: 'with step: what is left after each step, e.g. 0.75 (−25%)' },
  },
  bounds: {
    floor: { type: num, doc: 'the score never goes below this' },
    ceiling: { type: num, doc: 'the score never goes above this' },
  },
  namedScore: {
    rules: { type: { t: 'list', of: ruleItem }, doc: 'the rules (and groups) of this score', required: true },
    floor: { type: num, doc: 'the score never goes below this' },
    ceiling: { type: num, doc: 'the score never goes above this' },
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
    name: { type: { t: 'string', pattern: '^[A-Za-z0-9_-]+$' }, doc: 'the stage name (also an output file name)', required: true },
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
    number: { type: { t: 'enum', values: Object.keys(NUMBER_PATTERNS) }, doc: 'thousands and decimal separators, written as an example: 1,234.56 or 1.234,56' },
    currency: { type: { t: 'boolean' }, doc: 'with number: a currency sign or code may stand before or after the number ($5, 5 €, USD 5)' },
    suffixes: { type: { t: 'boolean' }, doc: 'with number: K, M and B multiply by a thousand, a million, a billion ($342.09K)' },
    date: { type: { t: 'string' }, doc: `iso (default), excel (serial numbers) or a pattern such as MM/dd/yyyy; letters: ${DATE_PATTERN_HELP}` },
    multi: { type: { t: 'string' }, doc: 'the separator of a multi-value cell (; for HubSpot): text operators hold when any value does' },
  },
  output: {
    rename: {
      type: { t: 'map', of: text, fixed: Object.fromEntries([...RESULT_COLUMN_NAMES, GRADE_COLUMN].map((c) => [c, text])), extraKeys: '^[a-z][a-z0-9_]*_score$' },
      doc: 'new names for the result columns',
    },
  },
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
