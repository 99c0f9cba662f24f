/**
 * `leadq score … --previous yesterday/scored.csv`: the run also writes changes.csv, what
 * `leadq diff yesterday/scored.csv <this run's scored.csv>` would write, committed with the other
 * outputs (all replaced, or none). The previous file's header is checked before any row is
 * scored; the diff itself reads this run's scored output back from its temporary file once it is
 * complete, just before the commit, so reading the previous file from the very place this run
 * replaces (`--out-dir out/ --previous out/scored.csv`) is safe.
 *
 * The key is the ruleset's id column (or lead_id, id, email); the ladder and the result columns'
 * names come from the ruleset that scores this run.
 */
import { resolve } from 'node:path';
import { LeadqError } from '../model/errors.js';
import type { Ruleset } from '../ruleset/types.js';
import { CsvFormatter } from '../output/csv/csv-format.js';
import { CsvChangeWriter } from '../output/changes.js';
import { columnClashWarning, oddityWarnings, tallyLine } from '../output/diff-report.js';
import { refuseOutputOverInput } from '../output/guard.js';
import type { OutputSet, Sink } from '../output/sinks.js';
import { openRecords } from '../input/csv/read-records.js';
import { planDiff } from '../diff/plan.js';
import type { OutputEncoding } from '../model/encodings.js';
import { openDiff, runDiff } from './diff-files.js';

export interface PreviousOptions {
  previous?: string;
  out?: string;
  outDir?: string;
  rules: string;
  escapeFormulas: boolean;
  /** the scored files' encoding, changes.csv's too: Windows-1252 has no byte-order mark to read it by */
  outEncoding?: OutputEncoding;
  quiet: boolean;
}

export interface Previous {
  /** where changes.csv goes */
  path: string;
  /**
   * Once every scored row is written (before the commit): reads the scored output back, writes
   * changes.csv into the same set of outputs and returns the lines for standard error.
   */
  write(outputs: OutputSet, scored: Sink): Promise<string>;
}

/**
 * Checks --previous against this run's outputs and the previous file's header; undefined
 * without --previous. `header` is the scored output's header, `inputs` the run's inputs and
 * `outputs` its other outputs; `delimiter` is the outputs' (changes.csv's too).
 */
export async function checkPrevious(options: PreviousOptions, ruleset: Ruleset, header: string[], delimiter: string, inputs: string[], outputs: string[]): Promise<Previous | undefined> {
  const previousPath = options.previous;
  if (previousPath === undefined) return undefined;
  if (previousPath === '-') throw new LeadqError('USAGE', '--previous reads a scored.csv of an earlier run; give its path, not standard input (-)');
  const path = options.outDir ? resolve(options.outDir, 'changes.csv')
    : options.out && options.out !== '-' ? options.out.replace(/(\.csv)?$/i, '.changes.csv') : undefined;
  if (path === undefined) throw new LeadqError('USAGE', '--previous writes changes.csv beside the scored file: give --out-dir DIR or --out FILE');
  if (outputs.some((o) => o !== '-' && resolve(o) === resolve(path))) throw new LeadqError('OUTPUT_COLLISION', `${path} would be written twice; give the other output another name`);
  refuseOutputOverInput([...inputs, previousPath], [path]);
  // the previous file's header, checked now: a wrong file fails before any row is scored
  // scored files leadq wrote in Windows-1252 read back in it (the other encodings have a byte-order mark)
  const encoding = options.outEncoding === 'windows-1252' ? 'windows-1252' : undefined;
  const earlier = await openRecords(previousPath, { encoding });
  await earlier.close();
  const options2 = { ruleset, rulesFile: options.rules };
  planDiff(earlier, { name: 'this run\'s scored output', header }, options2);

  return {
    path,
    async write(outputSet: OutputSet, scored: Sink): Promise<string> {
      const written = outputSet.written(scored);
      if (written === undefined) throw new LeadqError('USAGE', '--previous needs the scored output in a file');
      const opened = await openDiff({ path: previousPath, reading: { encoding } }, { path: written, name: scored.name, reading: { delimiter, encoding } }, options2);
      try {
        const fmt = new CsvFormatter({ delimiter, escapeFormulas: options.escapeFormulas });
        const writer = new CsvChangeWriter(outputSet.open(path, options.outEncoding), fmt, opened.plan.leadHeader);
        const differ = await runDiff(opened, writer, () => outputSet.drain());
        if (options.quiet) return '';
        const { plan } = opened;
        return columnClashWarning(plan.leadHeader) + oddityWarnings(plan.before.name, differ.beforeOdd, plan.key) + oddityWarnings(plan.after.name, differ.afterOdd, plan.key)
          + tallyLine(differ.tally, `since ${previousPath}: `);
      } finally {
        await opened.close();
      }
    },
  };
}
