import { appendColumn, GameDate } from '@propcast/common';
import type { StatType } from '@propcast/contracts';
import {
  bookConsensus,
  conditionalOver,
  hitRate,
  impliedProbabilityFromAmericanOdds,
  lineOutcome,
  profitAtAmericanOdds,
  proxyLine,
  reliabilityCurve,
  removeVig,
  STANDARD_AMERICAN_ODDS,
  type BetResult,
  type DistributionFamily,
} from '@propcast/prediction';
import { InsufficientHistoryError } from '../errors';
import { featurePrefix } from '../shared/stats';
import { lineKey, type BacktestRow } from './backtest-data.repository';
import { BankrollSimulator } from './bankroll';
import { closingLineValue, type ClvBet } from './closing-line-value';
import { selectLine, type LineSnapshot, type SelectedLine } from './line-selection';
import { WalkForwardMarketLayer } from './market-layer';
import { compareWithMarket, type MarketScoredProp } from './market-scoring';
import { decideBet, type Strategy } from './strategies';
import { WalkForwardMinutes, type MinutesProjectionOptions } from './walk-forward-minutes';
import { WalkForwardModel, type WalkForwardTrainingSet } from './walk-forward-model';
import type { BacktestSettings, ModelTraining, BacktestProp, StrategyResult, RealBets, PropCounts, BacktestReport } from './backtest.types';

/** A stat's walk-forward model, its training record and the minutes model feeding its projection input (if any). */
interface StatModel {
  model: WalkForwardModel;
  training: ModelTraining;
  minutes: WalkForwardMinutes | null;
}

/** Real-priced bets of one strategy on one stat (or all). */
interface RealBetTally {
  results: BetResult[];
  breakEven: number[];
  profit: number;
  clv: ClvBet[];
}

interface StrategyState {
  strategy: Strategy;
  sim: BankrollSimulator;
  results: BetResult[];
  real: RealBetTally;
  byStat: Map<StatType, RealBetTally>;
}

/** A minutes model fitted for one retrain date and the out-of-fold projection of each training row, by row index. */
interface FittedMinutes {
  model: WalkForwardMinutes;
  outOfFold: Map<number, number>;
}

const emptyTally = (): RealBetTally => ({ results: [], breakEven: [], profit: 0, clv: [] });

/** The state of one backtest run: rows, models per stat, strategy bankrolls and running aggregates. */
export class Replay {
  private readonly models = new Map<StatType, StatModel | null>();
  /** Minutes models by the date they were fitted for (shared by the stats retrained that day). */
  private readonly minutesModels = new Map<string, FittedMinutes | null>();
  private readonly layers = new Map<StatType, WalkForwardMarketLayer>();
  private readonly trainings: ModelTraining[] = [];
  private readonly firstIndex = new Map<string, number>();
  private readonly counts = new Map<StatType, PropCounts & { absError: number; played: number }>();
  private readonly strategies: StrategyState[];
  private readonly leakage: { modelFromFuture: number; lineAfterCutoff: number; minutesFromFuture?: number } = { modelFromFuture: 0, lineAfterCutoff: 0 };
  private readonly calibration = { all: { p: [] as number[], o: [] as number[] }, real: { p: [] as number[], o: [] as number[] } };
  private readonly market: MarketScoredProp[] = [];

  constructor(
    private readonly settings: BacktestSettings,
    private readonly names: readonly string[],
    private readonly rows: readonly BacktestRow[],
    private readonly lines: Map<string, LineSnapshot[]>,
  ) {
    rows.forEach((r, i) => {
      if (!this.firstIndex.has(r.date)) this.firstIndex.set(r.date, i);
    });
    if (settings.minutesProjection) this.leakage.minutesFromFuture = 0;
    for (const stat of settings.stats) {
      this.counts.set(stat, { props: 0, real: 0, proxy: 0, noModel: 0, noLine: 0, absError: 0, played: 0 });
      this.layers.set(stat, new WalkForwardMarketLayer(settings.marketLayer));
    }
    this.strategies = settings.strategies.map((strategy) => ({
      strategy,
      sim: new BankrollSimulator(strategy.staking, settings),
      results: [],
      real: emptyTally(),
      byStat: new Map(settings.stats.map((stat) => [stat, emptyTally()])),
    }));
  }

