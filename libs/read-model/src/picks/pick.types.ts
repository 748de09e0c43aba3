import type { StatType } from '@propcast/contracts';
import type { BetResult, LineOutcome, Recommendation, RecommendationReason, Side } from '@propcast/prediction';

/** One book's priced line of a prop, as the serving prediction of that book stored it. */
export interface Offer {
  predictionId: string;
  playerId: number;
  playerName: string | null;
  gameId: string;
  stat: StatType;
  modelId: string;
  modelVersion: number;
  book: string;
  predictedMean: number;
  line: number;
  overPrice: number | null;
  underPrice: number | null;
  /** Calibrated P(over) the worker stored (push included in the remainder): combined with the market where a combiner priced it. */
  overProbability: number;
  /** The model's own P(over) before any market combination (null on rows stored before the column existed). */
  modelOverProbability: number | null;
  /** Quality flags the worker stored. */
  flags: string[];
}

/** A stored line snapshot of the day. */
export interface LineSnapshotView {
  book: string;
  line: number;
  overPrice: number | null;
  underPrice: number | null;
  capturedAt: string;
  lineSource: 'REAL' | 'PROXY';
}

/** The best price found for one side of a prop. */
export interface BestPrice {
  book: string;
  line: number;
  /** American odds; -110 when no book priced the side (flag assumed_price). */
  price: number;
  expectedValue: number;
  edge: number;
  lineSource: 'REAL' | 'PROXY';
}

/** How a call did once the game was played (computed from the box score on read). */
export interface PickResult {
  /** The realised stat; null when the player did not play. */
  actual: number | null;
  outcome: LineOutcome;
  /** NO_BET for a PASS call. */
  result: BetResult;
  /** Profit of one unit staked on the call at the pick's price. */
  profitPerUnit: number;
}

/** A game of the slate. */
export interface GameView {
  id: string;
  gameDate: string;
  status: 'SCHEDULED' | 'FINAL';
  tipoffAt: string | null;
  homeTeam: string;
  awayTeam: string;
  homeTeamId: number;
  awayTeamId: number;
  homeScore: number | null;
  awayScore: number | null;
}

/**
 * A prop (player, game, stat, model) with the best price across books for each side and the call made at the better
 * of the two; `lineSource` says whether the price is a real book's or a PROXY line.
 */
export interface Pick {
  /** The stored prediction of the pick's book. */
  predictionId: string;
  gameId: string;
  gameDate: string;
  matchup: string;
  gameStatus: 'SCHEDULED' | 'FINAL' | null;
  tipoffAt: string | null;
  playerId: number;
  playerName: string | null;
  team: string | null;
  opponent: string | null;
  stat: StatType;
  modelId: string;
  modelVersion: number;
  predictedMean: number;
  /** OVER / UNDER when the better side passes the gates at its best price, else PASS. */
  call: Recommendation;
  reason: RecommendationReason;
  /** The side with the higher EV at its best price (what PASS passed on). */
  side: Side;
  line: number;
  price: number;
  book: string;
  lineSource: 'REAL' | 'PROXY';
  /** The priced P(side | no push) at the pick's line: the model combined with the market where a combiner priced it. */
  modelProbability: number;
  /** The model's own P(side | no push) at the pick's line, before any market combination (null when not stored). */
  ownProbability: number | null;
  /** The model's own P(over) as the worker stored it (null when not stored); `overProbability` is the priced one. */
  modelOverProbability: number | null;
  /** The vig-free market's P(side) at the pick's book. */
  marketProbability: number;
  overProbability: number;
  pushProbability: number;
  edge: number;
  expectedValue: number;
  /** Capped fractional Kelly stake (share of bankroll); 0 on PASS. */
  kellyFraction: number;
  confidence: number;
  bestOver: BestPrice;
  bestUnder: BestPrice;
  /** Books whose lines were compared (proxy lines only when no real book priced the prop). */
  books: number;
  flags: string[];
  history?: LineSnapshotView[];
  result: PickResult | null;
  distribution?: { from: number; p: number[] };
}
