/**
 * The starter ruleset `leadq init --from export.csv` writes, built from the export's inspection:
 * how to read it (`input:`), its columns (the preset that fits, and a name for each other
 * column), `formats:`, placeholders, the lead source column and its spellings (`sources:`), a
 * commented example rule for each column worth scoring, and a minimal stage ladder. It validates
 * against the export with no error as written; uncommenting the examples keeps it so. Pure.
 */
import { basename } from 'node:path';
import type { Inspection } from './inspect-report.js';
import { formatLines, inputLines, rulesetLines, sourcesLines, yamlScalar } from './ruleset-lines.js';
import { exampleRules, type Section } from './starter-rules.js';

export interface StarterOptions {
  /** the `# yaml-language-server: $schema=…` line */
  schemaLine: string;
  /** how the export is named in the text (`leadq validate rules.yaml --input <this>`) */
  input: string;
  /** where the ruleset is written, for the validate command in its comment */
  file: string;
  /** write the example rules uncommented (tests prove they validate) */
  activeExamples?: boolean;
}

const SECTION_TEXT: Record<Section, string> = {
  engagement: 'Engagement: what the lead did.',
  fit: 'Fit: how well the lead matches the customer you want.',
  disqualifiers: 'Disqualifiers: the first that holds disqualifies the lead, whatever its score.',
};

export function starterRuleset(x: Inspection, o: StarterOptions): string {
  const names = columnNames(x);
  const nameOf = (i: number) => names[i];
  const lines = rulesetLines(x, nameOf);
  const out: string[] = [
    o.schemaLine,
    `# A starter ruleset for ${oneLine(basename(x.file))}, written by \`leadq init --from\` from what`,
    '# `leadq inspect` found in it: how to read it, its columns and formats, and a commented example',
    '# rule for each column worth scoring. Uncomment the rules you want (with their section\'s first',
    '# line) and set their points; docs/rules.md describes every key. Check it against the export with',
    `#   leadq validate ${oneLine(o.file)} --input ${oneLine(o.input)}`,
    'version: 1',
    '',
    '# "Today" for time-based rules. Left out, each run scores as of its own day (a nightly job).',
    '# as_of: 2026-11-01   # uncomment (or pass --as-of) to pin a day: a rerun then gives the same bytes',
    '',
  ];

  const input = inputLines(lines);
  if (input.length > 0) {
    out.push('# How to read the export (found by leadq inspect).');
    out.push(...input);
    out.push('');
  }

  out.push(...columnsSection(x, names));
  const formats = formatLines(lines);
  if (formats.length > 0) {
    out.push('', '# How columns write their values; without a format numbers are plain and dates ISO.');
    out.push(...formats);
  }
  if (lines.sourceColumn !== null) {
    out.push('', '# The lead source, for counts and spend per source in the summary.');
    out.push(`source_column: ${yamlScalar(lines.sourceColumn)}`);
  }
  const sources = sourcesLines(lines);
  if (sources.length > 0) {
    out.push('', '# Spellings of one lead source, counted as the first (found by leadq inspect).');
    out.push(...sources);
  }

  const examples = exampleRules(x.columns.map((c, i) => (repeated(x)[i] ? { ...c, filled: 0 } : c)), nameOf, x.sourceColumn?.index ?? null);
  for (const section of ['engagement', 'fit', 'disqualifiers'] as const) {
    const rules = examples.filter((e) => e.section === section);
    if (rules.length === 0) continue;
    const body = [`${section}:`, ...rules.flatMap((r) => r.lines.map((l) => `  ${l}`))];
    out.push('', `# ${SECTION_TEXT[section]}${o.activeExamples ? '' : ' Examples from the columns, to uncomment and weigh.'}`);
    out.push(...(o.activeExamples ? body : body.map((l) => `# ${l}`)));
  }

  out.push(
    '',
    '# The funnel, lowest first: a lead gets the highest stage whose condition holds.',
    'stages:',
    '  - name: lead',
    '  - name: mql',
    '    when: { score: total, gte: 40 }',
    '  - name: sql',
    '    when: { score: total, gte: 80 }',
  );
  return `${out.join('\n')}\n`;
}

/**
 * The name each column goes by in the rules: its preset name where the preset maps it, else a
 * snake_case name made from its header (`Number of Pageviews` → `number_of_pageviews`), unique.
 */
export function columnNames(x: Inspection): string[] {
  const taken = new Set<string>(x.columns.flatMap((c) => (c.standardName ? [c.standardName] : [])));
  taken.add('preset');
  return x.columns.map((c) => {
    if (c.standardName) return c.standardName;
    const base = snake(c.name);
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
    taken.add(name);
    return name;
  });
}

function snake(header: string): string {
  const ascii = header.replace(/ß/g, 'ss').normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const s = ascii.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (s === '') return 'column';
  return /^[0-9]/.test(s) ? `column_${s}` : s;
}

/** `columns:`: the preset, then the columns it does not map, by their rule names. */
function columnsSection(x: Inspection, names: string[]): string[] {
  const out = ['# The names rules use (left) → the export\'s headers (right). A rule may also name a header directly.'];
  if (x.preset) {
    const mapped = x.columns.filter((c) => c.standardName).map((c) => c.standardName!);
    out.push(...commentLines(`The ${x.preset.name} preset maps the standard names found here: ${mapped.join(', ')}.`));
  }
  // a header the export repeats cannot be read by name: leave it out
  const twice = repeated(x);
  const own = x.columns.map((c, i) => [names[i], c, i] as const).filter(([name, c, i]) => !c.standardName && name !== c.name && !twice[i]);
  if (!x.preset && own.length === 0) return [];
  out.push('columns:');
  if (x.preset) out.push(`  preset: ${x.preset.name}`);
  for (const [name, c] of own) out.push(`  ${name}: ${yamlScalar(c.name)}`);
  return out;
}

/** Columns whose header the export has more than once (ignoring case and surrounding spaces). */
function repeated(x: Inspection): boolean[] {
  const key = (h: string) => h.trim().toLowerCase();
  const counts = new Map<string, number>();
  for (const c of x.columns) counts.set(key(c.name), (counts.get(key(c.name)) ?? 0) + 1);
  return x.columns.map((c) => counts.get(key(c.name))! > 1);
}

/** Prose as comment lines of at most 100 characters. */
function commentLines(text: string): string[] {
  const out: string[] = [];
  let line = '#';
  for (const word of text.split(' ')) {
    if (line.length + 1 + word.length > 100 && line !== '#') { out.push(line); line = '#'; }
    line += ` ${word}`;
  }
  return [...out, line];
}

/** A file name in a comment line: no line breaks or control characters. */
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]/g, '?');
}
