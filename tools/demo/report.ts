import type { DayPrediction, DaySummary, StatSummary } from './day-summary';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const num = (x: number | null, d = 2) => (x === null || !Number.isFinite(x) ? '' : x.toFixed(d));
const pct = (x: number | null) => (x === null || !Number.isFinite(x) ? '' : `${(100 * x).toFixed(1)}%`);

const NOTICE = `Predictions are estimates, not guarantees. Never bet more than you can afford to lose.
If gambling stops being fun, get help: 1-800-GAMBLER (US) or BeGambleAware.org (UK).`;

/** A square reliability diagram: predicted over-probability per bin against the observed over rate. */
export function reliabilitySvg(bins: DaySummary['reliability']): string {
  const size = 320;
  const pad = 40;
  const s = (v: number) => pad + v * (size - 2 * pad);
  const y = (v: number) => size - s(v);
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const dots = bins
    .map(
      (b) =>
        `<circle class="point" cx="${s(b.predicted).toFixed(1)}" cy="${y(b.observed).toFixed(1)}" r="${(3 + 6 * Math.sqrt(b.count / maxCount)).toFixed(1)}" fill="#1f77b4" fill-opacity="0.7"><title>${b.count} props, predicted ${pct(b.predicted)}, observed ${pct(b.observed)}</title></circle>`,
    )
    .join('');
  return `<svg class="chart reliability" role="img" aria-label="calibration plot" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <rect x="${pad}" y="${pad}" width="${size - 2 * pad}" height="${size - 2 * pad}" fill="none" stroke="#ccc"/>
  <line x1="${s(0)}" y1="${y(0)}" x2="${s(1)}" y2="${y(1)}" stroke="#999" stroke-dasharray="4 3"/>
  ${dots}
  <text x="${size / 2}" y="${size - 8}" text-anchor="middle" font-size="11">predicted P(over)</text>
  <text x="12" y="${size / 2}" text-anchor="middle" font-size="11" transform="rotate(-90 12 ${size / 2})">observed over rate</text>
  <text x="${pad}" y="${pad - 8}" font-size="10">0 to 1 on both axes; dashed line = perfect calibration</text>
</svg>`;
}

/** Grouped bars: the model's MAE beside each baseline, for every stat. */
export function maeBarsSvg(stats: StatSummary[]): string {
  const width = 640;
  const height = 260;
  const pad = 40;
  const series: [string, (t: StatSummary) => number, string][] = [
    ['model', (t) => t.mae, '#1f77b4'],
    ['season avg', (t) => t.baselines.seasonAvg, '#bbb'],
    ['last 10', (t) => t.baselines.last10, '#999'],
    ['EMA', (t) => t.baselines.ema, '#777'],
  ];
  const max = Math.max(1e-9, ...stats.flatMap((t) => series.map(([, v]) => v(t)).filter(Number.isFinite)));
  const groupW = (width - 2 * pad) / Math.max(1, stats.length);
  const barW = (groupW - 12) / series.length;
  const bars = stats
    .map(
      (t, i) =>
        series
          .map(([name, v, colour], k) => {
            const value = v(t);
            const h = Number.isFinite(value) ? (value / max) * (height - 2 * pad) : 0;
            const x = pad + i * groupW + 6 + k * barW;
            return `<rect class="bar" x="${x.toFixed(1)}" y="${(height - pad - h).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${colour}"><title>${esc(t.stat)} ${name}: ${num(value)}</title></rect>`;
          })
          .join('') + `<text x="${(pad + i * groupW + groupW / 2).toFixed(1)}" y="${height - pad + 14}" text-anchor="middle" font-size="11">${esc(t.stat)}</text>`,
    )
    .join('');
  const legend = series
    .map(([name, , colour], k) => `<rect x="${pad + k * 110}" y="8" width="10" height="10" fill="${colour}"/><text x="${pad + k * 110 + 14}" y="17" font-size="11">${name}</text>`)
    .join('');
  return `<svg class="chart mae-bars" role="img" aria-label="MAE per stat, model against baselines" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
  ${legend}<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#333"/>${bars}
</svg>`;
}

/** Predicted against actual for one stat's played predictions. */
export function errorScatterSvg(stat: string, rows: DayPrediction[]): string {
  const size = 240;
  const pad = 32;
  const played = rows.filter((r) => r.actual !== null && r.outcome !== 'VOID');
  const max = Math.max(1, ...played.flatMap((r) => [r.predicted, r.actual as number]));
  const s = (v: number) => pad + (v / max) * (size - 2 * pad);
  const dots = played
    .map(
      (r) =>
        `<circle class="point" cx="${s(r.predicted).toFixed(1)}" cy="${(size - s(r.actual as number)).toFixed(1)}" r="2.5" fill="#d62728" fill-opacity="0.6"><title>${esc(r.player)}: predicted ${num(r.predicted, 1)}, actual ${r.actual}</title></circle>`,
    )
    .join('');
  return `<svg class="chart error-scatter" role="img" aria-label="${esc(stat)} predicted against actual" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <rect x="${pad}" y="${pad}" width="${size - 2 * pad}" height="${size - 2 * pad}" fill="none" stroke="#ccc"/>
  <line x1="${s(0)}" y1="${size - s(0)}" x2="${s(max)}" y2="${size - s(max)}" stroke="#999" stroke-dasharray="4 3"/>
  ${dots}
  <text x="${size / 2}" y="16" text-anchor="middle" font-size="12" font-weight="bold">${esc(stat)}</text>
  <text x="${size / 2}" y="${size - 6}" text-anchor="middle" font-size="10">predicted (x) vs actual (y), 0 to ${max.toFixed(0)}</text>
</svg>`;
}