  /** Predicts, prices and settles one day; returns its props. */
  day(date: string): BacktestProp[] {
    const { start, dayRows } = this.rowsOf(date);
    const props: BacktestProp[] = [];
    for (const stat of this.settings.stats) props.push(...this.stat(stat, date, start, dayRows));
    this.betAndSettle(date, props);
    this.teachMarketLayers(props);
    return props;
  }

  /** The rows of `date` (rows are sorted by date) and the index of its first row. */
  private rowsOf(date: string): { start: number; dayRows: readonly BacktestRow[] } {
    const start = this.firstIndex.get(date) as number;
    let end = start;
    while (end < this.rows.length && this.rows[end].date === date) end++;
    return { start, dayRows: this.rows.slice(start, end) };
  }

  /** Each strategy's bets of the day, placed and settled; strategies are judged on real prices only. */
  private betAndSettle(date: string, props: readonly BacktestProp[]): void {
    // A proxy line is the model's own guess, not a price anyone offered.
    const bettable = props.filter((p) => p.lineSource === 'real' && !p.pricesAssumed);
    for (const s of this.strategies) {
      const placed = bettable.flatMap((prop) => {
        const decision = decideBet(s.strategy, prop);
        return decision ? [{ prop, bet: { side: decision.side, price: decision.price, kellyFraction: decision.kellyFraction, outcome: prop.outcome } }] : [];
      });
      const settled = s.sim.settleDay(
        date,
        placed.map((p) => p.bet),
      );
      settled.forEach((b, i) => {
        const { prop } = placed[i];
        s.results.push(b.result);
        for (const tally of [s.real, s.byStat.get(prop.stat) as RealBetTally]) {
          tally.results.push(b.result);
          if (b.result === 'WIN' || b.result === 'LOSS' || b.result === 'PUSH') {
            tally.breakEven.push(impliedProbabilityFromAmericanOdds(b.price));
            tally.profit += profitAtAmericanOdds(b.result, b.price);
          }
          if (prop.snapshot && prop.closing && b.result !== 'VOID') tally.clv.push({ side: b.side, bet: prop.snapshot, closing: prop.closing });
        }
      });
    }
  }

  /** Only now, after the day is priced and bet, do its graded real-priced props join what later days learn from. */
  private teachMarketLayers(props: readonly BacktestProp[]): void {
    for (const p of props) {
      if (p.marketOver === null || p.snapshot === null || (p.outcome !== 'OVER' && p.outcome !== 'UNDER')) continue;
      (this.layers.get(p.stat) as WalkForwardMarketLayer).record({
        date: p.date,
        book: p.snapshot.book,
        line: p.line,
        predicted: p.predicted,
        marketOver: p.marketOver,
        consensusOver: p.consensusOver,
        combinedOver: p.unguardedOver,
        familyOver: p.familyOver,
        over: p.outcome === 'OVER' ? 1 : 0,
      });
    }
  }

  private stat(stat: StatType, date: string, dayStart: number, dayRows: readonly BacktestRow[]): BacktestProp[] {
    const counts = this.counts.get(stat) as PropCounts & { absError: number; played: number };
    const current = this.modelFor(stat, date, dayStart);
    if (!current) {
      counts.noModel += dayRows.length;
      return [];
    }
    const layer = this.layers.get(stat) as WalkForwardMarketLayer;
    layer.startDay(date, current.model.distributions.family, current.model.distributions.families());
    const means = current.model.predict(this.dayMatrix(current, date, dayRows));
    const seasonAvg = this.names.indexOf(`${featurePrefix(stat)}_season_avg`);
    const props: BacktestProp[] = [];
    dayRows.forEach((row, i) => {
      const predicted = means[i];
      const actual = row.actuals[stat];
      if (actual !== null) {
        counts.absError += Math.abs(predicted - actual);
        counts.played++;
      }
      if (!row.played || actual !== null) props.push(...this.price(stat, row, predicted, actual, seasonAvg, current.model, current.training, layer));
    });
    return props;
  }

