/**
 * A YAML syntax error shown as a person needs it: the line with a caret under the place, and in
 * plain words what is probably wrong — a tab used for indentation, `points:5` without a space
 * after the colon, a quote or bracket never closed — besides the YAML library's own message.
 * Pure: the ruleset's text and the error's position in, lines of text out.
 */
import type { Pos } from './tree.js';

/** The excerpt and hint for a YAML problem at `pos`; '' when the position is outside the text. */
export function yamlExcerpt(source: string, pos: Pos, message: string): string {
  const lines = source.split(/\r\n|\n|\r/);
  if (pos.line < 1 || pos.line > lines.length) return '';
  const quote = /Missing closing (["'])/.exec(message)?.[1];
  const opened = quote ? openingQuote(lines, pos.line, quote) : undefined;
  const at = opened ?? pos;
  const hint = opened ? `the ${quote} quote opened on line ${opened.line} is never closed: close it${quote === "'" ? `, or write an apostrophe inside '…' twice (it''s), or use "…"` : ''}`
    : plainWords(lines, pos, message);
  return [...excerpt(lines, at), ...(hint ? [`  hint: ${hint}`] : [])].join('\n');
}

/** `  5 | text` and a caret under the column; tabs shown as → so the caret stays under its character. */
function excerpt(lines: string[], pos: Pos): string[] {
  const text = lines[pos.line - 1].replace(/\t/g, '→');
  const number = String(pos.line);
  const pad = ' '.repeat(number.length);
  return [`  ${number} | ${text}`, `  ${pad} | ${' '.repeat(Math.max(0, pos.col - 1))}^`];
}

/** What is probably wrong, from the line of the error and the one before it. */
function plainWords(lines: string[], pos: Pos, message: string): string | undefined {
  const near = [lines[pos.line - 1], lines[pos.line - 2]].filter((l): l is string => l !== undefined);
  if (near.some((l) => /^[ ]*\t/.test(l)) || /tab/i.test(message)) return 'a tab indents this line; YAML indents with spaces only (replace the tab with spaces)';
  for (const line of near) {
    // key:value with no space after the colon (not a URL, a time or a quoted text)
    const m = /^(\s*(?:-\s+)?)([A-Za-z_][\w -]*?):([^\s:/\\][^#]*?)\s*(?:#.*)?$/.exec(line);
    if (m && !/^\d+$/.test(m[2])) return `${JSON.stringify(`${m[2]}:${m[3]}`)} needs a space after the colon: ${m[2]}: ${m[3]}`;
  }
  if (/flow (sequence|mapping|collection)|end with a [\]}]|Expected a flow|Missing , or/i.test(message)) {
    return 'a [ or { is not closed with its ] or } (flow lists and mappings must end on the line, or be indented below their key)';
  }
  if (/Implicit map keys need to be followed by map values/i.test(message)) return 'a key needs a colon and a space before its value (key: value)';
  if (/indent/i.test(message)) return 'the indentation does not line up with the keys above: keys of one mapping start in the same column';
  return undefined;
}

/** The line and column of the quote that opens the unclosed text: the last unbalanced one before `line`. */
function openingQuote(lines: string[], line: number, quote: string): Pos | undefined {
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const l = lines[i];
    const count = [...l].filter((c) => c === quote).length;
    if (count % 2 === 1) return { line: i + 1, col: l.lastIndexOf(quote) + 1 };
  }
  return undefined;
}
