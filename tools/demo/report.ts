import { escapeHtml as esc, groupedBarChart, identityScatterChart, num as formatNum, pct as formatPct, reliabilityChart, type BarSeries } from '@propcast/reporting';
import type { DayPrediction, DaySummary, StatSummary } from './day-summary';

// The report's tables leave a missing figure blank.
const num = (x: number | null, d = 2) => formatNum(x, d, '');
const pct = (x: number | null) => formatPct(x, '');

const NOTICE = `Predictions are estimates, not guarantees. Never bet more than you can afford to lose.
If gambling stops being fun, get help: 1-800-GAMBLER (US) or BeGambleAware.org (UK).`;

/** The calibration plot of the day's P(over), all stats together. */
export function reliabilitySvg(bins: DaySummary['reliability']): string {
  const points = bins.map((b) => ({ meanPredicted: b.predicted, observedRate: b.observed, count: b.count }));
  return reliabilityChart([{ name: 'all stats', bins: points }], { title: '', cssClass: 'chart reliability', ariaLabel: 'calibration plot' });
}

const MAE_SERIES: BarSeries<StatSummary>[] = [
  { name: 'model', value: (t) => t.mae, colour: '#1f77b4' },
  { name: 'season avg', value: (t) => t.baselines.seasonAvg, colour: '#bbb' },
  { name: 'last 10', value: (t) => t.baselines.last10, colour: '#999' },
  { name: 'EMA', value: (t) => t.baselines.ema, colour: '#777' },
];

/** Grouped bars: the model's MAE beside each baseline, for every stat. */
export function maeBarsSvg(stats: StatSummary[]): string {
  return groupedBarChart(stats, MAE_SERIES, { groupLabel: (t) => t.stat, cssClass: 'chart mae-bars', ariaLabel: 'MAE per stat, model against baselines' });
}

/** Predicted against actual for one stat's played predictions. */
export function errorScatterSvg(stat: string, rows: DayPrediction[]): string {
  const played = rows.filter((r) => r.actual !== null && r.outcome !== 'VOID');
  const points = played.map((r) => ({ x: r.predicted, y: r.actual as number, tooltip: `${r.player}: predicted ${num(r.predicted, 1)}, actual ${r.actual}` }));
  return identityScatterChart(points, { title: stat, cssClass: 'chart error-scatter', ariaLabel: `${stat} predicted against actual` });
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
