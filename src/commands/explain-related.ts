/**
 * `leadq explain` with related files: each file is read again for the one lead — the rows whose
 * key is the lead's — measured and folded with the very code `score` uses (engine/related-rows.ts,
 * events/accumulate.ts), so the derived values are score's; engine/explain-related.ts then says
 * per derived column which rows counted and why the others did not, and what of the file
 * could not be read (explain-related-rows.ts).
 */
import { DerivedAccumulator } from '../events/accumulate.js';
import { rowsWithoutTimestamp, traceRelated, type RelatedTrace } from '../engine/explain-related.js';
import { openCsvInput, type CsvInput } from '../input/csv/read-csv.js';
import { formatNumber } from '../model/cents.js';
import { formatDay } from '../model/days.js';
import type { ResolvedRuleset } from '../ruleset/resolved.js';
import type { Ruleset } from '../ruleset/types.js';
import { relatedError } from '../run/related-errors.js';
import { checkDeclaredEncoding, relatedFile } from '../run/declared-encoding.js';
import type { MaxRejects } from '../run/reject-limit.js';
import { readLeadRows, type LeadRows } from './explain-related-rows.js';
import type { RelatedPath } from '../run/related.js';

/** Opens every related file for its header (records are read later); one that cannot be read stops the run naming it. */
export async function openRelatedCsv(ruleset: Ruleset, paths: RelatedPath[]): Promise<CsvInput[]> {
  const out: CsvInput[] = [];
  try {
    for (const [i, file] of (ruleset.related ?? []).entries()) {
      try {
        await checkDeclaredEncoding(relatedFile(file.name), paths[i].path, file.encoding);
        out.push(await openCsvInput(paths[i].path, { encoding: file.encoding, delimiter: file.delimiter, skipLines: file.skipLines }));
      } catch (error) {
        throw relatedError(file.name, paths[i].path, error, paths[i].from);
      }
    }
    return out;
  } catch (error) {
    for (const input of out) await input.close();
    throw error;
  }
}

export interface LeadRelated {
  /** by derived column index (after the header's): the value rules read */
  values: Map<number, number>;
  /** the text explain shows for it */
  texts: Map<number, string>;
  traces: RelatedTrace[];
}

/** The lead's derived values and the trace of its rows, from each related file. */
export async function leadRelated(resolved: ResolvedRuleset, inputs: CsvInput[], leadFields: string[], asOfDay: number, maxRejects?: MaxRejects): Promise<LeadRelated> {
  const values = new Map<number, number>();
  const texts = new Map<number, string>();
  const traces: RelatedTrace[] = [];
  for (const [i, file] of (resolved.related ?? []).entries()) {
    const input = inputs[i];
    const cell = file.matches.index >= 0 ? leadFields[file.matches.index] : '';
    let read: LeadRows;
    try {
      read = await readLeadRows(input, file, resolved, cell, asOfDay, maxRejects);
    } catch (error) {
      // a byte that is not UTF-8 far down the file, too many rejected rows: named as this related file's, as score names them
      throw relatedError(file.name, input.name, error, null);
    } finally {
      await input.close();
    }
    const acc = new DerivedAccumulator(file.columns, 1, asOfDay, false);
    acc.add(read.block);
    const folded = acc.finish();
    // a lead without a key has no rows: each column's value for no row, as score gives it
    const shown = file.columns.map((d, c) => {
      const v = folded[c][0];
      values.set(d.index, v);
      const text = derivedText(d.kind, v);
      texts.set(d.index, text);
      return text;
    });
    traces.push({
      name: file.name, file: input.name, column: file.matches.name, key: cell.trim(), rows: read.rows.length, at: file.at.name,
      no_timestamp: rowsWithoutTimestamp(read.rows), rejected: read.rejected,
      columns: traceRelated(file, read.rows, asOfDay, shown),
    });
  }
  return { values, texts, traces };
}

/** A derived value as explain shows it (and as condition traces saw it). */
export function derivedText(kind: 'number' | 'date' | 'boolean', v: number): string {
  if (kind === 'boolean') return v === 1 ? 'true' : 'false';
  if (v !== v) return '';
  return kind === 'date' ? formatDay(v) : formatNumber(v);
}
