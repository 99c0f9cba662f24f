/**
 * SIGINT, SIGTERM and SIGHUP end a run without replacing any output: the cleanup removes the
 * temporary files, then the process exits with 128 + the signal number (130, 143, 129).
 */
const SIGNALS: [NodeJS.Signals, number][] = [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]];

export function watchSignals(cleanup: () => void): () => void {
  const handlers = SIGNALS.map(([signal, code]) => {
    const handler = () => {
      cleanup();
      process.stderr.write(`\nleadq: interrupted by ${signal}; no output was replaced\n`);
      process.exit(code);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  return () => { for (const [signal, handler] of handlers) process.off(signal, handler); };
}