  /** The day's feature matrix, with the minutes projection appended when the stat model takes one. */
  private dayMatrix(current: StatModel, date: string, dayRows: readonly BacktestRow[]): Float32Array {
    const ncol = this.names.length;
    const matrix = new Float32Array(dayRows.length * ncol);
    dayRows.forEach((r, i) => matrix.set(r.values, i * ncol));
    if (!current.minutes) return matrix;
    // The projection of a day comes only from the minutes model fitted before it (on the stat model's retrain date).
    if (current.minutes.trainTo >= date) (this.leakage as { minutesFromFuture: number }).minutesFromFuture += dayRows.length;
    return appendColumn(matrix, ncol, current.minutes.predict(matrix));
  }

  /** The prop of a row: real line if one was captured before the cutoff, else a proxy; empty when neither exists. */
  private price(
    stat: StatType,
    row: BacktestRow,
    predicted: number,
    actual: number | null,
    seasonAvg: number,
    model: WalkForwardModel,
    training: ModelTraining,
    layer: WalkForwardMarketLayer,
  ): BacktestProp[] {
    const quotes = this.lines.get(lineKey(row.playerId, row.gameId, stat)) ?? [];
    const selected = selectLine(quotes, row.cutoffAt, row.tipoffAt);
    const line = selected ? selected.bet.line : proxyLine(seasonAvg >= 0 ? row.values[seasonAvg] : Number.NaN);
    if (!Number.isFinite(line)) {
      (this.counts.get(stat) as PropCounts).noLine++;
      return [];
    }
    const prop = this.priceAt({ stat, row, predicted, actual, model, training, layer, quotes, selected, line });
    this.record(prop, selected);
    return [prop];
  }

  /** The prop priced at its line: the model's, the market's, the other books' and the combined probability of over. */
  private priceAt(at: {
    stat: StatType;
    row: BacktestRow;
    predicted: number;
    actual: number | null;
    model: WalkForwardModel;
    training: ModelTraining;
    layer: WalkForwardMarketLayer;
    quotes: LineSnapshot[];
    selected: SelectedLine | null;
    line: number;
  }): BacktestProp {
    const { stat, row, predicted, actual, model, training, layer, quotes, selected, line } = at;
    const overPrice = selected?.bet.overPrice ?? STANDARD_AMERICAN_ODDS;
    const underPrice = selected?.bet.underPrice ?? STANDARD_AMERICAN_ODDS;
    const pricesAssumed = !selected || selected.bet.overPrice === null || selected.bet.underPrice === null;
    const familyOver: Partial<Record<DistributionFamily, number>> = {};
    for (const f of model.distributions.families()) familyOver[f] = conditionalOver(model.overUnder(predicted, line, f));
    const family = layer.family;
    const p = model.overUnder(predicted, line, family);
    const modelOver = conditionalOver(p);
    const marketOver = selected && !pricesAssumed ? removeVig(overPrice, underPrice).over : null;
    // The other books at their latest quotes before the cutoff, moved to this line by the priced family's distribution.
    const consensusOver =
      marketOver === null || !selected
        ? null
        : (bookConsensus(quotes, { line, book: selected.bet.book, cutoffAt: row.cutoffAt, modelOverAt: (l) => conditionalOver(model.overUnder(predicted, l, family)) })?.over ?? null);
    const unguardedOver = marketOver === null ? null : layer.combine({ modelOver, marketOver, consensusOver, line, mean: predicted });
    const combinedOver = layer.combinationTrusted ? unguardedOver : null;
    // A real price without a fitted (or trusted) combination: the vig-free market (the combination's prior), not the model alone.
    const q = combinedOver ?? marketOver ?? modelOver;
    const decided = 1 - p.push;
    return {
      date: row.date,
      stat,
      playerId: row.playerId,
      gameId: row.gameId,
      predicted,
      line,
      lineSource: selected ? 'real' : 'proxy',
      snapshot: selected?.bet ?? null,
      closing: selected?.closing ?? null,
      cutoffAt: row.cutoffAt,
      overPrice,
      underPrice,
      pricesAssumed,
      family,
      modelOver,
      marketOver,
      combinedOver,
      unguardedOver,
      consensusOver,
      familyOver,
      pOver: decided * q,
      pUnder: decided * (1 - q),
      pPush: p.push,
      actual,
      outcome: lineOutcome(actual, line),
      model: training,
    };
  }

