/**
 * summary.svg: the run's summary as a picture for people who do not read JSON — the stage funnel
 * (leads reached per stage, with the conversion from the stage before) and the cost per MQL and per
 * SQL of each lead source. Hand-written SVG, self-contained (no fonts, scripts or links to fetch),
 * deterministic (same summary, same bytes: numbers are rounded and formatted, never measured),
 * and every text from the data is XML-escaped. Pure: the caller writes it.
 */
import type { Summary } from './summary.js';

const WIDTH = 760;
const PAD = 24;
const BAR_H = 26;
const GAP = 8;
const LABEL_W = 150;
const FONT = 'font-family="Helvetica, Arial, sans-serif"';
const COLORS = { bar: '#3b6ea8', mql: '#7aa6d6', sql: '#1f4e79', text: '#222', dim: '#666', grid: '#ddd' };

/** At most this many sources in the cost chart (the most leads first); the rest are counted below it. */
const MAX_SOURCES = 12;

export function renderSummarySvg(s: Summary): string {
  const parts: string[] = [];
  let y = PAD;
  parts.push(text(PAD, y + 14, `leadq summary · as of ${s.as_of}`, { size: 18, weight: 'bold' }));
  y += 28;
  const cpsql = s.cpsql === null ? 'n/a' : money(s.cpsql);
  parts.push(text(PAD, y + 12, `${s.rows.scored} leads scored · spend ${money(s.spend_total)} · cost per SQL ${cpsql}`, { size: 13, fill: COLORS.dim }));
  y += 32;

  // the funnel: one bar per stage, its length the share of the first stage
  parts.push(text(PAD, y + 14, 'Funnel', { size: 15, weight: 'bold' }));
  y += 24;
  const first = s.funnel[0]?.reached ?? 0;
  const barMax = WIDTH - PAD * 2 - LABEL_W - 170;
  for (const f of s.funnel) {
    const w = first > 0 ? Math.max(1, Math.round((f.reached / first) * barMax)) : 1;
    parts.push(text(PAD, y + 18, f.stage, { size: 13 }));
    parts.push(`<rect x="${PAD + LABEL_W}" y="${y}" width="${w}" height="${BAR_H}" rx="3" fill="${COLORS.bar}"/>`);
    const conversion = f.from_previous === null ? '' : ` · ${pct(f.from_previous)} of previous`;
    parts.push(text(PAD + LABEL_W + w + 8, y + 18, `${f.reached}${conversion}`, { size: 12, fill: COLORS.text }));
    y += BAR_H + GAP;
  }
  y += 16;

  // cost per MQL and per SQL by source: two bars per source, one scale for all
  const sources = [...s.by_source].sort((a, b) => b.leads - a.leads || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const shown = sources.slice(0, MAX_SOURCES);
  parts.push(text(PAD, y + 14, 'Cost per MQL and per SQL by lead source', { size: 15, weight: 'bold' }));
  y += 22;
  parts.push(`<rect x="${PAD}" y="${y + 2}" width="10" height="10" fill="${COLORS.mql}"/>`, text(PAD + 14, y + 11, 'cost per MQL', { size: 11, fill: COLORS.dim }));
  parts.push(`<rect x="${PAD + 110}" y="${y + 2}" width="10" height="10" fill="${COLORS.sql}"/>`, text(PAD + 124, y + 11, 'cost per SQL', { size: 11, fill: COLORS.dim }));
  y += 22;
  const costs = shown.flatMap((b) => [b.cost_per_mql, b.cost_per_sql]).filter((c): c is number => c !== null);
  const top = Math.max(0, ...costs);
  const half = 11;
  for (const b of shown) {
    parts.push(text(PAD, y + 17, clip(b.source, 22), { size: 13 }));
    [[b.cost_per_mql, COLORS.mql], [b.cost_per_sql, COLORS.sql]].forEach(([cost, color], i) => {
      const at = y + i * (half + 2);
      if (cost === null) {
        parts.push(text(PAD + LABEL_W, at + 10, 'n/a', { size: 10, fill: COLORS.dim }));
        return;
      }
      const w = top > 0 ? Math.max(1, Math.round(((cost as number) / top) * barMax)) : 1;
      parts.push(`<rect x="${PAD + LABEL_W}" y="${at}" width="${w}" height="${half}" fill="${color}"/>`);
      parts.push(text(PAD + LABEL_W + w + 6, at + 10, money(cost as number), { size: 10, fill: COLORS.text }));
    });
    y += half * 2 + 2 + GAP + 4;
  }
  if (sources.length > shown.length) {
    parts.push(text(PAD, y + 12, `and ${sources.length - shown.length} more sources (see summary.json)`, { size: 11, fill: COLORS.dim }));
    y += 20;
  }
  if (shown.length === 0) { parts.push(text(PAD, y + 12, 'no leads', { size: 12, fill: COLORS.dim })); y += 20; }
  const height = y + PAD;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img">`,
    `<title>${escapeXml(`leadq summary as of ${s.as_of}`)}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

function text(x: number, y: number, content: string, style: { size: number; weight?: string; fill?: string }): string {
  const weight = style.weight ? ` font-weight="${style.weight}"` : '';
  return `<text x="${x}" y="${y}" ${FONT} font-size="${style.size}"${weight} fill="${style.fill ?? COLORS.text}">${escapeXml(content)}</text>`;
}

/** Text from the data as XML character data: markup characters escaped, characters XML forbids dropped. */
export function escapeXml(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A long source name shortened (by code points, so no emoji is cut in half). */
function clip(value: string, max: number): string {
  const chars = [...value];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : value;
}

function money(x: number): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: Number.isInteger(x) ? 0 : 2, maximumFractionDigits: 2 });
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
