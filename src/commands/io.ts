/** What commands may use of the process: message output and colour. Tests pass their own. */
import type { ChalkInstance } from 'chalk';

export interface Io {
  /** a command's own report (validate's findings, init's note); scored rows go through sinks */
  out: (text: string) => void;
  /** messages and the human summary (standard error) */
  err: (text: string) => void;
  errIsTTY: boolean;
  chalk: ChalkInstance;
  /** waits until standard output has taken everything written; throws its write error */
  flush?: () => Promise<void>;
}
