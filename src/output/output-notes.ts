/**
 * What `leadq score` says about its outputs once they are in place: the files of an earlier run
 * that --out-dir removed (or kept, changed since), characters the output encoding lacks, and
 * totals rows left out of the spend file. Pure: the caller writes the text to standard error.
 */
import { escapeControls, quoteData } from '../model/errors.js';
import type { OutputSet } from './sinks.js';

export function outputNotes(out: OutputSet, quiet: boolean, spend?: { file: string; totals: number[] }): string {
  if (quiet) return '';
  const lines: string[] = [];
  const manifest = out.manifestOutcome;
  for (const file of manifest?.removed ?? []) lines.push(`leadq: removed ${escapeControls(file)}: an earlier run wrote it and this one did not`);
  for (const file of manifest?.kept ?? []) lines.push(`leadq: warning: kept ${escapeControls(file)}: an earlier run wrote it, but it has changed since, so it is not leadq's to remove`);
  for (const u of out.unmappable()) {
    lines.push(`leadq: warning: ${u.count} character${u.count === 1 ? '' : 's'} of ${escapeControls(u.name)} ha${u.count === 1 ? 's' : 've'} no windows-1252 form and ${u.count === 1 ? 'was' : 'were'} written as "?" (the first at line ${u.firstLine}: ${quoteData(u.first)}); use --out-encoding utf-8-bom to keep ${u.count === 1 ? 'it' : 'them'}`);
  }
  if (spend && spend.totals.length > 0) {
    lines.push(`leadq: ${escapeControls(spend.file)}: left out ${spend.totals.length} totals row${spend.totals.length === 1 ? '' : 's'} (line ${spend.totals.join(', ')}): the sum of the rows above, not a lead source`);
  }
  return lines.map((l) => `${l}\n`).join('');
}
