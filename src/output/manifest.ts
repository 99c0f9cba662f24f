/**
 * The manifest of an --out-dir: `.leadq-outputs.json` lists the files the last run wrote there,
 * with their sizes. At the commit of the next run, a file it lists that this run does not write
 * (the stage file of a stage the ruleset no longer has) is removed, so a cron consumer never
 * reads last week's `sql.csv` beside tonight's outputs. Only such files: a file the manifest does
 * not name is never touched, nor one whose size is no longer what leadq wrote (someone replaced
 * it: it is kept, with a warning). The new manifest is written with the outputs and committed
 * with them, last (sinks.ts): a failed commit leaves the old manifest and the old files.
 */
import { type Stats, closeSync, fsyncSync, lstatSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export const MANIFEST_NAME = '.leadq-outputs.json';
const VERSION = 1;

interface Entry {
  name: string;
  bytes: number;
}

/** What the commit did with the files of the earlier run that this run did not write. */
export interface ManifestOutcome {
  removed: string[];
  /** changed since leadq wrote them (another size): kept */
  kept: string[];
}

/** The new manifest, written and synced beside the old one, and what its commit removes (sinks.ts commits it with the outputs). */
export interface PreparedManifest {
  temp: string;
  /** where it goes: the --out-dir's manifest */
  path: string;
  /** files of the earlier run that this run did not write, as leadq left them: to remove (`shown` names it for messages) */
  stale: { file: string; shown: string }[];
  /** such files changed since leadq wrote them (another size, no longer a file): kept */
  changed: string[];
  discard(): void;
}

export class OutDirManifest {
  private readonly dir: string;
  /** the directory as the user named it, for messages */
  private readonly shown: string;
  private readonly path: string;
  /** the earlier run's files, read when the run starts */
  private readonly earlier: Entry[];

  constructor(dir: string) {
    this.dir = resolve(dir);
    this.shown = dir;
    this.path = join(this.dir, MANIFEST_NAME);
    this.earlier = readManifest(this.path);
  }

  /** This run's files (those in the directory) → the new manifest, written beside it, not yet in place. */
  prepare(files: { path: string; size: number }[]): PreparedManifest {
    const mine: Entry[] = files
      .filter((f) => f.path !== '-' && dirname(resolve(f.path)) === this.dir)
      .map((f) => ({ name: basename(f.path), bytes: f.size }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const names = new Set(mine.map((e) => e.name));
    const temp = join(this.dir, `.${MANIFEST_NAME}.leadq-${process.pid}.tmp`);
    const text = manifestText(mine);
    const fd = openSync(temp, 'w', 0o644);
    try {
      writeSync(fd, text);
      try { fsyncSync(fd); } catch { /* a file system without fsync */ }
    } finally {
      closeSync(fd);
    }
    const stale: PreparedManifest['stale'] = [];
    const changed: string[] = [];
    for (const e of this.earlier.filter((x) => !names.has(x.name))) {
      const file = join(this.dir, e.name);
      const shown = join(this.shown, e.name);
      const stat = statOrNull(file);
      if (stat === null) continue;
      if (stat.isFile() && stat.size === e.bytes) stale.push({ file, shown });
      else changed.push(shown);
    }
    return { temp, path: this.path, stale, changed, discard: () => { try { unlinkSync(temp); } catch { /* gone */ } } };
  }
}

/** Stable text, one file a line: same outputs, same bytes. */
function manifestText(files: Entry[]): string {
  const lines = files.map((e) => `    ${JSON.stringify({ name: e.name, bytes: e.bytes })}`);
  return `{
  "leadq_outputs_version": ${VERSION},
  "note": "the files the last leadq run wrote here; the next run removes those it does not write again",
  "files": [${lines.length ? `\n${lines.join(',\n')}\n  ` : ''}]
}
`;
}

/** The files a manifest lists; none when it is missing or not one leadq wrote (never guess). */
function readManifest(path: string): Entry[] {
  let data: unknown;
  try { data = JSON.parse(readFileSync(path, 'utf8')); } catch { return []; }
  const files = (data as { leadq_outputs_version?: unknown; files?: unknown } | null);
  if (files?.leadq_outputs_version !== VERSION || !Array.isArray(files.files)) return [];
  return files.files.filter((e): e is Entry => typeof e === 'object' && e !== null
    && typeof (e as Entry).name === 'string' && plainName((e as Entry).name) && Number.isInteger((e as Entry).bytes));
}

/** A file name in the directory itself: no path, no dot-dot, not the manifest. */
function plainName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && name !== MANIFEST_NAME && !/[/\\\0]/.test(name);
}

function statOrNull(file: string): Stats | null {
  try { return lstatSync(file); } catch { return null; }
}
