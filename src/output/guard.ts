/**
 * The outputs of a run, checked before any work (every command that writes calls `guardOutputs`):
 *
 * - no output over an input: the same path, a path through `..` or a symlink, a hard link to it,
 *   standard output redirected onto it, or an output file that is the file standard input was
 *   redirected from (`leadq score - < in.csv --out in.csv`). Files are compared by device and
 *   inode where they exist, by resolved path where they do not;
 * - no two outputs on one file, and no output that is a directory: found now, such a run would
 *   otherwise do all its work and then fail at the commit.
 */
import { existsSync, fstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { LeadqError } from '../model/errors.js';

/**
 * `reads`: every file the run reads or that its ruleset names (commands/ruleset-files.ts gathers
 * them, so a new kind of input is guarded in every command at once); `writes`: every output, `-`
 * for standard output.
 */
export function guardOutputs(reads: readonly string[], writes: readonly string[]): void {
  refuseOutputOverInput(reads, writes);
  refuseOutputClashes(writes);
}

function identity(path: string): { real: string; stat?: Stats } {
  const absolute = resolve(path);
  try {
    return { real: realpathSync(absolute), stat: statSync(absolute) };
  } catch {
    try { return { real: join(realpathSync(dirname(absolute)), basename(absolute)) }; }
    catch { return { real: absolute }; }
  }
}

const sameFile = (a: Stats | undefined, b: Stats | undefined) => !!a && !!b && a.dev === b.dev && a.ino === b.ino;

function stdinIdentity(): { path: string; real: string; stat?: Stats }[] {
  try {
    const stat = fstatSync(0);
    return stat.isFile() ? [{ path: 'standard input', real: '', stat }] : [];
  } catch {
    return [];
  }
}

export function refuseOutputOverInput(inputs: readonly string[], outputs: readonly string[]): void {
  const ins = inputs.flatMap((p) => (p === '-' ? stdinIdentity() : [{ path: p, ...identity(p) }]));
  for (const out of outputs) {
    if (out === '-') {
      let stdout: Stats | undefined;
      try { stdout = fstatSync(1); } catch { continue; }
      if (!stdout.isFile()) continue;
      const clash = ins.find((i) => sameFile(i.stat, stdout));
      if (clash) throw new LeadqError('OUTPUT_IS_INPUT', `standard output is redirected onto the input ${clash.path}; that would destroy it. Write to another file`);
      continue;
    }
    const o = identity(out);
    const clash = ins.find((i) => (i.real !== '' && i.real === o.real) || sameFile(i.stat, o.stat));
    if (clash) throw new LeadqError('OUTPUT_IS_INPUT', `the output ${out} is the input ${clash.path}; leadq never writes over its input`);
  }
}

/** Two outputs of one run on the same file would overwrite each other; a directory cannot be replaced by a file. */
export function refuseOutputClashes(paths: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const p of paths) {
    if (p === '-') continue;
    const key = resolve(p);
    const before = seen.get(key);
    if (before) throw new LeadqError('OUTPUT_COLLISION', `${before} and ${p} are the same file; give each output its own name`);
    seen.set(key, p);
    if (existsSync(key) && statSync(key).isDirectory()) throw new LeadqError('USAGE', `the output ${p} is a directory; expected a file name`);
  }
}
