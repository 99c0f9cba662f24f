/**
 * The pictures of a backtest, each a standalone SVG file: cumulative gains against the random
 * line, conversion by stage and by score band with their 95% intervals, and a calibration plot
 * (what the score's logistic scale predicts against what converted). Drawn from the report alone.
 */
import { basename } from 'node:path';
import type { Interval } from '../../stats/proportions.js';
import type { BacktestReport } from '../backtest-report.js';
import { c, COLORS, document, frame, line, PLOT, percentLabel, percentTicks, polyline, rect, scale, shareAxis, text } from './svg.js';

const y0 = PLOT.bottom;

function gains(r: BacktestReport): string {
  const x = scale(0, 1, PLOT.left, PLOT.right);
  const y = scale(0, 1, PLOT.bottom, PLOT.top);
  const parts = frame(y, percentTicks, percentLabel, 'share of leads, highest total score first', 'share of converted leads reached');
  for (const t of percentTicks) parts.push(text(x(t), PLOT.bottom + 18, percentLabel(t), `text-anchor="middle" fill="${COLORS.soft}"`));
  parts.push(line(x(0), y(0), x(1), y(1), `stroke="${COLORS.muted}" stroke-width="2" stroke-dasharray="5 4"`));
  const legend: { color: string; label: string }[] = [{ color: COLORS.primary, label: `${basename(r.rules)} (AUC ${fmtAuc(r.auc[r.auc.length - 1].auc)})` }];
  if (r.compare) {
    parts.push(polyline(r.compare.gains.map(([a, b]) => [x(a), y(b)]), `stroke="${COLORS.secondary}" stroke-width="2.5"`));
    legend.push({ color: COLORS.secondary, label: `${basename(r.compare.rules)} (AUC ${fmtAuc(r.compare.auc[r.compare.auc.length - 1].auc)})` });
  }
  parts.push(polyline(r.gains.map(([a, b]) => [x(a), y(b)]), `stroke="${COLORS.primary}" stroke-width="2.5"`));
  return document('Cumulative gains', `How many of the ${r.leads.converted.toLocaleString('en-US')} converted leads the top-scored leads hold; the dashed line is random order`,
    parts, [...legend, { color: COLORS.muted, label: 'random', dashed: true }]);
}

const fmtAuc = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3));

interface Bar { label: string; rate: number | null; interval: Interval | null; leads: number; color: string }

/** Bars of conversion with their intervals, and the overall rate as a dashed line. */
function bars(title: string, subtitle: string, xTitle: string, groups: Bar[][], overall: number | null, legend: { color: string; label: string; dashed?: boolean }[]): string {
  const top = Math.max(overall ?? 0, ...groups.flat().map((b) => b.interval?.upper ?? b.rate ?? 0));
  const axis = shareAxis(top);
  const y = scale(0, axis.max, PLOT.bottom, PLOT.top);
  const parts = frame(y, axis.ticks, percentLabel, xTitle, 'converted');
  const slot = (PLOT.right - PLOT.left) / Math.max(1, groups.length);
  groups.forEach((group, g) => {
    const width = Math.min(48, (slot * 0.7) / group.length);
    const start = PLOT.left + slot * g + (slot - width * group.length) / 2;
    group.forEach((b, k) => {
      const x = start + k * width;
      if (b.rate !== null) {
        parts.push(rect(x + 2, y(b.rate), width - 4, y0 - y(b.rate), `fill="${b.color}" fill-opacity="0.85"`));
        if (b.interval) {
          const mid = x + width / 2;
          parts.push(line(mid, y(b.interval.lower), mid, y(b.interval.upper), `stroke="${COLORS.text}" stroke-width="1.5"`));
          parts.push(line(mid - 5, y(b.interval.lower), mid + 5, y(b.interval.lower), `stroke="${COLORS.text}" stroke-width="1.5"`));
          parts.push(line(mid - 5, y(b.interval.upper), mid + 5, y(b.interval.upper), `stroke="${COLORS.text}" stroke-width="1.5"`));
        }
      }
    });
    const first = group[0];
    parts.push(text(PLOT.left + slot * g + slot / 2, PLOT.bottom + 18, first.label, 'text-anchor="middle"'));
    parts.push(text(PLOT.left + slot * g + slot / 2, PLOT.bottom + 32, group.map((b) => b.leads.toLocaleString('en-US')).join(' | '), `text-anchor="middle" fill="${COLORS.soft}" font-size="10"`));
  });
  if (overall !== null) parts.push(line(PLOT.left, y(overall), PLOT.right, y(overall), `stroke="${COLORS.muted}" stroke-width="2" stroke-dasharray="5 4"`));
  return document(title, subtitle, parts, [...legend, { color: COLORS.muted, label: `all leads (${percentLabel(overall ?? 0)})`, dashed: true }]);
}

