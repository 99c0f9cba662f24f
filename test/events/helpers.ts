/**
 * Derived columns as `score` computes them, for tests: a leads CSV and a related CSV (as text), a
 * ruleset's related entry (YAML), an as-of date → each lead's derived values, by the lead's
 * first column, read from its typed row exactly as the rules read them. The real passes run:
 * the lead-keys pass, the aggregation job through the block pipeline (here, in one thread; the
 * threaded runs are the CLI's, test/events/threads.test.ts), the fold and the lookup.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { compileRuleset, asOfDay } from '../../src/engine/compile.js';
import { InputSeries } from '../../src/input/csv/input-series.js';
import { RowCoercer } from '../../src/input/rows/typed-row.js';
import { formatDay } from '../../src/model/days.js';
import type { RelatedSummary } from '../../src/output/related-summary.js';
import { rulesetFromText } from '../../src/ruleset/index.js';
import { attachRelated } from '../../src/run/jobs/compiled.js';
import { aggregateRelated, closeRelated, openRelated, relatedHeaders, relatedPaths } from '../../src/run/related.js';
import { WorkerPool } from '../../src/run/worker-pool.js';

export type Derived = number | string | boolean | null;

export interface DeriveOptions {
  leads: string;
  related: string;
  /** the related entry of the ruleset, without its `file:` (activities.csv is written for it), indented by four spaces */
  entry: string;
  asOf: string;
  blockSize?: number;
  /** the rest of the ruleset (rules reading the derived columns), after stages */
  rest?: string;
}

const dirs: string[] = [];
export function cleanDeriveDirs(): void {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export function rulesText(entry: string, rest = ''): string {
  return `stages: [{ name: lead }]\nrelated:\n  activities:\n    file: activities.csv\n${entry}\n${rest}`;
}

export async function derive(o: DeriveOptions): Promise<{ values: Map<string, Record<string, Derived>>; summary: RelatedSummary; rejects: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadq-derive-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'leads.csv'), o.leads);
  fs.writeFileSync(path.join(dir, 'activities.csv'), o.related);
  const rulesFile = path.join(dir, 'rules.yaml');
  fs.writeFileSync(rulesFile, rulesText(o.entry, o.rest));
  const { ruleset } = rulesetFromText(rulesText(o.entry, o.rest), rulesFile);
  const leads = new InputSeries([path.join(dir, 'leads.csv')], { maxRecordSize: 1 << 20, blockSize: o.blockSize });
  const first = await leads.openFirst();
  const related = await openRelated(ruleset, relatedPaths(ruleset, rulesFile, new Map()), 1 << 20, o.blockSize);
  const pool = new WorkerPool(1);
  const rejects: string[] = [];
  try {
    const { compiled, issues } = compileRuleset(ruleset, first.header, first.name, o.asOf, relatedHeaders(related));
    const errors = issues.filter((i) => i.severity === 'error');
    if (errors.length) throw new Error(errors.map((i) => i.message).join('\n'));
    const { tables, summaries } = await aggregateRelated({
      resolved: compiled.resolved, asOfDay: asOfDay(o.asOf), leads, related, threads: 1, pool, maxRecordSize: 1 << 20, maxRejects: { percent: 100, text: '100%' },
      onReject: (_file, line, reason) => rejects.push(`${line}: ${reason}`),
    });
    attachRelated(compiled, tables);
    const coercer = new RowCoercer(compiled.plan, first.header.length);
    const values = new Map<string, Record<string, Derived>>();
    const [, ...rows] = parse(o.leads, { bom: true, relax_column_count: true }) as string[][];
    for (const fields of rows) {
      coercer.load(fields);
      const row = coercer.row;
      const out: Record<string, Derived> = {};
      for (const file of compiled.resolved.related ?? []) {
        for (const d of file.columns) {
          const i = d.index;
          out[d.name] = d.kind === 'number' ? (Number.isNaN(row.num[i]) ? null : row.num[i])
            : d.kind === 'date' ? (Number.isNaN(row.day[i]) ? null : formatDay(row.day[i]))
              : row.bool[i] === 1;
        }
      }
      values.set(fields[0], out);
    }
    return { values, summary: summaries[0], rejects };
  } finally {
    await pool.close();
    await leads.close();
    await closeRelated(related);
  }
}

/** A day `days` before 2026-11-01 (negative: after it), as a timestamp `YYYY-MM-DD HH:MM`. */
export function daysBefore(days: number, time = '10:00'): string {
  return `${formatDay(20758 - days)} ${time}`;
}

export const AS_OF = '2026-11-01';
