import type { StatType } from '@propcast/contracts';
import type { DistributionFamily, LineOutcome, ReliabilityBin } from '@propcast/prediction';
import type { BankrollDay } from './bankroll';
import type { ClosingLineValue } from './closing-line-value';
import type { LineSnapshot } from './line-selection';
import type { CombinerFit, MarketLayerOptions } from './market-layer';
import type { MarketComparison } from './market-scoring';
import type { Strategy } from './strategies';
import type { MinutesProjectionOptions } from './walk-forward-minutes';
import type { WalkForwardOptions } from './walk-forward-model';

/** A backtest as asked for (strings and optional numbers, as from the CLI). */
export interface BacktestRequest {
  from: string;
  to: string;
  /** Comma-separated stats (default all). */
  stats?: string;
  /** Strategy specs (see parseStrategy); default DEFAULT_STRATEGIES. */
  strategies?: readonly string[];
  /** Retrain each stat's model when this many days passed since its last training (default 30). */
  retrainEveryDays?: number;
  /** Train on the rows of this many days before the day (default 730). */
  trainWindowDays?: number;
  /** Fewest played rows to train a model (default 2000); before that a stat's props are skipped. */
  minTrainRows?: number;
  featureSetId?: string;
  /** Season types replayed and trained on (default REGULAR, PLAYOFFS, PLAYIN). */
  seasonTypes?: readonly string[];
  initialBankroll?: number;
  flatStake?: number;
  /** Kelly strategies stake at most this share of the bankroll per day (default 0.25). */
  maxDailyExposure?: number;
  /** Training settings of the walk-forward models. */
  model?: Partial<WalkForwardOptions>;
  /** Family selection and combination settings of the market-aware layer. */
  marketLayer?: Partial<MarketLayerOptions>;
  /**
   * Give the stat models a `minutes_projection` input: every retrain also fits a minutes model on the same earlier
   * rows; training rows get its out-of-fold projections, the days it serves get the full model's projection.
   */
  minutesProjection?: boolean | Partial<MinutesProjectionOptions>;
}

/** The request with every default filled in. */
export interface BacktestSettings {
  from: string;
  to: string;
  stats: StatType[];
  strategies: Strategy[];
  retrainEveryDays: number;
  trainWindowDays: number;
  minTrainRows: number;
  featureSetId: string;
  seasonTypes: string[];
  initialBankroll: number;
  flatStake: number;
  maxDailyExposure: number;
  model: WalkForwardOptions;
  marketLayer: MarketLayerOptions;
  /** null: the stat models see the stored feature set only. */
  minutesProjection: MinutesProjectionOptions | null;
}

/** One training of a walk-forward model. */
export interface ModelTraining {
  stat: StatType;
  /** First day the model predicted: every row it was trained on is dated before it. */
  trainedOn: string;
  trainFrom: string;
  /** Latest date of its training rows. */
  trainTo: string;
  fitRows: number;
  calibrationRows: number;
  /** Latest date the minutes model behind its projection input was fitted on (absent without a projection). */
  minutesTrainTo?: string;
}

