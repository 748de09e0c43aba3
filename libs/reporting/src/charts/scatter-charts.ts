import { escapeHtml } from '../html';
import { boxedAxes, pathThrough, svgDocument, type ChartAttributes } from './frame';

/** A point of a scatter chart with its tooltip. */
export interface ScatterPoint {
  x: number;
  y: number;
  tooltip: string;
}

export interface IdentityScatterOptions extends ChartAttributes {
  title: string;
  size?: number;
}

/**
 * Predicted (x) against actual (y) on one 0..max scale with the diagonal y = x; circles carry class `point`.
 * The caption under the plot names the scale.
 */
export function identityScatterChart(points: readonly ScatterPoint[], opts: IdentityScatterOptions): string {
  const { size = 240 } = opts;
  const pad = 32;
  const max = Math.max(1, ...points.flatMap((p) => [p.x, p.y]));
  const s = (v: number) => pad + (v / max) * (size - 2 * pad);
  const dots = points
    .map((p) => `<circle class="point" cx="${s(p.x).toFixed(1)}" cy="${(size - s(p.y)).toFixed(1)}" r="2.5" fill="#d62728" fill-opacity="0.6"><title>${escapeHtml(p.tooltip)}</title></circle>`)
    .join('');
  return svgDocument(
    size,
    size,
    `<rect x="${pad}" y="${pad}" width="${size - 2 * pad}" height="${size - 2 * pad}" fill="none" stroke="#ccc"/>` +
      `<line x1="${s(0)}" y1="${size - s(0)}" x2="${s(max)}" y2="${size - s(max)}" stroke="#999" stroke-dasharray="4 3"/>${dots}` +
      `<text x="${size / 2}" y="16" text-anchor="middle" font-size="12" font-weight="bold">${escapeHtml(opts.title)}</text>` +
      `<text x="${size / 2}" y="${size - 6}" text-anchor="middle" font-size="10">predicted (x) vs actual (y), 0 to ${max.toFixed(0)}</text>`,
    opts,
  );
}

/** Residual plot: actual - predicted against predicted (at most `maxPoints` points), with the mean residual per predicted bin. */
export function residualChart(predicted: ArrayLike<number>, actual: ArrayLike<number>, title: string, maxPoints = 1500): string {
  const [W, H] = [420, 320];
  const n = predicted.length;
  if (n === 0) return svgDocument(W, H, `<text x="20" y="40">no rows</text>`);
  const step = Math.max(1, Math.ceil(n / maxPoints));
  let [pMin, pMax, rMin, rMax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    const r = actual[i] - predicted[i];
    [pMin, pMax, rMin, rMax] = [Math.min(pMin, predicted[i]), Math.max(pMax, predicted[i]), Math.min(rMin, r), Math.max(rMax, r)];
  }
  const a = boxedAxes({ width: W, height: H }, { xMin: pMin, xMax: pMax, yMin: rMin, yMax: rMax }, { x: 'predicted', y: 'actual - predicted', title });
  const dots: string[] = [];
  for (let i = 0; i < n; i += step) {
    dots.push(`<circle cx="${a.x(predicted[i]).toFixed(1)}" cy="${a.y(actual[i] - predicted[i]).toFixed(1)}" r="1.5" fill="#555" fill-opacity="0.35"/>`);
  }
  const bins = 12;
  const sums = new Array<number>(bins).fill(0);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const b = Math.min(bins - 1, Math.floor(((predicted[i] - pMin) / (pMax - pMin || 1)) * bins));
    sums[b] += actual[i] - predicted[i];
    counts[b]++;
  }
  const mean = pathThrough(counts.flatMap((c, b) => (c > 0 ? [[a.x(pMin + ((b + 0.5) / bins) * (pMax - pMin)), a.y(sums[b] / c)] as const] : [])));
  const zero = rMin <= 0 && rMax >= 0 ? `<line x1="${a.x(pMin)}" y1="${a.y(0)}" x2="${a.x(pMax)}" y2="${a.y(0)}" stroke="#999" stroke-dasharray="4 3"/>` : '';
  return svgDocument(W, H, `${a.frame}${zero}${dots.join('')}<path d="${mean}" fill="none" stroke="#d62728" stroke-width="2"/>`);
}