  /** Counts the priced prop, checks it for leakage and adds it to the calibration and market scores. */
  private record(prop: BacktestProp, selected: SelectedLine | null): void {
    const counts = this.counts.get(prop.stat) as PropCounts;
    counts.props++;
    if (selected) counts.real++;
    else counts.proxy++;
    if (prop.model.trainTo >= prop.date) this.leakage.modelFromFuture++;
    if (selected && selected.bet.capturedAt.getTime() >= prop.cutoffAt.getTime()) this.leakage.lineAfterCutoff++;
    if (prop.outcome !== 'OVER' && prop.outcome !== 'UNDER') return;
    const o = prop.outcome === 'OVER' ? 1 : 0;
    // The priced probability of over, as priceAt chose it.
    const q = prop.combinedOver ?? prop.marketOver ?? prop.modelOver;
    this.calibration.all.p.push(q);
    this.calibration.all.o.push(o);
    if (!selected) return;
    this.calibration.real.p.push(q);
    this.calibration.real.o.push(o);
    const { stat, modelOver, marketOver, combinedOver, unguardedOver, consensusOver, familyOver } = prop;
    if (marketOver !== null) this.market.push({ stat, modelOver, marketOver, combinedOver, unguardedOver, consensusOver, familyOver, over: o });
  }

  /** The stat's model for `date`, retrained when none exists yet or the cadence has passed. */
  private modelFor(stat: StatType, date: string, dayStart: number): StatModel | null {
    const current = this.models.get(stat);
    if (current && GameDate.daysBetween(current.training.trainedOn, date) < this.settings.retrainEveryDays) return current;
    const next = this.train(stat, date, dayStart);
    if (next) {
      current?.model.dispose();
      this.models.set(stat, next);
      this.trainings.push(next.training);
      return next;
    }
    return current ?? null;
  }

  /** Trains on played rows dated [date - trainWindowDays, date); null when there are too few. */
  private train(stat: StatType, date: string, dayStart: number): StatModel | null {
    const picked = this.trainingRows(stat, date, dayStart);
    if (picked.length < this.settings.minTrainRows) return null;
    const minutes = this.settings.minutesProjection ? this.minutesFor(date, dayStart) : null;
    if (this.settings.minutesProjection && !minutes) return null;
    return this.fitStatModel(stat, date, picked, this.trainingSet(stat, picked, minutes), minutes);
  }

  /** Indexes of the played rows of `stat` dated [date - trainWindowDays, date), rows before `dayStart` only. */
  private trainingRows(stat: StatType, date: string, dayStart: number): number[] {
    const windowStart = GameDate.addDays(date, -this.settings.trainWindowDays);
    const picked: number[] = [];
    for (let i = 0; i < dayStart; i++) {
      const r = this.rows[i];
      if (r.date >= windowStart && r.actuals[stat] !== null) picked.push(i);
    }
    return picked;
  }

