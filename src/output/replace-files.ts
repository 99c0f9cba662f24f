/**
 * Puts a run's finished files in place as one step, as far as a file system allows. A rename
 * replaces one file atomically, never several; so before a target is replaced, its previous
 * content is kept under a hidden backup name beside it (`.NAME.leadq-PID-XXXXXX.bak`): a hard link,
 * so that the target never goes missing, or, where the file system has no hard links, the file
 * itself renamed aside. When any step fails, every step taken is undone in reverse order — each
 * backup renamed back over its target, a target that did not exist before removed — so the
 * previous files are byte-identical; on success the backups are removed.
 *
 * Not guaranteed: a crash (power loss, SIGKILL, the machine stopping) between two renames leaves
 * some targets new and some old, and the backups of the replaced ones beside them, where the
 * previous content can be taken back from by hand. The signals leadq handles cannot interrupt a
 * commit: it runs synchronously, and they are handled after it.
 */
import { closeSync, fsyncSync, linkSync, lstatSync, openSync, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LeadqError } from '../model/errors.js';

interface Step {
  target: string;
  /** where the previous content is kept until the end; none when there was no file */
  backup?: string;
  /** the new file is at `target` (else, with a backup, the target is absent: renamed aside) */
  placed: boolean;
}

const backupName = (target: string) =>
  join(dirname(target), `.${basename(target)}.leadq-${process.pid}-${Math.random().toString(36).slice(2, 8)}.bak`);

function exists(path: string): { directory: boolean } | undefined {
  try {
    return { directory: lstatSync(path).isDirectory() };
  } catch {
    return undefined;
  }
}

export class Replacement {
  private readonly steps: Step[] = [];

  /** Renames the finished file `temp` to `target`, the target's previous content kept until `finish`. */
  place(temp: string, target: string): void {
    const found = exists(target);
    // renamed aside, a directory would be replaced by a file; rename itself refuses only later
    if (found?.directory) throw new LeadqError('OUTPUT_WRITE', 'cannot move the output into place: it is a directory; expected a file name', { file: target });
    const step: Step = { target, placed: false };
    this.steps.push(step);
    if (found) step.backup = this.keep(target);
    try {
      renameSync(temp, target);
    } catch (error) {
      throw new LeadqError('OUTPUT_WRITE', `cannot move the output into place: ${(error as Error).message}`, { file: target });
    }
    step.placed = true;
  }

  /**
   * Takes away a file an earlier run wrote and this one does not (a stale output): renamed aside
   * until `finish`, so that an undo brings it back. False when there is no such file, or it
   * cannot be moved (it stays).
   */
  remove(target: string): boolean {
    const found = exists(target);
    if (found === undefined || found.directory) return false;
    const backup = backupName(target);
    try {
      renameSync(target, backup);
    } catch {
      return false;
    }
    this.steps.push({ target, backup, placed: false });
    return true;
  }

  /**
   * Undoes every step, the last first. Returns the backups that could not be renamed back (each
   * then still holds its target's previous content), for the error to name.
   */
  undo(): string[] {
    const stranded: string[] = [];
    for (const step of this.steps.splice(0).reverse()) {
      try {
        if (step.backup !== undefined) renameSync(step.backup, step.target);
        else if (step.placed) unlinkSync(step.target);
      } catch {
        if (step.backup !== undefined) stranded.push(step.backup);
      }
    }
    return stranded;
  }

  /** Every step stands: the backups go, and the folders are synced so that the renames last. */
  finish(): void {
    const folders = new Set<string>();
    for (const step of this.steps.splice(0)) {
      folders.add(dirname(step.target));
      if (step.backup !== undefined) { try { unlinkSync(step.backup); } catch { /* already gone */ } }
    }
    for (const folder of folders) syncFolder(folder);
  }

  /** The previous content of `target`, under a backup name: hard-linked, else renamed aside. */
  private keep(target: string): string {
    const backup = backupName(target);
    try {
      linkSync(target, backup);
      return backup;
    } catch {
      // no hard links here (FAT, some network shares), or not allowed (protected_hardlinks)
    }
    try {
      renameSync(target, backup);
      return backup;
    } catch (error) {
      throw new LeadqError('OUTPUT_WRITE', `cannot move the output into place: the previous file cannot be kept aside: ${(error as Error).message}`, { file: target });
    }
  }
}

/** A folder's entries to disk (the renames in it); best effort: not every system can open a folder. */
function syncFolder(folder: string): void {
  let fd: number;
  try { fd = openSync(folder, 'r'); } catch { return; }
  try { fsyncSync(fd); } catch { /* a file system without fsync on folders */ } finally { closeSync(fd); }
}
