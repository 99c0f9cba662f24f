/**
 * Everything a diff decides from the two headers and the options, before a row is read: the
 * ladder, the filter, the key column and where each file keeps what diff reads. Every problem
 * found here (a key column missing, a file that is not a scored file, an unknown --only term)
 * stops the run before any output is opened.
 */
import type { Ruleset } from '../ruleset/types.js';
import type { Side } from './compare.js';
import { parseFilter, type Filter } from './filter.js';
import { Ladder } from './ladder.js';
import { keyColumn, resultNames, scoredLayout } from './layout.js';

export interface DiffOptions {
  /** --key */
  key?: string;
  /** the ruleset that scored the files: its ladder, id column and renames */
  ruleset?: Ruleset;
  rulesFile?: string;
  /** --only values */
  only?: string[];
}

export interface DiffPlan {
  ladder: Ladder;
  filter: Filter | null;
  key: string;
  before: Side;
  after: Side;
  /** the lead's columns of the output: the newer file's */
  leadHeader: string[];
}

/** A file as the plan needs it: its name in messages, its header and (once open) its delimiter. */
export interface DiffInput {
  name: string;
  header: string[];
  delimiter?: string;
}

export function planDiff(before: DiffInput, after: DiffInput, options: DiffOptions): DiffPlan {
  const { ruleset } = options;
  const ladder = ruleset ? Ladder.fromRuleset(ruleset, options.rulesFile ?? ruleset.file) : Ladder.default();
  const filter = parseFilter(options.only, ladder);
  const names = resultNames(ruleset);
  const key = keyColumn(options.key, before, after, ruleset);
  const side = (f: DiffInput): Side => ({ name: f.name, header: f.header, delimiter: f.delimiter, layout: scoredLayout(f.header, f.name, names, key, ruleset !== undefined) });
  const b = side(before);
  const a = side(after);
  return { ladder, filter, key, before: b, after: a, leadHeader: a.header.slice(0, a.layout.lead) };
}
