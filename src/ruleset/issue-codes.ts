/**
 * The stable code of every kind of ruleset problem, `AREA_REASON`, with one line saying what it
 * means. Tests and scripts match on these codes, never on the wording of a message; docs/rules.md
 * lists the same table (a test keeps the two equal). The error that stops a run keeps its own
 * code (RULES_YAML, RULES_INVALID, RULES_COLUMN_MISSING) for the exit status.
 *
 * The first group is what the generic checker derives from the key table (keys.ts), which the
 * JSON Schema is generated from too; the others are the hand-written rules the schema cannot say.
 */
export const RULESET_CODES = {
  // the key table: what the JSON Schema says too
  KEY_UNKNOWN: 'a key the mapping does not have (a typo such as pionts for points)',
  KEY_REQUIRED: 'a required key is missing (a rule without points, a ruleset without stages)',
  KEY_INVALID: 'a key of a free mapping is not a valid name (a named score with capitals)',
  KEY_RESERVED: 'a key of a free mapping is a name leadq uses itself (a named score called total)',
  VALUE_TYPE: 'the wrong kind of value: text, a number, a whole number, true/false, a list or a mapping was expected',
  VALUE_EMPTY: 'empty text where a name or a column is needed',
  VALUE_ENUM: 'not one of the allowed values (counts_as: sqll, keep: newest, an unknown preset)',
  VALUE_RANGE: 'a number (or a duration) below its least or above its greatest value (a negative max, factor: 1)',
  VALUE_DECIMALS: 'more than two decimals where scores are kept to cents (points: 2.555)',
  VALUE_PATTERN: 'text that does not have the required form (a stage name with spaces)',
  VALUE_RESERVED: 'a name leadq uses itself (a stage called disqualified or summary)',
  DATE_INVALID: 'not a calendar date written YYYY-MM-DD (as_of: 2026-02-30)',
  DURATION_INVALID: 'not a number of days or weeks (window: 90, window: 3 months)',
  LIST_EMPTY: 'a list that must hold at least one item is empty (stages: [])',
  LIST_LENGTH: 'a list with the wrong number of items (between: [1, 5, 10])',
  MAPPING_EMPTY: 'a mapping that must hold at least one key is empty (a format: {})',
  GROUP_NESTED: 'a group of rules inside a group of rules',

  // conditions and operators
  CONDITION_FORM_MISSING: 'a condition with none of all, any, not, condition, column, score, criteria, stage, grade',
  CONDITION_EXTRA_KEY: 'a key beside all, any, not, condition, criteria, stage or grade',
  CONDITION_RESULTS_ONLY: 'a score, criteria, stage or grade test outside stages and priority bands',
  CONDITION_UNKNOWN_NAME: '`condition:` names no condition of `conditions:`',
  CONDITION_CYCLE: 'a named condition that refers to itself, directly or through others',
  CONDITION_UNUSED: 'warning: a named condition that nothing uses',
  OPERATOR_MISSING: 'a column test without an operator',
  OPERATOR_MULTIPLE: 'a column test with more than one operator',
  OPERATOR_UNKNOWN: 'not an operator (gte_, greater_than, betwen)',
  SCORE_OPERATOR_INVALID: 'a score test without exactly one of equals, not_equals, gt, gte, lt, lte, between',
  SCORE_UNKNOWN: 'a score test or priority.score naming no score',
  RANGE_ORDER: 'between: [low, high] with low above high',
  REGEX_INVALID: 'a matches pattern (or input.footer) that does not compile in RE2 syntax (linear time)',
  BANT_UNKNOWN: 'a criterion other than budget, authority, need, timeline',
  BANT_UNDEFINED: 'a stage or priority band needs a BANT criterion that bant: does not define',
  GRADE_UNKNOWN: 'a grade test value that is no grade (E1)',
  GRADES_MISSING: 'a grade test in a ruleset without grades:',

  // rules, groups, recency
  RULE_NAME_DUPLICATE: 'two rules with the same name (across all rule lists)',
  RULE_ALWAYS_FIRES: 'a rule with neither when nor per',
  NAME_SEPARATOR: 'a rule or group name with ";", which separates the reasons',
  REPEAT_WITHOUT_PER: 'repeat on a rule without per',
  RECENCY_WITHOUT_DATE: 'window or decay on a rule (or group) without date',
  DATE_UNUSED: 'date on a rule or group that neither window nor decay reads',
  DECAY_FORM: 'decay that is neither { half_life } nor { step, factor }',
  GROUP_NAME_DUPLICATE: 'two groups with the same name',
  GROUP_SHARES_NOTHING: 'warning: a group with no max, window or decay',

  // scores and grades
  SCORE_BOUNDS_ORDER: 'a floor above its ceiling',
  GRADE_THRESHOLD_ORDER: 'grade thresholds that do not fall from A to C (or 1 to 3)',

  // stages, cost metrics, priority
  STAGE_NAME_DUPLICATE: 'two stages with the same name (ignoring case)',
  STAGE_WHEN_MISSING: 'a stage above the lowest without when',
  STAGE_WHEN_IGNORED: 'warning: when on the lowest stage, which every lead reaches',
  STAGE_UNKNOWN: 'a stage test naming no stage',
  STAGE_ORDER: 'a stage test naming the stage itself or a higher stage',
  STAGE_THRESHOLD_ORDER: 'a higher stage demanding a lower score than a stage below it',
  COST_STAGE_DUPLICATE: 'two stages that count as the same cost metric',
  COST_STAGE_SQL_MISSING: 'warning (validate): no stage counts as SQL, so CPSQL is not available',
  PRIORITY_BAND_ORDER: 'plain priority bands whose minimums do not fall',
  PRIORITY_MIN_MISSING: 'a priority band without min or when before the last band',

  // output, dedupe, formats
  RENAME_WITHOUT_GRADES: 'warning: output.rename renames grade, but the ruleset defines no grades',
  RENAME_WITHOUT_ACCOUNTS: 'warning: output.rename renames an account column, but the ruleset defines no accounts',
  RENAME_WITHOUT_COMPLETENESS: 'warning: output.rename renames the completeness column, but the ruleset defines no completeness',
  DEDUPE_DATE_MISSING: 'dedupe keep: latest without date',
  DEDUPE_DATE_IGNORED: 'warning: dedupe date with keep other than latest',
  DATE_PATTERN_INVALID: 'a formats date pattern that is not valid (MM/dd without a year)',

  // input settings, lead sources
  INPUT_ENCODING_UNKNOWN: 'input.encoding names no encoding leadq can read (windows-1525)',
  SOURCE_SPELLING_TWICE: 'a spelling listed under two sources in sources:',
  SOURCE_SPELLING_IS_SOURCE: 'a spelling in sources: that is itself a source of sources: (chains are not followed)',
  // related files and their derived columns
  RELATED_AGGREGATE: 'a derived column without exactly one of count, exists, distinct_days, sum, min, max, first, last (or with count: false)',
  RELATED_OPTION: 'an option that does not apply to the derived column\'s aggregate (decay on max, per_day_max on sum)',
  RELATED_CONDITION: 'a named condition inside a related file\'s condition (named conditions test the export\'s columns)',
  RELATED_NAME_DUPLICATE: 'two derived columns with the same name (across all related files)',
  RELATED_NAME_CLASH: 'a derived column named like a name of columns: (a preset\'s standard names too), a header of the export or a column leadq appends to the output (score, stage, reasons, …)',
  RELATED_FILE: 'a related file that cannot be read (validate --input)',
  ACCOUNT_FILE: 'an account file that cannot be read, or lacks a column the ruleset names (validate --input)',
  RELATED_KIND: 'a derived column read as what it is not (a text operator on a count, per on a date), or where only export columns may stand',
  // accounts and completeness
  ACCOUNT_KEY_MISSING: 'accounts: without id_column, domain or company: nothing to group leads by',
  ACCOUNT_COLUMN: 'an account rule or stage reading a column that is no account value (account rules read account_* values only)',
  ACCOUNT_CONDITION: 'a named condition inside an account rule or stage (named conditions test a lead)',
  ACCOUNT_CYCLE: 'an account value read where it is not known yet (a lead score, BANT, engaged or a role), or engaged testing a lead stage',
  ACCOUNT_NAME_CLASH: 'an account value or completeness named like a header of the export, a name of columns: or a derived column',
  ACCOUNT_ROLES_TOO_MANY: 'more than 30 buying-group roles',
  ACCOUNT_DOMAIN_DUPLICATE: 'a column listed twice in accounts.domain',
  ACCOUNT_DOMAIN_FORM: 'warning: an accounts.domain column read in the form its name contradicts (a website column read as emails, an email column as urls)',

  // the ruleset against an export's header (validate --input, score, explain)
  COLUMN_MISSING: 'a column a rule names is not in the export',
  COLUMN_AMBIGUOUS: 'a column a rule names matches several headers ignoring case',
  COLUMN_REPEATED: 'a column a rule reads appears more than once in the header',
  COLUMN_REPEATED_UNREAD: 'warning: a header name appears more than once, and no rule reads it',
  COLUMN_VALUES_UNPARSED: 'warning (validate --input): values a rule reads that do not parse in the first rows',
  INPUT_ROWS_REJECTED: 'validate --input: more than half of the first rows would be rejected (the wrong width: title lines not skipped, the wrong delimiter), which leadq score refuses',
  OUTPUT_COLLISION: 'a result column whose name the export already has',

  // YAML, before validation (the run stops at the first)
  YAML_SYNTAX: 'the file is not valid YAML (an unclosed bracket or quote, a tab as indentation)',
  YAML_DUPLICATE_KEY: 'a key written twice in one mapping',
  YAML_TAG: 'a tag such as !include',
  YAML_VERSION: 'a %YAML directive other than 1.2',
  YAML_DOCUMENTS: 'several YAML documents in one file',
  YAML_EMPTY: 'an empty file, or comments only',
  YAML_ALIAS: 'an alias without its anchor, or inside its own anchor',
  YAML_TOO_LARGE: 'aliases that expand to more than 50,000 values',
  YAML_KEY_TYPE: 'a key that is not plain text (a list, a mapping, true, null)',
  YAML_VALUE_TYPE: 'a value that is not text, a number, true/false, a list or a mapping (!!binary)',
} as const;

export type RulesetCode = keyof typeof RULESET_CODES;
