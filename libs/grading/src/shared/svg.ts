/** A named series of (x, y) points for a line chart. */
export interface Series {
  name: string;
  points: readonly { x: number; y: number }[];
}

/** Escapes text for HTML and SVG. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
const [W, H, L, R, T, B] = [720, 320, 60, 160, 20, 40];

/**
 * An inline SVG line chart with axes, ticks and a legend; `xLabel(x)` formats x ticks. With `log`, y is drawn on a
 * log10 scale (for compounding bankrolls; values <= 0 are clipped to the smallest positive one).
 */
export function lineChart(series: readonly Series[], opts: { title: string; yLabel: string; xLabel: (x: number) => string; reference?: number; log?: boolean }): string {
  if (opts.log) {
    const floor = Math.min(...series.flatMap((s) => s.points.map((p) => p.y)).filter((y) => y > 0));
    const toLog = (y: number) => Math.log10(Math.max(y, floor));
    return lineChart(
      series.map((s) => ({ name: s.name, points: s.points.map((p) => ({ x: p.x, y: toLog(p.y) })) })),
      { ...opts, log: false, yLabel: `${opts.yLabel} (log10)`, reference: opts.reference === undefined ? undefined : toLog(opts.reference) },
    );
  }
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return `<p><em>${escapeHtml(opts.title)}: no data</em></p>`;
  const [x0, x1] = extent(all.map((p) => p.x));
  const [y0, y1] = extent([...all.map((p) => p.y), ...(opts.reference === undefined ? [] : [opts.reference])]);
  const sx = (x: number) => L + ((x - x0) / (x1 - x0 || 1)) * (W - L - R);
  const sy = (y: number) => H - B - ((y - y0) / (y1 - y0 || 1)) * (H - T - B);
  const parts = [axes(opts.title, opts.yLabel)];
  for (const t of ticks(y0, y1))
    parts.push(`<text x="${L - 6}" y="${sy(t) + 4}" text-anchor="end" font-size="10">${fmt(t)}</text><line x1="${L}" x2="${W - R}" y1="${sy(t)}" y2="${sy(t)}" stroke="#eee"/>`);
  for (const t of ticks(x0, x1)) parts.push(`<text x="${sx(t)}" y="${H - B + 14}" text-anchor="middle" font-size="10">${escapeHtml(opts.xLabel(t))}</text>`);
  if (opts.reference !== undefined) parts.push(`<line x1="${L}" x2="${W - R}" y1="${sy(opts.reference)}" y2="${sy(opts.reference)}" stroke="#999" stroke-dasharray="4 3"/>`);
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const d = s.points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${d}"/>`);
    parts.push(`<rect x="${W - R + 10}" y="${T + i * 16}" width="10" height="10" fill="${colour}"/><text x="${W - R + 24}" y="${T + i * 16 + 9}" font-size="11">${escapeHtml(s.name)}</text>`);
  });
  return svg(parts);
}

/** An inline SVG reliability diagram: mean prediction vs observed rate per bin (marker area ~ count) and the diagonal. */
export function reliabilityChart(series: readonly { name: string; bins: readonly { meanPredicted: number; observedRate: number; count: number }[] }[], title: string): string {
  if (series.every((s) => s.bins.length === 0)) return `<p><em>${escapeHtml(title)}: no data</em></p>`;
  const size = H - T - B;
  const sx = (x: number) => L + x * size;
  const sy = (y: number) => H - B - y * size;
  const parts = [`<text x="${L}" y="14" font-size="13" font-weight="bold">${escapeHtml(title)}</text>`];
  parts.push(`<rect x="${L}" y="${T}" width="${size}" height="${size}" fill="none" stroke="#333"/>`);
  parts.push(`<line x1="${sx(0)}" y1="${sy(0)}" x2="${sx(1)}" y2="${sy(1)}" stroke="#999" stroke-dasharray="4 3"/>`);
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<text x="${L - 6}" y="${sy(t) + 4}" text-anchor="end" font-size="10">${t}</text><text x="${sx(t)}" y="${H - B + 14}" text-anchor="middle" font-size="10">${t}</text>`);
  }
  parts.push(`<text x="${sx(0.5)}" y="${H - 6}" text-anchor="middle" font-size="11">predicted P(over | no push)</text>`);
  parts.push(`<text x="14" y="${sy(0.5)}" font-size="11" transform="rotate(-90 14 ${sy(0.5)})" text-anchor="middle">observed over rate</text>`);
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const max = Math.max(1, ...s.bins.map((b) => b.count));
    const d = s.bins.map((b) => `${sx(b.meanPredicted).toFixed(1)},${sy(b.observedRate).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${d}"/>`);
    for (const b of s.bins)
      parts.push(
        `<circle cx="${sx(b.meanPredicted).toFixed(1)}" cy="${sy(b.observedRate).toFixed(1)}" r="${(2 + 6 * Math.sqrt(b.count / max)).toFixed(1)}" fill="${colour}" fill-opacity="0.5"><title>${b.count} props</title></circle>`,
      );
    parts.push(`<rect x="${L + size + 20}" y="${T + i * 16}" width="10" height="10" fill="${colour}"/><text x="${L + size + 34}" y="${T + i * 16 + 9}" font-size="11">${escapeHtml(s.name)}</text>`);
  });
  return svg(parts);
}

function axes(title: string, yLabel: string): string {
  return (
    `<text x="${L}" y="14" font-size="13" font-weight="bold">${escapeHtml(title)}</text>` +
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#333"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#333"/>` +
    `<text x="14" y="${(T + H - B) / 2}" font-size="11" transform="rotate(-90 14 ${(T + H - B) / 2})" text-anchor="middle">${escapeHtml(yLabel)}</text>`
  );
}

function svg(parts: readonly string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">${parts.join('')}</svg>`;
}

function extent(values: readonly number[]): [number, number] {
  let [lo, hi] = [Infinity, -Infinity];
  for (const v of values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

function ticks(lo: number, hi: number, n = 5): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2);
}
