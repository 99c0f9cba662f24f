/** The lines a diff leaves on standard error: the tally, and keys that repeat or are empty. */
import type { Oddities } from '../diff/compare.js';
import { CHANGE_COLUMNS } from './changes.js';
import type { Tally } from '../diff/tally.js';
import { escapeControls, quoteData } from '../model/errors.js';

/** `leadq: 12 entered sql, 3 left sql; 40 new, …; 52 changes written` */
export function tallyLine(tally: Tally, prefix = ''): string {
  return `leadq: ${prefix}${tally.line()}\n`;
}

/** One warning per kind of oddity of a file, with the first examples and both lines of each repeat. */
export function oddityWarnings(file: string, odd: Oddities, key: string): string {
  let out = '';
  const where = escapeControls(file);
  if (odd.repeats > 0) {
    const shown = odd.examples.map((r) => `${quoteData(r.key)} at lines ${r.first} and ${r.line}`).join(', ');
    out += `leadq: warning: ${where}: ${odd.repeats} row${odd.repeats === 1 ? ' repeats' : 's repeat'} the ${quoteData(key)} of an earlier row and ${odd.repeats === 1 ? 'was' : 'were'} left out (the first row of a key counts): ${shown}${odd.repeats > odd.examples.length ? ', …' : ''}\n`;
  }
  if (odd.emptyKeys > 0) {
    out += `leadq: warning: ${where}: ${odd.emptyKeys} row${odd.emptyKeys === 1 ? ' has' : 's have'} an empty ${quoteData(key)} and cannot be matched; left out (first at line ${odd.firstEmpty})\n`;
  }
  return out;
}

/** A lead column named like one of the diff's own (an export with a `change` column): both are written. */
export function columnClashWarning(leadHeader: string[]): string {
  const own = new Set<string>(CHANGE_COLUMNS);
  const clash = leadHeader.filter((h) => own.has(h));
  if (clash.length === 0) return '';
  return `leadq: warning: the export has ${clash.length === 1 ? 'a column' : 'columns'} named like the diff's own (${clash.map((c) => quoteData(c)).join(', ')}); the output has both, the diff's first\n`;
}