  /** The training set of the picked rows: stored features (plus the out-of-fold minutes projection), labels, dates, lines. */
  private trainingSet(stat: StatType, pickedIndex: readonly number[], minutes: FittedMinutes | null): WalkForwardTrainingSet {
    const picked = pickedIndex.map((i) => this.rows[i]);
    const stored = this.names.length;
    const ncol = stored + (minutes ? 1 : 0);
    const set: WalkForwardTrainingSet = {
      features: new Float32Array(picked.length * ncol),
      ncol,
      labels: Float32Array.from(picked, (r) => r.actuals[stat] as number),
      dates: picked.map((r) => r.date),
      lines: Float64Array.from(picked, (r) => this.trainingLine(stat, r)),
    };
    picked.forEach((r, i) => set.features.set(r.values, i * ncol));
    if (minutes) {
      // Training rows carry out-of-fold projections: each from a minutes model fitted without any game of its date block.
      pickedIndex.forEach((rowIndex, i) => (set.features[i * ncol + stored] = minutes.outOfFold.get(rowIndex) ?? Number.NaN));
    }
    return set;
  }

  /** The line a training row is judged at: the real line captured before its cutoff, else its proxy. */
  private trainingLine(stat: StatType, r: BacktestRow): number {
    const selected = selectLine(this.lines.get(lineKey(r.playerId, r.gameId, stat)) ?? [], r.cutoffAt, null);
    if (selected) return selected.bet.line;
    const seasonAvg = this.names.indexOf(`${featurePrefix(stat)}_season_avg`);
    return proxyLine(seasonAvg >= 0 ? r.values[seasonAvg] : Number.NaN);
  }

  /** Fits the stat model and its training record; null when the fit finds too little history. */
  private fitStatModel(stat: StatType, date: string, pickedIndex: readonly number[], set: WalkForwardTrainingSet, minutes: FittedMinutes | null): StatModel | null {
    try {
      const model = WalkForwardModel.fit(set, this.settings.model);
      const first = this.rows[pickedIndex[0]];
      const last = this.rows[pickedIndex[pickedIndex.length - 1]];
      const training: ModelTraining = { stat, trainedOn: date, trainFrom: first.date, trainTo: last.date, fitRows: model.rows.fit, calibrationRows: model.rows.calibration };
      if (minutes) training.minutesTrainTo = minutes.model.trainTo;
      return { model, training, minutes: minutes?.model ?? null };
    } catch (err) {
      if (err instanceof InsufficientHistoryError) return null;
      throw err;
    }
  }

  /**
   * The minutes model for a retrain on `date`: fitted on the played rows dated [date - trainWindowDays, date) (rows
   * before `dayStart` only), with the out-of-fold projection of each of those rows by its index; null with too few rows.
   */
  private minutesFor(date: string, dayStart: number): FittedMinutes | null {
    if (this.minutesModels.has(date)) return this.minutesModels.get(date) ?? null;
    const options = this.settings.minutesProjection as MinutesProjectionOptions;
    const index = this.minutesRows(date, dayStart);
    const enough = index.length >= this.settings.minTrainRows && new Set(index.map((i) => this.rows[i].date)).size >= options.folds;
    const fitted = enough ? this.fitMinutes(index, options) : null;
    this.minutesModels.set(date, fitted);
    return fitted;
  }

  /** Indexes of the rows with minutes played dated [date - trainWindowDays, date), rows before `dayStart` only. */
  private minutesRows(date: string, dayStart: number): number[] {
    const windowStart = GameDate.addDays(date, -this.settings.trainWindowDays);
    const index: number[] = [];
    for (let i = 0; i < dayStart; i++) {
      const r = this.rows[i];
      if (r.date >= windowStart && r.date < date && r.minutes !== null) index.push(i);
    }
    return index;
  }

  /** Fits the minutes model on the given rows; its out-of-fold projections keyed by row index. */
  private fitMinutes(index: readonly number[], options: MinutesProjectionOptions): FittedMinutes {
    const ncol = this.names.length;
    const features = new Float32Array(index.length * ncol);
    index.forEach((rowIndex, k) => features.set(this.rows[rowIndex].values, k * ncol));
    const model = WalkForwardMinutes.fit({ features, ncol, minutes: Float32Array.from(index, (i) => this.rows[i].minutes as number), dates: index.map((i) => this.rows[i].date) }, options);
    return { model, outOfFold: new Map(index.map((rowIndex, k) => [rowIndex, model.outOfFold[k]])) };
  }

