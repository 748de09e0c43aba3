import { pct } from '../format';
import { escapeHtml } from '../html';
import { COLOURS, legendEntry, noData, svgDocument, type ChartAttributes } from './frame';

/** One probability bin: mean predicted probability, observed rate and how many props fell in it. */
export interface ReliabilityPoint {
  meanPredicted: number;
  observedRate: number;
  count: number;
}

export interface ReliabilitySeries {
  name: string;
  bins: readonly ReliabilityPoint[];
}

export interface ReliabilityChartOptions extends ChartAttributes {
  title: string;
  /** The x axis label (default `predicted P(over)`). */
  xLabel?: string;
}

const [H, L, T, B, LEGEND] = [320, 60, 20, 40, 160];

/**
 * A reliability (calibration) diagram: observed rate against mean prediction per bin on a 0..1 square, one line per
 * series, marker area ~ the bin's count, and the diagonal of perfect calibration. Circles carry class `point`.
 */
export function reliabilityChart(series: readonly ReliabilitySeries[], opts: ReliabilityChartOptions): string {
  if (series.every((s) => s.bins.length === 0)) return noData(opts.title);
  const size = H - T - B;
  const width = L + size + LEGEND;
  const sx = (x: number) => L + x * size;
  const sy = (y: number) => H - B - y * size;
  const parts = [`<text x="${L}" y="14" font-size="13" font-weight="bold">${escapeHtml(opts.title)}</text>`];
  parts.push(`<rect x="${L}" y="${T}" width="${size}" height="${size}" fill="none" stroke="#333"/>`);
  parts.push(`<line x1="${sx(0)}" y1="${sy(0)}" x2="${sx(1)}" y2="${sy(1)}" stroke="#999" stroke-dasharray="4 3"/>`);
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<text x="${L - 6}" y="${sy(t) + 4}" text-anchor="end" font-size="10">${t}</text><text x="${sx(t)}" y="${H - B + 14}" text-anchor="middle" font-size="10">${t}</text>`);
  }
  parts.push(`<text x="${sx(0.5)}" y="${H - 6}" text-anchor="middle" font-size="11">${escapeHtml(opts.xLabel ?? 'predicted P(over)')}</text>`);
  parts.push(`<text x="14" y="${sy(0.5)}" font-size="11" transform="rotate(-90 14 ${sy(0.5)})" text-anchor="middle">observed over rate</text>`);
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const max = Math.max(1, ...s.bins.map((b) => b.count));
    const d = s.bins.map((b) => `${sx(b.meanPredicted).toFixed(1)},${sy(b.observedRate).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${d}"/>`);
    for (const b of s.bins)
      parts.push(
        `<circle class="point" cx="${sx(b.meanPredicted).toFixed(1)}" cy="${sy(b.observedRate).toFixed(1)}" r="${(2 + 6 * Math.sqrt(b.count / max)).toFixed(1)}" fill="${colour}" fill-opacity="0.5"><title>${b.count} props, predicted ${pct(b.meanPredicted)}, observed ${pct(b.observedRate)}</title></circle>`,
      );
    parts.push(legendEntry(L + size + 20, T + i * 16, colour, s.name));
  });
  return svgDocument(width, H, parts.join(''), opts);
}
