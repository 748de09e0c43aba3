import type { Evaluation, RegressionMetrics } from '../evaluation/evaluation.types';
import type { TrialRecord } from '../model/hyperparameter-search';
import type { ModelMetadata } from '@propcast/model-registry';
import { escapeHtml, num as formatNum, pct as formatPct, rankedBarChart, reliabilityChart, residualChart } from '@propcast/reporting';

/** What report.html shows. */
export interface ModelReportInput {
  metadata: Omit<ModelMetadata, 'artifacts'>;
  testPredicted: ArrayLike<number>;
  testActual: ArrayLike<number>;
  trials: readonly TrialRecord[];
}

// The report prints a missing figure as an en dash.
const num = (v: number | null | undefined, digits = 3) => formatNum(v, digits, '–');
const pct = (v: number | null | undefined) => formatPct(v, '–');

function fitsParagraph(m: ModelReportInput['metadata']): string {
  const f = m.fits;
  if (!f) return '';
  const selection = `Selection fit on ${f.selection.from}..${f.selection.to} (${f.selection.rows} rows, ${f.selection.rounds} rounds, recency decay ${f.selection.recencyDecay}): the metrics below are its out-of-sample predictions.`;
  if (!f.refit) return `<p>${escapeHtml(selection)} It is the served model.</p>`;
  return `<p>${escapeHtml(selection)} Served model: refit on ${f.refit.from}..${f.refit.to} (${f.refit.rows} rows, ${f.refit.rounds} rounds = selection rounds × ${f.refit.roundScale.toFixed(3)}, recency decay ${f.refit.recencyDecay}).</p>`;
}

function regressionRow(name: string, m: RegressionMetrics, extra = ''): string {
  return `<tr><td>${escapeHtml(name)}</td><td>${m.n}</td><td>${num(m.mae)}</td><td>${num(m.rmse)}</td><td>${num(m.bias)}</td><td>${pct(m.within3)}</td><td>${pct(m.within5)}</td><td>${extra}</td></tr>`;
}

function regressionTable(e: Evaluation): string {
  const b = e.baselines;
  return `<table><tr><th>predictor</th><th>n</th><th>MAE</th><th>RMSE</th><th>bias</th><th>within 3</th><th>within 5</th><th>note</th></tr>
${regressionRow('model', e.model)}
${regressionRow('season-to-date average', b.seasonAvg, `${b.seasonAvg.fallbackRows} rows use the fallback`)}
${regressionRow('last-10 average', b.last10, `${b.last10.fallbackRows} rows use the fallback`)}
${regressionRow('EMA', b.ema, `${b.ema.fallbackRows} rows use the fallback`)}
</table>`;
}

function overUnderTable(e: Evaluation): string {
  const rows = [e.overUnder.real, e.overUnder.proxy]
    .filter((m) => m !== null)
    .map(
      (m) =>
        `<tr><td>${m.lineSource === 'real' ? 'real prop lines' : 'proxy lines (floor(season avg) + 0.5, not market lines)'}</td><td>${m.n}</td><td>${m.pushes}</td><td>${pct(m.hitRate)}</td><td>${num(m.brier, 4)}</td><td>${num(m.ece, 4)}</td><td>${num(m.logLoss, 4)}</td></tr>`,
    );
  if (rows.length === 0) return '<p>No row has a real or proxy line.</p>';
  return `<table><tr><th>lines</th><th>n</th><th>pushes</th><th>hit rate</th><th>Brier</th><th>ECE (10 bins)</th><th>log loss</th></tr>${rows.join('')}</table>`;
}

/** Renders the self-contained report.html of a model: metrics beside baselines, calibration, residuals, importance, trials (inline SVG, no scripts). */
export function renderModelReport(input: ModelReportInput): string {
  const { metadata: m, trials } = input;
  const test = m.metrics.test;
  const ou = test.overUnder.real ?? test.overUnder.proxy;
  const split = (name: string, s: { from: string; to: string; rows: number }) => `<tr><td>${name}</td><td>${s.from}</td><td>${s.to}</td><td>${s.rows}</td></tr>`;
  const minutes = test.byMinutes.map((b) => regressionRow(`${b.bucket} min`, b)).join('');
  const trialRows = trials
    .map(
      (t) =>
        `<tr><td>${t.trial}</td><td>${t.phase}</td><td>${escapeHtml(t.config.objective)}</td><td>${t.config.maxDepth}</td><td>${t.config.eta}</td><td>${t.config.minChildWeight}</td><td>${t.trainRows}</td><td>${t.rounds}</td><td>${num(t.validationMae, 4)}</td><td>${t.seconds.toFixed(1)}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(m.modelId)} report</title>
<style>body{font-family:sans-serif;margin:24px;max-width:1100px}table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:right}th{background:#f3f3f3}td:first-child{text-align:left}.charts{display:flex;flex-wrap:wrap;gap:16px}</style>
</head><body>
<h1>${escapeHtml(m.stat)} model v${m.version} <small>(${escapeHtml(m.modelId)})</small></h1>
<p>Objective <b>${escapeHtml(m.objective)}</b>, best round ${m.bestIteration + 1}, feature set ${escapeHtml(m.featureSet.id)} (${m.featureNames.length} features), created ${escapeHtml(m.createdAt)}.
Dataset fingerprint <code>${m.dataset.fingerprint}</code>.</p>
<table><tr><th>split</th><th>from</th><th>to</th><th>rows</th></tr>${split('train', m.dataset.splits.train)}${split('validation', m.dataset.splits.validation)}${split('test', m.dataset.splits.test)}</table>
${fitsParagraph(m)}
<h2>Test split: model and baselines on the same rows</h2>
${regressionTable(test)}
<p>Baselines read their feature column; where it is NaN (no earlier game) they use ${num(m.baselineFallback.value)} (${escapeHtml(m.baselineFallback.rule)}).</p>
<h3>By minutes played</h3>
<table><tr><th>bucket</th><th>n</th><th>MAE</th><th>RMSE</th><th>bias</th><th>within 3</th><th>within 5</th><th></th></tr>${minutes}</table>
<h3>Over/under of the calibrated probability</h3>
${overUnderTable(test)}
<div class="charts">
${ou ? reliabilityChart([{ name: `${ou.lineSource} lines`, bins: ou.reliability }], { title: `Reliability (${ou.lineSource} lines, test)` }) : ''}
${residualChart(input.testPredicted, input.testActual, 'Residuals (test)')}
${rankedBarChart(m.featureImportance.values, 'Feature importance (gain, top 20)')}
</div>
<h2>Validation split</h2>
${regressionTable(m.metrics.validation)}
<h2>Hyper-parameter search (${trials.length} trials, budget ${m.search.budgetMinutes} min)</h2>
<table><tr><th>#</th><th>phase</th><th>objective</th><th>depth</th><th>eta</th><th>min child w.</th><th>train rows</th><th>rounds</th><th>validation MAE</th><th>seconds</th></tr>${trialRows}</table>
</body></html>
`;
}
