/** What commands may use of the process: message output and colour. Tests pass their own. */
import type { ChalkInstance } from 'chalk';

export interface Io {
  /** a command's own report (validate's findings, init's note); scored rows go through sinks */
  out: (text: string) => void;
  /** messages and the human summary (standard error) */
  err: (text: string) => void;
  errIsTTY: boolean;
  /** the terminal's width when standard error is one: tables and the progress line fit it */
  columns?: number;
  chalk: ChalkInstance;
  /** waits until standard output has taken everything written; throws its write error */
  flush?: () => Promise<void>;
}
