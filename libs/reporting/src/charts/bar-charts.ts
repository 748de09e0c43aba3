import { num } from '../format';
import { escapeHtml } from '../html';
import { legendEntry, svgDocument, type ChartAttributes } from './frame';

/** A bar series of a grouped bar chart: its name, colour and the value it takes in a group (NaN draws no bar). */
export interface BarSeries<G> {
  name: string;
  colour: string;
  value: (group: G) => number;
}

export interface GroupedBarChartOptions<G> extends ChartAttributes {
  /** The label under a group of bars. */
  groupLabel: (group: G) => string;
  width?: number;
  height?: number;
}

/** Vertical bars grouped side by side (one group per item, one bar per series) with a legend on top. Bars carry class `bar`. */
export function groupedBarChart<G>(groups: readonly G[], series: readonly BarSeries<G>[], opts: GroupedBarChartOptions<G>): string {
  const { width = 640, height = 260 } = opts;
  const pad = 40;
  const max = Math.max(1e-9, ...groups.flatMap((g) => series.map((s) => s.value(g)).filter(Number.isFinite)));
  const groupW = (width - 2 * pad) / Math.max(1, groups.length);
  const barW = (groupW - 12) / series.length;
  const bars = groups
    .map((g, i) => {
      const label = escapeHtml(opts.groupLabel(g));
      return (
        series
          .map((s, k) => {
            const value = s.value(g);
            const h = Number.isFinite(value) ? (value / max) * (height - 2 * pad) : 0;
            const x = pad + i * groupW + 6 + k * barW;
            return `<rect class="bar" x="${x.toFixed(1)}" y="${(height - pad - h).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${s.colour}"><title>${label} ${escapeHtml(s.name)}: ${num(value, 2, '')}</title></rect>`;
          })
          .join('') + `<text x="${(pad + i * groupW + groupW / 2).toFixed(1)}" y="${height - pad + 14}" text-anchor="middle" font-size="11">${label}</text>`
      );
    })
    .join('');
  const legend = series.map((s, k) => legendEntry(pad + k * 110, 8, s.colour, s.name)).join('');
  return svgDocument(width, height, `${legend}<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#333"/>${bars}`, opts);
}

/** Horizontal bars of the `top` largest values, largest first, labelled on the left (feature importance). */
export function rankedBarChart(values: Record<string, number>, title: string, top = 20): string {
  const entries = Object.entries(values)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top);
  const width = 500;
  const rowH = 16;
  const height = 30 + entries.length * rowH;
  const labelW = 190;
  const barW = width - labelW - 20;
  const max = Math.max(1e-12, ...entries.map(([, v]) => v));
  const rows = entries
    .map(([name, v], i) => {
      const y = 24 + i * rowH;
      const w = (v / max) * barW;
      return `<text x="${labelW - 6}" y="${y + 11}" font-size="10" text-anchor="end">${escapeHtml(name)}</text><rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 4}" fill="#2ca02c"><title>${escapeHtml(name)}: ${v.toPrecision(4)}</title></rect>`;
    })
    .join('');
  return svgDocument(width, height, `<text x="4" y="14" font-size="12" font-weight="bold">${escapeHtml(title)}</text>${rows}`);
}
