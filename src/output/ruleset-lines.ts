/**
 * The ruleset settings an inspected export calls for, as data and as YAML lines: how to read it
 * (`input:` encoding, delimiter, title lines, footer), the preset, `formats:`, placeholders the
 * built-in list lacks, the lead source column and its spellings to merge (`sources:`). Shared by
 * `leadq inspect` (the lines to add) and `leadq init --from` (the starter ruleset). Pure.
 */
import { DEFAULT_PLACEHOLDERS } from '../input/values/formats.js';
import type { SuggestedFormat } from '../input/profile.js';
import type { Inspection } from './inspect-report.js';

export interface InputSettings {
  encoding?: string;
  delimiter?: string;
  skip_lines?: number;
  footer?: string;
}

export interface RulesetLines {
  input: InputSettings;
  /** the same settings as command-line options (`--encoding windows-1252 --skip-lines 2`); footer has none */
  options: string[];
  preset: string | null;
  /** rule name → format, for the columns that need one */
  formats: [string, SuggestedFormat][];
  /** the full placeholder list when the export has words for "no value" that the built-in one lacks */
  placeholders: string[] | null;
  sourceColumn: string | null;
  /** spelling to keep → spellings mapped onto it */
  sources: [string, string[]][];
}

/** What an export needs; `nameOf` gives the name a column goes by in the ruleset. */
export function rulesetLines(x: Inspection, nameOf: (column: number) => string): RulesetLines {
  const input: InputSettings = {};
  const options: string[] = [];
  // a byte-order mark says UTF-16 itself; an 8-bit encoding must be named
  if (x.encoding.decidedBy === 'guess' || (x.encoding.decidedBy === 'option' && !/^utf-?8$/i.test(x.encoding.encoding) && !x.encoding.encoding.startsWith('utf-16'))) {
    input.encoding = x.encoding.encoding;
    options.push(`--encoding ${x.encoding.encoding}`);
  }
  if (x.delimiter !== ',') {
    input.delimiter = x.delimiter;
    // sniffed from the header, it is found again without the option
    if (x.delimiterGiven) options.push(`--delimiter ${x.delimiter === '\t' ? 'tab' : `'${x.delimiter}'`}`);
  }
  if (x.skipLines > 0) {
    input.skip_lines = x.skipLines;
    options.push(`--skip-lines ${x.skipLines}`);
  }
  if (x.footer?.pattern && !x.presetFooter) input.footer = x.footer.pattern;

  const formats = x.columns.flatMap((c, i): [string, SuggestedFormat][] => (c.format ? [[nameOf(i), c.format]] : []));
  const extra = [...new Set(x.columns.flatMap((c) => Object.keys(c.newPlaceholders)))];
  const sources = (x.sources?.groups ?? [])
    .map((g): [string, string[]] => [g.canonical.value, g.variants.filter((v) => !v.sameSource).map((v) => v.value)])
    .filter(([, variants]) => variants.length > 0);
  return {
    input, options, preset: x.preset?.name ?? null, formats,
    placeholders: extra.length > 0 ? [...DEFAULT_PLACEHOLDERS, ...extra] : null,
    sourceColumn: x.sourceColumn === null ? null : nameOf(x.sourceColumn.index),
    sources,
  };
}

/** The `input:` lines. */
export function inputLines(l: RulesetLines): string[] {
  const entries = Object.entries(l.input) as [keyof InputSettings, string | number][];
  if (entries.length === 0) return [];
  return ['input:', ...entries.map(([k, v]) => `  ${k}: ${typeof v === 'number' ? v : yamlScalar(v, k !== 'encoding')}`)];
}

/** The `sources:` lines. */
export function sourcesLines(l: RulesetLines): string[] {
  if (l.sources.length === 0) return [];
  return ['sources:', ...l.sources.map(([keep, variants]) => `  ${yamlScalar(keep)}: [${variants.map((v) => yamlScalar(v)).join(', ')}]`)];
}

/** `formats:` and `placeholders:` lines. */
export function formatLines(l: RulesetLines): string[] {
  const out: string[] = [];
  if (l.formats.length > 0) {
    out.push('formats:');
    for (const [name, f] of l.formats) out.push(`  ${yamlScalar(name)}: ${inlineFormat(f)}`);
  }
  if (l.placeholders) out.push(`placeholders: [${l.placeholders.map((p) => yamlScalar(p, true)).join(', ')}]`);
  return out;
}

/** Everything, in the order a ruleset has it: the lines `leadq inspect` ends with. */
export function allLines(l: RulesetLines): string[] {
  return [
    ...inputLines(l),
    ...(l.preset ? [`columns: { preset: ${l.preset} }`] : []),
    ...formatLines(l),
    ...(l.sourceColumn ? [`source_column: ${yamlScalar(l.sourceColumn)}`] : []),
    ...sourcesLines(l),
  ];
}

export function inlineFormat(f: SuggestedFormat): string {
  const parts: string[] = [];
  if (f.number !== undefined) parts.push(`number: ${quoted(f.number)}`);
  if (f.currency) parts.push('currency: true');
  if (f.suffixes) parts.push('suffixes: true');
  if (f.date !== undefined) parts.push(`date: ${quoted(f.date)}`);
  if (f.multi !== undefined) parts.push(`multi: ${quoted(f.multi)}`);
  return `{ ${parts.join(', ')} }`;
}

const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Words YAML reads as something other than text. */
const YAML_WORDS = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;

/**
 * A YAML scalar for `s`: plain when it is safely a word or words, single-quoted otherwise, and
 * double-quoted with escapes when it holds control characters (nothing raw reaches a terminal or
 * the file). `quote`: always quoted (patterns, encodings).
 */
export function yamlScalar(s: string, quote = false): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(s)) return JSON.stringify(s);
  if (!quote && /^[A-Za-z_][A-Za-z0-9_ ./-]*$/.test(s) && !/ $/.test(s) && !YAML_WORDS.test(s)) return s;
  return quoted(s);
}
