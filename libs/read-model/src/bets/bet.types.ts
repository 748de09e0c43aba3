import type { StatType } from '@propcast/contracts';
import type { BetResult, LineOutcome, Side } from '@propcast/prediction';

/** A bet to record (validated). */
export interface NewBet {
  playerId: number;
  gameId: string;
  gameDate: string;
  stat: StatType;
  side: Side;
  line: number;
  price: number;
  stake: number;
  book: string;
  takenAt: Date;
  predictionId: string | null;
  modelId: string | null;
  modelProbability: number | null;
  modelExpectedValue: number | null;
  note: string | null;
}

/** A stored bet with what the box score and the closing line say about it. */
export interface StoredBet {
  id: string;
  playerId: number;
  playerName: string | null;
  gameId: string;
  gameDate: string;
  stat: StatType;
  side: Side;
  line: number;
  price: number;
  stake: number;
  book: string;
  takenAt: string;
  predictionId: string | null;
  modelId: string | null;
  modelProbability: number | null;
  modelExpectedValue: number | null;
  note: string | null;
  /** The game has a box score (or is FINAL). */
  gameOver: boolean;
  box: { dnp: boolean; minutes: number; pts: number | null; reb: number | null; ast: number | null; fg3m: number | null } | null;
  /** The same book's last snapshot after the bet and before tip-off. */
  closing: { line: number; overPrice: number | null; underPrice: number | null; capturedAt: string } | null;
}

/** A bet as GET /bets returns it: graded on read against the box score. */
export interface BetView extends Omit<StoredBet, 'box' | 'gameOver'> {
  /** REAL for a book's price, PROXY when logged at the proxy book. */
  lineSource: 'REAL' | 'PROXY';
  /** OPEN until the game has a box score. */
  status: 'OPEN' | 'SETTLED';
  actual: number | null;
  outcome: LineOutcome | null;
  result: BetResult | null;
  /** Profit at the price paid (0 while open, for pushes and voids). */
  profit: number;
  /** stake × the model's EV per unit at the price paid; null without a model expectation. */
  expectedProfit: number | null;
  /** The vig-free closing probability of the side when the line did not move (both closing prices known). */
  closingProbability: number | null;
  /** Points the line moved the bet's way by the close (over: close - line; under: line - close). */
  lineClv: number | null;
  /** Vig-free closing probability / probability implied by the price paid - 1 (line unchanged). */
  priceClv: number | null;
}