  /** The report of the days replayed so far. */
  report(days: number): BacktestReport {
    const { byStat, total } = this.propCounts();
    const proxyShare = total.props ? total.proxy / total.props : 0;
    return {
      settings: this.settings,
      generatedAt: new Date().toISOString(),
      days,
      props: total,
      byStat,
      proxy: total.proxy > 0 ? { share: proxyShare, note: proxyNote(total) } : null,
      models: [...this.trainings],
      leakage: { ...this.leakage },
      strategies: this.strategies.map((s) => strategyResult(s)),
      market: compareWithMarket(this.market),
      marketLayer: Object.fromEntries([...this.layers].map(([stat, layer]) => [stat, { familyDays: Object.fromEntries(layer.familyDays), guardDays: { ...layer.guardDays }, fits: [...layer.fits] }])),
      reliability: {
        all: reliabilityCurve(this.calibration.all.p, this.calibration.all.o),
        real: reliabilityCurve(this.calibration.real.p, this.calibration.real.o),
      },
    };
  }

  /** Prop counts and error of each stat, and the counts of all stats together. */
  private propCounts(): { byStat: BacktestReport['byStat']; total: PropCounts } {
    const byStat: BacktestReport['byStat'] = {};
    const total: PropCounts = { props: 0, real: 0, proxy: 0, noModel: 0, noLine: 0 };
    for (const [stat, c] of this.counts) {
      const { absError, played, ...counts } = c;
      byStat[stat] = { ...counts, played, mae: played ? absError / played : null };
      for (const k of Object.keys(total) as (keyof PropCounts)[]) total[k] += counts[k];
    }
    return { byStat, total };
  }

  /** Frees every native model. */
  dispose(): void {
    for (const m of this.models.values()) m?.model.dispose();
    this.models.clear();
    for (const m of this.minutesModels.values()) m?.model.dispose();
    this.minutesModels.clear();
  }
}

function strategyResult(s: StrategyState): StrategyResult {
  const summary = s.sim.summary();
  const count = (r: BetResult) => s.results.filter((x) => x === r).length;
  const [wins, losses, pushes, voids] = [count('WIN'), count('LOSS'), count('PUSH'), count('VOID')];
  const staked = summary.days.reduce((a, d) => a + d.staked, 0);
  const profit = summary.days.reduce((a, d) => a + d.profit, 0);
  return {
    strategy: s.strategy,
    bets: wins + losses + pushes,
    wins,
    losses,
    pushes,
    voids,
    winRate: finite(hitRate(s.results)),
    staked,
    profit,
    roi: staked > 0 ? profit / staked : null,
    finalBankroll: summary.finalBankroll,
    maxDrawdown: summary.maxDrawdown,
    maxDrawdownShare: summary.maxDrawdownShare,
    sharpe: summary.sharpe,
    curve: summary.days,
    realPriced: realBets(s.real),
    proxyBets: 0,
    clv: closingLineValue(s.real.clv),
    byStat: Object.fromEntries([...s.byStat].map(([stat, tally]) => [stat, { ...realBets(tally), clv: closingLineValue(tally.clv) }])),
  };
}

function realBets(t: RealBetTally): RealBets {
  const settled = t.breakEven.length;
  return {
    bets: settled,
    winRate: finite(hitRate(t.results)),
    breakEvenRate: settled ? t.breakEven.reduce((a, x) => a + x, 0) / settled : null,
    roi: settled ? t.profit / settled : null,
  };
}

/** The sentence every backtest output carries when proxy lines were used. */
function proxyNote(c: PropCounts): string {
  const pct = ((100 * c.proxy) / c.props).toFixed(1);
  return (
    `${pct}% of props (${c.proxy} of ${c.props}) had no real line captured before their cutoff and use PROXY lines ` +
    `(floor(season average before the game) + 0.5, priced -110/-110): results on them measure the model against its own proxy, not against a sportsbook.`
  );
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
