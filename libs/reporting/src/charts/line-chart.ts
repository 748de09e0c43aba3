import { tickLabel } from '../format';
import { escapeHtml } from '../html';
import { COLOURS, extent, legendEntry, noData, svgDocument, ticks } from './frame';

/** A named series of (x, y) points for a line chart. */
export interface Series {
  name: string;
  points: readonly { x: number; y: number }[];
}

export interface LineChartOptions {
  title: string;
  yLabel: string;
  /** Formats an x tick (dates for bankroll curves). */
  xLabel: (x: number) => string;
  /** A dashed horizontal reference line (the initial bankroll). */
  reference?: number;
  /** Draw y on a log10 scale (compounding bankrolls); values <= 0 are clipped to the smallest positive one. */
  log?: boolean;
}

const [W, H, L, R, T, B] = [720, 320, 60, 160, 20, 40];

/** An inline SVG line chart with axes, ticks, grid lines and a legend on the right. */
export function lineChart(series: readonly Series[], opts: LineChartOptions): string {
  if (opts.log) {
    const floor = Math.min(...series.flatMap((s) => s.points.map((p) => p.y)).filter((y) => y > 0));
    const toLog = (y: number) => Math.log10(Math.max(y, floor));
    return lineChart(
      series.map((s) => ({ name: s.name, points: s.points.map((p) => ({ x: p.x, y: toLog(p.y) })) })),
      { ...opts, log: false, yLabel: `${opts.yLabel} (log10)`, reference: opts.reference === undefined ? undefined : toLog(opts.reference) },
    );
  }
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return noData(opts.title);
  const [x0, x1] = extent(all.map((p) => p.x));
  const [y0, y1] = extent([...all.map((p) => p.y), ...(opts.reference === undefined ? [] : [opts.reference])]);
  const sx = (x: number) => L + ((x - x0) / (x1 - x0 || 1)) * (W - L - R);
  const sy = (y: number) => H - B - ((y - y0) / (y1 - y0 || 1)) * (H - T - B);
  const parts = [
    `<text x="${L}" y="14" font-size="13" font-weight="bold">${escapeHtml(opts.title)}</text>`,
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#333"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#333"/>`,
    `<text x="14" y="${(T + H - B) / 2}" font-size="11" transform="rotate(-90 14 ${(T + H - B) / 2})" text-anchor="middle">${escapeHtml(opts.yLabel)}</text>`,
  ];
  for (const t of ticks(y0, y1))
    parts.push(`<text x="${L - 6}" y="${sy(t) + 4}" text-anchor="end" font-size="10">${tickLabel(t)}</text><line x1="${L}" x2="${W - R}" y1="${sy(t)}" y2="${sy(t)}" stroke="#eee"/>`);
  for (const t of ticks(x0, x1)) parts.push(`<text x="${sx(t)}" y="${H - B + 14}" text-anchor="middle" font-size="10">${escapeHtml(opts.xLabel(t))}</text>`);
  if (opts.reference !== undefined) parts.push(`<line x1="${L}" x2="${W - R}" y1="${sy(opts.reference)}" y2="${sy(opts.reference)}" stroke="#999" stroke-dasharray="4 3"/>`);
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const d = s.points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${d}"/>`);
    parts.push(legendEntry(W - R + 10, T + i * 16, colour, s.name));
  });
  return svgDocument(W, H, parts.join(''));
}
