/**
 * `leadq explain` with accounts: the lead's account is made of every lead of the export, so the
 * export is read once more, as `score` reads it for its accounts pass (run/accounts.ts), with the
 * related files aggregated first when the ruleset has any (lead scores may read them). In this
 * thread: explain is one lead, and one thread keeps it simple.
 */
import type { FoldedAccounts } from '../engine/account-fold.js';
import { compileResolved } from '../engine/compile.js';
import type { CompiledRuleset } from '../engine/types.js';
import type { RelatedTables } from '../events/lookup.js';
import { InputSeries } from '../input/csv/input-series.js';
import { DEFAULT_MAX_RECORD_SIZE } from '../input/csv/read-csv.js';
import type { Ruleset } from '../ruleset/types.js';
import { accountFilePaths, aggregateAccounts } from '../run/accounts.js';
import { attachRelated } from '../run/jobs/compiled.js';
import { aggregateRelated, closeRelated, openRelated, type RelatedInput, type RelatedPath } from '../run/related.js';
import { WorkerPool } from '../run/worker-pool.js';
import type { MaxRejects } from '../run/reject-limit.js';
import { footerSettings, type ReadingFlags } from './settings.js';

export async function explainAccounts(
  ruleset: Ruleset, compiled: CompiledRuleset, inputPath: string, reading: ReadingFlags, relatedPaths: RelatedPath[], asOfDay: number,
  maxRejects?: MaxRejects,
): Promise<FoldedAccounts> {
  const maxRecordSize = DEFAULT_MAX_RECORD_SIZE;
  const inputs = new InputSeries([inputPath], { ...reading, maxRecordSize });
  const pool = new WorkerPool(1);
  let related: RelatedInput[] = [];
  try {
    // a copy of its own: the explained lead's row is filled differently (commands/explain.ts)
    const pass = compileResolved(compiled.resolved);
    let relatedTables: RelatedTables | undefined;
    if (ruleset.related?.length) {
      related = await openRelated(ruleset, relatedPaths, maxRecordSize);
      relatedTables = (await aggregateRelated({
        resolved: compiled.resolved, asOfDay, leads: inputs, related, threads: 1, pool, maxRecordSize, maxRejects, onReject: () => {},
      })).tables;
      attachRelated(pass, relatedTables);
    }
    return await aggregateAccounts({
      compiled: pass, inputs, asOfDay, threads: 1, pool, files: accountFilePaths(ruleset, ruleset.file),
      jobOptions: (input) => ({
        resolved: compiled.resolved, ...(relatedTables ? { relatedTables } : {}),
        block: { asOfDay, delimiter: input.delimiter, header: input.header, ...footerSettings(ruleset), escapeFormulas: false, byStage: false, maxRecordSize, file: input.name },
      }),
    });
  } finally {
    await pool.close();
    await inputs.close();
    await closeRelated(related);
  }
}
