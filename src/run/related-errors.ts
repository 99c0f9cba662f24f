/**
 * An error reading a related file, said as one: the file's related name in the message, and the
 * hint in the ruleset's words. The input layer's hints name the export's options (`--encoding`,
 * `--delimiter`, `--skip-lines`), which do not reach a related file — its own are keys of its
 * `related:` entry — so a user following them as written would change nothing and see the same
 * error again.
 */
import { headerHint } from '../input/csv/reject-diagnosis.js';
import { UNPACK_PIPE } from '../input/csv/utf8-chunks.js';
import { LeadqError, quoteData } from '../model/errors.js';
import type { RelatedHeader } from '../ruleset/resolve-related.js';
import type { RulesetIssue } from '../ruleset/types.js';

/** An input's message about a related file: `the related file "activities" cannot be read: no such file`. */
export function relatedMessage(name: string, message: string): string {
  const unreadable = /^cannot read the input: /.exec(message);
  return unreadable ? `the related file ${quoteData(name)} cannot be read: ${message.slice(unreadable[0].length)}` : `the related file ${quoteData(name)}: ${message}`;
}

/** Each option the input layer's hints name: the related file's key for it, and what its value looks like. */
const KEYS: Record<string, { key: string; value: RegExp }> = {
  encoding: { key: 'encoding', value: /^[A-Za-z0-9_-]+$/ },
  delimiter: { key: 'delimiter', value: /^(tab|"[^"]*"|[^\sA-Za-z0-9])$/ },
  'skip-lines': { key: 'skip_lines', value: /^\d+$/ },
};

/**
 * `hint` with the export's reading options replaced by the related file's keys:
 * `pass --encoding windows-1252` → `set encoding: windows-1252 in related.activities of the ruleset`;
 * and a compressed file's pipe into `leadq score -` (which reads the export) replaced by where the
 * related file's CSV is given: its `file:`, `--related NAME=FILE`, or `--related NAME=-`.
 */
export function relatedHint(name: string, hint: string): string {
  const unpacked = `; then point file: in related.${name} of the ruleset, or --related ${name}=FILE, at the CSV; or zcat FILE | leadq score … --related ${name}=-)`;
  return keysHint(`related.${name}`, hint.replace(UNPACK_PIPE, unpacked));
}

/** `hint` with the export's reading options replaced by the keys of the ruleset's entry `entry` (e.g. `accounts.files.intent`). */
export function keysHint(entry: string, hint: string): string {
  return hint.replace(/(pass |skip it with |skip the lines above it with )?--(encoding|delimiter|skip-lines)(?: ("[^"]*"|\S+?))?(?=[\s,)]|$)/g, (_all, verb: string | undefined, flag: string, value: string | undefined) => {
    const { key, value: shape } = KEYS[flag];
    const given = value !== undefined && shape.test(value) ? value : undefined;
    // a delimiter is punctuation YAML may read otherwise: quoted, as the docs write it
    const shown = given === undefined ? '' : ` ${key === 'delimiter' && given !== 'tab' && !given.startsWith('"') ? `"${given}"` : given}`;
    const rest = value !== undefined && given === undefined ? ` ${value}` : '';
    return `${verb === undefined ? '' : 'set '}${key}:${shown} in ${entry} of the ruleset${rest}`;
  });
}

/** Where a related file's path came from: its `file:` in the ruleset, or `--related NAME=FILE`. */
export type RelatedPathFrom = 'ruleset' | 'command line';

/**
 * The hint when the input layer gives none: where the file was looked for, and how to give
 * another. A `file:` is relative to the ruleset's folder, a `--related` path to the current
 * directory (as every path on a command line): the hint says the one that was used.
 */
function whereHint(name: string, from: RelatedPathFrom): string {
  return from === 'ruleset'
    ? `related files are read from their path relative to the ruleset; --related ${name}=FILE reads another`
    : `a file given with --related ${name}=FILE is read from its path relative to the current directory, not the ruleset's folder; give it from here, or an absolute path`;
}

/**
 * `error`, thrown reading the related file `name` (at `path`), as the user should read it; an
 * error that already names the file is left as it is, and anything not a LeadqError is a bug.
 * `opening`: where the path came from when the file was being opened (a missing file is a path
 * to say something about), null later.
 */
export function relatedError(name: string, path: string, error: unknown, opening: RelatedPathFrom | null): unknown {
  if (!(error instanceof LeadqError)) return error;
  const prefix = `the related file ${quoteData(name)}`;
  const message = error.message.startsWith(prefix) ? error.message : relatedMessage(name, error.message);
  const hint = error.hint !== undefined ? relatedHint(name, error.hint) : opening !== null ? whereHint(name, opening) : undefined;
  return new LeadqError(error.code, message, { file: error.file ?? path, line: error.line, col: error.col, hint });
}

/**
 * The hint for columns the ruleset names and its files lack: the export's header (`exportHint`)
 * and each related file's with a column missing, when that header cannot be the real one (a
 * title line above it, another delimiter) — said in the related file's keys. Undefined when none.
 */
export function missingColumnsHint(errors: readonly RulesetIssue[], exportHint: string | undefined, related: ReadonlyMap<string, RelatedHeader> | undefined): string | undefined {
  const hints = exportHint === undefined ? [] : [exportHint];
  for (const [name, opened] of related ?? []) {
    // related.NAME.matches names the export's column: the export's header is at fault there
    const own = errors.some((e) => e.path?.startsWith(`related.${name}.`) && !e.path.startsWith(`related.${name}.matches`));
    const hint = own && opened.delimiter !== undefined ? headerHint(opened.header, opened.delimiter, opened.realHeaderSkip?.()) : undefined;
    if (hint !== undefined) hints.push(`${quoteData(opened.file)}: ${relatedHint(name, hint)}`);
  }
  return hints.length ? hints.join('\n  hint: ') : undefined;
}