/** The day's report: summary, charts, every prediction; self-contained (inline SVG and CSS, no scripts). */
export function renderDemoReport(s: DaySummary): string {
  const statRows = s.stats
    .map(
      (t) =>
        `<tr><td>${esc(t.stat)}</td><td>${t.played}</td><td><b>${num(t.mae)}</b></td><td>${num(t.baselines.seasonAvg)}</td><td>${num(t.baselines.last10)}</td><td>${num(t.baselines.ema)}</td><td>${pct(t.hitRate)}</td><td>${t.bets}</td><td>${pct(t.roi)}</td><td>${num(t.brier, 3)}</td><td>${num(t.ece, 3)}</td></tr>`,
    )
    .join('\n');
  const predictionRows = s.predictions
    .map(
      (p) =>
        `<tr><td>${esc(p.player)}</td><td>${esc(p.stat)}</td><td>v${p.modelVersion}</td><td>${num(p.predicted, 1)}</td><td>${num(p.line, 1)}</td><td>${pct(p.overProbability)}</td><td>${pct(p.edge)}</td><td>${num(p.expectedValue, 3)}</td><td>${esc(p.recommendation)}</td><td>${p.actual ?? ''}</td><td>${esc(p.outcome ?? '')}</td><td>${esc(p.result)}</td><td>${num(p.profit)}</td></tr>`,
    )
    .join('\n');
  const phases = s.phases.map((p) => `<tr><td>${esc(p.name)}</td><td>${p.seconds.toFixed(1)} s</td></tr>`).join('');
  const scatters = s.stats
    .map((t) =>
      errorScatterSvg(
        t.stat,
        s.predictions.filter((p) => p.stat === t.stat),
      ),
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Propcast: ${esc(s.day)}</title>
<style>
 body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1200px}
 table{border-collapse:collapse;margin:1rem 0;font-size:13px} td,th{border:1px solid #ddd;padding:3px 8px;text-align:right} td:first-child,th:first-child{text-align:left}
 .notice{background:#fff8e1;border:1px solid #f0c36d;padding:.75rem 1rem;border-radius:4px}
 .proxy{color:#a33} .charts{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
 .scroll{max-height:480px;overflow:auto;border:1px solid #eee}
</style></head>
<body>
<h1>Propcast: replay of ${esc(s.day)}</h1>
<p class="notice">${esc(NOTICE)}</p>
<p>Batch <code>${esc(s.batchId)}</code>: ${s.completed} predictions of ${s.requested} requests (coverage ${pct(s.coverage)}), ${s.failed} failed.</p>
${s.linesAreProxy ? '<p class="proxy"><b>Lines are PROXY lines</b>: the data has no real prop lines for this day, so each line is the player\'s season average before the day, rounded to .5, priced -110/-110. Hit rate and ROI are against those proxies.</p>' : ''}
<h2>Production models on their held-out test seasons</h2>
<table id="model-records"><thead><tr><th>stat</th><th>model</th><th>objective</th><th>test rows</th><th>MAE model</th><th>MAE season avg</th><th>MAE last 10</th><th>MAE EMA</th></tr></thead>
<tbody>${s.models.map((m) => `<tr><td>${esc(m.stat)}</td><td>${esc(m.modelId)}</td><td>${esc(m.objective)}</td><td>${m.testRows}</td><td><b>${num(m.mae, 3)}</b></td><td>${num(m.baselines.seasonAvg, 3)}</td><td>${num(m.baselines.last10, 3)}</td><td>${num(m.baselines.ema, 3)}</td></tr>`).join('')}</tbody></table>
<h2>${esc(s.day)}: error and betting metrics per stat (same rows for model and baselines)</h2>
<table id="stat-summary"><thead><tr><th>stat</th><th>n</th><th>MAE model</th><th>MAE season avg</th><th>MAE last 10</th><th>MAE EMA</th><th>hit rate</th><th>bets</th><th>ROI</th><th>Brier</th><th>ECE</th></tr></thead>
<tbody>${statRows}</tbody></table>
<div class="charts">
<figure><figcaption>MAE per stat: model against baselines</figcaption>${maeBarsSvg(s.stats)}</figure>
<figure><figcaption>Calibration of P(over) (all stats)</figcaption>${reliabilitySvg(s.reliability)}</figure>
</div>
<h2>Per-stat errors</h2>
<div class="charts">${scatters}</div>
<h2>Predictions</h2>
<div class="scroll"><table id="predictions"><thead><tr><th>player</th><th>stat</th><th>model</th><th>predicted</th><th>line</th><th>P(over)</th><th>edge</th><th>EV/unit</th><th>call</th><th>actual</th><th>outcome</th><th>result</th><th>profit</th></tr></thead>
<tbody>${predictionRows}</tbody></table></div>
<h2>Time per phase</h2>
<table id="phases">${phases}</table>
</body></html>
`;
}
