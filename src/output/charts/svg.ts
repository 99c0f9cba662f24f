/**
 * The few SVG pieces leadq's charts are drawn with: a standalone document (no scripts, no fonts
 * or styles from the network, so it opens in any browser), escaped text, and a plot frame with a
 * 0–100% (or given) axis. Coordinates are written with one decimal, so the same data gives the
 * same bytes.
 */

export const WIDTH = 720;
export const HEIGHT = 460;
/** plot area inside the document */
export const PLOT = { left: 72, right: WIDTH - 24, top: 64, bottom: HEIGHT - 92 } as const;

export const COLORS = { primary: '#2563eb', secondary: '#ea580c', muted: '#9ca3af', grid: '#e5e7eb', text: '#111827', soft: '#6b7280' } as const;

/** Text for an SVG text node or attribute. */
export function escapeXml(text: string): string {
  // controls other than tab and line breaks are not allowed in XML 1.0 at all
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A coordinate with one decimal, without "-0". */
export const c = (v: number): string => {
  const r = Math.round(v * 10) / 10;
  return (r === 0 ? 0 : r).toFixed(1).replace(/\.0$/, '');
};

export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${c(x)}" y="${c(y)}"${attrs ? ` ${attrs}` : ''}>${escapeXml(content)}</text>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, attrs: string): string {
  return `<line x1="${c(x1)}" y1="${c(y1)}" x2="${c(x2)}" y2="${c(y2)}" ${attrs}/>`;
}

export function rect(x: number, y: number, w: number, h: number, attrs: string): string {
  return `<rect x="${c(x)}" y="${c(y)}" width="${c(Math.max(0, w))}" height="${c(Math.max(0, h))}" ${attrs}/>`;
}

export function polyline(points: [number, number][], attrs: string): string {
  return `<polyline points="${points.map(([x, y]) => `${c(x)},${c(y)}`).join(' ')}" fill="none" ${attrs}/>`;
}

/** A linear scale from a data range onto a pixel range. */
export function scale(d0: number, d1: number, p0: number, p1: number): (v: number) => number {
  const span = d1 - d0 || 1;
  return (v) => p0 + ((v - d0) / span) * (p1 - p0);
}

/** The whole document: title and subtitle on top, the parts, a legend line at the bottom. */
export function document(title: string, subtitle: string, parts: string[], legend: { color: string; label: string; dashed?: boolean }[] = []): string {
  const head = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="12" fill="${COLORS.text}">`,
    `<title>${escapeXml(title)}</title>`,
    rect(0, 0, WIDTH, HEIGHT, 'fill="#ffffff"'),
    text(PLOT.left, 26, title, 'font-size="16" font-weight="bold"'),
    text(PLOT.left, 46, subtitle, `fill="${COLORS.soft}"`),
  ];
  let x = PLOT.left;
  const keys: string[] = [];
  for (const item of legend) {
    keys.push(line(x, HEIGHT - 18, x + 22, HEIGHT - 18, `stroke="${item.color}" stroke-width="3"${item.dashed ? ' stroke-dasharray="5 4"' : ''}`));
    keys.push(text(x + 28, HEIGHT - 14, item.label));
    x += 40 + item.label.length * 6.5;
  }
  return `${[...head, ...parts, ...keys, '</svg>'].join('\n')}\n`;
}

/** Horizontal grid lines and labels of a y axis from `min` to `max` in `steps`, and the axis titles. */
export function frame(y: (v: number) => number, ticks: number[], label: (v: number) => string, xTitle: string, yTitle: string): string[] {
  const out: string[] = [];
  for (const t of ticks) {
    out.push(line(PLOT.left, y(t), PLOT.right, y(t), `stroke="${COLORS.grid}"`));
    out.push(text(PLOT.left - 8, y(t) + 4, label(t), `text-anchor="end" fill="${COLORS.soft}"`));
  }
  out.push(line(PLOT.left, PLOT.bottom, PLOT.right, PLOT.bottom, `stroke="${COLORS.soft}"`));
  out.push(line(PLOT.left, PLOT.top, PLOT.left, PLOT.bottom, `stroke="${COLORS.soft}"`));
  out.push(text((PLOT.left + PLOT.right) / 2, HEIGHT - 40, xTitle, 'text-anchor="middle"'));
  const mid = (PLOT.top + PLOT.bottom) / 2;
  out.push(`<text x="18" y="${c(mid)}" text-anchor="middle" transform="rotate(-90 18 ${c(mid)})">${escapeXml(yTitle)}</text>`);
  return out;
}

export const percentTicks = [0, 0.25, 0.5, 0.75, 1];
export const percentLabel = (v: number) => `${Math.round(v * 100)}%`;

/** Ticks for a share axis up to `top` (rounded up to a tenth or a quarter). */
export function shareAxis(top: number): { max: number; ticks: number[] } {
  const max = top > 0.5 ? 1 : top > 0.25 ? Math.min(1, Math.ceil(top * 10) / 10) : Math.max(0.05, Math.ceil(top * 20) / 20);
  const step = max > 0.5 ? 0.25 : max > 0.2 ? 0.1 : 0.05;
  const ticks: number[] = [];
  for (let t = 0; t <= max + 1e-9; t += step) ticks.push(Math.round(t * 100) / 100);
  return { max, ticks };
}
