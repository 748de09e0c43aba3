import {
  choosePenaltyWalkForward,
  InsufficientDataError,
  logLoss,
  MarketCombiner,
  type PenaltyChoiceRecord,
  type CombinerFitRow,
  type CombinerInput,
  type DistributionFamily,
  type MarketCombinerJSON,
} from '@propcast/prediction';

/** A graded prop at a real book's line and prices, as the walk-forward layer remembers it. */
export interface GradedRealProp {
  /** Game date: the prop is graded after its game, so it informs only later days. */
  date: string;
  book: string;
  line: number;
  predicted: number;
  /** Vig-free market P(over). */
  marketOver: number;
  /** The other books' consensus P(over) at this line (null: no other book quoted before the cutoff). */
  consensusOver: number | null;
  /** What the fitted combination said out of sample on its day (null: none was fitted yet); the guard's evidence. */
  combinedOver: number | null;
  /** P(over | no push) of every distribution family the model fitted. */
  familyOver: Partial<Record<DistributionFamily, number>>;
  over: 0 | 1;
}

/** Settings of {@link WalkForwardMarketLayer}. */
export interface MarketLayerOptions {
  /** Fewest earlier graded real-priced props to choose the distribution family by their log loss (default 300). */
  minSelectionProps: number;
  /** Fewest earlier graded real-priced props to fit the combination (default 200). */
  combinerMinRows: number;
  /**
   * Ridge penalty of the combination towards the market alone; 'walk-forward' (default) chooses it on earlier props
   * only (choosePenaltyWalkForward), again every `penaltyEveryDays` days.
   */
  combinerPenalty: number | 'walk-forward';
  /** Days between two walk-forward choices of the penalty (default 7). */
  penaltyEveryDays?: number;
  /** Feed the other books' consensus to the combination (default true; false: `propcast backtest --no-consensus`). */
  consensus?: boolean;
  /**
   * Walk-forward guard (default false; true: `propcast backtest --guard`; measured to hurt on the real lines, see the
   * README): a day is priced by the combination only when, on the
   * graded props of earlier days it priced out of sample, its log loss is at or below the market's; otherwise by the
   * vig-free market (the combination keeps being computed, so the evidence keeps growing).
   */
  guard?: boolean;
  /** Fewest out-of-sample props the guard needs before it lets the combination price (default 200). */
  guardMinProps?: number;
}

export const DEFAULT_MARKET_LAYER: MarketLayerOptions = {
  minSelectionProps: 300,
  combinerMinRows: 200,
  combinerPenalty: 'walk-forward',
  penaltyEveryDays: 7,
  consensus: true,
  guard: false,
  guardMinProps: 200,
};

/** One fit of the combination during a backtest. */
export interface CombinerFit extends MarketCombinerJSON {
  family: DistributionFamily;
}

/**
 * The walk-forward market-aware layer of one stat: before each replayed day it chooses the distribution family with
 * the lowest log loss on the real-priced props graded before that day (the model's own choice until there are
 * enough), and refits the combination of model and market probabilities on those same earlier props only.
 */
export class WalkForwardMarketLayer {
  private readonly history: GradedRealProp[] = [];
  private day: string | null = null;
  private chosen: DistributionFamily = 'residual';
  private combiner: MarketCombiner | null = null;
  private penaltyChoice: { date: string; penalty: number; record: PenaltyChoiceRecord } | null = null;
  private trusted = true;
  readonly fits: CombinerFit[] = [];
  /** Days the guard let the combination price, and days it priced with the market instead. */
  readonly guardDays = { combination: 0, market: 0 };
  /** Days each family priced. */
  readonly familyDays = new Map<DistributionFamily, number>();

  constructor(private readonly options: MarketLayerOptions = DEFAULT_MARKET_LAYER) {}

