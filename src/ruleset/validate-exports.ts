/**
 * The keys that say how an export is read and how outputs are written back (keys-exports.ts):
 * `input:`, `sources:`, the file form of `spend:` and `output.encoding` / `output.escape_formulas`.
 * The key table checked each value; what is here is what a type cannot say: an encoding leadq
 * can decode, a footer pattern RE2 can run, and source spellings that mean one source each.
 */
import { footerTest } from '../model/footer.js';
import type { NumberFormat } from '../model/formats.js';
import { WINDOWS_1252_LABELS, type OutputEncoding } from '../model/encodings.js';
import { get, type Reader } from './reader.js';
import type { MapNode } from './tree.js';
import type { InputSettings, Ruleset, SpendFileRef } from './types.js';
import { readAs, readValue } from './validate-value.js';

/** `input:` → the settings; an unknown encoding or a footer RE2 cannot run is an error at its line. */
export function readInputSettings(r: Reader, map: MapNode | undefined): InputSettings {
  const out: InputSettings = {};
  if (!map) return out;
  const encoding = readValue<string>(map, 'input', 'encoding');
  if (encoding !== undefined) {
    if (knownEncoding(encoding)) out.encoding = encoding.trim();
    else r.error(get(map, 'encoding')!.pos, 'INPUT_ENCODING_UNKNOWN', `unknown encoding ${JSON.stringify(encoding)}; try utf-8, utf-16le, utf-16be or windows-1252`);
  }
  const delimiter = readValue<string>(map, 'input', 'delimiter');
  if (delimiter !== undefined) out.delimiter = delimiter === 'tab' ? '\t' : delimiter;
  const skip = readValue<number>(map, 'input', 'skip_lines');
  if (skip !== undefined) out.skipLines = skip;
  const footer = readValue<string>(map, 'input', 'footer');
  if (footer !== undefined) {
    try {
      footerTest(footer);
      out.footer = footer;
    } catch (error) {
      r.error(get(map, 'footer')!.pos, 'REGEX_INVALID', `invalid regular expression ${JSON.stringify(footer)}: ${(error as Error).message}`);
    }
  }
  return out;
}

/** Whether leadq can read text in this encoding (the labels input/csv/decode.ts accepts). */
function knownEncoding(label: string): boolean {
  const name = label.trim().toLowerCase();
  if (WINDOWS_1252_LABELS.has(name)) return true;
  try { new TextDecoder(name); return true; } catch { return false; }
}

/**
 * `sources:` canonical spelling → the spellings that mean it. Returns each spelling's key (trimmed,
 * lower case; the canonical one's too) → the canonical spelling as written. A spelling listed under
 * two sources, or one that is itself another canonical source (a chain), is an error.
 */
export function readSources(r: Reader, map: MapNode | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!map) return out;
  const key = (s: string) => s.trim().toLowerCase();
  const canonical = new Map<string, string>();
  for (const name of map.entries.keys()) if (name.trim() !== '') canonical.set(key(name), name.trim());
  for (const [name, entry] of map.entries) {
    const spellings = readAs<string[]>(entry.node, { t: 'strings' });
    if (spellings === undefined || name.trim() === '') continue;
    out.set(key(name), name.trim());
    const items = entry.node.kind === 'seq' ? entry.node.items : [entry.node];
    spellings.forEach((spelling, i) => {
      const k = key(spelling);
      const pos = items[i]?.pos ?? entry.node.pos;
      const other = canonical.get(k);
      if (other !== undefined && k !== key(name)) {
        r.error(pos, 'SOURCE_SPELLING_IS_SOURCE', `${JSON.stringify(spelling)} is a source of its own in "sources"; list its spellings under one name (chains are not followed)`);
        return;
      }
      const before = out.get(k);
      if (before !== undefined && k !== key(name) && before !== name.trim()) {
        r.error(pos, 'SOURCE_SPELLING_TWICE', `the spelling ${JSON.stringify(spelling)} is listed under ${JSON.stringify(before)} and ${JSON.stringify(name.trim())}; it can mean only one source`);
        return;
      }
      out.set(k, name.trim());
    });
  }
  return out;
}

/** `spend: { file, source, amount, format }` (the key table chose this branch by `file`). */
export function readSpendFileRef(map: MapNode): SpendFileRef | undefined {
  const file = readValue<string>(map, 'spendFile', 'file');
  if (file === undefined) return undefined;
  const out: SpendFileRef = { file, pos: map.pos };
  const source = readValue<string>(map, 'spendFile', 'source');
  if (source !== undefined) out.source = source;
  const amount = readValue<string>(map, 'spendFile', 'amount');
  if (amount !== undefined) out.amount = amount;
  const format = get(map, 'format');
  if (format?.kind === 'map') {
    const pattern = readValue<string>(format, 'amountFormat', 'number');
    out.format = {
      pattern: pattern ?? '1234.56',
      currency: readValue<boolean>(format, 'amountFormat', 'currency') ?? false,
      suffixes: readValue<boolean>(format, 'amountFormat', 'suffixes') ?? false,
    } satisfies NumberFormat;
  }
  return out;
}

/** `output.encoding` and `output.escape_formulas`. */
export function readOutputSettings(map: MapNode | undefined): Ruleset['outputSettings'] {
  if (!map) return {};
  const encoding = readValue<OutputEncoding>(map, 'output', 'encoding');
  const escape = readValue<boolean>(map, 'output', 'escape_formulas');
  return { ...(encoding !== undefined ? { encoding } : {}), ...(escape !== undefined ? { escapeFormulas: escape } : {}) };
}