function stages(r: BacktestReport): string {
  const names = r.stages.map((s) => s.stage).filter((s) => s !== 'disqualified' || r.stages.find((x) => x.stage === s)!.at > 0);
  const groups = names.map((name) => {
    const mine = r.stages.find((s) => s.stage === name);
    const theirs = r.compare?.stages.find((s) => s.stage === name);
    const bar = (s: typeof mine, color: string): Bar => ({ label: name, rate: s?.at_conversion ?? null, interval: s?.at_interval ?? null, leads: s?.at ?? 0, color });
    return r.compare ? [bar(mine, COLORS.primary), bar(theirs, COLORS.secondary)] : [bar(mine, COLORS.primary)];
  });
  const legend = [{ color: COLORS.primary, label: basename(r.rules) }, ...(r.compare ? [{ color: COLORS.secondary, label: basename(r.compare.rules) }] : [])];
  return bars('Conversion by stage', 'Share of the leads at each stage that converted, with 95% intervals (Wilson); leads per stage below', 'stage', groups, r.leads.conversion, legend);
}

function bands(r: BacktestReport): string {
  const groups = r.bands.rows.map((b) => [{ label: String(b.band), rate: b.conversion, interval: wilsonOf(r, b.band), leads: b.leads, color: COLORS.primary }]);
  return bars('Conversion by score band', `The total score in ${r.bands.count} bands, highest first (1), with 95% intervals (Wilson)`, 'band of the total score', groups, r.leads.conversion,
    [{ color: COLORS.primary, label: basename(r.rules) }]);
}

function wilsonOf(r: BacktestReport, band: number): Interval | null {
  return r.calibration.find((p) => p.band === band)?.interval ?? null;
}

function calibration(r: BacktestReport): string {
  const x = scale(0, 1, PLOT.left, PLOT.right);
  const y = scale(0, 1, PLOT.bottom, PLOT.top);
  const parts = frame(y, percentTicks, percentLabel, 'predicted conversion (logistic scale of the total score)', 'observed conversion');
  for (const t of percentTicks) parts.push(text(x(t), PLOT.bottom + 18, percentLabel(t), `text-anchor="middle" fill="${COLORS.soft}"`));
  parts.push(line(x(0), y(0), x(1), y(1), `stroke="${COLORS.muted}" stroke-width="2" stroke-dasharray="5 4"`));
  for (const p of r.calibration) {
    if (p.interval) parts.push(line(x(p.predicted), y(p.interval.lower), x(p.predicted), y(p.interval.upper), `stroke="${COLORS.primary}" stroke-width="1.5"`));
    parts.push(`<circle cx="${c(x(p.predicted))}" cy="${c(y(p.observed))}" r="5" fill="${COLORS.primary}"/>`);
    parts.push(text(x(p.predicted) + 8, y(p.observed) - 6, String(p.band), `fill="${COLORS.soft}" font-size="10"`));
  }
  const sub = r.scale ? `Per score band: P(converted) = 1 / (1 + e^-(${r.scale.intercept.toFixed(3)} + ${r.scale.slope.toFixed(4)} × total)) against the rate seen` : 'The total score does not rank converted leads higher: no scale to check';
  return document('Calibration', sub, parts, [{ color: COLORS.primary, label: 'score bands (number = band), 95% intervals' }, { color: COLORS.muted, label: 'perfect calibration', dashed: true }]);
}

/** Every chart, by file name. */
export function backtestCharts(r: BacktestReport): Map<string, string> {
  const files = new Map<string, string>();
  if (r.gains.length > 0) files.set('gains.svg', gains(r));
  files.set('stages.svg', stages(r));
  files.set('bands.svg', bands(r));
  if (r.calibration.length > 0) files.set('calibration.svg', calibration(r));
  return files;
}
