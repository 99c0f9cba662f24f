/**
 * `leadq explain` with related files: each file is read again for the one lead — the rows whose
 * key is the lead's — measured and folded with the very code `score` uses (engine/related-rows.ts,
 * events/accumulate.ts), so the derived values are score's; engine/explain-related.ts then says
 * per derived column which rows counted and why the others did not.
 */
import { DerivedAccumulator, emptyValue, EventBlockBuilder } from '../events/accumulate.js';
import { RelatedRows, type RowVerdict } from '../engine/related-rows.js';
import { traceRelated, type LeadRow, type RelatedTrace } from '../engine/explain-related.js';
import { openCsvInput, type CsvInput } from '../input/csv/read-csv.js';
import { KeyPlaceholders, keyScratch, normalizeKeyText, salesforceIdLength } from '../input/keys/normalize-key.js';
import { RowCoercer } from '../input/rows/typed-row.js';
import { DEFAULT_PLACEHOLDERS, Placeholders } from '../input/values/formats.js';
import { formatNumber } from '../model/cents.js';
import { formatDay } from '../model/days.js';
import type { ResolvedRuleset } from '../ruleset/resolved.js';
import type { Ruleset } from '../ruleset/types.js';
import { relatedError } from '../run/related-errors.js';
import { checkDeclaredEncoding, relatedFile } from '../run/declared-encoding.js';
import { isFooterRecord } from '../run/jobs/related-footer.js';

/** Opens every related file for its header (records are read later); one that cannot be read stops the run naming it. */
export async function openRelatedCsv(ruleset: Ruleset, paths: { name: string; path: string }[]): Promise<CsvInput[]> {
  const out: CsvInput[] = [];
  try {
    for (const [i, file] of (ruleset.related ?? []).entries()) {
      try {
        await checkDeclaredEncoding(relatedFile(file.name), paths[i].path, file.encoding);
        out.push(await openCsvInput(paths[i].path, { encoding: file.encoding, delimiter: file.delimiter, skipLines: file.skipLines }));
      } catch (error) {
        throw relatedError(file.name, paths[i].path, error, true);
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
export async function leadRelated(resolved: ResolvedRuleset, inputs: CsvInput[], leadFields: string[], asOfDay: number): Promise<LeadRelated> {
  const values = new Map<number, number>();
  const texts = new Map<number, string>();
  const traces: RelatedTrace[] = [];
  const placeholders = new Placeholders(resolved.placeholders ?? DEFAULT_PLACEHOLDERS);
  const scratch = keyScratch();
  for (const [i, file] of (resolved.related ?? []).entries()) {
    const input = inputs[i];
    const cell = file.matches.index >= 0 ? leadFields[file.matches.index] : '';
    const email = file.keyType === 'email';
    const salesforce = file.keyType === 'salesforce_id';
    const cut = (k: number) => (salesforce && k > 0 ? salesforceIdLength(scratch, 0, k) : k);
    const n = placeholders.has(cell) ? 0 : cut(normalizeKeyText(cell, email, scratch));
    const want = Buffer.from(scratch.subarray(0, Math.max(0, n)));
    const rows = new RelatedRows(file, resolved);
    const keyPlaceholders = new KeyPlaceholders(file.placeholders ?? DEFAULT_PLACEHOLDERS);
    const coercer = new RowCoercer(rows.plan, input.header.length);
    const lead: LeadRow[] = [];
    const block = new EventBlockBuilder(file.columns.length);
    const out = new Float64Array(rows.width);
    const why: RowVerdict[] = [];
    read: for await (const batch of n > 0 ? input.batches() : []) {
      for (const record of batch) {
        // a report footer ends the file, as score reads it (run/jobs/related-footer.ts)
        if (isFooterRecord(record.fields, input.header.length)) break read;
        if (record.malformed !== undefined || record.fields.length !== input.header.length) continue;
        const k = cut(normalizeKeyText(record.fields[file.key.index], email, scratch));
        if (k !== n || Buffer.compare(want, scratch.subarray(0, k)) !== 0 || keyPlaceholders.has(scratch, k)) continue;
        coercer.load(record.fields);
        const row = coercer.row;
        const day = row.day[file.at.index];
        const placed = day === day && day <= asOfDay;
        if (placed && rows.measure(row, day, asOfDay, out, why)) block.add(0, day, out);
        lead.push({ line: record.line, day, why: placed ? [...why] : file.columns.map(() => '') });
      }
    }
    await input.close();
    const acc = new DerivedAccumulator(file.columns, 1, asOfDay, false);
    acc.add(block.take());
    const folded = acc.finish();
    const shown = file.columns.map((d, c) => {
      const v = n > 0 ? folded[c][0] : emptyValue(d.aggregate);
      values.set(d.index, v);
      const text = derivedText(d.kind, v);
      texts.set(d.index, text);
      return text;
    });
    traces.push({
      name: file.name, file: input.name, column: file.matches.name, key: cell.trim(), rows: lead.length,
      columns: traceRelated(file, lead, asOfDay, shown),
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