/** One prop of a replayed day, as every strategy saw it. */
export interface BacktestProp {
  date: string;
  stat: StatType;
  playerId: number;
  gameId: string;
  predicted: number;
  line: number;
  lineSource: 'real' | 'proxy';
  /** The real snapshot bet (null for proxy lines). */
  snapshot: LineSnapshot | null;
  /** The same book's later snapshot before tip-off, if any. */
  closing: LineSnapshot | null;
  cutoffAt: Date;
  overPrice: number;
  underPrice: number;
  /** A price was missing (always for proxy lines) and -110 was used. */
  pricesAssumed: boolean;
  /** Distribution family that priced the prop (walk-forward choice). */
  family: DistributionFamily;
  /** The model's P(over | no push) under that family. */
  modelOver: number;
  /** Vig-free market P(over); null without a real line and both prices. */
  marketOver: number | null;
  /**
   * Market-aware combined P(over | no push) as priced; null where no real price, no combination was fitted yet, or
   * the walk-forward guard kept the market that day.
   */
  combinedOver: number | null;
  /** The fitted combination's P(over) whether or not the guard used it (null: no real price or no combination yet). */
  unguardedOver: number | null;
  /** The other books' de-vigged consensus P(over) moved to this line (null: no other book before the cutoff). */
  consensusOver: number | null;
  /** P(over | no push) under every fitted family (for scoring the families side by side). */
  familyOver: Partial<Record<DistributionFamily, number>>;
  /**
   * Probabilities bets are decided on: the combination where it exists, else the vig-free market where a real price
   * exists, else the model's; they sum to 1 with pPush.
   */
  pOver: number;
  pUnder: number;
  pPush: number;
  /** null when the player did not play. */
  actual: number | null;
  outcome: LineOutcome;
  model: ModelTraining;
}

/** Progress after a replayed day, with the day's props (for audits and progress bars). */
export interface BacktestDay {
  date: string;
  done: number;
  total: number;
  props: readonly BacktestProp[];
}

/** Results of one strategy. */
export interface StrategyResult {
  strategy: Strategy;
  /** Settled bets: wins + losses + pushes (voids are refunded and not counted). */
  bets: number;
  wins: number;
  losses: number;
  pushes: number;
  voids: number;
  winRate: number | null;
  staked: number;
  profit: number;
  roi: number | null;
  finalBankroll: number;
  maxDrawdown: number;
  maxDrawdownShare: number;
  sharpe: number | null;
  curve: BankrollDay[];
  /** Settled bets at real lines with real prices, and their win rate beside the break-even rate of the prices paid. */
  realPriced: RealBets;
  /** Always 0: strategies bet real-priced props only (a proxy line is the model's own guess, not a price). */
  proxyBets: number;
  clv: ClosingLineValue;
  /** The same real-priced figures per stat. */
  byStat: Record<string, RealBets & { clv: ClosingLineValue }>;
}

/** Real-priced bets of a strategy: count, win rate, the break-even rate of the prices paid, flat-stake ROI. */
export interface RealBets {
  bets: number;
  winRate: number | null;
  breakEvenRate: number | null;
  /** Profit per unit on one-unit stakes at the prices paid. */
  roi: number | null;
}

/** Counts of props by line source, per stat and in total. */
export interface PropCounts {
  props: number;
  real: number;
  proxy: number;
  /** Rows skipped because no model could be trained yet. */
  noModel: number;
  /** Rows skipped because there was neither a real line nor a season average for a proxy. */
  noLine: number;
}

/** Everything a backtest measured. */
export interface BacktestReport {
  settings: BacktestSettings;
  generatedAt: string;
  /** Game days replayed. */
  days: number;
  props: PropCounts;
  byStat: Record<string, PropCounts & { mae: number | null; played: number }>;
  /** Share of props on proxy lines, and the sentence every output repeats; null when every line was real. */
  proxy: { share: number; note: string } | null;
  models: ModelTraining[];
  /** Leakage checks over every prop: models trained only on earlier dates, lines captured before the cutoff. */
  leakage: { modelFromFuture: number; lineAfterCutoff: number; minutesFromFuture?: number };
  strategies: StrategyResult[];
  /** Model, vig-free market and their combination on real lines with real prices, per stat and in total; null when there were none. */
  market: MarketComparison | null;
  /** Market-aware layer per stat: days each distribution family priced, and the combination's fits. */
  marketLayer: Record<string, { familyDays: Partial<Record<DistributionFamily, number>>; guardDays: { combination: number; market: number }; fits: CombinerFit[] }>;
  reliability: { all: ReliabilityBin[]; real: ReliabilityBin[] };
}

/** What the use case needs besides the database. */
export interface BacktestHooks {
  /** Called after every replayed day. */
  onDay?: (day: BacktestDay) => void;
}
