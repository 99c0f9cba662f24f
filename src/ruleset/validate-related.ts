/**
 * `related:` as written → `RelatedFile`s. The key table checked every value (names, durations,
 * the shape of each derived column); the rules here relate them: a derived column has exactly one
 * aggregate, takes only the options that mean something for it, is named once across every
 * related file and not like a name of `columns:` or a column leadq appends to the output, and its
 * conditions test the related file's own columns (so no named conditions, which test the
 * export's). Whether the columns exist is only known against the file's header
 * (resolve-related.ts).
 */
import { AGGREGATE_SPECS, AGGREGATES, DERIVED_OPTIONS } from '../model/related.js';
import { quoteData } from '../model/errors.js';
import { appendedColumnNames } from '../model/result-columns.js';
import { PRESETS, type StandardName } from './presets.js';
import { didYouMean } from '../model/suggest.js';
import { get, type Reader } from './reader.js';
import type { MapNode, Node, Pos } from './tree.js';
import type { Condition, DerivedColumn, RelatedFile, Ruleset } from './types.js';
import { readCondition } from './validate-condition.js';
import { readFormats } from './validate-export.js';
import { forEachCondition } from './validate-references.js';
import { columnAt, readDecay } from './validate-rules.js';
import { readValue } from './validate-value.js';
import { readFileReading } from './validate-file-reading.js';

/**
 * Every related file of `related:`; `ruleset.columns`, `scores` and `rename` must be read already
 * (names may not clash with them).
 */
export function readRelated(r: Reader, map: MapNode, ruleset: Ruleset): RelatedFile[] {
  const out: RelatedFile[] = [];
  const seen = new Map<string, string>();
  const output = outputNames(ruleset);
  for (const [name, entry] of map.entries) {
    if (entry.node.kind !== 'map') continue;
    const file = readFile(r, name, entry.node, ruleset, seen, output);
    if (file) out.push(file);
  }
  return out;
}

/**
 * The columns leadq appends to a scored row, by lower-case name → how a message says it: a
 * derived column named so would stand beside the lead's score in explain, clash with the header of
 * a scored file scored again (a puzzle then, far from its cause), and let a reader of the ruleset
 * take `column: score` for the lead's score.
 */
function outputNames(ruleset: Ruleset): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of appendedColumnNames(ruleset.scores.map((s) => s.name))) out.set(name, `"${name}"`);
  for (const [column, to] of ruleset.rename) out.set(to.toLowerCase(), `${quoteData(to)} (output.rename's name for "${column}")`);
  return out;
}

function readFile(r: Reader, name: string, node: MapNode, ruleset: Ruleset, seen: Map<string, string>, output: Map<string, string>): RelatedFile | undefined {
  const path = readValue<string>(node, 'related', 'file');
  const key = columnAt(node, 'related', 'key');
  const matches = columnAt(node, 'related', 'matches');
  const at = columnAt(node, 'related', 'at');
  const columnsNode = get(node, 'columns');
  const columns: DerivedColumn[] = [];
  if (columnsNode?.kind === 'map') {
    if (columnsNode.entries.size === 0) r.error(columnsNode.pos, 'MAPPING_EMPTY', `the related file "${name}" defines no derived columns; give at least one, e.g. meetings: { count: true }`);
    for (const [column, entry] of columnsNode.entries) {
      if (entry.node.kind !== 'map') continue;
      const other = seen.get(column);
      if (other !== undefined) {
        r.error(entry.keyPos, 'RELATED_NAME_DUPLICATE', `the derived column "${column}" is defined twice (also in related file "${other}"); rules read derived columns by name, so names must be unique`);
      }
      seen.set(column, name);
      const mapped = ruleset.columns.get(column);
      if (mapped) {
        r.error(entry.keyPos, 'RELATED_NAME_CLASH', `the derived column "${column}" has the name columns: gives the header "${mapped.name}" (line ${mapped.pos.line}); a rule naming it could mean either: rename one`);
      }
      // a preset's standard name is a name of columns: too (the export's column wins where the header has it, silently)
      const standard = ruleset.preset ? presetHeaders(ruleset.preset, column) : undefined;
      if (!mapped && standard) {
        r.error(entry.keyPos, 'RELATED_NAME_CLASH', `the derived column "${column}" has a standard name of the ${ruleset.preset} preset, which reads the export's ${standard.map((h) => `"${h}"`).join(' or ')}; a rule naming it could mean either: rename the derived column`);
      }
      const appended = output.get(column);
      if (appended !== undefined) {
        r.error(entry.keyPos, 'RELATED_NAME_CLASH', `the derived column "${column}" is named like the column ${appended} leadq appends to every scored row: explain would show both, and a scored file scored again has it as a header; rename the derived column`);
      }
      const derived = readDerived(r, column, entry.node, entry.keyPos);
      if (derived) columns.push(derived);
    }
  }
  if (path === undefined || !key || !matches || !at) return undefined;
  const out: RelatedFile = { name, file: { path, pos: get(node, 'file')!.pos }, key, matches, at, columns, pos: node.pos };
  const keyType = readValue<'email' | 'id' | 'salesforce_id'>(node, 'related', 'key_type');
  if (keyType) out.keyType = keyType;
  Object.assign(out, readFileReading(node, 'related'));
  const formats = get(node, 'formats');
  if (formats?.kind === 'map') out.formats = readFormats(r, formats);
  return out;
}

