/** Prop markets (Prisma enum StatType). */
export type PropStat = 'POINTS' | 'REBOUNDS' | 'ASSISTS' | 'THREES' | 'PRA';

/** All prop markets, in the order their line features appear. */
export const PROP_STATS: readonly PropStat[] = ['POINTS', 'REBOUNDS', 'ASSISTS', 'THREES', 'PRA'];

/** One player's box score line for one game (a DNP row included). Dates are `YYYY-MM-DD`. */
export interface PlayerGameLog {
  playerId: number;
  gameId: string;
  gameDate: string;
  /** NBA season label, e.g. "2018-19". */
  season: string;
  teamId: number;
  opponentTeamId: number;
  isHome: boolean;
  dnp: boolean;
  /** In the starting five (feature set v2's role features); absent when the source does not say. */
  started?: boolean;
  /** Decimal minutes; 0 for a DNP. */
  minutes: number;
  pts: number | null;
  reb: number | null;
  ast: number | null;
  fg3m: number | null;
  fgm: number | null;
  fga: number | null;
  fta: number | null;
  oreb: number | null;
  tov: number | null;
}

/** One team's totals for one game, plus what it allowed (the opponent's totals). */
export interface TeamGameLog {
  teamId: number;
  opponentTeamId: number;
  gameId: string;
  gameDate: string;
  season: string;
  pts: number | null;
  reb: number | null;
  ast: number | null;
  fga: number | null;
  fta: number | null;
  oreb: number | null;
  tov: number | null;
  /** Points, rebounds and assists scored by the opponent in this game. */
  oppPts: number | null;
  oppReb: number | null;
  oppAst: number | null;
}

/** A sportsbook prop line as it was known at `capturedAt`. */
export interface PropLineSnapshot {
  playerId: number;
  gameId: string;
  stat: PropStat;
  line: number;
  /** A Date or an ISO-8601 instant. */
  capturedAt: Date | string;
  book: string;
}

/** A played or scheduled player-game to compute features for. */
export interface TargetGame {
  playerId: number;
  gameId: string;
  gameDate: string;
  season: string;
  teamId: number;
  opponentTeamId: number;
  isHome: boolean;
  /** Nothing known at or after this instant may reach the features (prop lines). */
  cutoffAt: Date;
}

/** The features of one target game, `values` in the feature set's order, NaN = missing. */
export interface FeatureVector {
  featureSetId: string;
  playerId: number;
  gameId: string;
  gameDate: string;
  teamId: number;
  opponentTeamId: number;
  cutoffAt: Date;
  values: Float32Array;
}

/** Everything known about past games: player rows and the matching team rows. */
export interface GameHistory {
  playerLogs: readonly PlayerGameLog[];
  teamLogs: readonly TeamGameLog[];
}

/** Player availability statuses, least to most severe reversed: AVAILABLE is no doubt, OUT is out. */
export type AvailabilityStatus = 'OUT' | 'DOUBTFUL' | 'QUESTIONABLE' | 'PROBABLE' | 'AVAILABLE';

/** A player status report for one game as it was known at `reportedAt` (an injury report, or derived from a box score). */
export interface AvailabilityReport {
  playerId: number;
  teamId: number;
  gameId: string;
  status: AvailabilityStatus;
  /** A Date or an ISO-8601 instant; features use only reports made strictly before their cutoff. */
  reportedAt: Date | string;
}

/** A game line snapshot (spread and total of one book) as known at `capturedAt`; never the game's result. */
export interface GameLineSnapshot {
  gameId: string;
  book: string;
  /** Home team's spread (negative when the home team is favoured); null when the book had none. */
  homeSpread: number | null;
  total: number | null;
  /** A Date or an ISO-8601 instant; features use only snapshots captured strictly before their cutoff. */
  capturedAt: Date | string;
}

/** What a date's targets may know besides box scores and prop lines (feature set v2 reads it; v1 ignores it). */
export interface PregameContext {
  availability: readonly AvailabilityReport[];
  gameLines: readonly GameLineSnapshot[];
}

/** A context with nothing known. */
export const EMPTY_PREGAME_CONTEXT: PregameContext = Object.freeze({ availability: Object.freeze([]), gameLines: Object.freeze([]) });
