/**
 * Where things are in the header of a file `leadq score` wrote: the export's own columns first
 * (the lead's), then the appended result columns (engagement_score … disqualified_reason, named
 * scores, grade). With the ruleset, the appended names are its renames (`output.rename`);
 * without, the default names. The key is `--key`, else the ruleset's id column, else a column
 * named like a lead id or an email, the first such column both files have.
 */
import { LeadqError, quoteData } from '../model/errors.js';
import { closest } from '../model/suggest.js';
import { ColumnResolver } from '../ruleset/columns.js';
import { idColumns } from '../ruleset/id-columns.js';
import { type Ruleset } from '../ruleset/types.js';
import { resultColumns } from '../model/result-columns.js';

/** The appended columns diff reads, by their names in a file. */
export interface ResultNames {
  stage: string;
  score: string;
  priority: string;
  reasons: string;
  disqualifiedReason: string;
  /** every appended column's name: the lead's columns are the ones before the first of these */
  appended: string[];
}

export interface ScoredLayout {
  key: number;
  stage: number;
  score: number;
  priority: number;
  reasons: number;
  disqualifiedReason: number;
  /** the export's columns: header indexes 0 … lead - 1 */
  lead: number;
}

/** The appended column names: the ruleset's renames applied, or the defaults. */
export function resultNames(ruleset?: Ruleset): ResultNames {
  const named = (column: string) => ruleset?.rename.get(column) ?? column;
  // the order the writers append them in (the result-column table); named scores and grade only with the ruleset
  const original = resultColumns(ruleset?.scores.map((s) => s.name) ?? [], ruleset?.grades !== undefined, ruleset?.accounts !== undefined, ruleset?.completeness !== undefined).map((c) => c.name);
  return {
    stage: named('stage'), score: named('score'), priority: named('priority'), reasons: named('reasons'),
    disqualifiedReason: named('disqualified_reason'), appended: original.map(named),
  };
}

/** Finds the columns of one scored file; the key column by name (see keyColumn). */
export function scoredLayout(header: string[], file: string, names: ResultNames, key: string, withRules: boolean): ScoredLayout {
  const at = (name: string) => header.indexOf(name);
  const wanted: [string, number][] = [names.stage, names.score, names.priority, names.reasons, names.disqualifiedReason].map((n) => [n, at(n)]);
  const missing = wanted.filter(([, i]) => i < 0).map(([n]) => quoteData(n));
  if (missing.length > 0) {
    // the message follows the file's name, which the error is located at (`scored.csv has no column …`)
    throw new LeadqError('DIFF_NOT_SCORED', `has no column ${missing.join(', ')}: not a file leadq score wrote`, {
      file,
      hint: withRules
        ? 'diff compares the scored.csv of two runs; the ruleset given must be the one (or one with the same output.rename) that wrote them'
        : 'diff compares the scored.csv of two runs; if the ruleset renames result columns (output.rename), pass it with --rules',
    });
  }
  const appended = new Set(names.appended);
  const firstAppended = header.findIndex((h) => appended.has(h));
  const keyAt = at(key);
  if (keyAt < 0) throw keyMissing(key, header, file);
  return {
    key: keyAt, stage: wanted[0][1], score: wanted[1][1], priority: wanted[2][1], reasons: wanted[3][1], disqualifiedReason: wanted[4][1],
    lead: firstAppended,
  };
}

const normal = (header: string) => header.trim().toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
/** Header names taken for a key without --key or a ruleset, in this order: a lead's id, then an email. */
const KEY_NAMES = ['lead id', 'leadid', 'id', 'record id', 'contact id', 'person id', 'prospect id', 'email', 'e mail', 'email address'];

/**
 * The key column's name: `--key` when given, else the ruleset's id column (`id_column`, or the
 * columns it maps as id and email), else the first of lead_id, id, …, email both headers have.
 */
export function keyColumn(given: string | undefined, before: { header: string[]; name: string }, after: { header: string[]; name: string }, ruleset?: Ruleset): string {
  if (given !== undefined) {
    for (const side of [before, after]) if (!side.header.includes(given)) throw keyMissing(given, side.header, side.name);
    return given;
  }
  const inBoth = (name: string) => before.header.includes(name) && after.header.includes(name);
  if (ruleset) {
    const candidates = idColumns(ruleset, after.header, new ColumnResolver(ruleset, after.header, after.name)).map((c) => c.name);
    if (ruleset.idColumn && candidates.length === 0) throw keyMissing(ruleset.idColumn.name, after.header, after.name, 'the ruleset\'s id_column');
    const found = candidates.find(inBoth);
    if (found !== undefined) return found;
  } else {
    for (const wanted of KEY_NAMES) {
      const found = after.header.find((h) => normal(h) === wanted && before.header.includes(h));
      if (found !== undefined) return found;
    }
  }
  throw new LeadqError('DIFF_KEY_MISSING', `cannot tell which column identifies a lead: no column named like lead_id, id or email is in both ${before.name} and ${after.name}`, {
    hint: 'name it with --key COLUMN',
  });
}

function keyMissing(key: string, header: string[], file: string, what = 'the key column'): LeadqError {
  const near = closest(key, header);
  return new LeadqError('DIFF_KEY_MISSING', `${what} ${quoteData(key)} is not in ${file}; available: ${header.slice(0, 12).map((h) => quoteData(h)).join(', ')}${header.length > 12 ? ', …' : ''}${near ? `; did you mean ${quoteData(near)}?` : ''}`, {
    file, line: 1, hint: 'name the column that identifies a lead in both files with --key COLUMN',
  });
}
