/**
 * `leadq init [file]`: writes the commented example ruleset as a starting point, never over a
 * file; `-` writes it to standard output. With `--from export.csv`, the starter is built from the export's inspection instead
 * (output/starter-ruleset.ts): its preset or column names, formats, placeholders, how to read
 * it, and an example rule per column worth scoring; it validates against that export.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT, LeadqError } from '../model/errors.js';
import { rulesetLines } from '../output/ruleset-lines.js';
import { starterRuleset } from '../output/starter-ruleset.js';
import { inspectExport, type InspectOptions } from './inspect.js';
import type { Io } from './io.js';
import { withPathsMoved } from './moved-paths.js';

export const STARTER = new URL('../../rules.example.yaml', import.meta.url);
/** The JSON Schema shipped in the package (schema/rules.schema.json). */
export const SCHEMA = new URL('../../schema/rules.schema.json', import.meta.url);

export interface InitOptions extends Pick<InspectOptions, 'encoding' | 'delimiter' | 'skipLines' | 'all'> {
  /** the export to build the starter from */
  from?: string;
}

export async function initCommand(file: string, io: Io, options: InitOptions = {}): Promise<number> {
  // `-`: the ruleset to standard output (`leadq init - > rules.yaml`); its paths are then relative
  // to the current folder, where such a redirection usually puts it
  const toStdout = file === '-';
  if (options.from === undefined) {
    const text = withSchemaLine(withPathsMoved(followingTheRunDate(readFileSync(STARTER, 'utf8')), dirname(fileURLToPath(STARTER)), file), file);
    const next = 'edit the columns: section to match your export\'s headers (and related: to point at your activity log), then run';
    if (toStdout) return written(io, text, `${next}\n  leadq validate <the file you saved it as> --input your-export.csv`);
    writeNew(file, text);
    io.out(`wrote ${file}: ${next}\n  leadq validate ${file} --input your-export.csv\n`);
    return EXIT.ok;
  }
  if (!toStdout) refuseExisting(file);
  const inspection = await inspectExport(options.from, options);
  const text = starterRuleset(inspection, { schemaLine: schemaLine(file), input: options.from, file: toStdout ? '<this file>' : file });
  const lines = rulesetLines(inspection, () => '');
  const what = [
    inspection.preset ? `the ${inspection.preset.name} preset` : `${inspection.columns.length} columns`,
    `${lines.formats.length} format${lines.formats.length === 1 ? '' : 's'}`,
    ...(inspection.encoding.decidedBy === 'guess' ? [inspection.encoding.encoding] : []),
  ].join(', ');
  const next = 'uncomment the example rules you want, then run';
  if (toStdout) return written(io, text, `built from ${inspection.file} (${what}): ${next}\n  leadq validate <the file you saved it as> --input ${options.from}`);
  writeNew(file, text);
  io.out(`wrote ${file} from ${inspection.file} (${what}): ${next}\n  leadq validate ${file} --input ${options.from}\n`);
  return EXIT.ok;
}

/** The ruleset on standard output, the note on standard error: the output stays a ruleset and nothing else. */
function written(io: Io, text: string, note: string): number {
  io.out(text);
  io.err(`leadq: the starter ruleset is on standard output; ${note}\n`);
  return EXIT.ok;
}

function refuseExisting(file: string): void {
  try {
    readFileSync(file);
  } catch {
    return;
  }
  throw existsError(file);
}

function existsError(file: string): LeadqError {
  return new LeadqError('INIT_EXISTS', `${file} already exists; leadq init never overwrites a file. Choose another name or remove it first`);
}

function writeNew(file: string, text: string): void {
  try {
    writeFileSync(file, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw existsError(file);
    const why = code === 'ENOENT' ? `the directory ${dirname(file)} does not exist (mkdir -p ${dirname(file)} first)` : (error as Error).message;
    throw new LeadqError('OUTPUT_WRITE', `cannot write: ${why}`, { file });
  }
}

/**
 * The example's first line points editors at ./schema/rules.schema.json, which is right only
 * beside the example. The written file points at this installed leadq's schema instead, by a
 * path relative to the file: `./node_modules/leadq/schema/rules.schema.json` when leadq is a
 * dependency of the project (the usual case), no URL and nothing to fetch.
 */
export function withSchemaLine(text: string, file: string): string {
  return text.replace(/^# yaml-language-server: \$schema=.*$/m, schemaLine(file));
}

/** The first line of a ruleset written to `file`: its editor's schema, this leadq's. */
function schemaLine(file: string): string {
  const schema = fileURLToPath(SCHEMA);
  let path = relative(dirname(resolve(file)), schema).split(sep).join('/');
  if (!path.startsWith('.') && !path.startsWith('/')) path = `./${path}`;
  return `# yaml-language-server: $schema=${path}`;
}

/**
 * The example pins `as_of` so that its outputs never change; a ruleset started from it runs in a
 * nightly job, where a pinned date would score every night as of that one day. The written file
 * has the line commented out, saying how to pin a date for a reproducible rerun.
 */
export function followingTheRunDate(text: string): string {
  const pinned = /^as_of:[ \t]*(\S+)[ \t]*$/m;
  const day = pinned.exec(text)?.[1];
  if (day === undefined) return text;
  return text.replace(pinned, `# as_of: ${day}   # uncomment (or pass --as-of) to pin a day: a rerun then gives the same bytes`);
}

