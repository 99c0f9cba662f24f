/**
 * The keys that describe the export rather than the rules: `columns.preset` (a CRM's standard
 * headers), `placeholders` (cells that mean "no value") and `formats` (how a column writes its
 * numbers, dates and multi-value cells). Patterns are compiled here once, so a bad one is an
 * error at its line, never a surprise on row 40 000.
 */
import { datePatternParser, NUMBER_PATTERNS, type ColumnFormat, type DateFormat } from '../model/formats.js';
import { didYouMean } from '../model/suggest.js';
import { keysOf } from './keys.js';
import { PRESET_NAMES } from './presets.js';
import { get, type Reader } from './reader.js';
import { describeNode, type Node } from './tree.js';
import type { ColumnFormatRef } from './types.js';

/** `preset:` inside `columns:`: one of the preset names. */
export function readPreset(r: Reader, node: Node): string | undefined {
  const name = r.string(node, '"columns.preset"');
  if (name === undefined) return undefined;
  if (PRESET_NAMES.includes(name)) return name;
  r.error(node.pos, `unknown preset "${name}"; expected one of ${PRESET_NAMES.join(', ')}${didYouMean(name, PRESET_NAMES)}`);
  return undefined;
}

/** `placeholders:` a list of texts; `[]` turns placeholders off. */
export function readPlaceholders(r: Reader, node: Node): string[] | undefined {
  if (node.kind === 'seq' && node.items.length === 0) return [];
  return r.strings(node, '"placeholders"');
}

/** `formats:` column name → { number, currency, suffixes, date, multi }. */
export function readFormats(r: Reader, node: Node): Map<string, ColumnFormatRef> {
  const out = new Map<string, ColumnFormatRef>();
  const map = r.map(node, '"formats"');
  for (const [name, entry] of map?.entries ?? []) {
    const what = `the format of "${name}"`;
    const spec = r.map(entry.node, what, keysOf('format'));
    if (!spec) continue;
    const format: ColumnFormat = {};
    const numberNode = get(spec, 'number');
    const currencyNode = get(spec, 'currency');
    const suffixesNode = get(spec, 'suffixes');
    const pattern = numberNode ? readNumberPattern(r, numberNode) : undefined;
    const currency = currencyNode ? r.boolean(currencyNode, '"currency"') : undefined;
    const suffixes = suffixesNode ? r.boolean(suffixesNode, '"suffixes"') : undefined;
    // currency or suffixes alone: plain digits with a decimal point around them
    if (pattern !== undefined || ((currency || suffixes) && !numberNode)) {
      format.number = { pattern: pattern ?? '1234.56', currency: currency ?? false, suffixes: suffixes ?? false };
    }
    const dateNode = get(spec, 'date');
    if (dateNode) format.date = readDateFormat(r, dateNode);
    const multiNode = get(spec, 'multi');
    if (multiNode) {
      const multi = multiNode.kind === 'scalar' && typeof multiNode.value === 'string' && multiNode.value.trim() !== '' ? multiNode.value.trim() : undefined;
      if (multi === undefined) r.error(multiNode.pos, `"multi" is the separator of the values in one cell, e.g. ";"; got ${describeNode(multiNode)}`);
      else format.multi = multi;
    }
    if (spec.entries.size === 0) r.error(spec.pos, `${what} is empty; give number, date or multi`);
    out.set(name, { ...format, column: { name, pos: entry.keyPos } });
  }
  return out;
}

function readNumberPattern(r: Reader, node: Node): string | undefined {
  const patterns = Object.keys(NUMBER_PATTERNS);
  // `number: 1234.56` unquoted is a YAML number; its text as written is the pattern
  const text = node.kind === 'scalar' && node.value !== null ? String(node.text ?? node.value) : undefined;
  if (text !== undefined && patterns.includes(text)) return text;
  r.error(node.pos, `"number" names the separators by example; expected one of ${patterns.join(', ')}; got ${describeNode(node)}${text ? didYouMean(text, patterns) : ''}`);
  return undefined;
}

function readDateFormat(r: Reader, node: Node): DateFormat | undefined {
  const text = r.string(node, '"date"');
  if (text === undefined) return undefined;
  if (text === 'iso' || text === 'excel') return { kind: text };
  const compiled = datePatternParser(text);
  if ('error' in compiled) {
    r.error(node.pos, `the date pattern ${JSON.stringify(text)} is not valid: ${compiled.error}${/^[a-z]+$/.test(text) ? didYouMean(text, ['iso', 'excel']) : ''}`);
    return undefined;
  }
  return { kind: 'pattern', pattern: text };
}
