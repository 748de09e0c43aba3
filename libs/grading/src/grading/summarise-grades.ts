import { brierScore, expectedCalibrationError, hitRate, logLoss, mae, roi, type BetResult, type LineOutcome } from '@propcast/prediction';

/** A graded prediction as the aggregates see it. */
export interface GradedRow {
  playerId: number;
  gameId: string;
  predictedMean: number;
  /** null = did not play (void) */
  actual: number | null;
  outcome: LineOutcome | null;
  result: BetResult;
  profit: number;
  overProbability: number | null;
  /** The model's own over-probability before the market combination (null: the row was priced by the model alone). */
  modelOverProbability?: number | null;
  /** The book's vig-free over-probability, when the line came with prices. */
  marketOverProbability: number | null;
  /** The book the line came from ('' without a line; 'PROXY' for proxy lines, which are not a market). */
  book: string;
}

/** Aggregates of one (model, stat, date) or any other group of graded rows; null where undefined (nothing to measure). */
export interface GradeAggregates {
  /** Distinct player-games predicted. */
  n: number;
  /** Mean |predicted - actual| over distinct player-games that were played. */
  mae: number | null;
  /** Wins / (wins + losses) of recommended bets. */
  hitRate: number | null;
  /** Settled recommended bets (win, loss or push; voids are refunded and not counted). */
  bets: number;
  /** Profit per unit staked on settled bets (one unit each). */
  roi: number | null;
  /** Share of the distinct player-games that were played and graded with an actual value. */
  coverage: number | null;
  /** Brier score of the over-probability on rows with a line that ended over or under (pushes and voids left out). */
  brier: number | null;
  /** Expected calibration error (10 equal-width bins) on the same rows as `brier`. */
  ece: number | null;
  /** Rows priced at a real book's odds (not a proxy line) that ended over or under: the market comparison's rows. */
  realProps: number;
  /** The model's Brier score on those rows. */
  brierReal: number | null;
  /** The vig-free market's Brier score on the same rows: below `brierReal` means the book was better calibrated. */
  marketBrier: number | null;
  /** Log loss of the priced over-probability (the combined one where a combiner priced the row) on those rows. */
  logLossReal: number | null;
  /** The vig-free market's log loss on the same rows. */
  marketLogLoss: number | null;
  /** Brier and log loss of the model's own over-probability (before the combination) on the same rows. */
  modelBrierReal: number | null;
  modelLogLossReal: number | null;
}

/** Proxy lines (a season average at -110/-110) are stored under this book; their prices are not a market. */
export const PROXY_BOOK = 'PROXY';

function isRealPrice(r: GradedRow): boolean {
  return r.marketOverProbability !== null && r.overProbability !== null && r.book !== '' && r.book.toUpperCase() !== PROXY_BOOK && (r.outcome === 'OVER' || r.outcome === 'UNDER');
}

const SETTLED: readonly BetResult[] = ['WIN', 'LOSS', 'PUSH'];

/**
 * MAE, hit rate, bets, ROI, coverage, Brier and ECE of graded rows, and the model against the market on the rows priced
 * at a real book's odds. Every row with a line counts for betting and calibration (one row per book); MAE and coverage
 * count each player-game once.
 */
export function summariseGrades(rows: readonly GradedRow[]): GradeAggregates {
  const byPlayerGame = new Map<string, GradedRow>();
  for (const r of rows) byPlayerGame.set(`${r.playerId}:${r.gameId}`, r);
  const played = [...byPlayerGame.values()].filter((r) => r.actual !== null);
  const bets = rows.filter((r) => SETTLED.includes(r.result));
  const calibrated = rows.filter((r) => r.overProbability !== null && (r.outcome === 'OVER' || r.outcome === 'UNDER'));
  const probs = calibrated.map((r) => r.overProbability as number);
  const outcomes = calibrated.map((r) => (r.outcome === 'OVER' ? 1 : 0));
  const real = rows.filter(isRealPrice);
  const realOutcomes = real.map((r) => (r.outcome === 'OVER' ? 1 : 0));
  const priced = real.map((r) => r.overProbability as number);
  const market = real.map((r) => r.marketOverProbability as number);
  const own = real.map((r) => r.modelOverProbability ?? (r.overProbability as number));
  return {
    n: byPlayerGame.size,
    mae: orNull(
      mae(
        played.map((r) => r.predictedMean),
        played.map((r) => r.actual as number),
      ),
    ),
    hitRate: orNull(hitRate(rows.map((r) => r.result))),
    bets: bets.length,
    roi: orNull(
      roi(
        bets.map((r) => r.profit),
        bets.map(() => 1),
      ),
    ),
    coverage: byPlayerGame.size > 0 ? played.length / byPlayerGame.size : null,
    brier: orNull(brierScore(probs, outcomes)),
    ece: orNull(expectedCalibrationError(probs, outcomes)),
    realProps: real.length,
    brierReal: orNull(brierScore(priced, realOutcomes)),
    marketBrier: orNull(brierScore(market, realOutcomes)),
    logLossReal: orNull(logLoss(priced, realOutcomes)),
    marketLogLoss: orNull(logLoss(market, realOutcomes)),
    modelBrierReal: orNull(brierScore(own, realOutcomes)),
    modelLogLossReal: orNull(logLoss(own, realOutcomes)),
  };
}

function orNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
