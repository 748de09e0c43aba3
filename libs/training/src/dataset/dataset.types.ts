import type { ModelTarget, StatType } from '@propcast/contracts';
import type { DateWindow } from '@propcast/model-registry';

export type { DateWindow };

/**
 * Every played player-game (minutes > 0) of a feature set in a window, with the five targets:
 * columnar arrays indexed by row, features row-major (`size × featureNames.length`, NaN = missing).
 */
export interface PlayerGameRows {
  featureSetId: string;
  featureNames: readonly string[];
  window: DateWindow;
  size: number;
  /** feature_rows.id of each row (the dataset fingerprint hashes them). */
  rowIds: Float64Array;
  playerIds: Int32Array;
  gameIds: string[];
  gameDates: string[];
  /** Minutes actually played. */
  minutes: Float32Array;
  features: Float32Array;
  /** Realised stat per row, NaN when a needed box-score count is unknown. */
  targets: Record<StatType, Float32Array>;
  /** Latest real prop line captured before the row's cutoff (mean over books at that instant), NaN when none. */
  lines: Record<StatType, Float32Array>;
}

/** The rows of one stat whose target is known: what a model of that stat trains and is evaluated on. */
export interface StatDataset {
  stat: ModelTarget;
  featureSetId: string;
  featureNames: readonly string[];
  window: DateWindow;
  size: number;
  rowIds: Float64Array;
  playerIds: Int32Array;
  gameIds: string[];
  gameDates: string[];
  minutes: Float32Array;
  features: Float32Array;
  target: Float32Array;
  line: Float32Array;
}

/** What a row source is asked for. */
export interface PlayerGameRowQuery {
  featureSetId: string;
  /** Expected vector order; every stored vector must have this length. */
  featureNames: readonly string[];
  window: DateWindow;
  /** Season types to include (Prisma SeasonType names); default regular season, play-in and playoffs. */
  seasonTypes?: readonly string[];
}

/** Where datasets come from (the feature store's feature_rows joined to box scores, or an in-memory fixture). */
export interface PlayerGameRowSource {
  /** Reads every played player-game of the query, ordered by game date then row id. */
  read(query: PlayerGameRowQuery): Promise<PlayerGameRows>;
}
