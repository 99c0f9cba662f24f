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
  // run time: exit 1, no output replaced
  | 'INPUT_READ'
  | 'INPUT_EMPTY'
  | 'INPUT_ENCODING'
  | 'INPUT_CSV'
  | 'INPUT_HEADER'
  | 'SPEND_INVALID'
  | 'OUTPUT_WRITE'
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

  /** `file:line:col message` — the form editors and terminals turn into links. */
  format(): string {
    return formatLocated(this.message, this.file, this.line, this.col) + (this.hint ? `\n  hint: ${this.hint}` : '');
  }
}

export function formatLocated(message: string, file?: string, line?: number, col?: number): string {
  if (!file) return line ? `line ${line}: ${message}` : message;
  const where = [file, line, line ? col : undefined].filter((p) => p !== undefined).join(':');
  return `${where} ${message}`;
}

const USAGE_CODES = new Set<ErrorCode>([
  'USAGE', 'RULES_READ', 'RULES_YAML', 'RULES_INVALID', 'RULES_COLUMN_MISSING',
  'OUTPUT_COLLISION', 'OUTPUT_IS_INPUT', 'INIT_EXISTS',
]);

/** The documented exit codes, in one place. */
export const EXIT = { ok: 0, runtime: 1, usage: 2, rejected: 3, sigint: 130, sigterm: 143 } as const;

export function exitCodeFor(error: LeadqError): number {
  if (error.code === 'INTERRUPTED') return EXIT.sigint;
  return USAGE_CODES.has(error.code) ? EXIT.usage : EXIT.runtime;
}

/** Messages quote data from exports; control characters must not reach the terminal raw. */
export function quoteData(value: string, max = 60): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  // eslint-disable-next-line no-control-regex
  return `"${cut.replace(/[\u0000-\u001f\u007f-\u009f"\\]/g, escapeChar)}"`;
}

function escapeChar(c: string): string {
  if (c === '"' || c === '\\') return `\\${c}`;
  return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
}
