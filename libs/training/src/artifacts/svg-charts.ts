import type { ReliabilityBin } from '@propcast/prediction';

const W = 420;
const H = 320;
const PAD = { left: 48, right: 16, top: 24, bottom: 40 };

/** Escapes text for HTML and SVG content. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

interface Axes {
  x: (v: number) => number;
  y: (v: number) => number;
  frame: string;
}

function axes(xMin: number, xMax: number, yMin: number, yMax: number, xLabel: string, yLabel: string, title: string): Axes {
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const x = (v: number) => PAD.left + ((v - xMin) / (xMax - xMin || 1)) * iw;
  const y = (v: number) => PAD.top + ih - ((v - yMin) / (yMax - yMin || 1)) * ih;
  const ticks = (lo: number, hi: number) => [0, 0.25, 0.5, 0.75, 1].map((t) => lo + t * (hi - lo));
  const xt = ticks(xMin, xMax)
    .map(
      (v) =>
        `<line x1="${x(v)}" y1="${PAD.top + ih}" x2="${x(v)}" y2="${PAD.top + ih + 4}" stroke="#333"/><text x="${x(v)}" y="${PAD.top + ih + 16}" font-size="10" text-anchor="middle">${fmt(v)}</text>`,
    )
    .join('');
  const yt = ticks(yMin, yMax)
    .map((v) => `<line x1="${PAD.left - 4}" y1="${y(v)}" x2="${PAD.left}" y2="${y(v)}" stroke="#333"/><text x="${PAD.left - 6}" y="${y(v) + 3}" font-size="10" text-anchor="end">${fmt(v)}</text>`)
    .join('');
  const frame =
    `<rect x="${PAD.left}" y="${PAD.top}" width="${iw}" height="${ih}" fill="none" stroke="#333"/>${xt}${yt}` +
    `<text x="${PAD.left + iw / 2}" y="${H - 6}" font-size="11" text-anchor="middle">${escapeXml(xLabel)}</text>` +
    `<text x="12" y="${PAD.top + ih / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${PAD.top + ih / 2})">${escapeXml(yLabel)}</text>` +
    `<text x="${PAD.left}" y="14" font-size="12" font-weight="bold">${escapeXml(title)}</text>`;
  return { x, y, frame };
}

const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">${body}</svg>`;

/** Reliability diagram: observed over rate against mean predicted probability per bin, with the diagonal. */
export function reliabilityChart(bins: readonly ReliabilityBin[], title: string): string {
  const a = axes(0, 1, 0, 1, 'predicted P(over)', 'observed over rate', title);
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const path = bins.map((b, i) => `${i === 0 ? 'M' : 'L'}${a.x(b.meanPredicted).toFixed(1)},${a.y(b.observedRate).toFixed(1)}`).join('');
  const dots = bins
    .map(
      (b) =>
        `<circle cx="${a.x(b.meanPredicted).toFixed(1)}" cy="${a.y(b.observedRate).toFixed(1)}" r="${(2 + 6 * Math.sqrt(b.count / maxCount)).toFixed(1)}" fill="#1f77b4" fill-opacity="0.7"><title>n=${b.count}</title></circle>`,
    )
    .join('');
  return svg(`${a.frame}<line x1="${a.x(0)}" y1="${a.y(0)}" x2="${a.x(1)}" y2="${a.y(1)}" stroke="#999" stroke-dasharray="4 3"/><path d="${path}" fill="none" stroke="#1f77b4"/>${dots}`);
}

/** Residual plot: actual - predicted against predicted (at most `maxPoints` points), with the mean residual per predicted bin. */
export function residualChart(predicted: ArrayLike<number>, actual: ArrayLike<number>, title: string, maxPoints = 1500): string {
  const n = predicted.length;
  if (n === 0) return svg(`<text x="20" y="40">no rows</text>`);
  const step = Math.max(1, Math.ceil(n / maxPoints));
  let pMin = Infinity;
  let pMax = -Infinity;
  let rMin = Infinity;
  let rMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const r = actual[i] - predicted[i];
    pMin = Math.min(pMin, predicted[i]);
    pMax = Math.max(pMax, predicted[i]);
    rMin = Math.min(rMin, r);
    rMax = Math.max(rMax, r);
  }
  const a = axes(pMin, pMax, rMin, rMax, 'predicted', 'actual - predicted', title);
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
  const mean = counts
    .map((c, b) => (c > 0 ? [a.x(pMin + ((b + 0.5) / bins) * (pMax - pMin)), a.y(sums[b] / c)] : null))
    .filter((p): p is number[] => p !== null)
    .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`)
    .join('');
  const zero = rMin <= 0 && rMax >= 0 ? `<line x1="${a.x(pMin)}" y1="${a.y(0)}" x2="${a.x(pMax)}" y2="${a.y(0)}" stroke="#999" stroke-dasharray="4 3"/>` : '';
  return svg(`${a.frame}${zero}${dots.join('')}<path d="${mean}" fill="none" stroke="#d62728" stroke-width="2"/>`);
}

/** Horizontal bar chart of the `top` most important features. */
export function importanceChart(values: Record<string, number>, title: string, top = 20): string {
  const entries = Object.entries(values)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top);
  const rowH = 16;
  const height = 30 + entries.length * rowH;
  const labelW = 190;
  const barW = W + 80 - labelW - 20;
  const max = Math.max(1e-12, ...entries.map(([, v]) => v));
  const rows = entries
    .map(([name, v], i) => {
      const y = 24 + i * rowH;
      const w = (v / max) * barW;
      return `<text x="${labelW - 6}" y="${y + 11}" font-size="10" text-anchor="end">${escapeXml(name)}</text><rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 4}" fill="#2ca02c"><title>${escapeXml(name)}: ${v.toPrecision(4)}</title></rect>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W + 80}" height="${height}" viewBox="0 0 ${W + 80} ${height}" font-family="sans-serif"><text x="4" y="14" font-size="12" font-weight="bold">${escapeXml(title)}</text>${rows}</svg>`;
}
