/**
 * SIGINT, SIGTERM and SIGHUP end a run without replacing any output: the cleanup removes the
 * temporary files, then the process exits with 128 + the signal number (130, 143, 129).
 * Handlers run between synchronous steps, so a signal never lands inside the renames of a
 * commit: the outputs are either all replaced or all left as they were.
 */
import { EXIT } from '../model/errors.js';

const SIGNALS: [NodeJS.Signals, number][] = [['SIGINT', EXIT.sigint], ['SIGTERM', EXIT.sigterm], ['SIGHUP', EXIT.sighup]];

export function watchSignals(cleanup: () => void): () => void {
  const handlers = SIGNALS.map(([signal, code]) => {
    const handler = () => {
      try {
        cleanup();
        process.stderr.write(`\nleadq: interrupted by ${signal}; no output was replaced\n`);
      } finally {
        process.exit(code);
      }
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  return () => { for (const [signal, handler] of handlers) process.off(signal, handler); };
}