  /** Chooses the family and fits the combination for `date` from props graded before it; `modelFamily` is the model's own choice. */
  startDay(date: string, modelFamily: DistributionFamily, families: readonly DistributionFamily[]): void {
    this.day = date;
    const earlier = this.history.filter((p) => p.date < date);
    this.chosen = earlier.length >= this.options.minSelectionProps ? (lowestLogLoss(earlier, families) ?? modelFamily) : modelFamily;
    this.familyDays.set(this.chosen, (this.familyDays.get(this.chosen) ?? 0) + 1);
    const rows = earlier.flatMap((p) => {
      const modelOver = p.familyOver[this.chosen];
      const consensusOver = this.options.consensus === false ? null : p.consensusOver;
      return modelOver === undefined ? [] : [{ gameDate: p.date, book: p.book, modelOver, marketOver: p.marketOver, consensusOver, line: p.line, mean: p.predicted, over: p.over }];
    });
    this.trusted = this.options.guard !== true || this.guardAllows(earlier);
    try {
      const { penalty, penaltyChoice } = this.penalty(rows, date);
      this.combiner = MarketCombiner.fit(rows, { asOf: date, minRows: this.options.combinerMinRows, penalty, penaltyChoice });
      const last = this.fits[this.fits.length - 1];
      if (!last || last.fit.rows !== this.combiner.fit.rows || last.family !== this.chosen) this.fits.push({ ...this.combiner.toJSON(), family: this.chosen });
    } catch (err) {
      if (!(err instanceof InsufficientDataError)) throw err;
      this.combiner = null;
    }
    if (this.combiner) this.guardDays[this.trusted ? 'combination' : 'market']++;
  }

  /** The guard: the combination's out-of-sample log loss on earlier props it priced is at or below the market's on the same props. */
  private guardAllows(earlier: readonly GradedRealProp[]): boolean {
    const scored = earlier.filter((p) => p.combinedOver !== null);
    if (scored.length < (this.options.guardMinProps ?? 200)) return false;
    const outcomes = scored.map((p) => p.over);
    return (
      logLoss(
        scored.map((p) => p.combinedOver as number),
        outcomes,
      ) <=
      logLoss(
        scored.map((p) => p.marketOver),
        outcomes,
      )
    );
  }

  /** The given penalty, or the walk-forward choice (made on rows dated before its own day, reused for penaltyEveryDays). */
  private penalty(rows: readonly CombinerFitRow[], date: string): { penalty: number; penaltyChoice?: PenaltyChoiceRecord } {
    if (this.options.combinerPenalty !== 'walk-forward') return { penalty: this.options.combinerPenalty };
    const every = this.options.penaltyEveryDays ?? 7;
    const last = this.penaltyChoice;
    if (!last || last.record.scoredRows === 0 || (Date.parse(date) - Date.parse(last.date)) / 86_400_000 >= every) {
      const choice = choosePenaltyWalkForward(rows, { asOf: date, minRows: this.options.combinerMinRows });
      this.penaltyChoice = { date, penalty: choice.penalty, record: { scoredRows: choice.scoredRows, folds: choice.folds, candidates: choice.candidates } };
    }
    const chosen = this.penaltyChoice as NonNullable<typeof this.penaltyChoice>;
    return { penalty: chosen.penalty, penaltyChoice: chosen.record };
  }

  /** The family chosen for the current day. */
  get family(): DistributionFamily {
    return this.chosen;
  }

  /** The current combination's fit (null before enough graded real-priced props). */
  get combination(): MarketCombiner | null {
    return this.combiner;
  }

  /**
   * Combined P(over | no push) of a real-priced prop of the current day; null while no combination is fitted (the
   * caller then prices with the vig-free market, the combination's prior).
   */
  combine(input: CombinerInput): number | null {
    if (!this.combiner || this.day === null) return null;
    return this.combiner.combine(this.options.consensus === false ? { ...input, consensusOver: null } : input, this.day);
  }

  /** Whether the guard lets the current day's combination price (else the vig-free market prices; always true without the guard). */
  get combinationTrusted(): boolean {
    return this.trusted;
  }

  /** Remembers a graded real-priced prop (it informs days after its date only). */
  record(prop: GradedRealProp): void {
    this.history.push(prop);
  }
}

function lowestLogLoss(props: readonly GradedRealProp[], families: readonly DistributionFamily[]): DistributionFamily | null {
  let best: { family: DistributionFamily; loss: number } | null = null;
  for (const family of families) {
    const scored = props.filter((p) => p.familyOver[family] !== undefined);
    if (scored.length !== props.length) continue;
    const loss = logLoss(
      scored.map((p) => p.familyOver[family] as number),
      scored.map((p) => p.over),
    );
    if (!best || loss < best.loss) best = { family, loss };
  }
  return best?.family ?? null;
}
