import { escapeHtml, htmlTable, lineChart, num, pct, reliabilityChart, textTable } from '@propcast/reporting';
import type { DistributionFamily } from '@propcast/prediction';
import type { MarketComparison, MarketScores } from './market-scoring';
import type { BacktestReport, StrategyResult } from './run-backtest.usecase';

const DAY_MS = 86_400_000;

/** Terminal summary of a backtest: the proxy-line warning, the strategy table, model vs market and leakage checks. */
export function formatBacktestTable(report: BacktestReport): string {
  const s = report.settings;
  const out = [
    `Backtest ${s.from}..${s.to} on feature set ${s.featureSetId}${s.minutesProjection ? ' + minutes projection' : ''}: ${report.days} game days, ${report.props.props} props (${report.props.real} real lines, ${report.props.proxy} proxy), ` +
      `${report.models.length} walk-forward trainings (every ${s.retrainEveryDays} days on the previous ${s.trainWindowDays} days)`,
  ];
  if (report.proxy) out.push(`NOTE: ${report.proxy.note} Strategies bet real-priced props only.`);
  out.push('', "Strategies (REAL prices only: every bet below was placed at a real book's line and prices)");
  out.push(textTable(STRATEGY_HEADER, report.strategies.map(strategyRow)));
  out.push(
    '',
    textTable(
      ['stat', 'props', 'real', 'proxy', 'no model', 'no line', 'MAE'],
      Object.entries(report.byStat).map(([stat, c]) => [stat, String(c.props), String(c.real), String(c.proxy), String(c.noModel), String(c.noLine), num(c.mae)]),
    ),
  );
  if (report.market) {
    out.push('', 'Model, vig-free market and their combination on real-priced props (walk-forward)');
    out.push(textTable(MARKET_HEADER, marketRows(report)));
    out.push('', 'Combination vs market on exactly the props a fitted combination priced');
    out.push(textTable(FITTED_HEADER, fittedRows(report)));
    out.push('', 'Distribution families on the same props (Brier / log loss; * = most days chosen walk-forward)');
    out.push(textTable(['stat', ...FAMILY_ORDER], familyRows(report)));
    out.push('', 'Real-priced bets per stat (win rate vs the break-even of the prices paid)');
    out.push(textTable(['strategy', 'stat', 'bets', 'win rate', 'break-even', 'ROI', 'CLV bets', 'CLV pts', 'beat close'], perStatBetRows(report)));
    out.push('', clearsVig(report));
  } else {
    out.push('', 'Model vs market: no props with real prices in this range.');
  }
  out.push(
    `Leakage checks: ${report.leakage.modelFromFuture} props predicted by a model trained on their date or later, ${report.leakage.lineAfterCutoff} lines captured at or after the cutoff${report.leakage.minutesFromFuture === undefined ? '' : `, ${report.leakage.minutesFromFuture} rows given a minutes projection by a model fitted on their date or later`}.`,
  );
  return out.join('\n');
}

const STRATEGY_HEADER = ['strategy', 'bets', 'win rate', 'ROI', 'bankroll', 'max DD', 'Sharpe/day', 'real bets', 'real win', 'break-even', 'CLV bets', 'CLV pts', 'beat close'];
const MARKET_HEADER = [
  'stat',
  'props',
  'Brier model',
  'Brier market',
  'Brier consensus',
  'Brier unguarded',
  'Brier combined',
  'log loss model',
  'log loss market',
  'log loss consensus',
  'log loss unguarded',
  'log loss combined',
  'with consensus',
  'combined fitted',
  'over rate',
];
const FITTED_HEADER = ['stat', 'props', 'Brier combined', 'Brier market', 'log loss combined', 'log loss market', 'Brier gain', 'p (one-sided)'];
const FAMILY_ORDER: readonly DistributionFamily[] = ['residual', 'poisson', 'negbin', 'zip', 'normal'];

function marketRows(report: BacktestReport): string[][] {
  const m = report.market as MarketComparison;
  const row = (stat: string, x: MarketScores) => [
    stat,
    String(x.props),
    num(x.model.brier, 4),
    num(x.market.brier, 4),
    num(x.consensus.brier, 4),
    num(x.unguarded.brier, 4),
    num(x.combined.brier, 4),
    num(x.model.logLoss, 4),
    num(x.market.logLoss, 4),
    num(x.consensus.logLoss, 4),
    num(x.unguarded.logLoss, 4),
    num(x.combined.logLoss, 4),
    `${x.consensusProps}`,
    `${x.combinedProps}`,
    pct(x.overRate),
  ];
  const stats = Object.entries(m.byStat).map(([stat, x]) => row(stat, x));
  return stats.length > 1 ? [...stats, row('all', m)] : stats;
}

