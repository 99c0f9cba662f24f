/**
 * One error class for everything leadq reports to a user. The code is stable (tests and scripts
 * match on it); the message is for people. Positions are 1-based.
 */
export type ErrorCode =
  // usage and ruleset: exit 2, nothing read
  | 'USAGE'
  | 'RULES_READ'
  | 'RULES_YAML'
  | 'RULES_INVALID'
  | 'RULES_COLUMN_MISSING'
  | 'OUTPUT_COLLISION'
  | 'OUTPUT_IS_INPUT'
  | 'INIT_EXISTS'
  /** diff: the key column is not in both files, or no column looks like one */
  | 'DIFF_KEY_MISSING'
  /** diff: a file lacks the columns `leadq score` appends (stage, score, priority, reasons) */
  | 'DIFF_NOT_SCORED'
  /** leadq sql: a rule with no faithful form in the dialect */
  | 'SQL_UNSUPPORTED'
  // run time: exit 1, no output replaced
  | 'INPUT_READ'
  | 'INPUT_EMPTY'
  | 'INPUT_ENCODING'
  | 'INPUT_CSV'
  | 'INPUT_NOT_CSV'
  | 'INPUT_HEADER'
  | 'LEAD_NOT_FOUND'
  | 'INPUT_REJECTS'
  | 'INPUT_WARNINGS'
  | 'SPEND_INVALID'
  | 'OUTPUT_WRITE'
  /** diff: a stage that is not on the ladder (the files were scored with other stages) */
  | 'DIFF_STAGES'
  /** diff: a result cell that is not what leadq score writes (a score that is not a number) */
  | 'DIFF_VALUE'
  | 'INTERRUPTED';

export interface ErrorContext {
  file?: string;
  line?: number;
  col?: number;
  /** a short hint shown after the message */
  hint?: string;
}

export class LeadqError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, context: ErrorContext = {}) {
    super(message);
    this.name = 'LeadqError';
    this.code = code;
    this.file = context.file;
    this.line = context.line;
    this.col = context.col;
    this.hint = context.hint;
  }

  /** `file:line:col message [CODE]` — the form editors and terminals turn into links; scripts match the code. */
  format(): string {
    return `${formatLocated(this.message, this.file, this.line, this.col)} [${this.code}]${this.hint ? `\n  hint: ${this.hint}` : ''}`;
  }
}

export function formatLocated(message: string, file?: string, line?: number, col?: number): string {
  if (!file) return line ? `line ${line}: ${message}` : message;
  // a file name can come from a glob over uploaded files: no control characters to the terminal
  const where = [escapeControls(file), line, line ? col : undefined].filter((p) => p !== undefined).join(':');
  return `${where} ${message}`;
}

const USAGE_CODES = new Set<ErrorCode>([
  'USAGE', 'RULES_READ', 'RULES_YAML', 'RULES_INVALID', 'RULES_COLUMN_MISSING',
  'OUTPUT_COLLISION', 'OUTPUT_IS_INPUT', 'INIT_EXISTS', 'DIFF_KEY_MISSING', 'DIFF_NOT_SCORED', 'SQL_UNSUPPORTED',
]);

/** The documented exit codes, in one place. `changes`: diff --exit-code found a change. */
export const EXIT = { ok: 0, runtime: 1, changes: 1, usage: 2, rejected: 3, sighup: 129, sigint: 130, sigterm: 143 } as const;

export function exitCodeFor(error: LeadqError): number {
  if (error.code === 'INTERRUPTED') return EXIT.sigint;
  return USAGE_CODES.has(error.code) ? EXIT.usage : EXIT.runtime;
}

/**
 * `leadq diff --exit-code` answers like diff(1): 0 no change, 1 changes, 2 trouble. A failure
 * that exits 1 elsewhere exits 2 there, so a cron job never takes a failed run for changes;
 * usage errors stay 2 and signals keep their codes.
 */
export function troubleCode(code: number): number {
  return code === EXIT.runtime ? EXIT.usage : code;
}

// C0 and C1 controls (ESC starts terminal sequences), and the bidi controls that reorder shown text
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const QUOTED_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"\\]/g;

/** Messages quote data from exports; control characters must not reach the terminal raw. */
export function quoteData(value: string, max = 60): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return `"${cut.replace(QUOTED_UNSAFE, escapeChar)}"`;
}

/** The same without the quotes, for text that is shown as it is (table cells, file names). */
export function escapeControls(value: string): string {
  return value.replace(UNSAFE, escapeChar);
}

function escapeChar(c: string): string {
  if (c === '"' || c === '\\') return `\\${c}`;
  const code = c.charCodeAt(0);
  return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
}
