/**
 * Which leads a backtest or a calibration judges: those whose outcome is known and, with
 * --horizon or --since, created long enough ago and not before the day. When none is left, why:
 * an export without rows, an outcome column without values, or options that left every lead out
 * each call for a different fix, so each is said as what it is.
 */
import { quoteData } from '../model/errors.js';
import { UNKNOWN, type Captured } from '../run/jobs/capture.js';

export interface JudgedLeads { mask: Uint8Array; withoutOutcome: number; tooRecent: number; beforeSince: number; undated: number }

/** Which leads are judged: an outcome known and, with a horizon, created long enough ago, with --since not before it. */
export function judgedLeads(c: Captured, horizon: number | undefined, today: number, since?: number): JudgedLeads {
  const mask = new Uint8Array(c.leads);
  let withoutOutcome = 0;
  let tooRecent = 0;
  let beforeSince = 0;
  let undated = 0;
  for (let i = 0; i < c.leads; i++) {
    if (c.outcome[i] === UNKNOWN) { withoutOutcome++; continue; }
    if (horizon !== undefined || since !== undefined) {
      const day = c.created[i];
      if (Number.isNaN(day)) { undated++; continue; }
      if (since !== undefined && day < since) { beforeSince++; continue; }
      if (horizon !== undefined && day > today - horizon) { tooRecent++; continue; }
    }
    mask[i] = 1;
  }
  return { mask, withoutOutcome, tooRecent, beforeSince, undated };
}

/** Why no lead is judged, for a warning (backtest) or an error (calibrate): `since` as --since wrote it. */
export function whyNoneJudged(keep: JudgedLeads, leads: number, rejected: number, column: string, since?: string): string {
  const int = (n: number) => n.toLocaleString('en-US');
  if (leads === 0) return rejected > 0 ? `no row of the input could be read (${int(rejected)} rejected)` : 'the input has no leads: a header and no rows';
  if (keep.withoutOutcome === leads) return `no lead has an outcome in column ${quoteData(column)}`;
  const out = [
    keep.beforeSince ? `${int(keep.beforeSince)} created before ${since ?? 'the --since day'} (--since)` : '',
    keep.tooRecent ? `${int(keep.tooRecent)} created too recently (--horizon)` : '',
    keep.undated ? `${int(keep.undated)} without a created date` : '',
  ].filter(Boolean);
  return `every lead with an outcome was left out: ${out.join(', ')}`;
}