function fittedRows(report: BacktestReport): string[][] {
  const m = report.market as MarketComparison;
  const row = (stat: string, x: MarketScores) =>
    x.fitted
      ? [
          stat,
          String(x.fitted.props),
          num(x.fitted.combined.brier, 4),
          num(x.fitted.market.brier, 4),
          num(x.fitted.combined.logLoss, 4),
          num(x.fitted.market.logLoss, 4),
          num(x.fitted.brierGain, 5),
          num(x.fitted.pValue, 3),
        ]
      : [stat, '0', '-', '-', '-', '-', '-', '-'];
  const stats = Object.entries(m.byStat).map(([stat, x]) => row(stat, x));
  return stats.length > 1 ? [...stats, row('all', m)] : stats;
}

function familyRows(report: BacktestReport): string[][] {
  const m = report.market as MarketComparison;
  return Object.entries(m.byStat).map(([stat, x]) => {
    const days = report.marketLayer[stat]?.familyDays ?? {};
    const top = Object.entries(days).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))[0]?.[0];
    return [stat, ...FAMILY_ORDER.map((f) => (x.families[f] ? `${num(x.families[f]?.brier, 4)} / ${num(x.families[f]?.logLoss, 4)}${f === top ? '*' : ''}` : '-'))];
  });
}

function perStatBetRows(report: BacktestReport): string[][] {
  return report.strategies.flatMap((r) =>
    Object.entries(r.byStat).map(([stat, b]) => [
      r.strategy.name,
      stat,
      String(b.bets),
      pct(b.winRate),
      pct(b.breakEvenRate),
      pct(b.roi),
      String(b.clv.bets),
      num(b.clv.meanLineClv, 2),
      pct(b.clv.beatCloseShare),
    ]),
  );
}

/** The plain sentence: does any strategy win more often than the prices it paid need? */
export function clearsVig(report: BacktestReport): string {
  const clearing = report.strategies.filter((r) => r.realPriced.bets > 0 && r.realPriced.winRate !== null && r.realPriced.breakEvenRate !== null && r.realPriced.winRate > r.realPriced.breakEvenRate);
  if (report.strategies.every((r) => r.realPriced.bets === 0)) return 'No strategy placed a bet at real prices.';
  return clearing.length === 0
    ? 'No strategy clears the vig on real prices: every real-priced win rate is at or below the break-even of the prices paid.'
    : `Clearing the vig on real prices (win rate above break-even): ${clearing.map((r) => `${r.strategy.name} ${pct(r.realPriced.winRate)} vs ${pct(r.realPriced.breakEvenRate)} on ${r.realPriced.bets} bets`).join('; ')}.`;
}

function strategyRow(r: StrategyResult): string[] {
  return [
    r.strategy.name,
    String(r.bets),
    pct(r.winRate),
    pct(r.roi),
    num(r.finalBankroll, 1),
    `${num(r.maxDrawdown, 1)} (${pct(r.maxDrawdownShare)})`,
    num(r.sharpe, 3),
    String(r.realPriced.bets),
    pct(r.realPriced.winRate),
    pct(r.realPriced.breakEvenRate),
    String(r.clv.bets),
    num(r.clv.meanLineClv, 2),
    pct(r.clv.beatCloseShare),
  ];
}

