/**
 * `formats:` (how a column writes its numbers, dates and multi-value cells). The key table checked
 * each value (the number pattern is one of NUMBER_PATTERNS, currency and suffixes are true or
 * false, a format is not empty); a date pattern is compiled here once, so a bad one is an error at
 * its line, never a surprise on row 40 000.
 */
import { DATE_FORMAT_NAMES, datePatternParser, isDateFormatName, type ColumnFormat, type DateFormat } from '../model/formats.js';
import { didYouMean } from '../model/suggest.js';
import { get, type Reader } from './reader.js';
import type { MapNode, Node } from './tree.js';
import type { ColumnFormatRef } from './types.js';
import { readValue } from './validate-value.js';

/** `formats:` column name → { number, currency, suffixes, date, multi }. */
export function readFormats(r: Reader, map: MapNode): Map<string, ColumnFormatRef> {
  const out = new Map<string, ColumnFormatRef>();
  for (const [name, entry] of map.entries) {
    const spec = entry.node;
    if (spec.kind !== 'map') continue;
    const format: ColumnFormat = {};
    const pattern = readValue<string>(spec, 'format', 'number');
    const currency = readValue<boolean>(spec, 'format', 'currency');
    const suffixes = readValue<boolean>(spec, 'format', 'suffixes');
    // currency or suffixes alone: plain digits with a decimal point around them
    if (pattern !== undefined || ((currency || suffixes) && !get(spec, 'number'))) {
      format.number = { pattern: pattern ?? '1234.56', currency: currency ?? false, suffixes: suffixes ?? false };
    }
    const date = readValue<string>(spec, 'format', 'date');
    if (date !== undefined) format.date = readDateFormat(r, get(spec, 'date')!, date);
    const multi = readValue<string>(spec, 'format', 'multi');
    if (multi !== undefined) format.multi = multi.trim();
    out.set(name, { ...format, column: { name, pos: entry.keyPos } });
  }
  return out;
}

const UNIX_NAMES_HELP = 'Unix timestamps are date: unix for seconds (1730419200) or date: unix_ms for milliseconds (1730419200000)';

function readDateFormat(r: Reader, node: Node, text: string): DateFormat | undefined {
  if (isDateFormatName(text)) return { kind: text };
  const compiled = datePatternParser(text);
  if ('error' in compiled) {
    // a word, not a pattern: a misspelt name (exel, Unix) is the likelier mistake; for a Unix
    // timestamp the unit matters more than the spelling (unix_s is one letter from unix_ms)
    const named = /^(unix|epoch|posix)/i.test(text) ? `; ${UNIX_NAMES_HELP}`
      : /^[A-Za-z_]+$/.test(text) ? didYouMean(text, DATE_FORMAT_NAMES) : '';
    r.error(node.pos, 'DATE_PATTERN_INVALID', `the date pattern ${JSON.stringify(text)} is not valid: ${compiled.error}${named}`);
    return undefined;
  }
  return { kind: 'pattern', pattern: text };
}
