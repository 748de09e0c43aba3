import { tickLabel } from '../format';
import { escapeHtml } from '../html';

/** Series colours, in order (matplotlib's tab10). */
export const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

/** Extra attributes on a chart's root `<svg>` (a CSS class, an accessible label). */
export interface ChartAttributes {
  cssClass?: string;
  ariaLabel?: string;
}

/** A standalone `<svg>` element of the given size (no scripts, no external references). */
export function svgDocument(width: number, height: number, body: string, attrs: ChartAttributes = {}): string {
  const cls = attrs.cssClass ? ` class="${escapeHtml(attrs.cssClass)}"` : '';
  const aria = attrs.ariaLabel ? ` role="img" aria-label="${escapeHtml(attrs.ariaLabel)}"` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg"${cls}${aria} width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">${body}</svg>`;
}

/** The placeholder drawn instead of a chart that has no data. */
export const noData = (title: string) => `<p><em>${escapeHtml(title)}: no data</em></p>`;

/** [min, max] of the values, widened by 1 either side when they are all equal (so scales never divide by zero). */
export function extent(values: readonly number[]): [number, number] {
  let [lo, hi] = [Infinity, -Infinity];
  for (const v of values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

/** `n` evenly spaced tick values from lo to hi. */
export function ticks(lo: number, hi: number, n = 5): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/** An SVG path through the points (`M x,y L x,y ...`), one decimal. */
export function pathThrough(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
}

/** A legend entry: colour swatch and escaped name. */
export function legendEntry(x: number, y: number, colour: string, name: string): string {
  return `<rect x="${x}" y="${y}" width="10" height="10" fill="${colour}"/><text x="${x + 14}" y="${y + 9}" font-size="11">${escapeHtml(name)}</text>`;
}

/** Scales and the drawn frame (box, ticks, axis labels, title) of a plot area. */
export interface Axes {
  x: (v: number) => number;
  y: (v: number) => number;
  frame: string;
}

/** A boxed plot area of `width` x `height` with five ticks per axis, mapping [xMin, xMax] x [yMin, yMax] into it. */
export function boxedAxes(size: { width: number; height: number }, domain: { xMin: number; xMax: number; yMin: number; yMax: number }, labels: { x: string; y: string; title: string }): Axes {
  const pad = { left: 48, right: 16, top: 24, bottom: 40 };
  const { xMin, xMax, yMin, yMax } = domain;
  const iw = size.width - pad.left - pad.right;
  const ih = size.height - pad.top - pad.bottom;
  const x = (v: number) => pad.left + ((v - xMin) / (xMax - xMin || 1)) * iw;
  const y = (v: number) => pad.top + ih - ((v - yMin) / (yMax - yMin || 1)) * ih;
  const xt = ticks(xMin, xMax)
    .map(
      (v) =>
        `<line x1="${x(v)}" y1="${pad.top + ih}" x2="${x(v)}" y2="${pad.top + ih + 4}" stroke="#333"/><text x="${x(v)}" y="${pad.top + ih + 16}" font-size="10" text-anchor="middle">${tickLabel(v)}</text>`,
    )
    .join('');
  const yt = ticks(yMin, yMax)
    .map(
      (v) => `<line x1="${pad.left - 4}" y1="${y(v)}" x2="${pad.left}" y2="${y(v)}" stroke="#333"/><text x="${pad.left - 6}" y="${y(v) + 3}" font-size="10" text-anchor="end">${tickLabel(v)}</text>`,
    )
    .join('');
  const frame =
    `<rect x="${pad.left}" y="${pad.top}" width="${iw}" height="${ih}" fill="none" stroke="#333"/>${xt}${yt}` +
    `<text x="${pad.left + iw / 2}" y="${size.height - 6}" font-size="11" text-anchor="middle">${escapeHtml(labels.x)}</text>` +
    `<text x="12" y="${pad.top + ih / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${pad.top + ih / 2})">${escapeHtml(labels.y)}</text>` +
    `<text x="${pad.left}" y="14" font-size="12" font-weight="bold">${escapeHtml(labels.title)}</text>`;
  return { x, y, frame };
}