/** `at`: where the column's name is written (what later issues about the column point at). */
function readDerived(r: Reader, name: string, map: MapNode, at: Pos): DerivedColumn | undefined {
  const given = AGGREGATES.filter((a) => map.entries.has(a));
  if (given.length !== 1) {
    r.error(map.pos, 'RELATED_AGGREGATE', given.length === 0
      ? `the derived column "${name}" needs one of ${AGGREGATES.join(', ')}; got ${[...map.entries.keys()].join(', ') || 'nothing'}${didYouMean([...map.entries.keys()][0] ?? '', AGGREGATES)}`
      : `the derived column "${name}" has ${given.join(' and ')}; one aggregate per column (define another column for the other)`);
    return undefined;
  }
  const aggregate = given[0];
  const spec = AGGREGATE_SPECS[aggregate];
  let ok = true;
  for (const option of DERIVED_OPTIONS) {
    const entry = map.entries.get(option);
    if (!entry || spec.options.includes(option)) continue;
    ok = false;
    r.error(entry.keyPos, 'RELATED_OPTION', `"${option}" does not apply to ${aggregate} (derived column "${name}"); ${aggregate} takes ${spec.options.join(', ')}${WHY_NOT[option] ? `: ${WHY_NOT[option]}` : ''}`);
  }
  const value = get(map, aggregate)!;
  const out: DerivedColumn = { name, aggregate, pos: at };
  let whereOf: Condition | undefined;
  if (spec.takes === 'condition') {
    const read = readTrueOrCondition(r, value, `"${aggregate}"`);
    if (read === null) ok = false;
    else whereOf = read;
  } else if (spec.takes === 'number column') {
    out.of = columnAt(map, 'derived', aggregate);
    if (!out.of) ok = false;
  } else {
    // first / last: true is the at column; false means nothing
    if (value.kind === 'scalar' && value.value === false) {
      r.error(value.pos, 'RELATED_AGGREGATE', `"${aggregate}: false" reads no column; write the date column, or true for the at column`);
      ok = false;
    } else if (!(value.kind === 'scalar' && value.value === true)) {
      out.of = columnAt(map, 'derived', aggregate);
      if (!out.of) ok = false;
    }
  }
  const whereNode = get(map, 'where');
  const where = whereNode ? readRelatedCondition(r, whereNode) : undefined;
  if (whereNode && !where) ok = false;
  const both = [whereOf, where].filter((c): c is Condition => c !== undefined);
  if (both.length > 0) out.where = both.length === 1 ? both[0] : { kind: 'all', items: both, pos: map.pos };
  const within = readValue<number>(map, 'derived', 'within');
  if (within !== undefined) out.within = within;
  const perDay = readValue<number>(map, 'derived', 'per_day_max');
  if (perDay !== undefined) out.perDayMax = perDay;
  const every = readValue<number>(map, 'derived', 'once_every');
  if (every !== undefined) out.onceEvery = every;
  const decayNode = get(map, 'decay');
  if (decayNode) {
    const decay = readDecay(r, decayNode);
    if (decay) out.decay = decay;
    else ok = false;
  }
  return ok ? out : undefined;
}

const WHY_NOT: Partial<Record<(typeof DERIVED_OPTIONS)[number], string>> = {
  per_day_max: 'which rows of a day would count is not something a file in any order can say',
  once_every: 'which rows would count is not something a file in any order can say',
  decay: 'a weight per row changes a count or a sum, not whether a row exists or which value is least or latest',
};

/** `true` (every row: undefined), a condition, or null after an error. */
function readTrueOrCondition(r: Reader, node: Node, what: string): Condition | undefined | null {
  if (node.kind === 'scalar' && node.value === true) return undefined;
  if (node.kind === 'scalar' && node.value === false) {
    r.error(node.pos, 'RELATED_AGGREGATE', `${what}: false counts nothing; write true (every row) or a condition the rows must meet`);
    return null;
  }
  if (node.kind !== 'map') {
    r.error(node.pos, 'VALUE_TYPE', `${what} must be true or a condition such as { column: Activity Type, equals: Meeting }`);
    return null;
  }
  return readRelatedCondition(r, node) ?? null;
}

/** A condition on the related file's columns: all, any, not and column tests; no named conditions, which test the export. */
function readRelatedCondition(r: Reader, node: Node): Condition | undefined {
  const c = readCondition(r, node, { results: false });
  if (!c) return undefined;
  let ok = true;
  forEachCondition(c, (sub) => {
    if (sub.kind !== 'ref') return;
    ok = false;
    r.error(sub.pos, 'RELATED_CONDITION', `a related file's condition tests its own columns; "condition: ${sub.name}" tests the export's: write the test here`);
  });
  return ok ? c : undefined;
}

/** The headers a preset reads for a standard name, undefined when the name is not one of its. */
function presetHeaders(preset: string, name: string): readonly string[] | undefined {
  const columns = PRESETS[preset]?.columns;
  return columns && Object.hasOwn(columns, name) ? columns[name as StandardName] : undefined;
}
