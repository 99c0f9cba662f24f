/** Line and character (1-based) of the end of `text`, counting lines from `line`. */
export function locateIn(text: string, line: number): { line: number; col: number } {
  let lastBreak = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) { line++; lastBreak = i; }
  }
  return { line, col: text.length - lastBreak };
}