/** Self-contained HTML report (inline SVG bankroll curves and reliability diagram, no external assets). */
export function renderBacktestHtml(report: BacktestReport): string {
  const s = report.settings;
  const dateOf = (x: number) => new Date(x).toISOString().slice(0, 10);
  const curves = (staking: string) =>
    report.strategies
      .filter((r) => r.strategy.staking === staking)
      .map((r) => ({
        name: r.strategy.name,
        points: [{ x: Date.parse(`${s.from}T00:00:00Z`) - DAY_MS, y: s.initialBankroll }, ...r.curve.map((d) => ({ x: Date.parse(`${d.date}T00:00:00Z`), y: d.bankroll }))],
      }));
  const kelly = curves('kelly');
  const kellyRange = kelly.flatMap((c) => c.points.map((p) => p.y)).filter((y) => y > 0);
  const kellyLog = kellyRange.length > 0 && Math.max(...kellyRange) / Math.min(...kellyRange) > 100;
  const table = (header: readonly string[], rows: readonly (readonly string[])[]) => htmlTable(header, rows);
  const market = report.market
    ? table(MARKET_HEADER, marketRows(report)) +
      `<p>${report.market.props} props with real lines and prices. Model = P(over | no push) of the distribution family chosen walk-forward; market = the two sides' implied probabilities normalised; consensus = the other books' de-vigged prices before the cutoff, moved to the priced line by the model's distribution, mean of logits (the market where no other book quoted); unguarded = the combination of model, market and consensus fitted each day on graded real-priced props of earlier days only; combined = what priced: the unguarded combination on days where it had beaten the market out of sample on earlier days (the walk-forward guard), else the market (the vig-free market, the combination's prior, stands in until it is first fitted: "combined fitted" counts the props it priced).</p>` +
      table(FITTED_HEADER, fittedRows(report)) +
      "<p>The combination and the market on exactly the props a fitted combination priced; Brier gain = mean per-prop Brier of the market minus the combination's, p = one-sided paired t-test that the combination is better.</p>" +
      table(['stat', ...FAMILY_ORDER], familyRows(report)) +
      '<p>Every distribution family scored (Brier / log loss) on the same props; * marks the family chosen on most days.</p>' +
      table(['strategy', 'stat', 'bets', 'win rate', 'break-even', 'ROI', 'CLV bets', 'CLV pts', 'beat close'], perStatBetRows(report)) +
      `<p><strong>${escapeHtml(clearsVig(report))}</strong></p>`
    : '<p>No props with real prices in this range: the model could not be scored against the market.</p>';
  const reliability = [{ name: 'all props', bins: report.reliability.all }, ...(report.reliability.real.length ? [{ name: 'real lines', bins: report.reliability.real }] : [])];
  const retrains = report.models;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Propcast backtest ${escapeHtml(s.from)}..${escapeHtml(s.to)}</title>
<style>body{font-family:sans-serif;margin:24px;max-width:1100px}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}.note{background:#fff3cd;border:1px solid #e0c060;padding:8px 12px}.ok{color:#2a7a2a}.bad{color:#b00}</style>
</head><body>
<h1>Propcast walk-forward backtest ${escapeHtml(s.from)} .. ${escapeHtml(s.to)}</h1>
${report.proxy ? `<p class="note"><strong>Proxy lines.</strong> ${escapeHtml(report.proxy.note)}</p>` : '<p>Every prop was bet at a real line captured before its cutoff.</p>'}
<p>Feature set ${escapeHtml(s.featureSetId)}${s.minutesProjection ? ' + minutes projection (a minutes model refitted at every retrain)' : ''}. ${report.days} game days, stats ${escapeHtml(s.stats.join(', '))}, ${report.props.props} props (${report.props.real} at real lines, ${report.props.proxy} at proxy lines).
Models: XGBoost (${s.model.rounds} rounds, depth ${String(s.model.params.max_depth)}, eta ${String(s.model.params.eta)}) retrained every ${s.retrainEveryDays} days on played games of the previous ${s.trainWindowDays} days,
probability model fitted on the latest ${pct(s.model.calibrationShare)} of those dates; bankroll ${s.initialBankroll} units, flat stake ${s.flatStake} unit(s) per bet (the flat bankroll is the initial bankroll plus units won), quarter Kelly capped at 5% of the bankroll per bet and at ${pct(s.maxDailyExposure)} of it per day. Generated ${escapeHtml(report.generatedAt)}.</p>
<h2>Strategies (real prices only)</h2>
${table(STRATEGY_HEADER, report.strategies.map(strategyRow))}
<p>Win rate = wins / (wins + losses). ROI = profit / staked. Max DD = largest fall of the end-of-day bankroll from its peak. Sharpe = mean / sd of daily returns on betting days (not annualised; flat: day profit / initial bankroll, Kelly: day profit / bankroll at the start of the day).
Break-even = mean probability implied by the prices paid on real-priced bets (compare with their win rate). CLV: bets whose book moved again before tip-off; points of line movement in the bet's favour and share beating the close.</p>
${lineChart(curves('flat'), { title: 'Bankroll, flat stakes', yLabel: 'units', xLabel: dateOf, reference: s.initialBankroll })}
${kelly.length ? lineChart(kelly, { title: 'Bankroll, Kelly stakes', yLabel: 'units', xLabel: dateOf, reference: s.initialBankroll, log: kellyLog }) : ''}
<h2>Calibration</h2>
${reliabilityChart(reliability, { title: 'Reliability of P(over | no push)', xLabel: 'predicted P(over | no push)' })}
<h2>Model vs market</h2>
${market}
<h2>Accuracy and line sources by stat</h2>
${table(
  ['stat', 'props', 'real lines', 'proxy lines', 'no model yet', 'no line', 'played', 'MAE'],
  Object.entries(report.byStat).map(([stat, c]) => [stat, String(c.props), String(c.real), String(c.proxy), String(c.noModel), String(c.noLine), String(c.played), num(c.mae)]),
)}
<h2>Walk-forward trainings and leakage checks</h2>
<p class="${report.leakage.modelFromFuture + report.leakage.lineAfterCutoff === 0 ? 'ok' : 'bad'}">${report.leakage.modelFromFuture} props predicted by a model whose training data reached their date; ${report.leakage.lineAfterCutoff} real lines captured at or after the prop's cutoff.</p>
${table(
  ['stat', 'first day served', 'trained on', 'fit rows', 'calibration rows'],
  retrains.map((m) => [m.stat, m.trainedOn, `${m.trainFrom}..${m.trainTo}`, String(m.fitRows), String(m.calibrationRows)]),
)}
</body></html>
`;
}
