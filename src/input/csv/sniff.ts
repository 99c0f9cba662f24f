/** Guesses the delimiter from the header line: the candidate seen most often outside quotes. */
export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

export function sniffDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITER_CANDIDATES.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** The text up to the first line break outside quotes, or undefined if there is none yet. */
export function firstLine(text: string): string | undefined {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (i === 0) continue; // blank leading line
      return text.slice(0, i);
    }
  }
  return undefined;
}
